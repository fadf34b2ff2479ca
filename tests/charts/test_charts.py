"""Chart specs: reversed DTI axis, unreported figures absent (never 0) and labelled "chưa báo cáo", ranking direction
in the scorecard, Vietnamese number labels, the highlight and the click selection on every chart."""

import json
import math

import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from components.charts import awards_received as award_charts
from components.charts import common as chart_common
from components.charts import coverage as coverage_charts
from components.charts import dti as dti_charts
from components.charts import rankings as ranking_charts
from components.charts.views import ALL_FIELDS, Choices, ComparisonData, build_views

MEMBERS = pd.DataFrame({
    "unit_id": [1, 2, 3, 4, 5, 6, 7],
    "unit_code": ["sonla", "laichau", "dienbien", "laocai", "hagiang", "caobang", "langson"],
    "province": ["Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn"],
    "name_vi": [f"Sở TT&TT {p}" for p in ["Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng",
                                           "Lạng Sơn"]],
    "name_en": ["Son La", "Lai Chau", "Dien Bien", "Lao Cai", "Ha Giang", "Cao Bang", "Lang Son"],
})
CATALOGUE = pd.DataFrame([
    {"indicator_id": 1, "indicator_code": "villages_mobile_covered", "field": "telecom",
     "name_vi": "Thôn/bản được phủ sóng di động", "name_en": "Villages with mobile signal", "unit": "villages",
     "kind": "ratio", "better": "higher", "sort_order": 10},
    {"indicator_id": 2, "indicator_code": "dti_rank", "field": "digital", "name_vi": "Xếp hạng DTI",
     "name_en": "DTI rank", "unit": "rank", "kind": "rank", "better": "lower", "sort_order": 180},
    {"indicator_id": 3, "indicator_code": "bts_sites", "field": "telecom", "name_vi": "Số vị trí trạm BTS",
     "name_en": "BTS sites", "unit": "sites", "kind": "count", "better": "higher", "sort_order": 100},
])


def value(unit_id, year, code, measure, numerator=None, denominator=None, ranked_of=None):
    return {"unit_id": unit_id, "year": year, "indicator_code": code, "value": None if numerator else measure,
            "numerator": numerator, "denominator": denominator, "ranked_of": ranked_of, "measure": measure,
            "updated_at": None}


VALUES = pd.DataFrame([
    value(4, 2022, "villages_mobile_covered", 100 * 1542 / 1562, 1542, 1562),
    value(7, 2022, "villages_mobile_covered", 100 * 46 / 128, 46, 128),
    value(7, 2020, "dti_rank", 16, ranked_of=63), value(7, 2021, "dti_rank", 5, ranked_of=63),
    value(7, 2022, "dti_rank", 6, ranked_of=63), value(3, 2021, "dti_rank", 37, ranked_of=63),
    value(3, 2022, "dti_rank", 35, ranked_of=63), value(6, 2022, "dti_rank", 61, ranked_of=63),
    value(6, 2021, "bts_sites", 968), value(6, 2022, "bts_sites", 1037), value(7, 2022, "bts_sites", 1308),
])
AWARDS = pd.DataFrame([
    {"unit_id": 3, "year": 2022, "form": "Cờ thi đua", "level": "ministry", "recipient": "collective", "count": 1},
    {"unit_id": 3, "year": 2022, "form": "Bằng khen", "level": "province", "recipient": "individual", "count": 4},
    {"unit_id": 7, "year": 2022, "form": "Bằng khen", "level": "minister", "recipient": "individual", "count": 2},
])


def indicator(code):
    return CATALOGUE[CATALOGUE["indicator_code"] == code].to_dict("records")[0]


_SCHEMA = load_schema()


def valid(spec: dict) -> dict:
    """The chart's spec, checked against the Vega-Lite schema: the templates are built without Altair's checks
    (common.template), so every filled spec is checked here."""
    validate_jsonschema(spec, _SCHEMA)
    assert "\u2063" not in json.dumps(spec, ensure_ascii=False), "a slot left unfilled"
    return spec


def rows(chart) -> list[dict]:
    """Rows of the chart's main dataset (the one with a unit column)."""
    spec = valid(chart)
    for data in spec.get("datasets", {}).values():
        if data and "unit" in data[0]:
            return data
    raise AssertionError("no dataset with units")


def find(spec, predicate, found=None):
    """Every dict inside the spec for which predicate is true."""
    found = [] if found is None else found
    if isinstance(spec, dict):
        if predicate(spec):
            found.append(spec)
        for v in spec.values():
            find(v, predicate, found)
    elif isinstance(spec, list):
        for v in spec:
            find(v, predicate, found)
    return found


def test_dti_plots_the_share_ranked_ahead_with_first_at_the_top_and_k_of_n_labels():
    frame = dti_charts.dti_frame(VALUES, MEMBERS, "dti_rank")
    spec = valid(dti_charts.dti_chart(frame, "dti_rank"))
    y = find(spec, lambda d: d.get("field") == "ahead" and "scale" in d)[0]
    assert y["scale"]["reverse"] is True and y["scale"]["domain"] == [0, 1]
    tooltips = find(spec, lambda d: d.get("field") == "label" and d.get("title") == "Hạng")
    assert tooltips, "the 'Hạng' tooltip shows the rank out of the number ranked"
    data = {(r["unit"], r["year"]): r for r in rows(dti_charts.dti_chart(frame, "dti_rank"))}
    assert data[("Lạng Sơn", 2022)]["label"] == "6/63"
    assert data[("Lạng Sơn", 2022)]["ahead"] == pytest.approx(5 / 62)
    assert data[("Cao Bằng", 2022)]["ahead"] == pytest.approx(60 / 62)
    # without a highlight, each province's latest point carries its "k/N"; with one, the highlighted province's
    assert find(spec, lambda d: d.get("filter") == f"{chart_common.NOBODY_HIGHLIGHTED} ? datum.latest : "
                                                   f"{chart_common.IS_HIGHLIGHTED}")
    assert chart_common.highlighted_unit(spec) is None


MERGER_VALUES = pd.concat([VALUES, pd.DataFrame([
    value(6, 2023, "dti_rank", 61, ranked_of=63), value(6, 2024, "dti_rank", 34, ranked_of=34),
    value(7, 2023, "dti_rank", 4, ranked_of=63), value(7, 2024, "dti_rank", 9, ranked_of=34)])], ignore_index=True)


def test_dti_last_of_34_after_the_merger_is_last_not_a_climb_from_61_of_63():
    frame = dti_charts.dti_frame(MERGER_VALUES, MEMBERS, "dti_rank").set_index(["unit", "year"])
    assert frame.at[("Cao Bằng", 2024), "label"] == "34/34"
    # the raw rank "improves" from 61 to 34; the comparable position says it fell to last
    assert frame.at[("Cao Bằng", 2024), "ahead"] == 1.0 > frame.at[("Cao Bằng", 2023), "ahead"]
    change = coverage_charts.change_frame(MERGER_VALUES, MEMBERS, indicator("dti_rank"), 2024).set_index("unit")
    assert change.at["Cao Bằng", "label"] == "số tỉnh xếp hạng đã đổi"
    assert change.at["Cao Bằng", "direction"] == "số tỉnh xếp hạng đã đổi"


def test_dti_marks_the_break_where_n_changes_and_no_line_crosses_it():
    frame = dti_charts.dti_frame(MERGER_VALUES, MEMBERS, "dti_rank")
    assert dti_charts.dti_breaks(frame) == [(2024, 63, 34)]
    mine = frame[frame["unit"] == "Lạng Sơn"].set_index("year")["segment"]
    assert mine[2023] == mine[2022] != mine[2024]
    spec = valid(dti_charts.dti_chart(frame, "dti_rank"))
    rules = find(spec, lambda d: d.get("mark", {}) == {"type": "rule", "strokeDash": [6, 4], "color": "#555555",
                                                         "size": 2, "xOffset": d["mark"].get("xOffset")}
                 if isinstance(d.get("mark"), dict) else False)
    assert len(rules) == 1
    assert any(r.get("break_label") == "Từ 2024: 34 tỉnh" for data in spec["datasets"].values() for r in data)
    lines = find(spec, lambda d: d.get("mark") in ("line", {"type": "line"}))
    assert lines and all(line["encoding"]["detail"]["field"] == "segment" for line in lines)
    notes = build_views(ComparisonData(2024, 1, ("Cụm", "Cluster"), MEMBERS, CATALOGUE, MERGER_VALUES,
                                       AWARDS.iloc[0:0], {}, pd.DataFrame()),
                        Choices(2024, None, ALL_FIELDS, None, "dti_rank", None))[1].notes
    assert any("34 tỉnh, thành phố sau sáp nhập" in n and "trung bình các tỉnh trước sáp nhập" in n for n in notes)


def test_dti_a_year_without_a_rank_is_a_gap_in_the_line():
    frame = dti_charts.dti_frame(MERGER_VALUES, MEMBERS, "dti_rank")
    dien_bien = frame[frame["unit"] == "Điện Biên"].set_index("year")
    # reported 2021 and 2022, nothing in 2020 or 2023: a later figure would start a new segment
    assert dien_bien["segment"][2021] == dien_bien["segment"][2022]
    assert dien_bien["segment"].isna()[2023] and dien_bien["segment"].isna()[2020]
    later = pd.concat([VALUES, pd.DataFrame([value(3, 2024, "dti_rank", 30, ranked_of=63),
                                             value(7, 2023, "dti_rank", 4, ranked_of=63)])], ignore_index=True)
    segments = dti_charts.dti_frame(later, MEMBERS, "dti_rank").set_index(["unit", "year"])["segment"]
    assert segments[("Điện Biên", 2024)] not in (None, segments[("Điện Biên", 2022)])


def test_dti_axis_has_the_same_years_for_a_role_that_sees_no_rank_of_a_year():
    # the chair sees Lạng Sơn's and Cao Bằng's 2023 drafts; a province account does not: both axes run 2020-2024
    chair = dti_charts.dti_chart(dti_charts.dti_frame(MERGER_VALUES, MEMBERS, "dti_rank"), "dti_rank")
    province_frame = dti_charts.dti_frame(MERGER_VALUES[MERGER_VALUES["year"] != 2023], MEMBERS, "dti_rank")
    province = dti_charts.dti_chart(province_frame, "dti_rank")

    def axis_years(spec):
        return {tuple(x["scale"]["domain"]) for x in find(valid(spec), lambda d: d.get("field") == "year"
                                                            and "scale" in d)}

    assert axis_years(chair) == axis_years(province) == {(2020, 2021, 2022, 2023, 2024)}
    assert 2023 not in {r["year"] for r in rows(province)}
    # and the note under the chart says that nobody's 2023 rank is there
    assert all(2023 in years for years in dti_charts.dti_missing(province_frame).values())


def _break_label_mark(spec):
    return find(spec, lambda d: isinstance(d.get("mark"), dict) and d["mark"].get("type") == "text"
                and d.get("encoding", {}).get("text", {}).get("field") == "break_label")


def test_dti_break_label_is_printed_above_the_plot_where_no_rank_label_can_be():
    spec = valid(dti_charts.dti_chart(dti_charts.dti_frame(MERGER_VALUES, MEMBERS, "dti_rank"), "dti_rank"))
    [label] = _break_label_mark(spec)
    # y = 0 is the plot's top edge (the first rank's point); the text ends above it, by more than half a label
    assert label["encoding"]["y"] == {"value": 0}
    assert label["mark"]["baseline"] == "bottom" and label["mark"]["dy"] <= -13 / 2
    # the rank labels stay inside the plot: their heights are shares of 0..1
    assert all(0 <= r["label_at"] <= 1 for r in rows(spec))


def test_dti_legend_shows_the_longest_member_label_whole():
    members = MEMBERS.assign(carried=[()] * 6 + [(("Hà Giang", 2024),)])
    frame = dti_charts.dti_frame(MERGER_VALUES, members, "dti_rank")
    longest = max(frame["unit"], key=len)
    assert longest == "Lạng Sơn (gồm số liệu Hà Giang đến 2024)"
    spec = valid(dti_charts.dti_chart(frame, "dti_rank"))
    legends = [c["legend"] for c in find(spec, lambda d: d.get("field") == "unit" and "legend" in d)]
    # Be Vietnam Pro at 13 px is under 7.5 px a character; the legend sits beside the plot (under it, Streamlit's
    # fit to the chart's height squeezes the plot)
    assert legends and all(g["labelLimit"] >= 7.5 * len(longest) and g["orient"] == "right" for g in legends)
    projected = [c["legend"] for c in find(chart_common.for_projector(spec),
                                           lambda d: d.get("field") == "unit" and "legend" in d)]
    assert projected and all(g["labelLimit"] >= 7.5 * len(longest) * chart_common.PROJECTOR_MIN_FONT / 13
                             for g in projected)


def test_dti_missing_years_are_absent_not_zero():
    frame = dti_charts.dti_frame(VALUES, MEMBERS, "dti_rank")
    data = rows(dti_charts.dti_chart(frame, "dti_rank"))
    assert all(r["rank"] not in (0, None) and r["ahead"] is not None for r in data)
    assert ("Sơn La", 2022) not in {(r["unit"], r["year"]) for r in data}
    assert frame.loc[(frame["unit"] == "Sơn La") & (frame["year"] == 2022), "label"].item() == "chưa báo cáo"
    assert dti_charts.dti_missing(frame)["Điện Biên"] == [2020]


def test_coverage_labels_are_vietnamese_sorted_and_missing_is_not_zero():
    ind = indicator("villages_mobile_covered")
    frame = coverage_charts.coverage_frame(VALUES, MEMBERS, ind, 2022)
    assert list(frame["unit"])[:2] == ["Lào Cai", "Lạng Sơn"]  # best first, then the unreported
    data = {r["unit"]: r for r in rows(coverage_charts.coverage_chart(frame, ind, 2022))}
    assert data["Lào Cai"]["label"] == "98,7%"
    assert data["Lào Cai"]["fraction"] == "1.542/1.562"
    assert data["Sơn La"]["measure"] is None  # no bar: the bar layer filters invalid measures
    assert data["Sơn La"]["label"] == "chưa báo cáo"
    spec = valid(coverage_charts.coverage_chart(frame, ind, 2022))
    bars = find(spec, lambda d: d.get("mark") in ("bar", {"type": "bar"}))[0]
    assert {"filter": "isValid(datum.measure)"} in bars["transform"]


def test_coverage_cluster_average_rule_is_the_pooled_share():
    ind = indicator("villages_mobile_covered")
    spec = valid(coverage_charts.coverage_chart(coverage_charts.coverage_frame(VALUES, MEMBERS, ind, 2022), ind, 2022))
    averages = [d for d in spec["datasets"].values() if d and "average" in d[0]]
    assert averages[0][0]["average"] == pytest.approx(100 * (1542 + 46) / (1562 + 128))
    assert averages[0][0]["label"] == "Trung bình Cụm: 94,0%"


def test_english_labels_use_english_number_format():
    ind = indicator("villages_mobile_covered")
    frame = coverage_charts.coverage_frame(VALUES, MEMBERS, ind, 2022, lang="en")
    assert frame.loc[frame["unit"] == "Lào Cai", "label"].item() == "98.7%"
    assert frame.loc[frame["unit"] == "Sơn La", "label"].item() == "not reported"


def test_scorecard_colours_by_position_with_lower_rank_better():
    frame = ranking_charts.scorecard_frame(VALUES, MEMBERS, CATALOGUE, 2022)
    dti = frame[frame["indicator_code"] == "dti_rank"].set_index("unit")
    assert dti.at["Lạng Sơn", "position"] == 1.0 and dti.at["Lạng Sơn", "cell"] == "1/3"
    assert dti.at["Cao Bằng", "position"] == 0.0 and dti.at["Cao Bằng", "cell"] == "3/3"
    assert math.isnan(dti.at["Sơn La", "position"]) and dti.at["Sơn La", "cell"] == "chưa báo cáo"
    spec = valid(ranking_charts.scorecard_chart(frame, 2022))
    colour = find(spec, lambda d: d.get("field") == "position" and "scale" in d)[0]
    assert colour["scale"] == {"domain": [0, 1], "scheme": "redyellowgreen"}
    # the unreported cell is still drawn (grey backdrop) and reads "chưa báo cáo"
    data = [r for r in rows(ranking_charts.scorecard_chart(frame, 2022)) if r["unit"] == "Sơn La"]
    assert {r["cell"] for r in data} == {"chưa báo cáo"} and all(r["rank"] is None for r in data)


def test_change_chart_colours_a_falling_rank_as_progress():
    frame = coverage_charts.change_frame(VALUES, MEMBERS, indicator("dti_rank"), 2022)
    by_unit = frame.set_index("unit")
    assert by_unit.at["Điện Biên", "label"] == "−2" and by_unit.at["Điện Biên", "direction"] == "Tiến bộ"
    assert by_unit.at["Lạng Sơn", "label"] == "+1" and by_unit.at["Lạng Sơn", "direction"] == "Giảm"
    assert by_unit.at["Cao Bằng", "label"] == "chưa báo cáo"
    assert math.isnan(by_unit.at["Cao Bằng", "change"])
    spec = valid(coverage_charts.change_chart(frame, indicator("dti_rank"), 2022))
    assert spec["title"]["subtitle"] == "Với thứ hạng, hạng giảm (số nhỏ hơn) là tiến bộ."


def test_awards_stack_by_form_and_level_and_label_units_without_awards():
    frame = award_charts.awards_frame(AWARDS, MEMBERS, 2022)
    dien_bien = frame[(frame["unit"] == "Điện Biên") & frame["count"].notna()]
    assert set(dien_bien["category"]) == {"Cờ thi đua (Bộ)", "Bằng khen (UBND tỉnh)"}
    son_la = frame[frame["unit"] == "Sơn La"]
    assert list(son_la["label"]) == ["chưa báo cáo", "chưa báo cáo"] and son_la["count"].isna().all()
    spec = valid(award_charts.awards_chart(frame, 2022))
    assert spec["facet"]["column"]["field"] == "recipient_label"
    y = find(spec, lambda d: d.get("field") == "count" and d.get("aggregate") == "sum")
    assert y, "bars stack the summed counts"


def highlighted_units(spec: dict) -> set[str]:
    """The provinces a spec draws highlighted: the rows whose unit_id equals its highlight variable (the test
    every highlighted mark carries, see common.IS_HIGHLIGHTED)."""
    unit_id = chart_common.highlighted_unit(spec)
    return {r["unit"] for data in spec["datasets"].values() for r in data if "unit" in r and r["unit_id"] == unit_id}


def test_highlight_marks_only_the_chosen_province():
    ind = indicator("villages_mobile_covered")
    spec = valid(coverage_charts.coverage_chart(coverage_charts.coverage_frame(VALUES, MEMBERS, ind, 2022), ind,
                                                2022, highlight_unit_id=7))
    assert highlighted_units(spec) == {"Lạng Sơn"}
    bars = find(spec, lambda d: d.get("mark") in ("bar", {"type": "bar"}))[0]
    assert bars["encoding"]["color"] == {"condition": {"test": chart_common.IS_HIGHLIGHTED,
                                                       "value": chart_common.HIGHLIGHT_COLOUR},
                                         "value": chart_common.BASE_COLOUR}


def _data():
    return ComparisonData(year=2022, emulation_year_id=1, cluster_name=("Cụm 2", "Cluster 2"), members=MEMBERS,
                          catalogue=CATALOGUE, values=VALUES, awards=AWARDS, weights={},
                          leaders=pd.DataFrame({"year": [2022], "unit_id": [3], "name_vi": ["Sở TT&TT Điện Biên"],
                                                "name_en": ["Dien Bien"], "proposed_award": ["Cờ thi đua của Bộ"]}))


def test_every_chart_carries_the_click_selection_and_the_highlight():
    choices = Choices(2022, 3, ALL_FIELDS, "villages_mobile_covered", "dti_rank", "dti_rank")
    views = build_views(_data(), choices)
    drawn = [v for v in views if v.chart is not None]
    assert {v.key for v in drawn} == {"coverage", "dti", "awards", "scorecard", "change"}
    for view in drawn:
        spec = valid(view.chart)
        assert find(spec, lambda d: d.get("name") == chart_common.PICK and "select" in d), view.key
        assert highlighted_units(spec) == {"Điện Biên"}, view.key
        assert find(spec, lambda d: chart_common.IS_HIGHLIGHTED in str(d.get("test", ""))), view.key
    leaders = next(v for v in views if v.key == "leaders")
    assert leaders.table.iloc[0].tolist() == ["2022", "Sở TT&TT Điện Biên", "Cờ thi đua của Bộ"]


def test_format_measure_by_kind():
    assert chart_common.format_measure(98.72, "percent") == "98,7%"
    assert chart_common.format_measure(1542, "count") == "1.542"
    assert chart_common.format_measure(0.65, "score") == "0,65"
    assert chart_common.format_measure(328250000, "money") == "328.250.000 đ"
    assert chart_common.format_measure(None, "count") == "chưa báo cáo"
    assert chart_common.format_measure(float("nan"), "rank") == "chưa báo cáo"


@pytest.mark.parametrize("highlight", [3, 7])
def test_a_highlight_set_on_a_built_chart_equals_the_chart_built_with_it(highlight):
    # the comparisons page builds each chart once with nobody highlighted and sets the highlight on its spec
    choices = Choices(2022, highlight, ALL_FIELDS, "villages_mobile_covered", "dti_rank", "dti_rank")
    nobody = Choices(2022, None, ALL_FIELDS, "villages_mobile_covered", "dti_rank", "dti_rank")
    direct = {v.key: v.chart for v in build_views(_data(), choices) if v.chart is not None}
    built = {v.key: v.chart for v in build_views(_data(), nobody) if v.chart is not None}
    assert direct.keys() == built.keys() == {"coverage", "dti", "awards", "scorecard", "change"}
    for key in direct:
        before = json.dumps(built[key], sort_keys=True)
        assert chart_common.with_highlight(built[key], highlight) == direct[key], key
        assert json.dumps(built[key], sort_keys=True) == before, "the cached spec is left as it is"
        assert chart_common.highlighted_unit(built[key]) is None
        # the rows are the same whoever is highlighted: the browser keeps them
        assert built[key]["datasets"] == direct[key]["datasets"], key


def test_a_chart_template_is_built_once_and_filled_per_choice():
    ind = indicator("villages_mobile_covered")
    coverage_charts._coverage_template.cache_clear()
    first = coverage_charts.coverage_chart(coverage_charts.coverage_frame(VALUES, MEMBERS, ind, 2022), ind, 2022)
    later = VALUES.assign(year=VALUES["year"] + 1)
    other = coverage_charts.coverage_chart(coverage_charts.coverage_frame(later, MEMBERS.iloc[2:], ind, 2023), ind,
                                           2023)
    assert coverage_charts._coverage_template.cache_info().misses == 1  # the second year reused the template
    assert valid(first)["title"]["text"] == "Thôn/bản được phủ sóng di động – năm 2022"
    assert valid(other)["title"]["text"] == "Thôn/bản được phủ sóng di động – năm 2023"
    assert "Sơn La" in str(first["datasets"]) and "Sơn La" not in str(other["datasets"])
    # datasets are named by their content: other rows, another name; the same average row, the same name
    rows_first, rows_other = ({n for n in spec["datasets"] if n.startswith("rows-")} for spec in (first, other))
    assert len(rows_first) == len(rows_other) == 1 and rows_first != rows_other
    assert {n for n in first["datasets"] if n.startswith("average-")} == {
        n for n in other["datasets"] if n.startswith("average-")}


def test_projector_charts_are_valid_vega_lite_with_no_text_under_18_px():
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    schema = load_schema()
    choices = Choices(2022, 7, ALL_FIELDS, "villages_mobile_covered", "dti_rank", "dti_rank")
    for view in build_views(_data(), choices):
        if view.chart is None:
            continue
        spec = chart_common.for_projector(view.chart)
        validate_jsonschema(spec, schema)
        sizes = [d["fontSize"] for d in find(spec, lambda d: "fontSize" in d)]
        assert sizes and min(sizes) >= 18, view.key
        config = spec["config"]
        assert min(config["axis"]["labelFontSize"], config["legend"]["labelFontSize"], config["text"]["fontSize"]) >= 18


def test_staff_title_rates_against_the_clusters_targets_and_the_legal_cap():
    staff = pd.DataFrame([value(4, 2022, "staff_total", 100), value(4, 2022, "staff_ldtt", 95),
                          value(4, 2022, "staff_cstdcs", 10), value(7, 2022, "staff_total", 40)])
    frame = award_charts.rates_frame(staff, MEMBERS, 2022)
    lao_cai = frame[frame["unit"] == "Lào Cai"].set_index("indicator_code")
    assert lao_cai["rate"].tolist() == pytest.approx([95.0, 10.0, 100 * 10 / 95])
    assert lao_cai["label"].tolist() == ["95,0%", "10,0%", "10,5%"]
    assert lao_cai["meets_target"].tolist() == [True, False, True]  # more than 90%; 15% not reached; under the cap
    # the target and the legal cap are named apart, in the panel's title
    assert lao_cai.at["ldtt_of_staff", "title"] == ("Lao động tiên tiến / tổng số CCVCNLĐ "
                                                    "(chỉ tiêu của cụm: trên 90,0%)")
    assert lao_cai.at["cstdcs_of_ldtt", "target_label"] == "Mức trần theo quy định: không quá 15,0%"
    # Lạng Sơn gave its staff but not its titles: no rate, never 0
    lang_son = frame[frame["unit"] == "Lạng Sơn"]
    assert lang_son["rate"].isna().all() and set(lang_son["label"]) == {"chưa báo cáo"}
    assert lang_son["meets_target"].isna().all()
    spec = valid(award_charts.rates_chart(frame, 2022, highlight_unit_id=4))
    assert highlighted_units(spec) == {"Lào Cai"}
    assert spec["facet"]["column"]["sort"] == list(dict.fromkeys(frame["title"]))


def test_a_province_keeps_its_colour_in_every_view_and_year():
    """Keyed by the province, not by its place in the list or its id: two views with other members, ids and orders
    colour Cao Bằng and Lạng Sơn alike; the cluster's provinces all differ."""
    from components.charts import dti as dti_charts
    from components.charts.common import PROVINCE_COLOURS, province_colour

    assert len(set(PROVINCE_COLOURS.values())) == len(PROVINCE_COLOURS)

    def colours(provinces):
        members = MEMBERS[MEMBERS["province"].isin(provinces)].copy()
        members["unit_id"] = range(1, len(members) + 1)  # other ids, another order: the colours follow the name
        members = members.iloc[::-1]
        values = pd.DataFrame([value(int(members["unit_id"].iloc[0]), 2024, "dti_rank", 5, ranked_of=34)])
        frame = dti_charts.dti_frame(values, members, "dti_rank")
        spec = dti_charts.dti_chart(frame, "dti_rank")
        scales = [layer["encoding"]["color"]["scale"] for layer in spec["layer"] if "color" in layer.get("encoding", {})]
        domain, colour_range = scales[0]["domain"], scales[0]["range"]
        return dict(zip(domain, colour_range))

    a = colours(["Sơn La", "Hà Giang", "Cao Bằng", "Lạng Sơn"])
    b = colours(["Cao Bằng", "Lạng Sơn", "Lai Châu"])
    assert a["Cao Bằng"] == b["Cao Bằng"] == province_colour("Cao Bằng")
    assert a["Lạng Sơn"] == b["Lạng Sơn"] != a["Cao Bằng"]
    assert province_colour("Hà Nội") == province_colour("Hà Nội")  # outside the cluster: stable too


def test_the_change_axis_prints_no_trailing_zeros():
    """The 2024 change chart showed a tick "0.000000": the axis is formatted "~g" (0, 0,5, 12), and only the bars'
    layer draws an axis."""
    frame = coverage_charts.change_frame(MERGER_VALUES, MEMBERS, indicator("bts_sites"), 2022)
    spec = valid(coverage_charts.change_chart(frame, indicator("bts_sites"), 2022))
    axes = find(spec, lambda node: node.get("format") == "~g")
    text_y = find(spec, lambda node: node.get("field") == "text_y")
    assert axes and text_y and all("axis" in node and node["axis"] is None for node in text_y)
