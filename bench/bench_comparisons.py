"""Benchmark of the comparisons page on a large dataset (63 units in 8 clusters, 15 years, 60 indicators).

In one run it
1. generates the dataset (bench/generate_dataset.py) into a fresh SQLite file,
2. times the full rerun of pages/comparisons.py (AppTest, logged in as the chair; median of many reruns, the first
   run that fills the cache is reported apart),
3. times bench/reference_page.py, which draws the same charts from a dataset already in memory, the same way,
4. prints the ratio page / reference, and the same with a new choice on every rerun: a new highlighted province
   (the charts built for the year are reused and the highlight marked on them), a new coverage indicator (that
   chart is built anew) and every chart built anew (what a new year or new data costs),
5. starts a real `streamlit run` on the dataset and counts the bytes the browser receives when it opens the page
   (Chromium's own network accounting through CDP), with a warm browser cache (the usual case: Streamlit's
   JavaScript is cached after the first visit) and with an empty cache.

    .venv/bin/python bench/bench_comparisons.py [--runs 30] [--no-browser]
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate_dataset import BENCH_PASSWORD, generate  # noqa: E402


def timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, at.exception
    return elapsed


def bench_reruns(runs: int) -> tuple[float, float, float, float]:
    from streamlit.testing.v1 import AppTest

    from bench import reference_data
    from components.charts.views import Choices
    from components.ui import comparison_choices
    from db import reference
    from db.engine import session_scope
    from db.models import utcnow

    page = AppTest.from_file(str(ROOT / "pages/comparisons.py"), default_timeout=120)
    page.session_state["authentication_status"] = True
    page.session_state["username"] = "chair"
    page.session_state["_login_at"] = utcnow()
    start = time.perf_counter()
    page.run()
    cold = time.perf_counter() - start
    assert not page.exception, page.exception

    state = page.session_state
    choices = Choices(state["charts.year"], state["charts.highlight"] or None, state["charts.field"],
                      state["charts.coverage_indicator"], state["charts.pillar"], state["charts.change_indicator"])
    with session_scope() as session:
        cluster = reference.get_cluster(session=session)
        ey = reference.get_emulation_year(session=session, cluster_id=cluster.id, year=choices.year)
        reference_data.DATA = comparison_choices.load_dataset(
            session=session, cluster_id=cluster.id, cluster_name=(cluster.name_vi, cluster.name_en),
            year=choices.year, emulation_year_id=ey.id)
    reference_data.CHOICES = choices
    ref = AppTest.from_file(str(ROOT / "bench/reference_page.py"), default_timeout=120)
    ref.run()
    page_times, ref_times, rebuilt_times = [], [], []
    for _ in range(runs):  # interleaved, so that load from other processes hits both alike
        page_times.append(timed_run(page))
        ref_times.append(timed_run(ref))
    # a highlight not seen before on every rerun: the views for that choice are assembled anew (their cache is
    # emptied first); the charts built for the year come from their cache and get the highlight marked on them
    units = [0] + [int(u) for u in reference_data.DATA.members["unit_id"]]
    for i in range(runs):
        comparison_choices._cached_views.clear()
        page.selectbox(key="_w_charts.highlight").set_value(units[(i + 1) % len(units)])
        rebuilt_times.append(timed_run(page))
    # an indicator not seen before on every rerun: the coverage chart is built anew, the other charts are reused
    indicator_times = []
    options = page.selectbox(key="_w_charts.coverage_indicator").options
    for i in range(min(runs, len(options) - 1)):
        comparison_choices._cached_views.clear()
        page.selectbox(key="_w_charts.coverage_indicator").set_value(_option_value(page, i + 1))
        indicator_times.append(timed_run(page))
    # every chart built anew (a new year or new data): all chart caches emptied first
    full_times = []
    for i in range(runs):
        comparison_choices._cached_views.clear()
        comparison_choices._built_view.clear()
        page.selectbox(key="_w_charts.highlight").set_value(units[i % len(units)])
        full_times.append(timed_run(page))
    return (cold, statistics.median(page_times), statistics.median(ref_times), statistics.median(rebuilt_times),
            statistics.median(indicator_times), statistics.median(full_times))


def _option_value(page, index: int):
    """The value behind the index-th option of the coverage indicator selectbox."""
    from components.ui import comparison_choices
    from db import comparison_queries
    from db.engine import session_scope

    with session_scope() as session:
        version = comparison_queries.years_and_version(session=session)[1]
    data = comparison_choices.dataset(page.session_state["charts.year"], version)
    codes = [i["indicator_code"] for i in comparison_choices.indicator_dicts(data, page.session_state["charts.field"],
                                                                              ("percent", "ratio"))]
    return codes[index % len(codes)]


def page_bytes(db_url: str, data_dir: Path) -> tuple[int, int, int]:
    """(bytes with a warm cache, of which websocket, bytes with an empty cache) for opening /comparisons."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, StreamlitServer, login, wait_for_app

    server = StreamlitServer(db_url, data_dir).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

            def open_page(page, counters):
                cdp = page.context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.on("Network.loadingFinished", lambda e: counters.__setitem__("http", counters["http"]
                                                                                 + e["encodedDataLength"]))

                def frame(e):
                    payload = e["response"]["payloadData"]
                    size = len(base64.b64decode(payload)) if e["response"]["opcode"] == 2 else len(payload.encode())
                    counters["ws"] += size

                cdp.on("Network.webSocketFrameReceived", frame)
                page.goto(server.url + "/comparisons")
                wait_for_app(page)
                page.locator(".vega-embed").first.wait_for(timeout=60_000)
                wait_for_app(page)

            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            login(page, server.url, "chair", BENCH_PASSWORD)
            open_page(page, {"http": 0, "ws": 0})  # a first visit fills the browser cache (Vega's chunk too)
            warm = {"http": 0, "ws": 0}
            open_page(page, warm)
            cold_context = browser.new_context(viewport={"width": 1400, "height": 1000})
            cold_context.add_cookies(context.cookies())
            cold = {"http": 0, "ws": 0}
            open_page(cold_context.new_page(), cold)
            browser.close()
    finally:
        server.stop()
    return warm["http"] + warm["ws"], warm["ws"], cold["http"] + cold["ws"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    db_file = work / "bench.db"
    db_url = f"sqlite:///{db_file}"
    generate(db_url)
    os.environ.update(DATABASE_URL=db_url, DATA_DIR=str(work / "data"), AUTH_COOKIE_KEY="bench-cookie-key-" + "x" * 32,
                      LOAD_SAMPLE_DATA="0")
    os.environ.pop("DEMO_ACCOUNTS", None)

    try:
        cold, page_median, ref_median, rebuilt_median, indicator_median, full_median = bench_reruns(args.runs)
        print(f"comparisons page, first run (fills the cache): {cold * 1000:.0f} ms")
        print(f"comparisons page, full rerun, median of {args.runs}: {page_median * 1000:.1f} ms")
        print(f"reference (same charts from memory), median of {args.runs}: {ref_median * 1000:.1f} ms")
        print(f"ratio page / reference: {page_median / ref_median:.2f}  (aim: at most 1.5)")
        print(f"comparisons page, full rerun with a new highlight each time, median of {args.runs}: "
              f"{rebuilt_median * 1000:.1f} ms; ratio to reference: {rebuilt_median / ref_median:.2f}  (aim: 0.2)")
        print(f"comparisons page, full rerun with a new coverage indicator each time (that chart rebuilt): "
              f"{indicator_median * 1000:.1f} ms; ratio to reference: {indicator_median / ref_median:.2f}  (aim: 0.2)")
        print(f"comparisons page, full rerun with every chart rebuilt (new year or new data), median of {args.runs}: "
              f"{full_median * 1000:.1f} ms; ratio to reference: {full_median / ref_median:.2f}")
        if not args.no_browser:
            warm, ws, empty = page_bytes(db_url, work / "server")
            print(f"bytes the browser receives opening the page, JavaScript cached: {warm / 1024:.0f} KB "
                  f"(of which websocket {ws / 1024:.0f} KB)  (aim: under 300 KB)")
            print(f"bytes with an empty browser cache (first visit ever, Streamlit's JavaScript included): "
                  f"{empty / 1024:.0f} KB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
