"""AppTest of the comparisons page and meeting mode: filters, default highlight, cache invalidation, the chair's
weights, the meeting pack, next/previous slides."""

import json
from types import SimpleNamespace

import pyarrow as pa
import pytest
import streamlit as st
from sqlmodel import select

from components.charts import common as chart_common
from components.i18n import translate
from components.ui import comparison_choices
from db import reference
from db.models import IndicatorValue, ScoreWeight
from tests.helpers import app_test, as_user, texts


@pytest.fixture(autouse=True)
def fresh_cache():
    # the caches live in the process: every test starts without the previous test's datasets and charts
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def page(username, file="pages/comparisons.py", lang=None, year: int | None = 2022):
    """The page as username opens it, on year (the sample's year with the most figures; None: the default year
    the page picks itself)."""
    at = as_user(app_test(file, timeout=60), username)
    if lang:
        at.session_state["lang"] = lang
    if year is not None:
        at.session_state["charts.year"] = year  # what the year's selectbox keeps across pages
    return at.run()


def drawn_charts(at) -> dict[str, dict]:
    """Chart title -> {'spec': ..., 'rows': [...]} of every Altair chart in the run."""
    out = {}
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        title = spec["title"]["text"] if isinstance(spec.get("title"), dict) else spec.get("title")
        rows = []
        for dataset in element.proto.datasets:
            frame = pa.ipc.open_stream(dataset.data.data).read_pandas()
            if "unit" in frame:
                rows = frame.to_dict("records")
                break
        out[title] = {"spec": spec, "rows": rows}
    return out


def open_tab(at, key: str, lang: str = "vi"):
    """Open one tab of the comparisons page (only the open tab's charts are built and drawn) and rerun."""
    at.session_state[comparison_choices.OPEN_TAB] = translate(f"charts.tab.{key}", lang)
    return at.run()


def every_chart(at, lang: str = "vi") -> dict[str, dict]:
    """drawn_charts of every tab, each opened in turn."""
    out = {}
    for key in ("coverage", "dti", "awards", "scorecard", "change"):
        out.update(drawn_charts(open_tab(at, key, lang)))
    return out


def highlighted(chart) -> set[str]:
    """The provinces the chart draws highlighted: its rows whose unit is the spec's highlight variable."""
    unit_id = chart_common.highlighted_unit(chart["spec"])
    return {r["unit"] for r in chart["rows"] if r["unit_id"] == unit_id}


def test_province_user_sees_its_own_province_highlighted_in_every_chart(db_url):
    opened = page("laocai", year=None)
    # the newest year most members reported: 2022 (2023 has only the published DTI and PII ranks of five members)
    assert opened.selectbox(key="_w_charts.year").value == 2022
    at = page("laocai")
    assert not at.exception, at.exception
    assert at.selectbox(key="_w_charts.highlight").value == 4
    assert at.selectbox(key="_w_charts.year").value == 2022
    charts = every_chart(at)
    assert set(charts) >= {"Thôn/bản được phủ sóng di động – năm 2022", "Xếp hạng DTI (Tổng thể) qua các năm",
                           "Vị trí của từng tỉnh trong Cụm theo chỉ tiêu, năm 2022"}
    for title, chart in charts.items():
        assert highlighted(chart) == {"Lào Cai"}, title
    coverage = {r["unit"]: r for r in charts["Thôn/bản được phủ sóng di động – năm 2022"]["rows"]}
    assert coverage["Lào Cai"]["label"] == "98,7%"
    assert coverage["Sơn La"]["label"] == "chưa báo cáo" and coverage["Sơn La"]["measure"] != 0
    assert "Sở Thông tin và Truyền thông Điện Biên" in at.dataframe[-1].value.to_string()  # leading units


def test_chair_starts_without_highlight_and_picks_a_province(db_url):
    at = page("chair")
    assert at.selectbox(key="_w_charts.highlight").value == 0
    assert all(not highlighted(c) for c in every_chart(at).values())
    at.selectbox(key="_w_charts.highlight").set_value(7).run()
    assert not at.exception
    for title, chart in every_chart(at).items():
        assert highlighted(chart) == {"Lạng Sơn"}, title


def test_chart_click_selection_sets_the_highlight(monkeypatch):
    # what st.altair_chart keeps under the chart's key after a click; the real click is in the browser test
    state = {"chart_dti": {"selection": {"unit_pick": [{"unit_id": 3}]}}}
    monkeypatch.setattr(comparison_choices, "st", SimpleNamespace(session_state=state))
    comparison_choices.pick_highlight("chart_dti")
    assert state["charts.highlight"] == 3 and state["_w_charts.highlight"] == 3
    state["chart_dti"] = {"selection": {"unit_pick": []}}  # a click beside the marks keeps the highlight
    comparison_choices.pick_highlight("chart_dti")
    assert state["charts.highlight"] == 3


def test_year_and_field_filters(db_url):
    at = page("chair")
    at.selectbox(key="_w_charts.year").set_value(2023).run()
    assert not at.exception
    assert "Chưa tỉnh nào báo cáo chỉ tiêu này năm 2023." in texts(at)
    assert "Chưa tỉnh nào báo cáo khen thưởng năm 2023." in texts(open_tab(at, "awards"))
    at.selectbox(key="_w_charts.year").set_value(2022).run()
    at.selectbox(key="_w_charts.field").set_value("digital").run()
    options = at.selectbox(key="_w_charts.coverage_indicator").options
    assert "Tỷ lệ văn bản điện tử được ký số" in options
    assert "Thôn/bản được phủ sóng di động" not in options
    at.selectbox(key="_w_charts.coverage_indicator").set_value("edocs_signed_pct").run()
    titles = set(drawn_charts(open_tab(at, "coverage")))
    assert "Tỷ lệ văn bản điện tử được ký số – năm 2022" in titles
    scorecard = drawn_charts(open_tab(at, "scorecard"))["Vị trí của từng tỉnh trong Cụm theo chỉ tiêu, năm 2022"]
    assert {r["indicator"] for r in scorecard["rows"]} <= {
        "Xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)", "Tỷ lệ văn bản điện tử được ký số",
        "Tỷ lệ văn bản trao đổi dưới dạng điện tử", "Chứng thư số chuyên dùng đang sử dụng",
        "Tài khoản thư điện tử công vụ", "Điểm cầu hội nghị truyền hình trực tuyến",
        # Hà Giang's published DTI score (Yên Bái's pillar ranks stay Yên Bái's: Lào Cai was a member itself)
        "Điểm chỉ số chuyển đổi số cấp tỉnh (DTI)"}


def test_dti_pillar_choice(db_url):
    at = page("chair")
    at.selectbox(key="_w_charts.pillar").set_value("dti_rank_digital_government").run()
    open_tab(at, "dti")
    assert "Xếp hạng DTI (Chính quyền số) qua các năm" in drawn_charts(at)
    assert "Chưa báo cáo xếp hạng" in texts(at)


def test_a_new_value_shows_on_the_next_load_and_unchanged_data_comes_from_cache(db_url, session, monkeypatch):
    loads = []
    real = comparison_choices.load_dataset
    monkeypatch.setattr(comparison_choices, "load_dataset", lambda **kw: loads.append(kw["year"]) or real(**kw))
    at = page("chair")
    first = len(loads)
    assert first >= 1
    at.run()
    at.run()
    assert len(loads) == first  # repeated views: served from cache

    indicator = reference.get_indicator(session=session, code="villages_mobile_covered")
    session.add(IndicatorValue(unit_id=1, year=2022, indicator_id=indicator.id, numerator=2000, denominator=2100))
    session.commit()
    at.run()
    assert len(loads) > first
    coverage = {r["unit"]: r for r in drawn_charts(at)["Thôn/bản được phủ sóng di động – năm 2022"]["rows"]}
    assert coverage["Sơn La"]["label"] == "95,2%"


def test_chair_edits_the_weights_and_the_composite_follows(db_url, session):
    at = open_tab(page("chair"), "scorecard")
    assert not at.number_input, "the 60 weight inputs are drawn only when the chair opens the editor"
    at.toggle(key="charts_weights_edit").set_value(True).run()
    inputs = {n.key: n for n in at.number_input}
    assert "charts_w_dti_rank" in inputs
    inputs["charts_w_dti_rank"].set_value(4.0)
    at.button(key="FormSubmitter:charts_weights_form-Lưu trọng số").click().run()
    assert not at.exception, at.exception
    assert "Đã lưu trọng số năm 2022." in texts(at)
    stored = session.exec(select(ScoreWeight)).all()
    assert {w.weight for w in stored} >= {4.0}
    weights_table = next(d.value for d in at.dataframe if "Trọng số" in d.value.columns)
    assert 4.0 in set(weights_table["Trọng số"])


def test_viewer_sees_the_weights_but_cannot_edit_them(db_url):
    at = open_tab(page("laocai"), "scorecard")
    assert not at.number_input and not at.toggle
    assert any("Trọng số" in d.value.columns for d in at.dataframe)


def test_meeting_pack_pdf_is_built_with_progress_and_offered(db_url):
    at = page("chair")
    at.button(key="charts_pack_make").click().run()
    assert not at.exception, at.exception
    signature, pdf = at.session_state["charts.pack"]
    assert pdf.startswith(b"%PDF") and signature[1] == 2022
    assert "Bộ tài liệu đã sẵn sàng." in str(at.main)
    # a different filter makes the pack stale until it is built again
    at.selectbox(key="_w_charts.highlight").set_value(3).run()
    assert "Số liệu hoặc bộ lọc đã thay đổi; hãy tạo lại bộ tài liệu." in texts(at)


def test_english_interface(db_url):
    at = page("laocai", lang="en")
    assert not at.exception
    assert "Compare provinces" in texts(at)
    assert "Villages with mobile signal – 2022" in drawn_charts(at)


def test_meeting_mode_steps_through_one_chart_per_screen(db_url):
    at = page("chair", "pages/meeting.py")
    assert not at.exception, at.exception
    assert any("stSidebar" in m.value and "display: none" in m.value for m in at.markdown)
    assert "Trang 1/" in texts(at)
    total = int(texts(at).split("Trang 1/")[1].split()[0])
    assert total >= 5
    assert len(at.get("vega_lite_chart")) == 1
    assert at.button(key="charts_prev").disabled
    at.button(key="charts_next").click().run()
    assert f"Trang 2/{total}" in texts(at)
    for _ in range(total - 2):
        at.button(key="charts_next").click().run()
    assert f"Trang {total}/{total}" in texts(at)
    assert at.button(key="charts_next").disabled
    at.button(key="charts_prev").click().run()
    assert f"Trang {total - 1}/{total}" in texts(at)
    for _ in range(total - 2):
        at.button(key="charts_prev").click().run()
    assert "Trang 1/" in texts(at)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["config"]["axis"]["labelFontSize"] == 18  # projector type size


def test_meeting_mode_builds_only_the_slide_shown(db_url, monkeypatch):
    built = []
    real = comparison_choices.build_view
    monkeypatch.setattr(comparison_choices, "build_view", lambda key, *a, **k: built.append(key) or real(key, *a, **k))
    at = page("chair", "pages/meeting.py")
    assert not at.exception, at.exception
    assert built == ["coverage"]  # the first slide, nothing else
    built.clear()
    at.button(key="charts_next").click().run()
    assert built == ["dti"] and "Trang 2/" in texts(at)


@pytest.mark.parametrize("year", [2022, 2023, 2024, 2026])
def test_meeting_modes_slides_are_the_views_that_have_something_to_show(db_url, year):
    """The slides are listed without building them (views.has_something): the same list as building every view
    and keeping those that draw something."""
    from components.charts.views import ALL_FIELDS, SLIDES_OF_VIEW, Choices, build_view, has_something
    from components.ui.comparison_choices import load_dataset
    from components.ui.comparison_panels import SLIDES
    from db.engine import session_scope

    with session_scope() as session:
        cluster = reference.get_cluster(session=session)
        ey = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=year)
        data = load_dataset(session=session, cluster_id=cluster.id, cluster_name=(cluster.name_vi, cluster.name_en),
                            year=year, emulation_year_id=ey.id)
    for coverage, change in (("villages_mobile_covered", "bts_sites"), ("mobile_coverage_pct", None)):
        choices = Choices(year, None, ALL_FIELDS, coverage, "dti_rank", change)
        built = {key: build_view(key, data, choices) for key in SLIDES_OF_VIEW}
        drawn = [slide for key, view in built.items() for slide in SLIDES_OF_VIEW[key]
                 if view.chart is not None or view.table is not None]
        listed = [key for key in SLIDES if has_something(key, data, choices)]
        assert listed == drawn, (year, coverage)


def test_only_the_open_tab_is_built_and_drawn_and_a_new_year_builds_only_it(db_url, monkeypatch):
    built = []
    real = comparison_choices.build_view
    monkeypatch.setattr(comparison_choices, "build_view", lambda key, *a, **k: built.append(key) or real(key, *a, **k))
    at = page("chair")
    assert set(drawn_charts(at)) == {"Thôn/bản được phủ sóng di động – năm 2022"}  # the first tab only
    assert sorted(built) == ["coverage", "leaders"]
    built.clear()
    open_tab(at, "dti")
    assert set(drawn_charts(at)) == {"Xếp hạng DTI (Tổng thể) qua các năm"}
    assert built == ["dti"]
    built.clear()
    at.selectbox(key="_w_charts.year").set_value(2023).run()
    assert not at.exception, at.exception
    assert sorted(built) == ["dti", "leaders"] and set(drawn_charts(at)) == {"Xếp hạng DTI (Tổng thể) qua các năm"}
    built.clear()
    open_tab(at, "dti")  # back to a tab already built for this year: nothing is built again
    assert built == []


def test_the_meeting_pack_holds_every_chart_whichever_tab_is_open(db_url, monkeypatch):
    from components.documents import exports

    packed = {}
    real = exports.meeting_pack_pdf
    monkeypatch.setattr(exports, "meeting_pack_pdf",
                        lambda sections, **kw: packed.setdefault("titles", [s.title for s in sections]) and real(
                            sections, **kw))
    at = open_tab(page("chair"), "change")
    at.button(key="charts_pack_make").click().run()
    assert not at.exception, at.exception
    assert {"Tỷ lệ, phủ sóng", "Chỉ số DTI", "Bảng xếp hạng", "Biến động so với năm trước"} <= set(
        packed["titles"]), packed["titles"]


def test_the_viewer_chooses_the_derived_history_and_the_chart_note_and_table_say_which_figure_is_derived(
        db_url, session, monkeypatch):
    from tests.helpers import reported_before

    units = {u.code: u.id for u in reference.list_units(session=session)}
    # Yên Bái's published 2022 figure beside Lào Cai's 1542/1562 (Yên Bái is part of Lào Cai since 01/07/2025)
    reported_before(session, unit_id=units["yenbai"], year=2022, code="villages_mobile_covered", numerator=1000,
                    denominator=1200)
    loads = []
    real = comparison_choices.load_dataset
    monkeypatch.setattr(comparison_choices, "load_dataset", lambda **kw: loads.append(kw["history"]) or real(**kw))
    at = page("chair")
    title = "Thôn/bản được phủ sóng di động – năm 2022"
    choice = at.radio(key="_w_charts.history")
    assert choice.value == "carried" and choice.options == [
        "Số liệu do đơn vị tiền thân báo cáo", "Chuỗi suy ra từ các tỉnh hợp thành"]
    reported = {r["unit"]: r for r in drawn_charts(at)[title]["rows"]}
    assert reported["Lào Cai"]["label"] == "98,7%" and reported["Lào Cai"]["derived"] is False
    assert reported["Lào Cai"]["source"] == "Báo cáo"

    choice.set_value("derived").run()
    assert not at.exception, at.exception
    chart = drawn_charts(at)[title]
    derived = {r["unit"]: r for r in chart["rows"]}
    source = "Suy ra: tổng tử số trên tổng mẫu số của Lào Cai, Yên Bái"
    assert derived["Lào Cai"]["label"] == "92,0%" and derived["Lào Cai"]["derived"] is True
    assert derived["Lào Cai"]["source"] == source
    assert derived["Lạng Sơn"]["derived"] is False and derived["Lạng Sơn"]["label"] == "chưa báo cáo"
    assert chart["spec"]["title"]["subtitle"].startswith("Cột nhạt, viền nét đứt")
    shown = texts(at)
    assert "Cột nhạt, viền nét đứt: số liệu suy ra từ các tỉnh hợp thành, không phải số liệu báo cáo." in shown
    assert f"Lào Cai 2022 ({source[0].lower()}{source[1:]})" in shown
    table = next(d.value for d in at.dataframe if "Nguồn số liệu" in d.value.columns)
    assert table.to_dict("records") == [{"Tỉnh": "Lào Cai", "Năm thi đua": "2022",
                                         "Chỉ tiêu": "Thôn/bản được phủ sóng di động", "Giá trị": "92,0%",
                                         "Nguồn số liệu": source}]
    # the meeting pack: its stamp names the choice, the coverage page carries the note and the derived figures
    from components.documents import exports

    packed = {}
    monkeypatch.setattr(exports, "meeting_pack_pdf",
                        lambda sections, **kw: packed.update(sections=sections, **kw) or b"%PDF-1.7")
    at.button(key="charts_pack_make").click().run()
    assert not at.exception, at.exception
    assert "Lịch sử của đơn vị sáp nhập: Chuỗi suy ra từ các tỉnh hợp thành" in packed["filters"]
    coverage = next(s for s in packed["sections"] if s.title == "Tỷ lệ, phủ sóng")
    assert "số liệu suy ra từ các tỉnh hợp thành" in coverage.note
    assert coverage.derived["Nguồn số liệu"].tolist() == [source]

    # back to the reported figures, and again: each variant is loaded once, then served from the cache
    at.radio(key="_w_charts.history").set_value("carried").run()
    assert {r["unit"]: r for r in drawn_charts(at)[title]["rows"]}["Lào Cai"]["label"] == "98,7%"
    at.radio(key="_w_charts.history").set_value("derived").run()
    assert loads.count("derived") == 1


def test_the_charts_follow_the_years_pack_and_the_change_across_2024_2025_shows_only_both_years_indicators(db_url):
    """Until 2024 the Sở TT&TT's pack (press, ICT industry, information security, no innovation field); from 2025 the
    Sở KH&CN's (innovation, none of those three). The change from 2024 to 2025 offers only what both packs hold
    and says so; from 2025 to 2026 (one pack) it says nothing of packs."""
    at = page("chair", year=2024)
    assert not at.exception, at.exception
    fields = at.selectbox(key="_w_charts.field").options
    assert "Báo chí, truyền thông" in fields and "Khoa học, công nghệ và đổi mới sáng tạo" not in fields
    at.selectbox(key="_w_charts.year").set_value(2025).run()
    assert not at.exception, at.exception
    fields = at.selectbox(key="_w_charts.field").options
    assert "Khoa học, công nghệ và đổi mới sáng tạo" in fields and "Báo chí, truyền thông" not in fields
    changes = at.selectbox(key="_w_charts.change_indicator").options
    assert "Xếp hạng chỉ số đổi mới sáng tạo cấp địa phương (PII)" not in changes  # not in the 2024 pack
    assert "Số vị trí trạm BTS" in changes  # telecoms: in both
    note = "Năm 2025 và năm 2024 theo hai bộ chỉ tiêu khác nhau"
    assert note in texts(open_tab(at, "change"))
    at.selectbox(key="_w_charts.year").set_value(2026).run()
    assert "Xếp hạng chỉ số đổi mới sáng tạo cấp địa phương (PII)" in at.selectbox(
        key="_w_charts.change_indicator").options
    assert "hai bộ chỉ tiêu khác nhau" not in texts(open_tab(at, "change"))
