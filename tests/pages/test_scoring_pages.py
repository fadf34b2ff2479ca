"""AppTest of the scoring screens: the chair drafts and adopts the table, a province self-scores and sends, the
chair adjusts with a reason (refused without one), the province answers, the chair locks; the results rank the
units and the new poll offers the eligible ones."""

from __future__ import annotations

import inspect

from sqlmodel import Session, select

from components.rules.criteria import EXAMPLE_TABLE
from db import criteria_tables, reference, score_sheets, standings
from db.engine import get_engine
from db.models import CriterionScore, Poll, PollProposal, ScoringTable
from db.users import get_user
from tests.helpers import app_test, as_user, home_cluster, lock_scores_confirmed, shown, texts, tiny_pdf

YEAR = 2026
PDF = tiny_pdf()


def open_page(page, username):
    at = as_user(app_test(page), username).run()
    assert not at.exception, at.exception
    return at


def do(db_url, fn, username, **kw):
    with Session(get_engine(db_url), expire_on_commit=False) as s:
        if "cluster_id" in inspect.signature(fn).parameters:
            kw.setdefault("cluster_id", home_cluster(s))  # the sample's cluster, the one the chair runs
        out = fn(session=s, actor=get_user(session=s, username=username), year=YEAR, **kw)
        s.commit()
        return out


def button(at, label):
    return next(b for b in at.button if b.label == label)


def adopt_example(db_url):
    do(db_url, criteria_tables.save_table, "chair", table=EXAMPLE_TABLE)
    do(db_url, criteria_tables.adopt_table, "chair")


def self_score(db_url, username, points: float):
    """Every base criterion of the example at its maximum except 03, with a document number as evidence."""
    with Session(get_engine(db_url)) as s:
        me = get_user(session=s, username=username)
        for c in EXAMPLE_TABLE.criteria:
            if c.kind == "base":
                score_sheets.save_self_score(session=s, actor=me, unit_id=me.unit_id, year=YEAR, code=c.code,
                                        points=points if c.code == "03" else c.max_points, doc_no="01/BC-STTTT",
                                        file_name="bc.pdf", file_bytes=PDF)
        score_sheets.submit_sheet(session=s, actor=me, unit_id=me.unit_id, year=YEAR)
        s.commit()
        return me.unit_id


def test_chair_starts_from_the_example_and_adopts_the_table(db_url):
    at = open_page("pages/scoring_table.py", "chair")
    button(at, "Dùng bảng mẫu (TP. Hồ Chí Minh, Nghệ An)").click().run()
    assert not at.exception, at.exception
    assert "Đã lưu dự thảo bảng tiêu chí." in texts(at)
    button(at, "Thông qua và khoá bảng tiêu chí").click().run()
    assert not at.exception, at.exception
    assert "Đã thông qua bảng tiêu chí năm 2026." in texts(at)
    with Session(get_engine(db_url)) as s:
        adopted = s.exec(select(ScoringTable)).one()
        assert (adopted.state, adopted.flag_band, adopted.flag_quota) == ("adopted", "excellent", 2)
    # a province reads the adopted table, no editor
    at = open_page("pages/scoring_table.py", "sonla")
    assert "Đã thông qua (khoá)" in texts(at) and not at.get("data_editor")


def test_province_self_scores_a_criterion_and_points_above_the_maximum_are_refused(db_url):
    adopt_example(db_url)
    at = open_page("pages/self_score.py", "sonla")
    at.selectbox(key="self_score_code").set_value("03").run()
    at.number_input(key="self_points_03").set_value(25.0)
    at.text_input(key="self_doc_03").input("15/KH-STTTT")
    next(b for b in at.button if b.label == "Lưu điểm tiêu chí").click().run()
    assert not at.exception, at.exception
    assert "Tiêu chí 03: điểm vượt điểm tối đa 20." in texts(at)
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(CriterionScore)).all() == []
    at.number_input(key="self_points_03").set_value(18.5)
    next(b for b in at.button if b.label == "Lưu điểm tiêu chí").click().run()
    assert "Đã lưu điểm tiêu chí 03." in texts(at)
    with Session(get_engine(db_url)) as s:
        row = s.exec(select(CriterionScore)).one()
        assert (row.self_points, row.doc_no) == (18.5, "15/KH-STTTT")
    button(at, "Gửi kết quả tự chấm cho Cụm trưởng").click().run()
    assert "Chưa chấm các tiêu chí: 01, 02, 04, 05, 06, 07." in texts(at)


def test_chair_adjusts_with_a_reason_the_province_answers_and_the_chair_locks(db_url):
    adopt_example(db_url)
    unit = self_score(db_url, "sonla", 20)
    at = open_page("pages/score_review.py", "chair")
    at.selectbox(key="score_review_unit").set_value(unit).run()
    at.selectbox(key="review_code").set_value("03").run()
    at.number_input(key="review_points_03").set_value(15.0)
    button(at, "Điều chỉnh điểm").click().run()
    assert "Cần ghi lý do điều chỉnh." in texts(at)
    at.text_area(key="review_reason_03").input("Chưa có báo cáo sơ kết 6 tháng")
    button(at, "Điều chỉnh điểm").click().run()
    assert not at.exception, at.exception
    assert "Đã điều chỉnh điểm tiêu chí 03." in texts(at)

    province = open_page("pages/self_score.py", "sonla")
    assert "Chưa có báo cáo sơ kết 6 tháng" in texts(province)
    province.text_area(key="answer_text_03").input("Báo cáo sơ kết gửi kèm công văn 45/STTTT")
    button(province, "Gửi giải trình").click().run()
    assert "Đã gửi giải trình." in texts(province)
    assert not any(b.label == "Gửi giải trình" for b in province.button)  # once only

    at = open_page("pages/score_review.py", "chair")
    assert not any(b.label == "Khoá điểm cuối cùng của năm" for b in at.button)  # no per-unit lock of the year
    at = open_page("pages/score_results.py", "chair")
    with Session(get_engine(db_url)) as s:
        unsent = score_sheets.unsent_units(session=s, cluster_id=home_cluster(s), year=YEAR)
        names = reference.unit_names(session=s, year=YEAR)
    shown = texts(at)
    assert f"Còn {len(unsent)} đơn vị chưa gửi kết quả tự chấm." in shown
    assert all(names[u].name("vi") in shown for u in unsent)
    button(at, "Khoá điểm cuối cùng của năm").click().run()  # not ticked: nothing locked
    assert "Hãy đánh dấu ô xác nhận trước khi khoá." in texts(at)
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(ScoringTable)).one().scores_locked_at is None
    assert at.checkbox(key="score_lock_sure").label == \
        f"Tôi xác nhận khoá điểm năm {YEAR} dù còn {len(unsent)} đơn vị chưa gửi kết quả tự chấm."
    at.checkbox(key="score_lock_sure").check()
    button(at, "Khoá điểm cuối cùng của năm").click().run()
    assert not at.exception, at.exception
    assert "Đã khoá điểm." in texts(at)
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(ScoringTable)).one().scores_locked_at is not None


def test_results_rank_the_units_and_the_new_poll_offers_the_eligible_ones(db_url):
    adopt_example(db_url)
    best = self_score(db_url, "sonla", 20)  # 90, every criterion at its maximum: excellent
    self_score(db_url, "laichau", 10)  # 80: under the flag band's 90
    for unit in (best,):
        do(db_url, score_sheets.set_conditions, "chair", unit_id=unit, codes=["ldxs", "no_discipline"])
    do(db_url, lock_scores_confirmed, "chair")
    at = open_page("pages/score_results.py", "laichau")
    shown = at.table[0].value
    assert list(shown.index) == [1, 2]
    assert list(shown["Đề nghị suy tôn"]) == ["Có", "Không"]
    assert shown["Lý do"].iloc[1].startswith("Tổng điểm dưới 90;")

    manage = open_page("pages/vote_manage.py", "chair")
    assert manage.multiselect[0].value == [best]
    manage.multiselect[0].set_value([best, 2])
    next(b for b in manage.button if b.label == "Tạo cuộc bỏ phiếu").click().run()
    assert "Danh sách ứng viên khác đề nghị từ kết quả chấm điểm: cần ghi lý do." in texts(manage)
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(PollProposal)).all() == [] and s.exec(select(Poll)).all() == []
    manage.text_area[0].input("Hội nghị thống nhất bổ sung Lai Châu")
    next(b for b in manage.button if b.label == "Tạo cuộc bỏ phiếu").click().run()
    assert "Đã tạo cuộc bỏ phiếu." in texts(manage)
    with Session(get_engine(db_url)) as s:
        kept = s.exec(select(PollProposal)).one()
    assert (kept.proposed, kept.chosen, kept.reason) == (str(best), f"{min(best, 2)},{max(best, 2)}",
                                                         "Hội nghị thống nhất bổ sung Lai Châu")


def test_province_registers_and_the_chair_returns_it_with_a_reason(db_url):
    at = open_page("pages/register.py", "sonla")
    at.multiselect(key=f"reg_titles_{YEAR}").set_value(["co_thi_dua"])
    button(at, "Gửi đăng ký").click().run()
    assert not at.exception, at.exception
    assert "Đã gửi đăng ký." in texts(at) and "Chờ duyệt" in texts(at)
    chair = open_page("pages/register.py", "chair")
    chair.selectbox(key="registration_unit").set_value(1).run()
    button(chair, "Trả lại").click().run()
    assert "Cần ghi lý do trả lại." in texts(chair)
    chair.text_area(key="reg_reason_1").input("Bổ sung chỉ tiêu")
    button(chair, "Trả lại").click().run()
    assert "Đã ghi nhận quyết định." in texts(chair)
    at = open_page("pages/register.py", "sonla")
    assert "Lý do trả lại: Bổ sung chỉ tiêu" in texts(at)


def test_another_province_cross_scores_a_submitted_unit(db_url):
    from dataclasses import replace

    do(db_url, criteria_tables.save_table, "chair", table=replace(EXAMPLE_TABLE, cross_scoring=True))
    do(db_url, criteria_tables.adopt_table, "chair")
    unit = self_score(db_url, "sonla", 20)
    at = open_page("pages/score_review.py", "laichau")
    at.selectbox(key="score_review_unit").set_value(unit).run()
    assert "Chỉ Cụm trưởng và Cụm phó thẩm định; bạn chỉ xem." in texts(at)
    at.selectbox(key="cross_code").set_value("03").run()
    at.number_input(key="cross_points_03").set_value(12.0)
    button(at, "Chấm chéo đơn vị này").click().run()
    assert not at.exception, at.exception
    assert "Đã lưu điểm chấm chéo tiêu chí 03." in texts(at)
    with Session(get_engine(db_url)) as s:
        assert standings.year_results(session=s, year=YEAR, cluster_id=home_cluster(s)).final_points[unit]["03"] == 12


def test_evidence_files_are_read_when_their_download_is_clicked_not_on_every_run(db_url, monkeypatch):
    adopt_example(db_url)
    self_score(db_url, "sonla", 5)
    read = []
    real = score_sheets.evidence_file
    monkeypatch.setattr(score_sheets, "evidence_file", lambda **kw: read.append(kw["code"]) or real(**kw))
    at = open_page("pages/self_score.py", "sonla")
    at.run()
    evidence = [b for b in at.get("download_button") if "bc.pdf" in shown(b.label)]
    assert len(evidence) == sum(1 for c in EXAMPLE_TABLE.criteria if c.kind == "base")
    assert read == []  # two runs of the page with every file offered, none read
