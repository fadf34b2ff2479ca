"""The live count's stream (components/ui/live_routes.py) at the HTTP level: only a logged-in session allowed to read
the poll's cluster gets it; it carries who voted and how many, never a choice; a ballot reaches it through the
process's one watcher; a logout ends it at the next check."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from components.rules.access import Acting
from components.ui import auth, live_routes
from db import polls
from db import users as user_db
from db.engine import get_engine
from db.models import EmulationYear
from tests.asgi import stream
from tests.helpers import SAMPLE_CHAIR
from tests.two_clusters import second_cluster

DIENBIEN = 3


def _open_poll() -> int:
    with Session(get_engine()) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2026", actor=SAMPLE_CHAIR)
        polls.open_poll(session=s, poll_id=poll.id, actor=SAMPLE_CHAIR)
        s.commit()
        return poll.id


def _events(body: bytes) -> list[dict]:
    return [json.loads(line[len("data: "):]) for line in body.decode().splitlines() if line.startswith("data: ")]


def _cast(unit_id: int, poll_id: int) -> None:
    with Session(get_engine()) as s:
        polls.cast_ballot(session=s, poll_id=poll_id, actor=Acting(None, "province", unit_id), choices=[DIENBIEN])
        s.commit()


@pytest.mark.parametrize("cookie", [None, "", "not-a-session", "x" * 500])
def test_no_stream_without_a_logged_in_session(db_url, cookie):
    poll_id = _open_poll()
    answer = stream(live_routes.live_url(poll_id), cookies=None if cookie is None else {auth.COOKIE_NAME: cookie})
    assert answer.status == 403 and answer.body == b""


def test_another_clusters_chair_gets_no_stream_of_this_clusters_poll(db_url, session):
    second_cluster(session)  # Cụm thi đua số 4 and its chair, chair4
    session.commit()
    poll_id = _open_poll()
    answer = stream(live_routes.live_url(poll_id), cookies={auth.COOKIE_NAME: auth.issue_token("chair4")})
    assert answer.status == 403 and answer.body == b""


def test_a_ballot_reaches_the_stream_with_who_voted_never_how(db_url):
    poll_id = _open_poll()
    token = auth.issue_token("sonla")  # a voter's waiting screen
    answer = stream(live_routes.live_url(poll_id), cookies={auth.COOKIE_NAME: token},
                    during=lambda _: _cast(1, poll_id),
                    until=lambda body: any(e["cast"] == 1 for e in _events(body)))
    assert answer.status == 200 and answer.header("content-type").startswith("text/event-stream")
    assert "frame-ancestors 'none'" in answer.header("content-security-policy")
    first, *later = _events(answer.body)
    assert (first["state"], first["cast"], len(first["present"])) == ("open", 0, 7)
    assert later and later[-1]["voted"] == [1] and later[-1]["cast"] == 1
    assert all(set(e) == {"poll", "state", "cast", "present", "eligible", "voted", "early"} for e in [first, *later])
    assert str(DIENBIEN) not in json.dumps([e["voted"] for e in later])  # the choice (Điện Biên) is nowhere


def test_a_logout_ends_the_stream_at_the_next_check(db_url, monkeypatch):
    monkeypatch.setattr(live_routes, "RECHECK_SECONDS", 0.3)
    poll_id = _open_poll()
    token = auth.issue_token("chair")

    def logout(_body) -> None:
        with Session(get_engine()) as s:
            user_db.end_session(session=s, token_hash=auth.token_hash(token))
            s.commit()

    answer = stream(live_routes.live_url(poll_id), cookies={auth.COOKIE_NAME: token}, during=logout,
                    until=lambda body: False, timeout=10)  # ends by itself: the server closes it
    assert answer.status == 200 and len(_events(answer.body)) == 1
