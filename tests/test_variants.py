"""Texts in traditional characters are read with the simplified vocabulary, offsets kept."""

from __future__ import annotations

from pathlib import Path

from fazhi_stats.extract.claims import extract_claims
from fazhi_stats.sources.documents import read_text
from fazhi_stats.text.variants import _TRADITIONAL_HINTS, _table, as_simplified, is_traditional

ROOT = Path(__file__).resolve().parents[1]
REAL_TEXTS = sorted((ROOT / "tests" / "data" / "evaluation" / "texts").glob("*.txt")) + sorted(
    (ROOT / "data" / "raw" / "documents").glob("*.txt")
)
# the opening of a real page: 寧夏回族自治區法治政府建設指標體系 (2015), as a mirror site shows it
NINGXIA = (
    "《寧夏回族自治區法治政府建設指標體系(試行)》已經2015年1月8日自治區人民政府第38次常務會議"
    "討論通過,現予公布,自2015年3月1日起施行。\n"
    "本指標體系共設8項1級指標、32項2級指標、115項3級指標;8項1級指標的總分值為100分。\n"
    "一、行政決策(占總分值的15%)\n"
)


def test_every_hint_is_a_traditional_character() -> None:
    hints = _TRADITIONAL_HINTS.pattern.strip("[]")
    assert len(hints) > 50
    assert [ch for ch in hints if ord(ch) not in _table()] == []


def test_the_real_simplified_texts_are_left_as_they_are() -> None:
    assert len(REAL_TEXTS) > 20
    for path in REAL_TEXTS:
        text = read_text(path)[0]
        assert not is_traditional(text), path.name
        assert as_simplified(text) is text


def test_a_traditional_text_keeps_its_length_and_reads_its_units() -> None:
    simplified = as_simplified(NINGXIA)
    assert len(simplified) == len(NINGXIA)
    assert "本指标体系共设8项1级指标" in simplified
    claims = extract_claims(NINGXIA)
    # 本指標體系共設8項…: the document's own parts; the score's 8 first-level indicators and
    # a weight remain (what a curator keeps is the curator's call)
    assert [c.text for c in claims] == ["8項", "15%"]
    # offsets and quotes are those of the text as written
    assert all(NINGXIA[c.char_start : c.char_end] == c.text for c in claims)
    assert "本指標體系" in claims[0].sentence
    assert claims[0].unit_std == "count"
    # the date, the meeting's ordinal and the heading's numeral stay context
    assert not [c for c in claims if c.text.startswith(("2015", "38", "1月"))]
