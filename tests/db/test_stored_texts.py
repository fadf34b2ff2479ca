"""Every text the app stores is checked by the app, on both databases, whichever screen or function sends it: no
control character (it would break every Excel template and DOCX written from it later) and no more than its
column holds (PostgreSQL would refuse it as an outage, SQLite would keep it). A clear refusal, nothing stored."""

from __future__ import annotations

import pytest
from sqlmodel import select

from components.i18n.catalogue import translate
from components.rules.errors import DomainError
from components.rules.figures import Figure
from db import entry, polls
from db.models import EmulationYear, IndicatorValue, Poll, Unit
from db.users import get_user
from tests.helpers import SAMPLE_CHAIR

YEAR, SONLA = 2026, 1


@pytest.mark.parametrize("note", ["trung tâm\x0bẩn", "\x00", "ESC\x1b[31m đỏ", "DEL\x7f"])
def test_a_note_with_a_control_character_is_refused_and_nothing_is_stored(session, note):
    before = session.exec(select(IndicatorValue)).all()
    with pytest.raises(DomainError) as refused:
        entry.save_figures(session=session, actor=get_user(session=session, username="sonla"), unit_id=SONLA,
                           year=YEAR, figures={"bts_sites": Figure(value=1200, note=note)})
        session.commit()
    session.rollback()
    assert refused.value.code == "text_control_character"
    assert "ký tự điều khiển" in translate("err.text_control_character", "vi")
    assert len(session.exec(select(IndicatorValue)).all()) == len(before)


def test_tabs_and_line_breaks_stay_allowed(session):
    entry.save_figures(session=session, actor=get_user(session=session, username="sonla"), unit_id=SONLA,
                       year=YEAR, figures={"bts_sites": Figure(value=1200, note="dòng một\n\tdòng hai\r\n")})
    session.commit()


def test_a_reason_with_a_control_character_is_refused(session):
    year_id = session.exec(select(EmulationYear.id).where(EmulationYear.year == YEAR)).one()
    poll = polls.create_poll(session=session, emulation_year_id=year_id, title="Suy tôn 2026", actor=SAMPLE_CHAIR)
    polls.open_poll(session=session, poll_id=poll.id, actor=SAMPLE_CHAIR)
    session.commit()
    with pytest.raises(DomainError, match="text_control_character"):
        polls.reset_poll(session=session, poll_id=poll.id, actor=SAMPLE_CHAIR, reason="Mất mạng\x08\x08\x08 giữa chừng")
        session.flush()
    session.rollback()
    assert session.get(Poll, poll.id).state == "open"


def test_a_text_longer_than_its_column_is_refused_on_either_database(session):
    session.add(Unit(code="x" * 33, province="Tỉnh thử"))
    with pytest.raises(DomainError) as refused:
        session.flush()
    session.rollback()
    assert (refused.value.code, refused.value.params) == ("text_too_long", {"most": 32})
    assert session.exec(select(Unit).where(Unit.province == "Tỉnh thử")).all() == []
