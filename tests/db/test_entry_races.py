"""Races on the results: a save that passed its checks before the chair's lock cannot write after it, the form
refuses to overwrite a figure someone changed since it was loaded, and two page loads after the deadline lock the
year once."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlmodel import Session, select

from components.rules.errors import DomainError
from components.rules.figures import Figure
from db import entry
from db.models import EmulationYear, ValueChange, utcnow
from db.users import get_user
from tests.helpers import app_test, as_user, home_cluster, lock_year_confirmed, reported_before, texts

YEAR, SONLA = 2026, 1


def _in_thread(target) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = target()
        except DomainError as exc:
            outcome["refused"] = exc.code
        except Exception as exc:  # noqa: BLE001  anything else is a failure of the test
            outcome["error"] = repr(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_save_that_started_before_the_lock_never_writes_after_it(engine, monkeypatch):
    checked, release = threading.Event(), threading.Event()
    real_check = entry.check_figures

    def slow_check(**kwargs):  # the save has passed its state checks and pauses, as under load
        found = real_check(**kwargs)
        checked.set()
        release.wait(10)
        return found

    monkeypatch.setattr(entry, "check_figures", slow_check)

    def save():
        with Session(engine) as s:
            entry.save_figures(session=s, actor=get_user(session=s, username="sonla"), unit_id=SONLA, year=YEAR,
                                 figures={"bts_sites": Figure(value=1200)})
            s.commit()

    def lock():
        with Session(engine) as s:
            lock_year_confirmed(session=s, actor=get_user(session=s, username="chair"), year=YEAR, cluster_id=home_cluster(s))
            s.commit()

    saver, saved = _in_thread(save)
    assert checked.wait(20)
    locker, locked = _in_thread(lock)
    locker.join(2)  # the chair's lock goes in now, if nothing holds it back
    release.set()
    saver.join(30)
    locker.join(30)
    assert "error" not in saved and locked == {"result": None}, (saved, locked)
    with Session(engine) as s:
        changes = s.exec(select(ValueChange).where(ValueChange.unit_id == SONLA, ValueChange.year == YEAR)
                         .order_by(ValueChange.id)).all()
    kinds = [c.what for c in changes]
    if "result" in saved:  # accepted: then it was written before the lock, never after
        assert kinds.index("value") < max(i for i, k in enumerate(kinds) if k != "value"), kinds
    else:
        assert saved["refused"].startswith("entry_") and "value" not in kinds


def test_two_page_loads_after_the_deadline_lock_the_year_once(engine, monkeypatch):
    with Session(engine) as s:
        ey = s.exec(select(EmulationYear).where(EmulationYear.year == YEAR)).one()
        ey.entry_deadline = utcnow() - timedelta(minutes=1)
        s.add(ey)
        s.commit()
    both_checked = threading.Barrier(2)
    real = entry.year_should_autolock
    first_call = threading.local()

    def together(*args):  # both loads find the deadline passed before either has locked
        answer = real(*args)
        if not getattr(first_call, "done", False):
            first_call.done = True
            both_checked.wait(10)
        return answer

    monkeypatch.setattr(entry, "year_should_autolock", together)

    def load():
        with Session(engine) as s:
            entry.submission_board(session=s, year=YEAR, cluster_id=home_cluster(s))
            s.commit()

    runs = [_in_thread(load) for _ in range(2)]
    for thread, _ in runs:
        thread.join(60)
    assert all("error" not in outcome for _, outcome in runs), runs
    with Session(engine) as s:
        locks = s.exec(select(ValueChange.unit_id).where(ValueChange.year == YEAR, ValueChange.what != "value",
                                                         ValueChange.reason == "deadline")).all()
        assert sorted(locks) == sorted(set(locks)) and len(locks) == 7


def test_the_form_refuses_to_overwrite_a_figure_changed_since_it_was_loaded(db_url, engine):
    with Session(engine) as s:
        entry.save_figures(session=s, actor=get_user(session=s, username="sonla"), unit_id=SONLA, year=YEAR,
                             figures={"bts_sites": Figure(value=1000)})
        s.commit()
    at = as_user(app_test("pages/entry.py"), "sonla").run()
    with Session(engine) as s:  # the chair corrects the figure meanwhile
        entry.save_figures(session=s, actor=get_user(session=s, username="chair"), unit_id=SONLA, year=YEAR,
                             figures={"bts_sites": Figure(value=1100)}, reason="Sửa theo báo cáo chính thức")
        s.commit()
    at.text_input(key=f"fig_{SONLA}_{YEAR}_vi_bts_sites_value").input("1.200")
    at.button(key="entry_save").click().run()
    assert not at.exception
    assert "Người khác đã sửa số liệu này sau khi bạn mở trang (Số vị trí trạm BTS); chưa lưu gì." in texts(at)
    with Session(engine) as s:
        assert entry.stored_figures(session=s, unit_id=SONLA, year=YEAR)["bts_sites"] == Figure(value=1100)


def test_the_form_asks_for_confirmation_of_a_figure_ten_times_last_years(db_url, engine):
    # Sơn La cleared 123 of 216 white villages in 2022 (seed 003); say it did the same in 2025, the year before 2026
    with Session(engine) as s:
        reported_before(s, unit_id=SONLA, year=YEAR - 1, code="white_villages_cleared", numerator=123,
                        denominator=216)
    key = f"fig_{SONLA}_{YEAR}_vi_white_villages_cleared"
    at = as_user(app_test("pages/entry.py"), "sonla").run()
    at.text_input(key=key + "_numerator").input("1.300")
    at.text_input(key=key + "_denominator").input("2.160")
    at.button(key="entry_save").click().run()
    assert not at.exception
    assert "Các số liệu khác thường cần được xác nhận trước khi lưu: Thôn trắng sóng được xoá trong năm." in texts(at)
    with Session(engine) as s:
        assert "white_villages_cleared" not in entry.stored_figures(session=s, unit_id=SONLA, year=YEAR)
    at.checkbox(key=f"entry_unusual_ok_{SONLA}_{YEAR}").check().run()
    at.button(key="entry_save").click().run()
    with Session(engine) as s:
        stored = entry.stored_figures(session=s, unit_id=SONLA, year=YEAR)["white_villages_cleared"]
    assert (stored.numerator, stored.denominator) == (1300, 2160)
