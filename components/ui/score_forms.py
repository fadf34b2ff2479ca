"""Self-scoring and verification widgets: a unit's sheet (self-score beside the verified points, evidence,
reasons, answers), the unit's form per criterion with its evidence file, the answer to an adjustment, and the
chair's adjustment, checklist and lock."""

from __future__ import annotations

import mimetypes

import pandas as pd
import streamlit as st

from components.rules.evidence import MAX_EVIDENCE_BYTES
from components.rules.plain_text import plain
from components.ui import frames, uploads
from components.ui.feedback import run_action
from components.ui.language import current_lang, num, t, tm
from db import score_sheets
from db.engine import session_scope


def _name(c) -> str:
    return c.name_vi if current_lang() == "vi" else (c.name_en or c.name_vi)


def points_text(x) -> str:
    """Points as the user's language writes them: 45, 7,5 (vi) / 7.5 (en); a criterion not scored is a dash."""
    if x is None:
        return "—"
    return num(x, 0) if float(x).is_integer() else num(x, 2)


def sheet_status(sheet: score_sheets.SheetView) -> None:
    st.markdown(t("score.sheet_line", state=t(f"score.sheet_state.{sheet.state}"),
                  self_total=points_text(sheet.self_total), final_total=points_text(sheet.final_total)))


def sheet_table(sheet: score_sheets.SheetView) -> None:
    rows = []
    for x in sheet.lines:
        c = x.criterion
        evidence = " · ".join(p for p in (x.doc_no, x.doc_date.strftime("%d/%m/%Y") if x.doc_date else None,
                                          x.evidence_name) if p)
        rows.append({t("score.col.code"): c.code, t("score.col.group"): c.group, t("score.pick_criterion"): _name(c),
                     t("score.col.kind"): t(f"score.kind.{c.kind}"), t("score.col.max_points"): c.max_points,
                     t("score.col.self"): x.self_points, t("score.col.verified"): x.verified_points,
                     t("score.col.final"): x.final_points,
                     t("score.col.evidence_doc"): t("score.computed_note") if c.computed else evidence,
                     t("score.col.reason"): x.reason or "", t("score.col.answer"): x.answer or ""})
    frames.dataframe(pd.DataFrame(rows), hide_index=True, key=f"score_sheet_{sheet.unit_id}_{sheet.year}")


def evidence_downloads(sheet: score_sheets.SheetView, user) -> None:
    """A download per evidence file, read from the database only when its button is clicked (the sheet knows the
    names alone, so a page of many files does not read them all on every run)."""
    for x in sheet.lines:
        if not x.evidence_name:
            continue

        def content(code: str = x.criterion.code) -> bytes:
            with session_scope() as session:
                found = score_sheets.evidence_file(session=session, actor=user, unit_id=sheet.unit_id,
                                                   year=sheet.year, code=code)
            return found[2] if found else b""

        st.download_button(tm("score.download_evidence", name=f"{x.criterion.code} · {x.evidence_name}"), content,
                           file_name=x.evidence_name,
                           mime=mimetypes.guess_type(x.evidence_name)[0] or "application/octet-stream",
                           key=f"score_ev_{sheet.unit_id}_{x.criterion.code}", icon=":material/attach_file:",
                           on_click="ignore")


def self_score_form(sheet: score_sheets.SheetView, user) -> None:
    manual = [x for x in sheet.lines if not x.criterion.computed]
    if not manual:
        return
    by_code = {x.criterion.code: x for x in manual}
    code = st.selectbox(t("score.pick_criterion"), list(by_code), key="self_score_code",
                        format_func=lambda c: f"{c} · {_name(by_code[c].criterion)}", placeholder=t("common.choose"))
    line = by_code[code]
    c = line.criterion
    with st.form(f"self_score_{code}", clear_on_submit=False):
        low = -c.max_points if c.kind == "penalty" else None
        points = st.number_input(t("score.points"), value=line.self_points, min_value=low, step=0.5,
                                 help=t("score.points_help", max=num(c.max_points, 1)), key=f"self_points_{code}")
        left, right = st.columns(2)
        doc_no = left.text_input(t("score.doc_no"), value=line.doc_no or "", max_chars=100, key=f"self_doc_{code}")
        doc_date = right.date_input(t("score.doc_date"), value=line.doc_date, format="DD/MM/YYYY",
                                    key=f"self_date_{code}")
        summary = st.text_area(t("score.summary"), value=line.summary or "", key=f"self_summary_{code}")
        upload = uploads.file_uploader(t("score.file", mb=uploads.limit_mb(MAX_EVIDENCE_BYTES)),
                                       types=["pdf", "png", "jpg", "jpeg"], own_max_bytes=MAX_EVIDENCE_BYTES,
                                       key=f"self_file_{code}")
        if not st.form_submit_button(t("score.save_line"), type="primary", icon=":material/save:"):
            return
    content = upload.getvalue() if upload is not None else None
    run_action(lambda s: score_sheets.save_self_score(
        session=s, actor=user, unit_id=sheet.unit_id, year=sheet.year, code=code, points=points, doc_no=doc_no,
        doc_date=doc_date, summary=summary, file_name=upload.name if upload else None, file_bytes=content),
        t("score.line_saved", code=code))


def submit_button(sheet: score_sheets.SheetView, user) -> None:
    if st.button(t("score.submit"), type="primary", icon=":material/send:", key="self_score_submit"):
        run_action(lambda s: score_sheets.submit_sheet(session=s, actor=user, unit_id=sheet.unit_id, year=sheet.year),
                   t("score.submitted_msg"))


def answer_forms(sheet: score_sheets.SheetView, user) -> None:
    """The unit sees each adjustment and may answer it once."""
    adjusted = [x for x in sheet.lines if x.adjusted]
    st.subheader(t("score.adjustments"))
    if not adjusted:
        st.caption(t("score.no_adjustments"))
        return
    for x in adjusted:
        code = x.criterion.code
        st.markdown(f"**{plain(code)} · {plain(_name(x.criterion))}**: {points_text(x.self_points)} → "
                    f"{points_text(x.verified_points)}. {t('score.col.reason')}: {plain(x.reason)}")
        if x.answer is not None:
            st.caption(f"{t('score.col.answer')}: {plain(x.answer)}")
            continue
        if sheet.locked or user.unit_id != sheet.unit_id:
            continue
        with st.form(f"answer_{code}"):
            answer = st.text_area(t("score.answer"), key=f"answer_text_{code}")
            if st.form_submit_button(t("score.send_answer"), icon=":material/reply:"):
                run_action(lambda s, a=answer, c=code: score_sheets.answer_adjustment(
                    session=s, actor=user, unit_id=sheet.unit_id, year=sheet.year, code=c, answer=a),
                    t("score.answered"))


def adjust_form(sheet: score_sheets.SheetView, user) -> None:
    by_code = {x.criterion.code: x for x in sheet.lines}
    st.subheader(t("score.adjust"))
    code = st.selectbox(t("score.pick_criterion"), list(by_code), key="review_code",
                        format_func=lambda c: f"{c} · {_name(by_code[c].criterion)}", placeholder=t("common.choose"))
    line = by_code[code]
    with st.form(f"review_{sheet.unit_id}_{code}"):
        low = -line.criterion.max_points if line.criterion.kind == "penalty" else None
        points = st.number_input(t("score.points"), value=line.final_points, min_value=low, step=0.5,
                                 help=t("score.points_help", max=num(line.criterion.max_points, 1)),
                                 key=f"review_points_{code}")
        reason = st.text_area(t("score.reason"), key=f"review_reason_{code}")
        if st.form_submit_button(t("score.adjust"), type="primary", icon=":material/rate_review:"):
            run_action(lambda s: score_sheets.adjust_score(session=s, actor=user, unit_id=sheet.unit_id,
                                                         year=sheet.year, code=code, points=points, reason=reason),
                       t("score.adjusted", code=code))


def conditions_form(sheet: score_sheets.SheetView, table, user) -> None:
    if not table.conditions:
        return
    labels = {c.code: (c.label_vi if current_lang() == "vi" else (c.label_en or c.label_vi)) for c in table.conditions}
    with st.form(f"conditions_{sheet.unit_id}"):
        picked = st.multiselect(t("score.conditions_for"), list(labels), default=list(sheet.conditions_met),
                                format_func=labels.get, key=f"conditions_pick_{sheet.unit_id}",
                                placeholder=t("common.choose_many"))
        if st.form_submit_button(t("score.save_conditions"), icon=":material/checklist:"):
            run_action(lambda s: score_sheets.set_conditions(session=s, actor=user, unit_id=sheet.unit_id,
                                                           year=sheet.year, codes=picked),
                       t("score.conditions_saved"))


def lock_panel(year: int, cluster_id: int, unsent: list[int], names: dict[int, str], user) -> None:
    """The year-level lock on the results screen: the units that have not sent their self-score are listed with
    what locking does to them, and the confirmation names their count (the data layer checks that count)."""
    st.subheader(t("score.lock_title", year=year))
    if unsent:
        st.warning(t("score.lock_unsent", n=len(unsent), year=year), icon=":material/warning:")
        st.markdown("\n".join(f"- {plain(names.get(u, '—'))}" for u in unsent))
        label = t("score.lock_confirm_unsent", n=len(unsent), year=year)
    else:
        label = t("score.lock_confirm")
    with st.form("score_lock"):
        sure = st.checkbox(label, key="score_lock_sure")
        if st.form_submit_button(t("score.lock"), icon=":material/lock:"):
            if not sure:
                st.error(t("score.lock_needs_confirm"), icon=":material/error:")
                return
            run_action(lambda s: score_sheets.lock_scores(session=s, actor=user, year=year, cluster_id=cluster_id,
                                                          acknowledged_unsent=len(unsent)),
                       t("score.locked_msg"))


def cross_form(sheet: score_sheets.SheetView, user) -> None:
    """A member unit scores another unit's criterion (cross-scoring); the unit's own score is never counted."""
    manual = {x.criterion.code: x for x in sheet.lines if not x.criterion.computed}
    st.subheader(t("score.cross_form"))
    code = st.selectbox(t("score.pick_criterion"), list(manual), key="cross_code",
                        format_func=lambda c: f"{c} · {_name(manual[c].criterion)}", placeholder=t("common.choose"))
    c = manual[code].criterion
    with st.form(f"cross_{sheet.unit_id}_{code}"):
        points = st.number_input(t("score.points"), value=None, min_value=-c.max_points if c.kind == "penalty" else None,
                                 step=0.5, help=t("score.points_help", max=num(c.max_points, 1)),
                                 key=f"cross_points_{code}")
        if st.form_submit_button(t("score.cross_form"), icon=":material/compare_arrows:"):
            run_action(lambda s: score_sheets.save_cross_score(session=s, actor=user, unit_id=sheet.unit_id,
                                                             year=sheet.year, code=code, points=points),
                       t("score.cross_saved", code=code))
