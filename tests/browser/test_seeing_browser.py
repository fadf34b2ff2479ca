"""What a director sees, in a real browser: the charts' text is drawn in the font the app serves (Be Vietnam Pro,
loaded per document.fonts), screenshots of the coverage and DTI charts at device pixel ratio 1 and 2 are kept as
artifacts to look at, and meeting mode reads from the back of a room (chart text at least 18 px at 1920x1080,
no text overlapping at 1280x720)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import login, wait_for_app
from tests.conftest import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts")) / "charts"

FONT_LOADED = """() => [...document.fonts].some(f => f.family.replace(/["']/g, '') === 'Be Vietnam Pro'
                                                   && f.status === 'loaded')"""
# every text of the visible chart: its words, its font, its size on screen (font size x the SVG's scale) and box
CHART_TEXTS = """(root) => [...root.querySelectorAll('.vega-embed svg')].flatMap(svg => {
    const box = svg.getBoundingClientRect();
    const scale = svg.width.baseVal.value ? box.width / svg.width.baseVal.value : 1;
    // a label Vega hides to avoid an overlap stays in the DOM at opacity 0: not seen, not counted
    const seen = t => t.textContent.trim() && t.getBoundingClientRect().width
                      && parseFloat(t.getAttribute('opacity') ?? '1') > 0 && getComputedStyle(t).opacity !== '0';
    return [...svg.querySelectorAll('text')].filter(seen)
      .map(t => { const r = t.getBoundingClientRect(); const style = getComputedStyle(t);
                  return {text: t.textContent.trim(), font: style.fontFamily,
                          px: parseFloat(style.fontSize) * scale,
                          box: [r.left, r.top, r.right, r.bottom]}; });
})"""


def _open(browser, server_url: str, username: str, path: str, *, width: int, height: int, dpr: float = 1):
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=dpr,
                                  locale="vi-VN")
    page = context.new_page()
    login(page, server_url, username, DEMO_PASSWORD)
    page.goto(server_url + path)
    wait_for_app(page)
    page.locator(".vega-embed svg").first.wait_for(timeout=30_000)
    wait_for_app(page)
    return context, page


def _overlaps(boxes: list[dict], tolerance: float = 1.0) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            h = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if w > tolerance and h > tolerance:
                found.append((a["text"], b["text"]))
    return found


@pytest.mark.parametrize("dpr", [1, 2])
def test_charts_are_drawn_in_the_served_font_and_screenshots_are_kept(server, browser, dpr):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    print(f"\nchart screenshots: {ARTIFACTS}")
    context, page = _open(browser, server.url, "chair", "/comparisons", width=1400, height=1000, dpr=dpr)
    try:
        served = page.evaluate("async () => { const r = await fetch('app/static/fonts/BeVietnamPro-Regular.ttf');"
                               " return [r.status, r.headers.get('content-type')]; }")
        assert served[0] == 200 and "font" in served[1], served
        page.wait_for_function(FONT_LOADED, timeout=20_000)
        assert page.evaluate("() => document.fonts.check('16px \"Be Vietnam Pro\"')")
        coverage = page.locator(".vega-embed").first
        texts = coverage.evaluate(CHART_TEXTS.replace("(root) =>", "(embed) =>").replace(
            "root.querySelectorAll('.vega-embed svg')", "[embed.querySelector('svg')]"))
        title = next(t for t in texts if t["text"].startswith("Thôn/bản được phủ sóng di động"))
        assert title["text"] == "Thôn/bản được phủ sóng di động – năm 2022"
        assert all(t["font"].startswith('"Be Vietnam Pro"') or t["font"].startswith("Be Vietnam Pro")
                   for t in texts), {t["font"] for t in texts}
        assert min(t["px"] for t in texts) >= 12.9, "chart text large enough for the diacritics to stay distinct"
        coverage.screenshot(path=str(ARTIFACTS / f"coverage-dpr{dpr}.png"))

        page.get_by_role("tab", name="Chỉ số DTI").click()
        dti = page.locator(".vega-embed").filter(has_text="Xếp hạng DTI")
        dti.wait_for(timeout=20_000)
        assert "Tỉ lệ tỉnh xếp trên" in dti.inner_text()
        dti.screenshot(path=str(ARTIFACTS / f"dti-dpr{dpr}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720)])
def test_meeting_mode_text_is_large_and_nothing_overlaps(server, browser, width, height):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context, page = _open(browser, server.url, "chair", "/meeting", width=width, height=height)
    try:
        total = int(page.get_by_text("Trang 1/").inner_text().rsplit("/", 1)[1])
        assert total >= 5
        for slide in range(1, total + 1):
            page.get_by_text(f"Trang {slide}/{total}").wait_for(timeout=20_000)
            wait_for_app(page)
            texts = page.evaluate(CHART_TEXTS, page.locator("[data-testid='stMain']").element_handle())
            page.screenshot(path=str(ARTIFACTS / f"meeting-{width}x{height}-{slide}.png"))
            if texts:
                page.wait_for_function(FONT_LOADED, timeout=20_000)
                small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 17.9]
                if width == 1920:
                    assert not small, f"slide {slide}: chart text under 18 px: {small[:5]}"
                assert not _overlaps(texts), f"slide {slide}: overlapping chart text {_overlaps(texts)[:5]}"
            if slide < total:
                page.keyboard.press("PageDown")
    finally:
        context.close()
