"""The closed vocabularies of the library, each defined once, with bilingual names.

Comparators, kinds, as-of kinds, hedge words, document kinds, statuses, comparability grades,
directions, families, milestone kinds, commitment forms, roles and corrections, and the label of
an unknown region: every module that needs one imports it from here, so a new status or family
is added in one place. Each vocabulary is a typing ``Literal`` (for type
checkers) and a :class:`Vocabulary` of :class:`Term` (for people), checked against each other
when this module is imported.

>>> COMPARATORS.symbol("ge"), COMPARATORS.label("ge")
('≥', '不少于 / at least')
>>> "baseline" in STATUSES
True
>>> FAMILIES.label("court_appearance")
'出庭应诉 / Court appearance'
>>> HEDGES.label("可"), MILESTONE_KINDS.label("start")
('可 / may', '起始 / start')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar, get_args

SEPARATOR = " / "

Id = TypeVar("Id", bound=str)


@dataclass(frozen=True)
class Term:
    """One word of a vocabulary: its id (as stored in data) and its names."""

    id: str
    zh: str
    en: str
    symbol: str = ""
    description: str = ""

    @property
    def label(self) -> str:
        """``"中文 / English"`` (one side alone when both are the same)."""
        return self.zh if self.zh == self.en else f"{self.zh}{SEPARATOR}{self.en}"


class Vocabulary(Generic[Id]):
    """An ordered, closed set of terms; ``in``, iteration and look-ups by id."""

    def __init__(self, name: str, literal: object, terms: tuple[Term, ...]) -> None:
        ids = tuple(t.id for t in terms)
        declared = get_args(literal)
        if ids != declared:  # the Literal and the terms are one vocabulary, in one order
            raise RuntimeError(f"vocabulary {name}: terms {ids} differ from its type {declared}")
        self.name = name
        self.terms = terms
        self.ids: tuple[Id, ...] = ids  # type: ignore[assignment]
        self._by_id = {t.id: t for t in terms}

    def __contains__(self, item: object) -> bool:
        return item in self._by_id

    def __iter__(self) -> Iterator[Id]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, id: str) -> Term:
        try:
            return self._by_id[id]
        except KeyError:
            raise KeyError(f"{id!r} is not a {self.name} (one of {', '.join(self.ids)})") from None

    def of(self, value: object) -> Id | None:
        """``value`` as a word of this vocabulary (typed), None when it is not one."""
        for id in self.ids:
            if value == id:
                return id
        return None

    def get(self, id: str | None) -> Term | None:
        return self._by_id.get(id) if id is not None else None

    def label(self, id: str | None) -> str:
        """Bilingual name of ``id``; an unknown id is shown as it is, ``""`` for None."""
        if id is None:
            return ""
        term = self._by_id.get(id)
        return term.label if term is not None else id

    def symbol(self, id: str | None) -> str:
        term = self.get(id)
        return term.symbol if term is not None else ""

    def expected(self) -> str:
        """``"one of a, b, c"`` for error messages."""
        return "one of " + ", ".join(self.ids)


# -- how a number is to be read ------------------------------------------------------------

Comparator = Literal["eq", "ge", "gt", "le", "lt", "approx"]
COMPARATORS: Vocabulary[Comparator] = Vocabulary(
    "comparator",
    Comparator,
    (
        Term("eq", "等于", "equal to", "="),
        Term("ge", "不少于", "at least", "≥"),
        Term("gt", "超过", "more than", ">"),
        Term("le", "不超过", "at most", "≤"),
        Term("lt", "少于", "less than", "<"),
        Term("approx", "约", "approximately", "≈"),
    ),
)


def comparator_prefix(comparator: str) -> str:
    """The symbol written before a number: ``≥`` for ge, nothing for eq (``≥40``, ``100``)."""
    return "" if comparator == "eq" else COMPARATORS.symbol(comparator)


Recurrence = Literal["year", "half_year", "quarter", "month", "week"]
RECURRENCES: Vocabulary[Recurrence] = Vocabulary(
    "recurrence",
    Recurrence,
    (
        Term("year", "每年", "per year"),
        Term("half_year", "每半年", "per half year"),
        Term("quarter", "每季度", "per quarter"),
        Term("month", "每月", "per month"),
        Term("week", "每周", "per week"),
    ),
)


# -- what an observation or a claim is -----------------------------------------------------

Kind = Literal["target", "actual", "mixed", "baseline"]
KINDS: Vocabulary[Kind] = Vocabulary(
    "kind",
    Kind,
    (
        Term("target", "目标", "target"),
        Term("actual", "实绩", "achievement"),
        Term("mixed", "混合", "mixed", description="a hedged sentence that is both"),
        Term(
            "baseline",
            "原值",
            "value before the reform",
            description="the level before a change the document reports (原来5个), never compared",
        ),
    ),
)

AsOfKind = Literal["year_to_date", "running_total", "state"]
AS_OF_KINDS: Vocabulary[AsOfKind] = Vocabulary(
    "as-of kind",
    AsOfKind,
    (
        Term(
            "year_to_date",
            "年初至今",
            "year to date",
            description="counted from 1 January to the as-of date (今年来, 今年)",
        ),
        Term(
            "running_total",
            "累计",
            "running total",
            description="counted from an unstated start to the as-of date (截止目前…共, 先后)",
        ),
        Term("state", "现状", "state", description="a level or stock at the as-of date (目前)"),
    ),
)

#: Words that weaken a commitment or a number, as written in the documents.
Hedge = Literal["力争", "努力", "争取", "逐步", "原则上", "一般", "可"]
HEDGES: Vocabulary[Hedge] = Vocabulary(
    "hedge word",
    Hedge,
    (
        Term("力争", "力争", "strive to"),
        Term("努力", "努力", "endeavour to"),
        Term("争取", "争取", "seek to"),
        Term("逐步", "逐步", "step by step"),
        Term("原则上", "原则上", "in principle"),
        Term("一般", "一般", "as a rule"),
        Term("可", "可", "may", description="permissive: the unit may, not must"),
    ),
)

# -- deadlines and the commitments of plans ---------------------------------------------------

MilestoneKind = Literal["deadline", "start", "recurring"]
MILESTONE_KINDS: Vocabulary[MilestoneKind] = Vocabulary(
    "milestone kind",
    MilestoneKind,
    (
        Term("deadline", "期限", "deadline", description="to be done by a date (到2016年底, …前)"),
        Term("start", "起始", "start", description="applies from a date on (自2016年起, 从…起)"),
        Term(
            "recurring",
            "周期性期限",
            "recurring deadline",
            description="a deadline that repeats (每年初, 每年第一季度); dated when the text fixes each",
        ),
    ),
)

CommitmentForm = Literal["item", "sentence"]
COMMITMENT_FORMS: Vocabulary[CommitmentForm] = Vocabulary(
    "commitment form",
    CommitmentForm,
    (
        Term("item", "条目", "item", description="a numbered task item (with its 责任单位 line)"),
        Term("sentence", "句子", "sentence", description="a task sentence outside numbered items"),
    ),
)

CommitmentRole = Literal["task", "goal"]
COMMITMENT_ROLES: Vocabulary[CommitmentRole] = Vocabulary(
    "commitment role",
    CommitmentRole,
    (
        Term("task", "任务", "task", description="something to be done"),
        Term(
            "goal",
            "目标",
            "goal",
            description="a state to be reached (总体目标, 工作目标, a section's opening sentence)",
        ),
    ),
)

CorrectionAction = Literal["add", "exclude", "merge", "split", "family", "hedge", "role"]
CORRECTION_ACTIONS: Vocabulary[CorrectionAction] = Vocabulary(
    "commitment correction",
    CorrectionAction,
    (
        Term(
            "add", "补充", "add", description="a commitment the rules miss: the quote is its text"
        ),
        Term("exclude", "排除", "exclude", description="not a commitment"),
        Term("merge", "合并", "merge", description="one commitment with the one after it"),
        Term("split", "拆分", "split", description="a new commitment starts at the quote"),
        Term("family", "指标族", "family", description="the family, overriding the rule"),
        Term(
            "hedge", "限定词", "hedge", description="the hedge word, or null: overriding the rule"
        ),
        Term("role", "角色", "role", description="task or goal, overriding the rule"),
    ),
)

ClaimKind = Literal["target", "actual", "unknown"]
CLAIM_KINDS: Vocabulary[ClaimKind] = Vocabulary(
    "claim kind",
    ClaimKind,
    (
        Term("target", "目标", "target"),
        Term("actual", "实绩", "achievement"),
        Term("unknown", "不明", "unknown"),
    ),
)

DocKind = Literal["plan", "work_points", "report", "national"]
DOC_KINDS: Vocabulary[DocKind] = Vocabulary(
    "document kind",
    DocKind,
    (
        Term("plan", "方案", "plan"),
        Term("work_points", "工作安排", "work points"),
        Term("report", "报告", "report"),
        Term("national", "国家文件", "national"),
    ),
)

# -- comparisons ---------------------------------------------------------------------------

Status = Literal[
    "met",
    "not_met",
    "indeterminate",
    "baseline",
    "no_target",
    "no_actual",
    "not_comparable",
    "not_assessed",
    "unclassified",
]
STATUSES: Vocabulary[Status] = Vocabulary(
    "attainment status",
    Status,
    (
        Term(
            "met",
            "达到",
            "met",
            description="every value the achievement allows meets the target",
        ),
        Term(
            "not_met",
            "未达到",
            "not met",
            description="no value the achievement allows meets the target",
        ),
        Term(
            "indeterminate",
            "无法判定",
            "indeterminate",
            description="some values the achievement allows meet the target and some do not "
            "(the intervals overlap; a broader or narrower count bounds it on one side only)",
        ),
        Term(
            "baseline",
            "基线",
            "baseline",
            description="today's value against the same region's target for a later year: "
            "it shows where the target sits, and cannot be met or missed yet",
        ),
        Term(
            "no_target",
            "无可比目标",
            "no comparable target",
            description="an achievement that no target of the same or a comparable indicator "
            "can judge",
        ),
        Term(
            "no_actual",
            "无对应实绩",
            "no actual",
            description="a target that no achievement of the same or a comparable indicator "
            "can test",
        ),
        Term(
            "not_comparable",
            "不可比",
            "not comparable",
            description="the registry declares the two indicators not comparable: the pair is "
            "shown and never judged",
        ),
        Term(
            "not_assessed",
            "未评估",
            "not assessed",
            description="a hedged report sentence (mixed), neither a target nor an achievement",
        ),
        Term(
            "unclassified",
            "未归类",
            "unclassified",
            description="a number with no registry indicator: kept and counted, never compared",
        ),
    ),
)

Relation = Literal[
    "own_target_same_period",
    "own_target_later_period",
    "own_target_earlier_period",
    "own_target_other_period",
    "cross_region_benchmark",
]
RELATIONS: Vocabulary[Relation] = Vocabulary(
    "attainment relation",
    Relation,
    (
        Term(
            "own_target_same_period",
            "本地同期目标",
            "own target, same period",
            description="same region; the actual's period lies within the target's",
        ),
        Term(
            "own_target_later_period",
            "本地后期目标",
            "own later target",
            description="same region; the target is for a period after the actual's",
        ),
        Term(
            "own_target_earlier_period",
            "本地前期目标",
            "own earlier target",
            description="same region; the target's period ended before the actual's began",
        ),
        Term(
            "own_target_other_period",
            "本地其他时期目标",
            "own target, other period",
            description="same region; periods overlap in part or are unknown",
        ),
        Term(
            "cross_region_benchmark",
            "跨地区基准",
            "cross-region benchmark",
            description="another region's target, or a region is unknown",
        ),
    ),
)

Position = Literal["within", "outside", "overlapping"]
POSITIONS: Vocabulary[Position] = Vocabulary(
    "position",
    Position,
    (
        Term("within", "全部达标", "within", description="every value meets the target"),
        Term("outside", "全部未达标", "outside", description="no value meets the target"),
        Term("overlapping", "部分达标", "overlapping", description="some values meet it"),
    ),
)

Check = Literal[
    "rate_vs_counts", "implied_denominator", "implied_numerator", "counts_only", "sum", "order"
]
CHECKS: Vocabulary[Check] = Vocabulary(
    "consistency check",
    Check,
    (
        Term("rate_vs_counts", "比率与计数", "rate against counts"),
        Term("implied_denominator", "推算分母", "implied denominator"),
        Term("implied_numerator", "推算分子", "implied numerator"),
        Term("counts_only", "分子不大于分母", "numerator within denominator"),
        Term("sum", "分项之和", "parts and whole"),
        Term("order", "逐级不增", "funnel order"),
    ),
)

ProportionMethod = Literal["wilson", "jeffreys", "clopper_pearson"]
PROPORTION_METHODS: Vocabulary[ProportionMethod] = Vocabulary(
    "proportion interval method",
    ProportionMethod,
    (
        Term("wilson", "Wilson", "Wilson"),
        Term("jeffreys", "Jeffreys", "Jeffreys"),
        Term("clopper_pearson", "Clopper–Pearson", "Clopper–Pearson"),
    ),
)

CountsSource = Literal["reported", "implied_denominator", "implied_numerator"]
COUNTS_SOURCES: Vocabulary[CountsSource] = Vocabulary(
    "counts source",
    CountsSource,
    (
        Term("reported", "报告值", "reported"),
        Term("implied_denominator", "推算分母", "implied denominator"),
        Term("implied_numerator", "推算分子", "implied numerator"),
    ),
)

CheckStatus = Literal["consistent", "inconsistent", "underdetermined", "derived"]
CHECK_STATUSES: Vocabulary[CheckStatus] = Vocabulary(
    "consistency status",
    CheckStatus,
    (
        Term(
            "consistent",
            "一致",
            "consistent",
            description="the figures agree: a rate within the rounding of the rate its counts "
            "give, parts within their whole, a funnel that narrows",
        ),
        Term(
            "inconsistent",
            "不一致",
            "inconsistent",
            description="the figures contradict each other beyond the rounding",
        ),
        Term(
            "underdetermined",
            "无法判定",
            "underdetermined",
            description="the figures given cannot decide (a count or a part is missing)",
        ),
        Term(
            "derived",
            "推算",
            "derived",
            description="a count implied by the rate itself; it shows that count, not agreement",
        ),
    ),
)

Grade = Literal["same", "broader", "narrower", "proxy", "not_comparable"]
GRADES: Vocabulary[Grade] = Vocabulary(
    "comparability grade",
    Grade,
    (
        Term("same", "同一指标", "same", description="the same quantity"),
        Term(
            "broader",
            "范围更宽",
            "broader",
            description="counts a superset of the other: bounds it from above",
        ),
        Term(
            "narrower",
            "范围更窄",
            "narrower",
            description="counts a subset of the other: bounds it from below",
        ),
        Term("proxy", "近似指标", "proxy", description="related, with a note, and no bound"),
        Term(
            "not_comparable",
            "不可比",
            "not comparable",
            description="different quantities (a count and a rate, another population): never "
            "judged",
        ),
    ),
)

Direction = Literal["higher_is_better", "lower_is_better", "neutral"]
DIRECTIONS: Vocabulary[Direction] = Vocabulary(
    "direction",
    Direction,
    (
        Term("higher_is_better", "越高越好", "higher is better"),
        Term("lower_is_better", "越低越好", "lower is better"),
        Term("neutral", "无方向", "neutral"),
    ),
)

# -- what indicators are about -------------------------------------------------------------

Family = Literal[
    "mediation",
    "court_appearance",
    "online_services",
    "training",
    "legality_review",
    "legal_advisers",
    "normative_documents",
    "reconsideration_litigation",
    "inspection",
    "approval_reform",
    "fiscal",
    "exams",
    "legal_publicity",
    "staffing",
    "reporting",
    "enforcement",
    "credit",
    "other",
]
FAMILIES: Vocabulary[Family] = Vocabulary(
    "indicator family",
    Family,
    (
        Term("mediation", "调解", "Mediation"),
        Term("court_appearance", "出庭应诉", "Court appearance"),
        Term("online_services", "网上办理", "Online services"),
        Term("training", "学法培训", "Training"),
        Term("legality_review", "合法性审查", "Legality review"),
        Term("legal_advisers", "法律顾问", "Legal advisers"),
        Term("normative_documents", "规范性文件", "Normative documents"),
        Term("reconsideration_litigation", "复议与诉讼", "Reconsideration and litigation"),
        Term("inspection", "双随机抽查", "Random inspections"),
        Term("approval_reform", "审批改革", "Approval reform"),
        Term("fiscal", "财政", "Fiscal"),
        Term("exams", "学法考试", "Law exams"),
        Term("legal_publicity", "普法", "Legal publicity"),
        Term("staffing", "人员配备", "Staffing"),
        Term("reporting", "报告制度", "Reporting"),
        Term("enforcement", "行政执法", "Enforcement"),
        Term("credit", "信用", "Credit"),
        Term("other", "其他", "Other"),
    ),
)

RegionLevel = Literal["national", "province", "prefecture", "county", "township"]
REGION_LEVELS: Vocabulary[RegionLevel] = Vocabulary(
    "region level",
    RegionLevel,
    (
        Term("national", "国家级", "national"),
        Term("province", "省级", "province"),
        Term("prefecture", "地级", "prefecture"),
        Term("county", "县级", "county"),
        Term("township", "乡级", "township"),
    ),
)

#: The code of the country as a whole (a ministry's or the State Council's documents).
NATIONAL_CODE = "100000"


def is_region_code(code: str) -> bool:
    """A GB/T 2260 code (6 digits; 100000 the country), or the 9 digits a township has in the
    statistical division codes (统计用区划代码: its county's code and 3 more).

    >>> is_region_code("440704"), is_region_code("440704003"), is_region_code("44070")
    (True, True, False)
    """
    return len(code) in (6, 9) and code.isdigit() and code.isascii()


#: How a document or observation without a known region is named everywhere.
UNKNOWN_REGION = Term("unknown", "地区不明", "Unknown region")
