"""Derived history of a merged member: mean for indices, sums for counts, ratios from summed parts, never a rank,
never a partial sum, always marked derived."""

from __future__ import annotations

import pytest

from components.rules.derived import Part, derive, derived_history

LAOCAI, YENBAI, TUYENQUANG, HAGIANG = 4, 9, 8, 5
KINDS = {"dti_score": "score", "bts_stations": "count", "households_fibre": "ratio", "dti_rank": "rank",
         "mobile_coverage_pct": "percent"}


def test_the_rules_per_kind():
    assert derive("score", [Part(1, 0.70), Part(2, 0.60)]) == ("mean", pytest.approx(0.65), None, None)
    assert derive("count", [Part(1, 2432), Part(2, 1000)]) == ("sum", 3432, None, None)
    assert derive("ratio", [Part(1, None, 10, 20), Part(2, None, 30, 60)]) == ("ratio", None, 40, 80)
    assert derive("rank", [Part(1, 38), Part(2, 15)]) is None  # a rank is never averaged
    assert derive("count", [Part(1, 2432), Part(2, None)]) is None  # never a partial sum
    assert derive("ratio", [Part(1, None, 10, 20), Part(2, None, None, 60)]) is None
    assert derive("count", [Part(1, 5)]) is None


def test_derived_points_are_marked_and_leave_the_reported_ones_alone():
    rows = [
        {"unit_id": LAOCAI, "year": 2022, "indicator_code": "dti_rank", "value": 38},
        {"unit_id": YENBAI, "year": 2022, "indicator_code": "dti_rank", "value": 15},
        {"unit_id": LAOCAI, "year": 2023, "indicator_code": "dti_score", "value": 0.70},
        {"unit_id": YENBAI, "year": 2023, "indicator_code": "dti_score", "value": 0.60},
        {"unit_id": LAOCAI, "year": 2022, "indicator_code": "households_fibre", "numerator": 85760,
         "denominator": 171984},
        {"unit_id": LAOCAI, "year": 2025, "indicator_code": "dti_score", "value": 0.75},  # after the merger: own
        {"unit_id": YENBAI, "year": 2025, "indicator_code": "dti_score", "value": 0.50},
    ]
    points = derived_history(successor=LAOCAI, predecessors=[YENBAI], last_year=2024, rows=rows, kinds=KINDS)
    assert [(p.year, p.indicator_code, p.rule) for p in points] == [(2023, "dti_score", "mean")]
    point = points[0]
    assert point.derived and point.value == pytest.approx(0.65) and point.parts == (LAOCAI, YENBAI)


def test_a_successor_that_reported_nothing_before_gets_no_invented_point():
    rows = [{"unit_id": HAGIANG, "year": 2022, "indicator_code": "bts_stations", "value": 2432}]
    assert derived_history(successor=TUYENQUANG, predecessors=[HAGIANG], last_year=2024, rows=rows,
                           kinds=KINDS) == []
