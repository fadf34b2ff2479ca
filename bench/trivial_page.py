"""The baseline of bench/browser_paint.py: a Streamlit page with one selectbox and one Altair chart of seven bars
whose highlighted bar follows the choice, nothing else (no login, no database). Run by `streamlit run`."""

import altair as alt
import pandas as pd
import streamlit as st

UNITS = ["Sơn La", "Lai Châu", "Điện Biên", "Lào Cai", "Tuyên Quang", "Cao Bằng", "Lạng Sơn"]
picked = st.selectbox("Tỉnh được làm nổi bật", UNITS, key="pick")
frame = pd.DataFrame({"unit": UNITS, "share": [91.0, 88.5, 95.2, 98.7, 93.1, 90.4, 97.0]})
chart = alt.Chart(frame).mark_bar().encode(
    x=alt.X("share:Q", scale=alt.Scale(domain=[0, 100])), y=alt.Y("unit:N", sort=UNITS),
    color=alt.condition(alt.datum.unit == picked, alt.value("#e4572e"), alt.value("#4c78a8")))
st.altair_chart(chart, key="chart")
