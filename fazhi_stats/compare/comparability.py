"""Which indicators may be compared, and how closely: declared in the registry, never guessed.

An indicator is ``same`` as itself. Any other pair is comparable only through a
``comparable:`` entry of ``registry/indicators.yml``, declared on either of the two indicators.
A grade has a direction: it says how the indicator relates to the other one.

- ``same``: two ids for one measure;
- ``broader``: counts a superset of the other (lectures for any audience against lectures for
  leaders), so its value bounds the other's from above; the reverse pair is ``narrower``;
- ``narrower``: counts a subset, so it bounds the other from below;
- ``proxy``: a related measure (一趟不用跑 share for 网上全流程办理率), with a note saying how they
  differ, and no bound: a proxy never decides a comparison;
- ``not_comparable``: look-alikes that must not be compared (a count against a rate, leaders
  against all staff). Declared so that the refusal is visible: the attainment table lists such
  pairs with status ``not_comparable`` and no gap.

Pairs with no declaration are not compared at all. Any link but ``not_comparable`` must join
indicators with the same standard unit and direction — a gap in "percent minus count" means
nothing — and the two sides of a pair must declare the same relation (``broader`` one way is
``narrower`` the other).

>>> link = comparability("online_full_process_rate", "zero_visit_share")
>>> link.grade
'proxy'
>>> comparability("zero_visit_share", "online_full_process_rate").grade   # either direction
'proxy'
>>> comparability("mediation_success_rate", "zero_visit_share") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_stats.errors import FazhiError, Problem, RegistryError
from fazhi_stats.registry import Indicator, active_registry
from fazhi_stats.vocabulary import Grade

if TYPE_CHECKING:
    import polars as pl

SAME_INDICATOR_NOTE = "the same indicator"


@dataclass(frozen=True)
class Comparability:
    """The declared grade between ``indicator_id`` and ``other_id`` (in either order)."""

    indicator_id: str
    other_id: str
    grade: Grade
    note: str

    @property
    def allows_comparison(self) -> bool:
        return self.grade != "not_comparable"


_REVERSE: dict[Grade, Grade] = {"broader": "narrower", "narrower": "broader"}


def reverse_grade(grade: Grade) -> Grade:
    """The grade of the pair read the other way round (``broader`` ↔ ``narrower``)."""
    return _REVERSE.get(grade, grade)


def comparability_links(
    indicators: Mapping[str, Indicator] | None = None,
) -> dict[tuple[str, str], Comparability]:
    """Every declared pair in both directions, plus each indicator with itself.

    Raises :class:`RegistryError` listing every conflicting or unit-mismatched declaration.
    """
    if indicators is None:
        return active_registry().derived(
            "comparability_links", lambda r: _links(r.indicators, r.origin)
        )
    return _links(indicators, lambda kind, id: "indicator registry")


def _links(
    inds: Mapping[str, Indicator], origin: Callable[[str, str], str]
) -> dict[tuple[str, str], Comparability]:
    links: dict[tuple[str, str], Comparability] = {
        (i, i): Comparability(i, i, "same", SAME_INDICATOR_NOTE) for i in inds
    }
    problems: list[Problem] = []
    for ind in inds.values():
        for link in ind.comparable:
            if link.other == ind.id:
                continue
            other = inds.get(link.other)
            file = origin("indicator", ind.id)
            entry = f"indicator {ind.id}, comparable {link.other}"
            if other is None:
                problems.append(Problem(file, entry, "refers to an unknown indicator"))
                continue
            if link.grade != "not_comparable" and (
                other.unit != ind.unit or other.direction != ind.direction
            ):
                problems.append(
                    Problem(
                        file,
                        entry,
                        f"grade {link.grade} joins {ind.unit}/{ind.direction} with "
                        f"{other.unit}/{other.direction}",
                        "the same standard unit and direction, or grade not_comparable",
                    )
                )
                continue
            for a, b, grade in (
                (ind.id, other.id, link.grade),
                (other.id, ind.id, reverse_grade(link.grade)),
            ):
                known = links.get((a, b))
                if known is None:
                    links[(a, b)] = Comparability(a, b, grade, link.note)
                elif known.grade != grade:
                    problems.append(
                        Problem(
                            file,
                            entry,
                            f"{a} {grade} than {b} conflicts with {known.grade} declared "
                            f"between {known.indicator_id} and {known.other_id}",
                            "one relation per pair (broader one way is narrower the other)",
                        )
                    )
                elif link.note and link.note not in known.note:
                    links[(a, b)] = Comparability(a, b, known.grade, f"{known.note} | {link.note}")
    if problems:
        raise RegistryError(sorted(set(problems)))
    return links


def comparability(
    indicator_id: str, other_id: str, *, indicators: Mapping[str, Indicator] | None = None
) -> Comparability | None:
    """The declared comparability of two indicators, or None when nothing is declared."""
    return comparability_links(indicators).get((indicator_id, other_id))


def links_frame(indicators: Mapping[str, Indicator] | None = None) -> pl.DataFrame:
    """The links as a polars frame: indicator_id, other_id, grade, comparability_note."""
    import polars as pl

    rows: list[dict[str, Any]] = [
        {
            "indicator_id": c.indicator_id,
            "other_id": c.other_id,
            "grade": c.grade,
            "comparability_note": c.note,
        }
        for _, c in sorted(comparability_links(indicators).items())
    ]
    return pl.DataFrame(
        rows,
        schema={
            "indicator_id": pl.String,
            "other_id": pl.String,
            "grade": pl.String,
            "comparability_note": pl.String,
        },
    )


def comparability_table(
    *, indicators: Mapping[str, Indicator] | None = None, backend: str = "polars"
) -> Any:
    """The declared links between different indicators, one row per unordered pair.

    >>> table = comparability_table()
    >>> table.filter(table["grade"] == "proxy").height >= 1
    True
    """
    import polars as pl

    frame = links_frame(indicators).filter(pl.col("indicator_id") < pl.col("other_id"))
    if backend == "pandas":
        return frame.to_pandas()
    if backend != "polars":
        raise FazhiError(f"unknown backend {backend!r}; use 'polars' or 'pandas'")
    return frame
