"""What the year's documents say, read from the database: the issuing cluster under the awarding body of the day,
the members and their directors, the totals computed from the figures, the notes, the vote, the chair's texts.
The builders in components/documents turn it into DOCX and PDF; the "Văn bản" page and scripts/manage.py both
call document_for().
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session, select

from components.documents import annexes
from components.documents import cluster_papers as papers
from components.documents.award_package import held_notes, package_document
from components.documents.legal_basis import basis_blocks
from components.documents.minutes import minutes_official
from components.documents.official import OfficialDocument, docx_bytes, pdf_bytes
from components.documents.year_report import REPORT_ITEMS, ReportData, cluster_total, report_document
from components.i18n.formatting import fmt_auto, fmt_percent, to_local
from components.rules import access
from components.rules.errors import DomainError
from db import holds, legal, organisation, polls, reference, standings
from db.award_proposals import package_items
from db.models import (
    Award,
    Cluster,
    ClusterTotal,
    EmulationYear,
    Indicator,
    IndicatorValue,
    Poll,
    Submission,
    YearHonour,
    YearText,
    utcnow,
)
from db.scope import check_reads_cluster, read_year_id, run_year_id

KINDS = ("covenant", "programme", "report", "minutes", "meeting", "proposal", "package", "annex_units", "annex_scores",
         "annex_tally")
FORMATS = ("docx", "pdf")
# the chair's texts per year: key -> what it holds (one item per line)
TEXT_KEYS = ("covenant.commitments", "programme.targets", "report.direction", "minutes.counting_committee")
TEXT_MAX = 20000
RULE_TEXT = {"half_cast": "quá nửa số phiếu thu về", "half_eligible": "quá nửa số đơn vị có quyền bỏ phiếu",
             "two_thirds_cast": "từ hai phần ba số phiếu thu về trở lên"}


def cluster_symbol(cluster: Cluster) -> str:
    """The symbol in a document number: "Cụm thi đua số 2" -> "CTĐS2" (seed 000), else the cluster's code."""
    match = re.search(r"số\s*(\d+)", cluster.name_vi, flags=re.IGNORECASE)
    return f"CTĐS{match.group(1)}" if match else cluster.code.upper()


# --- the chair's texts ----------------------------------------------------------------------------------------


def year_texts(*, session: Session, actor, emulation_year_id: int) -> dict[str, str]:
    """The chair's texts of a year, for an actor who may read its cluster."""
    read_year_id(session=session, actor=actor, emulation_year_id=emulation_year_id)
    return _texts(session, emulation_year_id)


def _texts(session: Session, emulation_year_id: int) -> dict[str, str]:
    rows = session.exec(select(YearText).where(YearText.emulation_year_id == emulation_year_id)).all()
    return {r.key: r.text for r in rows}


def save_year_text(*, session: Session, actor, emulation_year_id: int, key: str, text: str) -> None:
    if not access.is_secretariat(actor.role):
        raise DomainError("entry_chair_only")
    if key not in TEXT_KEYS:
        raise DomainError("documents_unknown_text")
    if len(text) > TEXT_MAX:
        raise DomainError("documents_text_too_long", max=TEXT_MAX)
    if session.get(EmulationYear, emulation_year_id) is None:
        raise DomainError("entry_unknown_year", year="?")
    run_year_id(session=session, actor=actor, emulation_year_id=emulation_year_id)
    row = session.exec(select(YearText).where(YearText.emulation_year_id == emulation_year_id,
                                              YearText.key == key)).first()
    row = row or YearText(emulation_year_id=emulation_year_id, key=key, text="")
    row.text, row.updated_at, row.updated_by_id = text.strip(), utcnow(), actor.id
    session.add(row)
    session.flush()


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip().lstrip("-•").strip() for line in (text or "").splitlines() if line.strip())


# --- context ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearScope:
    cluster: Cluster
    year: EmulationYear
    names: dict  # unit id -> UnitInfo, the names of that year
    members: list[int]


def _scope(session: Session, actor, cluster_id: int, year: int) -> YearScope:
    """The year's facts, once the actor may read the cluster (db/scope.py)."""
    check_reads_cluster(session=session, actor=actor, cluster_id=cluster_id, year=year)
    cluster = session.get(Cluster, cluster_id)
    ey = reference.get_emulation_year(session=session, cluster_id=cluster_id, year=year)
    if cluster is None or ey is None:
        raise DomainError("documents_unknown_year", year=year)
    members = [u.id for u in reference.member_units(session=session, cluster_id=cluster_id, year=year)]
    return YearScope(cluster, ey, reference.unit_names(session=session, year=year), members)


def _context(session: Session, scope: YearScope, on: date) -> papers.PaperContext:
    """The cluster under the awarding body of the document's day (a covenant of early 2025 under the Bộ TT&TT, the
    review of 2025 under the Bộ KH&CN); the year's law (db.legal) gives its "Căn cứ" lines."""
    body = reference.awarding_body_on(session=session, on=on)
    if body is None:
        raise DomainError("documents_no_awarding_body", on=on.strftime("%d/%m/%Y"))
    chair = scope.names.get(scope.year.chair_unit_id) if scope.year.chair_unit_id else None
    return papers.PaperContext(parent_body=body.name_vi, issuer=scope.cluster.name_vi,
                               symbol=cluster_symbol(scope.cluster), place=chair.province if chair else "……………",
                               year=scope.year.year, issued_on=_today())


def _today() -> date:
    """The day a paper is issued, in Vietnam: its month and year go on the place-and-date line."""
    return to_local(utcnow()).date()


def _published_poll(session: Session, ey: EmulationYear) -> Poll | None:
    """The year's deciding poll: the last published round."""
    return session.exec(select(Poll).where(Poll.emulation_year_id == ey.id, Poll.state == "published")
                        .order_by(Poll.round_no.desc(), Poll.id.desc())).first()


def _vote_summary(session: Session, actor, scope: YearScope, poll: Poll | None) -> papers.VoteSummary | None:
    if poll is None:
        return None
    result = polls.tally_poll(session=session, actor=actor, poll_id=poll.id)
    name = {i: info.name_vi for i, info in scope.names.items()}
    return papers.VoteSummary(
        held_on=poll.closed_at.date() if poll.closed_at else None, eligible=result.eligible, present=result.present,
        ballots_cast=result.ballots_cast, valid=result.valid,
        votes=tuple((name.get(u, "?"), n) for u, n in result.ranking()),
        elected=tuple(name.get(u, "?") for u in result.winners), rule_text=RULE_TEXT.get(poll.threshold_rule,
                                                                                         poll.threshold_rule))


def _review_day(poll: Poll | None, year: int) -> date:
    """The day the year's result is carried to the ministry: the vote's day, else the start of the next year."""
    return poll.closed_at.date() if poll is not None and poll.closed_at else date(year + 1, 1, 1)


# --- the documents ----------------------------------------------------------------------------------------------


def _sent_units(session: Session, scope: YearScope) -> set[int]:
    """The members whose figures of the year a document may print: submitted or locked (every member's once the
    year is closed). A draft is nobody's business but its unit's."""
    if scope.year.state == "closed":
        return set(scope.members)
    return set(session.exec(select(Submission.unit_id).where(Submission.emulation_year_id == scope.year.id,
                                                             Submission.state.in_(("submitted", "locked")))).all())


def _member_values(session: Session, scope: YearScope, code: str, visible: set[int]) -> dict[str, float | None]:
    """Each member's submitted (or locked) figure for an indicator; None where not reported or still a draft."""
    indicator = session.exec(select(Indicator).where(Indicator.code == code)).first()
    out = {scope.names[u].name_vi: None for u in scope.members}
    if indicator is None:
        return out
    rows = session.exec(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id,
                                                     IndicatorValue.year == scope.year.year,
                                                     IndicatorValue.unit_id.in_(scope.members))).all()
    for row in rows:
        # figures taken from the cluster's own documents (source set) count as reported for a past year
        if row.unit_id in visible or row.source:
            out[scope.names[row.unit_id].name_vi] = row.value if row.value is not None else row.numerator
    return out


def _award_counts(session: Session, scope: YearScope, recipient: str) -> dict[str, float | None]:
    counts = {scope.names[u].name_vi: None for u in scope.members}
    for award in session.exec(select(Award).where(Award.year == scope.year.year, Award.recipient == recipient,
                                                  Award.unit_id.in_(scope.members))).all():
        name = scope.names[award.unit_id].name_vi
        counts[name] = (counts[name] or 0) + award.count
    return counts


def report_data(*, session: Session, actor, cluster_id: int, year: int) -> ReportData:
    """The year's review report: totals of the figures the members have sent, and the notes of those figures only
    (a draft's notes are not printed)."""
    scope = _scope(session, actor, cluster_id, year)
    visible = _sent_units(session, scope)
    poll = _published_poll(session, scope.year)
    ctx = _context(session, scope, _review_day(poll, year))
    recorded = {t.item: t.value for t in session.exec(select(ClusterTotal)
                                                      .where(ClusterTotal.emulation_year_id == scope.year.id)).all()}
    totals = {}
    for item, code, _ in REPORT_ITEMS:
        if code is not None:
            values = _member_values(session, scope, code, visible)
        elif item.startswith("awards_"):
            values = _award_counts(session, scope, item.removeprefix("awards_"))
        else:
            values = {}
        totals[item] = cluster_total(item, values, recorded.get(item))
    notes: dict[str, list[str]] = {}
    for unit_id, note in session.exec(select(IndicatorValue.unit_id, IndicatorValue.note)
                                      .where(IndicatorValue.year == year, IndicatorValue.unit_id.in_(scope.members),
                                             IndicatorValue.note.is_not(None))
                                      .order_by(IndicatorValue.unit_id, IndicatorValue.indicator_id)).all():
        if note and note.strip() and unit_id in visible:
            notes.setdefault(scope.names[unit_id].province, []).append(note.strip())
    leaders = [scope.names[u].name_vi for u in session.exec(
        select(YearHonour.unit_id).where(YearHonour.emulation_year_id == scope.year.id,
                                         YearHonour.honour == "leading_unit").order_by(YearHonour.unit_id)).all()]
    texts = _texts(session, scope.year.id)
    return ReportData(parent_body=ctx.parent_body, issuer=ctx.issuer, symbol=ctx.symbol, place=ctx.place, year=year,
                      members=tuple(scope.names[u].name_vi for u in scope.members), totals=totals,
                      highlights=tuple((unit, tuple(n)) for unit, n in notes.items()), leading_units=tuple(leaders),
                      direction=texts.get("report.direction"), theme=scope.year.theme, issued_on=ctx.issued_on)


def _members(session: Session, scope: YearScope) -> tuple[papers.Member, ...]:
    directors = organisation.directors(session=session, year=scope.year.year)
    return tuple(papers.Member(scope.names[u].name_vi, directors[u].name if u in directors else "",
                               directors[u].title_vi if u in directors else "Giám đốc") for u in scope.members)


def poll_minutes(*, session: Session, actor, poll_id: int) -> OfficialDocument:
    """The count's minutes of one poll (any closed or published round): the same document, from the same builder,
    as the Văn bản page's "minutes" of the year's deciding round, so that the vote pages offer no other."""
    poll = polls.get_poll(session=session, actor=actor, poll_id=poll_id)
    ey = session.get(EmulationYear, poll.emulation_year_id)
    return document_for(session=session, actor=actor, kind="minutes", cluster_id=ey.cluster_id, year=ey.year,
                        poll_id=poll_id)


def document_for(*, session: Session, actor, kind: str, cluster_id: int, year: int,
                 poll_id: int | None = None) -> OfficialDocument:
    """The document of a kind for a cluster's year, for an actor who may read the cluster, or DomainError saying
    plainly why not; its body opens with the "Căn cứ" lines of the year's law. poll_id: the round whose count the
    minutes record (default: the year's deciding round)."""
    document = _document_for(session=session, actor=actor, kind=kind, cluster_id=cluster_id, year=year,
                             poll_id=poll_id)
    lines = legal.lines_for(session=session, year=year)
    if not lines or document.annex:  # an appendix follows its main text's "Căn cứ"
        return document
    return replace(document, blocks=basis_blocks(lines) + tuple(document.blocks))


def _document_for(*, session: Session, actor, kind: str, cluster_id: int, year: int,
                  poll_id: int | None = None) -> OfficialDocument:
    if kind not in KINDS:
        raise DomainError("documents_unknown_kind", kind=kind)
    if kind == "report":
        return report_document(report_data(session=session, actor=actor, cluster_id=cluster_id, year=year))
    scope = _scope(session, actor, cluster_id, year)
    texts = _texts(session, scope.year.id)
    if kind in ("covenant", "programme"):
        ctx = _context(session, scope, date(year, 1, 1))
        if kind == "covenant":
            return papers.covenant_document(ctx, theme=scope.year.theme,
                                            commitments=_lines(texts.get("covenant.commitments")),
                                            members=_members(session, scope))
        targets = scope.year.staff_targets()
        staff = (f"Trên {fmt_percent(targets.ldtt_of_staff_pct, 0)} công chức, viên chức, người lao động đạt danh "
                 f"hiệu “Lao động tiên tiến”, trong đó {fmt_percent(targets.cstdcs_of_staff_pct, 0)} đạt danh hiệu "
                 f"“Chiến sĩ thi đua cơ sở”;",
                 f"Từ {fmt_percent(targets.ldxs_collectives_pct, 0)} trở lên tập thể đạt danh hiệu “Tập thể lao động "
                 f"xuất sắc”.")
        field_targets = _field_targets(texts.get("programme.targets"))
        return papers.programme_document(ctx, theme=scope.year.theme, targets=field_targets, staff_targets=staff)
    poll = _published_poll(session, scope.year)
    if kind == "minutes":
        counted = poll if poll_id is None else session.get(Poll, poll_id)
        if counted is None or counted.emulation_year_id != scope.year.id:
            raise DomainError("documents_no_published_poll", year=year)
        return minutes_official(polls.minutes_data(session=session, actor=actor, poll_id=counted.id),
                                _context(session, scope, _review_day(counted, year)),
                                committee=_lines(texts.get("minutes.counting_committee")))
    ctx = _context(session, scope, _review_day(poll, year))
    vote = _vote_summary(session, actor, scope, poll)
    if kind.startswith("annex_"):
        return _annex(session, scope, ctx, kind, vote)
    if kind == "meeting":
        attendance = ()
        if poll is not None:
            status = polls.poll_status(session=session, actor=actor, poll_id=poll.id)
            attendance = tuple((scope.names[u].name_vi, u in status.present) for u in status.eligible)
        following = reference.get_emulation_year(session=session, cluster_id=cluster_id, year=year + 1)
        chair = scope.names.get(following.chair_unit_id).name_vi if following and following.chair_unit_id else None
        vice = (scope.names.get(following.vice_chair_unit_id).name_vi
                if following and following.vice_chair_unit_id else None)
        return papers.meeting_document(ctx, held_on=vote.held_on if vote else None, attendance=attendance,
                                       scores=_score_lines(session, scope),
                                       vote=vote, next_chair=chair, next_vice_chair=vice)
    body = reference.awarding_body_on(session=session, on=_review_day(poll, year))
    if kind == "package":
        return _package(session, scope, ctx, body.head_vi)
    # an elected unit on hold (db/holds.py) is not proposed; the tờ trình says why
    elected = list(polls.tally_poll(session=session, actor=actor, poll_id=poll.id).winners) if poll else []
    held = holds.blocking(session=session, ey=scope.year, unit_ids=elected)
    name = {i: info.name_vi for i, info in scope.names.items()}
    document = papers.proposal_document(ctx, awarding_head=body.head_vi, vote=vote,
                                        candidates=tuple(name.get(u, "?") for u in elected if u not in held))
    if not held:
        return document
    notes = held_notes(tuple((name.get(u, "?"), p["since"], p["reason"]) for u, p in sorted(held.items())))
    return replace(document, blocks=tuple(document.blocks[:-1]) + notes + (document.blocks[-1],))


def _annex(session: Session, scope: YearScope, ctx, kind: str, vote):
    """The appendices as their own PDFs: the members, the scores, the count (components/documents/annexes.py)."""
    if kind == "annex_units":
        return annexes.units_annex(ctx, _members(session, scope))
    if kind == "annex_tally":
        if vote is None:
            raise DomainError("documents_no_published_poll", year=scope.year.year)
        return annexes.tally_annex(ctx, vote)
    try:
        results = standings.year_results(session=session, cluster_id=scope.year.cluster_id, year=scope.year.year)
    except DomainError:
        return annexes.scores_annex(ctx, ())
    band = {b.code: b.label_vi for b in results.table.bands}  # the table's own words, never the band's code
    lines = tuple((scope.names[s.unit_id].name_vi, fmt_auto(s.total, "vi"), str(s.rank),
                   band.get(s.band, "—") if s.band else "—", "Đề nghị" if s.proposed else "Không")
                  for s in results.standings if s.unit_id in scope.names)
    return annexes.scores_annex(ctx, lines)


def _package(session: Session, scope: YearScope, ctx, awarding_head: str):
    """The tờ trình of the proposals the chair forwarded (db/award_proposals.py) with their list."""
    lines = tuple((scope.names[u].name_vi if u in scope.names else "?", item.subject, item.name, item.form,
                   item.summary) for u, item in package_items(session=session, cluster_id=scope.cluster.id,
                                                             year=scope.year.year))
    return package_document(ctx, awarding_head=awarding_head, lines=lines)


def _score_lines(session: Session, scope: YearScope) -> tuple[tuple[str, str], ...]:
    """The year's scores for the meeting's minutes, when the cluster scored (else none: the minutes say nothing)."""
    try:
        results = standings.year_results(session=session, cluster_id=scope.year.cluster_id, year=scope.year.year)
    except DomainError:
        return ()
    band = {b.code: b.label_vi for b in results.table.bands}  # the table's own words, never the band's code
    return tuple((scope.names[s.unit_id].name_vi,
                  f"{fmt_auto(s.total, 'vi')} — hạng {s.rank}" + (f" — {band.get(s.band, '—')}" if s.band else ""))
                 for s in results.standings if s.unit_id in scope.names)


def _field_targets(text: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The programme's targets as the chair typed them: a line ending with ':' starts a field, the lines under it
    are its targets."""
    out: list[tuple[str, list[str]]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.endswith(":"):
            out.append((line[:-1].strip(), []))
        elif out:
            out[-1][1].append(line.lstrip("-•").strip())
        else:
            out.append(("Chỉ tiêu chung", [line.lstrip("-•").strip()]))
    return tuple((field, tuple(lines)) for field, lines in out)


def render(document: OfficialDocument, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise DomainError("documents_unknown_format", fmt=fmt)
    return docx_bytes(document) if fmt == "docx" else pdf_bytes(document)


def file_name(kind: str, year: int, cluster_code: str, fmt: str) -> str:
    return f"{kind}_{cluster_code}_{year}.{fmt}"


__all__ = ["KINDS", "FORMATS", "TEXT_KEYS", "document_for", "poll_minutes", "render", "file_name", "year_texts", "save_year_text",
           "report_data"]
