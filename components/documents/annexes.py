"""The appendices of the year's documents as separate PDFs (Nghị định 30/2020): the list of member units, the table
of scores, the count of the vote. A document sent apart from its main text carries the organisation's digital
signature (the seal) at the top right of its first page, and no signature block (components/documents/signing.py).
No Streamlit, no database."""

from __future__ import annotations

from components.documents.cluster_papers import PaperContext, VoteSummary, issue_place_date, issued_year
from components.documents.official import Block, OfficialDocument


def _annex(ctx: PaperContext, number: str, subtitle: str, blocks: list[Block], of: str) -> OfficialDocument:
    return OfficialDocument(
        parent_body=ctx.parent_body, issuer=ctx.issuer, number_symbol=f"Số:       /{of}-{ctx.symbol}",
        place_date=issue_place_date(ctx), title=f"Phụ lục {number}",
        subtitle=subtitle, blocks=(Block("note", f"(Kèm theo văn bản số       /{of}-{ctx.symbol} ngày      tháng      "
                                                 f"năm {issued_year(ctx)} của {ctx.issuer})"), *blocks),
        file_title=f"Phụ lục {number}: {subtitle}", annex=True)


def units_annex(ctx: PaperContext, members) -> OfficialDocument:
    """members: components.documents.cluster_papers.Member (unit, director, title)."""
    rows = [("TT", "Đơn vị thành viên", "Thủ trưởng đơn vị", "Chức vụ")]
    rows += [(str(n), m.unit, m.director or "", m.title) for n, m in enumerate(members, start=1)]
    return _annex(ctx, "I", f"Danh sách đơn vị thành viên {ctx.issuer} năm {ctx.year}",
                  [Block("table", rows=tuple(rows), widths=(0.08, 0.42, 0.3, 0.2))], "TTr")


def scores_annex(ctx: PaperContext, lines: tuple[tuple[str, str, str, str, str], ...]) -> OfficialDocument:
    """lines: (unit, total, rank, band, proposed or why not)."""
    if lines:
        rows = [("TT", "Đơn vị", "Tổng điểm", "Hạng", "Xếp loại", "Đề nghị")]
        rows += [(str(n), *line) for n, line in enumerate(lines, start=1)]
        blocks = [Block("table", rows=tuple(rows), widths=(0.07, 0.33, 0.13, 0.09, 0.14, 0.24))]
    else:
        blocks = [Block("note", f"(Chưa có bảng điểm thi đua năm {ctx.year} được thông qua)")]
    return _annex(ctx, "II", f"Bảng tổng hợp điểm chấm thi đua năm {ctx.year}", blocks, "TTr")


def tally_annex(ctx: PaperContext, vote: VoteSummary) -> OfficialDocument:
    facts = (("Nội dung", "Số lượng"), ("Số đơn vị có quyền bỏ phiếu", str(vote.eligible)),
             ("Số đơn vị có mặt", str(vote.present)), ("Số phiếu thu về", str(vote.ballots_cast)),
             ("Số phiếu hợp lệ", str(vote.valid)))
    rows = [("TT", "Đơn vị", "Số phiếu bầu")] + [(str(n), unit, str(votes))
                                                 for n, (unit, votes) in enumerate(vote.votes, start=1)]
    blocks = [Block("table", rows=facts, widths=(0.6, 0.4)), Block("table", rows=tuple(rows), widths=(0.1, 0.6, 0.3)),
              Block("paragraph", f"Đơn vị được suy tôn: {', '.join(vote.elected) or 'không có'} "
                                 f"(ngưỡng: {vote.rule_text}).")]
    return _annex(ctx, "III", f"Kết quả kiểm phiếu suy tôn năm {ctx.year}", blocks, "BB")
