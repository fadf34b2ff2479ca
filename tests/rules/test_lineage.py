"""Lineage rules on plain records: which name is valid when, who succeeds whom, what an ended unit may no longer do."""

from __future__ import annotations

from datetime import date

import pytest

from components.rules import lineage
from components.rules.errors import DomainError
from components.rules.lineage import Event, NameSpan

HAGIANG, TUYENQUANG, LAOCAI, YENBAI = 5, 8, 4, 9
OLD = NameSpan(HAGIANG, "Sở Thông tin và Truyền thông Hà Giang", "Ha Giang DIC", None, date(2025, 2, 28))
NEW = NameSpan(HAGIANG, "Sở Khoa học và Công nghệ Hà Giang", "Ha Giang DOST", date(2025, 3, 1), date(2025, 6, 30))
MERGERS = [Event(HAGIANG, "merged_into", date(2025, 7, 1), TUYENQUANG),
           Event(YENBAI, "merged_into", date(2025, 7, 1), LAOCAI)]
STARTS = {HAGIANG: None, TUYENQUANG: None, LAOCAI: None, YENBAI: None, 10: date(2025, 7, 1)}


def test_the_name_valid_on_a_date_in_the_users_language():
    assert lineage.display_name([OLD, NEW], "vi", date(2025, 2, 28)) == "Sở Thông tin và Truyền thông Hà Giang"
    assert lineage.display_name([OLD, NEW], "vi", date(2025, 3, 1)) == "Sở Khoa học và Công nghệ Hà Giang"
    assert lineage.display_name([OLD, NEW], "en", date(2020, 1, 1)) == "Ha Giang DIC"
    # after its end a unit keeps its last name; with no name at all the fallback shows
    assert lineage.display_name([OLD, NEW], "vi", date(2026, 1, 1)) == "Sở Khoa học và Công nghệ Hà Giang"
    assert lineage.display_name([], "vi", date(2026, 1, 1), fallback="Hà Giang") == "Hà Giang"


def test_a_merged_unit_ends_on_the_merger_and_its_history_flows_to_the_successor():
    assert lineage.end_of(HAGIANG, MERGERS) == date(2025, 7, 1)
    assert lineage.end_of(TUYENQUANG, MERGERS) is None
    assert lineage.exists_on(date(2025, 6, 30), valid_from=None, end=date(2025, 7, 1))
    assert not lineage.exists_on(date(2025, 7, 1), valid_from=None, end=date(2025, 7, 1))
    assert lineage.exists_in_year(2025, valid_from=None, end=date(2025, 7, 1))
    assert not lineage.exists_in_year(2026, valid_from=None, end=date(2025, 7, 1))
    assert lineage.successors_of(HAGIANG, MERGERS) == [TUYENQUANG]
    assert [e.unit_id for e in lineage.predecessors_of(TUYENQUANG, MERGERS)] == [HAGIANG]
    assert lineage.history_owner(HAGIANG, MERGERS) == TUYENQUANG
    assert lineage.history_owner(TUYENQUANG, MERGERS) is None


def test_predecessors_are_followed_through_several_mergers():
    chain = [Event(1, "merged_into", date(2020, 1, 1), 2), Event(2, "merged_into", date(2025, 7, 1), 3)]
    assert [e.unit_id for e in lineage.predecessors_of(3, chain)] == [1, 2]
    assert lineage.history_owner(1, chain) == 3


@pytest.mark.parametrize("kind, when, successors, code", [
    ("merged_into", date(2025, 7, 1), [HAGIANG], "org_merge_into_itself"),
    ("merged_into", date(2025, 7, 1), [], "org_merge_needs_one_successor"),
    ("split_into", date(2025, 7, 1), [TUYENQUANG], "org_split_needs_successors"),
    ("dissolved", date(2025, 7, 1), [TUYENQUANG], "org_no_successor_expected"),
    ("merged_into", None, [TUYENQUANG], "org_event_date_required"),
    ("closed", date(2025, 7, 1), [], "org_unknown_event"),
])
def test_impossible_events_are_refused(kind, when, successors, code):
    with pytest.raises(DomainError) as err:
        lineage.check_event(unit_id=HAGIANG, kind=kind, effective_on=when, successor_ids=successors, events=[],
                            valid_from=STARTS, unit_name="Hà Giang")
    assert err.value.code == code


def test_a_cycle_of_mergers_is_refused():
    # Tuyên Quang cannot merge into Hà Giang once Hà Giang merged into Tuyên Quang
    with pytest.raises(DomainError) as err:
        lineage.check_event(unit_id=TUYENQUANG, kind="merged_into", effective_on=date(2026, 1, 1),
                            successor_ids=[HAGIANG], events=MERGERS, valid_from=STARTS, unit_name="Tuyên Quang")
    assert err.value.code == "org_merge_cycle"


def test_an_event_before_the_unit_existed_or_after_it_ended_is_refused():
    with pytest.raises(DomainError) as err:
        lineage.check_event(unit_id=10, kind="dissolved", effective_on=date(2025, 1, 1), successor_ids=[],
                            events=[], valid_from=STARTS, unit_name="Mới")
    assert err.value.code == "org_event_before_start" and err.value.params["start"] == "01/07/2025"
    with pytest.raises(DomainError) as err:
        lineage.check_event(unit_id=HAGIANG, kind="dissolved", effective_on=date(2026, 1, 1), successor_ids=[],
                            events=MERGERS, valid_from=STARTS, unit_name="Hà Giang")
    assert err.value.code == "org_unit_already_ended"
    with pytest.raises(DomainError) as err:
        lineage.check_event(unit_id=HAGIANG, kind="renamed", effective_on=date(2026, 1, 1), successor_ids=[],
                            events=MERGERS, valid_from=STARTS, unit_name="Hà Giang")
    assert err.value.code == "org_event_after_end"
    with pytest.raises(DomainError) as err:  # a successor must exist on the day
        lineage.check_event(unit_id=LAOCAI, kind="merged_into", effective_on=date(2025, 8, 1),
                            successor_ids=[HAGIANG], events=MERGERS, valid_from=STARTS, unit_name="Lào Cai")
    assert err.value.code == "org_successor_not_existing"


def test_overlapping_names_are_refused():
    lineage.check_name_span([OLD], valid_from=date(2025, 3, 1), valid_to=None, name_vi="Sở KH&CN")
    with pytest.raises(DomainError) as err:
        lineage.check_name_span([OLD], valid_from=date(2025, 2, 1), valid_to=None, name_vi="Sở KH&CN")
    assert err.value.code == "org_name_overlap" and err.value.params["end"] == "28/02/2025"
    with pytest.raises(DomainError) as err:
        lineage.check_name_span([], valid_from=date(2025, 3, 1), valid_to=date(2025, 2, 1), name_vi="X")
    assert err.value.code == "org_name_dates_reversed"


def test_a_unit_in_two_clusters_or_not_existing_in_the_year_is_refused():
    with pytest.raises(DomainError) as err:
        lineage.check_membership(year=2025, unit_ids=[TUYENQUANG], taken={TUYENQUANG: "Cụm 4"},
                                 names={TUYENQUANG: "Tuyên Quang"}, valid_from=STARTS, ends={})
    assert err.value.code == "org_unit_in_two_clusters" and err.value.params["cluster"] == "Cụm 4"
    with pytest.raises(DomainError) as err:
        lineage.check_membership(year=2026, unit_ids=[HAGIANG], taken={}, names={HAGIANG: "Hà Giang"},
                                 valid_from=STARTS, ends={HAGIANG: date(2025, 7, 1)})
    assert err.value.code == "org_member_not_existing"


def test_an_ended_unit_takes_no_part_after_its_end():
    end = date(2025, 7, 1)
    lineage.check_may_take_part(unit_name="Hà Giang", end=end, on=date(2025, 6, 30))
    with pytest.raises(DomainError) as err:
        lineage.check_may_take_part(unit_name="Hà Giang", end=end, on=lineage.award_day(2025, None))
    assert err.value.code == "org_unit_ended" and err.value.params["end"] == "30/06/2025"
    # the vote of 2024 is held early in 2025, when Hà Giang still existed; the vote of 2025 is not
    assert lineage.vote_day(2024, date(2026, 11, 24)) < end <= lineage.vote_day(2025, date(2026, 11, 24))
    assert lineage.vote_day(2025, date(2025, 10, 1)) == date(2025, 10, 1)


def test_the_preview_says_what_happens_to_the_figures():
    text = lineage.describe_event(kind="merged_into", unit="Sở KH&CN Hà Giang", successors=["Sở KH&CN Tuyên Quang"],
                                  effective_on=date(2025, 7, 1))
    assert text == ("Từ 01/07/2025, Sở KH&CN Hà Giang là một phần của Sở KH&CN Tuyên Quang; số liệu đến năm 2024 "
                    "giữ nguyên dưới tên Sở KH&CN Hà Giang và hiển thị là lịch sử của đơn vị tiền thân.")
    english = lineage.describe_event(kind="merged_into", unit="Ha Giang", successors=["Tuyen Quang"],
                                     effective_on=date(2025, 7, 1), lang="en")
    assert english.startswith("From 01/07/2025, Ha Giang is part of Tuyen Quang; its figures up to 2024")


def test_copying_last_years_members_follows_mergers():
    members_2024 = [1, 2, LAOCAI, HAGIANG]
    assert lineage.carry_over_members(members_2024, 2024, MERGERS, STARTS) == members_2024
    # from 2025, Hà Giang's place goes to Tuyên Quang; a dissolved member is left out
    dissolved = [*MERGERS, Event(2, "dissolved", date(2025, 12, 31))]
    assert lineage.carry_over_members(members_2024, 2025, dissolved, STARTS) == [1, LAOCAI, TUYENQUANG]
