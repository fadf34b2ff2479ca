"""The year's criteria table (bảng chấm điểm, thang điểm) as data, and the rules that read it: the checks of a
table, the scoring formulas of criteria linked to an indicator, the bands with a floor per criterion, the quota of
flags and the share cap of the Government flag. Plain functions, no Streamlit, no database.

Defaults and examples come from /work/shared/domain/SCORING.md; every number here is a setting of the table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from components.rules.errors import DomainError
from components.rules.figures import Figure, compared_measure

CRITERION_KINDS = ("base", "bonus", "penalty")
FORMULAS = ("manual", "ratio", "rank_band", "target", "award")
CROSS_AGGREGATES = ("mean", "trimmed_mean")
CODE_MAX = 32
NAME_MAX = 300


@dataclass(frozen=True)
class Criterion:
    """One line of the table. A penalty's points are entered as a negative number down to -max_points.

    formula: "manual" (typed with evidence); "ratio" (max x the indicator's percentage, capped at 100%);
    "rank_band" (params["bands"]: [[top_n, share], ...], e.g. [[10, 1.0], [20, 0.5]]: in the top 10 full points,
    top 20 half); "target" (params["target"]: met or beaten gives full points, else in proportion);
    "award" (params["points"]: {"level:form" or "level": points}, the bonus for awards recorded that year)."""

    code: str
    group: str
    name_vi: str
    name_en: str
    max_points: float
    kind: str = "base"
    evidence_required: bool = True
    indicator_code: str | None = None
    formula: str = "manual"
    params: Mapping = field(default_factory=dict)

    @property
    def computed(self) -> bool:
        return self.formula != "manual"


@dataclass(frozen=True)
class Band:
    """A classification band: total in [min_total, max_total) (max_total None: no upper bound) and no base
    criterion under floor_pct % of its maximum. cap_of/cap_pct: at most cap_pct % of the count of band cap_of
    (Nghệ An: "xuất sắc" at most 20% of "hoàn thành tốt"); units beyond the cap fall into band cap_of."""

    code: str
    label_vi: str
    label_en: str
    min_total: float
    max_total: float | None = None
    floor_pct: float = 0.0
    cap_of: str | None = None
    cap_pct: float | None = None


@dataclass(frozen=True)
class Condition:
    """A line of the flag's checklist, e.g. "Tập thể lao động xuất sắc" this year, no disciplinary case."""

    code: str
    label_vi: str
    label_en: str


@dataclass(frozen=True)
class CriteriaTable:
    scale: float
    criteria: tuple[Criterion, ...]
    bands: tuple[Band, ...] = ()
    flag_band: str | None = None  # the band whose units may be proposed for the flag
    flag_quota: int = 1  # flags the cluster may propose this year (the Ministry's guidance)
    government_share_pct: float = 20.0  # Government flag: at most this share of the units meeting the flag standard
    conditions: tuple[Condition, ...] = ()
    cross_scoring: bool = False
    cross_aggregate: str = "mean"
    cross_trim: int = 1  # scores dropped at each end by the trimmed mean

    def criterion(self, code: str) -> Criterion:
        for c in self.criteria:
            if c.code == code:
                return c
        raise DomainError("score_unknown_criterion", code=code)

    def groups(self) -> list[str]:
        return list(dict.fromkeys(c.group for c in self.criteria))

    def max_by_kind(self) -> dict[str, float]:
        return {k: sum(c.max_points for c in self.criteria if c.kind == k) for k in CRITERION_KINDS}


# --- checks of a table ------------------------------------------------------------------------------------


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check_criterion(c: Criterion) -> None:
    if not c.code or len(c.code) > CODE_MAX or not c.code.replace("_", "").replace(".", "").isalnum():
        raise DomainError("score_bad_code", code=c.code)
    if not c.name_vi.strip() or len(c.name_vi) > NAME_MAX or len(c.name_en) > NAME_MAX or not c.group.strip():
        raise DomainError("score_criterion_name", code=c.code)
    if c.kind not in CRITERION_KINDS:
        raise DomainError("score_bad_kind", code=c.code)
    if not _finite(c.max_points) or c.max_points <= 0:
        raise DomainError("score_bad_max", code=c.code)
    if c.formula not in FORMULAS:
        raise DomainError("score_bad_formula", code=c.code)
    if c.formula in ("ratio", "rank_band", "target") and not c.indicator_code:
        raise DomainError("score_formula_needs_indicator", code=c.code)
    if c.formula == "rank_band":
        bands = c.params.get("bands") or []
        if not bands or any(len(b) != 2 or not _finite(b[0]) or b[0] < 1 or not _finite(b[1]) or not 0 <= b[1] <= 1
                            for b in bands):
            raise DomainError("score_bad_rank_bands", code=c.code)
    if c.formula == "target" and (not _finite(c.params.get("target")) or c.params["target"] <= 0):
        raise DomainError("score_bad_target", code=c.code)
    if c.formula == "award":
        points = c.params.get("points") or {}
        if not points or any(not _finite(p) or p < 0 or p > c.max_points for p in points.values()):
            raise DomainError("score_bad_award_points", code=c.code)


def check_bands(bands: Iterable[Band], scale: float) -> None:
    bands = list(bands)
    codes = [b.code for b in bands]
    if len(set(codes)) != len(codes):
        raise DomainError("score_band_duplicate")
    for b in bands:
        upper = math.inf if b.max_total is None else b.max_total
        if not b.code or not b.label_vi.strip() or not _finite(b.min_total) or b.min_total < 0 or upper <= b.min_total:
            raise DomainError("score_bad_band", band=b.label_vi or b.code)
        if not _finite(b.floor_pct) or not 0 <= b.floor_pct <= 100 or b.min_total > scale:
            raise DomainError("score_bad_band", band=b.label_vi or b.code)
        if (b.cap_of is None) != (b.cap_pct is None) or (b.cap_of is not None and (
                b.cap_of not in codes or b.cap_of == b.code or not _finite(b.cap_pct) or not 0 <= b.cap_pct <= 100)):
            raise DomainError("score_bad_band", band=b.label_vi or b.code)
    ordered = sorted(bands, key=lambda b: b.min_total)
    for low, high in zip(ordered, ordered[1:]):
        if low.max_total is None or low.max_total > high.min_total:
            raise DomainError("score_bands_overlap", first=low.label_vi, second=high.label_vi)


def check_table(table: CriteriaTable) -> None:
    """A table that can be adopted: criteria with unique codes, a positive scale, bands that do not overlap, a
    quota, a share within 0-100 and a cross-scoring setting that makes sense. Raises DomainError."""
    if not table.criteria:
        raise DomainError("score_table_empty")
    if not _finite(table.scale) or table.scale <= 0:
        raise DomainError("score_bad_scale")
    codes = [c.code for c in table.criteria]
    if len(set(codes)) != len(codes):
        raise DomainError("score_duplicate_code", code=next(c for c in codes if codes.count(c) > 1))
    for c in table.criteria:
        check_criterion(c)
    check_bands(table.bands, table.scale)
    if table.flag_band is not None and table.flag_band not in {b.code for b in table.bands}:
        raise DomainError("score_bad_flag_band")
    if not isinstance(table.flag_quota, int) or table.flag_quota < 0:
        raise DomainError("score_bad_quota")
    if not _finite(table.government_share_pct) or not 0 <= table.government_share_pct <= 100:
        raise DomainError("score_bad_share")
    if table.cross_aggregate not in CROSS_AGGREGATES or not isinstance(table.cross_trim, int) or table.cross_trim < 0:
        raise DomainError("score_bad_cross")
    conds = [c.code for c in table.conditions]
    if len(set(conds)) != len(conds) or any(not c.code or not c.label_vi.strip() for c in table.conditions):
        raise DomainError("score_bad_condition")


def check_points(criterion: Criterion, points: float | None) -> None:
    """Points within [0, max] (a penalty: [-max, 0]). Empty means not scored yet."""
    if points is None:
        return
    if not _finite(points):
        raise DomainError("score_not_a_number", code=criterion.code)
    if criterion.kind == "penalty":
        if points > 0 or points < -criterion.max_points:
            raise DomainError("score_penalty_range", code=criterion.code, max=criterion.max_points)
    elif points < 0:
        raise DomainError("score_negative", code=criterion.code)
    elif points > criterion.max_points:
        raise DomainError("score_above_max", code=criterion.code, max=criterion.max_points)


# --- formulas ---------------------------------------------------------------------------------------------


def figure_percent(figure: Figure | None) -> float | None:
    """The percentage a figure stands for (components.rules.figures.compared_measure)."""
    return None if figure is None else compared_measure(figure.value, figure.numerator, figure.denominator)


def computed_points(criterion: Criterion, figure: Figure | None = None, better: str = "higher",
                    awards: Iterable[tuple[str, str]] = ()) -> float | None:
    """The points of a formula criterion from the unit's submitted figure (None when the figure is missing: a
    missing figure is not scored, never taken as zero). awards: (level, form) of the unit's awards that year."""
    m = criterion.max_points
    if criterion.formula == "award":
        table = criterion.params.get("points", {})
        total = sum(table.get(f"{level}:{form}", table.get(level, 0.0)) for level, form in awards)
        return float(min(total, m))
    if figure is None or figure.is_empty():
        return None
    if criterion.formula == "ratio":
        pct = figure_percent(figure)
        return None if pct is None else m * min(max(pct, 0.0), 100.0) / 100.0
    if criterion.formula == "rank_band":
        rank = figure.value
        if rank is None:
            return None
        for top_n, share in sorted(criterion.params["bands"], key=lambda b: b[0]):
            if rank <= top_n:
                return m * share
        return 0.0
    if criterion.formula == "target":
        value, target = figure.value, float(criterion.params["target"])
        if value is None:
            return None
        if better == "lower":
            return m if value <= target else (m * target / value if value > 0 else 0.0)
        return m if value >= target else m * max(value, 0.0) / target
    return None


# --- totals, bands, quota ---------------------------------------------------------------------------------


def total(points: Mapping[str, float | None]) -> float:
    """A unit's total: the sum of its scored criteria (a penalty is negative)."""
    return float(sum(p for p in points.values() if p is not None))


def criteria_below_floor(table: CriteriaTable, points: Mapping[str, float | None], floor_pct: float) -> list[str]:
    """Codes of base criteria under floor_pct % of their maximum (an unscored one counts as under)."""
    under = []
    for c in table.criteria:
        if c.kind != "base":
            continue
        p = points.get(c.code)
        if p is None or p < c.max_points * floor_pct / 100.0 - 1e-9:
            under.append(c.code)
    return under


def classify(table: CriteriaTable, points: Mapping[str, float | None]) -> tuple[str | None, dict[str, list[str]]]:
    """The band of one unit: the best band whose minimum the total reaches and whose floor every base criterion
    meets (92 points with one criterion under 85% is not "xuất sắc" but may be "tốt"). Also, for every better
    band, what kept the unit out: the criteria under its floor, or an empty list when the total was too low."""
    value = total(points)
    missed: dict[str, list[str]] = {}
    for band in sorted(table.bands, key=lambda b: -b.min_total):
        if value + 1e-9 < band.min_total:
            missed[band.code] = []
            continue
        under = criteria_below_floor(table, points, band.floor_pct)
        if not under:
            return band.code, missed
        missed[band.code] = under
    return None, missed


def share_cap(count: int, pct: float) -> int:
    """At most pct % of count, rounded down (20% of 7 is 1)."""
    return int(math.floor(count * pct / 100.0 + 1e-9))


def government_flag_cap(units_meeting_flag_standard: int, share_pct: float = 20.0) -> int:
    """Công văn 5007/BNV-TĐKT: the Government flag goes to at most 20% of the collectives that lead their
    clusters and meet the ministry-flag standard."""
    return share_cap(units_meeting_flag_standard, share_pct)


def trimmed_mean(values: Iterable[float], trim: int = 1) -> float:
    """Mean after dropping the trim lowest and trim highest values; the plain mean when too few remain."""
    ordered = sorted(float(v) for v in values)
    if not ordered:
        return math.nan
    if len(ordered) > 2 * trim:
        ordered = ordered[trim:len(ordered) - trim]
    return sum(ordered) / len(ordered)


def cross_figure(scores: Mapping[int, float], own_unit_id: int, aggregate: str = "mean", trim: int = 1) -> float:
    """The cluster's figure for one unit's criterion in cross-scoring: the other units' scores (its own is
    excluded), averaged or trimmed-averaged. NaN when no other unit scored it."""
    others = [v for scorer, v in scores.items() if scorer != own_unit_id and v is not None]
    if not others:
        return math.nan
    if aggregate == "trimmed_mean":
        return trimmed_mean(others, trim)
    return sum(others) / len(others)


# --- the table as rows (the editor, Excel) and the example ------------------------------------------------

CRITERION_COLUMNS = ["code", "group", "name_vi", "name_en", "max_points", "kind", "evidence_required",
                     "indicator_code", "formula", "params"]
BAND_COLUMNS = ["code", "label_vi", "label_en", "min_total", "max_total", "floor_pct", "cap_of", "cap_pct"]
CONDITION_COLUMNS = ["code", "label_vi", "label_en"]


def _blank(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (isinstance(x, str) and not x.strip())


def _text(x) -> str:
    return "" if _blank(x) else str(x).strip()


def _number(x, what: str) -> float | None:
    if _blank(x):
        return None
    try:
        return float(str(x).replace(",", ".")) if isinstance(x, str) else float(x)
    except ValueError:
        raise DomainError("score_not_a_number", code=what) from None


def criterion_from_row(row: Mapping) -> Criterion:
    code = _text(row.get("code"))
    params = row.get("params")
    if isinstance(params, str):
        try:
            params = json.loads(params) if params.strip() else {}
        except ValueError:
            raise DomainError("score_bad_params", code=code) from None
    if not isinstance(params or {}, dict):
        raise DomainError("score_bad_params", code=code)
    max_points = _number(row.get("max_points"), code)
    evidence = row.get("evidence_required")
    return Criterion(code, _text(row.get("group")), _text(row.get("name_vi")), _text(row.get("name_en")),
                     max_points if max_points is not None else 0.0, _text(row.get("kind")) or "base",
                     True if _blank(evidence) else bool(evidence), _text(row.get("indicator_code")) or None,
                     _text(row.get("formula")) or "manual", params or {})


def band_from_row(row: Mapping) -> Band:
    label = _text(row.get("label_vi"))
    cap_pct = _number(row.get("cap_pct"), label)
    return Band(_text(row.get("code")), label, _text(row.get("label_en")), _number(row.get("min_total"), label) or 0.0,
                _number(row.get("max_total"), label), _number(row.get("floor_pct"), label) or 0.0,
                _text(row.get("cap_of")) or None, cap_pct)


def condition_from_row(row: Mapping) -> Condition:
    return Condition(_text(row.get("code")), _text(row.get("label_vi")), _text(row.get("label_en")))


def criterion_row(c: Criterion) -> dict:
    return {"code": c.code, "group": c.group, "name_vi": c.name_vi, "name_en": c.name_en, "max_points": c.max_points,
            "kind": c.kind, "evidence_required": c.evidence_required, "indicator_code": c.indicator_code or "",
            "formula": c.formula, "params": json.dumps(dict(c.params), ensure_ascii=False) if c.params else ""}


def band_row(b: Band) -> dict:
    return {"code": b.code, "label_vi": b.label_vi, "label_en": b.label_en, "min_total": b.min_total,
            "max_total": b.max_total, "floor_pct": b.floor_pct, "cap_of": b.cap_of or "", "cap_pct": b.cap_pct}


def condition_row(c: Condition) -> dict:
    return {"code": c.code, "label_vi": c.label_vi, "label_en": c.label_en}


def _c(code, group, vi, en, m, **kw) -> Criterion:
    return Criterion(code, group, vi, en, m, **kw)


# The example of SCORING.md: the criteria of Hồ Chí Minh City (2008, 90 base points, bonus +10 for a ministry
# flag and +15 for a Government flag) and Nghệ An's bands (2025 draft rule; its 20% cap of "xuất sắc" is a setting
# left off here); the chair edits it before adopting.
EXAMPLE_TABLE = CriteriaTable(
    scale=100,
    criteria=(
        _c("01", "I", "Tổ chức cụm, khối và gửi đăng ký thi đua đúng hạn", "Blocs organised, registration on time", 10),
        _c("02", "I", "Thực hiện giao ước thi đua, tham gia hoạt động của cụm", "Covenant carried out", 10),
        _c("03", "I", "Chương trình, kế hoạch; sơ kết, tổng kết", "Programme, plan, mid-year and year-end reviews", 20),
        _c("04", "I", "Kiểm tra", "Inspection", 10),
        _c("05", "I", "Báo cáo đúng hạn", "Reports on time", 10),
        _c("06", "I", "Nhân rộng mô hình, điển hình tiên tiến", "Models and advanced examples spread", 10),
        _c("07", "I", "Khen thưởng đúng quy định, kịp thời, hồ sơ đúng", "Awards by the rules, on time", 20),
        _c("08", "II", "Điểm thưởng: khen thưởng đã nhận", "Bonus: awards received", 15, kind="bonus",
           evidence_required=False, formula="award",
           params={"points": {"ministry:co_thi_dua": 10, "province:co_thi_dua": 10, "government:co_thi_dua": 15}}),
    ),
    bands=(
        Band("excellent", "Hoàn thành xuất sắc", "Excellent", 90, None, 85),
        Band("good", "Hoàn thành tốt", "Good", 80, 90, 80),
        Band("done", "Hoàn thành", "Completed", 70, 80, 70),
    ),
    flag_band="excellent",
    flag_quota=2,
    conditions=(
        Condition("ldxs", "Đạt danh hiệu “Tập thể lao động xuất sắc” năm nay", "“Excellent collective” this year"),
        Condition("no_discipline", "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
                  "Nobody disciplined at “cảnh cáo” or above"),
    ),
)
