"""The voter's receipt lives in the voter's own browser, and never travels back to the server.

Right after a ballot is cast the page hands its receipt to keep() once: a components-v2 element stores it in the
browser's localStorage (this site, this account, this poll) and says so; the page then forgets it. Every later
visit draws the element without the code: the browser shows what it kept, and once the poll is published it
checks the code against the published list of receipts *in the browser* (the page sends the whole list, which is
public). lookup() is the results page's search of that list, also done in the browser. So neither a cookie, a
request log nor the server's memory joins a receipt to the account that holds it.

The codes are normalised in the browser as components/rules/ballots.normalise_receipt does on the server
(upper case, the letters and digits only, a hyphen after the fourth)."""

from __future__ import annotations

import secrets

import streamlit as st

from components.ui.language import t
from db.models import Poll

FRESH = "_vote_receipt"  # (poll id, code, hand-over token) from the cast until the browser has kept it

NORMALISE_JS = """
const normalise = (text) => {
  const raw = String(text || "").toUpperCase().replace(/[^0-9A-Z]/g, "");
  return raw.length === 8 ? `${raw.slice(0, 4)}-${raw.slice(4)}` : raw;
};
const el = (tag, cls, text) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};
const mount = (parentElement, cls) => {
  let root = parentElement.querySelector("." + cls);
  if (!root) { root = el("div", cls); parentElement.appendChild(root); }
  return root;
};
"""

KEEP_JS = NORMALISE_JS + """
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = mount(parentElement, "thidua-receipt");
  const name = `thidua_receipt_${data.user}_${data.poll}`;
  let stored = null;
  try {
    if (data.code) localStorage.setItem(name, data.code);
    stored = localStorage.getItem(name);
  } catch (e) { stored = data.code || null; }
  const code = stored || data.code;
  if (!code) {
    root.replaceChildren(el("p", "thidua-receipt-none", data.labels.none));
    return;
  }
  const box = el("div", "vote-receipt", code);
  box.dataset.testid = "vote-receipt";
  const parts = [el("p", "thidua-receipt-title", data.labels.title), box, el("p", "thidua-receipt-help", data.labels.help)];
  if (Array.isArray(data.published)) {
    const counted = data.published.includes(normalise(code));
    parts.push(el("p", counted ? "thidua-receipt-counted" : "thidua-receipt-missing",
                  counted ? data.labels.counted : data.labels.missing));
  }
  root.replaceChildren(...parts);
  // says "kept" with the hand-over's random token, never the code: nothing of the receipt goes back
  if (data.code && stored === data.code) setStateValue("kept", data.token);
}
"""

LOOKUP_JS = NORMALISE_JS + """
export default function (component) {
  const { data, parentElement } = component;
  const root = mount(parentElement, "thidua-lookup");
  if (root.dataset.ready) { root._published = data.published; return; }
  root.dataset.ready = "1";
  root._published = data.published;
  const label = el("label", "thidua-lookup-label", data.labels.label);
  const input = el("input", "thidua-lookup-input");
  input.id = `thidua-lookup-${data.poll}`;
  label.htmlFor = input.id;
  input.placeholder = data.labels.placeholder;
  input.autocomplete = "off";
  input.spellcheck = false;
  const answer = el("p", "thidua-lookup-answer");
  answer.setAttribute("role", "status");
  const check = () => {
    const code = normalise(input.value);
    if (!code) { answer.textContent = ""; answer.className = "thidua-lookup-answer"; return; }
    const found = root._published.includes(code);
    answer.className = "thidua-lookup-answer " + (found ? "found" : "missing");
    answer.textContent = (found ? data.labels.found : data.labels.missing).replace("{code}", code);
  };
  input.addEventListener("keydown", (event) => { if (event.key === "Enter") check(); });
  input.addEventListener("change", check);
  root.replaceChildren(label, input, answer);
}
"""

CSS = """
<style>
.thidua-receipt-title, .thidua-receipt-counted {color: #1e8e3e; font-weight: 600;}
.thidua-receipt-missing, .thidua-lookup-answer.missing {color: #b71c1c; font-weight: 600;}
.thidua-lookup-answer.found {color: #1e8e3e; font-weight: 600;}
.thidua-lookup-input {width: 100%; max-width: 22rem; padding: .5rem; font-size: 1rem; box-sizing: border-box;
                      border: 1px solid #b0b7bf; border-radius: .4rem;}
.thidua-lookup-label {display: block; font-size: .9rem; margin-bottom: .25rem;}
</style>
"""

_KEEP = st.components.v2.component("thidua_receipt", js=KEEP_JS, isolate_styles=False)
_LOOKUP = st.components.v2.component("thidua_receipt_lookup", js=LOOKUP_JS, isolate_styles=False)


def _fresh(poll_id: int) -> tuple[str, str] | None:
    """(receipt, token) of a ballot this session has just cast in the poll, until the browser has kept it."""
    kept = st.session_state.get(FRESH)
    return (kept[1], kept[2]) if kept and kept[0] == poll_id else None


def remember_fresh(poll_id: int, code: str) -> None:
    st.session_state[FRESH] = (poll_id, code, secrets.token_urlsafe(12))


def keep(poll: Poll, user_id: int, *, published: list[str] | None = None) -> None:
    """The device's receipt of the poll: handed over once if just cast, else what the browser kept; with the
    published receipts, the browser says privately whether it was counted."""
    st.html(CSS)
    code, token = _fresh(poll.id) or (None, None)
    labels = {"title": t("vote.receipt_title", title=poll.title), "help": t("vote.receipt_help"),
              "counted": t("vote.receipt_counted"), "missing": t("vote.receipt_not_counted"),
              "none": t("vote.receipt_not_on_this_device")}
    result = _KEEP(key=f"receipt_{poll.id}", data={"user": user_id, "poll": poll.id, "code": code, "token": token,
                                                     "published": published, "labels": labels},
                   default={"kept": None}, on_kept_change=lambda: None)
    if code is not None and result is not None and result.kept == token:
        st.session_state.pop(FRESH, None)  # the browser has it now: the server forgets it


def lookup(poll_id: int, published: list[str]) -> None:
    """Anyone's search of the published receipts, in the browser (the code typed is never sent)."""
    st.html(CSS)
    labels = {"label": t("vote.find_receipt"), "placeholder": "K7QM-3XPA",
              "found": t("vote.receipt_in_list", code="{code}"),
              "missing": t("err.vote_receipt_not_found", code="{code}")}
    _LOOKUP(key=f"receipt_lookup_{poll_id}", data={"poll": poll_id, "published": published, "labels": labels})
