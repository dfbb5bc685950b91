"""Chinese quantities: numerals, magnitudes (万, 亿), units, qualifiers and ranges.

>>> q = parse_quantity("4.87亿元")
>>> (q.value, q.unit, q.value_std, q.unit_std)
(4.87, '亿元', 487000000.0, 'yuan')
>>> parse_quantity("六十余场").comparator
'gt'
>>> parse_quantity("２０２０年").is_calendar_year
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, cast

from fazhi_stats.errors import QuantityError
from fazhi_stats.settings import DEFAULT_SETTINGS, Settings
from fazhi_stats.vocabulary import Comparator as Comparator  # re-exported for the extractor

if TYPE_CHECKING:
    from fazhi_stats.registry import Registry
    from fazhi_stats.text.units import Conversion

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "十百千万亿点"

ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_ARABIC = re.compile(ARABIC_NUMBER)
CHINESE_NUMBER = r"[零〇○一二两三四五六七八九十百千万亿](?:[零〇○一二两三四五六七八九十百千万亿]|点(?=[零〇○一二两三四五六七八九]))*"


@dataclass(frozen=True)
class Quantity:
    """A number with its qualifier and unit, as written and in standard units.

    ``value_upper`` is set for ranges (3至4个). ``per`` is set for recurring quantities
    (每季度一次 → per "quarter"); ``value_std`` is then a rate per year. A calendar year such as
    ``２０２０年`` parses with ``is_calendar_year=True`` and no standard value: it is a date, not an
    amount, and callers should treat it as context.
    """

    text: str
    value: float
    comparator: Comparator = "eq"
    unit: str = ""
    value_upper: float | None = None
    value_std: float | None = None
    value_std_upper: float | None = None
    unit_std: str | None = None
    per: str | None = None
    is_percent_words: bool = False
    is_calendar_year: bool = False
    assumption: str | None = None

    @property
    def is_range(self) -> bool:
        return self.value_upper is not None


# --------------------------------------------------------------------------- numerals


_MAX_VALUE = Decimal("1e100")
_ONE = Decimal(1)


def _to_number(d: Decimal) -> float:
    if abs(d) > _MAX_VALUE:
        raise QuantityError(f"number too large to be a count, amount or rate: {d:.3e}")
    return float(d)


def parse_chinese_numeral(text: str) -> Decimal:
    """Value of a Chinese numeral: 六十 → 60, 两千零五 → 2005, 九十九点七 → 99.7, 二〇二〇 → 2020.

    Raises QuantityError when ``text`` is not a Chinese numeral.
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        raise QuantityError(f"not a Chinese numeral: {text!r}")
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or any(ch not in _DIGITS for ch in frac):
            raise QuantityError(f"not a Chinese numeral: {text!r} (digits expected after 点)")
        head = parse_chinese_numeral(whole) if whole else Decimal(0)
        return head + Decimal("0." + "".join(str(_DIGITS[ch]) for ch in frac))
    if all(ch in _DIGITS for ch in text):
        if len(text) > 1 and text[0] in "两":
            raise QuantityError(f"not a Chinese numeral: {text!r}")
        # digit by digit: 二〇二〇 → 2020
        return Decimal("".join(str(_DIGITS[ch]) for ch in text))
    return Decimal(_integer_numeral(text, text))


def _small_section(part: str, whole: str) -> int:
    """Value of a numeral below 万: 三千零五, 十五, 二百."""
    value = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in part:
        if ch in _DIGITS:
            d = _DIGITS[ch]
            if d == 0:  # 零 only marks a gap (一千零五)
                continue
            if digit is not None:
                raise QuantityError(f"not a Chinese numeral: {whole!r} (two digits in a row)")
            digit = d
        else:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit:
                raise QuantityError(f"not a Chinese numeral: {whole!r} ({ch} out of order)")
            if digit is None and unit != 10:  # a bare 十 reads as 一十 (十五 = 15)
                raise QuantityError(f"not a Chinese numeral: {whole!r} ({ch} without a digit)")
            value += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return value + (digit or 0)


def _integer_numeral(part: str, whole: str) -> int:
    """Split on the last 亿, then on the last 万: 一万亿 = 一万 × 亿, 三亿零五十万 = 3亿 + 50万."""
    for big, size in (("亿", 100_000_000), ("万", 10_000)):
        if big in part:
            head, _, tail = part.rpartition(big)
            if not head:
                raise QuantityError(f"not a Chinese numeral: {whole!r} ({big} without a number)")
            if big in head:  # 一万一万: the same magnitude twice is no numeral
                raise QuantityError(f"not a Chinese numeral: {whole!r} ({big} twice)")
            high = _integer_numeral(head, whole)
            low = _integer_numeral(tail, whole) if tail else 0
            if low >= size:
                raise QuantityError(f"not a Chinese numeral: {whole!r} ({big} out of order)")
            return high * size + low
    if not part:
        return 0
    return _small_section(part, whole)


def parse_number(text: str) -> Decimal:
    """Value of an Arabic (half- or full-width) or Chinese numeral, or of 百分之… (as percent)."""
    if text.isdigit() and text.isascii():
        return Decimal(text)  # the common case, without the general path's checks
    s = unicodedata.normalize("NFKC", text).strip()
    if s.startswith("百分之"):
        s = s[3:]
    if _ARABIC.fullmatch(s):
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
            raise QuantityError(f"not a number: {text!r}") from exc
    return parse_chinese_numeral(s)


# --------------------------------------------------------------------------- vocabulary


# what a quantity was read from: its text and the pattern's groups, or None for a whole text
_ReadKey = tuple[str, tuple[str | None, ...] | None]


@dataclass(frozen=True)
class _Vocabulary:
    pattern: re.Pattern[str]
    scan: re.Pattern[str]
    prefix: re.Pattern[str]
    prefix_ends: frozenset[str]  # last characters of the words a prefix can end with
    before: dict[str, Comparator]
    after: dict[str, Comparator]
    magnitudes: dict[str, Decimal]
    units: frozenset[str]  # units as written
    periods: dict[str, tuple[str, int]]  # word -> (per, times per year)
    # (text, groups) -> the quantity read from them, or why it is none (QuantityReader.read);
    # (text, None) -> the quantity parsed from a whole text (QuantityReader.parse)
    read_before: dict[_ReadKey, Quantity | Exception] = field(
        default_factory=dict, compare=False, repr=False
    )


def _alternation(words: Iterable[str]) -> str:
    """Any of ``words``, the longest first, as a prefix tree (fast for the regex engine)."""
    from fazhi_stats.text.patterns import trie_pattern

    return f"(?:{trie_pattern(words)})"


_NUMERALS = "零〇○一二两三四五六七八九十百千万亿"
_RANGE_SEPARATORS = "至到~～-—–"
# Where a number may start: the search skips every other character at C speed (a pattern that
# opens with a character class lets the regex engine do so; one that opens with a lookahead or
# an optional group is tried at every position).
_FIRST = rf"[0-9{_NUMERALS}]"
# Right after the first character: a number that starts inside another (the 020 of 2020) is
# not one, nor an Arabic calendar year (2020年, 2014—2016年: a date, never a quantity).
_NOT_INSIDE_A_NUMBER = rf"(?<![0-9.{_NUMERALS}][0-9{_NUMERALS}])"
_NOT_A_YEAR = (
    r"(?!(?:(?<=1)[89]|(?<=2)[01])\d\d(?:\s*[-—–~至到]\s*(?:1[89]|2[01])\d\d)?\s*年"
    r"(?![内限]|以[上内下]))"
)
_REST_OF_NUMBER = (
    rf"(?:(?<=百)(?P<pctw>分之)[{_NUMERALS}点]+"  # 百分之九十九点七
    r"|(?<=[0-9])\d*(?:,\d{3})*(?:\.\d+)?"
    rf"|(?<=[{_NUMERALS}])(?:[{_NUMERALS}]|点(?=[零〇○一二两三四五六七八九]))*)"
)


def _vocabulary(registry: Registry | None = None) -> _Vocabulary:
    """The quantity vocabulary of ``registry`` (default: the active one), built once per registry."""
    if registry is None:
        from fazhi_stats.registry import active_registry

        registry = active_registry()
    return registry.derived("quantity_vocabulary", _build_vocabulary)


def _build_vocabulary(registry: Registry) -> _Vocabulary:
    units_reg = registry.units
    qualifiers = registry.qualifiers
    units = frozenset(units_reg.units) | frozenset(units_reg.measure_words)
    periods = {w: (p.per, p.per_year) for w, p in units_reg.periods.items()}
    before = dict(qualifiers.before)
    after = {w: c for w, c in qualifiers.after.items() if w not in ("余", "多")}
    number = rf"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER})"
    magnitudes_alt = _alternation(units_reg.magnitudes)
    units_alt = _alternation(units)

    def pattern_text() -> str:
        return rf"""
        (?P<per>{_alternation(periods)})?
        (?P<before>{_alternation(before)})?
        (?P<pct>百分之)?
        (?P<num>{number})
        (?:(?P<sep>至|到|~|～|-|—|–)(?P<pct2>百分之)?(?P<num2>{number}))?
        (?P<approx1>余|多)?
        (?P<mag>{magnitudes_alt})?
        (?P<approx2>余|多)?
        (?P<unit>{units_alt})?
        (?P<after>{_alternation(after)})?
        """

    # the scanning pattern finds where a number with a unit (or 百分之) starts; the caller
    # reads the whole quantity, with the words before it, by the full pattern
    # what can stand right after a number's first character when a quantity starts there:
    # more of the number, a range, 余/多, a magnitude or a unit. Tested first, it turns away
    # at once the numerals of words (统一, 进一步), most of a text's candidate positions.
    follows = (
        set("0123456789" + _NUMERALS + "点,.分" + _RANGE_SEPARATORS + "余多")
        | {word[0] for word in units_reg.magnitudes}
        | {unit[0] for unit in units}
    )
    follow = "[" + re.escape("".join(sorted(follows))) + "]"
    scan = rf"""
        {_FIRST}(?={follow}){_NOT_INSIDE_A_NUMBER}{_NOT_A_YEAR}{_REST_OF_NUMBER}
        (?:(?:至|到|~|～|-|—|–)(?:百分之)?{number})?
        (?(pctw)|(?=(?:余|多)?(?:{magnitudes_alt})?(?:余|多)?(?:{units_alt})))
        """
    prefix = rf"(?:{_alternation(periods)})?(?:{_alternation(before)})?(?:百分之)?\Z"

    magnitudes = {w: Decimal(v) for w, v in units_reg.magnitudes.items()}
    return _Vocabulary(
        re.compile(pattern_text(), re.VERBOSE),
        re.compile(scan, re.VERBOSE),
        re.compile(prefix),
        frozenset(w[-1] for w in [*periods, *before, "百分之"]),
        cast(dict[str, Comparator], before),
        cast(dict[str, Comparator], after),
        magnitudes,
        units,
        periods,
    )


@cache
def _conversion(written: str, settings: Settings) -> Conversion:
    from fazhi_stats.text.units import conversion

    conv = conversion(written, settings=settings)
    if conv is None:  # pragma: no cover - the pattern admits only units of the registry
        raise QuantityError(f"unit {written!r} is not in the unit registry")
    return conv


def quantity_pattern() -> re.Pattern[str]:
    """The compiled pattern that recognises quantities (for the extractor)."""
    return _vocabulary().pattern


def scan_pattern() -> re.Pattern[str]:
    """Where quantities with a unit (or 百分之) start in a text: the number's first character.

    Never a calendar year, never a number starting inside another. The match covers the
    number (and a range); :func:`quantity_at` reads the whole quantity there.
    """
    return _vocabulary().scan


def quantity_at(
    text: str, num_start: int, vocabulary: _Vocabulary | None = None
) -> re.Match[str] | None:
    """The :func:`quantity_pattern` match of the quantity whose number starts at
    ``num_start``, with the recurrence and qualifier words before it (每年不少于2次)."""
    vocab = vocabulary or _vocabulary()
    if num_start == 0 or text[num_start - 1] not in vocab.prefix_ends:
        return vocab.pattern.match(text, num_start)  # no word before it can qualify it
    prefix = vocab.prefix.search(text, max(0, num_start - 8), num_start)
    if prefix is not None and prefix.start() < num_start:
        match = vocab.pattern.match(text, prefix.start())
        if match is not None and num_start in (match.start("num"), match.start("pct")):
            return match
    return vocab.pattern.match(text, num_start)


# --------------------------------------------------------------------------- quantities

_YEAR_RE = re.compile(r"(?:1[89]|2[01])\d\d")


def _split_trailing_magnitude(num: str) -> tuple[str, str]:
    """Split 三千万 → (三千, 万) so that a Chinese numeral's final 万/亿 reads as a magnitude."""
    if len(num) > 1 and num[-1] in "万亿" and not _ARABIC.fullmatch(num):
        return num[:-1], num[-1]
    return num, ""


def quantity_from_match(
    match: re.Match[str],
    text: str,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    vocabulary: _Vocabulary | None = None,
) -> Quantity:
    """Build a Quantity from a match of :func:`quantity_pattern` on ``text``."""
    vocab = vocabulary or _vocabulary()
    # one call for the groups read below, not a dict of every group
    num, mag, num2, before, approx1, approx2, after, unit_group, pct, per_word = match.group(
        "num", "mag", "num2", "before", "approx1", "approx2", "after", "unit", "pct", "per"
    )
    mag = mag or ""
    if not mag:
        num, mag = _split_trailing_magnitude(num)
        if num2:
            num2, mag2 = _split_trailing_magnitude(num2)
            if mag2 and not mag:
                mag = mag2
    value = parse_number(num)
    upper = parse_number(num2) if num2 else None
    if upper is not None and upper < value:
        raise QuantityError(f"range with its upper bound below its lower bound: {text!r}")
    comparator: Comparator = "eq"
    if before:
        comparator = vocab.before[before]
    if approx1 or approx2:
        comparator = "gt"
    if after:
        comparator = vocab.after[after]
    unit_written = unit_group or ""
    pct_words = bool(pct)
    if pct_words:
        if unit_written:
            raise QuantityError(f"百分之 with a unit: {text!r}")
        unit_written = "%"
    if unit_written == "%" and mag:
        # a magnitude before % belongs to the number: 一万% is 10000 %, not "万%"
        scale = vocab.magnitudes[mag]
        value, upper, mag = value * scale, (upper * scale if upper is not None else None), ""
    per, per_year = vocab.periods[per_word] if per_word else (None, 1)

    is_year = (
        unit_written == "年"
        and not mag
        and comparator == "eq"
        and upper is None
        and per is None
        and (
            bool(_YEAR_RE.fullmatch(unicodedata.normalize("NFKC", num)))
            or (len(num) == 4 and all(ch in _DIGITS for ch in num))
        )
    )
    if is_year:
        return Quantity(
            text=text, value=_to_number(value), unit="年", is_calendar_year=True, comparator="eq"
        )

    unit_std: str | None = None
    assumption: str | None = None
    factor = _ONE
    if unit_written or mag:
        conv = _conversion(f"{mag}{unit_written}", settings)
        factor, unit_std, assumption = conv.factor, conv.unit_std, conv.assumption
    if per is not None:
        factor *= per_year
        unit_std = f"{unit_std or 'count'}_per_year"
    number = _to_number(value)
    number_upper = _to_number(upper) if upper is not None else None
    if factor == _ONE:  # most quantities: no magnitude, no conversion
        value_std, value_std_upper = number, number_upper
    else:
        value_std = _to_number(value * factor)
        value_std_upper = _to_number(upper * factor) if upper is not None else None
    return Quantity(
        text=text,
        value=number,
        comparator=comparator,
        unit=f"{mag}{unit_written}",
        value_upper=number_upper,
        value_std=value_std,
        value_std_upper=value_std_upper,
        unit_std=unit_std,
        per=per,
        is_percent_words=pct_words,
        assumption=assumption,
    )


def parse_quantity(text: str, *, settings: Settings = DEFAULT_SETTINGS) -> Quantity:
    """Parse a quantity written in Chinese: ``"不少于40学时"``, ``"90%以上"``, ``"两名"``.

    Handles Arabic, full-width and Chinese numerals (两, 〇, 点, 百分之), 万/亿 magnitudes,
    qualifiers (不少于, 以上, 余 …), ranges (3至4个) and recurrences (每季度). Raises
    :class:`~fazhi_stats.errors.QuantityError` when the whole text is not one quantity.

    >>> parse_quantity("不少于40学时").value_std   # 40 class hours of 45 minutes
    30.0
    >>> parse_quantity("3至4个").value_upper
    4.0
    """
    return _parse_quantity(text, settings, _vocabulary())


def _parse_quantity(text: str, settings: Settings, vocab: _Vocabulary) -> Quantity:
    if not isinstance(text, str):
        raise QuantityError(f"expected text, got {type(text).__name__}")
    stripped = "".join(unicodedata.normalize("NFKC", text).split())
    if not stripped:
        raise QuantityError("empty text is not a quantity")
    match = vocab.pattern.fullmatch(stripped)
    if match is None:
        raise QuantityError(
            f"not a quantity: {text!r} (expected a number with an optional qualifier, "
            "magnitude and unit, e.g. 不少于40学时, 4.87亿元, 60余场)"
        )
    return quantity_from_match(match, text, settings, vocabulary=vocab)
