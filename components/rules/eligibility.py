"""From final scores to the ballot: each unit's total, rank and band, whether it meets the flag's standard (band and
checklist of conditions), and which of those the quota lets the cluster propose, with the reason when not.
Plain functions, no Streamlit, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from components.rules.criteria import CriteriaTable, classify, government_flag_cap, share_cap, total
from components.rules.reasons import check_reason

REASONS = ("proposed", "not_scored", "total_low", "below_floor", "band_capped", "band_too_low", "conditions_missing",
           "over_quota", "held")


@dataclass(frozen=True)
class Standing:
    unit_id: int
    total: float
    rank: int
    band: str | None
    capped: bool
    meets_standard: bool  # band good enough and every condition met: may be proposed for the flag
    proposed: bool  # within the year's quota
    reasons: tuple[tuple[str, dict], ...] = field(default_factory=tuple)


def final_points(verified: float | None, cross: float | None, own: float | None) -> float | None:
    """A unit's final points on one criterion, the one definition used by its sheet, the standings, the ballot's
    proposal and every document: the verifier's (chair's or vice-chair's) points, else the cluster's cross-scoring
    figure where the table uses cross-scoring (None otherwise), else the unit's own."""
    if verified is not None:
        return verified
    return cross if cross is not None else own


REASON_MAX = 2000  # characters of a written reason (an adjustment, an answer, a change of candidates)


def check_candidate_change(proposed: list[int] | None, chosen: list[int], reason: str | None) -> str | None:
    """A list of candidates other than the proposal needs a written reason; returns the reason to keep."""
    if proposed is None or sorted(proposed) == sorted(chosen):
        return None
    return check_reason(reason, "score_override_reason_required", min_len=1, max_len=REASON_MAX)


def _ranks(totals: Mapping[int, float]) -> dict[int, int]:
    """Rank 1 is the highest total; equal totals share a rank (1, 1, 3)."""
    ordered = sorted(totals.values(), reverse=True)
    return {u: 1 + sum(1 for v in ordered if v > totals[u] + 1e-9) for u in totals}


def standings(table: CriteriaTable, points: Mapping[int, Mapping[str, float | None]],
              conditions_met: Mapping[int, set[str]] | None = None,
              held: Mapping[int, dict] | None = None) -> list[Standing]:
    """Every unit's standing, best first. points: unit -> criterion code -> final points (None: not scored).
    held: unit -> the params of the hold that blocks it (components/rules/award_law.py): such a unit is ranked
    but does not meet the standard, and its reason says why."""
    conditions_met = conditions_met or {}
    held = held or {}
    totals = {u: total(p) for u, p in points.items()}
    ranks = _ranks(totals)
    min_of = {b.code: b.min_total for b in table.bands}
    bands, missed = {}, {}
    for u, p in points.items():
        bands[u], missed[u] = classify(table, p)
    capped: set[int] = set()
    for band in table.bands:
        if band.cap_of is None:
            continue
        inside = sorted((u for u in points if bands[u] == band.code), key=lambda u: (-totals[u], u))
        allowed = share_cap(sum(1 for u in points if bands[u] == band.cap_of), band.cap_pct)
        for u in inside[allowed:]:
            bands[u] = band.cap_of
            capped.add(u)
    flag_min = min_of.get(table.flag_band) if table.flag_band else None
    all_conditions = [c.code for c in table.conditions]
    rows = []
    for u in points:
        reasons: list[tuple[str, dict]] = []
        unscored = [c.code for c in table.criteria if c.kind == "base" and points[u].get(c.code) is None]
        if unscored:
            reasons.append(("not_scored", {"codes": ", ".join(unscored)}))
        band_ok = flag_min is None or (bands[u] is not None and min_of[bands[u]] >= flag_min)
        if not band_ok:
            if u in capped:
                reasons.append(("band_capped", {}))
            elif table.flag_band in missed[u] and missed[u][table.flag_band]:
                reasons.append(("below_floor", {"codes": ", ".join(missed[u][table.flag_band])}))
            elif totals[u] + 1e-9 < flag_min:
                reasons.append(("total_low", {"needed": flag_min}))
            else:
                reasons.append(("band_too_low", {}))
        missing = [c for c in all_conditions if c not in conditions_met.get(u, set())]
        if missing:
            reasons.append(("conditions_missing", {"codes": ", ".join(missing)}))
        if u in held:
            reasons.append(("held", held[u]))
        meets = band_ok and not missing and not unscored and u not in held
        rows.append(Standing(u, totals[u], ranks[u], bands[u], u in capped, meets, False, tuple(reasons)))
    # the quota: the best of those meeting the standard; equal totals at the limit are all proposed (the vote
    # decides between them)
    meeting = {r.unit_id: r.total for r in rows if r.meets_standard}
    quota_rank = _ranks(meeting)
    final = []
    for r in rows:
        if r.meets_standard and quota_rank[r.unit_id] <= table.flag_quota:
            r = Standing(r.unit_id, r.total, r.rank, r.band, r.capped, True, True, (("proposed", {}),))
        elif r.meets_standard:
            r = Standing(r.unit_id, r.total, r.rank, r.band, r.capped, True, False,
                         (("over_quota", {"quota": table.flag_quota}),))
        final.append(r)
    return sorted(final, key=lambda r: (r.rank, r.unit_id))


def proposed_units(rows: list[Standing]) -> list[int]:
    return [r.unit_id for r in rows if r.proposed]


def government_flag_limit(rows: list[Standing], table: CriteriaTable) -> int:
    """How many of the units meeting the flag standard the cluster may put forward for the Government flag."""
    return government_flag_cap(sum(1 for r in rows if r.meets_standard), table.government_share_pct)
