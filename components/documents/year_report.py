"""The year's review report (báo cáo tổng kết, seed 003), as a draft the secretariat edits: cluster totals from the
submitted figures, each province's highlights from its notes, the leading unit, next year's direction.

A figure not reported is said to be not reported, never counted as zero: a total is the sum of the members' figures
only when every member reported it; otherwise the total the cluster recorded from its own report is used (and
named as such), and when there is neither, the report says which members reported and how much they reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from components.documents.official import Block, OfficialDocument, Signature, place_date_line
from components.i18n.formatting import fmt_money, fmt_number

# the totals the report states, in its order (the seed's wording); item -> (indicator code or None, kind)
REPORT_ITEMS = (
    ("inspections", "inspections", "count"),
    ("organisations_inspected", None, "count"),
    ("individuals_inspected", None, "count"),
    ("fines_vnd", "fines_vnd", "money"),
    ("dossiers_received", "dossiers_received", "count"),
    ("dossiers_early", "dossiers_early", "count"),
    ("dossiers_on_time", "dossiers_on_time", "count"),
    ("dossiers_late", "dossiers_late", "count"),
    ("awards_collective", None, "count"),
    ("awards_individual", None, "count"),
)


@dataclass(frozen=True)
class Total:
    item: str
    value: float | None  # None: not known for the cluster
    source: str  # "figures" (every member reported), "cluster" (the cluster's recorded total), "partial", "none"
    reported: tuple[str, ...] = ()  # the members that reported, when partial
    partial_sum: float | None = None


def cluster_total(item: str, member_values: dict[str, float | None], recorded: float | None) -> Total:
    """member_values: each member's figure (None when not reported), by member name."""
    reported = {name: v for name, v in member_values.items() if v is not None}
    if member_values and len(reported) == len(member_values):
        return Total(item, float(sum(reported.values())), "figures")
    if recorded is not None:
        return Total(item, float(recorded), "cluster")
    if reported:
        return Total(item, None, "partial", tuple(reported), float(sum(reported.values())))
    return Total(item, None, "none")


@dataclass(frozen=True)
class ReportData:
    parent_body: str
    issuer: str
    symbol: str
    place: str
    year: int
    members: tuple[str, ...]
    totals: dict[str, Total]
    highlights: tuple[tuple[str, tuple[str, ...]], ...]  # (member, its notes)
    leading_units: tuple[str, ...]
    direction: str | None
    theme: str | None
    issued_on: date | None = None  # the day the report is made: its month and year are printed


def _n(x: float) -> str:
    return fmt_number(x, 0, "vi")


def _count(total: Total, noun: str) -> str:
    if total.value is not None:
        return f"{_n(total.value)} {noun}"
    return f"(chưa báo cáo {noun})"


def _missing_sentence(totals: list[Total], labels: dict[str, str]) -> str | None:
    parts = []
    for total in totals:
        if total.source == "partial":
            parts.append(f"{labels[total.item]}: mới có {', '.join(total.reported)} báo cáo "
                         f"(cộng {_n(total.partial_sum)})")
        elif total.source == "none":
            parts.append(f"{labels[total.item]}: chưa đơn vị nào báo cáo")
    return ("Số liệu chưa đầy đủ — " + "; ".join(parts) + ".") if parts else None


LABELS = {
    "inspections": "số cuộc thanh tra, kiểm tra", "organisations_inspected": "số tổ chức được thanh tra, kiểm tra",
    "individuals_inspected": "số cá nhân được thanh tra, kiểm tra", "fines_vnd": "số tiền xử phạt",
    "dossiers_received": "số hồ sơ tiếp nhận", "dossiers_early": "số hồ sơ giải quyết trước hạn",
    "dossiers_on_time": "số hồ sơ giải quyết đúng hạn", "dossiers_late": "số hồ sơ quá hạn",
    "awards_collective": "số lượt tập thể được khen thưởng", "awards_individual": "số lượt cá nhân được khen thưởng",
}


def report_document(data: ReportData) -> OfficialDocument:
    t = data.totals
    members = ", ".join(data.members)
    blocks: list[Block] = [
        Block("heading", "Phần I. KẾT QUẢ TRIỂN KHAI THỰC HIỆN"),
        Block("heading", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
        Block("paragraph", f"{data.issuer} gồm {len(data.members):02d} đơn vị: {members}."
              if data.members else f"Chưa xác định thành viên của {data.issuer} năm {data.year}."),
    ]
    if data.theme:
        blocks.append(Block("paragraph", f"Chủ đề thi đua năm {data.year}: “{data.theme}”."))
    blocks.append(Block("heading", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"))
    blocks.append(Block("heading", "1. Công tác thanh tra, kiểm tra"))
    fines = t["fines_vnd"]
    fines_text = (f"với tổng số tiền là {fmt_money(fines.value, 'vi')}" if fines.value is not None
                  else "(chưa báo cáo số tiền xử phạt)")
    blocks.append(Block("paragraph",
                        f"Trong năm {data.year}, các đơn vị trong Cụm đã tổ chức "
                        f"{_count(t['inspections'], 'cuộc thanh tra, kiểm tra')} đối với "
                        f"{_count(t['organisations_inspected'], 'tổ chức')}, "
                        f"{_count(t['individuals_inspected'], 'cá nhân')} hoạt động trong lĩnh vực quản lý; "
                        f"ban hành các quyết định xử lý vi phạm hành chính {fines_text}."))
    blocks.append(Block("heading", "2. Cải cách hành chính"))
    blocks.append(Block("paragraph",
                        f"Kết quả giải quyết thủ tục hành chính năm {data.year}: các cơ quan thành viên trong Cụm đã "
                        f"tiếp nhận {_count(t['dossiers_received'], 'hồ sơ')}; trong đó giải quyết trước hạn "
                        f"{_count(t['dossiers_early'], 'hồ sơ')}, đúng hạn {_count(t['dossiers_on_time'], 'hồ sơ')}, "
                        f"quá hạn {_count(t['dossiers_late'], 'hồ sơ')}."))
    blocks.append(Block("heading", "3. Công tác khen thưởng"))
    blocks.append(Block("paragraph",
                        f"Kết quả năm {data.year} các đơn vị trong Cụm đã có "
                        f"{_count(t['awards_collective'], 'lượt tập thể')} và "
                        f"{_count(t['awards_individual'], 'lượt cá nhân')} được khen thưởng bằng nhiều hình thức "
                        f"khác nhau."))
    sources = sorted({"số liệu do các đơn vị báo cáo trên hệ thống" if x.source == "figures" else
                      "số tổng hợp của Cụm" for x in t.values() if x.source in ("figures", "cluster")})
    if sources:
        blocks.append(Block("note", "Nguồn số liệu: " + "; ".join(sources) + "."))
    missing = _missing_sentence([t[item] for item, _, _ in REPORT_ITEMS], LABELS)
    if missing:
        blocks.append(Block("note", missing))
    if data.highlights:
        blocks.append(Block("heading", "4. Một số kết quả nổi bật của các đơn vị"))
        for member, notes in data.highlights:
            blocks.append(Block("paragraph", f"{member}: " + "; ".join(notes) + "."))
    blocks.append(Block("heading", "III. ĐƠN VỊ DẪN ĐẦU PHONG TRÀO THI ĐUA"))
    blocks.append(Block("paragraph",
                        f"Đơn vị dẫn đầu phong trào thi đua năm {data.year}: {', '.join(data.leading_units)}."
                        if data.leading_units else
                        f"Chưa có kết quả suy tôn đơn vị dẫn đầu phong trào thi đua năm {data.year}."))
    blocks.append(Block("heading", f"Phần II. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM NĂM {data.year + 1}"))
    if data.direction:
        blocks += [Block("paragraph", line.strip()) for line in data.direction.splitlines() if line.strip()]
    else:
        blocks.append(Block("note", "(Cụm trưởng chưa nhập phương hướng, nhiệm vụ năm sau.)"))
    return OfficialDocument(
        parent_body=data.parent_body, issuer=data.issuer, number_symbol=f"Số:       /BC-{data.symbol}",
        place_date=place_date_line(data.place, None, data.issued_on.month if data.issued_on else None,
                                   data.issued_on.year if data.issued_on else data.year),
        title="Báo cáo",
        subtitle=f"Tổng kết công tác thi đua, khen thưởng năm {data.year}; phương hướng, nhiệm vụ trọng tâm năm "
                 f"{data.year + 1}",
        blocks=tuple(blocks), draft=True,
        recipients=(data.parent_body.title() if data.parent_body.isupper() else data.parent_body,
                    "Các đơn vị thành viên Cụm", "Lưu: VT"),
        signatures=(Signature((f"TM. {data.issuer}", "Cụm trưởng")),),
        file_title=f"Báo cáo tổng kết năm {data.year}")
