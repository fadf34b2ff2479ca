"""Drafts stay private on the comparison screens: a province sees other units' figures only once submitted or
locked; the chair sees drafts, marked as drafts."""

from __future__ import annotations

from sqlmodel import Session

from components.rules.figures import Figure
from components.ui import comparison_choices
from db import comparison_queries as queries
from db import entry, reference
from db.users import get_user
from tests.helpers import app_test, as_user, submit_confirmed, texts

SONLA, LAICHAU = 1, 2


def _draft(engine):
    with Session(engine) as s:
        sonla = get_user(session=s, username="sonla")
        entry.save_figures(session=s, actor=sonla, unit_id=SONLA, year=2026,
                             figures={"white_villages_cleared": Figure(numerator=150, denominator=216)})
        s.commit()


def _dataset(engine, username):
    with Session(engine) as s:
        user = get_user(session=s, username=username)
        cluster = reference.get_cluster(session=s)
        ey = reference.get_emulation_year(session=s, cluster_id=cluster.id, year=2026)
        return comparison_choices.load_dataset(session=s, cluster_id=cluster.id, cluster_name=("", ""), year=2026,
                                               emulation_year_id=ey.id, who=queries.audience(user))


def _sonla_2026(data):
    values = data.values
    return values[(values["unit_id"] == SONLA) & (values["year"] == 2026)]


def test_a_draft_is_seen_by_its_unit_and_the_chair_not_by_other_provinces(engine):
    _draft(engine)
    assert _sonla_2026(_dataset(engine, "laichau")).empty
    assert list(_sonla_2026(_dataset(engine, "sonla"))["state"]) == ["draft"]
    assert list(_sonla_2026(_dataset(engine, "chair"))["state"]) == ["draft"]  # marked as a draft
    assert not _dataset(engine, "laichau").values[lambda v: v["year"] == 2022].empty  # closed year: public


def test_once_submitted_the_figures_are_seen_by_every_member(engine):
    _draft(engine)
    with Session(engine) as s:
        submit_confirmed(session=s, actor=get_user(session=s, username="sonla"), unit_id=SONLA, year=2026)
        s.commit()
    assert list(_sonla_2026(_dataset(engine, "laichau"))["state"]) == ["submitted"]


def test_the_comparisons_page_marks_drafts_for_the_chair_only(engine):
    _draft(engine)
    with Session(engine) as s:  # a second draft (in 2023 it was Lạng Sơn's sourced DTI rank of the open year)
        entry.save_figures(session=s, actor=get_user(session=s, username="langson"), unit_id=7, year=2026,
                             figures={"white_villages_cleared": Figure(numerator=50, denominator=128)})
        s.commit()
    at = as_user(app_test("pages/comparisons.py", timeout=120), "chair").run()
    assert not at.exception
    at.selectbox(key="_w_charts.year").set_value(2026).run()
    assert "Số liệu nháp (chưa nộp, chỉ Cụm trưởng thấy): Sơn La, Lạng Sơn." in texts(at)
    at = as_user(app_test("pages/comparisons.py", timeout=120), "laichau").run()
    at.selectbox(key="_w_charts.year").set_value(2026).run()
    assert not at.exception and "Số liệu nháp" not in texts(at)
