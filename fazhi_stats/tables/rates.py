"""Tables of a report's figures checked against each other, and of the intervals of its rates."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from fazhi_stats.compare.rates import implied_set_text
from fazhi_stats.labels import family_label, indicator_label, status_label
from fazhi_stats.schema.comparisons import CONSISTENCY, PROPORTIONS
from fazhi_stats.schema.validate import check_frame
from fazhi_stats.study.formatting import computed, num, pct
from fazhi_stats.study.links import ROOT_LINKS, SiteLinks
from fazhi_stats.tables._build import (
    MISSING,
    display_frame,
    linked,
    new_table,
    observation_sources,
    sourced,
    with_notes,
)
from fazhi_stats.vocabulary import CHECKS, PROPORTION_METHODS

if TYPE_CHECKING:
    from great_tables import GT


def _ids(value: str | None) -> list[str]:
    return [i for i in (value or "").split(";") if i]


def table_consistency(
    consistency: Any,
    observations: Any,
    *,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "consistency",
) -> GT:
    """Each check of a document's figures against each other (a rate against its counts, parts
    against their whole, a funnel): the figures it uses, each linked to its sentence, what was
    recomputed, the status and the arithmetic written out."""
    from fazhi_stats.schema.backends import to_polars

    con = check_frame(consistency, CONSISTENCY, source="table_consistency")
    obs, _ = to_polars(observations)
    sources = observation_sources(obs)
    by_id = {r["observation_id"]: r for r in obs.iter_rows(named=True)}
    rows = []
    for row in con.iter_rows(named=True):
        figures = []
        for obs_id in _ids(row["observation_ids"]):
            o = by_id.get(obs_id)
            if o is None:
                continue
            # as written: 2.73万件 is not 2.73 cases
            unit = "%" if o["unit_std"] == "percent" else html.escape(o["unit"] or "")
            name = html.escape(indicator_label(o["indicator_id"]) or "")
            figures.append(f"{name}: {sourced(num(o['value']) + unit, sources[obs_id], links)}")
        if row["recomputed_rate"] is not None:
            recomputed = pct(row["recomputed_rate"], 3)
        elif row["implied_min"] is not None:
            recomputed = "implied " + implied_set_text(row["implied_min"], row["implied_max"])
        else:
            recomputed = None
        what = indicator_label(row["rate_indicator_id"]) if row["rate_indicator_id"] else ""
        rows.append(
            {
                "_group": family_label(row["family"]),
                "check": f"{CHECKS.label(row['check'])}",
                "what": what or row["relation_id"],
                "document": linked(row["document_id"], links.source(row["document_id"])),
                "figures": "<br>".join(figures) or MISSING,
                "recomputed": recomputed,
                "status": status_label(row["status"]),
                "arithmetic": row["arithmetic"],
            }
        )
    columns = (
        "_group",
        "check",
        "what",
        "document",
        "figures",
        "recomputed",
        "status",
        "arithmetic",
    )
    table = new_table(
        display_frame(rows, columns),
        table_id,
        {
            "check": "核对 / Check",
            "what": "对象 / Of",
            "document": "文件 / Document",
            "figures": "原文数字 / Figures",
            "recomputed": "重算 / Recomputed",
            "status": "判定 / Status",
            "arithmetic": "算式 / Arithmetic",
        },
        ["document", "figures"],
    )
    return with_notes(
        table,
        "推算（derived）：分母或分子由比率本身推出，只说明隐含的计数，不可能与比率矛盾。"
        "Derived: a count implied by the rate itself; it shows the implied count and cannot "
        "contradict the rate.",
    )


def table_proportions(
    proportions: Any,
    observations: Any,
    *,
    links: SiteLinks = ROOT_LINKS,
    table_id: str = "proportions",
) -> GT:
    """Confidence intervals of each rate by method, with k and n linked to their sentences (an
    implied count to the rate's)."""
    pro = check_frame(proportions, PROPORTIONS, source="table_proportions")
    sources = observation_sources(observations)
    rows = []
    for row in pro.iter_rows(named=True):
        rate_source = sources.get(row["rate_observation_id"] or "")
        k_source = sources.get(row["numerator_observation_id"] or "") or rate_source
        n_source = sources.get(row["denominator_observation_id"] or "") or rate_source
        interval = (
            f"[{computed(row['lower'], 'percent')}, {computed(row['upper'], 'percent')}]%"
            if row["lower"] is not None and row["upper"] is not None
            else None
        )
        method = PROPORTION_METHODS.get(row["method"])
        rows.append(
            {
                "_group": f"{family_label(row['family'])} · {indicator_label(row['rate_indicator_id'])}",
                "k": sourced(num(row["successes"]), k_source, links),
                "n": sourced(num(row["trials"]), n_source, links),
                "source": str(row["counts_source"]).replace("_", " "),
                "rate": computed(row["rate"], "percent") + "%",
                "reported": sourced(pct(row["reported_rate"]), rate_source, links)
                if row["reported_rate"] is not None
                else None,
                "method": f"{method.en if method else row['method']} "
                f"{num(row['confidence'] * 100)}%",
                "interval": interval,
                "warning": "⚠" if row["small_count_warning"] else "",
            }
        )
    columns = ("_group", "k", "n", "source", "rate", "reported", "method", "interval", "warning")
    return new_table(
        display_frame(rows, columns),
        table_id,
        {
            "k": "k",
            "n": "n",
            "source": "计数来源 / Counts",
            "rate": "重算 / k/n",
            "reported": "原文 / Reported",
            "method": "方法 / Method",
            "interval": "区间 / Interval",
            "warning": "小样本 / Small count",
        },
        ["k", "n", "reported"],
    )
