"""The extraction commands: extract, annotate --propose, audit, evaluate."""

from __future__ import annotations

import argparse
import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from fazhi_stats.cli import annotate, audit, evaluate, extract
from fazhi_stats.cli.main import main
from fazhi_stats.errors import DataError
from fazhi_stats.extract.claims import RECORD_FIELDS, extract_claims
from fazhi_stats.project import Project
from fazhi_stats.sources.annotations import load_annotations
from fazhi_stats.sources.documents import load_sources, read_text

EVALUATION = Path(__file__).parent / "data" / "evaluation"


def parse(module: object, argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    module.add_parser(parser.add_subparsers())  # type: ignore[attr-defined]
    return parser.parse_args(argv)


def run(module: object, argv: list[str]) -> int:
    args = parse(module, argv)
    code: int = args.run(args)
    return code


# --------------------------------------------------------------------------- extract


def test_extract_jsonl_fields_and_offsets(
    repo: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(extract, ["extract", str(repo.documents_dir)]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) >= 50
    texts = {p.stem: read_text(p)[0] for p in repo.documents_dir.glob("*.txt")}
    for r in records:
        assert tuple(r) == RECORD_FIELDS
        assert texts[r["document"]][r["char_start"] : r["char_end"]] == r["text"]
        assert r["kind"] in ("target", "actual", "unknown")
    assert [r["document"] for r in records] == sorted(r["document"] for r in records)
    assert "claims from 5 files" in err


def test_claim_json_line_writes_what_the_json_encoder_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = sorted((EVALUATION / "texts").glob("*.txt"))
    claims = [
        c for path in texts for c in extract_claims(read_text(path)[0], document_id=path.stem)
    ]
    assert len(claims) > 100
    expected = [extract.json_line(claim.to_record()) for claim in claims]
    with monkeypatch.context() as patched:  # the extractor's claims take the fast path
        patched.setattr(extract, "json_line", lambda record: pytest.fail("general path"))
        assert [extract.claim_json_line(claim) for claim in claims] == expected
    odd = [
        # quotes, a backslash, a control character, a letter beyond the BMP, no document
        replace(claims[0], text='"\\\n\u0007𠀀', document=None, label="行 / 列", per="year"),
        replace(claims[0], value=float("nan"), value_upper=float("inf")),  # JSON's NaN, Infinity
        replace(claims[0], value=12, year=True),  # not a float, not an int: the general path
        replace(claims[0], value_std=-0.0, value_std_upper=1e-300, hedged=True, year=None),
    ]
    for claim in odd:
        line = extract.claim_json_line(claim)
        assert line == extract.json_line(claim.to_record())
        assert line.endswith("}\n") and "\n" not in line[:-1]
        assert tuple(json.loads(line, parse_constant=str)) == RECORD_FIELDS
    assert '"value": NaN, "value_upper": Infinity' in extract.claim_json_line(odd[1])


def test_extract_csv_to_file_with_two_jobs_equals_one_job(repo: Project, tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert (
        run(extract, ["extract", str(repo.documents_dir), "--format", "csv", "--output", str(one)])
        == 0
    )
    args = [
        "extract",
        str(repo.documents_dir),
        "--format",
        "csv",
        "--jobs",
        "2",
        "--output",
        str(two),
    ]
    assert run(extract, args) == 0
    assert one.read_bytes() == two.read_bytes()
    rows = list(csv.DictReader(io.StringIO(one.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == RECORD_FIELDS
    mediation = [r for r in rows if r["indicator_id"] == "mediation_success_rate"]
    assert [(r["value"], r["unit"], r["kind"]) for r in mediation] == [("99.7", "%", "actual")]
    assert [p.name for p in tmp_path.iterdir()] == sorted(["one.csv", "two.csv"])  # no temp files


def test_extract_reports_and_skips_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gbk.txt").write_bytes("调处成功率达99.7%。".encode("gbk"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00\x01" * 10)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "plain.txt").write_text("没有数字。", encoding="utf-8")
    code = run(extract, ["extract", str(tmp_path), str(tmp_path / "missing.txt")])
    out, err = capsys.readouterr()
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["document"], r["text"], r["value"]) for r in records] == [("gbk", "达99.7%", 99.7)]
    assert f"{tmp_path / 'binary.txt'}: binary data" in err
    assert f"{tmp_path / 'empty.txt'}: the document is empty" in err
    assert f"{tmp_path / 'missing.txt'}: No such file or directory" in err
    assert "Traceback" not in err
    assert "3 skipped" in err


def test_extract_rejects_bad_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        parse(extract, ["extract", "x.txt", "--jobs", "0"])
    assert exc.value.code == 2
    assert "0 is not at least 1" in capsys.readouterr().err


def test_extract_is_wired_into_the_cli(repo: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo.documents_dir / "haicang-2017-work-plan.txt"
    assert main(["extract", str(path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["value"], r["unit"], r["comparator"]) for r in records] == [
        (1.0, "期", "ge"),
        (2.0, "期", "ge"),
    ]


# --------------------------------------------------------------------------- annotate


def test_annotate_proposes_a_draft_and_keeps_existing_files(
    study: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--root", str(study.root)]
    target = study.annotations_dir / "haicang-2017-work-plan.yml"
    before = target.read_bytes()
    assert run(annotate, ["annotate", "--propose", "haicang-2017-work-plan", *root]) == 1
    assert "exists" in capsys.readouterr().err and target.read_bytes() == before

    assert run(annotate, ["annotate", "--propose", "haicang-2017-work-plan", "--force", *root]) == 0
    draft = yaml.safe_load(target.read_text(encoding="utf-8"))
    entries = draft["observations"]
    assert [(e["value"], e["unit"], e["kind"], e["indicator_id"]) for e in entries] == [
        (1, "期", "target", "leader_law_training_courses_per_year"),
        (2, "期", "target", "leader_law_lectures_per_year"),
    ]
    assert all(e["reviewed"] is False for e in entries)
    assert target.read_text(encoding="utf-8").startswith("# DRAFT")

    # unreviewed drafts are refused with a message that says what to do
    with pytest.raises(DataError, match=r"draft entry not yet reviewed \(reviewed: false\)"):
        load_annotations(study.annotations_dir, load_sources(study.documents_dir))
    # once a reviewer fills in the scope and marks the entries reviewed, the file is valid
    for e in entries:
        e["scope"], e["year"] = "海沧区", 2017
        del e["reviewed"]
    target.write_text(yaml.safe_dump(draft, allow_unicode=True), encoding="utf-8")
    observations, _ = load_annotations(study.annotations_dir, load_sources(study.documents_dir))
    assert sum(o.document_id == "haicang-2017-work-plan" for o in observations) == 2


def test_annotate_a_path_to_another_file(study: Project, tmp_path: Path) -> None:
    text = tmp_path / "new-report.txt"
    text.write_text(
        "某县关于2021年法治政府建设情况的报告\n全年共办理行政复议案件27件。\n", encoding="utf-8"
    )
    out = tmp_path / "draft.yml"
    assert run(annotate, ["annotate", "--propose", str(text), "--output", str(out)]) == 0
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert draft["document_id"] == "new-report"
    assert [(e["value"], e["kind"], e["quote"]) for e in draft["observations"]] == [
        (27, "actual", "全年共办理行政复议案件27件")
    ]


def test_annotate_unknown_document(study: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(annotate, ["annotate", "--propose", "nope", "--root", str(study.root)]) == 1
    err = capsys.readouterr().err
    assert "no document 'nope'" in err and "jiaocheng-2020-report" in err


# --------------------------------------------------------------------------- audit


def test_audit_lists_unannotated_claims_and_missed_annotations(
    study: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = study.annotations_dir / "jiaocheng-2020-report.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["observations"] = [o for o in data["observations"] if o["value"] != 357]
    data["observations"].append(
        {
            "indicator_id": "instant_approval_items_count",
            "kind": "actual",
            "value": 3,
            "unit": "项",
            "year": 2020,
            "scope": "蕉城区公共法律服务中心基本职能",
            "quote": "法律援助、人民调解、法律咨询3项基本职能",
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run(audit, ["audit", "jiaocheng-2020-report", "--root", str(study.root)]) == 0
    out = capsys.readouterr().out
    unannotated, missed = out.split("annotations the extractor misses")
    assert "claims without an annotation (1)" in unannotated and "[357家]" in unannotated
    # the extractor leaves baselines (由原来5个缩减到…) out by design; the curators annotate them
    assert "(2):" in missed and "法律咨询3项基本职能" in missed
    assert "baseline  approval_circulation_steps_count  原来5个" in missed


def test_audit_unknown_document(study: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(audit, ["audit", "nope", "--root", str(study.root)]) == 1
    assert "no document 'nope'" in capsys.readouterr().err


# --------------------------------------------------------------------------- evaluate


def test_evaluate_writes_a_stable_table(study: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(evaluate, ["evaluate", "--root", str(study.root)]) == 0
    out = capsys.readouterr().out
    assert "Extraction against the annotations" in out
    table = study.tables_dir / "extraction_quality.csv"
    first = table.read_bytes()
    lines = first.decode("utf-8").splitlines()
    assert lines[0] == (
        "document_id,annotations,claims,matched,precision,recall,kind_accuracy,"
        "indicator_accuracy,year_accuracy,family_accuracy"
    )
    ids = [line.split(",")[0] for line in lines[1:]]
    assert ids[-1] == "all" and ids[:-1] == sorted(ids[:-1]) and len(ids) == 6
    all_row = dict(zip(lines[0].split(","), lines[-1].split(","), strict=True))
    assert float(all_row["recall"]) >= 0.95 and float(all_row["precision"]) >= 0.90
    assert all(len(v.split(".")[1]) == 4 for k, v in all_row.items() if "." in v)
    assert run(evaluate, ["evaluate", "--root", str(study.root)]) == 0
    assert table.read_bytes() == first


def test_evaluate_a_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "quality.csv"
    gold = str(EVALUATION / "gold.json")
    assert main(["evaluate", "--gold", gold, str(EVALUATION), "--output", str(output)]) == 0
    out = capsys.readouterr().out
    assert "texts/fangcheng_2024_xingzheng_fuyi_anjian_qingkuang.txt" in out
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert rows[-1]["document_id"] == "all" and int(rows[-1]["annotations"]) == 131
    assert rows[-1]["indicator_accuracy"] == ""  # the gold file labels no indicators
    assert main(["evaluate", "--gold", gold, "--errors"]) == 0  # DIR defaults to the file's
    assert "Extraction against" in capsys.readouterr().out


def test_evaluate_reports_every_problem_of_a_gold_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("共办理12件。", encoding="utf-8")
    records = [
        {"file": "a.txt", "char_start": 3, "char_end": 5, "surface": "13", "is_claim": True,
         "value": 12, "kind": "actual"},
        {"file": "a.txt", "char_start": 3, "char_end": 5, "surface": "12", "is_claim": True,
         "value": "12", "kind": "done", "family": "nope"},
        {"file": "b.txt", "char_start": 0, "char_end": 1, "surface": "1", "is_claim": False},
    ]  # fmt: skip
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(records), encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold)]) == 1
    err = capsys.readouterr().err
    assert "5 problems found" in err and "Traceback" not in err
    assert "record 0 (a.txt:3): text[3:5] is '12', not '13'" in err
    assert "record 1 (a.txt:3): a claim's value is '12', not a number" in err
    assert "kind 'done' is not one of" in err and "family 'nope' is not one of" in err
    assert "record 2 (b.txt:0): text" in err and "cannot be read" in err


def test_evaluate_says_once_that_a_text_is_not_there_and_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Paths relative to the wrong folder: one problem per text (not one per record), with
    the folder the paths are relative to."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("共办理12件，办结10件。", encoding="utf-8")
    records = [
        {"file": "texts/a.txt", "char_start": 3, "char_end": 5, "surface": "12", "is_claim": True,
         "value": 12, "kind": "actual"},
        {"file": "texts/a.txt", "char_start": 9, "char_end": 11, "surface": "10", "is_claim": True,
         "value": 10, "kind": "actual"},
        {"file": "texts/b.txt", "char_start": 0, "char_end": 1, "surface": "1", "is_claim": False},
    ]  # fmt: skip
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(records), encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold), str(texts)]) == 1
    err = capsys.readouterr().err
    assert "2 problems found" in err
    assert f"record 0 (texts/a.txt:3): text {texts / 'texts' / 'a.txt'} cannot be read" in err
    assert "(1 more record of it not checked)" in err
    assert f"{tmp_path / 'texts' / 'a.txt'} exists: give {tmp_path} as DIR" in err
    assert "record 2 (texts/b.txt:0)" in err and "b.txt exists" not in err
    assert main(["evaluate", "--gold", str(gold), str(tmp_path)]) == 1  # b.txt is still missing
    assert main(["evaluate", "--gold", str(gold)]) == 1


def test_evaluate_reports_an_invalid_corpus(
    study: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = study.annotations_dir / "haicang-2017-work-plan.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 2", "value: 7"), encoding="utf-8"
    )
    assert run(evaluate, ["evaluate", "--root", str(study.root)]) == 1
    err = capsys.readouterr().err
    assert "haicang-2017-work-plan.yml" in err and "Traceback" not in err
    assert not (study.tables_dir / "extraction_quality.csv").exists()
