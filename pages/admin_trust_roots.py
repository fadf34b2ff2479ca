"""Chứng thư gốc tin cậy: the certificate authorities' roots against which signed documents are checked; the
administrator installs them (the app ships none) and removes them."""

import streamlit as st

from components.ui import trust_root_forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import signed_documents as signed
from db.engine import session_scope

user = require_role("admin")
st.title(t("page.admin_trust_roots"))
st.caption(t("roots.intro"))
show_flash()

with session_scope() as session:
    roots = signed.trust_roots(session=session)

trust_root_forms.roots_table(roots)
trust_root_forms.install_form(user)
trust_root_forms.remove_form(user, roots)
