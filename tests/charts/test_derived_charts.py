"""Derived figures of a merged member in the charts (issue 21, item 5): each derived row is marked in the spec's
data, drawn apart (pale, dashed outline), named in the tooltip and in a note, listed in the view's table; a chart
without derived figures carries none of it."""

import csv
import io

import pandas as pd
import pytest

from components.charts import awards_received as award_charts
from components.charts import common as chart_common
from components.charts import coverage as coverage_charts
from components.charts import rankings as ranking_charts
from components.charts.views import ALL_FIELDS, Choices, ComparisonData, build_view
from components.documents import exports
from tests.charts.test_charts import CATALOGUE, MEMBERS, find, indicator, rows, valid

LAOCAI, LANGSON, CAOBANG = 4, 7, 6
RATIO_SOURCE = "Suy ra: tổng tử số trên tổng mẫu số của Lào Cai, Yên Bái"
SUM_SOURCE = "Suy ra: tổng của Lào Cai, Yên Bái"
MARKED = "Cột nhạt, viền nét đứt: số liệu suy ra từ các tỉnh hợp thành, không phải số liệu báo cáo."


def figure(unit_id, year, code, measure, numerator=None, denominator=None, rule="reported", sources=None):
    return {"unit_id": unit_id, "year": year, "indicator_code": code, "value": None if numerator else measure,
            "numerator": numerator, "denominator": denominator, "ranked_of": None, "measure": measure,
            "state": "locked", "rule": rule, "sources": sources or ("?",)}


VALUES = pd.DataFrame([
    # Lào Cai's 2022 villages: Lào Cai's 1542/1562 and Yên Bái's 1000/1200, summed (92,0%)
    figure(LAOCAI, 2022, "villages_mobile_covered", 100 * 2542 / 2762, 2542, 2762, "ratio", ("Lào Cai", "Yên Bái")),
    figure(LANGSON, 2022, "villages_mobile_covered", 100 * 46 / 128, 46, 128, sources=("Lạng Sơn",)),
    figure(LAOCAI, 2021, "bts_sites", 2500, rule="sum", sources=("Lào Cai", "Yên Bái")),
    figure(LAOCAI, 2022, "bts_sites", 2600, sources=("Lào Cai",)),
    figure(CAOBANG, 2021, "bts_sites", 968, sources=("Cao Bằng",)),
    figure(CAOBANG, 2022, "bts_sites", 1037, sources=("Cao Bằng",)),
])


def bar_layer(spec):
    return find(spec, lambda d: d.get("mark") in ("bar", {"type": "bar"}))[0]


def test_a_derived_coverage_bar_is_marked_in_the_data_the_marks_the_tooltip_and_the_subtitle():
    ind = indicator("villages_mobile_covered")
    frame = coverage_charts.coverage_frame(VALUES, MEMBERS, ind, 2022)
    by_unit = frame.set_index("unit")
    assert by_unit.at["Lào Cai", "derived"] and by_unit.at["Lào Cai", "source"] == RATIO_SOURCE
    assert by_unit.at["Lào Cai", "label"] == "92,0%"
    assert not by_unit.at["Lạng Sơn", "derived"] and by_unit.at["Lạng Sơn", "source"] == "Báo cáo"
    assert by_unit.at["Sơn La", "source"] == "" and not by_unit.at["Sơn La", "derived"]  # nothing to source
    spec = valid(coverage_charts.coverage_chart(frame, ind, 2022))
    data = {r["unit"]: r for r in rows(spec)}
    assert data["Lào Cai"]["derived"] is True and data["Lào Cai"]["source"] == RATIO_SOURCE
    assert data["Lạng Sơn"]["derived"] is False
    encoding = bar_layer(spec)["encoding"]
    assert encoding["opacity"] == {"condition": {"test": chart_common.IS_DERIVED, "value": 0.45}, "value": 1}
    assert encoding["strokeDash"]["condition"] == {"test": chart_common.IS_DERIVED, "value": [4, 3]}
    assert "Nguồn số liệu" in [t["title"] for t in encoding["tooltip"]]
    assert spec["title"]["subtitle"] == MARKED


def test_a_chart_without_derived_figures_says_nothing_of_them():
    reported = VALUES[VALUES["rule"] == "reported"]
    ind = indicator("villages_mobile_covered")
    spec = coverage_charts.coverage_chart(coverage_charts.coverage_frame(reported, MEMBERS, ind, 2022), ind, 2022)
    assert "subtitle" not in spec["title"]
    view = build_view("coverage", dataset(reported), choices(), "vi")
    assert view.derived is None and MARKED not in view.notes


def test_a_frame_without_source_columns_counts_as_reported():
    plain = VALUES.drop(columns=["rule", "sources"])
    frame = coverage_charts.coverage_frame(plain, MEMBERS, indicator("villages_mobile_covered"), 2022)
    assert not frame["derived"].any() and set(frame["source"]) == {"Báo cáo", ""}


def dataset(values):
    return ComparisonData(2022, 1, ("Cụm 2", "Cluster 2"), MEMBERS, CATALOGUE, values,
                          pd.DataFrame(columns=["unit_id", "year", "form", "level", "recipient", "count", "state"]),
                          {}, pd.DataFrame(columns=["year", "unit_id", "name_vi", "name_en", "proposed_award"]),
                          history="derived")


def choices():
    return Choices(2022, None, ALL_FIELDS, "villages_mobile_covered", "dti_rank", "bts_sites")


def test_the_coverage_view_lists_its_derived_figures_in_a_note_and_a_table():
    view = build_view("coverage", dataset(VALUES), choices(), "vi")
    assert MARKED in view.notes
    assert ("Số liệu suy ra (không phải số liệu báo cáo): Lào Cai 2022 (suy ra: tổng tử số trên tổng mẫu số của "
            "Lào Cai, Yên Bái).") in view.notes
    assert view.derived.to_dict("records") == [{"Tỉnh": "Lào Cai", "Năm thi đua": "2022",
                                                "Chỉ tiêu": "Thôn/bản được phủ sóng di động", "Giá trị": "92,0%",
                                                "Nguồn số liệu": RATIO_SOURCE}]
    english = build_view("coverage", dataset(VALUES), choices(), "en")
    assert english.derived["Source of the figure"].tolist() == [
        "Derived: summed numerators over summed denominators of Lào Cai, Yên Bái"]


def test_the_change_on_a_derived_previous_year_says_which_year_is_derived():
    frame = coverage_charts.change_frame(VALUES, MEMBERS, indicator("bts_sites"), 2022)
    laocai = frame.set_index("unit").loc["Lào Cai"]
    assert laocai["change"] == 100 and laocai["derived"]
    assert laocai["previous_source"] == SUM_SOURCE and laocai["current_source"] == "Báo cáo"
    caobang = frame.set_index("unit").loc["Cao Bằng"]
    assert not caobang["derived"] and caobang["previous_source"] == "Báo cáo"
    spec = valid(coverage_charts.change_chart(frame, indicator("bts_sites"), 2022))
    assert {r["unit"]: r["derived"] for r in rows(spec)}["Lào Cai"] is True
    encoding = bar_layer(spec)["encoding"]
    assert encoding["opacity"]["condition"]["test"] == chart_common.IS_DERIVED
    assert "Nguồn số liệu năm trước" in [t["title"] for t in encoding["tooltip"]]
    assert spec["title"]["subtitle"] == MARKED
    view = build_view("change", dataset(VALUES), choices(), "vi")
    assert view.derived[["Tỉnh", "Năm thi đua", "Giá trị", "Nguồn số liệu"]].values.tolist() == [
        ["Lào Cai", "2021", "2.500", SUM_SOURCE]]


def test_a_scorecard_cell_from_a_derived_figure_has_a_dashed_frame_and_the_composite_says_so():
    frame = ranking_charts.scorecard_frame(VALUES, MEMBERS, CATALOGUE, 2022,
                                           indicator_codes=["villages_mobile_covered"])
    assert frame.set_index("unit").at["Lào Cai", "derived"]
    spec = valid(ranking_charts.scorecard_chart(frame, 2022))
    dashed = find(spec, lambda d: d.get("transform") == [{"filter": chart_common.IS_DERIVED}])
    assert dashed and dashed[0]["mark"]["strokeDash"] == chart_common.DERIVED_DASH
    assert spec["title"]["subtitle"].startswith("Ô viền nét đứt")
    table = ranking_charts.composite_table(frame, MEMBERS, {}).set_index("Tỉnh")
    assert table.at["Lào Cai", "Nguồn số liệu"] == "Gồm 1 vị trí tính từ số liệu suy ra"
    assert table.at["Lạng Sơn", "Nguồn số liệu"] == "Báo cáo"


def test_a_staff_share_from_derived_staff_figures_is_marked():
    staff = pd.DataFrame([
        figure(LAOCAI, 2022, "staff_total", 100, rule="sum", sources=("Lào Cai", "Yên Bái")),
        figure(LAOCAI, 2022, "staff_ldtt", 70, rule="sum", sources=("Lào Cai", "Yên Bái")),
        figure(LANGSON, 2022, "staff_total", 50, sources=("Lạng Sơn",)),
        figure(LANGSON, 2022, "staff_ldtt", 40, sources=("Lạng Sơn",)),
    ])
    frame = award_charts.rates_frame(staff, MEMBERS, 2022)
    ldtt = frame[frame["indicator_code"] == "ldtt_of_staff"].set_index("unit")
    assert ldtt.at["Lào Cai", "derived"] and ldtt.at["Lào Cai", "source"] == SUM_SOURCE
    assert not ldtt.at["Lạng Sơn", "derived"]
    spec = valid(award_charts.rates_chart(frame, 2022))
    assert bar_layer(spec)["encoding"]["opacity"]["condition"]["test"] == chart_common.IS_DERIVED


def test_the_csv_behind_a_chart_names_the_source_of_every_figure():
    frame = coverage_charts.coverage_frame(VALUES, MEMBERS, indicator("villages_mobile_covered"), 2022)
    table = exports.export_table(frame)
    assert "Nguồn số liệu" in table.columns
    assert not {"derived", "reported"} & set(table.columns)  # no raw True/False column
    read = {r["Tỉnh"]: r for r in csv.DictReader(io.StringIO(exports.table_csv(table).decode("utf-8-sig")))}
    assert read["Lào Cai"]["Nguồn số liệu"] == RATIO_SOURCE and read["Lào Cai"]["Hiển thị"] == "92,0%"
    assert read["Lạng Sơn"]["Nguồn số liệu"] == "Báo cáo"
    assert read["Sơn La"]["Nguồn số liệu"] == "" and read["Sơn La"]["Hiển thị"] == "chưa báo cáo"
    change = exports.export_table(coverage_charts.change_frame(VALUES, MEMBERS, indicator("bts_sites"), 2022))
    assert {"Nguồn số liệu năm nay", "Nguồn số liệu năm trước"} <= set(change.columns)
    assert change.set_index("Tỉnh").at["Lào Cai", "Nguồn số liệu năm trước"] == SUM_SOURCE


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_source_reads_as_words(lang):
    for rule in ("reported", "carried", "mean", "sum", "ratio"):
        words = chart_common.source_text(rule, ("Tuyên Quang", "Hà Giang"), lang)
        assert "_" not in words and "charts." not in words and words[0].isupper()
    assert chart_common.source_text("mean", ("Tuyên Quang", "Hà Giang")) == "Suy ra: trung bình của Tuyên Quang, Hà Giang"
