"""Ready for the 2026 review (issue 21): the sample runs to 2026 with the cluster as it stands, the members of 2025
and 2026 are a proposal until the administrator confirms them, the law of each year is data printed as the "Căn cứ"
lines of its documents, each year's indicator pack drives the form, and every sample value carries its source."""

from __future__ import annotations

import csv
import html
import subprocess
import sys
from types import SimpleNamespace

import pytest
from sqlmodel import Session, select

from components.rules import packs
from components.rules.access import Acting
from components.rules.errors import DomainError
from db import entry, legal, paperwork, reference
from db import organisation as org
from db.engine import get_engine, make_engine
from db.models import ClusterMembership, Indicator, IndicatorValue, LegalBasis, MembershipProposal
from db.seed import SAMPLE_DIR, prepare_database
from tests.conftest import DEMO_PASSWORD, ROOT
from tests.helpers import app_test, as_user, texts

ADMIN = SimpleNamespace(id=None, role="admin", unit_id=None)
CHAIR = SimpleNamespace(id=None, role="chair", unit_id=None)


def _units(session) -> dict[str, int]:
    return {u.code: u.id for u in reference.list_units(session=session)}


def _docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


# --- out of the box -------------------------------------------------------------------------------------------


def test_fresh_database_covenant_2026_is_the_sở_khcn_under_the_bộ_khcn_and_2022_stays_tttt(empty_db_url, tmp_path):
    """The issue's check, run as the operator would: a fresh database, the command line, the written file."""
    env = {"DATABASE_URL": empty_db_url, "DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    files = {}
    for year in (2026, 2022):
        out = tmp_path / f"covenant_{year}.docx"
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "manage.py"), "document", "covenant",
                               "--year", str(year), "--format", "docx", "--out", str(out)],
                              capture_output=True, text=True, timeout=180, cwd=ROOT, env=env)
        assert done.returncode == 0, done.stderr
        files[year] = _docx_text(out)
    text = files[2026]
    assert "BỘ KHOA HỌC VÀ CÔNG NGHỆ" in text
    assert "thông tin và truyền thông" not in text.lower() and "TT&TT" not in text
    members = next(line for line in text.splitlines() if "gồm 07 đơn vị" in line)
    assert "Sở Khoa học và Công nghệ Tuyên Quang" in members and "Sở Khoa học và Công nghệ Lào Cai" in members
    assert "Hà Giang" not in text and "Yên Bái" not in text and "HÀ GIANG" not in text
    basis = [line for line in text.splitlines() if line.startswith("Căn cứ ")]
    assert any("152/2025/NĐ-CP" in line for line in basis)
    assert any("25/2025/TT-BKHCN" in line for line in basis)
    assert any("15/2025/TT-BNV" in line for line in basis)
    old = files[2022]
    assert "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" in old and "Sở Thông tin và Truyền thông Hà Giang" in old
    assert not any("152/2025" in line for line in old.splitlines())
    assert any(line.startswith("Căn cứ Thông tư số 09/2018/TT-BTTTT") for line in old.splitlines())


def test_years_2022_to_2025_are_closed_and_2026_is_open(session):
    cluster = reference.get_cluster(session=session)
    states = {y.year: y.state for y in reference.list_emulation_years(session=session, cluster_id=cluster.id)}
    assert states == {2022: "closed", 2023: "closed", 2024: "closed", 2025: "closed", 2026: "open"}


def test_2025_and_2026_members_are_2024s_through_the_lineage_and_still_a_proposal(session):
    cluster = reference.get_cluster(session=session)
    names = reference.unit_names(session=session, year=2026)
    for year in (2025, 2026):
        provinces = [u.province for u in reference.member_units(session=session, cluster_id=cluster.id, year=year)]
        assert sorted(provinces) == sorted(["Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Cao Bằng", "Lạng Sơn",
                                            "Tuyên Quang"])
        assert legal.membership_proposal(session=session, cluster_id=cluster.id, year=year) is not None
    assert legal.membership_proposal(session=session, cluster_id=cluster.id, year=2024) is None
    assert {names[u.id].name_vi for u in reference.member_units(session=session, cluster_id=cluster.id, year=2026)} \
        >= {"Sở Khoa học và Công nghệ Tuyên Quang", "Sở Khoa học và Công nghệ Lào Cai"}


def test_only_the_admin_confirms_the_proposed_members_and_then_the_flag_goes(session):
    cluster = reference.get_cluster(session=session)
    for actor in (CHAIR, SimpleNamespace(id=None, role="province", unit_id=1), None):
        with pytest.raises(DomainError) as err:
            legal.confirm_membership(session=session, actor=actor, cluster_id=cluster.id, year=2026)
        assert err.value.code == "forbidden"
    assert legal.membership_proposal(session=session, cluster_id=cluster.id, year=2026) is not None
    legal.confirm_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026)
    assert legal.membership_proposal(session=session, cluster_id=cluster.id, year=2026) is None
    assert len(reference.member_units(session=session, cluster_id=cluster.id, year=2026)) == 7
    with pytest.raises(DomainError) as err:
        legal.confirm_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026)
    assert err.value.code == "org_membership_not_proposed"


def test_hà_giang_is_refused_as_a_2026_member_with_its_successor_named_and_nothing_changes(session):
    cluster = reference.get_cluster(session=session)
    u = _units(session)
    before = sorted(session.exec(select(ClusterMembership.unit_id).where(ClusterMembership.year == 2026)).all())
    with pytest.raises(DomainError) as err:
        org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026,
                           unit_ids=[u["sonla"], u["hagiang"]])
    assert err.value.code == "org_member_merged_away"
    assert err.value.params["successor"] == "Sở Khoa học và Công nghệ Tuyên Quang"
    from components.i18n.catalogue import translate

    message = translate("err.org_member_merged_away", "vi", **err.value.params)
    assert "Hà Giang" in message and "Tuyên Quang" in message
    session.rollback()
    after = sorted(session.exec(select(ClusterMembership.unit_id).where(ClusterMembership.year == 2026)).all())
    assert after == before
    assert legal.membership_proposal(session=session, cluster_id=cluster.id, year=2026) is not None


def test_the_admin_choosing_members_ends_the_proposal(session):
    cluster = reference.get_cluster(session=session)
    u = _units(session)
    members = [m.id for m in reference.member_units(session=session, cluster_id=cluster.id, year=2026)]
    org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026,
                       unit_ids=[m for m in members if m != u["langson"]])
    assert legal.membership_proposal(session=session, cluster_id=cluster.id, year=2026) is None


def test_home_tells_the_chair_and_the_admin_the_members_are_to_be_confirmed_not_a_province(db_url):
    for user in ("chair", "admin"):
        shown = texts(as_user(app_test("pages/home.py"), user).run())
        assert "Thành viên năm 2026 chưa xác nhận" in shown, user
    # a province is not asked to do anything about it; the list of members says it is a proposal to everyone
    province = texts(as_user(app_test("pages/home.py"), "laocai").run())
    assert "Thành viên năm 2026 chưa xác nhận" not in province and "năm 2026 (chưa xác nhận)" in province
    with Session(get_engine()) as s:
        legal.confirm_membership(session=s, actor=ADMIN, cluster_id=reference.get_cluster(session=s).id, year=2026)
        s.commit()
    assert "Thành viên năm 2026 chưa xác nhận" not in texts(as_user(app_test("pages/home.py"), "chair").run())


def test_the_admin_sees_the_proposal_on_the_members_tab_and_confirms_it(db_url):
    at = as_user(app_test("pages/admin_organisation.py"), "admin").run()
    assert any("Thành viên năm 2026 chưa xác nhận" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Xác nhận thành viên năm 2026").click().run()
    assert not at.exception
    with Session(get_engine()) as s:
        assert legal.membership_proposal(session=s, cluster_id=reference.get_cluster(session=s).id,
                                         year=2026) is None


def test_today_is_named_sở_khcn_on_the_home_and_login_pages_and_in_the_sidebar(db_url):
    login = app_test().run()
    shown = texts(login)
    assert "Sở Khoa học và Công nghệ 7 tỉnh miền núi, biên giới phía Bắc" in shown
    assert "Thông tin và Truyền thông" not in shown
    home = as_user(app_test(), "laocai").run()
    sidebar = html.unescape("\n".join(str(e.value) for kind in ("markdown", "caption")
                                       for e in getattr(home.sidebar, kind)))
    assert "Sở KH&CN Lào Cai" in sidebar and "TT&TT" not in sidebar


def test_hà_giangs_old_account_is_refused_with_its_successor_named(db_url):
    from tests.asgi import login

    answer = login("hagiang", DEMO_PASSWORD)
    assert answer.status == 401
    assert "Sở Khoa học và Công nghệ Hà Giang" in answer.text and "30/06/2025" in answer.text
    assert "đơn vị kế thừa là Sở Khoa học và Công nghệ Tuyên Quang" in answer.text
    assert not answer.set_cookies()


def test_tuyên_quangs_account_logs_in(db_url):
    from tests.asgi import login

    answer = login("tuyenquang", DEMO_PASSWORD)
    assert answer.status == 303 and answer.cookie("thidua_auth")


# --- the law of each year -------------------------------------------------------------------------------------


def test_every_document_of_a_year_opens_with_its_căn_cứ_lines(session):
    cluster = reference.get_cluster(session=session)
    for kind in ("covenant", "programme", "report"):
        doc = paperwork.document_for(session=session, kind=kind, cluster_id=cluster.id, year=2026, actor=ADMIN)
        lines = [b.text for b in doc.blocks if b.text.startswith("Căn cứ ")]
        assert lines[0] == "Căn cứ Luật Thi đua, khen thưởng năm 2022;"
        assert doc.blocks[0].text.startswith("Căn cứ ") and doc.parent_body == "Bộ Khoa học và Công nghệ"
    for kind in ("covenant", "report"):
        doc = paperwork.document_for(session=session, kind=kind, cluster_id=cluster.id, year=2022, actor=ADMIN)
        assert doc.parent_body == "Bộ Thông tin và Truyền thông"
        assert [b.text for b in doc.blocks[:1]] == ["Căn cứ Nghị định số 91/2017/NĐ-CP của Chính phủ;"]


def test_the_admin_edits_a_years_law_and_the_documents_follow(session):
    cluster = reference.get_cluster(session=session)
    legal.save_legal_basis(session=session, actor=ADMIN, year=2026, law="Luật Thi đua, khen thưởng năm 2022",
                           decree="Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ",
                           home_affairs_circular="", sector_circular="Quyết định số 1/QĐ-BKHCN của Bộ (thử)",
                           ministry_vi="Bộ Khoa học và Công nghệ", ministry_en="", reading_office_vi="Vụ TCCB",
                           source="https://example.gov.vn/qd", confirmed=True)
    doc = paperwork.document_for(session=session, kind="covenant", cluster_id=cluster.id, year=2026, actor=ADMIN)
    lines = [b.text for b in doc.blocks if b.text.startswith("Căn cứ ")]
    assert lines == ["Căn cứ Luật Thi đua, khen thưởng năm 2022;",
                     "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;",
                     "Căn cứ Quyết định số 1/QĐ-BKHCN của Bộ (thử);"]
    assert legal.legal_basis(session=session, year=2026).confirmed


@pytest.mark.parametrize("change, code", [
    ({"decree": "  "}, "law_decree_required"),
    ({"ministry_vi": ""}, "law_ministry_required"),
    ({"decree": "x" * 1001}, "law_text_too_long"),
    ({"confirmed": True, "source": ""}, "law_source_required"),
    ({"pack": "so_khac"}, "law_unknown_pack"),
    ({"year": 1999}, "bad_year"),
])
def test_bad_legal_basis_is_refused_and_nothing_changes(session, change, code):
    before = legal.legal_basis(session=session, year=2026)
    snapshot = (before.decree, before.ministry_vi, before.source, before.confirmed, before.pack)
    args = dict(year=2026, law="", decree="NĐ", home_affairs_circular="", sector_circular="", ministry_vi="Bộ",
                ministry_en="", reading_office_vi="", source="nguồn", confirmed=False, pack="so_khcn")
    args.update(change)
    with pytest.raises(DomainError) as err:
        legal.save_legal_basis(session=session, actor=ADMIN, **args)
    assert err.value.code == code
    after = legal.legal_basis(session=session, year=2026)
    assert (after.decree, after.ministry_vi, after.source, after.confirmed, after.pack) == snapshot


def test_only_the_admin_writes_the_law(session):
    for actor in (CHAIR, SimpleNamespace(id=None, role="province", unit_id=1), Acting(None, "ministry"), None):
        with pytest.raises(DomainError) as err:
            legal.save_legal_basis(session=session, actor=actor, year=2026, law="", decree="NĐ",
                                   home_affairs_circular="", sector_circular="", ministry_vi="Bộ", ministry_en="",
                                   reading_office_vi="", source="", confirmed=False)
        assert err.value.code == "forbidden"


def test_documents_page_says_when_a_years_legal_basis_is_not_confirmed(db_url):
    at = as_user(app_test("pages/documents.py"), "chair").run()
    at.selectbox(key="docs_year").set_value(2026).run()
    assert any("Căn cứ pháp lý năm 2026 chưa được xác nhận" in w.value for w in at.warning)
    at.selectbox(key="docs_year").set_value(2025).run()
    assert not any("Căn cứ pháp lý năm 2025" in w.value for w in at.warning)
    with Session(get_engine()) as s:
        s.delete(legal.legal_basis(session=s, year=2024))
        s.commit()
    at.selectbox(key="docs_year").set_value(2024).run()
    assert any("Chưa khai báo căn cứ pháp lý của năm 2024" in w.value for w in at.warning)


def test_the_law_tab_saves_a_year_and_refuses_a_bad_one(db_url):
    at = as_user(app_test("pages/admin_organisation.py"), "admin").run()
    at.number_input(key="law_year").set_value(2027).run()
    form = [t for t in at.text_input if t.label == "Nghị định"][0]
    form.input("")
    at.button(key="FormSubmitter:law_form_2027-Lưu").click().run()
    assert any("Cần nhập Nghị định" in e.value for e in at.error)
    with Session(get_engine()) as s:
        assert legal.legal_basis(session=s, year=2027) is None


# --- indicator packs ------------------------------------------------------------------------------------------


def test_the_form_follows_the_years_pack(session):
    u = _units(session)
    actor = SimpleNamespace(id=None, role="admin", unit_id=None)
    new = {r.indicator.field for r in entry.entry_sheet(session=session, actor=actor, unit_id=u["laocai"],
                                                           year=2026).rows}
    old = {r.indicator.field for r in entry.entry_sheet(session=session, actor=actor, unit_id=u["laocai"],
                                                           year=2022).rows}
    assert "innovation" in new and "press" not in new and "telecom" in new
    assert "press" in old and "innovation" not in old
    assert new == set(packs.PACKS["so_khcn"]) & new and old <= set(packs.PACKS["so_tttt"])
    codes = {r.indicator.code for r in entry.entry_sheet(session=session, actor=actor, unit_id=u["laocai"],
                                                            year=2026).rows}
    assert {"dti_rank", "dti_score", "pii_rank", "pii_score", "nq57_tasks_assigned", "nq57_tasks_done",
            "nq57_tasks_on_time"} <= codes


def test_the_criteria_table_links_only_the_years_pack(session):
    codes_2026 = legal.pack_indicator_codes(session=session, year=2026)
    codes_2022 = legal.pack_indicator_codes(session=session, year=2022)
    assert "pii_rank" in codes_2026 and "foreign_info_articles" not in codes_2026 and "dti_rank" in codes_2026
    assert "foreign_info_articles" in codes_2022 and "pii_rank" not in codes_2022


def test_shared_fields_across_the_2024_2025_boundary():
    shared = packs.shared_fields("so_tttt", "so_khcn")
    assert "press" not in shared and "innovation" not in shared and "telecom" in shared
    assert packs.shared_fields(None, "so_khcn") is None


# --- sources --------------------------------------------------------------------------------------------------

VALUE_FILES = ("indicator_values.csv", "cluster_totals.csv", "honours.csv", "legal_basis.csv", "memberships.csv",
               "membership_proposals.csv", "emulation_years.csv")


@pytest.mark.parametrize("name", VALUE_FILES)
def test_every_sample_value_carries_its_source(name):
    with open(SAMPLE_DIR / name, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert "source" in reader.fieldnames, f"{name} has no source column"
        rows = list(reader)
    assert rows
    missing = [i + 2 for i, r in enumerate(rows) if not (r["source"] or "").strip()]
    assert missing == [], f"{name}: rows without a source: {missing}"


def test_the_source_check_fails_on_a_value_without_one(tmp_path):
    """The check above is not vacuous: a sample file with one unsourced row is caught."""
    (tmp_path / "indicator_values.csv").write_text(
        "unit_code,year,indicator_code,value,numerator,denominator,ranked_of,source,note\n"
        "laocai,2024,dti_rank,14,,,34,https://doingoailaocai.vn/vi/bai-viet/24284,\n"
        "sonla,2024,dti_rank,20,,,34,,\n", encoding="utf-8")
    with open(tmp_path / "indicator_values.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [i + 2 for i, r in enumerate(rows) if not r["source"].strip()] == [3]


def test_the_figures_found_since_2024_are_stored_with_their_number_ranked(session):
    u = _units(session)
    values = {(v.unit_id, v.year, code): v for v, code in session.exec(
        select(IndicatorValue, Indicator.code).join(Indicator, Indicator.id == IndicatorValue.indicator_id)).all()}
    lao_cai = values[(u["laocai"], 2024, "dti_rank")]
    assert (lao_cai.value, lao_cai.ranked_of) == (14, 34) and "doingoailaocai.vn" in lao_cai.source
    assert values[(u["laocai"], 2024, "dti_score")].value == pytest.approx(0.7167)
    assert (values[(u["dienbien"], 2024, "dti_rank")].value, values[(u["dienbien"], 2024, "dti_rank")].ranked_of) \
        == (6, 34)
    # a value found for a province before its merger stays with that province
    assert values[(u["yenbai"], 2022, "dti_rank")].value == 15
    assert values[(u["tuyenquang"], 2022, "dti_rank")].value == 48
    assert (u["hagiang"], 2024, "dti_rank") not in values


def test_prepare_database_loads_the_law_and_the_proposals(empty_db_url, monkeypatch):
    monkeypatch.delenv("DEMO_ACCOUNTS", raising=False)
    engine = make_engine(empty_db_url)
    prepare_database(engine)
    with Session(engine) as s:
        years = {b.year: b for b in s.exec(select(LegalBasis)).all()}
        assert years[2025].confirmed and not years[2026].confirmed and years[2026].pack == "so_khcn"
        assert years[2022].ministry_vi == "Bộ Thông tin và Truyền thông" and years[2022].pack == "so_tttt"
        assert sorted(p.year for p in s.exec(select(MembershipProposal)).all()) == [2025, 2026]
    engine.dispose()
