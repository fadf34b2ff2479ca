"""In a real browser, at the Khối's scale (bench/generate_dataset.py: 63 units in 8 clusters, 15 years, 60
indicators): a choice on the comparisons page (a new highlighted province, then a new coverage indicator), from
the option's click to every chart of the open tab painted, next to the same measure on a trivial Streamlit page
with one Altair chart (bench/trivial_page.py), measured in the same run, alternately.

"Painted" is the last change Vega makes to the page's charts after the click: a MutationObserver on the page
notes the time of every change inside a chart (.vega-embed); the measure ends once Streamlit's script has
finished and no chart has changed for QUIET_MS, and is that last change's time. Not part of the test suite.

    .venv/bin/python bench/browser_paint.py [--runs 15]

Prints, per choice:  <choice>: median X.XX s, p95 Y.YY s (N samples); trivial page median Z.ZZ s; ratio R
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate_dataset import BENCH_PASSWORD, generate  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, free_port, login  # noqa: E402

QUIET_MS = 400
WATCH = """() => {
  window.__painted = 0;
  new MutationObserver(records => {
    if (records.some(r => r.target.closest && r.target.closest('.vega-embed'))) window.__painted = performance.now();
  }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
SETTLED = f"""() => {{
  const app = document.querySelector("[data-testid='stApp']");
  return app && app.getAttribute('data-test-script-state') === 'notRunning' && window.__painted > window.__clicked
         && performance.now() - window.__painted > {QUIET_MS};
}}"""


def trivial_server() -> subprocess.Popen:
    """`streamlit run bench/trivial_page.py` on its own port (trivial_server.url), once it answers."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "bench/trivial_page.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    proc.url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{proc.url}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the trivial page's server did not start")


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 2 else xs[0]


def ready(page) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
    page.locator(".vega-embed svg").first.wait_for(timeout=120_000)
    page.wait_for_timeout(1000)
    page.evaluate(WATCH)


def choose(page, label: str, option: str) -> float:
    """Pick option in the selectbox labelled label; seconds from the click on the option to the last paint."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label)
    box.click()
    item = page.get_by_role("option", name=option, exact=True)
    item.wait_for(timeout=30_000)
    page.evaluate("() => { window.__clicked = performance.now(); }")
    item.click()
    page.wait_for_function(SETTLED, timeout=120_000, polling=50)
    return page.evaluate("() => (window.__painted - window.__clicked) / 1000")


def options(page, label: str) -> list[str]:
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label)
    box.click()
    found = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return [o.strip() for o in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="thidua-paint-"))
    db_url = f"sqlite:///{work / 'bench.db'}"
    generate(db_url)
    app = StreamlitServer(db_url, work / "app", {"LOAD_SAMPLE_DATA": "0"}).start()
    trivial = trivial_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            size = {"viewport": {"width": 1600, "height": 1000}, "locale": "vi-VN"}
            page = browser.new_context(**size).new_page()
            login(page, app.url, "chair", BENCH_PASSWORD)
            page.goto(app.url + "/comparisons")
            ready(page)
            base = browser.new_context(**size).new_page()
            base.goto(trivial.url)
            ready(base)
            provinces = options(page, "Tỉnh được làm nổi bật")
            indicators = options(page, "Tỷ lệ, phủ sóng: chỉ tiêu")
            trivial_units = options(base, "Tỉnh được làm nổi bật")
            results = {}
            for name, label, choices in (("a new highlighted province", "Tỉnh được làm nổi bật", provinces),
                                         ("a new coverage indicator", "Tỷ lệ, phủ sóng: chỉ tiêu", indicators)):
                measured, baseline = [], []
                for i in range(args.runs):
                    measured.append(choose(page, label, choices[(i + 1) % len(choices)]))
                    baseline.append(choose(base, "Tỉnh được làm nổi bật",
                                           trivial_units[(i + 1) % len(trivial_units)]))
                results[name] = (measured, baseline)
            browser.close()
    finally:
        app.stop()
        trivial.terminate()
        trivial.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    print("comparisons page at the Khối's scale, a choice -> every chart of the open tab painted (Chromium), "
          "next to a trivial page with one Altair chart, alternately in the same run")
    for name, (measured, baseline) in results.items():
        print(f"{name}: median {statistics.median(measured):.2f} s, p95 {p95(measured):.2f} s "
              f"({len(measured)} samples); trivial page median {statistics.median(baseline):.2f} s; "
              f"ratio {statistics.median(measured) / statistics.median(baseline):.2f}  (aim: median at most 0.5 s)")


if __name__ == "__main__":
    main()
