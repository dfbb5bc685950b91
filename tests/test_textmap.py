"""The normalised view of a text and its map back to original offsets."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from fazhi_stats.text.textmap import normalise_text


def test_full_width_digits_and_ideographic_space() -> None:
    view = normalise_text("共　２５１２起，调解")
    assert view.text == "共 2512起,调解"
    start = view.text.index("2512")
    assert view.to_original(start, start + 4) == (2, 6)
    assert view.original[2:6] == "２５１２"


def test_whitespace_runs_collapse_to_one_space() -> None:
    view = normalise_text("法治\n\n   政府\t建设")
    assert view.text == "法治 政府 建设"
    s = view.text.index("政府")
    o = view.to_original(s, s + 2)
    assert view.original[o[0] : o[1]] == "政府"


def test_span_covering_a_collapsed_run_maps_to_the_whole_run() -> None:
    view = normalise_text("a   b")
    assert view.to_original(0, 3) == (0, 5)


_TEXT = st.text(
    alphabet=st.sampled_from([*list("法治政府2512起％%，, \u3000\n\t１２３ＡＢａ①㈠ｶ"), "\r"]),
    max_size=60,
)


@given(_TEXT, st.data())
def test_every_span_maps_to_text_that_normalises_to_contain_it(
    original: str, data: st.DataObject
) -> None:
    view = normalise_text(original)
    n = len(view.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o0, o1 = view.to_original(start, end)
    assert 0 <= o0 <= o1 <= len(original)
    piece = original[o0:o1]
    renorm = " ".join(unicodedata.normalize("NFKC", piece).split())
    target = view.text[start:end]
    # equal, unless the span cuts into one character's expansion (㈠ → "(一)"): then it is inside
    assert target.strip() in renorm
    assert len(renorm) <= len(target.strip()) + 4


@given(st.text(max_size=200))
def test_offsets_stay_inside_the_original_for_any_unicode(original: str) -> None:
    view = normalise_text(original)
    o0, o1 = view.to_original(0, len(view.text))
    assert 0 <= o0 <= o1 <= len(original)
