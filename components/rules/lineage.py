"""Organisation over time: which name a unit bears on a date, when it ends, who succeeds it, and what a unit that
has ended may no longer do. Plain functions on small records, no database.

A unit's names are spans [valid_from, valid_to] (None: open). A lineage event takes effect on effective_on, the first
day of the new state: Hà Giang "merged_into" Tuyên Quang on 01/07/2025 means Hà Giang existed until 30/06/2025.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from components.i18n.catalogue import translate
from components.i18n.formatting import fmt_date
from components.rules.enums import ENDING_EVENTS, LINEAGE_EVENTS
from components.rules.errors import DomainError


def localised(name_vi: str, name_en: str, lang: str) -> str:
    """A unit's (or cluster's) name in the user's language; the Vietnamese name when there is no English one."""
    return name_vi if lang == "vi" else (name_en or name_vi)


@dataclass(frozen=True)
class NameSpan:
    unit_id: int
    name_vi: str
    name_en: str
    valid_from: date | None = None
    valid_to: date | None = None

    def name(self, lang: str) -> str:
        return localised(self.name_vi, self.name_en, lang)

    def covers(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Event:
    unit_id: int
    kind: str
    effective_on: date
    successor_unit_id: int | None = None


def year_end(year: int) -> date:
    return date(year, 12, 31)


def name_on(spans: Iterable[NameSpan], on: date) -> NameSpan | None:
    """The name valid on a date; before the first name the first one, after the last the last one."""
    ordered = sorted(spans, key=lambda s: s.valid_from or date.min)
    if not ordered:
        return None
    valid = [s for s in ordered if s.covers(on)]
    if valid:
        return valid[-1]
    earlier = [s for s in ordered if s.valid_from is None or s.valid_from <= on]
    return earlier[-1] if earlier else ordered[0]


def display_name(spans: Iterable[NameSpan], lang: str, on: date, fallback: str = "?") -> str:
    """The one way to show a unit's name: the name valid on the date, in the user's language."""
    span = name_on(spans, on)
    return span.name(lang) if span else fallback


def end_of(unit_id: int, events: Iterable[Event]) -> date | None:
    """The first day on which the unit no longer exists (merged away, split, dissolved), or None."""
    ends = [e.effective_on for e in events if e.unit_id == unit_id and e.kind in ENDING_EVENTS]
    return min(ends) if ends else None


def exists_on(on: date, *, valid_from: date | None, end: date | None) -> bool:
    return (valid_from is None or valid_from <= on) and (end is None or on < end)


def exists_in_year(year: int, *, valid_from: date | None, end: date | None) -> bool:
    """The unit existed on at least one day of the year."""
    return (valid_from is None or valid_from <= year_end(year)) and (end is None or end > date(year, 1, 1))


def successors_of(unit_id: int, events: Iterable[Event]) -> list[int]:
    return sorted({e.successor_unit_id for e in events
                   if e.unit_id == unit_id and e.kind in ENDING_EVENTS and e.successor_unit_id is not None})


def predecessors_of(unit_id: int, events: Iterable[Event]) -> list[Event]:
    """Every ending event whose history flows into the unit, directly or through other predecessors, oldest first."""
    events = list(events)
    found: list[Event] = []
    todo, seen = [unit_id], {unit_id}
    while todo:
        current = todo.pop()
        for e in events:
            if e.successor_unit_id == current and e.kind in ENDING_EVENTS and e.unit_id not in seen:
                seen.add(e.unit_id)
                found.append(e)
                todo.append(e.unit_id)
    return sorted(found, key=lambda e: (e.effective_on, e.unit_id))


def _reachable(start: int, events: list[Event]) -> set[int]:
    out, todo = set(), [start]
    while todo:
        current = todo.pop()
        for successor in successors_of(current, events):
            if successor not in out:
                out.add(successor)
                todo.append(successor)
    return out


def check_name_span(existing: Iterable[NameSpan], *, valid_from: date | None, valid_to: date | None,
                    name_vi: str) -> None:
    """A new name: Vietnamese name given, from <= to, and no overlap with the unit's other names."""
    if not name_vi.strip():
        raise DomainError("org_name_required")
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        raise DomainError("org_name_dates_reversed")
    lo, hi = valid_from or date.min, valid_to or date.max
    for span in existing:
        if (span.valid_from or date.min) <= hi and lo <= (span.valid_to or date.max):
            raise DomainError("org_name_overlap", other=span.name_vi,
                              start=fmt_date(span.valid_from) if span.valid_from else "…",
                              end=fmt_date(span.valid_to) if span.valid_to else "…")


def check_event(*, unit_id: int, kind: str, effective_on: date | None, successor_ids: list[int],
                events: Iterable[Event], valid_from: Mapping[int, date | None], unit_name: str) -> None:
    """Refuse a lineage event that cannot be: unknown kind, a merger into itself or into a unit that (through other
    mergers) is merged into this one, a date before the unit or its successor existed, or after the unit ended."""
    events = list(events)
    if kind not in LINEAGE_EVENTS:
        raise DomainError("org_unknown_event", kind=kind)
    if effective_on is None:
        raise DomainError("org_event_date_required")
    if unit_id in successor_ids:
        raise DomainError("org_merge_into_itself", unit=unit_name)
    if kind == "merged_into" and len(successor_ids) != 1:
        raise DomainError("org_merge_needs_one_successor")
    if kind == "split_into" and len(successor_ids) < 2:
        raise DomainError("org_split_needs_successors")
    if kind in ("dissolved", "renamed") and successor_ids:
        raise DomainError("org_no_successor_expected")
    start = valid_from.get(unit_id)
    if start is not None and effective_on <= start:
        raise DomainError("org_event_before_start", unit=unit_name, start=fmt_date(start))
    end = end_of(unit_id, events)
    if end is not None and kind in ENDING_EVENTS:
        raise DomainError("org_unit_already_ended", unit=unit_name, end=fmt_date(end))
    if end is not None and effective_on >= end:
        raise DomainError("org_event_after_end", unit=unit_name, end=fmt_date(end))
    for successor in successor_ids:
        if successor not in valid_from:
            raise DomainError("unknown_unit")
        if unit_id in _reachable(successor, events):
            raise DomainError("org_merge_cycle", unit=unit_name)
        s_start, s_end = valid_from[successor], end_of(successor, events)
        if not exists_on(effective_on, valid_from=s_start, end=s_end) and not (s_start == effective_on):
            raise DomainError("org_successor_not_existing", date=fmt_date(effective_on))


def check_membership(*, year: int, unit_ids: Iterable[int], taken: Mapping[int, str], names: Mapping[int, str],
                     valid_from: Mapping[int, date | None], ends: Mapping[int, date | None],
                     successors: Mapping[int, str] | None = None) -> None:
    """One cluster per unit and year (taken: unit -> the other cluster's name), and only units that exist that year;
    a unit merged away is refused with the name of the unit that carries it on (successors: unit -> that name)."""
    for unit_id in unit_ids:
        if unit_id in taken:
            raise DomainError("org_unit_in_two_clusters", unit=names.get(unit_id, "?"), cluster=taken[unit_id],
                              year=year)
        if not exists_in_year(year, valid_from=valid_from.get(unit_id), end=ends.get(unit_id)):
            if successors and unit_id in successors:
                raise DomainError("org_member_merged_away", unit=names.get(unit_id, "?"), year=year,
                                  successor=successors[unit_id])
            raise DomainError("org_member_not_existing", unit=names.get(unit_id, "?"), year=year)


def carry_over_members(unit_ids: Iterable[int], year: int, events: Iterable[Event],
                       valid_from: Mapping[int, date | None]) -> list[int]:
    """Last year's members as this year's starting point: a member that ends by the end of `year` is replaced by the
    unit it was merged into (Hà Giang -> Tuyên Quang for 2025); a dissolved or split one is left out."""
    events = list(events)
    out: list[int] = []
    for unit_id in unit_ids:
        end = end_of(unit_id, events)
        if end is not None and end <= year_end(year):
            unit_id = history_owner(unit_id, events)
        if unit_id is not None and unit_id not in out and exists_in_year(
                year, valid_from=valid_from.get(unit_id), end=end_of(unit_id, events)):
            out.append(unit_id)
    return out


def check_may_take_part(*, unit_name: str, end: date | None, on: date) -> None:
    """A unit merged away or dissolved is no candidate, voter or award recipient after its end
    (Thông tư 15/2025/TT-BNV: no award to a unit dissolved by the restructuring)."""
    if end is not None and on >= end:
        raise DomainError("org_unit_ended", unit=unit_name, end=fmt_date(end - timedelta(days=1)))


def vote_day(year: int, today: date) -> date:
    """The day a unit's standing counts for the vote of an emulation year: the review conference early in the next
    year, or today when that is earlier. A unit that ended before then is no candidate and no voter."""
    return min(today, date(year + 1, 1, 1))


def award_day(year: int, decision_date: date | None) -> date:
    """The day an award is given: its decision date, else the end of its year."""
    return decision_date or year_end(year)


def describe_event(*, kind: str, unit: str, successors: list[str], effective_on: date, lang: str = "vi") -> str:
    """The sentence shown before a lineage event is saved. Figures are annual: the year of the event is reported by
    the unit as it is at the end of that year, so the ended unit's own figures run to the year before."""
    last_year = effective_on.year - 1
    return translate(f"org.preview.{kind}", lang, unit=unit, date=fmt_date(effective_on),
                     successors=", ".join(successors), year=last_year)


def describe_membership(*, year: int, cluster: str, added: list[str], removed: list[str], lang: str = "vi") -> str:
    lines = [translate("org.preview.membership", lang, year=year, cluster=cluster)]
    if added:
        lines.append(translate("org.preview.members_added", lang, units="; ".join(added)))
    if removed:
        lines.append(translate("org.preview.members_removed", lang, units="; ".join(removed)))
    if not added and not removed:
        lines.append(translate("org.preview.members_same", lang))
    return "\n\n".join(lines)


def history_owner(unit_id: int, events: Iterable[Event]) -> int | None:
    """The unit that now carries a merged-away unit's history, following mergers to the end of the chain; None for
    a unit that was not merged away (a split's history cannot go to one successor without double counting)."""
    events = list(events)
    current, seen = unit_id, {unit_id}
    while True:
        merger = next((e for e in events if e.unit_id == current and e.kind == "merged_into"), None)
        if merger is None or merger.successor_unit_id in seen:
            return None if current == unit_id else current
        current = merger.successor_unit_id
        seen.add(current)


def carried_history(unit_ids: Iterable[int], events: Iterable[Event]) -> dict[int, tuple[int, int]]:
    """Predecessor -> (the member that carries its history, the last year of its own figures): every unit merged,
    directly or through a chain, into one of unit_ids. Its figures up to the year before the merger are shown as the
    successor's earlier history."""
    events = list(events)
    members = set(unit_ids)
    out = {}
    for e in events:
        if e.kind == "merged_into":
            owner = history_owner(e.unit_id, events)
            if owner in members:
                out[e.unit_id] = (owner, e.effective_on.year - 1)
    return out


def carry_history(rows: list[dict], carried: Mapping[int, tuple[int, int]],
                  own_years: Mapping[int, set[int]] | None = None) -> tuple[list[dict], dict[int, set[int]]]:
    """Rows (unit_id, year, indicator_code, ...) with each predecessor's rows up to its last year moved to its
    successor, never double counted: a successor's own figure wins, and a figure two predecessors both reported
    for the same year is left out rather than summed. own_years: successor -> the years it stood for itself in
    the cluster (a member then): a predecessor's figure of such a year stays with the predecessor (Yên Bái's
    2021 DTI rank is not drawn as Lào Cai's, a member that year with a history of its own). Also returns
    successor -> the predecessors actually used."""
    own_years = own_years or {}
    own = {(r["unit_id"], r["year"], r["indicator_code"]) for r in rows if r["unit_id"] not in carried}
    offered: dict[tuple, list[dict]] = {}
    out = []
    for r in rows:
        if r["unit_id"] not in carried:
            out.append(r)
            continue
        owner, last_year = carried[r["unit_id"]]
        if r["year"] <= last_year and r["year"] not in own_years.get(owner, ()) \
                and (owner, r["year"], r["indicator_code"]) not in own:
            offered.setdefault((owner, r["year"], r["indicator_code"]), []).append(r)
    used: dict[int, set[int]] = {}
    for (owner, _, _), candidates in offered.items():
        if len(candidates) == 1:
            out.append({**candidates[0], "unit_id": owner})
            used.setdefault(owner, set()).add(candidates[0]["unit_id"])
    return out, used
