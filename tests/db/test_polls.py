"""The vote's data functions (db/polls.py) on the test database: states, secrecy, one ballot per unit under
concurrency, paper count, publication, reset and run-off."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, select

from components.rules.access import Acting
from components.rules.errors import DomainError
from db import polls
from db.models import Ballot, BallotParticipation, EmulationYear, PollEvent, YearHonour
from tests.helpers import ADMIN, SAMPLE_CHAIR, close_confirmed, publish_confirmed

# the members of the sample's open year 2026 (Tuyên Quang carries Hà Giang on since 01/07/2025)
SONLA, LAICHAU, DIENBIEN, LAOCAI, CAOBANG, LANGSON, TUYENQUANG = 1, 2, 3, 4, 6, 7, 8
UNITS = (SONLA, LAICHAU, DIENBIEN, LAOCAI, CAOBANG, LANGSON, TUYENQUANG)
CHAIR = SAMPLE_CHAIR
EARLY = "Hết giờ dành cho bỏ phiếu"  # a close before every unit present voted needs a reason


def voter(unit_id: int) -> Acting:
    return Acting(id=None, role="province", unit_id=unit_id)


def _year_id(session, year=2026) -> int:
    return session.exec(select(EmulationYear.id).where(EmulationYear.year == year)).one()


def _new_poll(engine, **settings) -> int:
    with Session(engine) as s:
        poll = polls.create_poll(session=s, emulation_year_id=_year_id(s), title="Suy tôn đơn vị dẫn đầu 2026",
                                   actor=CHAIR, **settings)
        s.commit()
        return poll.id


def _open_poll(engine, **settings) -> int:
    poll_id = _new_poll(engine, **settings)
    with Session(engine) as s:
        polls.open_poll(session=s, poll_id=poll_id, actor=CHAIR)
        s.commit()
    return poll_id


def _cast(engine, poll_id, unit_id, choices) -> polls.Receipt:
    with Session(engine) as s:
        receipt = polls.cast_ballot(session=s, poll_id=poll_id, actor=voter(unit_id), choices=choices)
        s.commit()
        return receipt


def _do(engine, fn, **kwargs):
    with Session(engine, expire_on_commit=False) as s:
        out = fn(session=s, **kwargs)
        s.commit()
        return out


def _count(engine, model, poll_id) -> int:
    with Session(engine) as s:
        return len(s.exec(select(model).where(model.poll_id == poll_id)).all())


def test_defaults_are_all_members_one_choice_secret_half_cast(engine):
    poll_id = _new_poll(engine)
    with Session(engine) as s:
        poll = polls.get_poll(session=s, poll_id=poll_id, actor=ADMIN)
        assert (poll.state, poll.max_choices, poll.allow_self_vote, poll.secret, poll.threshold_rule,
                poll.winners_count) == ("created", 1, False, True, "half_cast", 1)
        assert polls.candidate_ids(session=s, poll_id=poll_id, actor=ADMIN) == list(UNITS)
        status = polls.poll_status(session=s, poll_id=poll_id, actor=ADMIN)
        assert status.eligible == UNITS and status.present == UNITS and status.voted == ()


def test_full_vote_publishes_the_winner_as_leading_unit_with_the_flag(engine):
    poll_id = _open_poll(engine)
    receipts = [_cast(engine, poll_id, u, [DIENBIEN] if u != DIENBIEN else [SONLA]).code for u in UNITS]
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    result = _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    assert result.winners == (DIENBIEN,) and result.ballots_cast == 7 and result.votes[DIENBIEN] == 6
    with Session(engine) as s:
        honour = s.exec(select(YearHonour).where(YearHonour.poll_id == poll_id)).one()
        assert (honour.unit_id, honour.proposed_award, honour.honour) == (DIENBIEN, "Cờ thi đua của Bộ", "leading_unit")
        published = polls.published_ballots(session=s, poll_id=poll_id, actor=ADMIN)
        assert sorted(receipts) == [b.receipt for b in published]
        assert all(b.voter_unit_id is None for b in published)
        actions = [e.action for e in polls.poll_events(session=s, poll_id=poll_id, actor=ADMIN)]
        assert actions == ["created", "opened", "closed", "published"]


def test_second_ballot_from_same_unit_is_rejected(engine):
    poll_id = _open_poll(engine)
    _cast(engine, poll_id, SONLA, [DIENBIEN])
    with pytest.raises(DomainError) as exc:
        _cast(engine, poll_id, SONLA, [LAOCAI])
    assert exc.value.code == "vote_already_voted"
    assert _count(engine, Ballot, poll_id) == 1 and _count(engine, BallotParticipation, poll_id) == 1


def test_the_database_constraint_refuses_a_second_participation(engine):
    # the guarantee does not depend on cast_ballot's checks: a raw insert is refused too
    poll_id = _open_poll(engine)
    _cast(engine, poll_id, SONLA, [DIENBIEN])
    with Session(engine) as s, pytest.raises(Exception) as exc:
        s.add(BallotParticipation(poll_id=poll_id, unit_id=SONLA))
        s.commit()
    assert "unique" in str(exc.value).lower()


def test_seven_units_at_once_with_double_submissions_give_exactly_seven_ballots(engine):
    poll_id = _open_poll(engine)
    attempts_per_unit = 3
    barrier = threading.Barrier(len(UNITS) * attempts_per_unit)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit(unit_id: int) -> None:
        barrier.wait()
        try:
            _cast(engine, poll_id, unit_id, [DIENBIEN] if unit_id != DIENBIEN else [LAOCAI])
            outcome = f"ok:{unit_id}"
        except DomainError as exc:
            outcome = exc.code
        except Exception as exc:  # noqa: BLE001  anything else is a failure of the test
            outcome = f"error:{type(exc).__name__}:{exc}"
        with lock:
            outcomes.append(outcome)

    for round_no in range(2):  # repeated: a second volley after all units have voted is refused entirely
        threads = [threading.Thread(target=submit, args=(u,)) for u in UNITS for _ in range(attempts_per_unit)]
        barrier.reset()
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
    counts = Counter(o.split(":")[0] if o.startswith("ok") else o for o in outcomes)
    assert counts == {"ok": 7, "vote_already_voted": 2 * 21 - 7}, counts
    assert sorted(int(o.split(":")[1]) for o in outcomes if o.startswith("ok")) == list(UNITS)
    assert _count(engine, Ballot, poll_id) == 7 and _count(engine, BallotParticipation, poll_id) == 7


def test_ballot_row_has_no_unit_no_time_and_a_random_key_in_secret_polls(engine):
    columns = {c["name"] for c in inspect(engine).get_columns("ballot")}
    assert columns == {"id", "poll_id", "receipt", "choices", "valid", "voter_unit_id"}
    assert not {c["name"] for c in inspect(engine).get_columns("ballotparticipation")} & {"ballot_id", "receipt"}
    poll_id = _open_poll(engine)
    for u in (SONLA, LAICHAU, LAOCAI):
        _cast(engine, poll_id, u, [DIENBIEN])
    with Session(engine) as s:
        ballots = s.exec(select(Ballot).where(Ballot.poll_id == poll_id)).all()
    assert all(b.voter_unit_id is None for b in ballots)
    assert all(len(b.id) == 32 and int(b.id, 16) >= 0 for b in ballots)
    assert len({b.id for b in ballots}) == 3


def test_named_poll_records_the_voter(engine):
    poll_id = _open_poll(engine, secret=False)
    _cast(engine, poll_id, SONLA, [DIENBIEN])
    with Session(engine) as s:
        assert s.exec(select(Ballot.voter_unit_id).where(Ballot.poll_id == poll_id)).one() == SONLA


def test_no_tally_for_anyone_while_created_or_open(engine):
    poll_id = _new_poll(engine)
    for step in ("created", "open"):
        if step == "open":
            _do(engine, polls.open_poll, poll_id=poll_id, actor=CHAIR)
            _cast(engine, poll_id, SONLA, [DIENBIEN])
        with Session(engine) as s, pytest.raises(DomainError) as exc:
            polls.tally_poll(session=s, poll_id=poll_id, actor=ADMIN)
        assert exc.value.code == "vote_tally_secret"
        with Session(engine) as s, pytest.raises(DomainError) as exc:
            polls.published_ballots(session=s, poll_id=poll_id, actor=ADMIN)
        assert exc.value.code == "vote_not_published"


def _state(engine, poll_id) -> str:
    with Session(engine) as s:
        return polls.get_poll(session=s, poll_id=poll_id, actor=ADMIN).state


@pytest.mark.parametrize("choices, code", [
    ([SONLA], "vote_self_vote"), ([DIENBIEN, LAOCAI], "vote_too_many_choices"), ([99], "vote_not_a_candidate")])
def test_bad_ballots_are_refused_and_nothing_is_stored(engine, choices, code):
    poll_id = _open_poll(engine)
    with pytest.raises(DomainError) as exc:
        _cast(engine, poll_id, SONLA, choices)
    assert exc.value.code == code
    assert _count(engine, Ballot, poll_id) == 0 and _count(engine, BallotParticipation, poll_id) == 0


def test_ballot_refused_before_open_after_close_and_from_absent_units(engine):
    poll_id = _new_poll(engine)
    with pytest.raises(DomainError) as exc:
        _cast(engine, poll_id, SONLA, [DIENBIEN])
    assert exc.value.code == "vote_not_open"
    _do(engine, polls.set_present, poll_id=poll_id, unit_id=LAICHAU, present=False, actor=CHAIR)
    _do(engine, polls.open_poll, poll_id=poll_id, actor=CHAIR)
    with pytest.raises(DomainError) as exc:
        _cast(engine, poll_id, LAICHAU, [DIENBIEN])
    assert exc.value.code == "vote_not_present"
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    with pytest.raises(DomainError) as exc:
        _cast(engine, poll_id, SONLA, [DIENBIEN])
    assert exc.value.code == "vote_not_open"


def test_settings_are_fixed_once_open(engine):
    poll_id = _new_poll(engine)
    settings = dict(title="Vòng 1", candidate_ids=[DIENBIEN, LAOCAI], voter_unit_ids=list(UNITS), max_choices=1,
                    allow_self_vote=True, secret=True, threshold_rule="two_thirds_cast", winners_count=1)
    _do(engine, polls.configure_poll, poll_id=poll_id, actor=CHAIR, **settings)
    with Session(engine) as s:
        assert polls.candidate_ids(session=s, poll_id=poll_id, actor=ADMIN) == [DIENBIEN, LAOCAI]
    _do(engine, polls.open_poll, poll_id=poll_id, actor=CHAIR)
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.configure_poll, poll_id=poll_id, actor=CHAIR, **settings)
    assert exc.value.code == "vote_settings_fixed"


def test_paper_count_checked_against_present_voters(engine):
    poll_id = _new_poll(engine)
    _do(engine, polls.set_present, poll_id=poll_id, unit_id=LANGSON, present=False, actor=CHAIR)
    votes = {u: 0 for u in UNITS} | {DIENBIEN: 5, SONLA: 1}
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.record_paper_count, poll_id=poll_id, actor=CHAIR, ballots_cast=7, invalid=0, votes=votes)
    assert exc.value.code == "vote_paper_more_than_present"
    assert _state(engine, poll_id) == "created"
    _do(engine, polls.record_paper_count, poll_id=poll_id, actor=CHAIR, ballots_cast=6, invalid=0, votes=votes)
    result = _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    assert result.winners == (DIENBIEN,) and result.ballots_cast == 6 and result.present == 6


def test_paper_count_refused_once_electronic_ballots_exist(engine):
    poll_id = _open_poll(engine)
    _cast(engine, poll_id, SONLA, [DIENBIEN])
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.record_paper_count, poll_id=poll_id, actor=CHAIR, ballots_cast=7, invalid=0,
            votes={u: 0 for u in UNITS})
    assert exc.value.code == "vote_paper_after_electronic"


def test_reset_needs_a_reason_discards_ballots_and_is_logged(engine):
    poll_id = _open_poll(engine)
    for u in (SONLA, LAICHAU):
        _cast(engine, poll_id, u, [DIENBIEN])
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.reset_poll, poll_id=poll_id, actor=CHAIR, reason="  ")
    assert exc.value.code == "vote_reset_reason_required"
    assert _count(engine, Ballot, poll_id) == 2
    _do(engine, polls.reset_poll, poll_id=poll_id, actor=CHAIR, reason="Mất kết nối mạng tại hội trường")
    assert _state(engine, poll_id) == "created"
    assert _count(engine, Ballot, poll_id) == 0 and _count(engine, BallotParticipation, poll_id) == 0
    with Session(engine) as s:
        event = s.exec(select(PollEvent).where(PollEvent.poll_id == poll_id, PollEvent.action == "reset")).one()
    assert event.reason.startswith("Mất kết nối mạng tại hội trường")
    _do(engine, polls.open_poll, poll_id=poll_id, actor=CHAIR)
    _cast(engine, poll_id, SONLA, [LAOCAI])  # the unit may vote again after a reset


def test_runoff_among_the_tied_is_linked_to_the_first_round(engine):
    poll_id = _open_poll(engine)
    for u, choice in zip(UNITS, [DIENBIEN, DIENBIEN, LAOCAI, DIENBIEN, LAOCAI, LAOCAI, SONLA]):
        _cast(engine, poll_id, u, [choice])
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    result = _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    assert result.winners == () and result.runoff_candidates == (DIENBIEN, LAOCAI)
    child = _do(engine, polls.create_runoff, poll_id=poll_id, actor=CHAIR)
    assert (child.parent_poll_id, child.round_no, child.state, child.winners_count) == (poll_id, 2, "created", 1)
    with Session(engine) as s:
        assert polls.candidate_ids(session=s, poll_id=child.id, actor=ADMIN) == [DIENBIEN, LAOCAI]
        assert s.exec(select(YearHonour).where(YearHonour.poll_id == poll_id)).all() == []
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.create_runoff, poll_id=poll_id, actor=CHAIR)
    assert exc.value.code == "vote_runoff_exists"


def test_runoff_refused_when_the_round_has_its_winner(engine):
    poll_id = _open_poll(engine)
    for u in (SONLA, LAICHAU, LAOCAI, TUYENQUANG):
        _cast(engine, poll_id, u, [DIENBIEN])
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)  # closed early: counted by its publication
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.create_runoff, poll_id=poll_id, actor=CHAIR)
    assert exc.value.code == "vote_runoff_not_needed"


def test_only_one_poll_open_per_year_and_closed_years_refuse_polls(engine):
    _open_poll(engine)
    second = _new_poll(engine)
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.open_poll, poll_id=second, actor=CHAIR)
    assert exc.value.code == "vote_other_poll_open"
    with Session(engine) as s, pytest.raises(DomainError) as exc:
        polls.create_poll(session=s, emulation_year_id=_year_id(s, 2022), title="x", actor=CHAIR)
    assert exc.value.code == "vote_year_closed"


def test_minutes_data_has_names_present_units_and_receipts(engine):
    poll_id = _open_poll(engine)
    receipts = sorted(_cast(engine, poll_id, u, [DIENBIEN] if u != DIENBIEN else []).code for u in UNITS)
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    with Session(engine) as s:
        data = polls.minutes_data(session=s, poll_id=poll_id, actor=ADMIN)
    assert data.year == 2026 and "2" in data.cluster_name
    assert data.unit_names[DIENBIEN].endswith("Điện Biên")
    assert [b.receipt for b in data.ballots] == receipts
    assert data.tally.blank == 1 and data.tally.winners == (DIENBIEN,)



def test_minutes_say_what_the_count_found_and_render_as_pdf(engine):
    from components.documents.minutes import minutes_content
    from db import paperwork

    poll_id = _open_poll(engine)
    _do(engine, polls.set_present, poll_id=poll_id, unit_id=LANGSON, present=True, actor=CHAIR)
    for u in UNITS[:6]:
        _cast(engine, poll_id, u, [DIENBIEN] if u != DIENBIEN else [SONLA])
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    with Session(engine) as s:
        data = polls.minutes_data(session=s, poll_id=poll_id, actor=ADMIN)
    content = minutes_content(data)
    facts = dict(content.facts)
    assert content.title == "BIÊN BẢN KIỂM PHIẾU"
    assert facts["Năm thi đua"] == "2026" and facts["Cụm thi đua"] == data.cluster_name
    assert facts["Số phiếu thu về"] == "6" and facts["Số phiếu hợp lệ"] == "6"
    assert facts["Số phiếu không hợp lệ"] == "0" and facts["Số đơn vị có quyền bỏ phiếu"] == "7"
    assert facts["Đơn vị có mặt"].startswith("7: Sở Khoa học và Công nghệ Sơn La")
    assert facts["Nguyên tắc xác định kết quả"] == "Trên 50% tổng số phiếu thu về; cần ít nhất 4 phiếu"
    assert content.table[0] == ("1", "Sở Khoa học và Công nghệ Điện Biên", "5", "83,3%", "Trúng")
    winners_line = "Đơn vị được suy tôn dẫn đầu phong trào thi đua: Sở Khoa học và Công nghệ Điện Biên."
    assert winners_line in content.conclusion
    assert any("Cờ thi đua của Bộ" in line for line in content.conclusion)
    # closed today, after 01/03/2025: the proposal goes to the Minister of Science and Technology
    assert any("đề nghị Bộ trưởng Bộ Khoa học và Công nghệ tặng" in line for line in content.conclusion)
    assert [r.split(":")[0] for r in content.receipts] == [b.receipt for b in data.ballots] and len(data.ballots) == 6
    with Session(engine) as s:  # the vote pages' PDF is the Văn bản page's document, from the one builder
        document = paperwork.poll_minutes(session=s, actor=ADMIN, poll_id=poll_id)
        pdf = paperwork.render(document, "pdf")
    assert document.number_symbol.startswith("Số:") and document.place_date.count("tháng") == 1
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
