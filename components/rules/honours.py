"""Awards (forms, levels, recipients, the award form's checks) and the staff emulation targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from components.rules.figures import Problem

LDTT_TARGET_PCT = 90.0  # the cluster's target: more than 90% of staff titled Lao động tiên tiến
CSTDCS_CAP_PCT = 15.0  # at most 15% of those titled Lao động tiên tiến may be Chiến sĩ thi đua cơ sở
STAFF_CODES = ("staff_total", "staff_ldtt", "staff_cstdcs")
AWARD_FORMS = ("co_thi_dua", "bang_khen", "giay_khen", "tap_the_ldxs", "tap_the_ldtt", "chien_si_thi_dua",
               "huan_chuong", "ky_niem_chuong", "other")


AWARD_LEVELS = ("state", "government", "ministry", "province", "unit")
RECIPIENTS = ("collective", "individual")
DECISION_NO_MAX = 100


@dataclass(frozen=True)
class StaffCheck:
    ldtt_pct: float | None
    ldtt_meets_target: bool | None
    cstdcs_pct: float | None
    cstdcs_within_cap: bool | None


def staff_targets(total: float | None, ldtt: float | None, cstdcs: float | None) -> StaffCheck:
    """The shares shown next to the staff inputs: LĐTT over staff against the >90% target, CSTĐCS over LĐTT against
    the 15% cap. None where a figure is missing."""
    ldtt_pct = ldtt / total * 100 if total and ldtt is not None else None
    cstdcs_pct = cstdcs / ldtt * 100 if ldtt and cstdcs is not None else None
    return StaffCheck(ldtt_pct, None if ldtt_pct is None else ldtt_pct > LDTT_TARGET_PCT,
                      cstdcs_pct, None if cstdcs_pct is None else cstdcs_pct <= CSTDCS_CAP_PCT + 1e-9)


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
