"""The indicator catalogue and emulation years, edited by the admin."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlmodel import Session

from components.rules.errors import DomainError
from db import reference
from db.engine import get_engine
from tests.helpers import SAMPLE_CHAIR, app_test, as_user


def _indicator(code):
    with Session(get_engine()) as s:
        return reference.get_indicator(session=s, code=code)


ADMIN = SimpleNamespace(id=None, role="admin", unit_id=None)
CHAIR = SAMPLE_CHAIR


def test_only_the_admin_edits_the_catalogue_and_the_years(session):
    cluster = reference.get_cluster(session=session)
    with pytest.raises(DomainError) as err:
        reference.save_indicator(session=session, actor=CHAIR, indicator_id=None, code="x6", field="telecom",
                                 name_vi="X", name_en="X", unit="u", kind="count", better="higher", min_value=None,
                                 max_value=None)
    assert err.value.code == "forbidden"
    with pytest.raises(DomainError) as err:
        reference.save_emulation_year(session=session, actor=CHAIR, cluster_id=cluster.id, year=2030, theme="",
                                      chair_unit_id=None, vice_chair_unit_id=None, entry_deadline=None,
                                      state="planning")
    assert err.value.code == "forbidden"
    assert reference.get_indicator(session=session, code="x6") is None


def test_save_indicator_rules(session):
    base = dict(indicator_id=None, code="bts_6g", field="telecom", name_vi="Số trạm 6G", name_en="6G stations",
                unit="trạm", kind="count", better="higher", min_value=0, max_value=100_000)
    ind = reference.save_indicator(session=session, actor=ADMIN, **base)
    assert ind.id is not None
    for change, code in [(dict(min_value=5, max_value=1), "min_above_max"),
                         (dict(max_value=None), "indicator_max_required"),
                         (dict(kind="percent", max_value=120), "percent_bounds"),
                         (dict(code="bts_sites"), "indicator_code_taken"),
                         (dict(kind="weird"), "unknown_kind"),
                         (dict(name_vi=" "), "indicator_code_name_required")]:
        with pytest.raises(DomainError) as err:
            reference.save_indicator(session=session, actor=ADMIN, **{**base, "code": "other", **change})
        assert err.value.code == code


def test_emulation_year_rules(session):
    cluster = reference.get_cluster(session=session)
    with pytest.raises(DomainError) as err:
        reference.save_emulation_year(session=session, actor=ADMIN, cluster_id=cluster.id, year=2023, theme="", chair_unit_id=None,
                                      vice_chair_unit_id=None, entry_deadline=None, state="open")
    assert err.value.code == "year_exists"
    with pytest.raises(DomainError) as err:
        reference.save_emulation_year(session=session, actor=ADMIN, cluster_id=cluster.id, year=2027, theme="", chair_unit_id=4,
                                      vice_chair_unit_id=4, entry_deadline=None, state="open")
    assert err.value.code == "chair_equals_vice"
    with pytest.raises(DomainError) as err:  # 2027 has no members yet: no officer can be one of them
        reference.save_emulation_year(session=session, actor=ADMIN, cluster_id=cluster.id, year=2027, theme="",
                                      chair_unit_id=4, vice_chair_unit_id=3, entry_deadline=None, state="planning")
    assert err.value.code == "officer_not_member"
    ey = reference.save_emulation_year(session=session, actor=ADMIN, cluster_id=cluster.id, year=2027, theme="Chủ đề 2027",
                                       chair_unit_id=None, vice_chair_unit_id=None, entry_deadline=None,
                                       state="planning")
    assert ey.id and ey.theme == "Chủ đề 2027"


def _unit_id(session, code: str) -> int:
    return next(u.id for u in reference.unit_names(session=session, year=2026).values() if u.code == code)


def test_a_years_officers_are_members_of_that_year(session):
    # Hà Giang ended on 30/06/2025 and Yên Bái was never a member of Cụm số 2: neither leads it in 2026
    cluster = reference.get_cluster(session=session)
    ey = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=2026)
    members = {u.id for u in reference.member_units(session=session, cluster_id=cluster.id, year=2026)}
    for chair, vice in ((_unit_id(session, "hagiang"), None), (_unit_id(session, "laocai"), _unit_id(session, "yenbai"))):
        assert chair not in members or vice not in members
        with pytest.raises(DomainError) as err:
            reference.save_emulation_year(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026, theme="",
                                          chair_unit_id=chair, vice_chair_unit_id=vice, entry_deadline=None,
                                          state=ey.state, year_id=ey.id)
        assert err.value.code == "officer_not_member" and err.value.params["year"] == 2026
        assert "Sở Khoa học và Công nghệ" in err.value.params["unit"]
    laocai = _unit_id(session, "laocai")
    assert laocai in members
    saved = reference.save_emulation_year(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026, theme="",
                                          chair_unit_id=laocai, vice_chair_unit_id=None, entry_deadline=None,
                                          state=ey.state, year_id=ey.id)
    assert saved.chair_unit_id == laocai


def test_the_year_forms_officer_selects_offer_only_that_years_members(db_url):
    at = as_user(app_test("pages/admin_catalogue.py"), "admin").run()
    with Session(get_engine()) as s:
        cluster = reference.get_cluster(session=s)
        year_2026 = reference.get_emulation_year(session=s, cluster_id=cluster.id, year=2026)
        members = [u.id for u in reference.member_units(session=s, cluster_id=cluster.id, year=2026)]
        gone = {_unit_id(s, "hagiang"), _unit_id(s, "yenbai")}
    [b for b in at.selectbox if b.label == "Sửa năm thi đua"][0].select(year_2026).run()
    assert not at.exception
    for label in ("Cụm trưởng", "Cụm phó"):
        box = [b for b in at.selectbox if b.label == label][0]
        assert len(box.options) == len(members) + 1  # "none" and the year's members, nothing else
        assert not any("Hà Giang" in o or "Yên Bái" in o for o in box.options)
    assert not gone & set(members)


def test_admin_edits_an_indicator_on_the_page(db_url):
    at = as_user(app_test("pages/admin_catalogue.py"), "admin").run()
    assert not at.exception
    at.selectbox[0].select(_indicator("mobile_subs_per_100")).run()
    at.number_input[1].set_value(250)
    at.button[0].click().run()
    assert not at.exception
    assert _indicator("mobile_subs_per_100").max_value == 250
    assert "Đã lưu chỉ tiêu mobile_subs_per_100." in [s.value for s in at.success]


def test_bad_bounds_get_a_message_and_change_nothing(db_url):
    at = as_user(app_test("pages/admin_catalogue.py"), "admin").run()
    at.selectbox[0].select(_indicator("mobile_coverage_pct")).run()
    at.number_input[1].set_value(150)
    at.button[0].click().run()
    assert "Chỉ tiêu tỷ lệ % phải nằm trong khoảng 0–100." in [e.value for e in at.error]
    assert _indicator("mobile_coverage_pct").max_value == 100


def test_chair_cannot_open_the_catalogue(db_url):
    at = as_user(app_test("pages/admin_catalogue.py"), "chair").run()
    assert any("không có quyền" in e.value for e in at.error)
    assert len(at.number_input) == 0


def test_admin_sets_the_chair_and_deadline_of_a_year(db_url):
    at = as_user(app_test("pages/admin_catalogue.py"), "admin").run()
    with Session(get_engine()) as s:
        cluster = reference.get_cluster(session=s)
        year_2023 = reference.get_emulation_year(session=s, cluster_id=cluster.id, year=2023)
    year_box = [b for b in at.selectbox if b.label == "Sửa năm thi đua"][0]
    year_box.select(year_2023).run()
    chair_box = [b for b in at.selectbox if b.label == "Cụm trưởng"][0]
    chair_box.select(4)
    at.button[1].click().run()
    assert not at.exception
    assert "Đã lưu năm thi đua 2023." in [s.value for s in at.success]
    with Session(get_engine()) as s:
        assert reference.get_emulation_year(session=s, cluster_id=cluster.id, year=2023).chair_unit_id == 4
