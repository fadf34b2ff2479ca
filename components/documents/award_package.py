"""The cluster's package of proposals: the tờ trình to the awarding body and, as its list, one row per proposal the
chair forwarded (the member, who or what is proposed, the award asked for, the achievement). No Streamlit, no
database."""

from __future__ import annotations

from components.documents.cluster_papers import PaperContext, issue_place_date
from components.documents.official import Block, OfficialDocument, Signature
from components.i18n.catalogue import translate

SUBJECT_VI = {"collective": "Tập thể", "individual": "Cá nhân", "initiative": "Sáng kiến"}


def package_document(ctx: PaperContext, *, awarding_head: str,
                     lines: tuple[tuple[str, str, str, str, str], ...]) -> OfficialDocument:
    """lines: (member, subject code, name, award form code, achievement)."""
    blocks = [Block("paragraph", f"Kính gửi: {awarding_head}."),
              Block("paragraph", f"Căn cứ kết quả bình xét thi đua, khen thưởng năm {ctx.year} của {ctx.issuer} và hồ "
                                 f"sơ đề nghị của các đơn vị thành viên,")]
    if lines:
        blocks.append(Block("paragraph", f"{ctx.issuer} kính đề nghị {awarding_head} xem xét, khen thưởng cho "
                                         f"{len(lines)} trường hợp theo danh sách dưới đây:"))
        rows = [("TT", "Đơn vị đề nghị", "Đối tượng", "Tên tập thể, cá nhân, sáng kiến", "Hình thức đề nghị",
                 "Thành tích")]
        rows += [(str(n), unit, SUBJECT_VI.get(subject, subject), name,
                  translate(f"entry.awards.form.{form}", "vi"), summary or "")
                 for n, (unit, subject, name, form, summary) in enumerate(lines, start=1)]
        blocks.append(Block("table", rows=tuple(rows), widths=(0.06, 0.2, 0.12, 0.24, 0.16, 0.22)))
    else:
        blocks.append(Block("note", "(Chưa có hồ sơ đề nghị nào được Cụm trưởng chuyển vào hồ sơ của Cụm)"))
    blocks.append(Block("paragraph", f"{ctx.issuer} kính trình {ctx.parent_body} xem xét, quyết định./."))
    return OfficialDocument(
        parent_body=ctx.parent_body, issuer=ctx.issuer, number_symbol=f"Số:       /TTr-{ctx.symbol}",
        place_date=issue_place_date(ctx), title="Tờ trình",
        subtitle=f"Về việc đề nghị khen thưởng năm {ctx.year}", blocks=tuple(blocks),
        recipients=("Như trên", "Các đơn vị thành viên Cụm", "Lưu: VT"),
        signatures=(Signature((f"TM. {ctx.issuer}", "Cụm trưởng")),),
        file_title=f"Tờ trình đề nghị khen thưởng năm {ctx.year}")


def held_notes(held: tuple[tuple[str, str, str], ...]) -> tuple[Block, ...]:
    """The units a document does not propose because a hold of NĐ 152/2025 runs on them: (unit, since, reason)."""
    return tuple(Block("note", f"{unit}: không đề nghị khen thưởng (Nghị định 152/2025/NĐ-CP) — đang tạm dừng xét từ "
                               f"{since}: {reason}") for unit, since, reason in held)
