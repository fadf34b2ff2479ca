"""What only a browser shows: the Vega charts render, a click on a bar highlights that province, a chart export
downloads, and meeting mode hides the sidebar."""

from __future__ import annotations

from components.charts.common import HIGHLIGHT_COLOUR
from tests.browser.conftest import login, wait_for_app
from tests.conftest import DEMO_PASSWORD


def _hover_until_tooltip(page, chart, text: str) -> tuple[float, float]:
    """Scan the chart from top to bottom until Vega's tooltip names the province; returns that point."""
    box = chart.bounding_box()
    x = box["x"] + box["width"] * 0.45
    y = box["y"]
    while y < box["y"] + box["height"]:
        page.mouse.move(x, y)
        tooltip = page.locator("#vg-tooltip-element")
        if tooltip.count() and tooltip.is_visible() and text in tooltip.inner_text():
            return x, y
        y += 6
    raise AssertionError(f"no mark with a tooltip for {text}")


def test_charts_render_a_click_highlights_and_exports_download(server, page):
    login(page, server.url, "chair", DEMO_PASSWORD)
    page.goto(server.url + "/comparisons")
    wait_for_app(page)
    chart = page.locator(".vega-embed").first
    chart.wait_for(timeout=20_000)
    assert chart.locator("svg").count() >= 1
    # drawn by Vega in the browser: provinces without a figure are labelled, not drawn as 0
    drawn_text = chart.locator("svg").first.text_content()
    assert "chưa báo cáo" in drawn_text and "98,7%" in drawn_text and "Trung bình Cụm: 98,7%" in drawn_text
    highlight = page.locator("[data-testid='stSelectbox']").filter(has_text="Tỉnh được làm nổi bật")
    assert highlight.locator("input").input_value() == "(không làm nổi bật)"
    # the highlight is a variable of the chart's spec that Vega evaluates: nobody is drawn in its colour yet
    assert chart.locator(f"svg [fill='{HIGHLIGHT_COLOUR}']").count() == 0

    x, y = _hover_until_tooltip(page, chart, "Lào Cai")
    page.mouse.click(x, y)
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"[data-testid='stSelectbox']\")]"
        ".some(e => e.innerText.includes('Tỉnh được làm nổi bật') && e.querySelector('input').value.startsWith('Lào Cai'))",
        timeout=20_000)
    wait_for_app(page)
    # and now Lào Cai's bar, and only it, is drawn in the highlight colour
    page.locator(".vega-embed").first.locator(f"svg [fill='{HIGHLIGHT_COLOUR}']").first.wait_for(timeout=20_000)
    assert page.locator(".vega-embed").first.locator(f"svg path[fill='{HIGHLIGHT_COLOUR}']").count() == 1

    page.get_by_role("button", name="Tải xuống").first.click()
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Ảnh PNG").click()
    assert download.value.suggested_filename == "so-sanh-cum2-2022-coverage.png"
    with open(download.value.path(), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Số liệu CSV").click()
    with open(download.value.path(), "rb") as f:
        data = f.read()
    assert data.startswith(b"\xef\xbb\xbf") and "Lào Cai" in data.decode("utf-8-sig")


def test_meeting_mode_hides_the_sidebar_and_steps_forward(server, page):
    login(page, server.url, "laocai", DEMO_PASSWORD)
    page.goto(server.url + "/meeting")
    wait_for_app(page)
    page.locator(".vega-embed").first.wait_for(timeout=20_000)
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "22px"
    page.get_by_text("Trang 1/").wait_for()
    page.get_by_role("button", name="Tiếp").click()
    page.get_by_text("Trang 2/").wait_for(timeout=20_000)
    wait_for_app(page)
    assert page.locator(".vega-embed").count() == 1
    page.keyboard.press("PageDown")  # a presentation clicker
    page.get_by_text("Trang 3/").wait_for(timeout=20_000)
