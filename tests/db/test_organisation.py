"""The administrator records the organisation over time; bad input is refused with nothing changed; two clusters in
one deployment, a chair limited to its own and the ministry reading both."""

from __future__ import annotations

import html
from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import Session, func, select

from components.rules import lineage
from components.rules.access import Acting, can_read_cluster, can_run_cluster
from components.rules.errors import DomainError
from db import awards, polls, reference, scope
from db import organisation as org
from db.engine import get_engine
from db.models import ClusterMembership, EmulationYear, UnitEvent, UnitName, User
from tests.helpers import SAMPLE_CHAIR, app_test, as_user, close_confirmed, publish_confirmed, shown, texts

ADMIN = SimpleNamespace(id=None, role="admin", unit_id=None)
CHAIR = SAMPLE_CHAIR
MINISTRY = SimpleNamespace(id=None, role="ministry", unit_id=None)


def units(session) -> dict[str, int]:
    return {u.code: u.id for u in reference.list_units(session=session)}


def drop_proposed_years(session, cluster_id: int, years=(2025, 2026)) -> None:
    """Take the sample's proposed members of 2025 and 2026 away (as in a database where nobody has set them yet)."""
    from db.models import MembershipProposal

    for row in session.exec(select(ClusterMembership).where(ClusterMembership.cluster_id == cluster_id,
                                                            ClusterMembership.year.in_(years))).all():
        session.delete(row)
    for row in session.exec(select(MembershipProposal).where(MembershipProposal.year.in_(years))).all():
        session.delete(row)
    session.flush()


def test_membership_of_a_year_is_set_copied_and_never_silently_reused(session):
    cluster = reference.get_cluster(session=session)
    u = units(session)
    drop_proposed_years(session, cluster.id)
    assert reference.member_units(session=session, cluster_id=cluster.id, year=2025) == []
    previous, offered = org.last_year_members(session=session, cluster_id=cluster.id, year=2026)
    # 2024's members, Hà Giang (merged on 01/07/2025) replaced by Tuyên Quang
    assert previous == 2024 and u["hagiang"] not in offered and u["tuyenquang"] in offered and len(offered) == 7
    assert org.last_year_members(session=session, cluster_id=cluster.id, year=2025)[1] == offered
    preview = org.preview_membership(session=session, cluster_id=cluster.id, year=2025, unit_ids=offered)
    assert preview.startswith("Thành viên Cụm thi đua số 2 năm 2025:")
    assert "Sở Khoa học và Công nghệ Tuyên Quang" in preview and "Hà Giang" not in preview
    assert not reference.membership_is_set(session=session, cluster_id=cluster.id, year=2025)  # preview wrote nothing
    org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2025, unit_ids=offered)
    members = [x.id for x in reference.member_units(session=session, cluster_id=cluster.id, year=2025)]
    assert u["tuyenquang"] in members and u["hagiang"] not in members and len(members) == 7
    plan = org.copy_last_year(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026)
    assert set(plan.unit_ids) == set(members)


def test_bad_organisation_input_gets_a_message_and_changes_nothing(session):
    cluster = reference.get_cluster(session=session)
    u = units(session)
    before = (session.exec(select(func.count()).select_from(UnitEvent)).one(),
              session.exec(select(func.count()).select_from(UnitName)).one(),
              session.exec(select(func.count()).select_from(ClusterMembership)).one())
    other = org.save_cluster(session=session, actor=ADMIN, code="cum4", name_vi="Cụm thi đua số 4",
                             name_en="Emulation Cluster No. 4")
    org.set_membership(session=session, actor=ADMIN, cluster_id=other.id, year=2024, unit_ids=[u["tuyenquang"]])
    attempts = [
        (lambda: org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2024,
                                    unit_ids=[u["tuyenquang"], u["sonla"]]), "org_unit_in_two_clusters"),
        (lambda: org.record_event(session=session, actor=ADMIN, unit_id=u["sonla"], kind="merged_into",
                                  effective_on=date(2026, 1, 1), successor_ids=[u["sonla"]]), "org_merge_into_itself"),
        (lambda: org.record_event(session=session, actor=ADMIN, unit_id=u["sonla"], kind="merged_into",
                                  effective_on=date(2026, 1, 1), successor_ids=[u["hagiang"]]),
         "org_successor_not_existing"),
        (lambda: org.rename_unit(session=session, actor=ADMIN, unit_id=u["sonla"], effective_on=date(2025, 1, 1),
                                 name_vi="Sở X", name_en=""), "org_name_overlap"),
        (lambda: org.delete_unit(session=session, actor=ADMIN, unit_id=u["sonla"]), "org_unit_has_history"),
        (lambda: org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026,
                                    unit_ids=[u["hagiang"]]), "org_member_merged_away"),
        (lambda: org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2026,
                                    unit_ids=[u["yenbai"]]), "org_member_merged_away"),
    ]
    for attempt, code in attempts:
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.code == code
    new = org.create_unit(session=session, actor=ADMIN, code="moi", province="Mới", kind="other", name_vi="Đơn vị mới",
                          name_en="", valid_from=date(2025, 7, 1))
    with pytest.raises(DomainError) as err:
        org.record_event(session=session, actor=ADMIN, unit_id=new.id, kind="dissolved", effective_on=date(2025, 1, 1))
    assert err.value.code == "org_event_before_start"
    org.delete_unit(session=session, actor=ADMIN, unit_id=new.id)  # nothing refers to it: a mistake may go
    org.record_event(session=session, actor=ADMIN, unit_id=u["tuyenquang"], kind="merged_into",
                     effective_on=date(2026, 7, 1), successor_ids=[u["laocai"]])
    with pytest.raises(DomainError) as err:  # Lào Cai cannot then merge into Tuyên Quang: a cycle
        org.preview_event(session=session, unit_id=u["laocai"], kind="merged_into", effective_on=date(2026, 1, 1),
                          successor_ids=[u["tuyenquang"]])
    assert err.value.code == "org_merge_cycle"
    after = (session.exec(select(func.count()).select_from(UnitEvent)).one() - 1,
             session.exec(select(func.count()).select_from(UnitName)).one(),
             session.exec(select(func.count()).select_from(ClusterMembership)).one() - 1)
    assert after == before


def test_renaming_closes_the_old_name_and_the_preview_says_so(session):
    u = units(session)
    org_unit = org.create_unit(session=session, actor=ADMIN, code="vhttdl", province="Sơn La", kind="other",
                               name_vi="Sở Văn hoá Sơn La", name_en="", valid_from=date(2020, 1, 1))
    text = org.preview_rename(session=session, unit_id=org_unit.id, effective_on=date(2025, 3, 1),
                              name_vi="Sở Văn hoá, Thể thao và Du lịch Sơn La")
    assert text.startswith("Từ 01/03/2025, Sở Văn hoá Sơn La mang tên Sở Văn hoá, Thể thao và Du lịch Sơn La.")
    org.rename_unit(session=session, actor=ADMIN, unit_id=org_unit.id, effective_on=date(2025, 3, 1),
                    name_vi="Sở Văn hoá, Thể thao và Du lịch Sơn La", name_en="")
    assert reference.unit_names(session=session, year=2024)[org_unit.id].name_vi == "Sở Văn hoá Sơn La"
    assert reference.unit_names(session=session, year=2025)[org_unit.id].name_vi == \
        "Sở Văn hoá, Thể thao và Du lịch Sơn La"
    assert reference.unit_names(session=session, year=2025)[u["sonla"]].name("en") == \
        "Son La Department of Science and Technology"


def test_only_the_admin_writes_the_organisation(session):
    cluster = reference.get_cluster(session=session)
    u = units(session)
    members_2025 = [m.id for m in reference.member_units(session=session, cluster_id=cluster.id, year=2025)]
    for actor in (CHAIR, MINISTRY, SimpleNamespace(id=None, role="province", unit_id=u["sonla"])):
        for write in (lambda: org.set_membership(session=session, actor=actor, cluster_id=cluster.id, year=2025,
                                                 unit_ids=[u["sonla"]]),
                      lambda: org.record_event(session=session, actor=actor, unit_id=u["sonla"], kind="dissolved",
                                               effective_on=date(2026, 1, 1)),
                      lambda: org.set_director(session=session, actor=actor, unit_id=u["sonla"], year=2025,
                                               name="Nguyễn Văn A"),
                      lambda: org.save_cluster(session=session, actor=actor, code="cum9", name_vi="Cụm 9",
                                               name_en="")):
            with pytest.raises(DomainError) as err:
                write()
            assert err.value.code == "forbidden"
    assert [m.id for m in reference.member_units(session=session, cluster_id=cluster.id, year=2025)] == members_2025


def test_an_ended_unit_is_no_candidate_voter_or_award_recipient(session):
    cluster = reference.get_cluster(session=session)
    u = units(session)
    members_2024 = [x.id for x in reference.member_units(session=session, cluster_id=cluster.id, year=2024)]
    # Hà Giang existed until 30/06/2025, so it may be a member of 2025; the test opens the sample's closed 2025
    org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2025, unit_ids=members_2024)
    year = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=2025)
    year.state = "open"
    session.add(year)
    session.flush()
    poll = polls.create_poll(session=session, emulation_year_id=year.id, title="Suy tôn 2025", actor=SAMPLE_CHAIR)
    assert u["hagiang"] not in polls.candidate_ids(session=session, poll_id=poll.id, actor=ADMIN)
    with pytest.raises(DomainError) as err:
        polls.create_poll(session=session, emulation_year_id=year.id, title="Suy tôn 2025",
                             actor=SAMPLE_CHAIR, candidate_ids=[u["hagiang"], u["sonla"]])
    assert err.value.code == "org_unit_ended"
    chair = session.exec(select(User).where(User.username == "chair")).one()
    with pytest.raises(DomainError) as err:
        awards.add_award(session=session, actor=chair, unit_id=u["hagiang"], year=2025, form="bang_khen",
                           level="ministry", recipient="collective", count=1)
    assert err.value.code == "org_unit_ended"


def test_minutes_propose_to_the_awarding_body_of_the_day(session):
    assert reference.awarding_body_on(session=session, on=date(2025, 2, 28)).name_vi == "Bộ Thông tin và Truyền thông"
    assert reference.awarding_body_on(session=session, on=date(2025, 3, 1)).name_vi == "Bộ Khoa học và Công nghệ"
    with pytest.raises(DomainError) as err:
        org.save_awarding_body(session=session, actor=ADMIN, name_vi="Bộ X", name_en="", head_vi="Bộ trưởng Bộ X",
                               head_en="", valid_from=date(2026, 1, 1), valid_to=None)
    assert err.value.code == "org_body_overlap"


def _two_clusters(session):
    u = units(session)
    cum4 = org.save_cluster(session=session, actor=ADMIN, code="cum4", name_vi="Cụm thi đua số 4",
                            name_en="Emulation Cluster No. 4")
    org.set_membership(session=session, actor=ADMIN, cluster_id=cum4.id, year=2023, unit_ids=[u["tuyenquang"]])
    session.add(EmulationYear(cluster_id=cum4.id, year=2023, state="open", theme="Chủ đề riêng của Cụm 4"))
    session.add(User(username="ministry", display_name="Vụ Thi đua - Khen thưởng", password_hash="x",
                     role="ministry"))
    session.flush()
    return cum4


def test_two_clusters_chair_of_one_cannot_see_or_change_the_other_and_the_ministry_reads_both(session):
    cum2 = reference.get_cluster(session=session)
    cum4 = _two_clusters(session)
    chair = session.exec(select(User).where(User.username == "chair")).one()
    assert scope.cluster_for(session=session, actor=chair).id == cum2.id
    own = scope.actor_cluster_id(session=session, actor=chair)
    assert can_run_cluster(chair, cum2.id, own) and not can_run_cluster(chair, cum4.id, own)
    assert not can_read_cluster(chair, cum4.id, own)
    tq = SimpleNamespace(id=None, role="province", unit_id=units(session)["tuyenquang"])
    assert scope.actor_cluster_id(session=session, actor=tq, year=2023) == cum4.id
    assert can_read_cluster(MINISTRY, cum2.id, None) and can_read_cluster(MINISTRY, cum4.id, None)
    assert not can_run_cluster(MINISTRY, cum2.id, None) and not can_run_cluster(MINISTRY, cum4.id, None)
    chair4 = User(username="chair4", display_name="Thư ký Cụm 4", password_hash="x", role="chair")
    session.add(chair4)
    session.flush()
    with pytest.raises(DomainError):
        org.set_account_cluster(session=session, actor=MINISTRY, user_id=chair4.id, cluster_id=cum4.id)
    org.set_account_cluster(session=session, actor=ADMIN, user_id=chair4.id, cluster_id=cum4.id)
    assert scope.cluster_for(session=session, actor=chair4).id == cum4.id
    assert can_run_cluster(chair4, cum4.id, scope.actor_cluster_id(session=session, actor=chair4))
    assert not can_run_cluster(chair4, cum2.id, scope.actor_cluster_id(session=session, actor=chair4))
    session.commit()


def test_two_clusters_on_the_screens(db_url):
    with Session(get_engine()) as s:
        _two_clusters(s)
        s.commit()
    home = as_user(app_test("pages/home.py"), "chair").run()
    assert "Cụm thi đua số 2" in texts(home) and "Chủ đề riêng của Cụm 4" not in texts(home)
    overview = as_user(app_test("pages/clusters_overview.py"), "ministry").run()
    overview.selectbox(key="overview_year").set_value(2022).run()
    assert not overview.exception
    table = overview.dataframe[0].value.to_string()
    assert "Cụm thi đua số 2" in table and "Cụm thi đua số 4" in table
    assert "Sở Thông tin và Truyền thông Điện Biên" in table  # cluster 2's leading unit of 2022, by its 2022 name
    overview.selectbox(key="overview_year").set_value(2023).run()
    assert "Sở Thông tin và Truyền thông Tuyên Quang" in texts(overview)  # cluster 4's member in 2023
    refused = as_user(app_test("pages/clusters_overview.py"), "chair").run()
    assert any("không có quyền" in e.value for e in refused.error)
    compare = as_user(app_test("pages/comparisons.py"), "ministry").run()
    compare.selectbox(key="charts_cluster_pick").set_value("cum4").run()
    assert not compare.exception  # cluster 4's 2023 has a member and no figures yet: no chart, no error
    chair_compare = as_user(app_test("pages/comparisons.py"), "chair").run()
    assert not chair_compare.exception
    assert not [b for b in chair_compare.selectbox if b.key == "charts_cluster_pick"]  # the chair sees only its own
    for page in ("pages/admin_organisation.py", "pages/board.py", "pages/entry.py", "pages/vote_manage.py"):
        at = as_user(app_test(page), "ministry").run()
        assert any("không có quyền" in e.value for e in at.error), page


def test_admin_previews_a_merger_on_the_page_then_saves_it(db_url):
    with Session(get_engine()) as s:
        u = units(s)
        org.create_unit(session=s, actor=ADMIN, code="cum_test", province="Bắc Kạn", kind="so_khcn",
                        name_vi="Sở Khoa học và Công nghệ Bắc Kạn", name_en="", valid_from=date(2025, 3, 1))
        s.commit()
        bac_kan = units(s)["cum_test"]
    at = as_user(app_test("pages/admin_organisation.py"), "admin").run()
    assert not at.exception
    at.selectbox(key="org_ev_unit").set_value(bac_kan).run()
    at.selectbox(key="org_ev_kind").set_value("merged_into").run()
    at.date_input[1].set_value(date(2025, 7, 1))
    at.multiselect[0].set_value([u["caobang"]])
    at.button[2].click().run()  # "Xem trước" of the lineage form
    assert not at.exception
    preview = [shown(i.value) for i in at.info if "Xem trước thay đổi" in i.value]
    assert preview and ("Từ 01/07/2025, Sở Khoa học và Công nghệ Bắc Kạn là một phần của Sở Khoa học và Công nghệ "
                        "Cao Bằng; số liệu đến năm 2024 giữ nguyên") in preview[0]
    with Session(get_engine()) as s:  # nothing is saved by the preview
        assert reference.unit_end(session=s, unit_id=bac_kan) is None
    next(b for b in at.button if b.label == "Xác nhận lưu").click().run()
    assert not at.exception and "Đã lưu thay đổi." in texts(at)
    with Session(get_engine()) as s:
        assert reference.unit_end(session=s, unit_id=bac_kan) == date(2025, 7, 1)


def test_admin_is_told_when_a_years_membership_is_not_set_and_copies_last_years(db_url):
    at = as_user(app_test("pages/admin_organisation.py"), "admin").run()
    at.number_input(key="org_m_year").set_value(2027).run()
    assert "Chưa xác định thành viên Cụm thi đua số 2 năm 2027" in texts(at)
    next(b for b in at.button if b.label == "Sao chép danh sách năm 2026").click().run()
    offered = at.multiselect(key="org_m_units_1_2027").value
    with Session(get_engine()) as s:
        u = units(s)
    assert len(offered) == 7 and u["tuyenquang"] in offered and u["hagiang"] not in offered
    next(b for b in at.button if b.label == "Xem trước" and b.key == "org_m_preview").click().run()
    assert any("Thành viên Cụm thi đua số 2 năm 2027:" in shown(i.value) for i in at.info)
    next(b for b in at.button if b.label == "Xác nhận lưu").click().run()
    assert not at.exception
    with Session(get_engine()) as s:
        assert reference.membership_is_set(session=s, cluster_id=1, year=2027)


def test_an_account_of_a_merged_unit_is_refused_at_login_with_a_message(db_url):
    from tests.asgi import login
    from tests.conftest import DEMO_PASSWORD

    answer = login("hagiang", DEMO_PASSWORD)  # the form posted to the server's /auth/login
    assert answer.status == 401 and not answer.set_cookies()
    assert ("Đơn vị của tài khoản này (Sở Khoa học và Công nghệ Hà Giang) đã chấm dứt hoạt động từ 30/06/2025"
            in html.unescape(answer.text))
    # a session already open is ended too, and a unit that still exists logs in as before
    assert "Đăng nhập" in texts(as_user(app_test("pages/home.py"), "hagiang").run())
    assert "Các năm thi đua" in texts(as_user(app_test("pages/home.py"), "laocai").run())


def test_home_and_board_tell_the_chair_that_the_years_membership_is_not_set(db_url):
    with Session(get_engine()) as s:
        s.add(EmulationYear(cluster_id=reference.get_cluster(session=s).id, year=2027, state="open"))
        s.commit()
    message = "Chưa xác định thành viên Cụm thi đua số 2 năm 2027"
    assert message in texts(as_user(app_test("pages/home.py"), "chair").run())
    assert message in texts(as_user(app_test("pages/home.py"), "admin").run())
    assert message not in texts(as_user(app_test("pages/home.py"), "sonla").run())
    board = as_user(app_test("pages/board.py"), "chair").run()
    assert not board.exception and message in texts(board)


def test_a_successor_shows_its_predecessors_history_labelled_and_never_double_counted(session):
    from db import comparison_queries as queries

    cluster = reference.get_cluster(session=session)
    u = units(session)
    members_2025 = [u[c] for c in ("sonla", "laichau", "dienbien", "laocai", "caobang", "langson", "tuyenquang")]
    org.set_membership(session=session, actor=ADMIN, cluster_id=cluster.id, year=2025, unit_ids=members_2025)
    members = queries.member_frame(session=session, cluster_id=cluster.id, year=2025)
    own = queries.indicator_values(session=session, unit_ids=[u["hagiang"]])
    values, labelled = queries.values_with_history(session=session, cluster_id=cluster.id, members=members, year=2025)
    bts = values[(values["indicator_code"] == "bts_stations") & (values["year"] == 2022)]
    # Hà Giang's 2022 BTS count shows as Tuyên Quang's earlier history, once
    assert bts.loc[bts["unit_id"] == u["tuyenquang"], "value"].tolist() == [2432]
    assert u["hagiang"] not in set(values["unit_id"])
    # Tuyên Quang's own figures and Hà Giang's before the merger, one per year and indicator (its own wins)
    own_tq = queries.indicator_values(session=session, unit_ids=[u["tuyenquang"]])
    keys = {(r.year, r.indicator_code) for frame in (own, own_tq) for r in frame.itertuples()}
    assert len(values[values["unit_id"] == u["tuyenquang"]]) == len(keys)
    # the data says whose history a member carries; the charts' labels word it in the reader's language
    assert labelled.loc[labelled["unit_id"] == u["tuyenquang"], "carried"].item() == (("Hà Giang", 2024),)
    from components.charts.common import unit_labels
    assert unit_labels(labelled, "vi")[u["tuyenquang"]] == "Tuyên Quang (gồm số liệu Hà Giang đến 2024)"
    assert unit_labels(labelled, "en")[u["tuyenquang"]] == "Tuyên Quang (incl. figures of Hà Giang up to 2024)"
    # Yên Bái's figures (its DTI ranks of 2020-2022) are of years Lào Cai was a member itself: never drawn as its own
    assert unit_labels(labelled, "vi")[u["laocai"]] == "Lào Cai"
    assert not values[(values["unit_id"] == u["laocai"]) & (values["rule"] == "carried")].shape[0]
    # a successor's own figure wins over a predecessor's for the same year and indicator
    rows, used = lineage.carry_history(
        [{"unit_id": 8, "year": 2022, "indicator_code": "bts", "value": 1},
         {"unit_id": 5, "year": 2022, "indicator_code": "bts", "value": 2},
         {"unit_id": 5, "year": 2025, "indicator_code": "bts", "value": 3}], {5: (8, 2024)})
    assert rows == [{"unit_id": 8, "year": 2022, "indicator_code": "bts", "value": 1}] and used == {}


def test_the_minutes_are_signed_by_the_chair_units_director_of_the_year(session):
    from components.documents.minutes import minutes_content

    u = units(session)
    year = session.exec(select(EmulationYear).where(EmulationYear.year == 2026)).one()
    year.chair_unit_id = u["laocai"]
    session.add(year)
    org.set_director(session=session, actor=ADMIN, unit_id=u["laocai"], year=2026, name="Nguyễn Văn Thành")
    poll = polls.create_poll(session=session, emulation_year_id=year.id, title="Suy tôn 2026", actor=SAMPLE_CHAIR)
    polls.open_poll(session=session, poll_id=poll.id, actor=SAMPLE_CHAIR)
    for unit_id in polls.candidate_ids(session=session, poll_id=poll.id, actor=ADMIN):
        polls.cast_ballot(session=session, poll_id=poll.id, actor=Acting(None, "province", unit_id),
                             choices=[u["dienbien"] if unit_id != u["dienbien"] else u["sonla"]])
    close_confirmed(session=session, poll_id=poll.id, actor=SAMPLE_CHAIR)
    publish_confirmed(session=session, poll_id=poll.id, actor=SAMPLE_CHAIR)
    content = minutes_content(polls.minutes_data(session=session, poll_id=poll.id, actor=ADMIN))
    assert content.signatory_names == ("", "Nguyễn Văn Thành")
