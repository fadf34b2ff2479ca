"""The criteria table's rules: formulas, bands with floors, quotas, the Government flag's share, trimmed means,
evidence types; properties checked with hypothesis."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.rules.criteria import (
    Band,
    Condition,
    CriteriaTable,
    Criterion,
    check_points,
    check_table,
    classify,
    computed_points,
    cross_figure,
    government_flag_cap,
    total,
    trimmed_mean,
)
from components.rules.eligibility import proposed_units, standings
from components.rules.errors import DomainError
from components.rules.evidence import check_evidence_file
from components.rules.figures import Figure

# Nghệ An's bands (SCORING.md §1): >= 90 and none under 85% -> excellent; 80-<90 and none under 80% -> good; ...
NGHE_AN = (
    Band("excellent", "Hoàn thành xuất sắc", "Excellent", 90, None, 85, cap_of="good", cap_pct=20),
    Band("good", "Hoàn thành tốt", "Good", 80, 90, 80),
    Band("done", "Hoàn thành", "Completed", 70, 80, 70),
)


def _table(criteria=None, bands=NGHE_AN, **kw) -> CriteriaTable:
    criteria = criteria or tuple(Criterion(f"c{i}", "A", f"Tiêu chí {i}", f"Criterion {i}", 10) for i in range(9))
    criteria = tuple(criteria) + (Criterion("bonus", "B", "Điểm thưởng", "Bonus", 10, kind="bonus",
                                            evidence_required=False),)
    return CriteriaTable(scale=100, criteria=criteria, bands=bands, flag_band="excellent", **kw)


def _points(base: float, n: int = 9, bonus: float = 0.0) -> dict[str, float]:
    return {**{f"c{i}": base for i in range(n)}, "bonus": bonus}


# --- formulas -----------------------------------------------------------------------------------------------


def test_ratio_formula_gives_points_in_proportion_to_the_percentage():
    c = Criterion("dvc", "A", "DVC", "DVC", 10, indicator_code="x", formula="ratio")
    assert computed_points(c, Figure(numerator=45, denominator=60)) == pytest.approx(7.5)
    assert computed_points(c, Figure(value=120.0)) == 10  # capped at 100%
    assert computed_points(c, None) is None  # missing is not zero


def test_rank_bands_top_10_full_points_top_20_half():
    c = Criterion("dti", "A", "DTI", "DTI", 20, indicator_code="dti", formula="rank_band",
                  params={"bands": [[20, 0.5], [10, 1.0]]})
    assert computed_points(c, Figure(value=3, ranked_of=63)) == 20
    assert computed_points(c, Figure(value=10, ranked_of=63)) == 20
    assert computed_points(c, Figure(value=11, ranked_of=63)) == 10
    assert computed_points(c, Figure(value=40, ranked_of=63)) == 0


def test_target_met_gives_full_points_else_in_proportion():
    c = Criterion("t", "A", "T", "T", 10, indicator_code="x", formula="target", params={"target": 80})
    assert computed_points(c, Figure(value=85)) == 10
    assert computed_points(c, Figure(value=40)) == 5
    assert computed_points(c, Figure(value=160), better="lower") == 5


def test_award_bonus_follows_the_table_and_stops_at_the_maximum():
    c = Criterion("thuong", "B", "Thưởng", "Bonus", 15, kind="bonus", formula="award",
                  params={"points": {"ministry:co_thi_dua": 10, "government": 15}})
    assert computed_points(c, awards=[("ministry", "co_thi_dua")]) == 10
    assert computed_points(c, awards=[("ministry", "bang_khen")]) == 0
    assert computed_points(c, awards=[("ministry", "co_thi_dua"), ("government", "co_thi_dua")]) == 15


@given(num=st.integers(0, 10_000), den=st.integers(1, 10_000), m=st.floats(0.5, 1000))
def test_ratio_points_never_leave_zero_to_max(num, den, m):
    c = Criterion("r", "A", "R", "R", m, indicator_code="x", formula="ratio")
    p = computed_points(c, Figure(numerator=min(num, den), denominator=den))
    assert 0 <= p <= m + 1e-9


# --- points and the table -------------------------------------------------------------------------------------


def test_points_above_the_maximum_or_negative_are_refused():
    c = Criterion("a", "A", "A", "A", 10)
    with pytest.raises(DomainError, match="score_above_max"):
        check_points(c, 10.5)
    with pytest.raises(DomainError, match="score_negative"):
        check_points(c, -1)
    penalty = Criterion("p", "C", "Trừ", "Penalty", 8, kind="penalty")
    check_points(penalty, -8)
    with pytest.raises(DomainError, match="score_penalty_range"):
        check_points(penalty, 2)


def test_a_table_without_criteria_or_with_overlapping_bands_is_refused():
    with pytest.raises(DomainError, match="score_table_empty"):
        check_table(CriteriaTable(scale=100, criteria=()))
    overlapping = (Band("a", "A", "A", 80, 95), Band("b", "B", "B", 90, None))
    with pytest.raises(DomainError, match="score_bands_overlap"):
        check_table(_table(bands=overlapping))
    check_table(_table())


def test_duplicate_codes_and_bad_quota_are_refused():
    twice = (Criterion("a", "A", "A", "A", 10), Criterion("a", "A", "B", "B", 10))
    with pytest.raises(DomainError, match="score_duplicate_code"):
        check_table(_table(twice))
    with pytest.raises(DomainError, match="score_bad_quota"):
        check_table(_table(flag_quota=-1))


# --- bands with floors ------------------------------------------------------------------------------------------


def test_ninety_two_with_one_criterion_under_85_percent_is_not_excellent():
    points = _points(10)
    points["c0"] = 8.0  # 80% of its maximum: under the floor of "excellent" (85%), meets "good" (80%)
    assert total(points) == 88 and classify(_table(), points)[0] == "good"
    points["bonus"] = 4.0
    band, missed = classify(_table(), points)
    assert total(points) == 92 and band == "good" and missed["excellent"] == ["c0"]


def test_bands_follow_the_nghe_an_example():
    assert classify(_table(), _points(10))[0] == "excellent"
    assert classify(_table(), _points(9))[0] == "good"  # 81
    assert classify(_table(), _points(8))[0] == "done"  # 72
    assert classify(_table(), _points(7))[0] is None  # 63: not completed


@settings(max_examples=200)
@given(st.lists(st.floats(0, 10, allow_nan=False), min_size=9, max_size=9), st.floats(0, 10, allow_nan=False))
def test_total_is_the_sum_of_the_criteria_and_the_band_respects_its_floor(base, bonus):
    points = {f"c{i}": p for i, p in enumerate(base)} | {"bonus": bonus}
    assert math.isclose(total(points), sum(base) + bonus, abs_tol=1e-9)
    band, _ = classify(_table(), points)
    if band is not None:
        chosen = next(b for b in NGHE_AN if b.code == band)
        assert total(points) + 1e-9 >= chosen.min_total
        assert all(p + 1e-9 >= 10 * chosen.floor_pct / 100 for p in base)


# --- eligibility, quota, shares ----------------------------------------------------------------------------------


def test_eligibility_gives_band_conditions_and_quota_with_reasons():
    table = _table(conditions=(Condition("ldxs", "Tập thể LĐXS", "Excellent collective"),), flag_quota=1)
    points = {1: _points(10), 2: _points(10, bonus=5), 3: _points(9), 4: _points(10, bonus=2)}
    # enough "good" units that the 20% cap of "excellent" does not bite here
    points |= {u: _points(9) for u in range(5, 20)}
    rows = {r.unit_id: r for r in standings(table, points, {1: {"ldxs"}, 2: {"ldxs"}, 4: set()})}
    assert rows[2].proposed and rows[2].rank == 1
    assert not rows[1].proposed and rows[1].reasons[0][0] == "over_quota"
    assert rows[4].reasons[0][0] == "conditions_missing" and not rows[4].meets_standard
    assert rows[3].reasons[0][0] == "total_low"
    assert proposed_units(list(rows.values())) == [2]


def test_excellent_band_capped_at_20_percent_of_good():
    table = _table()
    points = {u: _points(10) for u in (1, 2, 3)} | {u: _points(9) for u in range(4, 14)}  # 3 excellent, 10 good
    points[1]["bonus"] = 3.0
    rows = {r.unit_id: r for r in standings(table, points)}
    assert rows[1].band == rows[2].band == "excellent"  # 20% of 10 "good" units: 2 may stay "excellent"
    assert rows[3].band == "good" and rows[3].capped and rows[3].reasons[0][0] == "band_capped"


def test_government_flag_at_most_twenty_percent():
    assert government_flag_cap(5) == 1 and government_flag_cap(4) == 0 and government_flag_cap(10) == 2


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=40), st.floats(0, 100))
def test_quota_never_proposes_more_than_the_units_meeting_the_standard(values, pct):
    assert 0 <= government_flag_cap(len(values), pct) <= len(values)


@given(st.lists(st.floats(0, 1000, allow_nan=False), min_size=1, max_size=30), st.integers(0, 5))
def test_trimmed_mean_lies_between_min_and_max(values, trim):
    m = trimmed_mean(values, trim)
    assert min(values) - 1e-6 <= m <= max(values) + 1e-6


def test_trimmed_mean_drops_the_extremes():
    assert trimmed_mean([0, 8, 9, 10, 100], 1) == 9


def test_cross_scoring_excludes_the_units_own_score():
    scores = {1: 100.0, 2: 8.0, 3: 9.0, 4: 10.0}
    assert cross_figure(scores, own_unit_id=1) == 9
    assert cross_figure({1: 5.0}, own_unit_id=1) != cross_figure({1: 5.0}, own_unit_id=1)  # NaN: nobody else
    assert cross_figure({2: 0.0, 3: 9.0, 4: 10.0, 5: 11.0, 1: 50}, 1, "trimmed_mean", 1) == 9.5


# --- evidence ---------------------------------------------------------------------------------------------------


def test_evidence_type_is_read_from_the_bytes_not_the_name():
    assert check_evidence_file("qd.pdf", b"%PDF-1.7\n...") == "application/pdf"
    assert check_evidence_file("anh.png", b"\x89PNG\r\n\x1a\n....") == "image/png"
    with pytest.raises(DomainError, match="evidence_bad_type"):
        check_evidence_file("quyet-dinh.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(DomainError, match="evidence_too_large"):
        check_evidence_file("big.pdf", b"%PDF-" + b"0" * 100, max_bytes=50)


def test_the_table_round_trips_through_excel_and_a_bad_file_is_refused():
    from components.documents.criteria_workbook import table_from_xlsx, table_to_xlsx
    from components.rules.criteria import EXAMPLE_TABLE

    assert table_from_xlsx(table_to_xlsx(EXAMPLE_TABLE)) == EXAMPLE_TABLE
    with pytest.raises(DomainError, match="score_bad_workbook"):
        table_from_xlsx(b"%PDF-1.4 not a workbook")
