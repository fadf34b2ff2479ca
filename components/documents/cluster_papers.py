"""The cluster's papers of the year, besides the review report and the count's minutes: the covenant (giao ước thi
đua, seed 000), the programme of targets (chương trình phát động, seed 001), the minutes of the review meeting
(biên bản họp bình xét) and the proposal for the flag (tờ trình đề nghị tặng Cờ thi đua). Each builder turns plain
data into an OfficialDocument; db/paperwork.py gathers the data. Nothing here invents a figure: what the data lacks
is said to be missing, in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from components.documents.official import Block, OfficialDocument, Signature, place_date_line


@dataclass(frozen=True)
class PaperContext:
    """Who issues the papers and where: the cluster under the awarding body of that year."""

    parent_body: str  # "Bộ Khoa học và Công nghệ"
    issuer: str  # "Cụm thi đua số 2"
    symbol: str  # "CTĐS2"
    place: str  # the chair's province
    year: int  # the emulation year the papers are about
    issued_on: date | None = None  # the day the paper is made (today): its month and year are printed


def issue_place_date(ctx: PaperContext, held_on: date | None = None) -> str:
    """The place-and-date line: the day of what the paper records (the vote's day) when it has one, else the day
    it is issued with the day left blank to fill by hand (today's month and year): never a year that has not begun."""
    if held_on is not None:
        return place_date_line(ctx.place, held_on.day, held_on.month, held_on.year)
    if ctx.issued_on is not None:
        return place_date_line(ctx.place, None, ctx.issued_on.month, ctx.issued_on.year)
    return place_date_line(ctx.place, None, None, ctx.year)


def issued_year(ctx: PaperContext) -> int:
    """The year a paper is issued in (today's), never one that has not begun."""
    return ctx.issued_on.year if ctx.issued_on is not None else ctx.year


@dataclass(frozen=True)
class Member:
    unit: str
    director: str = ""  # empty: signed by hand
    title: str = "Giám đốc"


def _missing(text: str) -> Block:
    return Block("note", f"({text})")


def covenant_document(ctx: PaperContext, *, theme: str | None, commitments: tuple[str, ...],
                      members: tuple[Member, ...], signed_on: date | None = None) -> OfficialDocument:
    blocks = [Block("paragraph",
                    f"{ctx.issuer} gồm {len(members):02d} đơn vị: {', '.join(m.unit for m in members)}, "
                    f"cùng thống nhất ký kết giao ước thi đua năm {ctx.year} với những nội dung sau:")
              if members else _missing(f"Chưa xác định thành viên của {ctx.issuer} năm {ctx.year}")]
    number = 1
    if theme:
        blocks.append(Block("paragraph", f"{number}. Chủ đề thi đua của {ctx.issuer} năm {ctx.year}: “{theme}”."))
        number += 1
    else:
        blocks.append(_missing(f"Cụm trưởng chưa nhập chủ đề thi đua năm {ctx.year}"))
    for text in commitments:
        blocks.append(Block("paragraph", f"{number}. {text.strip()}"))
        number += 1
    if not commitments:
        blocks.append(_missing("Cụm trưởng chưa nhập nội dung giao ước"))
    blocks.append(Block("paragraph", f"Năm {ctx.year}, {ctx.issuer} đoàn kết, phát huy trí tuệ, sáng tạo, giữ vững "
                                     f"kỷ cương, trách nhiệm, quyết tâm thi đua hoàn thành xuất sắc các nhiệm vụ "
                                     f"chính trị được giao./."))
    blocks.append(Block("heading", f"ĐẠI DIỆN {len(members):02d} ĐƠN VỊ {ctx.issuer.upper()} KÝ KẾT GIAO ƯỚC THI ĐUA"))
    return OfficialDocument(
        parent_body=ctx.parent_body, issuer=ctx.issuer, number_symbol=f"Số:       /GƯ-{ctx.symbol}",
        place_date=issue_place_date(ctx, signed_on), title=f"Giao ước thi đua {ctx.issuer}",
        subtitle=f"Năm {ctx.year}", blocks=tuple(blocks),
        signatures=tuple(Signature((m.title,), unit=m.unit, name=m.director) for m in members),
        file_title=f"Giao ước thi đua năm {ctx.year}")


def programme_document(ctx: PaperContext, *, theme: str | None,
                       targets: tuple[tuple[str, tuple[str, ...]], ...],
                       staff_targets: tuple[str, ...]) -> OfficialDocument:
    """targets: (field, its targets as sentences) in the catalogue's order; staff_targets: the year's staff
    emulation targets as sentences."""
    blocks = [Block("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
              Block("paragraph", f"Phát động phong trào thi đua thực hiện nhiệm vụ, chỉ tiêu phát triển của "
                                 f"{ctx.issuer} năm {ctx.year}"
                                 + (f" với chủ đề “{theme}”." if theme else "."))]
    blocks.append(Block("heading", "II. CHỈ TIÊU THI ĐUA"))
    if not targets:
        blocks.append(_missing("Cụm trưởng chưa nhập chỉ tiêu theo lĩnh vực"))
    for number, (field, lines) in enumerate(targets, start=1):
        blocks.append(Block("heading", f"{number}. {field}"))
        blocks += [Block("bullet", line) for line in lines]
    blocks.append(Block("heading", "III. CÔNG TÁC THI ĐUA, KHEN THƯỞNG"))
    blocks += [Block("bullet", line) for line in staff_targets]
    return OfficialDocument(
        parent_body=ctx.parent_body, issuer=ctx.issuer, number_symbol=f"Số:       /CTr-{ctx.symbol}",
        place_date=issue_place_date(ctx), title="Chương trình",
        subtitle=f"Phát động phong trào thi đua thực hiện nhiệm vụ, chỉ tiêu của {ctx.issuer} năm {ctx.year}",
        blocks=tuple(blocks), recipients=("Các đơn vị thành viên Cụm", "Lưu: VT"),
        signatures=(Signature((f"TM. {ctx.issuer}", "Cụm trưởng")),),
        file_title=f"Chương trình phát động thi đua năm {ctx.year}")


@dataclass(frozen=True)
class VoteSummary:
    """The published result of the year's vote, as the minutes and the proposal state it."""

    held_on: date | None
    eligible: int
    present: int
    ballots_cast: int
    valid: int
    votes: tuple[tuple[str, int], ...]  # (unit, votes), most first
    elected: tuple[str, ...]
    rule_text: str


def _vote_blocks(vote: VoteSummary | None, year: int) -> list[Block]:
    if vote is None:
        return [_missing(f"Chưa có kết quả bỏ phiếu suy tôn năm {year} được công bố")]
    rows = [("STT", "Đơn vị", "Số phiếu bầu", "Tỷ lệ/số phiếu hợp lệ")]
    for i, (unit, n) in enumerate(vote.votes, start=1):
        share = f"{n / vote.valid * 100:.1f}%".replace(".", ",") if vote.valid else "—"
        rows.append((str(i), unit, str(n), share))
    return [Block("paragraph", f"Số đơn vị có quyền bỏ phiếu: {vote.eligible:02d}; có mặt: {vote.present:02d}; số "
                               f"phiếu thu về: {vote.ballots_cast:02d}; số phiếu hợp lệ: {vote.valid:02d}. "
                               f"Nguyên tắc xác định kết quả: {vote.rule_text}."),
            Block("table", rows=tuple(rows), widths=(0.1, 0.55, 0.15, 0.2))]


def unanimous(vote: VoteSummary) -> bool:
    """Every member present voted, validly, and for the elected units only: then, and only then, "thống nhất"."""
    elected = set(vote.elected)
    return (vote.present > 0 and vote.ballots_cast == vote.present and vote.valid == vote.ballots_cast
            and all((n == vote.valid) if unit in elected else n == 0 for unit, n in vote.votes))


def _conclusion(ctx: PaperContext, vote: VoteSummary) -> str:
    names = ", ".join(vote.elected)
    then = f"là đơn vị dẫn đầu phong trào thi đua năm {ctx.year} và đề nghị {ctx.parent_body} tặng Cờ thi đua."
    if unanimous(vote):
        return f"{ctx.issuer} thống nhất ({vote.present:02d}/{vote.present:02d} đơn vị có mặt) suy tôn {names} {then}"
    got = dict(vote.votes)
    counts = "; ".join(f"{unit} đạt {got.get(unit, 0):02d}/{vote.valid:02d} phiếu hợp lệ" for unit in vote.elected)
    return (f"Có mặt {vote.present:02d}/{vote.eligible:02d} đơn vị, thu về {vote.ballots_cast:02d} phiếu, "
            f"{vote.valid:02d} phiếu hợp lệ; {counts}. Căn cứ kết quả bỏ phiếu (nguyên tắc: {vote.rule_text}), "
            f"{ctx.issuer} suy tôn {names} {then}")


def meeting_document(ctx: PaperContext, *, held_on: date | None, attendance: tuple[tuple[str, bool], ...],
                     scores: tuple[tuple[str, str], ...], vote: VoteSummary | None,
                     next_chair: str | None, next_vice_chair: str | None) -> OfficialDocument:
    blocks = [Block("heading", "I. THÀNH PHẦN")]
    if attendance:
        blocks += [Block("bullet", f"{unit}: {'có mặt' if present else 'vắng mặt'}") for unit, present in attendance]
    else:
        blocks.append(_missing("Chưa có điểm danh"))
    blocks.append(Block("heading", "II. NỘI DUNG"))
    blocks.append(Block("paragraph", f"Hội nghị bình xét, suy tôn đơn vị dẫn đầu phong trào thi đua năm {ctx.year} "
                                     f"của {ctx.issuer}."))
    if scores:
        blocks.append(Block("heading", "1. Kết quả chấm điểm"))
        blocks.append(Block("table", rows=(("Đơn vị", "Điểm"), *scores), widths=(0.75, 0.25)))
    blocks.append(Block("heading", "2. Kết quả bỏ phiếu suy tôn"))
    blocks += _vote_blocks(vote, ctx.year)
    blocks.append(Block("heading", "III. KẾT LUẬN"))
    if vote is not None and vote.elected:
        blocks.append(Block("paragraph", _conclusion(ctx, vote)))
    else:
        blocks.append(_missing("Chưa có đơn vị được suy tôn dẫn đầu"))
    blocks.append(Block("paragraph", f"Cụm trưởng năm {ctx.year + 1}: {next_chair or '(chưa xác định)'}; Cụm phó: "
                                     f"{next_vice_chair or '(chưa xác định)'}."))
    return OfficialDocument(
        parent_body=ctx.parent_body, issuer=ctx.issuer, number_symbol=f"Số:       /BB-{ctx.symbol}",
        place_date=issue_place_date(ctx, held_on),
        title="Biên bản", subtitle=f"Họp bình xét thi đua, khen thưởng năm {ctx.year}", blocks=tuple(blocks),
        signatures=(Signature(("Thư ký",)), Signature((f"TM. {ctx.issuer}", "Cụm trưởng"))),
        file_title=f"Biên bản họp bình xét năm {ctx.year}")


def proposal_document(ctx: PaperContext, *, awarding_head: str, vote: VoteSummary | None,
                      candidates: tuple[str, ...]) -> OfficialDocument:
    """The proposal to the awarding body of the day (the head who signs the flag, e.g. "Bộ trưởng Bộ Khoa học và
    Công nghệ")."""
    blocks = [Block("paragraph", f"Kính gửi: {awarding_head}."),
              Block("paragraph", f"Căn cứ kết quả bình xét, suy tôn đơn vị dẫn đầu phong trào thi đua năm {ctx.year} "
                                 f"của {ctx.issuer},")]
    blocks += _vote_blocks(vote, ctx.year)
    if candidates:
        blocks.append(Block("paragraph", f"{ctx.issuer} kính đề nghị {awarding_head} xem xét, tặng Cờ thi đua cho:"))
        blocks += [Block("bullet", f"{unit}, đơn vị dẫn đầu phong trào thi đua năm {ctx.year}.") for unit in candidates]
    else:
        blocks.append(_missing("Chưa có đơn vị được suy tôn: chưa đề nghị tặng Cờ thi đua"))
    blocks.append(Block("paragraph", f"{ctx.issuer} kính trình {ctx.parent_body} xem xét, quyết định./."))
    return OfficialDocument(
        parent_body=ctx.parent_body, issuer=ctx.issuer, number_symbol=f"Số:       /TTr-{ctx.symbol}",
        place_date=issue_place_date(ctx), title="Tờ trình",
        subtitle=f"Về việc đề nghị tặng Cờ thi đua năm {ctx.year}", blocks=tuple(blocks),
        recipients=("Như trên", "Các đơn vị thành viên Cụm", "Lưu: VT"),
        signatures=(Signature((f"TM. {ctx.issuer}", "Cụm trưởng")),),
        file_title=f"Tờ trình đề nghị tặng Cờ thi đua năm {ctx.year}")
