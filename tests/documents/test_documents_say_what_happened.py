"""Every document of every sample year, as DOCX (python-docx) and PDF (pdftotext), carries no code, "None", "nan" or
English enum word; its date is the day it records or the day it is issued (blank day, today's month and year),
never a year that has not begun; the minutes say "thống nhất" only when every member present voted the same way,
otherwise the numbers; the vote pages' minutes are the Văn bản page's document."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from components.documents import cluster_papers as papers
from components.rules.criteria import EXAMPLE_TABLE
from components.rules.errors import DomainError
from db import criteria_tables, paperwork, polls, reference, score_sheets, standings
from db.models import EmulationYear, utcnow
from db.users import get_user
from tests.documents.test_official_documents import docx_text
from tests.helpers import ADMIN, close_confirmed, home_cluster, publish_confirmed, tiny_pdf
from tests.pdf_layout import text_of
from tests.seen_text import leaks

TODAY = utcnow()  # the app's day in Vietnam differs only in the last hours of a month's last day


def _years(session) -> list[int]:
    return [y.year for y in reference.list_emulation_years(session=session, cluster_id=home_cluster(session))]


def _vote_2026_with_three_of_seven(session) -> int:
    """The newcomer's walk: a 2026 vote closed early at 3 of 7 ballots and published (no scoring table)."""
    chair = get_user(session=session, username="chair")
    ey = session.exec(select(EmulationYear).where(EmulationYear.year == 2026,
                                                  EmulationYear.cluster_id == home_cluster(session))).one()
    proposal = standings.proposed_candidates(session=session, emulation_year_id=ey.id)
    poll = polls.create_poll(session=session, emulation_year_id=ey.id, title="Suy tôn 2026", actor=chair,
                             candidates_reason=None if proposal is None else "Hội nghị bỏ phiếu cho mọi thành viên")
    polls.open_poll(session=session, poll_id=poll.id, actor=chair)
    members = [u.id for u in reference.member_units(session=session, cluster_id=ey.cluster_id, year=2026)]
    winner = members[2]
    for voter in members[:3]:
        polls.cast_ballot(session=session, poll_id=poll.id, actor=_province(voter),
                          choices=[winner if voter != winner else members[0]])
    close_confirmed(session=session, poll_id=poll.id, actor=chair, reason="Bốn đơn vị rời hội nghị sớm")
    publish_confirmed(session=session, poll_id=poll.id, actor=chair)
    session.commit()
    return poll.id


def _province(unit_id: int):
    from components.rules.access import Acting

    return Acting(None, "province", unit_id)


def _texts(session, kind: str, year: int) -> tuple[str, str] | None:
    try:
        doc = paperwork.document_for(session=session, actor=ADMIN, kind=kind, cluster_id=home_cluster(session),
                                     year=year)
    except DomainError:
        return None  # the page says why in words (e.g. no published vote yet)
    return docx_text(paperwork.render(doc, "docx")), text_of(paperwork.render(doc, "pdf"))


def _scored_2026(session) -> None:
    """2026 scored with the example table: Sơn La sends every criterion at its maximum (the meeting's minutes then
    print the scores with their band)."""
    chair, me = get_user(session=session, username="chair"), get_user(session=session, username="sonla")
    criteria_tables.save_table(session=session, actor=chair, year=2026, table=EXAMPLE_TABLE,
                               cluster_id=home_cluster(session))
    criteria_tables.adopt_table(session=session, actor=chair, year=2026, cluster_id=home_cluster(session))
    for c in EXAMPLE_TABLE.criteria:
        if c.kind == "base":
            score_sheets.save_self_score(session=session, actor=me, unit_id=me.unit_id, year=2026, code=c.code,
                                         points=c.max_points, doc_no="01/BC", file_name="bc.pdf",
                                         file_bytes=tiny_pdf())
    score_sheets.submit_sheet(session=session, actor=me, unit_id=me.unit_id, year=2026)
    session.commit()


def test_every_document_of_every_sample_year_shows_no_code_none_or_english(session):
    _scored_2026(session)
    _vote_2026_with_three_of_seven(session)
    made = 0
    for year in _years(session):
        for kind in paperwork.KINDS:
            texts = _texts(session, kind, year)
            if texts is None:
                continue
            made += 1
            for fmt, text in zip(("docx", "pdf"), texts):
                assert leaks(text) == [], (kind, year, fmt)
                # dated the day it records or the day it is issued: never a year that has not begun
                years = [int(y) for y in re.findall(r"ngày [\d ]*tháng [\d ]*năm (\d{4})", text)]
                assert years and all(y <= TODAY.year for y in years), (kind, year, fmt, years)
    assert made >= 5 * 4  # every kind of every year that has what it needs


def test_a_paper_without_a_day_of_its_own_is_dated_this_month_with_a_blank_day(session):
    doc = paperwork.document_for(session=session, actor=ADMIN, kind="proposal", cluster_id=home_cluster(session),
                                 year=2026)
    assert re.search(rf"ngày +tháng {TODAY.month:02d} năm {TODAY.year}$", doc.place_date), doc.place_date
    report = paperwork.document_for(session=session, actor=ADMIN, kind="report", cluster_id=home_cluster(session),
                                    year=2026)
    assert report.place_date.endswith(f"tháng {TODAY.month:02d} năm {TODAY.year}")


def test_minutes_of_a_vote_short_of_ballots_give_the_numbers_not_agreement(session):
    poll_id = _vote_2026_with_three_of_seven(session)
    text = docx_text(paperwork.render(paperwork.document_for(session=session, actor=ADMIN, kind="meeting",
                                                             cluster_id=home_cluster(session), year=2026), "docx"))
    assert "thống nhất suy tôn" not in text and "thống nhất (" not in text
    assert "thu về 03 phiếu" in text and "đạt 02/03 phiếu hợp lệ" in text  # the winner did not vote for itself
    minutes = paperwork.poll_minutes(session=session, actor=ADMIN, poll_id=poll_id)
    assert minutes == paperwork.document_for(session=session, actor=ADMIN, kind="minutes",
                                             cluster_id=home_cluster(session), year=2026)


def _vote(votes, present=7, cast=7, valid=7):
    return papers.VoteSummary(held_on=None, eligible=7, present=present, ballots_cast=cast, valid=valid,
                              votes=votes, elected=(votes[0][0],), rule_text="quá nửa số phiếu thu về")


def test_agreement_is_said_only_when_every_member_present_voted_the_same_way():
    assert papers.unanimous(_vote((("Điện Biên", 7),)))
    assert papers.unanimous(_vote((("Điện Biên", 6),), present=6, cast=6, valid=6))
    assert not papers.unanimous(_vote((("Điện Biên", 6), ("Lào Cai", 1))))
    assert not papers.unanimous(_vote((("Điện Biên", 3),), cast=3, valid=3))  # 3 of 7 present voted
    assert not papers.unanimous(_vote((("Điện Biên", 6),), valid=6))  # one ballot invalid


@pytest.mark.parametrize("page", ["pages/vote_manage.py", "pages/vote_results.py"])
def test_the_vote_pages_offer_the_documents_pages_minutes(db_url, page):
    from pathlib import Path

    from components.documents import minutes
    from db.engine import get_engine
    from tests.helpers import ROOT, app_test, as_user

    with Session(get_engine()) as s:
        poll_id = _vote_2026_with_three_of_seven(s)
    at = as_user(app_test(page), "chair").run()
    if page.endswith("vote_manage.py"):
        at.selectbox(key="vote_manage_poll").set_value(poll_id).run()
    assert not at.exception
    assert [b for b in at.get("download_button") if b.proto.label.startswith("Tải biên bản")]
    # one builder: the page renders paperwork.poll_minutes (the State's format); no other minutes PDF exists
    source = Path(ROOT, page).read_text(encoding="utf-8")
    assert "paperwork.poll_minutes(" in source and "minutes_pdf" not in source
    assert not hasattr(minutes, "minutes_pdf") and not hasattr(polls, "minutes_pdf_bytes")
