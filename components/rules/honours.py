"""Awards (forms, levels, recipients, the award form's checks) and the staff emulation targets: the one home of
both. Plain functions, no Streamlit, no database."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.rules.errors import DomainError
from components.rules.figures import Problem

STAFF_CODES = ("staff_total", "staff_ldtt", "staff_cstdcs")
AWARD_FORMS = ("co_thi_dua", "bang_khen", "giay_khen", "tap_the_ldxs", "tap_the_ldtt", "chien_si_thi_dua",
               "huan_chuong", "ky_niem_chuong", "other")
AWARD_LEVELS = ("state", "government", "ministry", "province", "unit")
RECIPIENTS = ("collective", "individual")
DECISION_NO_MAX = 100


# --- staff targets ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffTargets:
    """A year's staff emulation figures to compare with. Two different things live here and are always shown apart:
    the cluster's own targets (seed 003: "trên 90% CCVC đạt Lao động tiên tiến, trong đó có 15% CCVC đạt Chiến sĩ
    thi đua cơ sở, 20% trở lên tập thể đạt Tập thể lao động xuất sắc"), shares of all staff, and the legal cap
    (Nghị định 98/2023/NĐ-CP: Chiến sĩ thi đua cơ sở at most 15% of those reaching Lao động tiên tiến)."""

    ldtt_of_staff_pct: float = 90.0  # target: MORE than this share of staff titled Lao động tiên tiến
    cstdcs_of_staff_pct: float = 15.0  # target: at least this share of staff titled Chiến sĩ thi đua cơ sở
    ldxs_collectives_pct: float = 20.0  # target: at least this share of collectives titled Tập thể LĐXS
    cstdcs_cap_of_ldtt_pct: float = 15.0  # legal cap: Chiến sĩ thi đua cơ sở over Lao động tiên tiến


DEFAULT_STAFF_TARGETS = StaffTargets()
TARGET_FIELDS = ("ldtt_of_staff_pct", "cstdcs_of_staff_pct", "ldxs_collectives_pct", "cstdcs_cap_of_ldtt_pct")
EPS = 1e-9


def check_staff_targets(targets: StaffTargets) -> None:
    """Every target is a percentage above 0 and at most 100."""
    for name in TARGET_FIELDS:
        value = getattr(targets, name)
        if value is None or not isinstance(value, (int, float)) or math.isnan(value) or not 0 < value <= 100:
            raise DomainError("targets_out_of_range", field=name)


@dataclass(frozen=True)
class StaffCheck:
    ldtt_pct: float | None  # of staff
    ldtt_meets_target: bool | None
    cstdcs_of_staff_pct: float | None
    cstdcs_meets_target: bool | None
    cstdcs_of_ldtt_pct: float | None
    cstdcs_within_cap: bool | None


def _share(part: float | None, whole: float | None) -> float | None:
    return part / whole * 100 if whole and part is not None else None


def staff_targets(total: float | None, ldtt: float | None, cstdcs: float | None,
                  targets: StaffTargets = DEFAULT_STAFF_TARGETS) -> StaffCheck:
    """The shares shown next to the staff inputs: LĐTT and CSTĐCS over staff against the cluster's targets, CSTĐCS
    over LĐTT against the legal cap. None where a figure is missing."""
    ldtt_pct, cstdcs_staff, cstdcs_ldtt = _share(ldtt, total), _share(cstdcs, total), _share(cstdcs, ldtt)
    return StaffCheck(
        ldtt_pct, None if ldtt_pct is None else ldtt_pct > targets.ldtt_of_staff_pct + EPS,
        cstdcs_staff, None if cstdcs_staff is None else cstdcs_staff + EPS >= targets.cstdcs_of_staff_pct,
        cstdcs_ldtt, None if cstdcs_ldtt is None else cstdcs_ldtt <= targets.cstdcs_cap_of_ldtt_pct + EPS)


RATE_MEASURES = ("ldtt_of_staff", "cstdcs_of_staff", "cstdcs_of_ldtt")


def title_rates(values: pd.DataFrame, unit_ids: list[int], year: int,
                targets: StaffTargets = DEFAULT_STAFF_TARGETS) -> pd.DataFrame:
    """Per unit: the LĐTT and CSTĐCS shares of staff against the cluster's targets and the CSTĐCS share of LĐTT
    against the legal cap (kind "target" or "cap"); NaN rate when a figure is not reported."""
    this_year = values[(values["year"] == year)
                       & values["indicator_code"].isin(("staff_total", "staff_ldtt", "staff_cstdcs"))]
    found: dict[str, dict[int, float]] = {"staff_total": {}, "staff_ldtt": {}, "staff_cstdcs": {}}
    for code, unit_id, value in zip(this_year["indicator_code"].tolist(), this_year["unit_id"].tolist(),
                                    this_year["measure"].tolist()):
        found[code][unit_id] = math.nan if value is None or value is pd.NA else float(value)
    staff, ldtt, cstdcs = found["staff_total"], found["staff_ldtt"], found["staff_cstdcs"]
    specs = (("ldtt_of_staff", ldtt, staff, "target", targets.ldtt_of_staff_pct),
             ("cstdcs_of_staff", cstdcs, staff, "target", targets.cstdcs_of_staff_pct),
             ("cstdcs_of_ldtt", cstdcs, ldtt, "cap", targets.cstdcs_cap_of_ldtt_pct))
    rows = []
    for code, part, whole, kind, limit in specs:
        for unit_id in unit_ids:
            p, w = part.get(unit_id, math.nan), whole.get(unit_id, math.nan)
            rate = 100.0 * p / w if (not math.isnan(w) and w > 0 and not math.isnan(p)) else math.nan
            if math.isnan(rate):
                ok = None
            elif code == "ldtt_of_staff":
                ok = rate > limit + EPS
            elif kind == "target":
                ok = rate + EPS >= limit
            else:
                ok = rate <= limit + EPS
            rows.append({"unit_id": unit_id, "indicator_code": code, "rate": rate, "limit_kind": kind,
                         "target": float(limit), "meets_target": ok})
    return pd.DataFrame(rows, columns=["unit_id", "indicator_code", "rate", "limit_kind", "target", "meets_target"])


def validate_award(*, form: str, level: str, recipient: str, count: object, decision_no: str | None,
                   decision_date: date | None, today: date) -> list[Problem]:
    problems = []
    if form not in AWARD_FORMS:
        problems.append(Problem("form", "award_form"))
    if level not in AWARD_LEVELS:
        problems.append(Problem("level", "award_level"))
    if recipient not in RECIPIENTS:
        problems.append(Problem("recipient", "award_recipient"))
    if not isinstance(count, (int, float)) or isinstance(count, bool) or count != int(count) or count < 1:
        problems.append(Problem("count", "award_count"))
    if decision_no is not None and len(decision_no.strip()) > DECISION_NO_MAX:
        problems.append(Problem("decision_no", "award_decision_no", {"max": DECISION_NO_MAX}))
    if decision_date is not None and decision_date > today:
        problems.append(Problem("decision_date", "award_future_date"))
    return problems
