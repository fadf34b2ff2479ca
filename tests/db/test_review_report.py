"""The year's review report, a document for every member, prints the figures and notes the members have sent
(submitted or locked) and nothing of a draft."""

from __future__ import annotations

from components.rules.figures import Figure
from db import entry, paperwork
from db.users import get_user
from tests.helpers import ADMIN, home_cluster, submit_confirmed

YEAR = 2026  # the sample's open year


def report_text(session) -> str:
    from tests.documents.test_official_documents import docx_text

    doc = paperwork.document_for(session=session, actor=ADMIN, kind="report", cluster_id=home_cluster(session),
                                 year=YEAR)
    return docx_text(paperwork.render(doc, "docx"))


def test_a_drafts_notes_stay_out_of_the_report_until_it_is_sent(session):
    sonla = get_user(session=session, username="sonla")
    laichau = get_user(session=session, username="laichau")
    entry.save_figures(session=session, actor=sonla, unit_id=sonla.unit_id, year=YEAR,
                       figures={"bts_sites": Figure(1200, note="Ghi chú nháp của Sơn La, chưa gửi")})
    entry.save_figures(session=session, actor=laichau, unit_id=laichau.unit_id, year=YEAR,
                       figures={"bts_sites": Figure(800, note="Lai Châu phủ sóng 100% bản")})
    submit_confirmed(session=session, actor=laichau, unit_id=laichau.unit_id, year=YEAR)
    session.commit()
    data = paperwork.report_data(session=session, actor=ADMIN, cluster_id=home_cluster(session), year=YEAR)
    notes = [n for _, unit_notes in data.highlights for n in unit_notes]
    assert notes == ["Lai Châu phủ sóng 100% bản"]
    text = report_text(session)
    assert "Lai Châu phủ sóng 100% bản" in text and "Ghi chú nháp của Sơn La" not in text
    submit_confirmed(session=session, actor=sonla, unit_id=sonla.unit_id, year=YEAR)
    session.commit()
    assert "Ghi chú nháp của Sơn La, chưa gửi" in report_text(session)
