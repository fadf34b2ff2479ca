"""Results entry against a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL): saving figures,
workflow, deadline lock, audit trail, read/write permissions, awards."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from components.i18n.catalogue import translate
from components.rules.errors import DomainError
from components.rules.figures import Figure
from db import awards, entry, scope
from db.models import Award, EmulationYear, Indicator, IndicatorValue, Submission, ValueChange, utcnow
from db.users import get_user
from tests.helpers import ADMIN, home_cluster, lock_year_confirmed, submit_confirmed

YEAR = 2026
SONLA, LAICHAU = 1, 2


def who(session, username):
    return get_user(session=session, username=username)


def value_row(session, unit_id, code, year=YEAR):
    return session.exec(select(IndicatorValue).join(Indicator, Indicator.id == IndicatorValue.indicator_id)
                        .where(IndicatorValue.unit_id == unit_id, IndicatorValue.year == year,
                               Indicator.code == code)).first()


def changes(session, unit_id, what="value"):
    return session.exec(select(ValueChange).where(ValueChange.unit_id == unit_id, ValueChange.what == what)
                        .order_by(ValueChange.id)).all()


def save(session, username, figures, unit_id=SONLA, **kw):
    result = entry.save_figures(session=session, actor=who(session, username), unit_id=unit_id, year=YEAR,
                                figures=figures, **kw)
    session.commit()
    return result


def test_failed_figures_are_not_stored_and_the_others_are(session):
    result = save(session, "sonla", {
        "bts_sites": Figure(value=1200),
        "mobile_coverage_pct": Figure(value=120),
        "villages_mobile_covered": Figure(numerator=10, denominator=5),
        "dti_rank": Figure(value=70, ranked_of=63),
    })
    assert result.saved == ["bts_sites"]
    assert {c: [p.code for p in ps] for c, ps in result.problems.items()} == {
        "mobile_coverage_pct": ["percent_range"], "villages_mobile_covered": ["numerator_above_denominator"],
        "dti_rank": ["rank_above_ranked_of"]}
    assert value_row(session, SONLA, "bts_sites").value == 1200
    for code in ("mobile_coverage_pct", "villages_mobile_covered", "dti_rank"):
        assert value_row(session, SONLA, code) is None
    sub = session.exec(select(Submission).where(Submission.unit_id == SONLA)).one()
    assert sub.state == "draft"


def test_ratio_and_rank_are_stored_as_raw_inputs(session):
    save(session, "sonla", {"villages_mobile_covered": Figure(numerator=1542, denominator=1562, note="trung tâm"),
                            "dti_rank": Figure(value=12, ranked_of=63)})
    ratio = value_row(session, SONLA, "villages_mobile_covered")
    assert (ratio.value, ratio.numerator, ratio.denominator, ratio.note) == (None, 1542, 1562, "trung tâm")
    rank = value_row(session, SONLA, "dti_rank")
    assert (rank.value, rank.ranked_of) == (12, 63)
    sheet = entry.entry_sheet(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR)
    assert {r.indicator.code: r.current for r in sheet.rows}["dti_rank"] == Figure(12, None, None, 63, None)


def test_dossiers_that_do_not_add_up_are_refused_by_the_data_rule(session):
    bad = {"dossiers_received": Figure(value=10), "dossiers_early": Figure(value=5),
           "dossiers_on_time": Figure(value=3), "dossiers_late": Figure(value=1), "bts_sites": Figure(value=7)}
    result = save(session, "sonla", bad)
    assert result.saved == ["bts_sites"]
    assert set(result.rejected_by_rule) == {"dossiers_received", "dossiers_early", "dossiers_on_time",
                                            "dossiers_late"}
    assert result.rejected_by_rule["dossiers_late"][0].code == "dossiers_sum"
    assert value_row(session, SONLA, "dossiers_received") is None
    result = save(session, "sonla", {**bad, "dossiers_received": Figure(value=9)})
    assert sorted(result.saved) == ["dossiers_early", "dossiers_late", "dossiers_on_time", "dossiers_received"]


def test_a_new_figure_that_breaks_a_rule_with_stored_ones_is_refused(session):
    save(session, "sonla", {"staff_total": Figure(value=50), "staff_ldtt": Figure(value=45)})
    result = save(session, "sonla", {"staff_cstdcs": Figure(value=46)})
    assert [r.code for r in result.rejected_by_rule["staff_cstdcs"]] == ["cstdcs_le_ldtt"]
    assert value_row(session, SONLA, "staff_cstdcs") is None
    assert value_row(session, SONLA, "staff_ldtt").value == 45


def test_blank_figure_removes_the_stored_one_and_the_audit_keeps_it(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    result = save(session, "sonla", {"bts_sites": Figure()})
    assert result.cleared == ["bts_sites"]
    assert value_row(session, SONLA, "bts_sites") is None
    last = changes(session, SONLA)[-1]
    assert json.loads(last.old_value) == {"value": 1200} and last.new_value is None


def test_unchanged_figures_write_no_audit_row(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    result = save(session, "sonla", {"bts_sites": Figure(value=1200.0)})
    assert result.unchanged == ["bts_sites"] and not result.saved
    assert len(changes(session, SONLA)) == 1


def test_every_change_is_audited_with_who_when_old_and_new(session):
    before = utcnow()
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    save(session, "sonla", {"bts_sites": Figure(value=1250)})
    rows = changes(session, SONLA)
    assert [(json.loads(r.old_value) if r.old_value else None, json.loads(r.new_value)) for r in rows] == [
        (None, {"value": 1200}), ({"value": 1200}, {"value": 1250})]
    assert all(r.user_id == who(session, "sonla").id and r.changed_at >= before for r in rows)
    hist = entry.history(session=session, actor=ADMIN, unit_id=SONLA, year=YEAR)
    bts = session.exec(select(Indicator).where(Indicator.code == "bts_sites")).one()
    assert [h.new.value for h in hist[bts.id]] == [1250, 1200]  # newest first
    assert hist[bts.id][0].user_name == "Sở KH&CN Sơn La"


def test_province_cannot_write_another_unit(session):
    with pytest.raises(DomainError) as err:
        save(session, "sonla", {"bts_sites": Figure(value=1)}, unit_id=LAICHAU)
    assert err.value.code == "entry_not_your_unit"
    assert value_row(session, LAICHAU, "bts_sites") is None


def test_province_reads_another_unit_only_once_it_submitted(session):
    save(session, "laichau", {"bts_sites": Figure(value=800)}, unit_id=LAICHAU)
    sheet = entry.entry_sheet(session=session, actor=who(session, "sonla"), unit_id=LAICHAU, year=YEAR)
    assert not sheet.readable and all(r.current is None for r in sheet.rows)
    submit_confirmed(session=session, actor=who(session, "laichau"), unit_id=LAICHAU, year=YEAR)
    session.commit()
    sheet = entry.entry_sheet(session=session, actor=who(session, "sonla"), unit_id=LAICHAU, year=YEAR)
    assert sheet.readable and sheet.refusal == "not_your_unit"
    assert {r.indicator.code: r.current for r in sheet.rows}["bts_sites"].value == 800


def test_submitted_results_are_read_only_for_the_province_until_withdrawn(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    sub = submit_confirmed(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR)
    session.commit()
    assert sub.state == "submitted" and sub.submitted_at is not None
    with pytest.raises(DomainError) as err:
        save(session, "sonla", {"bts_sites": Figure(value=1)})
    assert err.value.code == "entry_already_submitted"
    session.rollback()
    entry.withdraw_submission(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR)
    session.commit()
    assert save(session, "sonla", {"bts_sites": Figure(value=1)}).saved == ["bts_sites"]


def test_submitting_nothing_is_refused(session):
    with pytest.raises(DomainError) as err:
        entry.submit_results(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR)
    assert err.value.code == "entry_nothing_to_submit"


def test_chair_corrects_a_submitted_value_and_the_audit_names_the_chair(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    submit_confirmed(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR)
    session.commit()
    save(session, "chair", {"bts_sites": Figure(value=1210)}, reason="Sai số khi tổng hợp")
    last = changes(session, SONLA)[-1]
    assert last.user_id == who(session, "chair").id and last.reason == "Sai số khi tổng hợp"
    assert value_row(session, SONLA, "bts_sites").updated_by_id == who(session, "chair").id


def test_locked_unit_changes_only_after_the_chair_reopens_it_with_a_reason(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    lock_year_confirmed(session=session, actor=who(session, "chair"), year=YEAR, cluster_id=home_cluster(session))
    session.commit()
    assert session.exec(select(EmulationYear).where(EmulationYear.year == YEAR)).one().state == "locked"
    for username in ("sonla", "chair"):
        with pytest.raises(DomainError) as err:
            save(session, username, {"bts_sites": Figure(value=1)})
        assert err.value.code == "entry_unit_locked"
        session.rollback()
    with pytest.raises(DomainError) as err:
        entry.reopen_unit(session=session, actor=who(session, "chair"), unit_id=SONLA, year=YEAR, reason="  ")
    assert err.value.code == "entry_reason_required"
    with pytest.raises(DomainError) as err:
        entry.reopen_unit(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR, reason="x")
    assert err.value.code == "entry_chair_only"
    entry.reopen_unit(session=session, actor=who(session, "chair"), unit_id=SONLA, year=YEAR,
                      reason="Bổ sung số trạm BTS theo báo cáo của Viettel")
    session.commit()
    save(session, "sonla", {"bts_sites": Figure(value=1300)})
    assert changes(session, SONLA)[-1].reason == "Bổ sung số trạm BTS theo báo cáo của Viettel"
    # the other units of the locked year stay locked
    with pytest.raises(DomainError):
        save(session, "laichau", {"bts_sites": Figure(value=1)}, unit_id=LAICHAU)


def test_year_locks_itself_at_the_entry_deadline(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    ey = session.exec(select(EmulationYear).where(EmulationYear.year == YEAR)).one()
    ey.entry_deadline = utcnow() + timedelta(hours=1)
    session.add(ey)
    session.commit()
    assert save(session, "sonla", {"bts_sites": Figure(value=1201)}).saved == ["bts_sites"]
    later = utcnow() + timedelta(hours=2)
    with pytest.raises(DomainError) as err:
        entry.save_figures(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR,
                           figures={"bts_sites": Figure(value=5)}, now=later)
    assert err.value.code == "entry_unit_locked"
    session.commit()  # the lock itself is kept
    board = {r.unit_id: r.state for r in entry.submission_board(session=session, year=YEAR, cluster_id=home_cluster(session))}
    assert set(board.values()) == {"locked"} and len(board) == 7
    deadline_rows = session.exec(select(ValueChange).where(ValueChange.what == "state",
                                                           ValueChange.reason == "deadline")).all()
    assert len(deadline_rows) == 7 and all(r.user_id is None for r in deadline_rows)


def test_board_shows_each_units_state_and_time_of_submission(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    save(session, "laichau", {"bts_sites": Figure(value=800)}, unit_id=LAICHAU)
    submit_confirmed(session=session, actor=who(session, "laichau"), unit_id=LAICHAU, year=YEAR)
    session.commit()
    rows = {r.unit_id: r for r in entry.submission_board(session=session, year=YEAR, cluster_id=home_cluster(session))}
    assert rows[SONLA].state == "draft" and rows[SONLA].submitted_at is None
    assert rows[LAICHAU].state == "submitted" and rows[LAICHAU].submitted_at is not None
    assert rows[LAICHAU].values_count == 1
    assert rows[3].state == "not_started"
    entry.lock_unit(session=session, actor=who(session, "chair"), unit_id=LAICHAU, year=YEAR)
    session.commit()
    assert {r.unit_id: r.state for r in entry.submission_board(session=session, year=YEAR, cluster_id=home_cluster(session))}[LAICHAU] == "locked"


def test_closed_year_refuses_every_change(session):
    with pytest.raises(DomainError) as err:
        entry.save_figures(session=session, actor=who(session, "chair"), unit_id=SONLA, year=2022,
                           figures={"bts_sites": Figure(value=1)})
    assert err.value.code == "entry_year_closed"


def test_the_database_refuses_a_second_value_for_the_same_unit_year_indicator(session):
    ind = session.exec(select(Indicator).where(Indicator.code == "bts_sites")).one()
    session.add(IndicatorValue(unit_id=SONLA, year=YEAR, indicator_id=ind.id, value=1))
    session.commit()
    session.add(IndicatorValue(unit_id=SONLA, year=YEAR, indicator_id=ind.id, value=2))
    with pytest.raises(IntegrityError):
        session.commit()


def test_all_or_none_save_writes_nothing_when_one_figure_fails(session):
    with pytest.raises(DomainError) as err:
        save(session, "sonla", {"bts_sites": Figure(value=1200), "mobile_coverage_pct": Figure(value=101)},
             all_or_none=True)
    assert err.value.code == "entry_import_has_errors"
    session.rollback()
    assert value_row(session, SONLA, "bts_sites") is None


def test_save_refuses_when_a_figure_changed_since_the_preview(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    with pytest.raises(DomainError) as err:
        save(session, "sonla", {"bts_sites": Figure(value=1300)}, expected={"bts_sites": Figure(value=1100)})
    assert err.value.code == "entry_changed_meanwhile"


def test_awards_are_recorded_and_deleted_with_an_audit_trail(session):
    sonla = who(session, "sonla")
    award = awards.add_award(session=session, actor=sonla, unit_id=SONLA, year=YEAR, form="bang_khen",
                            level="ministry", recipient="collective", count=2, decision_no="123/QĐ-BTTTT",
                            decision_date=date(2023, 12, 20))
    session.commit()
    listed = awards.list_awards(session=session, actor=sonla, unit_id=SONLA, year=YEAR)
    assert [(a.form, a.count, a.decision_no) for a in listed] == [("bang_khen", 2, "123/QĐ-BTTTT")]
    with pytest.raises(DomainError) as err:
        awards.add_award(session=session, actor=sonla, unit_id=SONLA, year=YEAR, form="bang_khen", level="ministry",
                        recipient="collective", count=0)
    assert err.value.code == "entry_award_invalid"
    assert [p.part for p in err.value.params["problems"]] == ["count"]
    awards.delete_award(session=session, actor=sonla, award_id=award.id)
    session.commit()
    assert session.exec(select(Award)).all() == []
    audit = changes(session, SONLA, what="award")
    assert [bool(a.old_value) for a in audit] == [False, True]
    with pytest.raises(DomainError) as err:
        awards.add_award(session=session, actor=who(session, "laichau"), unit_id=SONLA, year=YEAR, form="bang_khen",
                        level="ministry", recipient="collective", count=1)
    assert err.value.code == "entry_not_your_unit"


def test_the_chair_sets_the_years_staff_targets_and_a_province_may_not(session):
    from components.rules.honours import DEFAULT_STAFF_TARGETS, StaffTargets
    chair, sonla = who(session, "chair"), who(session, "sonla")
    assert scope.cluster_year(session=session, year=YEAR, cluster_id=home_cluster(session)).staff_targets() == DEFAULT_STAFF_TARGETS
    with pytest.raises(DomainError) as err:
        entry.save_staff_targets(session=session, actor=sonla, year=YEAR, targets=StaffTargets(80, 10, 20, 15), cluster_id=home_cluster(session))
    assert err.value.code == "entry_chair_only"
    with pytest.raises(DomainError) as err:
        entry.save_staff_targets(session=session, actor=chair, year=YEAR, targets=StaffTargets(80, 0, 20, 15), cluster_id=home_cluster(session))
    assert err.value.code == "targets_out_of_range"
    session.rollback()
    assert scope.cluster_year(session=session, year=YEAR, cluster_id=home_cluster(session)).staff_targets() == DEFAULT_STAFF_TARGETS
    entry.save_staff_targets(session=session, actor=chair, year=YEAR, targets=StaffTargets(80, 10, 25, 15), cluster_id=home_cluster(session))
    session.commit()
    session.expire_all()
    assert scope.cluster_year(session=session, year=YEAR, cluster_id=home_cluster(session)).staff_targets() == StaffTargets(80, 10, 25, 15)
    audit = session.exec(select(ValueChange).where(ValueChange.what == "targets")).one()
    assert audit.unit_id is None and '"ldtt_of_staff_pct": 80' in audit.new_value


def test_submitting_with_figures_missing_needs_their_count(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    missing = entry.missing_figures(session=session, unit_id=SONLA, year=YEAR)
    assert "bts_sites" not in missing and len(missing) > 30
    for wrong in (0, 1, len(missing) + 1):
        with pytest.raises(DomainError) as err:
            entry.submit_results(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR,
                                 acknowledged_missing=wrong)
        assert (err.value.code, err.value.params) == ("entry_submit_missing", {"n": len(missing)})
    sub = entry.submit_results(session=session, actor=who(session, "sonla"), unit_id=SONLA, year=YEAR,
                               acknowledged_missing=len(missing))
    assert sub.state == "submitted"


def test_locking_the_year_with_reports_not_submitted_needs_their_count(session):
    save(session, "sonla", {"bts_sites": Figure(value=1200)})
    chair, cluster = who(session, "chair"), home_cluster(session)
    unsubmitted = entry.unsubmitted_units(session=session, cluster_id=cluster, year=YEAR)
    assert SONLA in unsubmitted
    with pytest.raises(DomainError) as err:
        entry.lock_year(session=session, actor=chair, year=YEAR, cluster_id=cluster)
    assert (err.value.code, err.value.params) == ("entry_lock_unsubmitted", {"n": len(unsubmitted)})
    session.rollback()
    assert session.exec(select(EmulationYear).where(EmulationYear.year == YEAR)).one().state == "open"
    entry.lock_year(session=session, actor=chair, year=YEAR, cluster_id=cluster,
                    acknowledged_unsubmitted=len(unsubmitted))
    assert session.exec(select(EmulationYear).where(EmulationYear.year == YEAR)).one().state == "locked"


@pytest.mark.parametrize("value, problem", [(1e300, "above_max"), (12.5, "count_whole")])
def test_a_figure_that_cannot_be_true_is_refused_and_named_by_its_label(session, value, problem):
    result = save(session, "sonla", {"post_offices_multiservice": Figure(value=value)})
    assert result.saved == []
    (found,) = result.problems["post_offices_multiservice"]
    assert found.code == problem and found.params["name_vi"] == "Điểm Bưu điện văn hoá xã đa dịch vụ"
    assert "post_offices_multiservice" not in translate(f"err.entry_{found.code}", "vi", **found.params)
    assert entry.stored_figures(session=session, unit_id=SONLA, year=YEAR) == {}
