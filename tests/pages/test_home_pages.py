"""AppTest of the home page per role: what a province, the chair, the administrator and a reader have to do next
in the working emulation year (2026 in the sample data: open for entry, no deadline, no chair yet, members proposed)."""

from __future__ import annotations

import inspect
import re
from datetime import timedelta

from sqlmodel import Session, select

from components.i18n.catalogue import catalogue
from components.rules import next_steps
from components.rules.access import Acting
from db import entry, polls
from db import organisation as org
from db import users as user_db
from db.models import EmulationYear, Indicator, IndicatorValue, utcnow
from tests.helpers import SAMPLE_CHAIR, app_test, as_user, home_cluster, texts

SONLA, LAICHAU = 1, 2


def home(username: str):
    at = as_user(app_test("pages/home.py"), username).run()
    assert not at.exception, at.exception
    return at


def _set_year(engine, year: int, **fields) -> None:
    with Session(engine) as s:
        ey = s.exec(select(EmulationYear).where(EmulationYear.year == year)).one()
        for name, value in fields.items():
            setattr(ey, name, value)
        s.add(ey)
        s.commit()


def _progress(at) -> dict[str, str]:
    table = next(d.value for d in at.dataframe if "Đã nhập" in d.value.columns)
    return dict(zip(table["Lĩnh vực"], table["Đã nhập"]))


def test_province_sees_its_figures_per_field_what_is_missing_and_the_next_step(engine):
    with Session(engine) as s:
        indicators = s.exec(select(Indicator).where(Indicator.active)).all()
        total_digital = sum(1 for i in indicators if i.field == "digital")
        bts = next(i for i in indicators if i.code == "bts_sites")
        s.add(IndicatorValue(unit_id=SONLA, year=2026, indicator_id=bts.id, value=1200))
        s.commit()
    _set_year(engine, 2026, entry_deadline=utcnow() + timedelta(days=10, hours=1))
    at = home("sonla")
    shown = texts(at)
    assert "Năm thi đua 2026: Đang nhập liệu" in shown
    assert "Việc cần làm" in shown
    assert "(còn 11 ngày)" in shown
    assert "Số liệu của đơn vị: Chưa nhập" in shown  # a figure but no submission record yet
    progress = _progress(at)
    assert progress["Viễn thông"].startswith("1 / ")
    assert progress["CNTT, chuyển đổi số"] == f"0 / {total_digital}"
    filled_total = sum(int(v.split(" / ")[1]) for v in progress.values())
    assert f"Nhập {filled_total - 1} chỉ tiêu còn thiếu của năm 2026, rồi nộp số liệu." in shown
    missing = next(e for e in at.expander if e.label.startswith("Còn thiếu"))
    assert f"({filled_total - 1})" in missing.label
    assert "Số vị trí trạm BTS" not in "\n".join(m.value for m in missing.markdown)
    assert "[Mở màn hình nhập kết quả](./entry)" in "\n".join(m.value for m in at.markdown)
    # the chair's and the administrator's panels are not the province's
    assert "Thiết lập năm" not in shown and "Bỏ phiếu:" not in shown


def test_province_is_told_to_vote_when_its_poll_is_open(engine):
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2026", actor=SAMPLE_CHAIR)
        polls.open_poll(session=s, poll_id=poll.id, actor=SAMPLE_CHAIR)
        s.commit()
    shown = texts(home("laichau"))
    assert "Cuộc bỏ phiếu năm 2026 đang mở: đơn vị hãy bỏ phiếu." in shown


def test_chair_sees_the_board_in_one_line_who_is_late_and_the_poll(engine):
    _set_year(engine, 2026, entry_deadline=utcnow() + timedelta(days=3))
    shown = texts(home("chair"))
    assert "Năm 2026: đã nộp 0/7 · đang nhập 0 · chưa nhập 7 · đã khoá 0" in shown
    assert "Chưa nộp: " in shown and "Sơn La" in shown
    assert "Bỏ phiếu: chưa tạo cuộc bỏ phiếu." in shown
    assert "Theo dõi nhập liệu: 7 đơn vị chưa nộp số liệu năm 2026." in shown

    # the deadline passes: the year locks itself, every unit that had not submitted is late, the vote comes next
    _set_year(engine, 2026, entry_deadline=utcnow() - timedelta(days=2))
    at = home("chair")
    shown = texts(at)
    assert "Năm thi đua 2026: Đã khoá số liệu" in shown
    assert "(đã quá hạn 2 ngày)" in shown
    assert "Tạo cuộc bỏ phiếu chọn đơn vị dẫn đầu năm 2026." in shown
    assert "[Mở màn hình điều hành bỏ phiếu](./vote_manage)" in "\n".join(m.value for m in at.markdown)


def test_chair_after_the_deadline_of_an_open_year_chases_the_late(engine):
    with Session(engine) as s:
        # a chair reopened the year after its deadline: it stays open, the late are named
        rows = entry.submission_board(session=s, year=2026, cluster_id=home_cluster(s))
        states = {r.unit_id: r.state for r in rows}
    steps = next_steps.chair_steps(year=2026, year_state="open", states=states, days=-1, poll_state=None,
                                   members_set=True)
    assert [s.key for s in steps] == ["chase_late"] and steps[0].urgent
    assert next_steps.late_units({1: "submitted", 2: "draft", 3: "not_started"}, -1) == [2, 3]
    assert next_steps.late_units({1: "draft"}, 3) == []


def test_admin_sees_what_is_not_set_up_for_the_year(engine):
    shown = texts(home("admin"))
    assert "Thiết lập năm 2026" in shown
    assert "Chưa đặt hạn nhập liệu năm 2026." in shown
    assert "Chưa chọn đơn vị Cụm trưởng năm 2026." in shown
    assert "Chưa thiết lập thành viên" not in shown  # the 2026 membership is recorded

    _set_year(engine, 2026, entry_deadline=utcnow() + timedelta(days=30), chair_unit_id=SONLA)
    shown = texts(home("admin"))
    assert "Năm 2026 đã thiết lập đủ: thành viên, hạn nhập liệu, Cụm trưởng." in shown


def test_admin_and_chair_are_told_when_the_members_of_the_year_are_not_set(engine):
    _set_year(engine, 2026, state="closed")
    with Session(engine) as s:
        cluster_id = s.exec(select(EmulationYear.cluster_id).where(EmulationYear.year == 2026)).one()
        s.add(EmulationYear(cluster_id=cluster_id, year=2027, state="planning"))
        s.commit()
    shown = texts(home("admin"))
    assert "Năm thi đua 2027: Chuẩn bị" in shown
    assert "Chưa thiết lập thành viên Cụm năm 2027." in shown
    assert "Thành viên Cụm năm 2027 chưa được thiết lập" in shown
    assert "Thành viên Cụm năm 2027 chưa được thiết lập" in texts(home("chair"))


def test_an_account_without_a_cluster_sees_one_message_and_nothing_else(engine):
    with Session(engine) as s:
        user_db.create_user(session=s, username="docgia", display_name="Người đọc", password="doc-gia-2026",
                            role="viewer", actor=Acting(None, "admin"))
        s.commit()
    for page in ("pages/home.py", "pages/comparisons.py", "pages/vote_results.py", "pages/projector.py"):
        at = as_user(app_test(page), "docgia").run()
        assert not at.exception
        assert [e.value for e in at.error] == [
            "Tài khoản này chưa được gắn với cụm thi đua nào, nên chưa thể xem hay nhập dữ liệu. Đề nghị quản trị "
            "viên gắn tài khoản (hoặc đơn vị của tài khoản) vào một cụm thi đua."]
        assert "Năm thi đua" not in texts(at) and "Cụm thi đua số 2" not in texts(at)


def test_reader_sees_the_year_and_the_cluster_but_no_tasks(engine):
    with Session(engine) as s:
        viewer = user_db.create_user(session=s, username="docgia", display_name="Người đọc", password="doc-gia-2026",
                                     role="viewer", actor=Acting(None, "admin"))
        s.flush()
        org.set_account_cluster(session=s, actor=Acting(None, "admin"), user_id=viewer.id,
                                cluster_id=home_cluster(s))
        s.commit()
    at = home("docgia")
    shown = texts(at)
    assert "Năm thi đua 2026: Đang nhập liệu" in shown
    assert "Việc cần làm" not in shown and "Hạn nhập liệu:" not in shown
    assert "Các năm thi đua" in shown and "Đơn vị dẫn đầu qua các năm" in shown


def test_every_step_and_gap_has_a_message_in_both_languages():
    texts_ = catalogue()
    for key in [f"home.next.{k}" for k in next_steps.STEP_KEYS] + [f"home.gap.{g}" for g in next_steps.ADMIN_GAPS]:
        assert key in texts_ and all(texts_[key]), key
    # and the rules name no step or gap outside the lists
    source = inspect.getsource(next_steps)
    named = set(re.findall(r'Step\("([a-z_]+)"', source)) | set(re.findall(r'gaps\.append\("([a-z_]+)"\)', source))
    assert named == set(next_steps.STEP_KEYS) | set(next_steps.ADMIN_GAPS)
