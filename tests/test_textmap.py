"""The normalised view of a text and its map back to original offsets."""

from __future__ import annotations

import unicodedata

import pytest
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


def _nfkc_with_circled_numbers_bracketed(text: str) -> str:
    """NFKC, except ① → (1), as the view normalises (a circled number is a list marker)."""
    out = []
    for ch in text:
        norm = unicodedata.normalize("NFKC", ch)
        circled = norm.isascii() and norm.isdigit() and "CIRCLED" in unicodedata.name(ch, "")
        out.append(f"({norm})" if circled else ch)
    return unicodedata.normalize("NFKC", "".join(out))


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
    renorm = " ".join(_nfkc_with_circled_numbers_bracketed(piece).split())
    target = view.text[start:end]
    # equal, unless the span cuts into one character's expansion (㈠ → "(一)"): then it is inside
    assert target.strip() in renorm
    assert len(renorm) <= len(target.strip()) + 4


@given(st.text(max_size=200))
def test_offsets_stay_inside_the_original_for_any_unicode(original: str) -> None:
    view = normalise_text(original)
    o0, o1 = view.to_original(0, len(view.text))
    assert 0 <= o0 <= o1 <= len(original)


def test_length_changing_characters_among_same_length_ones_keep_their_offsets() -> None:
    # ，（）１ and U+3000 are replaced one for one, … and ㎡ change the length
    original = "面积（１２㎡），\u3000共…２起"
    view = normalise_text(original, collapse_whitespace=False)
    assert view.text == "面积(12m2), 共...2起"
    m2 = view.text.index("m2")
    assert view.to_original(m2, m2 + 2) == (5, 6)  # both characters come from ㎡
    dots = view.text.index("...")
    assert view.to_original(dots, dots + 3) == (10, 11)
    two = view.text.index("2起")
    assert original[slice(*view.to_original(two, two + 2))] == "２起"
    collapsed = normalise_text(original)
    assert collapsed.text == "面积(12m2), 共...2起"
    assert collapsed.to_original(two, two + 2) == (11, 13)


def test_a_space_web_pages_leave_is_a_space_in_both_modes() -> None:
    original = "共" + "\xa0" * 2 + "12件。\n" + "法治" * 50 + "\u3000１件"
    kept = normalise_text(original, collapse_whitespace=False)
    assert kept.text == "共  12件。\n" + "法治" * 50 + " 1件"
    assert kept.to_original(len(kept.text) - 2, len(kept.text)) == (
        len(original) - 2,
        len(original),
    )
    collapsed = normalise_text(original)
    assert collapsed.text == "共 12件。 " + "法治" * 50 + " 1件"
    assert collapsed.to_original(1, 2) == (1, 3)  # the run of two spaces is one


def _reference(original: str, collapse_whitespace: bool) -> tuple[str, list[tuple[int, int]]]:
    """Normalised text, character by character, with the original span of each output one."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(original):
        char = original[i]
        if collapse_whitespace and char.isspace():
            j = i
            while j < len(original) and original[j].isspace():
                j += 1
            out.append(" ")
            spans.append((i, j) if j - i > 1 or char == " " else (i, i + 1))
            i = j
            continue
        norm = unicodedata.normalize("NFKC", char)
        norm = " " if norm != char and norm.isspace() else norm
        out.extend(norm)
        spans.extend([(i, i + 1)] * len(norm))
        i += 1
    return "".join(out), spans


_MIXED = st.text(
    alphabet=st.sampled_from(
        [*"法治2，,（)１Ａ …㎡⑴ﬁ\xa0\u3000\n\t e\u0301\u1100\u1161", "\U0001d7cf"]
    ),
    max_size=80,
)


@given(_MIXED, st.booleans(), st.data())
def test_text_and_offsets_match_a_character_by_character_reference(
    original: str, collapse: bool, data: st.DataObject
) -> None:
    view = normalise_text(original, collapse_whitespace=collapse)
    text, spans = _reference(original, collapse)
    assert view.text == text
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        assert view.to_original(start, end) == (spans[start][0], spans[end - 1][1])


def test_every_character_nfkc_changes_fails_the_quick_check_anywhere() -> None:
    # normalise_text skips a text unicodedata.is_normalized passes: exact only if no changed
    # character can pass in some context, i.e. none is the second of a canonical pair (the
    # characters whose quick check is Maybe)
    from fazhi_stats.text.textmap import _nfkc_changes

    seconds = set()
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    changes = _nfkc_changes()
    assert len(changes) > 4000
    assert not seconds & set(changes)
    assert not any(unicodedata.is_normalized("NFKC", "a" + char + "一") for char in changes)


def test_pinyin_glosses_of_a_mirror_are_left_out_and_offsets_still_map() -> None:
    # a mirror site's copy of a plan, its glosses kept as captured: 網(wǎng)上, 超過(guò)
    original = "全省行政審批事項網(wǎng)上全流程辦理率達30%以上,辦理次數不超過(guò)2次（含）。"
    view = normalise_text(original, collapse_whitespace=False, drop_glosses=True)
    assert view.text == "全省行政審批事項網上全流程辦理率達30%以上,辦理次數不超過2次(含)。"
    start = view.text.index("不超過2次")
    assert original[slice(*view.to_original(start, start + 5))] == "不超過(guò)2次"
    # a bracket holding no tone mark, or not after a character, is no gloss
    for kept in ("见附件(a)和(b)", "ICP(ǎ)", "行政复议(含行政诉讼)"):
        assert normalise_text(kept, collapse_whitespace=False, drop_glosses=True).text == kept
    assert normalise_text(original, collapse_whitespace=False).text.count("(guò)") == 1


@pytest.mark.parametrize("collapse", [False, True])
def test_spaces_around_numbers_are_left_out_and_offsets_still_map(collapse: bool) -> None:
    """A page's spacing around its numbers, runs of several spaces too, and with white space
    collapsed as well as kept: each number maps back to its text with its spaces."""
    original = "召开会议  1  次,建成 13 个,办理 1.3 万件\n1 项目"
    view = normalise_text(original, collapse_whitespace=collapse, drop_digit_spacing=True)
    assert view.text.startswith("召开会议1次,建成13个,办理1.3万件")
    for written, seen in (("1  次", "1次"), ("13 个", "13个"), ("1.3 万件", "1.3万件")):
        start = view.text.index(seen)
        assert original[slice(*view.to_original(start, start + len(seen)))] == written
    assert view.text.endswith("1 项目")  # a list marker at the start of a line keeps its space
