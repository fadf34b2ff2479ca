"""The results entry form: the inputs of each indicator, the staff targets beside them, saving, the status bar
and the workflow log.
"""

from __future__ import annotations

import functools

import streamlit as st

from components.documents.results_workbook import uom_label
from components.i18n.formatting import fmt_auto, fmt_datetime, fmt_percent
from components.rules import access, next_steps
from components.rules.access import can_edit_unit
from components.rules.errors import DomainError
from components.rules.figures import (
    PARTS_OF_KIND,
    Figure,
    figure_from_text,
    figure_text,
    parse_typed_number,
    ratio_percent,
    unusual,
)
from components.rules.honours import STAFF_CODES, StaffTargets, staff_targets
from components.rules.plain_text import plain
from components.ui.awards_form import _award_summary
from components.ui.feedback import FLASH, attempt, run_action
from components.ui.kept_tabs import kept_tabs
from components.ui.language import current_lang, error_text, t, tm
from components.ui.pickers import state_label
from db import entry, reference

FEEDBACK = "_entry_feedback"


def _key(sheet, code: str, part: str) -> str:
    return f"fig_{sheet.unit_id}_{sheet.year.year}_{current_lang()}_{code}_{part}"


def _loaded_text(figure, part: str) -> str:
    value = getattr(figure, part) if figure is not None else None
    if part == "note":
        return value or ""
    return "" if value is None else fmt_auto(value, current_lang(), max_decimals=6)


def _text_box(column, label: str, key: str, loaded: str, disabled: bool) -> str:
    if key not in st.session_state or disabled:
        st.session_state[key] = loaded
        st.session_state[key + "__loaded"] = loaded
    return column.text_input(label, key=key, disabled=disabled)


PART_LABELS = {"value": "entry.value", "numerator": "entry.numerator", "denominator": "entry.denominator",
               "ranked_of": "entry.ranked_of"}


def _part_label(kind: str, part: str) -> str:
    if kind == "rank":
        return t("entry.rank") if part == "value" else t("entry.ranked_of")
    return t(PART_LABELS[part])


def _history_lines(entries, kind: str) -> list[str]:
    lang = current_lang()
    empty = t("entry.history_empty")
    lines = []
    for h in entries:
        who = h.user_name or t("entry.system")
        if h.user_role:
            who += f" ({t(f'role.{h.user_role}')})"
        line = tm("entry.history_line", at=fmt_datetime(h.changed_at), who=who,
                  old=figure_text(kind, h.old, lang, empty), new=figure_text(kind, h.new, lang, empty))
        if h.reason:
            line += " — " + tm("entry.history_reason", reason=h.reason)
        lines.append("- " + line)
    return lines


def _unchanged(texts: dict[str, str], typed_then: dict[str, str] | None, part: str) -> bool:
    return typed_then is None or (texts.get(part) or "") == (typed_then.get(part) or "")


def indicator_inputs(sheet, row, *, disabled: bool, problems: list, rule_messages: list[str],
                     history: list, typed_then: dict[str, str] | None = None) -> dict[str, str]:
    """The inputs of one indicator: name, unit and last year's figure as a hint, one box per raw input (a ratio's
    derived percentage next to it), a note, the messages of the last save next to the box they concern, and the
    audit trail under it. A message stays only while its box holds what was saved (typed_then): retyped, it goes.
    Returns the texts typed."""
    ind, lang = row.indicator, current_lang()
    texts: dict[str, str] = {}
    if _key(sheet, ind.code, PARTS_OF_KIND[ind.kind][0]) not in st.session_state or disabled:
        # the figure the boxes are loaded with: a save refuses if someone else changed it since
        st.session_state[_key(sheet, ind.code, "figure__loaded")] = row.current.snapshot() if row.current else None
    with st.container(border=True):
        name_col, first, second, note_col = st.columns([4, 2, 2, 3])
        name_col.markdown(f"**{plain(ind.name_vi if lang == 'vi' else ind.name_en)}**")
        hint = t("entry.uom", unit=uom_label(ind.unit, lang))
        hint += " · " + t("entry.last_year", year=sheet.year.year - 1,
                          value=figure_text(ind.kind, row.last_year, lang, t("common.not_reported")))
        name_col.caption(hint)
        for column, part in zip((first, second), PARTS_OF_KIND[ind.kind]):
            texts[part] = _text_box(column, _part_label(ind.kind, part), _key(sheet, ind.code, part),
                                    _loaded_text(row.current, part), disabled)
            for p in problems:
                if p.part == part and _unchanged(texts, typed_then, part):
                    column.error(t(f"err.entry_{p.code}", **p.params), icon=":material/error:")
        if ind.kind == "ratio":
            num, _ = parse_typed_number(texts.get("numerator"), lang)
            den, _ = parse_typed_number(texts.get("denominator"), lang)
            pct = ratio_percent(num, den)
            if pct is not None:
                second.caption(t("entry.derived_pct", pct=fmt_percent(pct, 1, lang)))
        texts["note"] = _text_box(note_col, t("entry.note"), _key(sheet, ind.code, "note"),
                                  _loaded_text(row.current, "note"), disabled)
        for p in problems:
            if p.part == "note" and _unchanged(texts, typed_then, "note"):
                note_col.error(t(f"err.entry_{p.code}", **p.params), icon=":material/error:")
        if all(_unchanged(texts, typed_then, part) for part in texts):
            for message in rule_messages:
                st.error(message, icon=":material/rule:")
        if history:
            with st.expander(t("entry.history", n=len(history)), icon=":material/history:"):
                st.markdown("\n".join(_history_lines(history, ind.kind)))
    return texts


TARGET_VERDICT = {True: "entry.target_ok", False: "entry.target_not_ok"}
CAP_VERDICT = {True: "entry.cap_ok", False: "entry.cap_not_ok"}


def staff_targets_view(texts_by_code: dict[str, dict[str, str]], targets: StaffTargets) -> None:
    """From what is typed now: the LĐTT and CSTĐCS shares of staff against the cluster's targets for the year, and
    the CSTĐCS share of LĐTT against the legal cap, named apart."""
    lang = current_lang()
    total, ldtt, cstdcs = (parse_typed_number(texts_by_code.get(c, {}).get("value"), lang)[0] for c in STAFF_CODES)
    check = staff_targets(total, ldtt, cstdcs, targets)
    pct = functools.partial(fmt_percent, decimals=1, lang=lang)
    st.markdown(f"**{t('entry.staff_targets')}**")
    st.caption(t("entry.collectives_target", target=fmt_percent(targets.ldxs_collectives_pct, 0, lang)))
    lines = [
        (check.ldtt_pct, check.ldtt_meets_target,
         lambda: t("entry.ldtt_share", pct=pct(check.ldtt_pct), target=fmt_percent(targets.ldtt_of_staff_pct, 0,
                                                                                    lang)), TARGET_VERDICT),
        (check.cstdcs_of_staff_pct, check.cstdcs_meets_target,
         lambda: t("entry.cstdcs_of_staff", pct=pct(check.cstdcs_of_staff_pct),
                   target=fmt_percent(targets.cstdcs_of_staff_pct, 0, lang)), TARGET_VERDICT),
        (check.cstdcs_of_ldtt_pct, check.cstdcs_within_cap,
         lambda: t("entry.cstdcs_of_ldtt", pct=pct(check.cstdcs_of_ldtt_pct),
                   cap=fmt_percent(targets.cstdcs_cap_of_ldtt_pct, 0, lang)), CAP_VERDICT),
    ]
    if all(value is None for value, *_ in lines):
        st.caption(t("entry.targets_missing"))
        return
    for value, ok, sentence, verdicts in lines:
        if value is None:
            continue
        verdict = t(verdicts[bool(ok)])
        (st.success if ok else st.warning)(f"{sentence()} — {verdict}")


def _feedback_key(sheet) -> str:
    return f"{FEEDBACK}_{sheet.unit_id}_{sheet.year.year}"


def _changed_figures(sheet, typed: dict[str, dict[str, str]]):
    """Figures of the boxes the user changed since they were loaded, and the boxes that are not numbers."""
    lang = current_lang()
    kinds = {r.indicator.code: r.indicator.kind for r in sheet.rows}
    figures, problems = {}, {}
    for code, texts in typed.items():
        touched = any(texts[p] != st.session_state.get(_key(sheet, code, p) + "__loaded", "") for p in texts)
        if not touched:
            continue
        figure, found = figure_from_text(kinds[code], texts, lang)
        if found:
            problems[code] = found
        else:
            figures[code] = figure
    return figures, problems


def _unusual_key(sheet) -> str:
    return f"entry_unusual_ok_{sheet.unit_id}_{sheet.year.year}"


def unusual_confirmation(sheet, typed: dict[str, dict[str, str]]) -> None:
    """Figures typed far from last year's (or from any plausible size) are saved only once this box is ticked."""
    figures, _ = _changed_figures(sheet, typed)
    rows = {r.indicator.code: r for r in sheet.rows}
    odd = [c for c, f in figures.items() if unusual(f, rows[c].last_year)]
    if not odd:
        st.session_state.pop(_unusual_key(sheet), None)
        return
    lang = current_lang()
    names = "; ".join(rows[c].indicator.name_vi if lang == "vi" else rows[c].indicator.name_en for c in odd)
    st.warning(tm("entry.excel.unusual", names=names), icon=":material/priority_high:")
    st.checkbox(t("entry.excel.unusual_confirm"), key=_unusual_key(sheet))


def _named_by_label(names: dict[str, str]):
    """An error that lists indicators (unusual figures unconfirmed, figures changed meanwhile) names them by their
    label in the user's language, never by their code."""
    def show(exc: DomainError) -> bool:
        if "codes" not in exc.params:
            return False
        labels = "; ".join(names.get(c.strip(), c) for c in str(exc.params["codes"]).split(","))
        st.error(error_text(DomainError(exc.code, **{**exc.params, "codes": labels})), icon=":material/error:")
        return True
    return show


def _save(sheet, user, typed, reason: str | None, then_submit: bool, acknowledged_missing: int = 0) -> None:
    figures, problems = _changed_figures(sheet, typed)
    names = {r.indicator.code: (r.indicator.name_vi if current_lang() == "vi" else r.indicator.name_en)
             for r in sheet.rows}
    with st.spinner(t("entry.saving")):
        expected = {code: Figure.from_snapshot(st.session_state.get(_key(sheet, code, "figure__loaded")))
                    for code in figures}
        ok, result = attempt(lambda session: entry.save_figures(
            session=session, actor=user, unit_id=sheet.unit_id, year=sheet.year.year, figures=figures,
            reason=reason, expected=expected, conflict_code="entry_changed_since_loaded",
            unusual_ok=bool(st.session_state.get(_unusual_key(sheet)))), on_error=_named_by_label(names))
    if not ok:
        return
    problems.update(result.problems)
    rules = {c: [r.message(current_lang()) for r in rs] for c, rs in result.rejected_by_rule.items()}
    failed = sorted(set(problems) | set(rules))
    for code in [*result.saved, *result.cleared, *result.unchanged]:
        for part in (*PARTS_OF_KIND[next(r.indicator.kind for r in sheet.rows if r.indicator.code == code)], "note"):
            st.session_state.pop(_key(sheet, code, part), None)
    messages = []
    if result.saved:
        messages.append(t("entry.saved_n", n=len(result.saved)))
    if result.cleared:
        messages.append(t("entry.cleared_n", n=len(result.cleared)))
    st.session_state[_feedback_key(sheet)] = {
        "problems": problems, "rules": rules, "ok": " ".join(messages) or (None if failed else
                                                                           t("entry.nothing_changed")),
        "failed": t("entry.failed_n", n=len(failed), names="; ".join(names[c] for c in failed if c in names))
        if failed else None,
        "typed": {c: dict(typed[c]) for c in failed if c in typed}}  # what each message was about
    field_of = {r.indicator.code: r.indicator.field for r in sheet.rows}
    if failed and not any(field_of.get(c) == st.session_state.get(_tabs_key(sheet)) for c in failed):
        st.session_state[_tabs_key(sheet)] = field_of.get(failed[0])  # the tab of the first error opens
    if then_submit and not failed:
        feedback = st.session_state[_feedback_key(sheet)]

        def keep(exc) -> bool:  # shown at the top of the form after the rerun, like the save's own messages
            feedback["submit_error"] = error_text(exc)
            return True

        ok, _ = attempt(lambda s: entry.submit_results(session=s, actor=user, unit_id=sheet.unit_id,
                                                       year=sheet.year.year,
                                                       acknowledged_missing=acknowledged_missing), on_error=keep)
        if ok:
            st.session_state[FLASH] = t("entry.submitted_ok", year=sheet.year.year)
        elif "submit_error" not in feedback:
            return
    st.rerun()


def entry_form(sheet, history: dict, user, *, allow_submit: bool = True) -> None:
    """The results form of one unit and year: a tab per field (one field: no tabs), then Save and Submit."""
    feedback = st.session_state.get(_feedback_key(sheet)) or {}
    problems, rules = feedback.get("problems", {}), feedback.get("rules", {})
    disabled = sheet.refusal is not None
    fields = [f for f in reference.FIELDS if any(r.indicator.field == f for r in sheet.rows)]
    bad = {f: sum(1 for r in sheet.rows if r.indicator.field == f and (r.indicator.code in problems
                                                                         or r.indicator.code in rules))
           for f in fields}
    # "n / m" filled (saved figures) per tab, so that a province sees where its gaps are without opening each tab
    progress = next_steps.field_progress(((r.indicator.field, r.current is not None and not r.current.is_empty())
                                          for r in sheet.rows), fields)
    # the tabs' labels never change: a new label is a new element to Streamlit, redrawn in the browser, which
    # throws the page back to its top after every save; what is filled and what failed is said inside each tab
    # and beside the buttons, where the user is when saving
    containers = kept_tabs([t(f"field.{f}") for f in fields], key=_tabs_key(sheet), ids=fields) \
        if len(fields) > 1 else [st.container()]
    typed: dict[str, dict[str, str]] = {}
    for container, field in zip(containers, fields):
        with container:
            if len(fields) > 1:
                st.caption(t("entry.tab_progress", filled=progress[field][0], total=progress[field][1]))
            if bad[field]:
                st.error(t("entry.tab_errors", n=bad[field]), icon=":material/error:")
            for row in (r for r in sheet.rows if r.indicator.field == field):
                code = row.indicator.code
                typed[code] = indicator_inputs(sheet, row, disabled=disabled, problems=problems.get(code, []),
                                               rule_messages=rules.get(code, []),
                                               history=history.get(row.indicator.id, []),
                                               typed_then=feedback.get("typed", {}).get(code))
            if field == "awards":
                staff_targets_view(typed, sheet.year.staff_targets())
    if disabled:
        return
    unusual_confirmation(sheet, typed)
    reason = None
    if access.can_change_submitted(user.role):
        reason = st.text_input(t("entry.chair_reason"), key=f"entry_reason_{sheet.unit_id}_{sheet.year.year}")
    can_submit = allow_submit and sheet.status.state in (None, "draft")
    missing = _missing_before_submit(sheet, typed) if can_submit else []
    if len(fields) > 1:
        st.caption(t("entry.progress_line", parts=" · ".join(
            t("entry.progress_part_errors" if bad[f] else "entry.progress_part", field=t(f"field.{f}"), n=bad[f],
              filled=progress[f][0], total=progress[f][1]) for f in fields)))
    # the save's own messages beside its buttons: the page stays where it was when the button was clicked
    if feedback.get("ok"):
        st.success(feedback["ok"], icon=":material/check_circle:")
    if feedback.get("failed"):
        st.error(feedback["failed"], icon=":material/error:")
    if feedback.get("submit_error"):
        st.error(feedback["submit_error"], icon=":material/error:")
    left, right = st.columns(2)
    label = t("entry.save_chair") if access.can_change_submitted(user.role) else t("entry.save")
    if left.button(label, type="primary", icon=":material/save:", key="entry_save", width="stretch"):
        _save(sheet, user, typed, reason, then_submit=False)
    if can_submit:
        if right.button(t("entry.submit"), icon=":material/send:", key="entry_submit", width="stretch",
                        help=t("entry.submit_help")):
            confirmed = bool(st.session_state.get(_missing_key(sheet)))
            _save(sheet, user, typed, reason, then_submit=True, acknowledged_missing=len(missing) if confirmed else 0)


def _tabs_key(sheet) -> str:
    return f"entry_tab_{sheet.unit_id}_{sheet.year.year}"


def _missing_key(sheet) -> str:
    return f"entry_submit_missing_ok_{sheet.unit_id}_{sheet.year.year}"


def _missing_before_submit(sheet, typed: dict[str, dict[str, str]]) -> list[str]:
    """The indicators that would be submitted with no figure, listed by field with the confirmation naming their
    count (the data layer checks the count again when the report is submitted)."""
    lang = current_lang()
    missing = [r for r in sheet.rows if (r.current is None or r.current.is_empty())
               and not any((v or "").strip() for k, v in typed.get(r.indicator.code, {}).items() if k != "note")]
    if not missing:
        st.session_state.pop(_missing_key(sheet), None)
        return []
    with st.expander(t("entry.submit_missing_list", n=len(missing), total=len(sheet.rows)),
                     icon=":material/playlist_remove:"):
        for field in dict.fromkeys(r.indicator.field for r in missing):
            names = [r.indicator.name_vi if lang == "vi" else r.indicator.name_en
                     for r in missing if r.indicator.field == field]
            st.markdown(f"**{t(f'field.{field}')}**\n" + "\n".join(f"- {plain(n)}" for n in names))
    st.checkbox(t("entry.submit_missing_confirm", n=len(missing)), key=_missing_key(sheet))
    return [r.indicator.code for r in missing]


def status_bar(sheet, user) -> None:
    """The unit's workflow state, deadline and reopen reason, why it is read-only, and Withdraw when allowed."""
    state = sheet.status.state
    line = t("entry.state_line", state=state_label(state))
    sub = sheet.submission
    if sub is not None and sub.submitted_at is not None and state in ("submitted", "locked"):
        line += " · " + t("entry.submitted_at", at=fmt_datetime(sub.submitted_at))
    if sheet.year.entry_deadline is not None:
        line += " · " + t("entry.deadline", at=fmt_datetime(sheet.year.entry_deadline))
    st.markdown(line)
    if sub is not None and sub.reopened_reason and state == "draft":
        st.info(tm("entry.reopened", reason=sub.reopened_reason), icon=":material/lock_open:")
    if sheet.refusal:
        st.info(t(f"entry.readonly.{sheet.refusal}"), icon=":material/lock:")
    if state == "submitted" and can_edit_unit(user, sheet.unit_id) and sheet.year.state == "open":
        if st.button(t("entry.withdraw"), icon=":material/undo:", key="entry_withdraw"):
            run_action(lambda s: entry.withdraw_submission(session=s, actor=user, unit_id=sheet.unit_id,
                                                              year=sheet.year.year), t("entry.withdrawn_ok"))


def workflow_log(history: dict) -> None:
    """State changes and award changes of the unit and year (the audit entries not tied to one indicator)."""
    entries = history.get(None, [])
    if not entries:
        return
    with st.expander(t("entry.workflow_history"), icon=":material/history:"):
        lines = []
        for h in entries:
            who = h.user_name or t("entry.system")
            old = state_label(h.old) if h.what == "state" else (h.old or "")
            new = state_label(h.new) if h.what == "state" else (h.new or "")
            if h.what == "award":
                old, new = _award_summary(h.old), _award_summary(h.new)
            line = tm("entry.history_line", at=fmt_datetime(h.changed_at), who=who, old=old or "—", new=new or "—")
            reason = t("entry.reason_deadline") if h.reason == "deadline" else h.reason
            lines.append("- " + line + (" — " + tm("entry.history_reason", reason=reason) if reason else ""))
        st.markdown("\n".join(lines))
