"""AppTest of the entry screens: saving a draft, an error next to its field, submit, read-only after lock, the
chair's board and the awards page."""

from __future__ import annotations

import html
import inspect

from sqlmodel import Session, select

from components.rules.figures import Figure
from db import entry
from db.engine import get_engine
from db.models import Award, EmulationYear, Submission
from db.users import get_user
from tests.helpers import app_test, as_user, home_cluster, lock_year_confirmed, shown_table, submit_confirmed, texts

YEAR, SONLA, LAICHAU = 2026, 1, 2


def key(code, part="value", unit=SONLA):
    return f"fig_{unit}_{YEAR}_vi_{code}_{part}"


def open_page(page, username):
    at = as_user(app_test(page), username).run()
    assert not at.exception, at.exception
    return at


def stored(db_url, unit_id=SONLA):
    with Session(get_engine(db_url)) as s:
        return entry.stored_figures(session=s, unit_id=unit_id, year=YEAR)


def do(db_url, fn, username, **kw):
    with Session(get_engine(db_url)) as s:
        if "cluster_id" in inspect.signature(fn).parameters:
            kw.setdefault("cluster_id", home_cluster(s))  # the sample's cluster, the one the chair runs
        fn(session=s, actor=get_user(session=s, username=username), year=YEAR, **kw)
        s.commit()


def test_province_saves_a_draft(db_url):
    at = open_page("pages/entry.py", "sonla")
    assert "Chưa nhập" in texts(at)
    at.text_input(key=key("bts_sites")).input("1.200")
    at.text_input(key=key("villages_mobile_covered", "numerator")).input("1.542")
    at.text_input(key=key("villages_mobile_covered", "denominator")).input("1.562")
    at.text_input(key=key("villages_mobile_covered", "note")).input("khu vực trung tâm")
    at.button(key="entry_save").click().run()
    assert not at.exception, at.exception
    assert "Đã lưu 2 chỉ tiêu." in texts(at)
    assert "Đang nhập (nháp)" in texts(at)
    assert stored(db_url) == {"bts_sites": Figure(value=1200),
                              "villages_mobile_covered": Figure(numerator=1542, denominator=1562,
                                                                note="khu vực trung tâm")}
    assert "Tỷ lệ: 98,7%" in texts(at)  # the derived percentage next to the ratio
    # filled / indicators of each field, inside its tab and beside the buttons
    assert "Viễn thông 2 / 15" in texts(at) and "Đã nhập 2 / 15 chỉ tiêu của thẻ này." in texts(at)
    assert "Bưu chính 0 / 2" in texts(at)
    assert at.text_input(key=key("bts_sites")).value == "1.200"
    assert any("Lịch sử thay đổi (1)" in e.label for e in at.expander)


def test_an_invalid_figure_is_reported_next_to_its_field_and_the_others_are_stored(db_url):
    at = open_page("pages/entry.py", "sonla")
    at.text_input(key=key("mobile_coverage_pct")).input("120")
    at.text_input(key=key("dti_rank")).input("12")
    at.text_input(key=key("dti_rank", "ranked_of")).input("sáu ba")
    at.text_input(key=key("bts_sites")).input("950")
    at.button(key="entry_save").click().run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert "Tỷ lệ phải nằm trong khoảng 0–100%." in errors
    assert any("“sáu ba” không phải là số" in e for e in errors)
    summary = next(e for e in errors if e.startswith("2 chỉ tiêu chưa được lưu"))
    assert "Tỷ lệ phủ sóng di động" in summary and "DTI" in summary
    # the failed inputs keep what was typed, so nothing is lost
    assert at.text_input(key=key("mobile_coverage_pct")).value == "120"
    assert at.text_input(key=key("dti_rank", "ranked_of")).value == "sáu ba"
    assert stored(db_url) == {"bts_sites": Figure(value=950)}
    # the line beside the buttons says which tabs hold the errors (the tabs' own labels never change)
    assert "Viễn thông 1 / 15 (⚠ 1 lỗi)" in texts(at) and "CNTT, chuyển đổi số 0 / 12 (⚠ 1 lỗi)" in texts(at)
    assert "1 chỉ tiêu trong thẻ này chưa được lưu vì có lỗi: xem thông báo dưới từng ô." in errors


def test_province_submits_and_the_form_becomes_read_only(db_url):
    at = open_page("pages/entry.py", "sonla")
    at.text_input(key=key("bts_sites")).input("1200")
    at.button(key="entry_submit").click().run()  # figures missing and not confirmed: saved, not submitted
    assert not at.exception, at.exception
    with Session(get_engine(db_url)) as s:
        missing = entry.missing_figures(session=s, unit_id=SONLA, year=2026)
        assert s.exec(select(Submission.state).where(Submission.unit_id == SONLA)).one() == "draft"
    assert "bts_sites" not in missing and len(missing) > 30
    assert f"Còn {len(missing)} chỉ tiêu chưa có số liệu" in " ".join(e.value for e in at.error)
    assert f"Còn {len(missing)} trong {len(missing) + 1} chỉ tiêu chưa có số liệu (xem danh sách)" in \
        [e.label for e in at.expander]
    assert "Tỷ lệ phủ sóng di động" in texts(at)  # a missing indicator is listed by its name
    confirm = at.checkbox(key="entry_submit_missing_ok_1_2026")
    assert confirm.label == f"Tôi biết còn {len(missing)} chỉ tiêu chưa có số liệu và vẫn nộp báo cáo."
    confirm.check()
    at.button(key="entry_submit").click().run()
    assert not at.exception, at.exception
    assert "Đã nộp báo cáo năm 2026." in texts(at)
    assert "Đã nộp" in texts(at) and "Nộp lúc" in texts(at)
    assert at.text_input(key=key("bts_sites")).disabled
    assert not [b for b in at.button if b.key in ("entry_save", "entry_submit")]
    assert stored(db_url) == {"bts_sites": Figure(value=1200)}
    at.button(key="entry_withdraw").click().run()
    assert "Đang nhập (nháp)" in texts(at) and not at.text_input(key=key("bts_sites")).disabled


def test_submit_with_an_invalid_figure_saves_the_rest_but_does_not_submit(db_url):
    at = open_page("pages/entry.py", "sonla")
    at.text_input(key=key("bts_sites")).input("1200")
    at.text_input(key=key("mobile_coverage_pct")).input("101")
    at.button(key="entry_submit").click().run()
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(Submission.state).where(Submission.unit_id == SONLA)).one() == "draft"
    assert "Tỷ lệ phải nằm trong khoảng 0–100%." in [e.value for e in at.error]


def test_after_the_chair_locks_the_year_the_form_is_read_only(db_url):
    do(db_url, lambda **kw: entry.save_figures(unit_id=SONLA, figures={"bts_sites": Figure(value=7)}, **kw), "sonla")
    do(db_url, lock_year_confirmed, "chair")
    at = open_page("pages/entry.py", "sonla")
    assert "Đã khoá" in texts(at)
    assert "Số liệu đã khoá. Chỉ Cụm trưởng mở lại" in texts(at)
    assert all(box.disabled for box in at.text_input)
    assert at.text_input(key=key("bts_sites")).value == "7"
    assert not [b for b in at.button if b.key in ("entry_save", "entry_submit")]


def test_province_sees_another_unit_only_after_it_submitted(db_url):
    do(db_url, lambda **kw: entry.save_figures(unit_id=LAICHAU, figures={"bts_sites": Figure(value=812)}, **kw),
       "laichau")
    at = open_page("pages/entry.py", "sonla")
    at.selectbox(key="entry_unit").set_value(LAICHAU).run()
    assert "chưa nộp báo cáo năm 2026" in texts(at)
    assert not at.text_input
    do(db_url, lambda **kw: submit_confirmed(unit_id=LAICHAU, **kw), "laichau")
    at = open_page("pages/entry.py", "sonla")
    at.selectbox(key="entry_unit").set_value(LAICHAU).run()
    assert "Bạn đang xem số liệu của đơn vị khác (chỉ đọc)." in texts(at)
    assert at.text_input(key=key("bts_sites", unit=LAICHAU)).value == "812"
    assert at.text_input(key=key("bts_sites", unit=LAICHAU)).disabled


def test_chair_corrects_a_unit_and_the_history_names_the_chair(db_url):
    do(db_url, lambda **kw: entry.save_figures(unit_id=SONLA, figures={"bts_sites": Figure(value=7)}, **kw), "sonla")
    at = open_page("pages/entry.py", "chair")
    at.text_input(key=key("bts_sites")).input("8")
    at.text_input(key=f"entry_reason_{SONLA}_{YEAR}").input("Sai số đánh máy")
    at.button(key="entry_save").click().run()
    assert stored(db_url)["bts_sites"].value == 8
    history = html.unescape("\n".join(e.value for e in at.markdown))  # as the browser shows it
    assert "Thư ký Cụm thi đua (Cụm trưởng (thư ký Cụm)): 7 → 8 — Lý do: Sai số đánh máy" in history


def test_board_shows_submitted_units_and_the_chair_reopens_with_a_reason(db_url):
    do(db_url, lambda **kw: entry.save_figures(unit_id=SONLA, figures={"bts_sites": Figure(value=7)}, **kw), "sonla")
    do(db_url, lambda **kw: submit_confirmed(unit_id=SONLA, **kw), "sonla")
    at = open_page("pages/board.py", "chair")
    table = shown_table(at.table[0].value)
    row = table[table.index.str.contains("Sơn La")].iloc[0]
    assert row["Trạng thái"] == "Đã nộp" and row["Thời điểm nộp"]
    assert "1/7 đơn vị đã nộp" in texts(at)
    at.selectbox(key="board_lock_unit_1_2_3_4_6_7_8").set_value(SONLA).run()
    at.button(key="board_lock").click().run()
    assert "Đã khoá số liệu của" in texts(at)
    at.button(key="board_reopen").click().run()
    assert "Cần ghi lý do mở lại." in [e.value for e in at.error]
    at.text_area(key="board_reopen_reason").input("Bổ sung số liệu BTS").run()
    at.button(key="board_reopen").click().run()
    assert not at.exception, at.exception
    table = shown_table(at.table[0].value)
    row = table[table.index.str.contains("Sơn La")].iloc[0]
    assert row["Trạng thái"] == "Đang nhập (nháp)" and row["Lý do mở lại"] == "Bổ sung số liệu BTS"


def test_province_may_not_open_the_board(db_url):
    at = open_page("pages/board.py", "sonla")
    assert "không có quyền mở trang này" in texts(at)
    assert not at.table


def test_awards_page_shows_targets_and_records_an_award(db_url):
    at = open_page("pages/awards.py", "sonla")
    at.text_input(key=key("staff_total")).input("40")
    at.text_input(key=key("staff_ldtt")).input("38")
    at.text_input(key=key("staff_cstdcs")).input("6")
    at.button(key="entry_save").click().run()
    assert not at.exception, at.exception
    assert "Lao động tiên tiến: 95,0% tổng số CCVCNLĐ (chỉ tiêu của Cụm: trên 90%) — đạt chỉ tiêu" in texts(at)
    assert "Chiến sĩ thi đua cơ sở: 15,0% tổng số CCVCNLĐ (chỉ tiêu của Cụm: 15%) — đạt chỉ tiêu" in texts(at)
    assert ("Chiến sĩ thi đua cơ sở: 15,8% số đạt Lao động tiên tiến (mức trần theo quy định: không quá 15%)"
            " — vượt mức trần") in texts(at)
    at.text_input[-3].input("")  # decision number box of the award form
    at.number_input[0].set_value(0)
    at.button[-1].click().run()
    assert "Số lượng phải là số nguyên từ 1 trở lên." in [e.value for e in at.error]
    at.number_input[0].set_value(3)
    at.text_input[-2].input("123/QĐ-UBND")
    at.button[-1].click().run()
    assert not at.exception, at.exception
    assert "Đã thêm khen thưởng." in texts(at)
    with Session(get_engine(db_url)) as s:
        award = s.exec(select(Award)).one()
    assert (award.count, award.decision_no, award.level) == (3, "123/QĐ-UBND", "ministry")


def test_chair_sets_the_years_targets_on_the_board(db_url):
    at = open_page("pages/board.py", "chair")
    assert "Chỉ tiêu thi đua năm" in " ".join(e.label for e in at.expander)
    boxes = {n.label: n for n in at.number_input}
    boxes["Lao động tiên tiến: trên … % tổng số CCVCNLĐ (chỉ tiêu của Cụm)"].set_value(85.0)
    next(b for b in at.button if b.label == "Lưu chỉ tiêu").click().run()
    assert not at.exception, at.exception
    assert any("Đã lưu chỉ tiêu thi đua năm" in s.value for s in at.success)
    with Session(get_engine(db_url)) as s:
        year = s.exec(select(EmulationYear).where(EmulationYear.state != "planning")
                      .order_by(EmulationYear.year.desc())).first()
        assert year.target_ldtt_of_staff_pct == 85.0 and year.cap_cstdcs_of_ldtt_pct == 15.0
