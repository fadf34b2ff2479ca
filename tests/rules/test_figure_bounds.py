"""Figures that cannot be true are refused: a count is a whole number, and every indicator of the catalogue has a
hard plausible upper bound (sample_data/indicators.csv, reasons in docs/indicator_bounds.md); the soft "unusual
compared with last year" warning is for values inside the bound."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from components.i18n.catalogue import translate
from components.rules.figures import Figure, figure_from_text, unusual, validate_figure

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = {r["code"]: r for r in csv.DictReader(open(ROOT / "sample_data" / "indicators.csv", encoding="utf-8"))}


def codes(problems):
    return [(p.part, p.code) for p in problems]


def bound(code: str) -> float:
    return float(CATALOGUE[code]["max"])


def test_every_indicator_of_the_catalogue_has_an_upper_bound():
    assert [c for c, r in CATALOGUE.items() if not r["max"]] == []
    assert all(float(r["max"]) > float(r["min"] or 0) for r in CATALOGUE.values())


def test_every_bound_is_explained_in_the_bounds_document():
    text = (ROOT / "docs" / "indicator_bounds.md").read_text(encoding="utf-8")
    assert [c for c, r in CATALOGUE.items() if r["kind"] not in ("percent", "score") and f"`{c}`" not in text] == []


@pytest.mark.parametrize("typed", ["12,5", "0,5", "74,01"])
def test_a_count_with_a_fraction_is_refused(typed):
    figure, parse_problems = figure_from_text("count", {"value": typed})
    assert parse_problems == []
    assert codes(validate_figure("count", 0, bound("post_offices_multiservice"), figure)) == [("value", "count_whole")]


def test_both_sides_of_a_ratio_of_things_counted_are_whole():
    max_value = bound("villages_mobile_covered")
    assert codes(validate_figure("ratio", 0, max_value, Figure(numerator=12.5, denominator=20))) == [
        ("numerator", "count_whole")]
    assert codes(validate_figure("ratio", 0, max_value, Figure(numerator=12, denominator=20.5))) == [
        ("denominator", "count_whole")]
    assert validate_figure("ratio", 0, max_value, Figure(numerator=1542, denominator=1562)) == []


@pytest.mark.parametrize("typed", ["1e300", "1001", "1.000.000"])
def test_a_count_beyond_its_bound_is_refused(typed):
    figure, _ = figure_from_text("count", {"value": typed})
    assert codes(validate_figure("count", 0, bound("post_offices_multiservice"), figure)) == [("value", "above_max")]


def test_the_bound_holds_for_the_denominator_of_a_ratio_and_the_number_ranked():
    assert codes(validate_figure("ratio", 0, bound("villages_mobile_covered"),
                                 Figure(numerator=10, denominator=1e300))) == [("denominator", "above_max")]
    assert codes(validate_figure("rank", 1, bound("dti_rank"), Figure(value=5, ranked_of=640))) == [
        ("ranked_of", "above_max")]
    assert validate_figure("rank", 1, bound("dti_rank"), Figure(value=5, ranked_of=34)) == []


def test_a_rate_per_100_people_is_not_a_count_and_may_have_decimals():
    row = CATALOGUE["mobile_subs_per_100"]
    assert row["kind"] == "score"
    assert validate_figure(row["kind"], 0, float(row["max"]), Figure(value=104.5)) == []


def test_the_unusual_warning_stays_for_values_inside_the_bound():
    max_value = bound("bts_sites")
    inside = Figure(value=9000)  # ten times last year's 800, still a possible number of BTS sites
    assert validate_figure("count", 0, max_value, inside) == []
    assert unusual(inside, Figure(value=800))
    assert not unusual(Figure(value=850), Figure(value=800))


def test_the_message_names_the_indicator_by_its_label_not_its_code():
    params = {"max": "1.000", "name_vi": "Điểm Bưu điện văn hoá xã đa dịch vụ",
              "name_en": "Commune post offices upgraded to multi-service"}
    vi = translate("err.entry_above_max", "vi", **params)
    assert vi.startswith("Điểm Bưu điện văn hoá xã đa dịch vụ: không thể lớn hơn 1.000")
    assert "post_offices_multiservice" not in vi
    whole = translate("err.entry_count_whole", "vi", **params)
    assert whole.startswith("Điểm Bưu điện văn hoá xã đa dịch vụ: phải là số nguyên")


def test_every_unit_of_measure_of_the_catalogue_has_vietnamese_words():
    from components.documents.results_workbook import uom_label

    untranslated = sorted({r["unit"] for r in CATALOGUE.values()
                           if uom_label(r["unit"], "vi") == r["unit"] and r["unit"] not in ("%",)})
    assert untranslated == []
