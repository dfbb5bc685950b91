"""A study of three real annual reports whose numbers are all unclassified (no registry
indicator), built up to its generated pages: the README walkthrough, in process, without the
site (the slow walkthrough in test_own_study renders it)."""

from __future__ import annotations

from pathlib import Path

from fazhi_stats.cli.main import main

REPO = Path(__file__).resolve().parents[1]
TEXTS = REPO / "tests" / "data" / "evaluation" / "texts"

#: three real reports of three regions the shipped registry does not know
DOCUMENTS = [
    ("minhang_2018_fzzf_niandu_baogao.txt", "minhang-2018-report", "310112", "2018"),
    ("shijiazhuang_2016_fzzf_qingkuang_baogao.txt", "shijiazhuang-2016-report", "130100", "2016"),
    ("luqiao_2021_fzzf_niandu_baogao.txt", "luqiao-2021-report", "331004", "2021"),
]
REGIONS = """regions:
  - {code: "310000", name_zh: 上海市, name_en: Shanghai, level: province}
  - {code: "310112", name_zh: 闵行区, name_en: Minhang District, level: county, parent_code: "310000"}
  - {code: "130000", name_zh: 河北省, name_en: Hebei, level: province}
  - {code: "130100", name_zh: 石家庄市, name_en: Shijiazhuang, level: prefecture, parent_code: "130000"}
  - {code: "330000", name_zh: 浙江省, name_en: Zhejiang, level: province}
  - {code: "331000", name_zh: 台州市, name_en: Taizhou, level: prefecture, parent_code: "330000"}
  - {code: "331004", name_zh: 路桥区, name_en: Luqiao District, level: county, parent_code: "331000"}
"""


def build_unclassified_study(root: Path) -> Path:
    """init, add the three reports, accept the extractor's drafts as they are, and build every
    stage but the site; returns the study's root."""
    from fazhi_stats.build.pipeline import STAGES, run_stages
    from fazhi_stats.project import Project

    assert main(["init", str(root), "--title-zh", "三地法治政府年度报告"]) == 0
    (root / "registry" / "regions.yml").write_text(REGIONS, encoding="utf-8")
    for file, doc_id, region, year in DOCUMENTS:
        options = ["--id", doc_id, "--region", region, "--kind", "report", "--period", year]
        assert main(["add-document", str(TEXTS / file), "--root", str(root), *options]) == 0
        assert main(["annotate", "--propose", doc_id, "--root", str(root)]) == 0
    for draft in (root / "data" / "raw" / "annotations").glob("*-report.yml"):
        text = draft.read_text(encoding="utf-8")
        draft.write_text(text.replace("  reviewed: false\n", ""), encoding="utf-8")
    run_stages(Project(root), tuple(s for s in STAGES if s.staged))
    return root
