"""Ranking rules of the scorecard: direction, ties, missing figures left out (not ranked last), composite weights."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.rules import scorecard
from components.rules.honours import title_rates


def measures(**by_unit):
    return pd.Series({int(k[1:]): v for k, v in by_unit.items()}, dtype="float64")


def by_unit(frame, column):
    return {int(u): (None if pd.isna(v) else v) for u, v in zip(frame["unit_id"], frame[column])}


def test_higher_is_better_puts_the_largest_figure_first():
    ranked = scorecard.rank_units(measures(u1=98.7, u2=50.0, u3=79.3))
    assert by_unit(ranked, "rank") == {1: 1, 2: 3, 3: 2}
    assert by_unit(ranked, "position") == {1: 1.0, 2: 0.0, 3: 0.5}


def test_lower_is_better_puts_the_smallest_rank_first():
    # 2022 DTI ranks: Lạng Sơn 6, Điện Biên 35, Cao Bằng 61
    ranked = scorecard.rank_units(measures(u7=6, u3=35, u6=61), better="lower")
    assert by_unit(ranked, "rank") == {7: 1, 3: 2, 6: 3}
    assert by_unit(ranked, "position") == {7: 1.0, 3: 0.5, 6: 0.0}


def test_a_unit_that_did_not_report_is_left_out_not_ranked_last():
    ranked = scorecard.rank_units(measures(u1=10, u2=float("nan"), u3=30), better="higher")
    assert by_unit(ranked, "rank") == {1: 2, 2: None, 3: 1}
    assert by_unit(ranked, "position") == {1: 0.0, 2: None, 3: 1.0}
    assert set(ranked["ranked_count"]) == {2}


def test_equal_figures_share_a_rank():
    ranked = scorecard.rank_units(measures(u1=100, u2=100, u3=90))
    assert by_unit(ranked, "rank") == {1: 1, 2: 1, 3: 3}


def test_one_reporting_unit_has_a_rank_but_no_position():
    ranked = scorecard.rank_units(measures(u1=5, u2=float("nan")))
    assert by_unit(ranked, "rank") == {1: 1, 2: None}
    assert by_unit(ranked, "position") == {1: None, 2: None}


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError):
        scorecard.rank_units(measures(u1=1), better="sideways")


def _positions():
    values = pd.DataFrame([
        {"unit_id": 1, "year": 2022, "indicator_code": "cover", "measure": 90.0},
        {"unit_id": 2, "year": 2022, "indicator_code": "cover", "measure": 80.0},
        {"unit_id": 3, "year": 2022, "indicator_code": "cover", "measure": 70.0},
        {"unit_id": 1, "year": 2022, "indicator_code": "dti", "measure": 50.0},
        {"unit_id": 2, "year": 2022, "indicator_code": "dti", "measure": 10.0},
        # unit 3 did not report its DTI rank; a 2021 figure must not count for 2022
        {"unit_id": 3, "year": 2021, "indicator_code": "dti", "measure": 1.0},
    ])
    catalogue = pd.DataFrame({"indicator_code": ["cover", "dti"], "better": ["higher", "lower"]})
    return scorecard.positions(values, catalogue, [1, 2, 3], 2022)


def test_positions_keep_a_row_for_the_missing_cell():
    pos = _positions()
    assert len(pos) == 6
    dti = pos[pos["indicator_code"] == "dti"]
    assert by_unit(dti, "rank") == {1: 2, 2: 1, 3: None}
    assert by_unit(dti, "measure") == {1: 50.0, 2: 10.0, 3: None}


def test_composite_counts_only_reported_indicators():
    ranking = scorecard.composite_ranking(_positions(), {})
    scores = by_unit(ranking, "score")
    # unit 1: cover 1.0, dti 0.0 -> 50; unit 2: cover 0.5, dti 1.0 -> 75; unit 3: cover 0.0 only -> 0
    assert scores == {1: 50.0, 2: 75.0, 3: 0.0}
    assert by_unit(ranking, "indicators_counted") == {1: 2, 2: 2, 3: 1}
    assert list(ranking["unit_id"]) == [2, 1, 3]


def test_weights_change_the_composite_order():
    ranking = scorecard.composite_ranking(_positions(), {"cover": 3.0, "dti": 1.0})
    # unit 1: (3*1 + 0)/4 = 75; unit 2: (3*0.5 + 1)/4 = 62.5
    assert by_unit(ranking, "score")[1] == pytest.approx(75.0)
    assert by_unit(ranking, "score")[2] == pytest.approx(62.5)
    assert list(ranking["rank"])[:2] == [1, 2] and list(ranking["unit_id"])[:2] == [1, 2]


def test_a_zero_weight_leaves_the_indicator_out():
    ranking = scorecard.composite_ranking(_positions(), {"cover": 0.0})
    assert by_unit(ranking, "score") == {1: 0.0, 2: 100.0, 3: None}
    assert by_unit(ranking, "rank") == {1: 2, 2: 1, 3: None}


def test_change_of_a_rank_that_falls_is_an_improvement():
    values = pd.DataFrame([
        {"unit_id": 3, "year": 2021, "indicator_code": "dti_rank", "measure": 37.0},
        {"unit_id": 3, "year": 2022, "indicator_code": "dti_rank", "measure": 35.0},
        {"unit_id": 2, "year": 2021, "indicator_code": "dti_rank", "measure": 48.0},
        {"unit_id": 2, "year": 2022, "indicator_code": "dti_rank", "measure": 53.0},
        {"unit_id": 4, "year": 2022, "indicator_code": "dti_rank", "measure": 38.0},
    ])
    change = scorecard.change_from_previous(values, [2, 3, 4], "dti_rank", 2022, better="lower")
    assert by_unit(change, "change") == {2: 5.0, 3: -2.0, 4: None}
    assert by_unit(change, "improved") == {2: False, 3: True, 4: None}


def test_title_rates_against_targets_and_missing_staff():
    values = pd.DataFrame([
        {"unit_id": 1, "year": 2023, "indicator_code": "staff_total", "measure": 100.0},
        {"unit_id": 1, "year": 2023, "indicator_code": "staff_ldtt", "measure": 92.0},
        {"unit_id": 1, "year": 2023, "indicator_code": "staff_cstdcs", "measure": 12.0},
        {"unit_id": 2, "year": 2023, "indicator_code": "staff_ldtt", "measure": 40.0},
    ])
    rates = title_rates(values, [1, 2], 2023)
    ldtt = rates[rates["indicator_code"] == "ldtt_of_staff"]
    assert by_unit(ldtt, "rate") == {1: 92.0, 2: None}
    assert by_unit(ldtt, "meets_target") == {1: True, 2: None}
    cstdcs = rates[rates["indicator_code"] == "cstdcs_of_staff"]
    assert by_unit(cstdcs, "meets_target") == {1: False, 2: None}
    assert set(rates["target"]) == {90.0, 15.0}
    # the legal cap, named apart: 12 CSTĐCS of 92 LĐTT is 13% (within 15%); unit 2 reported no CSTĐCS
    cap = rates[rates["indicator_code"] == "cstdcs_of_ldtt"]
    assert set(cap["limit_kind"]) == {"cap"} and set(ldtt["limit_kind"]) == {"target"}
    assert by_unit(cap, "meets_target") == {1: True, 2: None}
    assert by_unit(cap, "rate")[1] == pytest.approx(12 / 92 * 100)


def test_cluster_average_pools_numerators_when_every_unit_gave_them():
    m = pd.Series([50.0, 100.0, float("nan")], index=[0, 1, 2])
    num = pd.Series([1.0, 300.0, float("nan")], index=[0, 1, 2])
    den = pd.Series([2.0, 300.0, float("nan")], index=[0, 1, 2])
    assert scorecard.cluster_average(m, num, den) == pytest.approx(100 * 301 / 302)
    assert scorecard.cluster_average(m) == pytest.approx(75.0)
    assert math.isnan(scorecard.cluster_average(pd.Series([float("nan")])))


def test_comparable_position_puts_last_of_34_at_the_bottom_like_last_of_63():
    assert scorecard.comparable_position(1, 63) == 1.0
    assert scorecard.comparable_position(34, 34) == 0.0
    assert scorecard.comparable_position(61, 63) == pytest.approx(2 / 62)
    assert scorecard.share_ranked_ahead(34, 34) == 1.0
    assert scorecard.share_ranked_ahead(6, 63) == pytest.approx(5 / 62)
    assert math.isnan(scorecard.comparable_position(None, 63))
    assert math.isnan(scorecard.comparable_position(5, None))
    assert math.isnan(scorecard.comparable_position(1, 1))


def test_rank_breaks_are_the_years_where_the_number_ranked_changes():
    assert scorecard.rank_breaks({2021: 63, 2022: 63, 2023: 63, 2024: 34}) == [(2024, 63, 34)]
    # a year with no N (nobody reported) is skipped, not a break
    assert scorecard.rank_breaks({2022: 63, 2023: float("nan"), 2024: 63}) == []
    assert scorecard.rank_breaks({}) == []


def test_positions_compare_ranks_with_different_n_by_comparable_position():
    # the same year entered out of 34 by a merged province and out of 63 by another: 34/34 is last, not ahead of
    # 40/63 as the raw ranks would say
    values = pd.DataFrame([
        {"unit_id": 1, "year": 2024, "indicator_code": "dti", "measure": 34.0, "ranked_of": 34.0},
        {"unit_id": 2, "year": 2024, "indicator_code": "dti", "measure": 40.0, "ranked_of": 63.0},
        {"unit_id": 3, "year": 2024, "indicator_code": "dti", "measure": 2.0, "ranked_of": 34.0},
    ])
    catalogue = pd.DataFrame({"indicator_code": ["dti"], "better": ["lower"], "kind": ["rank"]})
    pos = scorecard.positions(values, catalogue, [1, 2, 3], 2024)
    assert by_unit(pos, "rank") == {1: 3, 2: 2, 3: 1}
    assert by_unit(pos, "position") == {1: 0.0, 2: 0.5, 3: 1.0}
    ranking = scorecard.composite_ranking(pos, {})
    assert list(ranking["unit_id"]) == [3, 2, 1]


def test_no_change_is_shown_between_ranks_out_of_different_numbers():
    values = pd.DataFrame([
        {"unit_id": 6, "year": 2023, "indicator_code": "dti_rank", "measure": 61.0, "ranked_of": 63.0},
        {"unit_id": 6, "year": 2024, "indicator_code": "dti_rank", "measure": 34.0, "ranked_of": 34.0},
        {"unit_id": 7, "year": 2023, "indicator_code": "dti_rank", "measure": 5.0, "ranked_of": 63.0},
        {"unit_id": 7, "year": 2024, "indicator_code": "dti_rank", "measure": 4.0, "ranked_of": 63.0},
    ])
    change = scorecard.change_from_previous(values, [6, 7], "dti_rank", 2024, better="lower")
    # 61 of 63 to 34 of 34 is not "27 places better"
    assert by_unit(change, "change") == {6: None, 7: -1.0}
    assert by_unit(change, "improved") == {6: None, 7: True}
    assert by_unit(change, "comparable") == {6: False, 7: True}


# --- the plain-Python positions and composite (fast at the Khối's scale) agree with the one-indicator ranking ----

_figure = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.5, 50.0, 99.9, 100.0]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_figure, min_size=4, max_size=4), min_size=1, max_size=5),
       st.lists(st.sampled_from(["higher", "lower"]), min_size=5, max_size=5),
       st.dictionaries(st.sampled_from(["i0", "i1", "i2", "i3", "i4"]), st.sampled_from([0.0, 0.5, 1.0, 3.0])))
def test_positions_and_composite_agree_with_ranking_each_indicator_alone(table, directions, weights):
    unit_ids = [11, 12, 13, 14]
    codes = [f"i{k}" for k in range(len(table))]
    values = pd.DataFrame([{"unit_id": u, "year": 2024, "indicator_code": code, "measure": m}
                           for code, row in zip(codes, table) for u, m in zip(unit_ids, row) if m is not None],
                          columns=["unit_id", "year", "indicator_code", "measure"])
    catalogue = pd.DataFrame({"indicator_code": codes, "better": directions[:len(codes)], "kind": "count"})
    pos = scorecard.positions(values, catalogue, unit_ids, 2024)
    assert len(pos) == len(codes) * len(unit_ids)
    for code, row, better in zip(codes, table, directions):
        alone = scorecard.rank_units(pd.Series([math.nan if m is None else m for m in row], index=unit_ids), better)
        mine = pos[pos["indicator_code"] == code].reset_index(drop=True)
        assert mine["rank"].tolist() == alone["rank"].tolist()
        assert mine["ranked_count"].tolist() == alone["ranked_count"].tolist()
        assert mine["position"].fillna(-1.0).tolist() == pytest.approx(alone["position"].fillna(-1.0).tolist())
    # the composite: weighted mean of the positions a unit has, scaled to 0-100, ranked best first
    ranking = scorecard.composite_ranking(pos, weights)
    for unit_id in unit_ids:
        mine = pos[(pos["unit_id"] == unit_id) & pos["position"].notna()]
        w = [weights.get(c, 1.0) for c in mine["indicator_code"]]
        counted = [(p, x) for p, x in zip(mine["position"], w) if x > 0]
        total = sum(x for _, x in counted)
        row = ranking[ranking["unit_id"] == unit_id].iloc[0]
        if total > 0:
            assert row["score"] == pytest.approx(100 * sum(p * x for p, x in counted) / total)
            better_units = (ranking["score"].round(6) > round(row["score"], 6)).sum()
            assert row["rank"] == 1 + better_units
        else:
            assert pd.isna(row["score"]) and pd.isna(row["rank"])
        assert row["indicators_counted"] == len(counted)
