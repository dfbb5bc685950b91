"""The assumptions every number depends on, in one settings object a study can change.

Conversions (学时 to hours), intervals (the width of 约) and confidence intervals read the same
:class:`Settings`; the prose, the plots and the tables describe it with :meth:`Settings.describe`,
so changing one value changes the numbers and every sentence that states the assumption.

>>> s = Settings(class_hour_minutes=50)
>>> s.class_hour_hours
0.8333333333333334
>>> s.describe("class_hour_minutes")
'1 学时 = 50 minutes'
>>> Settings(approx_tolerance=1.5)
Traceback (most recent call last):
...
fazhi_stats.errors.FazhiError: approx_tolerance must be in [0, 1), got 1.5 (0.05 reads 约80 as [76, 84])
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from fazhi_stats.errors import FazhiError

SettingName = Literal["class_hour_minutes", "approx_tolerance", "confidence_level"]


@dataclass(frozen=True)
class Settings:
    """Assumptions of the normalisation and the comparisons.

    ``class_hour_minutes``: minutes in one 学时 (class hour), 45 by default — the common length of
    a class period in Chinese training regulations. ``approx_tolerance``: relative half-width
    given to 约/左右/近 values (0.05 reads 约80 as [76, 84]); the documents state no precision.
    ``confidence_level``: of the confidence intervals for proportions.
    ``max_benchmark_gap_years``: cross-region benchmarks further apart in years are left out
    (None: no limit).
    """

    class_hour_minutes: float = 45.0
    approx_tolerance: float = 0.05
    confidence_level: float = 0.95
    max_benchmark_gap_years: int | None = None

    def __post_init__(self) -> None:
        if not self.class_hour_minutes > 0:
            raise FazhiError(
                f"class_hour_minutes must be positive, got {self.class_hour_minutes!r}"
            )
        if not 0 <= self.approx_tolerance < 1:
            raise FazhiError(
                f"approx_tolerance must be in [0, 1), got {self.approx_tolerance!r} "
                "(0.05 reads 约80 as [76, 84])"
            )
        if not 0 < self.confidence_level < 1:
            raise FazhiError(
                f"confidence_level must be between 0 and 1, got {self.confidence_level!r}"
            )
        gap = self.max_benchmark_gap_years
        if gap is not None and (not isinstance(gap, int) or gap < 0):
            raise FazhiError(
                f"max_benchmark_gap_years must be a whole number ≥ 0 or null, got {gap!r}"
            )

    @property
    def class_hour_hours(self) -> float:
        """Hours in one 学时."""
        return self.class_hour_minutes / 60

    def describe(self, name: SettingName) -> str:
        """The assumption as a reader is told it (English, with the Chinese term)."""
        from fazhi_stats.io import format_value

        if name == "class_hour_minutes":
            return f"1 学时 = {format_value(self.class_hour_minutes)} minutes"
        if name == "approx_tolerance":
            return f"approx (约/左右/近) read as ±{format_value(self.approx_tolerance * 100)} %"
        return f"{format_value(self.confidence_level * 100)} % confidence"

    def describe_zh(self, name: SettingName) -> str:
        """The assumption in Chinese."""
        from fazhi_stats.io import format_value

        if name == "class_hour_minutes":
            return f"1 学时按 {format_value(self.class_hour_minutes)} 分钟计"
        if name == "approx_tolerance":
            return f"“约”“左右”“近”按 ±{format_value(self.approx_tolerance * 100)}% 计"
        return f"置信水平 {format_value(self.confidence_level * 100)}%"

    def updated(self, values: dict[str, Any], *, where: str = "settings") -> Settings:
        """A copy with ``values`` applied; unknown names are refused with the known ones."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise FazhiError(
                f"{where}: unknown setting(s) {', '.join(unknown)} (expected {', '.join(sorted(known))})"
            )
        return replace(self, **values)


DEFAULT_SETTINGS = Settings()
