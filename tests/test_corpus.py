"""Raw corpus: byte-identical copies, sidecars, decoding."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import pytest

from fazhi_stats import DataError
from fazhi_stats.errors import DecodeError
from fazhi_stats.project import Project
from fazhi_stats.sources.documents import SIDECAR_FIELDS, decode_bytes, load_sources, read_sidecar

SEEDS_README = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "README.md"
# The sha256 of each seed as published in shared/seeds/README.md, by source file name.
EXPECTED = {
    "000_bc1c4862663b1f56.txt": "96ac35a086bd9b0f965f4e439c18a276b273cbf6201666cfdf617c05983ea664",
    "001_ad68aa3ccedb1f65.txt": "956873aa5f17cbb21e7e1dacd0dc80b43e92d15ef4deb95f3db2bf2b7b1e0a2b",
    "002_7f564c0039794e89.txt": "68e90e77b7010dd5ac4c0688ae95f1267dd1d255274a1bc893010fc72d723e57",
    "003_4e88356533e0e0b7.txt": "407e7688fd20b56f21a68858cf38b4e3c844aa3d0dfaf5f5b4ca86665f1e749c",
    "004_16a98f4a12487e66.txt": "76c314ff44b9a676fe552f6d6b26e7654889ff602d0ff98d3fcd55be9b9ec5f0",
}


def test_expected_hashes_match_the_seeds_readme_when_present() -> None:
    if not SEEDS_README.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    listed = {
        name: sha
        for sha, name in re.findall(r"([0-9a-f]{64})\s+(\S+\.txt)", SEEDS_README.read_text())
    }
    assert listed == EXPECTED


def test_every_document_is_a_byte_identical_copy(repo: Project) -> None:
    docs = load_sources(repo.documents_dir)
    assert len(docs) == 5
    by_source = {d.meta.source_file: d for d in docs.values()}
    assert set(by_source) == set(EXPECTED)
    for source, sha in EXPECTED.items():
        doc = by_source[source]
        assert hashlib.sha256(doc.path.read_bytes()).hexdigest() == sha
        assert doc.meta.sha256 == sha


def test_sidecars_have_every_field_and_match_their_file(repo: Project) -> None:
    import yaml

    for sidecar in sorted(repo.documents_dir.glob("*.yml")):
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        assert set(SIDECAR_FIELDS) <= set(data), sidecar.name
        assert data["document_id"] == sidecar.stem
        assert sidecar.with_suffix(".txt").exists()


def test_unknown_region_stays_in_with_a_note(repo: Project) -> None:
    meta = read_sidecar(repo.documents_dir / "civil-affairs-bureau-undated-plan.yml")
    assert meta.region_code is None
    assert meta.note and "unknown" in meta.note.lower()


def test_regions_of_the_study_documents(repo: Project) -> None:
    docs = load_sources(repo.documents_dir)
    assert {d.meta.region_code for d in docs.values()} == {
        "350205",
        "420625",
        "350902",
        "441200",
        None,
    }


TEXT = "法治政府建设：调处成功率达99.7%。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_decoding_detects_the_encoding(data: bytes, encoding: str) -> None:
    text, detected = decode_bytes(data, source="x.txt")
    assert text == TEXT
    assert detected == encoding


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (bytes(range(0x80, 0x100)) * 3, "neither UTF-8"),
    ],
)
def test_undecodable_input_names_the_file(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, source="data/raw/documents/bad.txt")
    assert "data/raw/documents/bad.txt" in str(info.value)
    assert message in str(info.value)


def test_changed_document_fails_its_checksum(study: Project) -> None:
    path = study.documents_dir / "haicang-2017-work-plan.txt"
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(DataError) as info:
        load_sources(study.documents_dir)
    message = str(info.value)
    assert "haicang-2017-work-plan.yml" in message and "sha256" in message


def test_missing_sidecar_and_missing_field_are_reported_together(study: Project) -> None:
    (study.documents_dir / "gucheng-2014-2016-work-plan.yml").unlink()
    sidecar = study.documents_dir / "jiaocheng-2020-report.yml"
    sidecar.write_text(
        "\n".join(
            line
            for line in sidecar.read_text(encoding="utf-8").splitlines()
            if not line.startswith("doc_kind")
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_sources(study.documents_dir)
    problems = [str(p) for p in info.value.problems]  # type: ignore[attr-defined]
    assert any(
        "gucheng-2014-2016-work-plan.txt" in p and "no metadata sidecar" in p for p in problems
    )
    assert any("jiaocheng-2020-report.yml" in p and "doc_kind" in p for p in problems)


def test_normalised_view_maps_back_to_the_document(repo: Project) -> None:
    docs = load_sources(repo.documents_dir)
    doc = docs["jiaocheng-2020-report"]
    view = doc.normalised()
    start = view.text.index("99.7%")
    o0, o1 = view.to_original(start, start + 5)
    assert doc.text[o0:o1] == "99.7%"


def test_sources_are_found_from_a_study_directory_as_the_other_loaders_find_tables(
    repo: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sorted(load_sources(repo.documents_dir))
    assert expected  # the study has documents
    assert sorted(load_sources(repo.root)) == expected
    monkeypatch.chdir(repo.root / "analysis")
    assert sorted(load_sources()) == expected


def test_the_documents_of_another_study_are_checked_against_its_regions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fazhi_stats.sources.adding import NewDocument, add_document
    from fazhi_stats.study.init import init_study

    root = tmp_path / "elsewhere"
    init_study(root)
    (root / "registry" / "regions.yml").write_text(
        'regions:\n  - {code: "120118", name_zh: 静海区, name_en: Jinghai District, '
        "level: county}\n",
        encoding="utf-8",
    )
    text = tmp_path / "report.txt"
    text.write_text("静海区2020年法治政府建设情况报告\n", encoding="utf-8")
    add_document(
        Project(root), text, NewDocument("jinghai-2020", region_code="120118", doc_kind="report")
    )
    monkeypatch.chdir(tmp_path)  # outside the study: the package's registry is the active one
    for given in (root, root / "data" / "raw" / "documents"):
        docs = load_sources(given)
        assert docs["jinghai-2020"].meta.region_code == "120118"
