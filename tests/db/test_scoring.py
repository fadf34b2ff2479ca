"""Scoring data: the table's draft and adoption, self-scores with evidence, verification with a reason and one
answer, the lock, the standings, and the proposal of the eligible units into a poll. Every refused write stores
nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import select

from components.rules.criteria import Band, Condition, CriteriaTable, Criterion
from components.rules.errors import DomainError
from db import criteria_tables, polls, score_sheets, standings
from db.models import CriterionScore, Indicator, IndicatorValue, ScoreEvidence, Unit, User, ValueChange
from tests.helpers import home_cluster, lock_scores_confirmed, tiny_pdf

YEAR = 2026
PDF = tiny_pdf()


@dataclass
class Actor:
    id: int
    role: str
    unit_id: int | None


def actor(session, username: str) -> Actor:
    u = session.exec(select(User).where(User.username == username)).one()
    return Actor(u.id, u.role, u.unit_id)


def unit_id(session, code: str) -> int:
    return session.exec(select(Unit.id).where(Unit.code == code)).one()


def small_table(**kw) -> CriteriaTable:
    settings = {"flag_band": "excellent", "flag_quota": 1} | kw
    return CriteriaTable(
        scale=100,
        criteria=(
            Criterion("c1", "I. Tổ chức phong trào", "Tổ chức phong trào", "Movement organised", 50),
            Criterion("c2", "I. Tổ chức phong trào", "Báo cáo đúng hạn", "Reports on time", 40, evidence_required=False),
            Criterion("dti", "II. Chuyển đổi số", "Xếp hạng DTI", "DTI rank", 10, evidence_required=False,
                      indicator_code="dti_rank", formula="rank_band", params={"bands": [[10, 1.0], [30, 0.5]]}),
            Criterion("p1", "III. Điểm trừ", "Không đăng ký thi đua", "Did not register", 8, kind="penalty",
                      evidence_required=False),
        ),
        bands=(Band("excellent", "Xuất sắc", "Excellent", 90, None, 85), Band("good", "Tốt", "Good", 70, 90, 50)),
        conditions=(Condition("ldxs", "Tập thể lao động xuất sắc", "Excellent collective"),), **settings)


@pytest.fixture
def adopted(session):
    chair = actor(session, "chair")
    criteria_tables.save_table(session=session, actor=chair, year=YEAR, table=small_table(), cluster_id=home_cluster(session))
    criteria_tables.adopt_table(session=session, actor=chair, year=YEAR, cluster_id=home_cluster(session))
    session.commit()
    return chair


def score_unit(session, code: str, c1: float, c2: float, file: bytes | None = PDF):
    me = actor(session, code)
    score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c1", points=c1,
                            doc_no="12/BC-STTTT", summary="Báo cáo tổng kết", file_name="bao-cao.pdf",
                            file_bytes=file)
    score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c2", points=c2)
    score_sheets.submit_sheet(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    session.commit()
    return me


def test_only_the_chair_drafts_and_an_adopted_table_is_fixed(session, adopted):
    with pytest.raises(DomainError, match="score_table_adopted"):
        criteria_tables.save_table(session=session, actor=adopted, year=YEAR, table=small_table(), cluster_id=home_cluster(session))
    with pytest.raises(DomainError, match="score_not_chair"):
        criteria_tables.save_table(session=session, actor=actor(session, "sonla"), year=2022, table=small_table(), cluster_id=home_cluster(session))


def test_a_table_without_criteria_is_refused_and_nothing_is_stored(session):
    with pytest.raises(DomainError, match="score_table_empty"):
        criteria_tables.save_table(session=session, actor=actor(session, "chair"), year=YEAR,
                           table=CriteriaTable(scale=100, criteria=()), cluster_id=home_cluster(session))
    assert criteria_tables.year_table(session=session, year=YEAR, cluster_id=home_cluster(session)) is None


def test_copy_last_year_starts_a_draft_from_the_previous_table(session):
    chair = actor(session, "chair")
    criteria_tables.save_table(session=session, actor=chair, year=YEAR - 1, table=small_table(flag_quota=2), cluster_id=home_cluster(session))
    criteria_tables.copy_last_year(session=session, actor=chair, year=YEAR, cluster_id=home_cluster(session))
    copied = criteria_tables.year_table(session=session, year=YEAR, cluster_id=home_cluster(session))
    assert not copied.adopted and copied.table == small_table(flag_quota=2)


def test_self_score_computes_the_linked_criterion_and_keeps_the_evidence_file(session, adopted):
    me = score_unit(session, "sonla", 48, 40)
    sheet = score_sheets.score_sheet(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    lines = {x.criterion.code: x for x in sheet.lines}
    assert lines["c1"].evidence_name == "bao-cao.pdf" and lines["c1"].doc_no == "12/BC-STTTT"
    assert sheet.state == "submitted"
    # the DTI criterion comes from the unit's submitted rank, not typed: missing figure -> not scored
    assert lines["dti"].criterion.computed
    assert sheet.self_total == pytest.approx(sum(x.self_points or 0 for x in sheet.lines))
    name, mime, content = score_sheets.evidence_file(session=session, actor=adopted, unit_id=me.unit_id, year=YEAR,
                                                code="c1")
    assert (name, mime, content) == ("bao-cao.pdf", "application/pdf", PDF)


def test_bad_self_scores_are_refused_and_nothing_is_stored(session, adopted):
    me = actor(session, "sonla")
    cases = [(dict(code="c1", points=51), "score_above_max"), (dict(code="c1", points=-1), "score_negative"),
             (dict(code="p1", points=3), "score_penalty_range"), (dict(code="dti", points=10), "score_computed"),
             (dict(code="c1", points=10, file_name="qd.pdf", file_bytes=b"MZ\x90\x00exe"), "evidence_bad_type")]
    for kwargs, code in cases:
        with pytest.raises(DomainError, match=code):
            score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, **kwargs)
        session.rollback()
    assert session.exec(select(CriterionScore)).all() == [] and session.exec(select(ScoreEvidence)).all() == []
    with pytest.raises(DomainError, match="score_not_yours"):
        score_sheets.save_self_score(session=session, actor=me, unit_id=unit_id(session, "laichau"), year=YEAR,
                                code="c1", points=10)


def test_submit_needs_every_base_criterion_and_its_evidence(session, adopted):
    me = actor(session, "sonla")
    score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c1", points=40)
    with pytest.raises(DomainError, match="score_incomplete"):
        score_sheets.submit_sheet(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c2", points=40)
    with pytest.raises(DomainError, match="score_evidence_missing"):
        score_sheets.submit_sheet(session=session, actor=me, unit_id=me.unit_id, year=YEAR)


def test_verification_with_reason_one_answer_lock_and_audit(session, adopted):
    me = score_unit(session, "sonla", 50, 40)
    with pytest.raises(DomainError, match="score_reason_required"):
        score_sheets.adjust_score(session=session, actor=adopted, unit_id=me.unit_id, year=YEAR, code="c1", points=45,
                             reason="  ")
    with pytest.raises(DomainError, match="score_not_verifier"):
        score_sheets.adjust_score(session=session, actor=actor(session, "laichau"), unit_id=me.unit_id, year=YEAR,
                             code="c1", points=45, reason="x")
    score_sheets.adjust_score(session=session, actor=adopted, unit_id=me.unit_id, year=YEAR, code="c1", points=45,
                         reason="Thiếu báo cáo sơ kết 6 tháng")
    score_sheets.answer_adjustment(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c1",
                              answer="Đã gửi kèm công văn 45/STTTT")
    with pytest.raises(DomainError, match="score_already_answered"):
        score_sheets.answer_adjustment(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c1",
                                  answer="lần hai")
    sheet = score_sheets.score_sheet(session=session, actor=adopted, unit_id=me.unit_id, year=YEAR)
    line = next(x for x in sheet.lines if x.criterion.code == "c1")
    assert (line.self_points, line.verified_points, line.final_points) == (50, 45, 45)
    assert line.reason == "Thiếu báo cáo sơ kết 6 tháng" and line.answer.startswith("Đã gửi")
    lock_scores_confirmed(session=session, actor=adopted, year=YEAR, cluster_id=home_cluster(session))
    with pytest.raises(DomainError, match="score_locked"):
        score_sheets.adjust_score(session=session, actor=adopted, unit_id=me.unit_id, year=YEAR, code="c1", points=50,
                             reason="sau khoá")
    whats = [v.what for v in session.exec(select(ValueChange).where(ValueChange.what.like("score_%"))).all()]
    assert {"score_self", "score_submit", "score_adjust", "score_answer", "score_lock"} <= set(whats)


def test_province_reads_others_only_after_they_submit(session, adopted):
    other = actor(session, "laichau")
    me = actor(session, "sonla")
    score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c1", points=40)
    with pytest.raises(DomainError, match="score_not_readable"):
        score_sheets.score_sheet(session=session, actor=other, unit_id=me.unit_id, year=YEAR)
    score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c2", points=40,
                            doc_no="1/BC", file_name="a.pdf", file_bytes=PDF)
    score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c1", points=40,
                            doc_no="1/BC")
    score_sheets.submit_sheet(session=session, actor=me, unit_id=me.unit_id, year=YEAR)
    assert score_sheets.score_sheet(session=session, actor=other, unit_id=me.unit_id, year=YEAR).state == "submitted"


def put_dti_rank(session, code: str, rank: int) -> None:
    dti = session.exec(select(Indicator).where(Indicator.code == "dti_rank")).one()
    session.add(IndicatorValue(unit_id=unit_id(session, code), year=YEAR, indicator_id=dti.id, value=rank,
                               ranked_of=63))
    session.commit()


def test_new_poll_proposes_the_eligible_units_and_a_change_needs_a_reason(session, adopted):
    for code, rank in (("sonla", 5), ("laichau", 20), ("dienbien", 8)):
        put_dti_rank(session, code, rank)
    a = score_unit(session, "sonla", 50, 40)  # + DTI top 10: 10 -> 100, excellent
    b = score_unit(session, "laichau", 44, 40)  # + DTI top 30: 5 -> 89, good
    c = score_unit(session, "dienbien", 49, 40)  # 99 but the checklist is not met
    d = score_unit(session, "laocai", 50, 40)  # no DTI figure for 2026: the criterion is not scored, not zero
    for u in (a, b):
        score_sheets.set_conditions(session=session, actor=adopted, unit_id=u.unit_id, year=YEAR, codes=["ldxs"])
    lock_scores_confirmed(session=session, actor=adopted, year=YEAR, cluster_id=home_cluster(session))
    res = standings.year_results(session=session, year=YEAR, cluster_id=home_cluster(session))
    rows = {r.unit_id: r for r in res.standings}
    assert rows[a.unit_id].proposed and rows[a.unit_id].band == "excellent"
    assert rows[b.unit_id].reasons[0][0] == "total_low"
    assert rows[c.unit_id].reasons[-1][0] == "conditions_missing" and rows[c.unit_id].band == "excellent"
    assert rows[d.unit_id].reasons[0] == ("not_scored", {"codes": "dti"})
    assert res.final_points[a.unit_id]["dti"] == 10 and res.final_points[b.unit_id]["dti"] == 5
    ey_id = criteria_tables.year_table(session=session, year=YEAR, cluster_id=home_cluster(session)).row.emulation_year_id
    proposal = standings.proposed_candidates(session=session, emulation_year_id=ey_id)
    assert proposal.unit_ids == [a.unit_id] and proposal.locked
    session.commit()
    # creating the poll records the proposal in the same transaction: other candidates without a reason store nothing
    with pytest.raises(DomainError, match="score_override_reason_required"):
        polls.create_poll(session=session, emulation_year_id=ey_id, title="Suy tôn", actor=adopted,
                          candidate_ids=[a.unit_id, b.unit_id])
    session.rollback()
    assert polls.list_polls(session=session, actor=adopted, cluster_id=home_cluster(session)) == []
    poll = polls.create_poll(session=session, emulation_year_id=ey_id, title="Suy tôn", actor=adopted,
                             candidate_ids=[a.unit_id, b.unit_id],
                             candidates_reason="Hội nghị thống nhất bổ sung Lai Châu")
    kept = standings.poll_proposal(session=session, actor=adopted, poll_id=poll.id)
    assert kept.proposed == [a.unit_id] and kept.reason == "Hội nghị thống nhất bổ sung Lai Châu"
    assert standings.candidate_change(session=session, poll_id=poll.id) == (
        (a.unit_id,), "Hội nghị thống nhất bổ sung Lai Châu")


def test_minutes_print_the_reason_when_the_candidates_differ_from_the_proposal():
    from types import SimpleNamespace

    from components.documents.minutes import MinutesData, minutes_content
    from components.rules.tally import Tally

    poll = SimpleNamespace(title="Suy tôn", round_no=1, secret=True, paper=False, max_choices=1, closed_at=None)
    tally = Tally("half_cast", 7, 7, 0, 0, 0, 0, {}, 1, 1, ())
    data = MinutesData(poll, "Cụm 2", YEAR, {4: "Sở TT&TT Sơn La"}, (), (), tally, (), None,
                       candidate_change=((4,), "bổ sung"))
    assert dict(minutes_content(data).facts)["Danh sách ứng viên"] == (
        "Khác đề nghị từ kết quả chấm điểm (Sở TT&TT Sơn La); lý do: bổ sung")
    assert "Danh sách ứng viên" not in dict(minutes_content(
        MinutesData(poll, "Cụm 2", YEAR, {}, (), (), tally, (), None)).facts)


def test_cross_scoring_uses_the_others_scores_and_excludes_the_units_own(session):
    chair = actor(session, "chair")
    criteria_tables.save_table(session=session, actor=chair, year=YEAR,
                       table=small_table(cross_scoring=True, cross_aggregate="trimmed_mean", cross_trim=1), cluster_id=home_cluster(session))
    criteria_tables.adopt_table(session=session, actor=chair, year=YEAR, cluster_id=home_cluster(session))
    me = score_unit(session, "sonla", 50, 40)
    with pytest.raises(DomainError, match="score_cross_own"):
        score_sheets.save_cross_score(session=session, actor=me, unit_id=me.unit_id, year=YEAR, code="c1", points=10)
    for scorer, points in (("laichau", 30), ("dienbien", 40), ("laocai", 44), ("tuyenquang", 50)):
        score_sheets.save_cross_score(session=session, actor=actor(session, scorer), unit_id=me.unit_id, year=YEAR,
                                 code="c1", points=points)
    with pytest.raises(DomainError, match="score_above_max"):
        score_sheets.save_cross_score(session=session, actor=actor(session, "laichau"), unit_id=me.unit_id, year=YEAR,
                                 code="c1", points=60)
    res = standings.year_results(session=session, year=YEAR, cluster_id=home_cluster(session))
    assert res.final_points[me.unit_id]["c1"] == 42  # trimmed mean of 30, 40, 44, 50 drops 30 and 50
    assert res.self_totals[me.unit_id] == 90
    # the verifier still has the last word
    score_sheets.adjust_score(session=session, actor=chair, unit_id=me.unit_id, year=YEAR, code="c1", points=45,
                         reason="Thẩm định lại")
    assert standings.year_results(session=session, year=YEAR, cluster_id=home_cluster(session)).final_points[me.unit_id]["c1"] == 45


def test_cross_scoring_is_refused_when_the_table_does_not_use_it(session, adopted):
    me = score_unit(session, "sonla", 50, 40)
    with pytest.raises(DomainError, match="score_cross_off"):
        score_sheets.save_cross_score(session=session, actor=actor(session, "laichau"), unit_id=me.unit_id, year=YEAR,
                                 code="c1", points=10)


def test_a_closed_years_scores_cannot_change(session):
    chair = actor(session, "chair")
    criteria_tables.save_table(session=session, actor=chair, year=2022, table=small_table(), cluster_id=home_cluster(session))
    criteria_tables.adopt_table(session=session, actor=chair, year=2022, cluster_id=home_cluster(session))
    me = actor(session, "sonla")
    with pytest.raises(DomainError, match="score_locked"):
        score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=2022, code="c1", points=10)


def test_locking_the_year_with_units_unsent_needs_their_count(session, adopted):
    me = score_unit(session, "sonla", 50, 40)
    cluster = home_cluster(session)
    unsent = score_sheets.unsent_units(session=session, cluster_id=cluster, year=YEAR)
    assert me.unit_id not in unsent and len(unsent) >= 1
    for wrong in (0, len(unsent) - 1, len(unsent) + 1):
        with pytest.raises(DomainError, match="score_lock_unsent") as refused:
            score_sheets.lock_scores(session=session, actor=adopted, year=YEAR, cluster_id=cluster,
                                     acknowledged_unsent=wrong)
        assert refused.value.params["n"] == len(unsent)
    assert not criteria_tables.year_table(session=session, year=YEAR, cluster_id=cluster).locked
    score_sheets.lock_scores(session=session, actor=adopted, year=YEAR, cluster_id=cluster,
                             acknowledged_unsent=len(unsent))
    assert criteria_tables.year_table(session=session, year=YEAR, cluster_id=cluster).locked


def test_closing_and_publishing_a_vote_no_unit_qualifies_for_needs_the_acknowledgement(session, adopted):
    # the table is adopted and nobody has sent: the scores propose no unit, and two of seven ballots are cast
    cluster = home_cluster(session)
    ey_id = criteria_tables.year_table(session=session, year=YEAR, cluster_id=cluster).row.emulation_year_id
    poll = polls.create_poll(session=session, emulation_year_id=ey_id, title="Suy tôn", actor=adopted,
                             candidates_reason="Hội nghị bình xét khi chưa có kết quả chấm điểm")
    polls.open_poll(session=session, poll_id=poll.id, actor=adopted)
    for voter, choice in (("sonla", "laichau"), ("laichau", "sonla")):
        polls.cast_ballot(session=session, poll_id=poll.id, actor=actor(session, voter),
                          choices=[unit_id(session, choice)])
    session.commit()
    concerns = polls.poll_concerns(session=session, actor=adopted, poll_id=poll.id)
    assert concerns == polls.PollConcerns(missing_ballots=5, no_eligible_unit=True)
    early = "Hai đơn vị còn lại rời hội nghị sớm"
    for ack in (dict(), dict(acknowledged_missing=5), dict(acknowledged_missing=4, acknowledged_no_eligible=True)):
        with pytest.raises(DomainError) as refused:
            polls.close_poll(session=session, poll_id=poll.id, actor=adopted, reason=early, **ack)
        assert refused.value.code in ("vote_ack_missing_ballots", "vote_ack_no_eligible")
        session.rollback()
    assert polls.get_poll(session=session, actor=adopted, poll_id=poll.id).state == "open"
    polls.close_poll(session=session, poll_id=poll.id, actor=adopted, reason=early, acknowledged_missing=5,
                     acknowledged_no_eligible=True)
    session.commit()
    with pytest.raises(DomainError, match="vote_ack_no_eligible"):
        polls.publish_poll(session=session, poll_id=poll.id, actor=adopted, acknowledged_missing=5)
    session.rollback()
    with pytest.raises(DomainError, match="vote_ack_missing_ballots"):
        polls.publish_poll(session=session, poll_id=poll.id, actor=adopted, acknowledged_no_eligible=True)
    session.rollback()
    polls.publish_poll(session=session, poll_id=poll.id, actor=adopted, acknowledged_missing=5,
                       acknowledged_no_eligible=True)
    assert polls.get_poll(session=session, actor=adopted, poll_id=poll.id).state == "published"
