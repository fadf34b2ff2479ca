"""Every poll that received a ballot stays on the record: a chair who closes early after one ballot cannot read
that ballot's count, drop the poll and start over in silence; the re-run names the earlier poll and its reason,
and the minutes, the results page and the year's polls list both with their counts.

And SQLite's scrub after a close succeeds or the close is undone and refused: a reader holding an old snapshot
keeps the voting order in the WAL, so the close must not stand (nothing counted, nothing published)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import make_url
from sqlmodel import Session, select

from components.documents.minutes import minutes_content
from components.rules.access import Acting
from components.rules.errors import DomainError
from db import polls
from db.engine import make_engine
from db.models import EmulationYear, Poll, PollEvent
from tests.db.test_ballot_secrecy import _do
from tests.helpers import SAMPLE_CHAIR, app_test, as_user, close_confirmed, publish_confirmed, shown_table

UNITS = (1, 2, 3, 4, 6, 7, 8)  # the members of the open year 2026
CHAIR = SAMPLE_CHAIR


def _year_id(engine) -> int:
    with Session(engine) as s:
        return s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()


def _new_poll(engine, title="Suy tôn 2026", **kwargs) -> int:
    poll = _do(engine, polls.create_poll, emulation_year_id=_year_id(engine), title=title, actor=CHAIR, **kwargs)
    _do(engine, polls.open_poll, poll_id=poll.id, actor=CHAIR)
    return poll.id


def _cast(engine, poll_id, unit_id, choice):
    choice = 2 if unit_id == choice else choice  # no unit votes for itself
    return _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", unit_id), choices=[choice])


def _close_early_after_one_ballot(engine) -> int:
    first = _new_poll(engine)
    _cast(engine, first, 1, 3)
    _do(engine, close_confirmed, poll_id=first, actor=CHAIR, reason="Mất điện phòng họp, dừng bỏ phiếu")
    return first


def test_a_poll_closed_early_is_counted_only_by_publishing_it(engine):
    first = _close_early_after_one_ballot(engine)
    with Session(engine) as s:
        assert polls.result_withheld(session=s, actor=CHAIR, poll_id=first)
        with pytest.raises(DomainError) as refused:
            polls.tally_poll(session=s, actor=CHAIR, poll_id=first)
        assert refused.value.code == "vote_early_close_count_on_publish"
        with pytest.raises(DomainError):  # nor through a run-off's candidates
            polls.create_runoff(session=s, poll_id=first, actor=CHAIR)
        assert polls.poll_status(session=s, actor=CHAIR, poll_id=first).early_close_reason == \
            "Mất điện phòng họp, dừng bỏ phiếu"
    result = _do(engine, publish_confirmed, poll_id=first, actor=CHAIR)
    assert result.ballots_cast == 1
    with Session(engine) as s:
        assert not polls.result_withheld(session=s, actor=CHAIR, poll_id=first)
        assert polls.tally_poll(session=s, actor=CHAIR, poll_id=first).ballots_cast == 1


def test_starting_over_after_an_early_close_is_a_rerun_that_names_the_earlier_poll(engine):
    first = _close_early_after_one_ballot(engine)
    year_id = _year_id(engine)
    with Session(engine) as s:
        for reason in (None, "   ", "ngắn"):
            with pytest.raises(DomainError) as refused:
                polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn lại", actor=CHAIR,
                                  rerun_reason=reason)
            assert refused.value.code == "vote_rerun_reason_required"
            s.rollback()
        assert len(s.exec(select(Poll)).all()) == 1  # nothing stored by the refusals
    second = _new_poll(engine, title="Suy tôn lại", rerun_reason="Bỏ phiếu lại sau sự cố mất điện")
    with Session(engine) as s:
        poll = s.get(Poll, second)
        assert (poll.rerun_of_id, poll.rerun_reason) == (first, "Bỏ phiếu lại sau sự cố mất điện")
        assert {e.action for e in s.exec(select(PollEvent).where(PollEvent.poll_id == first))} >= {"rerun_created"}
    for unit in UNITS:
        _cast(engine, second, unit, 3)
    _do(engine, close_confirmed, poll_id=second, actor=CHAIR)
    _do(engine, publish_confirmed, poll_id=second, actor=CHAIR)

    with Session(engine) as s:
        records = polls.question_polls(session=s, actor=CHAIR, emulation_year_id=year_id)
        assert [(r.poll_id, r.state, r.ballots, r.eligible) for r in records] == \
            [(first, "closed", 1, 7), (second, "published", 7, 7)]
        assert records[0].early_close_reason == "Mất điện phòng họp, dừng bỏ phiếu"
        content = minutes_content(polls.minutes_data(session=s, actor=CHAIR, poll_id=second))
    text = "\n".join([*content.conclusion, *(f"{k}: {v}" for k, v in content.facts)])
    assert "«Suy tôn 2026»: 1/7 phiếu" in text
    assert "Kết thúc sớm: Mất điện phòng họp, dừng bỏ phiếu" in text
    assert "Bỏ phiếu lại cuộc «Suy tôn 2026». Lý do: Bỏ phiếu lại sau sự cố mất điện" in text

    at = as_user(app_test(), "chair")
    at.switch_page("pages/vote_results.py")
    at.run()
    assert not at.exception
    # a table that wraps its cells (the reasons are sentences), its texts shown as typed
    tables = [shown_table(el.value) for el in at.table]
    listed = next(df for df in tables if "Phiếu đã bỏ / đơn vị được bỏ phiếu" in df.columns)
    assert list(listed["Phiếu đã bỏ / đơn vị được bỏ phiếu"]) == ["1/7", "7/7"]
    assert "Kết thúc sớm: Mất điện phòng họp, dừng bỏ phiếu" in " ".join(listed["Ghi chú"])


def test_a_poll_with_ballots_cannot_be_left_open_for_a_new_one(engine):
    first = _new_poll(engine)
    _cast(engine, first, 2, 3)
    with Session(engine) as s:
        with pytest.raises(DomainError) as refused:
            polls.create_poll(session=s, emulation_year_id=_year_id(engine), title="Cuộc khác", actor=CHAIR,
                              rerun_reason="Muốn bắt đầu lại từ đầu")
        assert refused.value.code == "vote_rerun_close_first"


def test_a_first_poll_needs_no_rerun_reason_and_refuses_one(engine):
    with Session(engine) as s:
        with pytest.raises(DomainError) as refused:
            polls.create_poll(session=s, emulation_year_id=_year_id(engine), title="Suy tôn", actor=CHAIR,
                              rerun_reason="Không có cuộc nào trước đó")
        assert refused.value.code == "vote_rerun_nothing_to_rerun"


def test_the_projector_prints_the_early_close(engine):
    _close_early_after_one_ballot(engine)
    at = as_user(app_test(), "chair")
    at.switch_page("pages/projector.py")
    at.run()
    assert not at.exception
    assert any("Kết thúc sớm (1/7 phiếu)" in m.value for m in at.markdown)


@pytest.fixture
def sqlite_engine(engine, tmp_path):
    """The scrub is SQLite's: in the PostgreSQL pass the test builds a SQLite database of its own."""
    if engine.dialect.name == "sqlite":
        yield engine
        return
    from tests.conftest import _fill

    url = f"sqlite:///{tmp_path / 'scrub.db'}"
    _fill(url)
    own = make_engine(url)
    yield own
    own.dispose()


def _reader(engine) -> sqlite3.Connection:
    """Another process's reader in the middle of a read transaction: it holds its snapshot of the WAL."""
    reader = sqlite3.connect(make_url(str(engine.url)).database, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM ballot").fetchall()
    return reader


def _wal(engine) -> Path:
    return Path(f"{make_url(str(engine.url)).database}-wal")


def test_a_close_the_wal_cannot_forget_is_undone_and_refused(sqlite_engine, monkeypatch):
    engine = sqlite_engine
    monkeypatch.setattr(polls, "SCRUB_WAIT_SECONDS", 1.0)
    poll_id = _new_poll(engine)
    for unit in UNITS:
        _cast(engine, poll_id, unit, 3)
    reader = _reader(engine)
    try:
        with pytest.raises(DomainError) as refused:
            _do(engine, polls.close_poll, poll_id=poll_id, actor=CHAIR)
        assert refused.value.code == "vote_scrub_failed"
        with Session(engine) as s:
            assert s.get(Poll, poll_id).state == "open"  # nothing can be counted or published
            with pytest.raises(DomainError):
                polls.tally_poll(session=s, actor=CHAIR, poll_id=poll_id)
    finally:
        reader.close()
    _do(engine, polls.close_poll, poll_id=poll_id, actor=CHAIR)  # the reader has gone: the close stands
    with Session(engine) as s:
        assert s.get(Poll, poll_id).state == "closed"
        actions = [e.action for e in s.exec(select(PollEvent).where(PollEvent.poll_id == poll_id)
                                            .order_by(PollEvent.id))]
    assert actions[-3:] == ["closed", "close_undone", "closed"]
    assert not _wal(engine).exists() or _wal(engine).stat().st_size == 0


def test_the_close_waits_for_a_reader_that_leaves_in_time(sqlite_engine, monkeypatch):
    engine = sqlite_engine
    monkeypatch.setattr(polls, "SCRUB_WAIT_SECONDS", 10.0)
    poll_id = _new_poll(engine)
    for unit in UNITS[:3]:
        _cast(engine, poll_id, unit, 3)
    reader = _reader(engine)
    threading.Timer(1.0, reader.close).start()
    started = time.monotonic()
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason="Bốn đơn vị vắng mặt khi kết thúc")
    assert time.monotonic() - started >= 0.9  # it waited for the reader instead of giving up
    with Session(engine) as s:
        assert s.get(Poll, poll_id).state == "closed"
    assert not _wal(engine).exists() or _wal(engine).stat().st_size == 0
