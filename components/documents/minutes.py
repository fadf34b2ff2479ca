"""The minutes of the count (biên bản kiểm phiếu).

minutes_content() gathers what the minutes say (testable as text); minutes_official() lays it out in the State's
format, the one builder of the count's minutes for every screen (db/paperwork.py renders it as DOCX or PDF).
"""

from __future__ import annotations

from dataclasses import dataclass

from components.documents.cluster_papers import issue_place_date
from components.documents.official import Block, OfficialDocument, Signature
from components.i18n.catalogue import translate
from components.i18n.formatting import fmt_datetime, fmt_number, fmt_percent, to_local
from components.rules.tally import Tally


@dataclass(frozen=True)
class MinutesContent:
    heading: tuple[str, ...]
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    table_header: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]
    conclusion: tuple[str, ...]
    receipts_title: str
    receipts: tuple[str, ...]
    signatures: tuple[str, ...]
    signatory_names: tuple[str, ...] = ("", "")


def minutes_content(data: MinutesData, lang: str = "vi") -> MinutesContent:
    def tr(key: str, **params) -> str:
        return translate(key, lang, **params)

    poll, result, names = data.poll, data.tally, data.unit_names

    def n(x) -> str:
        return fmt_number(x, 0, lang)

    def unit_list(ids) -> str:
        return "; ".join(names.get(u, "?") for u in ids) or tr("vote.none")

    form = tr("vote.secret_ballot") if poll.secret else tr("vote.named_ballot")
    medium = tr("vote.paper_ballots") if poll.paper else tr("vote.electronic_ballots")
    title_round = poll.title + (" — " + tr("vote.round", n=poll.round_no) if poll.round_no > 1 else "")
    facts = [
        (tr("vote.m_time"), fmt_datetime(poll.closed_at)),
        (tr("vote.m_cluster"), data.cluster_name),
        (tr("vote.m_year"), str(data.year)),
        (tr("vote.m_subject"), title_round),
        (tr("vote.m_form"), f"{form}, {medium}"),
        (tr("vote.m_eligible"), n(len(data.eligible))),
        (tr("vote.m_present"), f"{n(len(data.present))}: {unit_list(data.present)}"),
        (tr("vote.m_absent"), unit_list([u for u in data.eligible if u not in data.present])),
        (tr("vote.m_cast"), n(result.ballots_cast)),
        (tr("vote.m_valid"), n(result.valid)),
        (tr("vote.m_invalid"), n(result.invalid)),
        (tr("vote.m_rule"), tr(f"vote.rule.{result.rule}") + "; " + tr("vote.needed", n=n(result.needed))),
        (tr("vote.m_seats"), f"{n(result.seats)}; " + tr("vote.m_max_choices", n=n(poll.max_choices))),
    ]
    if not poll.paper:
        facts.insert(11, (tr("vote.m_blank"), n(result.blank)))
    if data.candidate_change is not None:
        proposed, reason = data.candidate_change
        facts.append((tr("score.m_candidates"),
                      tr("score.m_candidates_note", proposed=", ".join(names.get(u, "?") for u in proposed) or "—",
                         reason=reason)))
    if data.parent_round is not None:
        facts.insert(4, (tr("vote.m_runoff_of"), tr("vote.round", n=data.parent_round)))
    if data.rerun_of is not None:
        facts.insert(4, (tr("vote.rerun_reason"), tr("vote.m_rerun_of", title=data.rerun_of[0],
                                                        reason=data.rerun_of[1])))
    table = []
    for i, (unit_id, votes) in enumerate(result.ranking(), start=1):
        share = fmt_percent(100 * votes / result.ballots_cast, 1, lang) if result.ballots_cast else "—"
        table.append((str(i), names.get(unit_id, "?"), n(votes), share,
                      tr("vote.elected") if unit_id in result.winners else ""))
    conclusion = []
    if result.winners:
        conclusion.append(tr("vote.m_winners", names=unit_list(result.winners)))
        conclusion.append(tr("vote.m_flag", cluster=data.cluster_name, head=data.awarding_head))
    if result.runoff_needed:
        key = "vote.runoff_tie" if result.tie else "vote.runoff_threshold"
        conclusion.append(tr(key, names=unit_list(result.runoff_candidates), seats=result.seats_left))
    if not result.winners and not result.runoff_needed:
        conclusion.append(tr("vote.m_no_winner"))
    for action, at, reason, ballots in data.incidents:
        conclusion.append(tr(f"vote.incident.{action}", at=fmt_datetime(at), reason=reason, n=n(ballots)))
    if data.other_polls:
        conclusion.append(tr("vote.m_other_polls"))
    for title, round_no, state, ballots, eligible, early, rerun_of, rerun_reason in data.other_polls:
        notes = [tr(f"vote.state.{state}")]
        if rerun_of is not None:
            notes.append(tr("vote.qp_rerun", title=rerun_of, reason=rerun_reason or ""))
        if early is not None:
            notes.append(tr("vote.qp_early", reason=early))
        label = title + (" — " + tr("vote.round", n=round_no) if round_no > 1 else "")
        conclusion.append(tr("vote.m_other_poll", title=label, n=n(ballots), total=n(eligible), notes="; ".join(notes)))
    receipts = []
    for b in data.ballots:
        validity = "" if b.valid else " — " + tr("vote.invalid")
        if b.choices is None:  # a secret poll publishes the receipts counted, not their choices
            receipts.append(f"{b.receipt}{validity}")
            continue
        choice = unit_list(b.choices) if b.choices else tr("vote.blank_ballot")
        voter = f" ({names.get(b.voter_unit_id, '?')})" if b.voter_unit_id else ""
        receipts.append(f"{b.receipt}{voter}: {choice}{validity}")
    return MinutesContent(
        heading=(tr("vote.m_state"), tr("vote.m_motto")),
        title=tr("vote.m_title"),
        subtitle=tr("vote.m_subtitle", year=data.year, cluster=data.cluster_name),
        facts=tuple(facts),
        table_header=(tr("vote.m_no"), tr("vote.unit"), tr("vote.votes"), tr("vote.share"), tr("vote.result")),
        table=tuple(table),
        conclusion=tuple(conclusion),
        receipts_title=tr("vote.m_receipts_paper") if poll.paper else tr("vote.m_receipts"),
        receipts=tuple(receipts),
        signatures=(tr("vote.m_sign_counter"), tr("vote.m_sign_chair")),
        signatory_names=("", data.chair_director),
    )


@dataclass(frozen=True)
class PublishedBallot:
    receipt: str
    choices: tuple[int, ...] | None  # None in a secret poll: the choices are not published by receipt
    valid: bool
    voter_unit_id: int | None  # named polls only


@dataclass(frozen=True)
class MinutesData:
    poll: object  # db.models.Poll: title, round_no, secret, paper, max_choices, threshold_rule, opened/closed_at
    cluster_name: str
    year: int
    unit_names: dict[int, str]
    eligible: tuple[int, ...]
    present: tuple[int, ...]
    tally: Tally
    ballots: tuple[PublishedBallot, ...]
    parent_round: int | None
    awarding_head: str = ""  # who the proposal goes to on the day of the vote ("Bộ trưởng Bộ Khoa học và Công nghệ")
    chair_director: str = ""  # the director of the chair unit in the year, who signs for the chair
    incidents: tuple[tuple[str, object, str, int], ...] = ()  # (reset | closed_early, at, reason, ballots)
    # the candidates differ from the scores' proposal: (the units it proposed, the chair's reason)
    candidate_change: tuple[tuple[int, ...], str] | None = None
    # the year's other polls on the question (re-runs, earlier polls, rounds), each on the record with its counts:
    # (title, round_no, state, ballots, eligible, early close reason, title of the poll it re-ran, re-run reason)
    other_polls: tuple[tuple[str, int, str, int, int, str | None, str | None, str | None], ...] = ()
    rerun_of: tuple[str, str] | None = None  # (the title of the poll this one re-runs, the chair's reason)


def minutes_official(data: MinutesData, ctx, committee: tuple[str, ...] = ()) -> OfficialDocument:
    """The count's minutes in the State's format (Nghị định 30/2020), as DOCX and PDF through
    components.documents.official: each fact is a row of a two-column table (a label never runs into its value),
    then the result, the conclusion, the counting committee and the receipts counted. ctx is a
    cluster_papers.PaperContext (the issuing cluster under the awarding body of the vote's day)."""
    content = minutes_content(data, "vi")
    blocks = [Block("heading", "I. TỔ KIỂM PHIẾU")]
    blocks += ([Block("bullet", member) for member in committee] if committee
               else [Block("note", "(Cụm trưởng chưa nhập danh sách Tổ kiểm phiếu)")])
    blocks.append(Block("heading", "II. DIỄN BIẾN VÀ KẾT QUẢ KIỂM PHIẾU"))
    blocks.append(Block("table", rows=(("Nội dung", "Kết quả"), *content.facts), widths=(0.38, 0.62)))
    blocks.append(Block("table", rows=(content.table_header, *content.table), widths=(0.08, 0.5, 0.12, 0.14, 0.16)))
    blocks.append(Block("heading", "III. KẾT LUẬN"))
    blocks += [Block("paragraph", line) for line in content.conclusion]
    blocks.append(Block("heading", content.receipts_title))
    blocks += [Block("bullet", line) for line in content.receipts]
    closed = data.poll.closed_at
    counter = committee[0].split("—")[0].strip() if committee else ""
    return OfficialDocument(
        parent_body=ctx.parent_body, issuer=ctx.issuer, number_symbol=f"Số:       /BB-{ctx.symbol}",
        place_date=issue_place_date(ctx, to_local(closed).date() if closed else None),
        title=content.title, subtitle=content.subtitle, blocks=tuple(blocks),
        signatures=(Signature(("TM. Tổ kiểm phiếu", "Tổ trưởng"), name=counter),
                    Signature((f"TM. {ctx.issuer}", "Cụm trưởng"), name=content.signatory_names[1])),
        file_title=content.title)
