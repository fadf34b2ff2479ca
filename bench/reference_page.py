"""Reference for the benchmark: the same charts as pages/comparisons.py, drawn from a dataset already in memory
(no login, no database, no cache lookup, no selectors or export menus), with Altair objects built for every draw,
by the chart code frozen in bench/reference_charts (see its docstring). bench_comparisons.py puts the dataset and
the choices into bench.reference_data before running this script."""

import streamlit as st

from bench import reference_data
from bench.reference_charts import common as chart_common
from bench.reference_charts.views import build_views

views = {v.key: v for v in build_views(reference_data.DATA, reference_data.CHOICES, "vi")}
st.title("So sánh các tỉnh")
tabs = st.tabs(["coverage", "dti", "awards", "scorecard", "change"])
for tab, keys in zip(tabs, (["coverage"], ["dti"], ["awards", "rates"], ["scorecard"], ["change"])):
    with tab:
        for key in keys:
            view = views[key]
            if view.chart is not None:
                st.altair_chart(view.chart, key=f"chart_{key}", on_select="rerun", selection_mode=[chart_common.PICK])
            for note in view.notes:
                st.caption(note)
            if view.table is not None:
                st.dataframe(view.table, hide_index=True)
st.dataframe(views["leaders"].table, hide_index=True)
