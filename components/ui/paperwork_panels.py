"""The "Văn bản" screen: pick a document of the year, preview it, download it as DOCX or PDF, and edit the chair's
texts the documents carry (commitments, targets, direction, counting committee)."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components.rules.errors import DomainError
from components.rules.plain_text import plain
from components.ui.feedback import run_action
from components.ui.language import error_text, plain_table, t, tm
from db import paperwork, signed_documents
from db.engine import session_scope

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def legal_basis_notice(law, year: int) -> None:
    """The "Căn cứ" of the year's documents: missing, or proposed and not confirmed by the administrator, said so."""
    if law is None:
        st.warning(t("docs.law_missing", year=year), icon=":material/gavel:")
    elif not law.confirmed:
        st.warning(tm("docs.law_unconfirmed", year=year, ministry=law.ministry_vi, source=law.source or "—"),
                   icon=":material/gavel:")


def document_files(kind: str, cluster_id: int, cluster_code: str, year: int, actor) -> None:
    """Read the document's data for the preview; its DOCX and PDF are written only when their button is clicked
    (the buttons carry a builder for this kind and year, so a click never delivers the kind shown before)."""
    try:
        with st.spinner(t("docs.building")), session_scope() as session:
            document = paperwork.document_for(session=session, actor=actor, kind=kind, cluster_id=cluster_id,
                                              year=year)
    except DomainError as exc:
        st.warning(error_text(exc), icon=":material/info:")
        return
    def pdf() -> bytes:
        # the PDF's hash is kept when it is issued: a signed copy brought back is checked against it
        with session_scope() as session:
            return signed_documents.issue_pdf(session=session, actor=actor, kind=kind, cluster_id=cluster_id,
                                              year=year, document=document)

    files = {"docx": lambda: paperwork.render(document, "docx"), "pdf": pdf}
    left, right = st.columns(2)
    left.download_button(t("docs.download_docx"), files["docx"], paperwork.file_name(kind, year, cluster_code, "docx"),
                         mime=DOCX_MIME, icon=":material/description:", key=f"docs_docx_{kind}_{year}",
                         width="stretch")
    right.download_button(t("docs.download_pdf"), files["pdf"], paperwork.file_name(kind, year, cluster_code, "pdf"),
                          mime="application/pdf", icon=":material/picture_as_pdf:", key=f"docs_pdf_{kind}_{year}",
                          width="stretch")
    preview(document)


def preview(document) -> None:
    """The document as the page shows it before download: the same blocks the DOCX and PDF are written from."""
    with st.container(border=True):
        st.caption(t("docs.preview"))
        left, right = st.columns(2)
        left.markdown(f"{_md(document.parent_body.upper())}  \n**{_md(document.issuer.upper())}**  \n"
                      f"{_md(document.number_symbol)}")
        right.markdown(f"**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  \n**Độc lập - Tự do - Hạnh phúc**  \n"
                       f"*{_md(document.place_date)}*")
        st.markdown(f"<div style='text-align:center'><b>{html.escape(document.title.upper())}</b><br>"
                    f"<b>{html.escape(document.subtitle)}</b></div>", unsafe_allow_html=True)
        for block in document.blocks:
            if block.kind == "table":
                st.table(plain_table(pd.DataFrame(list(block.rows[1:]), columns=list(block.rows[0]))
                                     .set_index(block.rows[0][0])))
            elif block.kind == "heading":
                st.markdown(f"**{_md(block.text)}**")
            elif block.kind == "bullet":
                st.markdown(f"- {_md(block.text)}")
            elif block.kind == "note":
                st.markdown(f"*{_md(block.text)}*")
            else:
                st.markdown(_md(block.text))
        if document.recipients:
            st.markdown("***Nơi nhận:***  \n" + "  \n".join(f"- {_md(r)}" for r in document.recipients))
        st.markdown("  \n".join(" · ".join(_md(x) for x in filter(None, (s.unit, *s.lines, s.name)))
                                 for s in document.signatures))


def _md(text: str) -> str:
    """Plain text shown as markdown (the one helper, components/rules/plain_text.py)."""
    return plain(text)


def texts_form(user, emulation_year_id: int, year: int, texts: dict[str, str], editable: bool) -> None:
    with st.expander(t("docs.texts", year=year), icon=":material/edit_note:", expanded=False):
        st.caption(t("docs.texts_help"))
        with st.form(f"docs_texts_{emulation_year_id}", border=False):
            typed = {key: st.text_area(t(f"docs.text.{key}"), texts.get(key, ""), height=160, disabled=not editable,
                                       max_chars=paperwork.TEXT_MAX)
                     for key in paperwork.TEXT_KEYS}
            if st.form_submit_button(t("docs.save_texts"), icon=":material/save:", disabled=not editable):
                changed = {k: v for k, v in typed.items() if v.strip() != texts.get(k, "").strip()}
                if not changed:
                    st.info(t("entry.nothing_changed"))
                    return

                def save(session):
                    for key, text in changed.items():
                        paperwork.save_year_text(session=session, actor=user, emulation_year_id=emulation_year_id,
                                                 key=key, text=text)

                run_action(save, t("docs.texts_saved", n=len(changed)))
