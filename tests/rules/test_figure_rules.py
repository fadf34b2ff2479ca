"""Pure rules of results entry: one figure, cross-field rules, workflow transitions, deadline, targets, awards."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.rules.access import can_read_unit
from components.rules.cross_field import CrossRule, cross_field_rejections, parse_left_codes, rule_holds
from components.rules.errors import DomainError
from components.rules.figures import Figure, figure_from_text, figure_text, ratio_percent, validate_figure
from components.rules.honours import (
    DEFAULT_STAFF_TARGETS,
    StaffTargets,
    check_staff_targets,
    staff_targets,
    validate_award,
)
from components.rules.workflow import SubmissionStatus, deadline_passed, edit_refusal, next_state, year_should_autolock

NOW = datetime(2024, 1, 15, 10, 0, tzinfo=timezone.utc)


def codes(problems):
    return [(p.part, p.code) for p in problems]


# --- one figure -------------------------------------------------------------------------------------------


def test_vietnamese_typing_is_read_as_numbers():
    fig, problems = figure_from_text("ratio", {"numerator": "1.542", "denominator": "1.562", "note": " x "})
    assert problems == [] and fig == Figure(numerator=1542, denominator=1562, note="x")
    fig, _ = figure_from_text("percent", {"value": "98,7"})
    assert fig.value == pytest.approx(98.7)


def test_text_that_is_not_a_number_is_a_type_error_on_its_box():
    fig, problems = figure_from_text("rank", {"value": "mười hai", "ranked_of": "63"})
    assert codes(problems) == [("value", "not_a_number")] and problems[0].params["text"] == "mười hai"


def test_an_empty_figure_is_not_reported_and_valid():
    assert validate_figure("count", 0, None, Figure()) == []


def test_a_note_alone_is_refused():
    assert codes(validate_figure("count", 0, None, Figure(note="chưa có"))) == [("note", "note_without_figure")]


def test_percent_must_be_within_0_and_100():
    assert codes(validate_figure("percent", None, None, Figure(value=100.5))) == [("value", "percent_range")]
    assert codes(validate_figure("percent", None, None, Figure(value=-1))) == [("value", "percent_range")]
    assert validate_figure("percent", 0, 100, Figure(value=100)) == []


def test_min_and_max_of_the_catalogue_apply():
    assert codes(validate_figure("count", 0, None, Figure(value=-3))) == [("value", "below_min")]
    assert codes(validate_figure("score", 0, 1, Figure(value=1.2))) == [("value", "above_max")]
    assert validate_figure("score", 0, 1, Figure(value=0.65)) == []


def test_numerator_may_not_exceed_denominator():
    assert codes(validate_figure("ratio", 0, None, Figure(numerator=11, denominator=10))) == [
        ("numerator", "numerator_above_denominator")]
    assert validate_figure("ratio", 0, None, Figure(numerator=10, denominator=10)) == []


def test_ratio_needs_both_parts_and_a_positive_denominator():
    assert codes(validate_figure("ratio", 0, None, Figure(numerator=5))) == [("denominator", "ratio_needs_both")]
    assert codes(validate_figure("ratio", 0, None, Figure(denominator=5))) == [("numerator", "ratio_needs_both")]
    assert codes(validate_figure("ratio", None, None, Figure(numerator=0, denominator=0))) == [
        ("denominator", "denominator_positive")]
    assert codes(validate_figure("ratio", None, None, Figure(numerator=-1, denominator=3))) == [
        ("numerator", "negative")]


def test_rank_may_not_exceed_the_number_ranked_and_both_are_whole():
    assert codes(validate_figure("rank", 1, None, Figure(value=64, ranked_of=63))) == [
        ("value", "rank_above_ranked_of")]
    assert codes(validate_figure("rank", 1, None, Figure(value=12))) == [("ranked_of", "ranked_of_required")]
    assert codes(validate_figure("rank", 1, None, Figure(value=2.5, ranked_of=63))) == [("value", "rank_whole")]
    assert codes(validate_figure("rank", 1, None, Figure(value=3, ranked_of=0))) == [("ranked_of", "rank_whole")]
    assert validate_figure("rank", 1, None, Figure(value=34, ranked_of=34)) == []


def test_a_part_the_kind_does_not_use_is_refused():
    assert codes(validate_figure("count", 0, None, Figure(value=3, numerator=2))) == [
        ("numerator", "unexpected_part")]
    assert codes(validate_figure("count", 0, None, Figure(numerator=2))) == [("numerator", "unexpected_part")]


def test_derived_percentage_and_display():
    assert ratio_percent(1542, 1562) == pytest.approx(98.72, abs=0.01)
    assert ratio_percent(1, 0) is None
    assert figure_text("ratio", Figure(numerator=1542, denominator=1562)) == "1.542/1.562 (98,7%)"
    assert figure_text("rank", Figure(value=12, ranked_of=63)) == "12/63"
    assert figure_text("money", Figure(value=328250000)) == "328.250.000 đ"
    assert figure_text("count", None, missing="chưa báo cáo") == "chưa báo cáo"


# --- cross-field rules ------------------------------------------------------------------------------------

DOSSIERS = CrossRule("dossiers_sum", parse_left_codes("dossiers_early+dossiers_on_time+dossiers_late"), "=",
                     "dossiers_received", "vi", "en")
LDTT = CrossRule("ldtt_le_staff", ("staff_ldtt",), "<=", "staff_total", "vi", "en")


def test_a_sum_rule_holds_only_when_the_parts_add_up():
    values = {"dossiers_early": 906, "dossiers_on_time": 23, "dossiers_late": 1, "dossiers_received": 930}
    assert rule_holds(DOSSIERS, values) is True
    assert rule_holds(DOSSIERS, {**values, "dossiers_received": 931}) is False


def test_a_rule_with_a_missing_figure_is_not_checked():
    assert rule_holds(DOSSIERS, {"dossiers_early": 1, "dossiers_received": 5}) is None


def test_only_the_incoming_figures_of_a_broken_rule_are_refused():
    stored = {"staff_total": 50}
    refused = cross_field_rejections([LDTT, DOSSIERS], stored, {"staff_ldtt": 51, "dossiers_received": 3})
    assert list(refused) == ["staff_ldtt"] and refused["staff_ldtt"] == [LDTT]


def test_refusing_a_figure_is_rechecked_against_the_stored_one():
    # the new total alone satisfies nothing once the new LĐTT is refused: 45 LĐTT stored > 40 new total
    stored = {"staff_total": 50, "staff_ldtt": 45}
    refused = cross_field_rejections([LDTT], stored, {"staff_total": 40})
    assert list(refused) == ["staff_total"]


# --- workflow and deadline --------------------------------------------------------------------------------


def test_province_submits_a_draft_and_may_withdraw_it():
    assert next_state("submit", "province", "open", SubmissionStatus("draft")) == "submitted"
    assert next_state("submit", "province", "open", SubmissionStatus()) == "submitted"
    assert next_state("withdraw", "province", "open", SubmissionStatus("submitted")) == "draft"


@pytest.mark.parametrize("action,role,year_state,status,code", [
    ("submit", "province", "open", SubmissionStatus("submitted"), "entry_already_submitted"),
    ("submit", "province", "open", SubmissionStatus("locked"), "entry_unit_locked"),
    ("submit", "province", "locked", SubmissionStatus("draft"), "entry_year_locked"),
    ("submit", "province", "closed", SubmissionStatus("draft"), "entry_year_closed"),
    ("submit", "province", "planning", SubmissionStatus(), "entry_year_not_open"),
    ("withdraw", "province", "open", SubmissionStatus("draft"), "entry_not_submitted"),
    ("lock", "province", "open", SubmissionStatus("submitted"), "entry_chair_only"),
    ("reopen", "province", "open", SubmissionStatus("locked"), "entry_chair_only"),
    ("lock", "chair", "open", SubmissionStatus("locked"), "entry_unit_locked"),
    ("reopen", "chair", "open", SubmissionStatus("submitted"), "entry_not_locked"),
    ("reopen", "chair", "locked", SubmissionStatus("locked"), "entry_reason_required"),
    ("publish", "chair", "open", SubmissionStatus("draft"), "entry_unknown_action"),
])
def test_refused_transitions(action, role, year_state, status, code):
    with pytest.raises(DomainError) as err:
        next_state(action, role, year_state, status)
    assert err.value.code == code


def test_chair_locks_any_state_and_reopens_with_a_reason():
    for state in (None, "draft", "submitted"):
        assert next_state("lock", "chair", "open", SubmissionStatus(state)) == "locked"
    assert next_state("reopen", "admin", "locked", SubmissionStatus("locked"), "Bổ sung số liệu") == "draft"


def test_a_reopened_unit_may_edit_and_submit_in_a_locked_year():
    reopened = SubmissionStatus("draft", reopened=True)
    assert edit_refusal("province", "locked", reopened) is None
    assert next_state("submit", "province", "locked", reopened) == "submitted"
    assert edit_refusal("province", "locked", SubmissionStatus("draft")) == "year_locked"


def test_who_may_edit_in_which_state():
    assert edit_refusal("province", "open", SubmissionStatus()) is None
    assert edit_refusal("province", "open", SubmissionStatus("submitted")) == "already_submitted"
    assert edit_refusal("chair", "open", SubmissionStatus("submitted")) is None
    assert edit_refusal("chair", "open", SubmissionStatus("locked")) == "unit_locked"
    assert edit_refusal("admin", "closed", SubmissionStatus()) == "year_closed"


def test_the_year_locks_itself_at_the_deadline_once():
    deadline = NOW - timedelta(minutes=1)
    assert deadline_passed(deadline, NOW) and not deadline_passed(NOW + timedelta(seconds=1), NOW)
    assert deadline_passed(NOW, NOW)  # the deadline instant itself is too late
    assert year_should_autolock("open", deadline, NOW)
    assert not year_should_autolock("locked", deadline, NOW)  # already locked: a later reopen stays open
    assert not year_should_autolock("open", None, NOW)
    assert not year_should_autolock("open", NOW + timedelta(days=1), NOW)


def test_deadline_compares_instants_across_time_zones():
    vn = timezone(timedelta(hours=7))
    deadline = datetime(2024, 1, 15, 17, 0, tzinfo=vn)  # 10:00 UTC
    assert deadline_passed(deadline, NOW) and not deadline_passed(deadline, NOW - timedelta(seconds=1))


def test_provinces_read_other_units_only_once_submitted():
    assert can_read_unit("province", 1, 1, "open", SubmissionStatus())
    assert not can_read_unit("province", 1, 2, "open", SubmissionStatus("draft"))
    assert can_read_unit("province", 1, 2, "open", SubmissionStatus("submitted"))
    assert can_read_unit("province", 1, 2, "open", SubmissionStatus("locked"))
    assert can_read_unit("province", 1, 2, "closed", SubmissionStatus())
    assert can_read_unit("chair", None, 2, "open", SubmissionStatus("draft"))


# --- targets and awards -----------------------------------------------------------------------------------


def test_staff_targets_against_the_cluster_figures():
    defaults = DEFAULT_STAFF_TARGETS
    assert (defaults.ldtt_of_staff_pct, defaults.cstdcs_cap_of_ldtt_pct) == (90.0, 15.0)
    assert (defaults.cstdcs_of_staff_pct, defaults.ldxs_collectives_pct) == (15.0, 20.0)  # seed 003
    check = staff_targets(100, 91, 13)
    assert check.ldtt_meets_target and check.cstdcs_within_cap
    assert check.ldtt_pct == pytest.approx(91) and check.cstdcs_of_ldtt_pct == pytest.approx(13 / 91 * 100)
    assert staff_targets(100, 90, 14).ldtt_meets_target is False  # "more than 90%"
    assert staff_targets(100, 80, 12).cstdcs_within_cap is True  # exactly 15% of LĐTT
    assert staff_targets(100, 80, 13).cstdcs_within_cap is False
    assert staff_targets(None, 80, None) == staff_targets(0, 80, None)
    assert staff_targets(None, 80, None).ldtt_pct is None


def test_the_cluster_target_and_the_legal_cap_are_two_different_checks():
    # 15 of 100 staff are CSTĐCS: the cluster's target (15% of staff) is met, but they are 16,7% of the 90 LĐTT,
    # above the legal cap (15% of LĐTT)
    check = staff_targets(100, 90, 15)
    assert check.cstdcs_of_staff_pct == pytest.approx(15) and check.cstdcs_meets_target is True
    assert check.cstdcs_of_ldtt_pct == pytest.approx(15 / 90 * 100) and check.cstdcs_within_cap is False
    # 10 of 100 staff, 12,5% of 80 LĐTT: within the cap, but short of the cluster's target
    check = staff_targets(100, 80, 10)
    assert check.cstdcs_meets_target is False and check.cstdcs_within_cap is True


def test_a_years_own_targets_replace_the_defaults():
    targets = StaffTargets(ldtt_of_staff_pct=80, cstdcs_of_staff_pct=10, ldxs_collectives_pct=20,
                           cstdcs_cap_of_ldtt_pct=15)
    assert staff_targets(100, 85, 10, targets).ldtt_meets_target is True
    assert staff_targets(100, 85, 10).ldtt_meets_target is False
    assert staff_targets(100, 85, 10, targets).cstdcs_meets_target is True


@pytest.mark.parametrize("bad", [0, -5, 100.5, float("nan"), None])
def test_targets_outside_0_to_100_are_refused(bad):
    with pytest.raises(DomainError) as err:
        check_staff_targets(StaffTargets(ldtt_of_staff_pct=bad))
    assert err.value.code == "targets_out_of_range"
    check_staff_targets(DEFAULT_STAFF_TARGETS)  # the defaults pass


def test_award_checks():
    good = dict(form="bang_khen", level="ministry", recipient="collective", count=1, decision_no="12/QĐ",
                decision_date=date(2023, 12, 1), today=date(2024, 1, 1))
    assert validate_award(**good) == []
    assert codes(validate_award(**{**good, "count": 0})) == [("count", "award_count")]
    assert codes(validate_award(**{**good, "count": 1.5})) == [("count", "award_count")]
    assert codes(validate_award(**{**good, "decision_date": date(2024, 1, 2)})) == [
        ("decision_date", "award_future_date")]
    assert codes(validate_award(**{**good, "form": "x", "level": "y", "recipient": "z"})) == [
        ("form", "award_form"), ("level", "award_level"), ("recipient", "award_recipient")]


_figure = st.one_of(st.none(), st.just(math.nan), st.floats(min_value=-1e9, max_value=1e9))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_figure, _figure, _figure), max_size=30))
def test_the_measure_over_columns_is_the_measure_of_each_figure(rows):
    """compared_measures (the comparison screens' columns at once) gives, row by row, compared_measure's answer."""
    from components.rules.figures import compared_measure, compared_measures

    as_float = [[math.nan if x is None else x for x in column] for column in zip(*rows)] or [[], [], []]
    got = compared_measures(*as_float)
    for (value, numerator, denominator), measured in zip(rows, got):
        clean = [None if x is None or math.isnan(x) else x for x in (value, numerator, denominator)]
        expected = compared_measure(*clean)
        assert (math.isnan(measured) and expected is None) or measured == expected
