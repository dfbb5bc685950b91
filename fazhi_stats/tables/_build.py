"""What every study table shares: cells that link to their sentence, display frames, the look.

A number drawn from a document links to its sentence, highlighted on the document's page
(:class:`~fazhi_stats.study.links.SiteLinks`), with the document and the quote as its tooltip.
Quotes are untrusted text from web pages: every piece of text put into HTML here is escaped, so
a quote containing ``<script>`` is shown, never run. Table ids are fixed, so the same data gives
the same HTML.

>>> links = SiteLinks(base="../")
>>> sourced("4", Source("doc-a", "甲<乙", "doc-a/x/1"), links)
'<a class="fz-sourced" href="../reports/sources/doc-a.html#doc-a/x/1" title="doc-a: 甲&lt;乙">4</a>'
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.intervals import Interval
from fazhi_stats.labels import (
    comparator_symbol,
    indicator_label,
    region_label,
)
from fazhi_stats.study.formatting import num
from fazhi_stats.study.links import SiteLinks
from fazhi_stats.vocabulary import COMPARATORS, RECURRENCES

if TYPE_CHECKING:
    from great_tables import GT

#: Fonts of the tables: the CJK font the figures use first.
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"]
MISSING = "–"


@dataclass(frozen=True)
class Source:
    """Where a number comes from: its document, its sentence and its anchor there."""

    document_id: str
    quote: str
    anchor: str | None = None  # id of the observation, milestone or commitment
    char_start: int | None = None
    char_end: int | None = None

    def tooltip(self) -> str:
        return f"{self.document_id}: {self.quote}"


def sourced(text: str, source: Source | None, links: SiteLinks) -> str:
    """``text`` (escaped) as a link to its sentence, the quote as its tooltip; plain escaped
    text when it has no source."""
    shown = html.escape(text)
    if source is None:
        return shown
    href = html.escape(links.source(source.document_id, source.anchor), quote=True)
    title = html.escape(source.tooltip(), quote=True)
    return f'<a class="fz-sourced" href="{href}" title="{title}">{shown}</a>'


def linked(text: str, href: str) -> str:
    """``text`` (escaped) as a link."""
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def region_cell(code: str | None, links: SiteLinks) -> str:
    """A region's short name, linked to its profile."""
    return linked(region_label(code, short=True), links.region(code))


def indicator_cell(indicator_id: str | None, links: SiteLinks, *, label: str | None = None) -> str:
    """An indicator's name, linked to its registry entry; for an unclassified number its label
    as the curator wrote it, marked ``未归类 / unclassified``."""
    if indicator_id is None:
        mark = "未归类 / unclassified"
        return html.escape(f"{label}（{mark}）") if label else mark
    return linked(indicator_label(indicator_id), links.indicator(indicator_id))


def observation_sources(observations: Any) -> dict[str, Source]:
    """Sources of the observations by observation id."""
    from fazhi_stats.schema.backends import to_polars

    obs, _ = to_polars(observations)
    return {
        row["observation_id"]: Source(
            row["document_id"],
            row["quote"],
            row["observation_id"],
            row["char_start"],
            row["char_end"],
        )
        for row in obs.select(
            "observation_id", "document_id", "quote", "char_start", "char_end"
        ).iter_rows(named=True)
    }


def interval_text(row: Mapping[str, Any], name: str) -> str:
    """``[4, +inf)`` for the interval ``name`` of a comparison row; ``–`` when it has none."""
    interval = Interval.from_row(row, name)
    return interval.text() if interval is not None else MISSING


def written_text(row: Mapping[str, Any]) -> str:
    """An observation as written: recurrence, comparator, value (or range), unit.

    >>> written_text({"comparator": "ge", "value": 40.0, "unit": "学时", "per": "year"})
    '每年≥40学时'
    """
    symbol = comparator_symbol(row.get("comparator"))
    value = num(row.get("value"))
    if row.get("value_upper") is not None:
        value = f"{value}–{num(row['value_upper'])}"
    recurrence = RECURRENCES.get(row.get("per"))
    per = recurrence.zh if recurrence is not None else ""
    return f"{per}{symbol}{value}{row.get('unit') or ''}"


def standard_text(row: Mapping[str, Any], prefix: str = "") -> str:
    """The value in its standard unit, with comparator and the unit's readable name."""
    from fazhi_stats.labels import unit_label

    symbol = COMPARATORS.symbol(row.get(f"{prefix}comparator"))
    value = num(row.get(f"{prefix}value_std"))
    if row.get(f"{prefix}value_std_upper") is not None:
        value = f"{value}–{num(row[f'{prefix}value_std_upper'])}"
    unit = unit_label(row.get("unit_std"))
    return f"{symbol} {value} {unit}".strip()


def display_frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> Any:
    """Rows of display text as a polars frame of strings (columns in this order)."""
    import polars as pl

    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String))


def new_table(
    frame: Any,
    table_id: str,
    labels: Mapping[str, str],
    html_columns: Sequence[str] = (),
    *,
    hide: Sequence[str] = (),
) -> GT:
    """A great_tables table in the study's look: grouped by ``_group`` when the frame has it,
    ``html_columns`` holding HTML built (and escaped) here, missing cells as a dash, the
    columns of ``hide`` left out (a region's own page has no column of regions)."""
    from great_tables import GT

    if hide:
        frame = frame.drop([c for c in hide if c in frame.columns])
    html_columns = [c for c in html_columns if c in frame.columns]
    table = GT(frame, groupname_col="_group" if "_group" in frame.columns else None).with_id(
        table_id
    )
    if html_columns:
        table = table.fmt(lambda x: MISSING if x is None else str(x), columns=list(html_columns))
    plain = [c for c in frame.columns if c != "_group" and c not in html_columns]
    if plain:
        table = table.sub_missing(columns=plain, missing_text=MISSING)
    return (
        table.cols_label({k: v for k, v in labels.items() if k in frame.columns})
        .opt_table_font(font=FONTS)
        .tab_options(table_font_size="13px", row_group_font_weight="bold")
    )


def with_notes(table: GT, *notes: str, column_notes: Mapping[str, str] | None = None) -> GT:
    """``notes`` under the table, and a footnote on the header of each column of
    ``column_notes`` (great_tables' own footnote marks)."""
    from great_tables import loc

    for note in notes:
        table = table.tab_source_note(note)
    for column, note in (column_notes or {}).items():
        table = table.tab_footnote(note, locations=loc.column_labels(columns=column))
    return table


def table_html(
    table: Any,
    *,
    title: str | None = None,
    links: Sequence[tuple[str, str]] = (),
    stylesheet: str | None = None,
) -> str:
    """A standalone UTF-8 HTML document holding one table (for ``reports/tables/``): its title
    as a heading, ``links`` (href, text) above it (e.g. back to the site), and a sentence instead
    of a bare header when the table has no rows."""
    body = table.as_raw_html()
    head_title = html.escape(title or "table")
    nav = " · ".join(
        f'<a href="{html.escape(href)}">{html.escape(text)}</a>' for href, text in links
    )
    style = f'<link rel="stylesheet" href="{html.escape(stylesheet)}">\n' if stylesheet else ""
    data = getattr(table, "_tbl_data", None)
    empty = (
        '<p class="fz-empty">此表没有行：本研究的数据中没有这类记录。 / '
        "This table has no rows: the study's data hold no such records.</p>\n"
        if data is not None and len(data) == 0
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{head_title}</title>\n{style}</head>\n<body>\n"
        + (f"<nav>{nav}</nav>\n" if nav else "")
        + (f"<h1>{head_title}</h1>\n" if title else "")
        + f"{empty}{body}\n</body>\n</html>\n"
    )
