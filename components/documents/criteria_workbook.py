"""Excel round-trip of a criteria table: one sheet per part (criteria, bands, conditions, settings), the first row
naming the columns, so that the chair can draft the table in a spreadsheet and import it as the year's draft."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from components.documents import untrusted_workbook
from components.rules.criteria import (
    BAND_COLUMNS,
    CONDITION_COLUMNS,
    CRITERION_COLUMNS,
    CriteriaTable,
    band_from_row,
    band_row,
    condition_from_row,
    condition_row,
    criterion_from_row,
    criterion_row,
)
from components.rules.errors import DomainError

SHEETS = {"criteria": "TieuChi", "bands": "XepLoai", "conditions": "DieuKien", "settings": "ThietLap"}
SETTINGS = ("scale", "flag_band", "flag_quota", "government_share_pct", "cross_scoring", "cross_aggregate",
            "cross_trim")
MAX_BYTES = 2 * 1024 * 1024


def _sheet(wb: Workbook, title: str, columns: list[str], rows: list[dict]) -> None:
    ws = wb.create_sheet(title)
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row.get(c) for c in columns])
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, min(60, len(c) + 4))


def table_to_xlsx(table: CriteriaTable) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, SHEETS["criteria"], CRITERION_COLUMNS, [criterion_row(c) for c in table.criteria])
    _sheet(wb, SHEETS["bands"], BAND_COLUMNS, [band_row(b) for b in table.bands])
    _sheet(wb, SHEETS["conditions"], CONDITION_COLUMNS, [condition_row(c) for c in table.conditions])
    _sheet(wb, SHEETS["settings"], ["setting", "value"],
           [{"setting": s, "value": getattr(table, s)} for s in SETTINGS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


LIMITS = untrusted_workbook.Limits(MAX_BYTES, 10 * MAX_BYTES, 100, max_rows=500, max_columns=30,
                                   not_excel="score_bad_workbook", too_big="score_bad_workbook",
                                   too_many_rows="score_workbook_too_many_rows")


def _records(wb, title: str) -> list[dict]:
    if title not in wb.sheetnames:
        raise DomainError("score_bad_workbook")
    rows = untrusted_workbook.bounded_rows(wb[title], LIMITS)
    if not rows:
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:] if any(v not in (None, "") for v in r)]


def table_from_xlsx(content: bytes) -> CriteriaTable:
    """The table a workbook describes (not yet checked: the caller's save checks it). DomainError when the file
    is not such a workbook; opened through the one door for uploaded workbooks (untrusted_workbook)."""
    wb = untrusted_workbook.open_workbook(content, LIMITS)
    try:
        return _table(wb)
    finally:
        wb.close()


def _table(wb) -> CriteriaTable:
    settings = {str(r.get("setting")): r.get("value") for r in _records(wb, SHEETS["settings"])}
    try:
        return CriteriaTable(
            scale=float(settings.get("scale") or 100),
            criteria=tuple(criterion_from_row(r) for r in _records(wb, SHEETS["criteria"])),
            bands=tuple(band_from_row(r) for r in _records(wb, SHEETS["bands"])),
            conditions=tuple(condition_from_row(r) for r in _records(wb, SHEETS["conditions"])),
            flag_band=settings.get("flag_band") or None,
            flag_quota=int(settings.get("flag_quota") or 0),
            government_share_pct=float(settings.get("government_share_pct") or 20),
            cross_scoring=str(settings.get("cross_scoring")).strip().lower() in ("true", "1", "yes", "có"),
            cross_aggregate=str(settings.get("cross_aggregate") or "mean"),
            cross_trim=int(settings.get("cross_trim") or 0),
        )
    except (TypeError, ValueError):
        raise DomainError("score_bad_workbook") from None
