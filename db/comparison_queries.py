"""Read-only queries behind the comparison charts, as pandas DataFrames, and the chair's scorecard weights.

A figure a unit did not report has no IndicatorValue row; the frames here keep it that way (no row, never 0), and
the chart and ranking code decides how to show the gap.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
from sqlmodel import Session, func, select

from components.rules import access, derived, lineage
from components.rules.errors import DomainError
from components.rules.figures import compared_measure, compared_measures
from components.rules.honours import DEFAULT_STAFF_TARGETS, StaffTargets
from db import reference, scope
from db.engine import read_once
from db.models import (
    Award,
    ClusterMembership,
    DataVersion,
    EmulationYear,
    Indicator,
    IndicatorValue,
    ScoreWeight,
    Submission,
)

VALUE_COLUMNS = ["unit_id", "year", "indicator_code", "value", "numerator", "denominator", "ranked_of", "measure",
                 "state"]
AWARD_COLUMNS = ["unit_id", "year", "form", "level", "recipient", "count", "state"]
PUBLIC_STATES = ("submitted", "locked")
MAX_WEIGHT = 100.0


def data_version(*, session: Session) -> tuple:
    """The version of everything the comparison screens read, for their caches' keys: a counter the database's
    triggers raise on every insert, update or delete in those tables (models.DataVersion, migration 0007), so a
    value saved a moment ago, by anyone, shows on the next load. One read of one row."""
    return (session.exec(select(DataVersion.version).where(DataVersion.id == 1)).one(),)


def submission_states(*, session: Session) -> Callable[[int, int], str]:
    """state(unit, year): draft, submitted or locked, in the year (cluster, year) of the unit's own cluster that
    year (db/scope.py's rule: its membership of the year, else its most recent one before). A closed year's
    figures, and those of a year its cluster does not run (history), count as locked; a unit without a submission
    in an open year is a draft. Another cluster's closing of the same year number changes nothing here."""
    years = {(c, y): (i, state) for i, c, y, state in session.exec(
        select(EmulationYear.id, EmulationYear.cluster_id, EmulationYear.year, EmulationYear.state)).all()}
    found = {(u, ey): state for u, ey, state in session.exec(
        select(Submission.unit_id, Submission.emulation_year_id, Submission.state)).all()}
    memberships: dict[int, list[tuple[int, int]]] = {}
    for unit_id, year, cluster_id in session.exec(select(ClusterMembership.unit_id, ClusterMembership.year,
                                                         ClusterMembership.cluster_id)
                                                  .order_by(ClusterMembership.year)).all():
        memberships.setdefault(unit_id, []).append((year, cluster_id))

    def cluster_in(unit_id: int, year: int) -> int | None:
        found_cluster = None
        for member_year, cluster_id in memberships.get(unit_id, ()):
            if member_year > year:
                break
            found_cluster = cluster_id
        return found_cluster

    def state(unit_id: int, year: int) -> str:
        ey = years.get((cluster_in(unit_id, year), year))
        if ey is None or ey[1] == "closed":
            return "locked"
        return found.get((unit_id, ey[0]), "draft")

    return state


def audience(actor) -> tuple:
    """The cache key of what an actor may see: everything (drafts marked), or one unit's own figures plus the
    others' submitted and locked ones."""
    return ("all",) if access.sees_drafts(actor.role) else ("unit", actor.unit_id or 0)


def visible_to(frame: pd.DataFrame, who: tuple) -> pd.DataFrame:
    """Drafts stay private: rows of other units that are not submitted or locked are dropped, unless who may
    see drafts (frame's state column says draft, so the screens can mark them)."""
    if who[0] == "all" or frame.empty:
        return frame
    keep = (frame["unit_id"] == who[1]) | frame["state"].isin(PUBLIC_STATES)
    return frame[keep].reset_index(drop=True)


def indicator_catalogue(*, session: Session, active_only: bool = True) -> pd.DataFrame:
    rows = [{"indicator_id": i.id, "indicator_code": i.code, "field": i.field, "name_vi": i.name_vi,
             "name_en": i.name_en, "unit": i.unit, "kind": i.kind, "better": i.better, "sort_order": i.sort_order}
            for i in reference.list_indicators(session=session, active_only=active_only)]
    frame = pd.DataFrame(rows, columns=["indicator_id", "indicator_code", "field", "name_vi", "name_en", "unit",
                                        "kind", "better", "sort_order"])
    return frame.astype({c: object for c in ("indicator_code", "field", "name_vi", "name_en", "unit", "kind",
                                             "better")})  # plain strings, see indicator_values


def member_frame(*, session: Session, cluster_id: int, year: int) -> pd.DataFrame:
    """The cluster's members in a year with their names of that year, in the cluster's customary order."""
    names = reference.unit_names(session=session, year=year)
    rows = [{"unit_id": u.id, "unit_code": u.code, "province": u.province, "name_vi": names[u.id].name_vi,
             "name_en": names[u.id].name_en}
            for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)]
    return pd.DataFrame(rows, columns=["unit_id", "unit_code", "province", "name_vi", "name_en"])


def _states(session: Session) -> Callable[[int, int], str]:
    """submission_states, read once per session (the figures and the awards of one load ask it both; read again
    after a write in it) and looked up once per unit and year."""
    return read_once(session, ("submission_states",),
                     lambda: functools.lru_cache(maxsize=None)(submission_states(session=session)))


def _bytewise(session: Session, column):
    """A text column ordered by its bytes on either database, as Python orders the codes (a PostgreSQL database
    made with a locale collation would order "dti_rank_x" and "dtirank" otherwise; SQLite compares bytes)."""
    return column.collate("C") if session.get_bind().dialect.name == "postgresql" else column


def indicator_values(*, session: Session, unit_ids: list[int], years: list[int] | None = None,
                     indicator_codes: list[str] | None = None) -> pd.DataFrame:
    """Reported figures of the given units (all years unless given), one row per unit, year and indicator, with
    the compared measure already derived (components.rules.figures.compared_measure)."""
    if not unit_ids:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    stmt = (select(IndicatorValue.unit_id, IndicatorValue.year, Indicator.code, IndicatorValue.value,
                   IndicatorValue.numerator, IndicatorValue.denominator, IndicatorValue.ranked_of)
            .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
            .where(IndicatorValue.unit_id.in_(unit_ids)))
    if years is not None:
        stmt = stmt.where(IndicatorValue.year.in_(years))
    if indicator_codes is not None:
        stmt = stmt.where(Indicator.code.in_(indicator_codes))
    # sorted by the database, and built column-wise from plain rows with numpy (None becomes NaN): at the Khối's
    # scale a row-by-row frame, then a sort in pandas, were most of the wait after a save
    stmt = stmt.order_by(_bytewise(session, Indicator.code), IndicatorValue.year, IndicatorValue.unit_id)
    columns = list(zip(*session.connection().execute(stmt).all())) or [()] * 7
    unit_id, year, code, value, numerator, denominator, ranked_of = columns
    value, numerator, denominator = (np.array(c, dtype="float64") for c in (value, numerator, denominator))
    measure = compared_measures(value, numerator, denominator)
    keep = ~np.isnan(measure)  # a row with no usable figure is still "not reported"
    unit_id, year = np.array(unit_id, dtype="int64")[keep], np.array(year, dtype="int64")[keep]
    states = _states(session)
    return pd.DataFrame({
        "unit_id": unit_id, "year": year,
        # kept as plain Python strings (object), not Arrow-backed ones: the charts filter these rows many times per
        # draw, and taking rows of an Arrow string column cost a millisecond each time
        "indicator_code": pd.array(np.array(code, dtype=object)[keep], dtype=object),
        "value": value[keep], "numerator": numerator[keep], "denominator": denominator[keep],
        "ranked_of": pd.array(np.array(ranked_of, dtype=object)[keep], dtype="Int64"),
        "measure": measure[keep],
        "state": pd.array([states(u, y) for u, y in zip(unit_id.tolist(), year.tolist())], dtype=object)},
        columns=VALUE_COLUMNS)


HISTORY_CARRIED = "carried"  # a merged member shows the figures its predecessors reported (lineage.carry_history)
HISTORY_DERIVED = "derived"  # ... or, where every part reported, a figure derived from them (rules/derived.py)
HISTORIES = (HISTORY_CARRIED, HISTORY_DERIVED)
# every row says where its figure comes from: "reported" (the member's own), "carried" (a predecessor's own figure
# shown in its successor's history) or a derivation rule ("mean", "sum", "ratio"); sources: the provinces it is
# the figure of (one for a reported or carried figure, every part of a derived one)
SOURCE_COLUMNS = ["rule", "sources"]
REPORTED, CARRIED = "reported", "carried"


def _combined_state(states: list[str]) -> str:
    if "draft" in states:
        return "draft"
    return "submitted" if "submitted" in states else "locked"


def values_with_history(*, session: Session, cluster_id: int, members: pd.DataFrame, year: int,
                        fetch: Callable[[list[int]], pd.DataFrame] | None = None,
                        history: str = HISTORY_CARRIED, kinds: Mapping[str, str] | None = None,
                        who: tuple = ("all",)) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The members' figures with the history of the units merged into them, and the members frame with the columns
    "merged": for each member the (predecessor's province, its last year) of every unit merged into it, and
    "carried": those whose own earlier figures it shows, which the charts' labels print (components.charts.common.unit_labels). fetch(unit_ids) reads the units'
    figures (a caller may keep them across years: they do not depend on the year), by default indicator_values.

    history HISTORY_CARRIED: a predecessor's figure is shown as its successor's where the successor has none
    (lineage.carry_history). HISTORY_DERIVED: for the years before the merger, where the successor and every
    predecessor reported (and the figures are ones this audience `who` may see), the successor's figure is derived
    from them by the indicator's kind (`kinds`: code -> kind; rules/derived.py: mean, sum, ratio of sums, never a
    rank); elsewhere the carried history as above. The columns "rule" and "sources" (SOURCE_COLUMNS) say of every
    row whose figure it is and how it was made, so that a derived figure is never taken for a reported one."""
    unit_ids = [int(u) for u in members["unit_id"]]
    events = reference.lineage_events(session=session)
    carried = lineage.carried_history(unit_ids, events)
    wanted = unit_ids + list(carried)
    frame = fetch(wanted) if fetch is not None else indicator_values(session=session, unit_ids=wanted)
    names = reference.unit_names(session=session, year=year)
    dtypes = {**frame.dtypes.to_dict(), "rule": object, "sources": object}
    if not carried:  # every row is its unit's own: one label per unit, no copy of the columns
        own = {u: ((names[u].province,) if u in names else ()) for u in set(frame["unit_id"].tolist())}
        values = frame.assign(rule=pd.array([REPORTED] * len(frame), dtype=object),
                              sources=pd.array([own[u] for u in frame["unit_id"].tolist()], dtype=object))
        return values, members
    rows = [{**r, "rule": CARRIED if r["unit_id"] in carried else REPORTED, "sources": (names[r["unit_id"]].province,)}
            for r in frame.to_dict("records")]
    points = []
    if history == HISTORY_DERIVED:
        visible = visible_to(frame, who).to_dict("records")
        groups: dict[tuple[int, int], list[int]] = {}
        for predecessor, (owner, last_year) in sorted(carried.items()):
            groups.setdefault((owner, last_year), []).append(predecessor)
        for (owner, last_year), predecessors in groups.items():
            points += derived.derived_history(successor=owner, predecessors=predecessors, last_year=last_year,
                                              rows=visible, kinds=kinds or {})
    if points:
        states = {(r["unit_id"], r["year"], r["indicator_code"]): r["state"] for r in rows}
        replaced = {(u, p.year, p.indicator_code) for p in points for u in p.parts}
        rows = [r for r in rows if (r["unit_id"], r["year"], r["indicator_code"]) not in replaced]
    # a successor that was a member of the cluster in a year stood for itself then: its predecessor's figures of
    # that year are not drawn as its own
    own_years: dict[int, set[int]] = {}
    owners = {owner for owner, _ in carried.values()}
    for unit_id, member_year in session.exec(select(ClusterMembership.unit_id, ClusterMembership.year).where(
            ClusterMembership.cluster_id == cluster_id, ClusterMembership.unit_id.in_(owners))).all():
        own_years.setdefault(unit_id, set()).add(member_year)
    rows, used = lineage.carry_history(rows, carried, own_years)
    for p in points:
        rows.append({"unit_id": p.unit_id, "year": p.year, "indicator_code": p.indicator_code, "value": p.value,
                     "numerator": p.numerator, "denominator": p.denominator, "ranked_of": None,
                     "measure": compared_measure(p.value, p.numerator, p.denominator),
                     "state": _combined_state([states[(u, p.year, p.indicator_code)] for u in p.parts]),
                     "rule": p.rule, "sources": tuple(names[u].province for u in p.parts)})
    values = pd.DataFrame(rows, columns=VALUE_COLUMNS + SOURCE_COLUMNS).astype(dtypes)
    values = values.sort_values(["indicator_code", "year", "unit_id"], ignore_index=True)
    members = members.copy()
    members["carried"] = [tuple((names[p].province, carried[p][1]) for p in sorted(used.get(int(u), ())))
                          for u in members["unit_id"]]
    # every unit merged into a member (its province, its last year), whether or not its figures are shown
    members["merged"] = [tuple((names[p].province, last) for p, (owner, last) in sorted(carried.items())
                               if owner == int(u)) for u in members["unit_id"]]
    return values, members


def awards(*, session: Session, unit_ids: list[int], years: list[int] | None = None) -> pd.DataFrame:
    """Award counts per unit, year, form, issuing level and recipient kind (collective or individual)."""
    if not unit_ids:
        return pd.DataFrame(columns=AWARD_COLUMNS)
    stmt = (select(Award.unit_id, Award.year, Award.form, Award.level, Award.recipient, func.sum(Award.count))
            .where(Award.unit_id.in_(unit_ids))
            .group_by(Award.unit_id, Award.year, Award.form, Award.level, Award.recipient))
    if years is not None:
        stmt = stmt.where(Award.year.in_(years))
    # sorted by the database, column-wise, one look at the state per unit and year (see indicator_values)
    stmt = stmt.order_by(Award.year, Award.unit_id, *(_bytewise(session, c) for c in (Award.recipient, Award.level,
                                                                                      Award.form)))
    states = _states(session)
    columns = list(zip(*session.connection().execute(stmt).all())) or [()] * 6
    unit_id, year, form, level, recipient, count = columns
    return pd.DataFrame({
        "unit_id": np.array(unit_id, dtype="int64"), "year": np.array(year, dtype="int64"),
        "form": np.array(form, dtype=object), "level": np.array(level, dtype=object),
        "recipient": np.array(recipient, dtype=object), "count": np.array(count, dtype="int64"),
        "state": np.array([states(u, y) for u, y in zip(unit_id, year)], dtype=object)}, columns=AWARD_COLUMNS)


def leading_units(*, session: Session, cluster_id: int) -> pd.DataFrame:
    """Every recorded leading unit of the cluster, newest year first, under the name it bore that year."""
    leaders = reference.leading_units(session=session, cluster_id=cluster_id)
    names = {year: reference.unit_names(session=session, year=year) for year in {y for y, _, _ in leaders}}
    rows = [{"year": year, "unit_id": unit_id, "name_vi": names[year][unit_id].name_vi,
             "name_en": names[year][unit_id].name_en, "proposed_award": award or ""}
            for year, unit_id, award in leaders]
    return pd.DataFrame(rows, columns=["year", "unit_id", "name_vi", "name_en", "proposed_award"])


def staff_targets(*, session: Session, emulation_year_id: int) -> StaffTargets:
    year = session.get(EmulationYear, emulation_year_id)
    return year.staff_targets() if year is not None else DEFAULT_STAFF_TARGETS


def score_weights(*, session: Session, emulation_year_id: int) -> dict[str, float]:
    """The chair's weights for an emulation year by indicator code; an indicator without a row weighs 1."""
    stmt = (select(Indicator.code, ScoreWeight.weight)
            .join(Indicator, Indicator.id == ScoreWeight.indicator_id)
            .where(ScoreWeight.emulation_year_id == emulation_year_id))
    return {code: float(weight) for code, weight in session.exec(stmt).all()}


def save_score_weights(*, session: Session, actor, emulation_year_id: int,
                       weights: Mapping[str, float]) -> dict[str, float]:
    """Store the chair's weights (indicator code -> weight) for one emulation year of the chair's own cluster. Every
    weight is checked before anything is written, so a bad entry leaves the stored weights unchanged."""
    if not access.can_set_weights(actor):
        raise DomainError("charts_weights_forbidden")
    if session.get(EmulationYear, emulation_year_id) is None:
        raise DomainError("charts_unknown_year")
    # a chair sets the weights of its own cluster's year only
    scope.run_year_id(session=session, actor=actor, emulation_year_id=emulation_year_id)
    indicators = {i.code: i for i in session.exec(select(Indicator)).all()}
    clean: dict[str, float] = {}
    for code, raw in weights.items():
        if code not in indicators:
            raise DomainError("charts_weight_unknown_indicator", indicator=code)
        try:
            weight = float(raw)
        except (TypeError, ValueError):
            raise DomainError("charts_weight_not_number", indicator=indicators[code].name_vi) from None
        if math.isnan(weight) or math.isinf(weight):
            raise DomainError("charts_weight_not_number", indicator=indicators[code].name_vi)
        if weight < 0 or weight > MAX_WEIGHT:
            raise DomainError("charts_weight_out_of_range", indicator=indicators[code].name_vi, max=int(MAX_WEIGHT))
        clean[code] = weight
    if clean and not any(w > 0 for w in clean.values()):
        raise DomainError("charts_weights_all_zero")
    existing = {w.indicator_id: w for w in session.exec(
        select(ScoreWeight).where(ScoreWeight.emulation_year_id == emulation_year_id)).all()}
    for code, weight in clean.items():
        row = existing.get(indicators[code].id) or ScoreWeight(emulation_year_id=emulation_year_id,
                                                               indicator_id=indicators[code].id)
        row.weight = weight
        session.add(row)
    session.flush()
    return score_weights(session=session, emulation_year_id=emulation_year_id)


__all__ = ["data_version", "indicator_catalogue", "member_frame", "indicator_values", "awards",
           "leading_units", "score_weights", "save_score_weights", "MAX_WEIGHT",
           "submission_states", "audience", "visible_to", "PUBLIC_STATES", "viewable_clusters", "years_and_version"]


def viewable_clusters(*, session: Session, actor) -> list:
    """The clusters this account may compare (components.rules.access.can_read_cluster): every cluster for the
    administrator and the ministry, else its own (none: no_cluster)."""
    own = scope.actor_cluster_id(session=session, actor=actor)
    found = [c for c in reference.list_clusters(session=session) if access.can_read_cluster(actor, c.id, own)]
    if not found:
        raise DomainError("no_cluster")
    return found


def years_and_version(*, session: Session, cluster_code: str) -> tuple[list[int], tuple]:
    """The cluster's emulation years (newest first) and the current data version: what a comparison page reads
    before it lays out its selectors and charts."""
    cluster = reference.get_cluster(session=session, code=cluster_code)
    years = [y.year for y in reference.list_emulation_years(session=session, cluster_id=cluster.id)]
    return years, data_version(session=session)
