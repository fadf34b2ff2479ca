"""The live count in place: a components-v2 element (no iframe) that draws k / n and the units' cards, listens to
the server's stream of the poll (components/ui/live_routes.py) and redraws itself on each ballot, without a rerun
of the page. The page reruns only when the poll's state changes (the element sets the trigger `state`).

If the stream cannot be reached (a proxy that drops it, a restarting process) the element sets its state
`stream` to "down": the page then falls back to redrawing the count in a fragment every FALLBACK_SECONDS, and the
element keeps trying to reconnect; once a message arrives again it sets "up" and the fragment stops. So the count
is never frozen.

Every name is put in the page with textContent, never as markup."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.ui import live_routes, poll_display
from components.ui.language import t
from db import polls

FALLBACK_SECONDS = 1.0
DOWN_AFTER_MS = 3000  # a stream that failed and has not reconnected after this long counts as down

JS = """
export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  let root = parentElement.querySelector(".thidua-live");
  if (!root) {
    root = document.createElement("div");
    root.className = "thidua-live";
    parentElement.appendChild(root);
  }
  const names = new Map(data.names);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const render = (s) => {
    const count = el("div", data.big ? "vote-big" : "vote-count-small");
    count.dataset.testid = "vote-count";
    count.append(document.createTextNode(`${s.cast} / ${s.present.length}`));
    if (data.big) { count.append(el("br")); count.append(el("small", "", data.labels.of_present)); }
    else { count.prepend(el("div", "vote-count-label", data.labels.of_present)); }
    const grid = el("div", "vote-grid");
    for (const id of s.eligible) {
      const kind = s.voted.includes(id) ? "voted" : (s.present.includes(id) ? "waiting" : "absent");
      const card = el("div", `vote-unit ${kind}`);
      card.append(el("b", "", names.get(id) || "?"), el("br"), el("span", "", data.labels[kind]));
      grid.append(card);
    }
    root.replaceChildren(count, grid);
    root.dataset.cast = String(s.cast);
    root.dataset.state = s.state;
  };
  render(data.status);
  let down = null, timer = null, closed = false;
  const markDown = () => {
    if (down !== true) { down = true; root.dataset.stream = "down"; setStateValue("stream", "down"); }
  };
  const connect = () => {
    if (closed) return;
    const source = new EventSource(data.url);
    // a slow first answer is not a failure (the count drawn by the page stays right meanwhile): only an error
    // that is not repaired within down_after_ms is
    source.onopen = () => clearTimeout(timer);
    source.onmessage = (event) => {
      const s = JSON.parse(event.data);
      clearTimeout(timer);
      if (down !== false) { const was = down; down = false; root.dataset.stream = "up"; if (was) setStateValue("stream", "up"); }
      render(s);
      if (s.state !== data.status.state) setTriggerValue("state", s.state);
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {  // refused (403) or gone: try again a little later
        markDown();
        setTimeout(connect, data.down_after_ms);
      } else {
        clearTimeout(timer);
        timer = setTimeout(markDown, data.down_after_ms);  // reconnecting by itself meanwhile
      }
    };
    current = source;
  };
  let current = null;
  connect();
  return () => { closed = true; clearTimeout(timer); if (current) current.close(); };
}
"""

_LIVE = st.components.v2.component("thidua_live_count", js=JS, isolate_styles=False)


def show(status: polls.PollStatus, names: dict[int, str], *, big: bool, key: str,
         on_state: Callable[[], None] | None = None) -> str | None:
    """Mount the live count of status's poll; returns the element's view of the stream ("up", "down" or None
    before it has said)."""
    labels = {"of_present": t("vote.ballots_of_present"), "voted": t("vote.unit_voted"),
              "waiting": t("vote.unit_waiting"), "absent": t("vote.unit_absent")}
    data = {"url": live_routes.live_url(status.poll_id), "big": big, "labels": labels,
            "names": [[u, names.get(u, "?")] for u in status.eligible], "down_after_ms": DOWN_AFTER_MS,
            "status": {"state": status.state, "cast": status.ballots_cast, "present": list(status.present),
                       "eligible": list(status.eligible), "voted": list(status.voted)}}
    result = _LIVE(key=key, data=data, default={"stream": None},
                   on_stream_change=lambda: None, on_state_change=on_state or (lambda: None))
    return result.stream if result is not None else None


COUNT_RUNS = "_count_runs"  # how often this session's script has drawn a live count (shown for the browser tests)


def follow(poll_id: int, state: str, load_status: Callable[[], polls.PollStatus], names: dict[int, str], *,
           big: bool, after: Callable[[polls.PollStatus], None] | None = None) -> None:
    """The live count of an open (or just closed) poll: drawn once, then pushed; the page reruns when the poll's
    state changes, and the count is redrawn by the script every FALLBACK_SECONDS only while the stream is down.
    after(status) adds what the page shows under the count."""
    key, flag = f"live_{poll_id}", f"_live_down_{poll_id}"
    down = bool(st.session_state.get(flag))
    if not big:
        st.html(poll_display.BIG_CSS.replace("1.7rem", "1rem"))

    def draw() -> None:
        runs = st.session_state[COUNT_RUNS] = st.session_state.get(COUNT_RUNS, 0) + 1
        status = load_status()
        if status.state != state:
            st.rerun()
        stream = show(status, names, big=big, key=key, on_state=None)
        if (stream == "down") != down:
            st.session_state[flag] = stream == "down"
            st.rerun()
        if after is not None:
            after(status)
        st.markdown(f"<span class='thidua-count-runs' data-runs='{runs}'></span>", unsafe_allow_html=True)

    st.fragment(draw, run_every=FALLBACK_SECONDS if down else None)()
