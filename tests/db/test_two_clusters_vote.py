"""The vote in a deployment of several clusters: a chair runs its own cluster's polls only. The second cluster's
chair (chair4) who knows the id of a poll of Cluster No. 2 cannot change its settings, call its roll, open, close,
reset, count on paper, publish it or start its run-off, nor create a poll in Cluster No. 2's year: each is refused
(not_your_cluster) with nothing stored, nor may it record the candidates' proposal beside that poll or write the
texts of Cluster No. 2's count minutes; the administrator runs any cluster's poll. A unit votes only in a poll whose
voters it is on, so a member of the other cluster is refused. The vote pages of chair4 show and act on Cluster
No. 4's polls only, and its members' ballot page shows their own cluster's poll."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from components.rules.access import Acting
from components.rules.errors import DomainError
from db import paperwork, polls, reference, standings
from db.engine import get_engine
from db.models import (
    Ballot,
    BallotParticipation,
    Poll,
    PollCandidate,
    PollEvent,
    PollProposal,
    PollVoter,
    YearHonour,
    YearText,
)
from tests.helpers import app_test, as_user, close_confirmed, publish_confirmed, texts
from tests.two_clusters import ADMIN, YEAR, second_cluster, units, user

EARLY = "Hết giờ dành cho bỏ phiếu"  # a close before every unit present voted needs a reason
TITLE2, TITLE4 = "Suy tôn đơn vị dẫn đầu Cụm 2 năm 2023", "Suy tôn đơn vị dẫn đầu Cụm 4 năm 2023"
TUYENQUANG_NAME, YENBAI_NAME = "Sở Thông tin và Truyền thông Tuyên Quang", "Sở Thông tin và Truyền thông Yên Bái"


def year_id(session, cluster_id: int) -> int:
    return reference.get_emulation_year(session=session, cluster_id=cluster_id, year=YEAR).id


def first_cluster(session) -> int:
    return reference.get_cluster(session=session).id


def new_poll(engine, cluster_id: int, actor_name: str, title: str, *, open_it: bool = False, **settings) -> int:
    with Session(engine) as s:
        actor = user(s, actor_name)
        poll = polls.create_poll(session=s, emulation_year_id=year_id(s, cluster_id), title=title, actor=actor,
                                    **settings)
        if open_it:
            polls.open_poll(session=s, poll_id=poll.id, actor=actor)
        s.commit()
        return poll.id


def do(engine, fn, actor_name: str | None = None, **kwargs):
    with Session(engine, expire_on_commit=False) as s:
        if actor_name is not None:
            kwargs["actor"] = ADMIN if actor_name == "admin" else user(s, actor_name)
        out = fn(session=s, **kwargs)
        s.commit()
        return out


def cast(engine, poll_id: int, unit_id: int, choices: list[int]) -> polls.Receipt:
    return do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", unit_id),
              choices=choices)


def stored(engine, poll_id: int) -> tuple:
    """Everything a chair's action on the poll could change."""
    with Session(engine) as s:
        p = s.get(Poll, poll_id)
        by_poll = lambda model: model.poll_id == poll_id  # noqa: E731

        def count(model) -> int:
            return s.exec(select(func.count()).select_from(model).where(by_poll(model))).one()

        return ((p.state, p.title, p.max_choices, p.secret, p.threshold_rule, p.winners_count, p.paper,
                 p.paper_ballots_cast, p.opened_at, p.closed_at, p.published_at),
                [(e.action, e.reason) for e in s.exec(select(PollEvent).where(by_poll(PollEvent))
                                                      .order_by(PollEvent.id)).all()],
                sorted((v.unit_id, v.present) for v in s.exec(select(PollVoter).where(by_poll(PollVoter))).all()),
                sorted((c.unit_id, c.paper_votes) for c in s.exec(select(PollCandidate)
                                                                  .where(by_poll(PollCandidate))).all()),
                count(Ballot), count(BallotParticipation),
                s.exec(select(func.count()).select_from(Poll)).one(),
                s.exec(select(func.count()).select_from(YearHonour)).one())


def refused_with_nothing_stored(engine, poll_id: int, fn, actor_name: str, **kwargs) -> None:
    before = stored(engine, poll_id)
    with pytest.raises(DomainError) as exc:
        do(engine, fn, actor_name, poll_id=poll_id, **kwargs)
    assert exc.value.code == "not_your_cluster", fn.__name__
    assert stored(engine, poll_id) == before, fn.__name__


@pytest.fixture
def cum4(session) -> int:
    return second_cluster(session)


# --- the data functions -----------------------------------------------------------------------------------


def _settings(u, members):
    return dict(title="Đổi tên cuộc bỏ phiếu", candidate_ids=[u["sonla"]], voter_unit_ids=members, max_choices=1,
                allow_self_vote=True, secret=False, threshold_rule="half_eligible", winners_count=1)


# action -> (the poll's state when it is tried, its arguments from the units and the first cluster's members)
ACTIONS = {
    "configure_poll": ("created", _settings),
    "set_present": ("created", lambda u, members: dict(unit_id=u["sonla"], present=False)),
    "open_poll": ("created", lambda u, members: {}),
    "record_paper_count": ("created", lambda u, members: dict(
        ballots_cast=7, invalid=0, votes={m: (7 if m == u["dienbien"] else 0) for m in members})),
    # two of the members have voted: the close and the publication name the others' missing ballots
    "close_poll": ("open", lambda u, members: dict(reason=EARLY, acknowledged_missing=len(members) - 2)),
    "reset_poll": ("open", lambda u, members: dict(reason="Mất kết nối mạng tại hội trường")),
    "set_present_while_open": ("open", lambda u, members: dict(unit_id=u["caobang"], present=False)),
    "publish_poll": ("closed", lambda u, members: dict(acknowledged_missing=len(members) - 2)),
    # 1 vote and 1 of 2 ballots: a run-off is needed (closed early, the round is counted by its publication)
    "create_runoff": ("published", lambda u, members: {}),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_second_chair_cannot_act_on_the_first_clusters_poll_its_own_chair_can(engine, session, cum4, action):
    u = units(session)
    members = [m.id for m in reference.member_units(session=session, cluster_id=first_cluster(session), year=YEAR)]
    stage, arguments = ACTIONS[action]
    fn = getattr(polls, action.removesuffix("_while_open"))
    poll_id = new_poll(engine, first_cluster(session), "chair", TITLE2, open_it=stage != "created")
    if stage != "created":
        cast(engine, poll_id, u["sonla"], [u["dienbien"]])
        cast(engine, poll_id, u["laichau"], [u["laocai"]])
    if stage in ("closed", "published"):
        do(engine, close_confirmed, "chair", poll_id=poll_id, reason=EARLY)
    if stage == "published":
        do(engine, publish_confirmed, "chair", poll_id=poll_id)
    refused_with_nothing_stored(engine, poll_id, fn, "chair4", **arguments(u, members))
    # the same action by the first cluster's own chair goes through, as before
    before = stored(engine, poll_id)
    do(engine, fn, "chair", poll_id=poll_id, **arguments(u, members))
    assert stored(engine, poll_id) != before


def test_second_chair_cannot_create_a_poll_in_the_first_clusters_year(engine, session, cum4):
    with Session(engine) as s, pytest.raises(DomainError, match="not_your_cluster"):
        polls.create_poll(session=s, emulation_year_id=year_id(s, first_cluster(s)), title="Cuộc thứ hai",
                             actor=user(s, "chair4"))
    with Session(engine) as s:
        assert s.exec(select(Poll.id)).all() == []
    poll_id = new_poll(engine, first_cluster(session), "chair", TITLE2)
    assert stored(engine, poll_id)[0][0] == "created"


def test_second_chair_cannot_record_the_candidates_proposal_of_the_first_clusters_poll(engine, session, cum4):
    u = units(session)
    poll_id = new_poll(engine, first_cluster(session), "chair", TITLE2)
    refused_with_nothing_stored(engine, poll_id, standings.record_proposal, "chair4", chosen=[u["sonla"]],
                                reason="Hội nghị thống nhất chỉ suy tôn Sơn La")
    with Session(engine) as s:
        assert s.exec(select(PollProposal)).all() == []


def test_second_chair_writes_the_count_minutes_texts_of_its_own_year_only(engine, session, cum4):
    committee = "Ông Nguyễn Văn A - Trưởng ban kiểm phiếu"
    with pytest.raises(DomainError, match="not_your_cluster"):
        do(engine, paperwork.save_year_text, "chair4", emulation_year_id=year_id(session, first_cluster(session)),
           key="minutes.counting_committee", text=committee)
    with Session(engine) as s:
        assert s.exec(select(YearText)).all() == []
    do(engine, paperwork.save_year_text, "chair4", emulation_year_id=year_id(session, cum4),
       key="minutes.counting_committee", text=committee)
    with Session(engine) as s:
        assert paperwork.year_texts(session=s, actor=ADMIN, emulation_year_id=year_id(s, cum4)) == {
            "minutes.counting_committee": committee}
        assert paperwork.year_texts(session=s, actor=ADMIN, emulation_year_id=year_id(s, first_cluster(s))) == {}


def test_first_chair_cannot_run_the_second_clusters_poll_and_the_administrator_can(engine, session, cum4):
    u = units(session)
    poll_id = new_poll(engine, cum4, "chair4", TITLE4)
    refused_with_nothing_stored(engine, poll_id, polls.open_poll, "chair")
    with Session(engine) as s, pytest.raises(DomainError, match="not_your_cluster"):
        polls.create_poll(session=s, emulation_year_id=year_id(s, cum4), title="Cuộc của Cụm 2",
                             actor=user(s, "chair"))
    do(engine, polls.open_poll, "admin", poll_id=poll_id)
    cast(engine, poll_id, u["tuyenquang"], [u["yenbai"]])
    refused_with_nothing_stored(engine, poll_id, polls.reset_poll, "chair", reason="Muốn bỏ phiếu lại từ đầu")
    refused_with_nothing_stored(engine, poll_id, polls.close_poll, "chair", reason=EARLY)
    do(engine, close_confirmed, "admin", poll_id=poll_id, reason=EARLY)
    assert stored(engine, poll_id)[0][0] == "closed"


def test_second_chair_runs_its_own_poll_from_creation_to_publication(engine, session, cum4):
    u = units(session)
    tq, yb = u["tuyenquang"], u["yenbai"]
    first_leaders = reference.leading_units(session=session, cluster_id=first_cluster(session))
    poll_id = new_poll(engine, cum4, "chair4", TITLE4, allow_self_vote=True)
    with Session(engine) as s:
        status = polls.poll_status(session=s, poll_id=poll_id, actor=ADMIN)
        assert status.eligible == (tq, yb) and polls.candidate_ids(session=s, poll_id=poll_id, actor=ADMIN) == [tq, yb]
    do(engine, polls.set_present, "chair4", poll_id=poll_id, unit_id=yb, present=False)
    do(engine, polls.set_present, "chair4", poll_id=poll_id, unit_id=yb, present=True)
    do(engine, polls.open_poll, "chair4", poll_id=poll_id)
    cast(engine, poll_id, tq, [yb])
    cast(engine, poll_id, yb, [yb])
    do(engine, close_confirmed, "chair4", poll_id=poll_id)
    result = do(engine, publish_confirmed, "chair4", poll_id=poll_id)
    assert result.winners == (yb,) and result.ballots_cast == 2
    with Session(engine) as s:
        honour = s.exec(select(YearHonour).where(YearHonour.poll_id == poll_id)).one()
        assert (honour.unit_id, honour.emulation_year_id) == (yb, year_id(s, cum4))
        assert [e.action for e in polls.poll_events(session=s, poll_id=poll_id, actor=ADMIN)] == [
            "created", "absent", "present", "opened", "closed", "published"]
        assert reference.leading_units(session=s, cluster_id=cum4) == [(YEAR, yb, polls.FLAG_AWARD)]
        assert reference.leading_units(session=s, cluster_id=first_cluster(s)) == first_leaders


def test_a_unit_votes_only_in_its_own_clusters_poll(engine, session, cum4):
    u = units(session)
    first = new_poll(engine, first_cluster(session), "chair", TITLE2, open_it=True)
    second = new_poll(engine, cum4, "chair4", TITLE4, open_it=True)
    for poll_id, unit_id, choice in ((first, u["tuyenquang"], u["sonla"]), (second, u["sonla"], u["yenbai"])):
        before = stored(engine, poll_id)
        with pytest.raises(DomainError) as exc:
            cast(engine, poll_id, unit_id, [choice])
        assert exc.value.code == "not_your_cluster"  # refused before the poll's list of voters is read
        assert stored(engine, poll_id) == before
    with Session(engine) as s:
        assert polls.open_poll_for_unit(session=s, actor=Acting(None, "province", u["tuyenquang"])).id == second
        assert polls.open_poll_for_unit(session=s, actor=Acting(None, "province", u["sonla"])).id == first
    cast(engine, second, u["tuyenquang"], [u["yenbai"]])
    cast(engine, first, u["sonla"], [u["dienbien"]])
    assert stored(engine, second)[4:6] == (1, 1) and stored(engine, first)[4:6] == (1, 1)


# --- the pages --------------------------------------------------------------------------------------------


def _engine_and_clusters():
    engine = get_engine()
    with Session(engine) as s:
        cum4 = second_cluster(s)
        return engine, first_cluster(s), cum4, units(s)


def test_second_chairs_vote_page_lists_and_opens_only_its_own_clusters_polls(db_url):
    engine, cum2, cum4, u = _engine_and_clusters()
    first = new_poll(engine, cum2, "chair", TITLE2)
    second = new_poll(engine, cum4, "chair4", TITLE4)
    at = as_user(app_test("pages/vote_manage.py"), "chair4").run()
    assert not at.exception
    assert [str(y) for y in at.selectbox(key="vote_manage_year").options] == ["2023"]
    options = at.selectbox(key="vote_manage_poll").options
    assert len(options) == 2 and TITLE4 in options[0] and not any(TITLE2 in o for o in options)
    assert at.selectbox(key="vote_manage_poll").value == second
    assert [c.label for c in at.checkbox if c.key and c.key.startswith(f"present_{second}_")] == [
        TUYENQUANG_NAME, YENBAI_NAME]
    next(b for b in at.button if b.label == "Mở bỏ phiếu").click().run()
    assert not at.exception
    assert stored(engine, second)[0][0] == "open" and stored(engine, first)[0][0] == "created"
    # a new poll offers the second cluster's two members only
    at.selectbox(key="vote_manage_poll").select_index(len(options) - 1).run()
    assert at.multiselect[0].options == [TUYENQUANG_NAME, YENBAI_NAME]
    # the first cluster's chair and the administrator (the default cluster) see the first cluster's poll only
    for name in ("chair", "admin"):
        other = as_user(app_test("pages/vote_manage.py"), name).run()
        assert not other.exception
        # the sample's newest year of the first cluster is 2026; the polls of this test are 2023's
        picker = other.selectbox(key="vote_manage_year")
        picker.select_index([str(o) for o in picker.options].index("2023")).run()
        options = other.selectbox(key="vote_manage_poll").options
        assert any(TITLE2 in o for o in options) and not any(TITLE4 in o for o in options), name


def test_second_chairs_projector_and_results_follow_its_own_cluster(db_url):
    engine, cum2, cum4, u = _engine_and_clusters()
    first = new_poll(engine, cum2, "chair", TITLE2, open_it=True)
    cast(engine, first, u["sonla"], [u["dienbien"]])
    projector = as_user(app_test("pages/projector.py"), "chair4").run()
    assert not projector.exception
    assert "Chưa có cuộc bỏ phiếu nào" in texts(projector) and TITLE2 not in texts(projector)
    second = new_poll(engine, cum4, "chair4", TITLE4)
    projector.run()
    shown = texts(projector)
    assert TITLE4 in shown and TITLE2 not in shown and "1 / 7" not in shown
    do(engine, close_confirmed, "chair", poll_id=first, reason=EARLY)
    do(engine, publish_confirmed, "chair", poll_id=first)
    results = as_user(app_test("pages/vote_results.py"), "chair4").run()
    assert not results.exception
    assert "Chưa có kết quả bỏ phiếu nào được công bố." in texts(results)
    mine = as_user(app_test("pages/vote_results.py"), "chair").run()
    assert any(TITLE2 in o for o in mine.selectbox(key="vote_results_poll").options)
    do(engine, polls.open_poll, "chair4", poll_id=second)
    cast(engine, second, u["tuyenquang"], [u["yenbai"]])
    do(engine, close_confirmed, "chair4", poll_id=second, reason=EARLY)
    do(engine, publish_confirmed, "chair4", poll_id=second)
    results.run()
    options = results.selectbox(key="vote_results_poll").options
    assert len(options) == 1 and TITLE4 in options[0]


def test_second_clusters_member_sees_its_own_clusters_poll_on_the_ballot_page(db_url):
    engine, cum2, cum4, u = _engine_and_clusters()
    new_poll(engine, cum2, "chair", TITLE2, open_it=True)
    at = as_user(app_test("pages/ballot.py"), "tuyenquang").run()
    assert not at.exception
    assert "Hiện chưa có cuộc bỏ phiếu nào đang mở" in texts(at) and not at.radio
    second = new_poll(engine, cum4, "chair4", TITLE4, open_it=True)
    at = as_user(app_test("pages/ballot.py"), "tuyenquang").run()
    assert not at.exception
    assert TITLE4 in texts(at) and TITLE2 not in texts(at)
    radio = at.radio[0]
    assert YENBAI_NAME in radio.options and "Sở Thông tin và Truyền thông Sơn La" not in radio.options
    radio.set_value(u["yenbai"])
    at.button[0].click().run()
    next(b for b in at.button if b.label == "Xác nhận bỏ phiếu").click().run()
    assert not at.exception
    assert stored(engine, second)[4:6] == (1, 1)
