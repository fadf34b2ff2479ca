"""Importing an uploaded results workbook: the dry run that lists row-by-row errors and the changes an import
would make, and applying a clean plan in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from components.documents.results_workbook import ParsedUpload, RowError, parse_upload
from components.rules.errors import DomainError
from components.rules.figures import Figure, Problem, unusual
from db import entry, reference
from db.models import Indicator, IndicatorValue


@dataclass
class Change:
    code: str
    row: int
    kind: str
    old: Figure | None
    new: Figure | None  # None: the stored figure is cleared
    unusual: bool = False  # far from last year's figure or any plausible size: applied only once confirmed


@dataclass
class ImportPlan:
    changes: list[Change]
    errors: list[RowError]
    expected: dict[str, Figure | None]  # the stored figures the plan was computed from

    @property
    def can_apply(self) -> bool:
        return not self.errors and bool(self.changes)

    @property
    def unusual(self) -> list[Change]:
        return [c for c in self.changes if c.unusual]


def _problem_error(row: int, code: str, problem: Problem) -> RowError:
    params = {**problem.params}
    return RowError(row, code, problem.code, params)


def dry_run(*, session, actor, unit_id: int, year: int, parsed: ParsedUpload | None = None,
            data: bytes | None = None) -> ImportPlan:
    """What importing the file would do, without writing: row-by-row errors and the changes. Raises DomainError
    when the file is unusable or the unit cannot be edited now. Pass `parsed` (parse_upload(data), run before the
    session is opened: a slow file must not hold a database connection); `data` parses here."""
    sheet = entry.entry_sheet(session=session, actor=actor, unit_id=unit_id, year=year)
    if sheet.refusal:
        raise DomainError("entry_" + sheet.refusal)
    if parsed is None:
        parsed = parse_upload(data)
    unit = reference.unit_names(session=session, year=year)[unit_id]
    if (parsed.unit_code and parsed.unit_code != unit.code) or (parsed.year and parsed.year != year):
        names = {u.code: u.name_vi for u in reference.unit_names(session=session, year=year).values()}
        raise DomainError("entry_xlsx_wrong_unit", file_unit=names.get(parsed.unit_code, parsed.unit_code),
                          file_year=parsed.year or "?", unit=unit.name_vi, year=year)
    catalogue = {i.code: i for i in reference.list_indicators(session=session, active_only=False)}
    errors = list(parsed.errors)
    known = {}
    for code, fig in parsed.figures.items():
        if code not in catalogue:
            errors.append(RowError(parsed.rows[code], code, "unknown_indicator", {"code": code}))
        else:
            known[code] = fig
    problems, rejected, stored = entry.check_figures(session=session, unit_id=unit_id, year=year, figures=known)
    for code, found in problems.items():
        errors += [_problem_error(parsed.rows[code], code, p) for p in found]
    for code, rules in rejected.items():
        errors += [RowError(parsed.rows[code], code, "rule", {"rule": r.code, "message_vi": r.message_vi,
                                                             "message_en": r.message_en}) for r in rules]
    last_year = _figures(session, unit_id, year - 1)
    changes = [Change(code, parsed.rows[code], catalogue[code].kind, stored.get(code),
                      None if fig.is_empty() else fig, unusual(fig, last_year.get(code)))
               for code, fig in known.items()
               if code not in problems and not fig.same_as(stored.get(code))]
    errors.sort(key=lambda e: (e.row or 0, e.code or ""))
    changes.sort(key=lambda c: c.row)
    return ImportPlan(changes, errors, {c.code: c.old for c in changes})


def _figures(session, unit_id: int, year: int) -> dict[str, Figure]:
    rows = session.exec(select(Indicator.code, IndicatorValue).join(Indicator, Indicator.id == IndicatorValue.indicator_id)
                        .where(IndicatorValue.unit_id == unit_id, IndicatorValue.year == year)).all()
    return {code: Figure(value=v.value, numerator=v.numerator, denominator=v.denominator, ranked_of=v.ranked_of)
            for code, v in rows}


def apply_plan(*, session, actor, unit_id: int, year: int, plan: ImportPlan, confirm_unusual: bool = False) -> int:
    """Apply every change of a clean dry run in the caller's transaction, or none: any error, or a figure that
    changed since the dry run, raises DomainError and the caller's session_scope rolls everything back. Unusual
    figures (see components.rules.figures.unusual) need confirm_unusual."""
    if plan.errors:
        raise DomainError("entry_import_has_errors", count=len({e.code for e in plan.errors}))
    if plan.unusual and not confirm_unusual:
        raise DomainError("entry_unusual_unconfirmed", codes=", ".join(c.code for c in plan.unusual))
    figures = {c.code: c.new or Figure() for c in plan.changes}
    result = entry.save_figures(session=session, actor=actor, unit_id=unit_id, year=year, figures=figures,
                                   all_or_none=True, expected=plan.expected)
    return len(result.saved) + len(result.cleared)
