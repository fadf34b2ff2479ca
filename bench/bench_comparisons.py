"""Benchmark of the comparisons page on a large dataset (63 units in 8 clusters, 15 years, 60 indicators).

In one run it
1. generates the dataset (bench/generate_dataset.py) into a fresh SQLite file,
2. runs pages/comparisons.py in AppTest, logged in as the chair (the first run, which fills the caches, is
   reported apart),
3. times reruns of the page with a new choice on every rerun, as a director makes them: nothing changed, a new
   highlighted province, a coverage indicator not chosen before, a field not chosen before, a year not opened
   before (its dataset read, the open tab's charts of it built; with the first tab open, and with the heaviest,
   the scorecard, open), a tab not opened before in the year, and new data (every cache emptied). The page builds
   and sends only the open tab's charts; the reference draws all five tabs, as the page did when the issue was
   written;
4. follows every page rerun with a run of bench/reference_page.py, which draws the same charts from a dataset
   already in memory with Altair objects built for every draw (the chart code as it stood when issue 13 asked for
   0.2 of it, frozen in bench/reference_charts), and prints page / reference per scenario,
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


SCENARIOS = ("unchanged", "highlight", "indicator", "field", "year", "year, scorecard open", "tab", "new data")


def bench_reruns(runs: int) -> tuple[float, dict[str, tuple[float, float, int]]]:
    """The first run's time, and per scenario (median page rerun, median reference run, number of reruns). Every
    page rerun is followed by a reference run, so that load from other processes hits both alike."""
    from streamlit.testing.v1 import AppTest

    from bench import reference_data
    from bench.reference_charts.views import Choices
    from components.i18n import translate
    from components.ui import comparison_choices
    from db import comparison_queries, reference
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
    results: dict[str, tuple[float, float, int]] = {}

    def measure(name: str, steps) -> None:
        page_times, ref_times = [], []
        for step in steps:
            step()
            page_times.append(timed_run(page))
            ref_times.append(timed_run(ref))
        results[name] = (statistics.median(page_times), statistics.median(ref_times), len(page_times))

    def choose(key: str, value):
        return lambda: page.selectbox(key=key).set_value(value)

    def open_tab(key: str) -> None:
        page.session_state[comparison_choices.OPEN_TAB] = translate(f"charts.tab.{key}", "vi")

    # nothing changed: what a click elsewhere on the page costs
    measure("unchanged", [lambda: None] * runs)
    # a new highlighted province on every rerun (nobody highlighted included)
    highlights = [0] + [int(u) for u in reference_data.DATA.members["unit_id"]]
    measure("highlight", [choose("_w_charts.highlight", highlights[(i + 1) % len(highlights)]) for i in range(runs)])
    # a coverage indicator not chosen before in this year: that chart is built, the others come from the cache
    data = reference_data.DATA
    coverage = comparison_choices.indicator_dicts(data, state["charts.field"], ("percent", "ratio"))
    codes = [i["indicator_code"] for i in coverage if i["indicator_code"] != state["charts.coverage_indicator"]]
    measure("indicator", [choose("_w_charts.coverage_indicator", code) for code in codes[:runs]])
    # a field not chosen before (its first indicators with it): the scorecard and the indicator charts are built
    fields = [f for f in reference.FIELDS if f in set(data.catalogue["field"]) and f != state["charts.field"]]
    measure("field", [choose("_w_charts.field", f) for f in fields[:runs]])
    # a year not opened before: its dataset is read and the open tab's charts of the year built (the first run read
    # the default year and the newer ones default_year() looked at); every other older year with the first tab
    # open, the others with the scorecard open (the heaviest tab: 60 indicators x the members)
    with session_scope() as session:
        years = comparison_queries.years_and_version(session=session, cluster_code=reference.cluster_code())[0]
    older = years[years.index(choices.year) + 1:]
    measure("year", [choose("_w_charts.year", y) for y in older[0::2][:runs]])
    open_tab("scorecard")
    measure("year, scorecard open", [choose("_w_charts.year", y) for y in older[1::2][:runs]])
    # a tab not opened before in this year: its charts are built
    page.selectbox(key="_w_charts.year").set_value(choices.year)
    open_tab("coverage")
    measure("tab", [lambda key=key: open_tab(key) for key in ("dti", "awards", "scorecard", "change")])
    open_tab("coverage")

    # new data (a figure saved): the data version changes, so the dataset is read again and every chart rebuilt;
    # simulated by emptying the caches, with a new highlight so that the page reruns its script
    def new_data(i):
        def step():
            comparison_choices._cached_dataset.clear()
            comparison_choices._built_view.clear()
            comparison_choices._shared.clear()
            page.selectbox(key="_w_charts.highlight").set_value(highlights[i % len(highlights)])
        return step
    measure("new data", [new_data(i) for i in range(runs)])
    return cold, results


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
        cold, results = bench_reruns(args.runs)
        print(f"comparisons page, first run (fills the cache): {cold * 1000:.0f} ms")
        print("reference: the same charts drawn from a dataset in memory with Altair objects built for every draw "
              "(bench/reference_charts); each page rerun is followed by a reference run")
        labels = {"unchanged": "rerun, nothing changed", "highlight": "a new highlighted province",
                  "indicator": "a new coverage indicator", "field": "a new field", "year": "a year not opened before",
                  "year, scorecard open": "a year not opened before, scorecard tab open",
                  "tab": "a tab not opened before in the year",
                  "new data": "new data (dataset read again, every chart rebuilt)"}
        for name in SCENARIOS:
            page_median, ref_median, n = results[name]
            aim = "" if name == "tab" else "  (aim: at most 0.2)"
            print(f"{labels[name]:52s} page {page_median * 1000:7.1f} ms, reference {ref_median * 1000:7.1f} ms, "
                  f"ratio {page_median / ref_median:.2f}{aim}  [median of {n}]")
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
