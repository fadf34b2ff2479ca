"""One definition of a unit's final points (components.rules.eligibility.final_points): with cross-scoring on, the
unit's own sheet, the standings that filter the ballot and the meeting's minutes (the document that prints the
scores) show the same total for the same unit."""

from __future__ import annotations

import re
from dataclasses import replace

from docx import Document

from components.rules.eligibility import final_points
from db import criteria_tables, paperwork, score_sheets, standings
from db.users import get_user
from tests.db.test_scoring import YEAR, score_unit, small_table
from tests.helpers import ADMIN, home_cluster


def test_the_rule_takes_the_verifier_then_the_cross_figure_then_the_units_own():
    assert final_points(7.0, 9.0, 5.0) == 7.0
    assert final_points(None, 9.0, 5.0) == 9.0
    assert final_points(None, None, 5.0) == 5.0
    assert final_points(0.0, 9.0, 5.0) == 0.0  # a verified zero is a score, not a missing one
    assert final_points(None, None, None) is None


def docx_text(data: bytes) -> str:
    import io

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_with_cross_scoring_the_sheet_the_standings_and_the_minutes_agree(session):
    cluster_id = home_cluster(session)
    chair = get_user(session=session, username="chair")
    criteria_tables.save_table(session=session, actor=chair, cluster_id=cluster_id, year=YEAR,
                               table=replace(small_table(), cross_scoring=True))
    criteria_tables.adopt_table(session=session, actor=chair, cluster_id=cluster_id, year=YEAR)
    session.commit()
    sonla = score_unit(session, "sonla", 40, 30)  # its own: 40 + 30
    for scorer in ("laichau", "dienbien", "caobang"):  # the cluster's figure for c1 replaces the unit's own 40
        me = get_user(session=session, username=scorer)
        score_sheets.save_cross_score(session=session, actor=me, unit_id=sonla.unit_id, year=YEAR, code="c1",
                                      points=46)
    score_sheets.adjust_score(session=session, actor=chair, unit_id=sonla.unit_id, year=YEAR, code="c2", points=35,
                              reason="Báo cáo đúng hạn cả 12 kỳ")  # the verifier's points win over both
    session.commit()

    sheet = score_sheets.score_sheet(session=session, actor=sonla, unit_id=sonla.unit_id, year=YEAR)
    results = standings.year_results(session=session, cluster_id=cluster_id, year=YEAR)
    standing = next(s for s in results.standings if s.unit_id == sonla.unit_id)
    assert sheet.final_total == 46 + 35 == standing.total
    assert {c: p for c, p in results.final_points[sonla.unit_id].items() if p is not None} == {
        line.criterion.code: line.final_points for line in sheet.lines if line.final_points is not None}
    minutes = docx_text(paperwork.render(paperwork.document_for(session=session, actor=ADMIN, kind="meeting",
                                                                cluster_id=cluster_id, year=YEAR), "docx"))
    line = next(x for x in minutes.splitlines() if re.search(r"\bhạng \d", x) and "81" in x)
    assert line.startswith("81 — hạng 1")
