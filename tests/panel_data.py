"""Small hand-made panels and observations for the panel tests."""

from __future__ import annotations

from typing import Any


def panel_rows(
    values: dict[str, tuple[float | None, float | None]] | dict[str, float],
    *,
    indicator: str = "x",
    year: int = 2020,
    direction: str = "higher_is_better",
    unit: str = "count",
    family: str = "f",
) -> list[dict[str, Any]]:
    """Panel rows of one indicator and year: ``{region: value}`` or ``{region: (lo, hi)}``."""
    rows = []
    for region, value in values.items():
        lo, hi = value if isinstance(value, tuple) else (value, value)
        rows.append(
            {
                "region_code": region,
                "year": year,
                "indicator_id": indicator,
                "family": family,
                "direction": direction,
                "unit_std": unit,
                "value_lower": lo,
                "value_upper": hi,
                "lower_open": lo is None,
                "upper_open": hi is None,
            }
        )
    return rows


def observation(
    oid: str, region: str | None, year: int | None, indicator: str, **kw: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "observation_id": oid,
        "document_id": oid.split("/")[0],
        "region_code": region,
        "year": year,
        "indicator_id": indicator,
        "kind": "actual",
        "comparator": "eq",
        "value_std": 1.0,
        "unit_std": "count",
    }
    row.update(kw)
    return row
