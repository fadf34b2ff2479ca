"""Ballot secrecy from whoever reads the database or a backup, and no partial result before the count:
after close nothing stored (a column, PostgreSQL's xmin or ctid, SQLite's rowid, the order of rows, the freed pages)
pairs a ballot with its participation; a closed poll is never reset; resets and early closes are printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlmodel import Session, select

from components.documents.minutes import minutes_content
from components.rules.access import Acting
from components.rules.errors import DomainError
from db import polls
from db.models import Ballot, EmulationYear
from tests.helpers import ADMIN, SAMPLE_CHAIR, close_confirmed, publish_confirmed

UNITS = (1, 2, 3, 4, 6, 7, 8)  # the members of the open year 2026 (Tuyên Quang is 8)
CHAIR = SAMPLE_CHAIR


def _do(engine, fn, **kwargs):
    with Session(engine, expire_on_commit=False) as s:
        out = fn(session=s, **kwargs)
        s.commit()
        return out


def _open_poll(engine) -> int:
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn 2026", actor=CHAIR)
        polls.open_poll(session=s, poll_id=poll.id, actor=CHAIR)
        s.commit()
        return poll.id


def _cast(engine, poll_id, unit_id, choices):
    return _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", unit_id),
               choices=choices)


def test_after_close_nothing_stored_pairs_a_ballot_with_its_participation(engine):
    poll_id = _open_poll(engine)
    # each unit votes for the next one, so a ballot's choice names its voter: the test can see any link
    choice_of = {u: UNITS[(i + 1) % len(UNITS)] for i, u in enumerate(UNITS)}
    voter_of = {c: u for u, c in choice_of.items()}
    for unit in UNITS:
        _cast(engine, poll_id, unit, [choice_of[unit]])
    with Session(engine) as s:
        old_ids = set(s.exec(select(Ballot.id).where(Ballot.poll_id == poll_id)).all())
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR)
    polls.scrub_storage(engine=engine)

    postgres = engine.dialect.name == "postgresql"
    with engine.connect() as conn:
        if postgres:
            ballots = conn.execute(text("SELECT xmin::text, id, choices FROM ballot WHERE poll_id = :p ORDER BY ctid"),
                                   {"p": poll_id}).all()
            parts = conn.execute(text("SELECT xmin::text, unit_id FROM ballotparticipation WHERE poll_id = :p "
                                      "ORDER BY id"), {"p": poll_id}).all()
        else:
            ballots = conn.execute(text("SELECT rowid, id, choices FROM ballot WHERE poll_id = :p ORDER BY rowid"),
                                   {"p": poll_id}).all()
            parts = conn.execute(text("SELECT rowid, unit_id FROM ballotparticipation WHERE poll_id = :p "
                                      "ORDER BY id"), {"p": poll_id}).all()
    assert len(ballots) == len(parts) == 7
    assert [p[1] for p in parts] == list(UNITS)  # participations are in the order of voting
    # the physical order of the ballots no longer follows it (a random order: equal by chance once in 5040)
    assert [voter_of[int(b[2])] for b in ballots] != list(UNITS)
    assert not {b[1] for b in ballots} & old_ids  # new keys
    if postgres:
        assert len({b[0] for b in ballots}) == 1  # one xmin: the close transaction's
        assert not {b[0] for b in ballots} & {p[0] for p in parts}
    else:
        # secure_delete and the WAL checkpoint: the original rows are gone from the files, not only unlinked
        path = Path(make_url(str(engine.url)).database)
        stored = path.read_bytes() + (Path(f"{path}-wal").read_bytes() if Path(f"{path}-wal").exists() else b"")
        assert [i for i in old_ids if i.encode() in stored] == []
    result = _do(engine, polls.tally_poll, actor=ADMIN, poll_id=poll_id)
    assert result.ballots_cast == 7 and sorted(result.votes.values()) == [1] * 7


@pytest.mark.parametrize("published", [False, True])
def test_a_closed_poll_is_never_reset(engine, published):
    # closing after one ballot, reading the count, resetting and reopening would reveal that unit's vote
    poll_id = _open_poll(engine)
    _cast(engine, poll_id, 1, [3])
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason="Thử đóng sớm để xem kết quả")
    if published:
        _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.reset_poll, poll_id=poll_id, actor=CHAIR, reason="Muốn bỏ phiếu lại từ đầu")
    assert exc.value.code == ("vote_closed_no_reset" if not published else "vote_bad_state")
    assert _do(engine, polls.get_poll, actor=ADMIN, poll_id=poll_id).state == ("published" if published else "closed")


def test_early_close_needs_a_reason_and_resets_and_early_closes_are_printed_in_the_minutes(engine):
    poll_id = _open_poll(engine)
    _cast(engine, poll_id, 1, [3])
    _cast(engine, poll_id, 2, [3])
    _do(engine, polls.reset_poll, poll_id=poll_id, actor=CHAIR, reason="Mất điện tại hội trường")
    _do(engine, polls.open_poll, poll_id=poll_id, actor=CHAIR)
    for unit in (1, 2, 4):
        _cast(engine, poll_id, unit, [3])
    with pytest.raises(DomainError) as exc:
        _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason="hết giờ")
    assert exc.value.code == "vote_close_reason_required" and exc.value.params["n"] == 4
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason="Bốn đơn vị rời hội nghị sớm")
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    with Session(engine) as s:
        incidents = polls.poll_incidents(session=s, poll_id=poll_id, actor=ADMIN)
        content = minutes_content(polls.minutes_data(session=s, poll_id=poll_id, actor=ADMIN))
    assert [(i.action, i.reason, i.ballots) for i in incidents] == [
        ("reset", "Mất điện tại hội trường", 2), ("closed_early", "Bốn đơn vị rời hội nghị sớm", 3)]
    lines = "\n".join(content.conclusion)
    assert "huỷ 2 phiếu và bỏ phiếu lại. Lý do: Mất điện tại hội trường" in lines
    assert "kết thúc sớm khi mới có 3 phiếu. Lý do: Bốn đơn vị rời hội nghị sớm" in lines


def test_secret_poll_publishes_the_receipts_counted_not_their_choices(engine):
    poll_id = _open_poll(engine)
    receipts = sorted(_cast(engine, poll_id, u, [3] if u != 3 else [4]).code for u in UNITS)
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR)
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    with Session(engine) as s:
        published = polls.published_ballots(session=s, poll_id=poll_id, actor=ADMIN)
        content = minutes_content(polls.minutes_data(session=s, poll_id=poll_id, actor=ADMIN))
    assert [b.receipt for b in published] == receipts
    assert all(b.choices is None and b.voter_unit_id is None for b in published)
    assert list(content.receipts) == receipts  # the minutes list the codes only


def test_only_the_chair_runs_the_vote_and_only_a_province_votes(engine):
    poll_id = _open_poll(engine)
    for actor in (Acting(None, "province", 1), Acting(None, "viewer")):
        with pytest.raises(DomainError) as exc:
            _do(engine, polls.close_poll, poll_id=poll_id, actor=actor, reason="Không có quyền đóng")
        assert exc.value.code == "forbidden"
    with pytest.raises(DomainError) as exc:
        _do(engine, polls.cast_ballot, poll_id=poll_id, actor=SAMPLE_CHAIR, choices=[3])
    assert exc.value.code == "forbidden"
