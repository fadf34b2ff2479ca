"""The year's documents from the database: the 2022 review report carries exactly the seed's figures (seed 003),
every number read back from the DOCX matches the database, the proposal goes to the awarding body of the day, and
what cannot be written is refused with a plain message."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import select

from components.i18n.formatting import fmt_money, fmt_number
from components.rules.errors import DomainError
from db import criteria_tables, paperwork, reference
from db.models import AwardingBody, ClusterTotal, EmulationYear, YearText
from db.users import get_user
from tests.documents.test_official_documents import docx_text
from tests.helpers import ADMIN, home_cluster
from tests.pdf_layout import overlapping, text_of, words

SEED_2022 = {"inspections": 49, "organisations_inspected": 43, "individuals_inspected": 156, "fines_vnd": 328250000,
             "dossiers_received": 930, "dossiers_early": 906, "dossiers_on_time": 23, "dossiers_late": 1,
             "awards_collective": 76, "awards_individual": 268}


def cluster_id(session) -> int:
    return reference.get_cluster(session=session).id


def test_the_2022_report_states_exactly_the_seeds_figures(session):
    doc = paperwork.document_for(session=session, kind="report", cluster_id=cluster_id(session), year=2022, actor=ADMIN)
    text = docx_text(paperwork.render(doc, "docx"))
    assert "49 cuộc thanh tra, kiểm tra đối với 43 tổ chức, 156 cá nhân" in text
    assert "328.250.000 đ" in text
    assert "tiếp nhận 930 hồ sơ; trong đó giải quyết trước hạn 906 hồ sơ, đúng hạn 23 hồ sơ, quá hạn 1 hồ sơ" in text
    assert "76 lượt tập thể và 268 lượt cá nhân" in text
    assert "Đơn vị dẫn đầu phong trào thi đua năm 2022: Sở Thông tin và Truyền thông Điện Biên." in text
    assert "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" in text  # the awarding body in early 2023
    pdf = paperwork.render(doc, "pdf")
    assert overlapping(words(pdf)) == []
    assert "328.250.000" in text_of(pdf)


def test_every_number_in_the_report_comes_from_the_database(session):
    doc = paperwork.document_for(session=session, kind="report", cluster_id=cluster_id(session), year=2022, actor=ADMIN)
    data = paperwork.report_data(session=session, cluster_id=cluster_id(session), year=2022, actor=ADMIN)
    stored = {t.item: t.value for t in session.exec(select(ClusterTotal)).all()}
    assert {item: data.totals[item].value for item in SEED_2022} == {k: float(v) for k, v in SEED_2022.items()}
    assert {item: stored[item] for item in SEED_2022} == {k: float(v) for k, v in SEED_2022.items()}
    text = docx_text(paperwork.render(doc, "docx"))
    body = text.split("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")[1].split("4. Một số kết quả nổi bật")[0]
    written = set(re.findall(r"\d[\d.]*", body)) - {"2022", "1.", "2.", "3."}
    expected = {fmt_number(v, 0, "vi") for v in SEED_2022.values()} | {fmt_money(SEED_2022["fines_vnd"], "vi")[:-2]}
    assert {w.rstrip(".") for w in written} <= expected | {"1", "2", "3"}
    assert expected - {"1"} <= {w.rstrip(".") for w in written}


def test_a_figure_reported_by_some_members_only_is_named_as_partial_never_summed_as_the_cluster(session):
    for row in session.exec(select(ClusterTotal).where(ClusterTotal.item == "fines_vnd")).all():
        session.delete(row)
    session.commit()
    data = paperwork.report_data(session=session, cluster_id=cluster_id(session), year=2022, actor=ADMIN)
    fines = data.totals["fines_vnd"]
    assert fines.value is None and fines.source == "partial" and fines.partial_sum == 303000000.0
    text = docx_text(paperwork.render(paperwork.document_for(session=session, kind="report",
                                                             cluster_id=cluster_id(session), year=2022, actor=ADMIN), "docx"))
    assert "chưa báo cáo số tiền xử phạt" in text and "mới có" in text and "328.250.000" not in text


def test_a_year_with_no_data_says_so(session):
    session.add(EmulationYear(cluster_id=cluster_id(session), year=2027, state="planning"))
    session.commit()
    doc = paperwork.document_for(session=session, kind="report", cluster_id=cluster_id(session), year=2027, actor=ADMIN)
    text = docx_text(paperwork.render(doc, "docx"))
    assert "Chưa xác định thành viên" in text and "chưa báo cáo" in text and "Chưa có kết quả suy tôn" in text
    assert "Căn cứ" not in text  # no law recorded for 2027: no "Căn cứ" line is made up
    with pytest.raises(DomainError) as err:
        paperwork.document_for(session=session, kind="minutes", cluster_id=cluster_id(session), year=2027, actor=ADMIN)
    assert err.value.code == "documents_no_published_poll"
    with pytest.raises(DomainError) as err:
        paperwork.document_for(session=session, kind="report", cluster_id=cluster_id(session), year=1999, actor=ADMIN)
    assert err.value.code == "documents_unknown_year"


def test_the_papers_go_to_the_awarding_body_of_their_day(session):
    proposal = paperwork.document_for(session=session, kind="proposal", cluster_id=cluster_id(session), year=2022, actor=ADMIN)
    assert proposal.parent_body == "Bộ Thông tin và Truyền thông"
    covenant = paperwork.document_for(session=session, kind="covenant", cluster_id=cluster_id(session), year=2025, actor=ADMIN)
    assert covenant.parent_body == "Bộ Thông tin và Truyền thông"  # signed at the start of 2025
    proposal = paperwork.document_for(session=session, kind="proposal", cluster_id=cluster_id(session), year=2025, actor=ADMIN)
    assert proposal.parent_body == "Bộ Khoa học và Công nghệ"  # carried to the ministry in 2026
    text = text_of(paperwork.render(proposal, "pdf"))
    assert "Bộ trưởng Bộ Khoa học và Công nghệ" in text and "BỘ KHOA HỌC VÀ CÔNG NGHỆ" in text


def test_a_day_without_an_awarding_body_is_a_clear_message(session):
    for body in session.exec(select(AwardingBody)).all():
        if body.valid_from is not None and body.valid_from >= date(2025, 3, 1):
            session.delete(body)
    session.commit()
    with pytest.raises(DomainError) as err:
        paperwork.document_for(session=session, kind="proposal", cluster_id=cluster_id(session), year=2025, actor=ADMIN)
    assert err.value.code == "documents_no_awarding_body"


def test_the_chair_writes_the_years_texts_and_a_province_may_not(session):
    year = reference.get_emulation_year(session=session, cluster_id=cluster_id(session), year=2026)
    chair, sonla = get_user(session=session, username="chair"), get_user(session=session, username="sonla")
    with pytest.raises(DomainError):
        paperwork.save_year_text(session=session, actor=sonla, emulation_year_id=year.id,
                                 key="covenant.commitments", text="x")
    with pytest.raises(DomainError) as err:
        paperwork.save_year_text(session=session, actor=chair, emulation_year_id=year.id, key="nope", text="x")
    assert err.value.code == "documents_unknown_text"
    with pytest.raises(DomainError) as err:
        paperwork.save_year_text(session=session, actor=chair, emulation_year_id=year.id,
                                 key="covenant.commitments", text="x" * (paperwork.TEXT_MAX + 1))
    assert err.value.code == "documents_text_too_long"
    assert session.exec(select(YearText)).all() == []
    paperwork.save_year_text(session=session, actor=chair, emulation_year_id=year.id, key="covenant.commitments",
                             text="Giữ gìn đoàn kết nội bộ.\nHoàn thành 100% kế hoạch thi đua của Cụm.")
    session.commit()
    doc = paperwork.document_for(session=session, kind="covenant", cluster_id=cluster_id(session), year=2026, actor=ADMIN)
    text = docx_text(paperwork.render(doc, "docx"))
    # 2026 has no theme in the sources, so the commitments are items 1 and 2
    assert "1. Giữ gìn đoàn kết nội bộ." in text and "2. Hoàn thành 100% kế hoạch thi đua của Cụm." in text
    assert text.count("GIÁM ĐỐC") == 7  # a signature block per member of 2026


def test_unknown_kind_or_format_is_refused(session):
    with pytest.raises(DomainError) as err:
        paperwork.document_for(session=session, kind="letter", cluster_id=cluster_id(session), year=2022, actor=ADMIN)
    assert err.value.code == "documents_unknown_kind"
    doc = paperwork.document_for(session=session, kind="report", cluster_id=cluster_id(session), year=2022, actor=ADMIN)
    with pytest.raises(DomainError) as err:
        paperwork.render(doc, "odt")
    assert err.value.code == "documents_unknown_format"


def test_the_meeting_minutes_print_the_scores_when_the_cluster_scored(session):
    from tests.db.test_scoring import actor, score_unit, small_table

    def meeting_text() -> str:
        doc = paperwork.document_for(session=session, kind="meeting", cluster_id=cluster_id(session), year=2026, actor=ADMIN)
        return docx_text(paperwork.render(doc, "docx"))

    assert "Kết quả chấm điểm" not in meeting_text()  # no criteria table: the minutes say nothing of scores
    chair = actor(session, "chair")
    criteria_tables.save_table(session=session, actor=chair, year=2026, table=small_table(), cluster_id=home_cluster(session))
    criteria_tables.adopt_table(session=session, actor=chair, year=2026, cluster_id=home_cluster(session))
    session.commit()
    score_unit(session, "sonla", 40, 40)
    score_unit(session, "laichau", 30, 20)
    text = meeting_text()
    assert "Kết quả chấm điểm" in text
    sonla = text.index("Sở Khoa học và Công nghệ Sơn La")
    laichau = text.index("Sở Khoa học và Công nghệ Lai Châu")
    assert sonla < laichau  # ranked, best first
    assert "80 — hạng 1" in text and "50 — hạng 2" in text
