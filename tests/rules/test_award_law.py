"""NĐ 152/2025 as far as software applies it: holds block a proposal, a discipline's end starts the count again,
thematic and one-off awards never count toward annual merit, and from 2025 the lower award is not needed first."""

from __future__ import annotations

from datetime import date

import pytest

from components.rules import award_law as law
from components.rules.errors import DomainError

INSPECTION = law.Hold("inspection", "Thanh tra việc quản lý tần số", date(2026, 3, 1))


def test_a_unit_with_a_thematic_award_only_does_not_have_the_annual_award():
    awards = [law.AwardFact(2025, "tap_the_ldxs", "thematic")]
    assert not law.has_annual_award(awards, year=2025, form="tap_the_ldxs")
    assert law.has_annual_award([*awards, law.AwardFact(2025, "tap_the_ldxs")], year=2025, form="tap_the_ldxs")


def test_one_off_awards_never_count_toward_annual_merit():
    assert law.counts_toward_annual("annual")
    assert not law.counts_toward_annual("thematic") and not law.counts_toward_annual("one_off")
    with pytest.raises(DomainError):
        law.counts_toward_annual("yearly")


def test_under_the_old_law_a_thematic_award_does_not_stand_in_for_the_lower_one():
    checks = law.proposal_checks(law=law.law_of_year(2024), day=date(2025, 1, 15), holds=[],
                                 awards=[law.AwardFact(2023, "tap_the_ldxs", "thematic")], lower_form="tap_the_ldxs")
    assert [(c.code, c.hard) for c in checks] == [("lower_award_missing", True)]
    assert law.blocked(checks)


def test_from_2025_a_higher_award_does_not_need_the_lower_one_first():
    checks = law.proposal_checks(law=law.law_of_year(2025), day=date(2026, 1, 15), holds=[], awards=[],
                                 lower_form="tap_the_ldxs")
    assert checks == [] and not law.blocked(checks)
    assert law.law_of_year(2025).decree == "NĐ 152/2025/NĐ-CP"


def test_a_unit_under_inspection_cannot_be_proposed_and_the_reason_is_given():
    checks = law.proposal_checks(law=law.law_of_year(2026), day=date(2026, 12, 4), holds=[INSPECTION])
    assert law.blocked(checks)
    assert checks[0].code == "held" and checks[0].params == {"kind": "inspection", "since": "01/03/2026",
                                                             "reason": "Thanh tra việc quản lý tần số"}


def test_a_hold_that_ended_no_longer_blocks():
    ended = law.Hold("complaint", "Xác minh đơn khiếu nại", date(2026, 1, 5), date(2026, 6, 30))
    assert not law.blocked(law.hold_checks([ended], date(2026, 12, 4), law.law_of_year(2026)))
    assert law.blocked(law.hold_checks([ended], date(2026, 6, 30), law.law_of_year(2026)))


def test_a_hold_on_one_person_warns_for_the_units_proposal():
    person = law.Hold("discipline", "Xem xét kỷ luật", date(2026, 5, 1), person="Trần Văn B")
    checks = law.hold_checks([person], date(2026, 12, 4), law.law_of_year(2026))
    assert [(c.code, c.hard) for c in checks] == [("held_person", False)]


def test_achievements_count_from_the_day_after_a_discipline_ended():
    served = law.Hold("discipline", "Khiển trách", date(2025, 11, 1), date(2026, 4, 30))
    assert law.achievements_count_from([served], date(2026, 1, 1)) == date(2026, 5, 1)
    assert law.achievements_count_from([served], date(2027, 1, 1)) == date(2027, 1, 1)
    checks = law.proposal_checks(law=law.law_of_year(2026), day=date(2026, 12, 4), holds=[served])
    assert [(c.code, c.hard, c.params) for c in checks] == [("discipline_recent", False, {"since": "01/05/2026"})]


@pytest.mark.parametrize("kwargs, code", [
    ({"kind": "audit"}, "hold_unknown_kind"),
    ({"starts_on": None}, "hold_start_required"),
    ({"ends_on": date(2026, 1, 1)}, "hold_ends_before_start"),
    ({"reason": "  "}, "hold_reason_required"),
    ({"person": "x" * 201}, "hold_person_too_long"),
])
def test_a_hold_needs_a_kind_dates_in_order_and_a_reason(kwargs, code):
    given = {"kind": "investigation", "reason": "Cơ quan điều tra thụ lý", "starts_on": date(2026, 2, 1),
             "ends_on": None, **kwargs}
    with pytest.raises(DomainError) as refused:
        law.check_hold(**given)
    assert refused.value.code == code
