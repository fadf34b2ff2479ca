"""Phong trào thi đua: the register of the cluster's emulation movements (national, ministerial, provincial, the
cluster's own; regular or by period), their launching documents, the "phát động" step and who has opened each."""

import streamlit as st

from components.ui import movement_forms
from components.ui.auth import require_role
from components.ui.feedback import show_flash
from components.ui.language import t
from db import movements, reference, scope
from db.engine import session_scope
from db.models import utcnow

user = require_role("province", "chair", "admin")
st.title(t("page.movements"))
show_flash()
chair = user.role in ("chair", "admin")

with session_scope() as session:
    cluster = scope.cluster_for(session=session, actor=user)
    entries = movements.register_of(session=session, actor=user, cluster_id=cluster.id)
    year = utcnow().year
    names = {u: info.name_vi for u, info in reference.unit_names(session=session, year=year).items()}
    member_names = {u: names.get(u, "?") for u in movements.members(session=session, cluster_id=cluster.id,
                                                                    year=year)}

if chair:
    movement_forms.register_form(user, cluster.id)
else:
    movement_forms.record_opened(user, entries)
if not entries:
    st.info(t("movement.none"))
for entry in entries:
    movement_forms.entry_panel(user, entry, member_names, chair)
