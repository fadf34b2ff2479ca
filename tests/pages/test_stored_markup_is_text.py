"""No stored text becomes markup on any page, for any role: a payload of HTML, markdown and autolinks is written
into every free-text column of the database (each column is classed here as free text or as a code the app
writes itself, and a new column must be classed before the suite passes), onto rows the use cases made for each
kind of record; then every screen of every role runs, and no text Streamlit reads as markdown or HTML (bodies,
alerts, headings, captions, labels, help texts, tab and expander labels) carries any part of the payload
unescaped. What only a browser shows (built elements, requests, dialogs) is tests/browser/test_markup_browser.py."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

import db.models  # noqa: F401  (every table registered)
from components.ui.navigation import screens_for
from db import award_proposals as proposals
from db import awards, criteria_tables, holds, movements, polls, registrations, score_sheets, signed_documents
from db import organisation as org
from db.engine import get_engine
from db.models import EmulationYear, Unit
from db.users import get_user, seed_user
from tests.conftest import DEMO_PASSWORD
from tests.db.test_scoring import small_table
from tests.helpers import ADMIN, SAMPLE_CHAIR, app_test, as_user, home_cluster, tiny_pdf
from tests.signing import make_ca

# unique pieces, each of which would be markup if shown as written
MARKERS = ("<img src=x onerror", "<b>x</b>", "![x](/probe", "](javascript", "www.probe", "**bold**", ":red[",
           "# Heading")
PAYLOAD = "<img src=x onerror=alert(1)> <b>x</b> ![x](/probe.png) [a](javascript:alert(1)) www.probe.example " \
          "**bold** :red[red] \n# Heading"

# every string column the app shows as a person typed (or a certificate, a file name, a source said)
FREE_TEXT = {
    "awardingbody": ("name_vi", "name_en", "head_vi", "head_en"),
    "cluster": ("name_vi", "name_en"),
    "crossfieldrule": ("message_vi", "message_en"),
    "indicator": ("name_vi", "name_en"),
    "unit": ("province",),
    "emulationyear": ("theme",),
    "membershipproposal": ("note",),
    "unitdirector": ("name", "title_vi"),
    "unitname": ("name_vi", "name_en"),
    "user": ("display_name",),
    "clustertotal": ("source",),
    "indicatorvalue": ("note", "source"),
    "legalbasis": ("law", "decree", "home_affairs_circular", "sector_circular", "ministry_vi", "ministry_en",
                   "reading_office_vi", "source"),
    "movement": ("name",),
    "poll": ("title", "rerun_reason"),
    "registration": ("returned_reason",),
    "submission": ("reopened_reason",),
    "trustroot": ("subject",),
    "unitevent": ("note",),
    "unithold": ("person", "reason"),
    "valuechange": ("reason",),
    "yeartext": ("text",),
    "award": ("decision_no", "note"),
    "awardproposalevent": ("reason",),
    "awardproposalfile": ("file_name",),
    "awardproposalitem": ("name", "summary"),
    "movementdocument": ("file_name",),
    "pollevent": ("reason",),
    "pollproposal": ("reason",),
    "registrationtarget": ("note",),
    "criterionscore": ("adjustment_reason", "answer", "doc_no", "summary"),
    "scoringcriterion": ("group_name", "name_vi", "name_en"),
    "scoreevidence": ("filename",),
    "yearhonour": ("proposed_award", "source"),
}
# codes, hashes, identifiers and JSON the app writes itself, never shown as typed
NOT_FREE_TEXT = {
    "cluster": ("code",), "crossfieldrule": ("code", "left_codes", "operator", "right_code"),
    "indicator": ("code", "field", "unit", "kind", "better"), "loginthrottle": ("key",), "setuptoken": ("token_hash",),
    "unit": ("code", "kind"), "emulationyear": ("state",), "user": ("username", "password_hash", "role"),
    "authsession": ("token_hash",), "awardproposal": ("state",), "clustertotal": ("item",),
    "criteriatable": ("state", "bands", "conditions", "flag_band", "cross_aggregate"),
    "generatedpdf": ("sha256", "kind"), "legalbasis": ("pack",), "movement": ("level", "kind"),
    "poll": ("state", "threshold_rule"), "registration": ("state", "titles"), "submission": ("state",),
    "trustroot": ("fingerprint",), "unitevent": ("kind",), "unithold": ("kind",),
    "valuechange": ("what", "old_value", "new_value"), "yeartext": ("key",), "award": ("form", "level", "recipient",
                                                                                        "scope"),
    "awardproposalevent": ("action",), "awardproposalfile": ("mime",), "awardproposalitem": ("subject", "form"),
    "ballot": ("id", "receipt", "choices"), "pollevent": ("action",), "pollproposal": ("proposed", "chosen"),
    "scoresheet": ("state", "conditions_met"), "scoringcriterion": ("code", "kind", "formula", "params"),
    "signeddocument": ("kind", "sha256", "signers"), "yearhonour": ("honour",), "scoreevidence": ("mime",),
}


def _string_columns():
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            kind = column.type
            # Text is a String; SQLModel's AutoString is a TypeDecorator around one
            if isinstance(kind, sa.String) or isinstance(getattr(kind, "impl", None), sa.String):
                yield table, column


def test_every_string_column_is_classed_as_free_text_or_as_a_code():
    unclassed = [f"{t.name}.{c.name}" for t, c in _string_columns()
                 if c.name not in FREE_TEXT.get(t.name, ()) + NOT_FREE_TEXT.get(t.name, ())]
    assert unclassed == [], "class each new column in FREE_TEXT or NOT_FREE_TEXT"


def _records_of_every_kind(session: Session) -> None:
    """Rows the sample lacks, made by the use cases: a poll reset with a reason, a hold, a movement with its plan,
    an award, a director, a criteria table and a self-score with evidence, a registration returned, an award
    proposal returned, a trust root, and the accounts of the roles the sample has none of."""
    units = {u.code: u.id for u in session.exec(select(Unit)).all()}
    sonla = get_user(session=session, username="sonla")
    cluster = home_cluster(session)
    year = session.exec(select(EmulationYear).where(EmulationYear.year == 2026)).one()
    poll = polls.create_poll(session=session, emulation_year_id=year.id, title="Suy tôn 2026", actor=SAMPLE_CHAIR)
    polls.open_poll(session=session, poll_id=poll.id, actor=SAMPLE_CHAIR)
    polls.reset_poll(session=session, poll_id=poll.id, actor=SAMPLE_CHAIR, reason="Mất mạng giữa chừng")
    holds.set_hold(session=session, actor=SAMPLE_CHAIR, unit_id=units["laichau"], kind="complaint",
                   reason="Đơn khiếu nại số 12", starts_on=date(2026, 10, 1), person="Nguyễn Văn A")
    movement = movements.register(session=session, actor=SAMPLE_CHAIR, cluster_id=cluster, name="Chuyển đổi số",
                                  level="ministry", kind="period", starts_on=date(2026, 3, 1),
                                  ends_on=date(2026, 12, 31))
    movements.attach(session=session, actor=SAMPLE_CHAIR, movement_id=movement.id, file_name="ke_hoach.pdf",
                     data=b"%PDF-1.7 x")
    movements.launch(session=session, actor=SAMPLE_CHAIR, movement_id=movement.id)
    awards.add_award(session=session, actor=sonla, unit_id=units["sonla"], year=2026, form="giay_khen",
                     level="province", recipient="collective", count=1, decision_no="12/QĐ-UBND", note="Ghi chú")
    org.set_director(session=session, actor=ADMIN, unit_id=units["sonla"], year=2026, name="Giám đốc")
    # a criteria table adopted, a self-score with its evidence, a return with a reason
    criteria_tables.save_table(session=session, actor=SAMPLE_CHAIR, year=2026, table=small_table(),
                               cluster_id=cluster)
    criteria_tables.adopt_table(session=session, actor=SAMPLE_CHAIR, year=2026, cluster_id=cluster)
    score_sheets.save_self_score(session=session, actor=sonla, unit_id=units["sonla"], year=2026, code="c1",
                                 points=40, doc_no="12/BC", summary="Báo cáo tổng kết", file_name="bao-cao.pdf",
                                 file_bytes=tiny_pdf())
    registrations.save_registration(session=session, actor=sonla, unit_id=units["sonla"], year=2026,
                                    titles=["co_thi_dua"], targets={"villages_mobile_covered": (99.0, "phủ sóng")})
    registrations.submit_registration(session=session, actor=sonla, unit_id=units["sonla"], year=2026,
                                      today=date(2026, 3, 1))
    registrations.decide_registration(session=session, actor=SAMPLE_CHAIR, unit_id=units["sonla"], year=2026,
                                      approve=False, reason="Thiếu chỉ tiêu")
    proposals.add_item(session=session, actor=sonla, unit_id=units["sonla"], year=2026, subject="collective",
                       name="Phòng Bưu chính, Viễn thông", form="bang_khen", summary="Hoàn thành xuất sắc")
    proposals.send(session=session, actor=sonla, unit_id=units["sonla"], year=2026)
    session.flush()
    [sent] = [v for v in proposals.cluster_view(session=session, actor=SAMPLE_CHAIR, cluster_id=cluster, year=2026)
              if v.proposal is not None]
    proposals.chair_step(session=session, actor=SAMPLE_CHAIR, proposal_id=sent.proposal.id, action="returned",
                         reason="Thiếu hồ sơ")
    signed_documents.install_trust_root(session=session, actor=ADMIN, data=make_ca().root_pem)
    # a director's viewer of the cluster and a reader of the Ministry, which the sample has no account for
    viewer = seed_user(session=session, username="viewer", display_name="Lãnh đạo", password=DEMO_PASSWORD,
                       role="viewer")
    viewer.cluster_id = cluster
    seed_user(session=session, username="ministry", display_name="Bộ KH&CN", password=DEMO_PASSWORD,
              role="ministry")
    session.commit()


def _store_payload(session: Session) -> list[str]:
    """The payload in every free-text column of every row (cut to what the column holds); the columns written."""
    written = []
    for table, column in _string_columns():
        if column.name not in FREE_TEXT.get(table.name, ()):
            continue
        length = getattr(column.type, "length", None)
        value = PAYLOAD if length is None else PAYLOAD[:length]
        if session.execute(table.update().values({column.name: value})).rowcount:
            written.append(f"{table.name}.{column.name}")
    session.commit()
    return written


@pytest.fixture
def hostile_db(db_url):
    with Session(get_engine(db_url)) as s:
        _records_of_every_kind(s)
        written = _store_payload(s)
    # the tables a page shows most: a test that wrote nothing there would prove nothing
    for needed in ("unitname.name_vi", "cluster.name_vi", "indicator.name_vi", "indicatorvalue.note", "poll.title",
                   "pollevent.reason", "unithold.reason", "movement.name", "movementdocument.file_name",
                   "award.note", "emulationyear.theme", "legalbasis.decree", "user.display_name",
                   "criterionscore.summary", "scoringcriterion.name_vi", "scoreevidence.filename",
                   "registration.returned_reason", "awardproposalitem.name", "awardproposalevent.reason",
                   "trustroot.subject", "unitdirector.name"):
        assert needed in written
    return db_url


def _markdown_texts(at) -> list[tuple[str, str]]:
    """(where, text) for every text of the run that Streamlit reads as markdown or HTML."""
    found = []

    def visit(message, where):
        for field, value in message.ListFields():
            single = isinstance(value, (str, bytes, int, float, bool)) or hasattr(value, "ListFields")
            for item in ([value] if single else value):
                if hasattr(item, "ListFields"):
                    visit(item, f"{where}.{field.name}")
                elif isinstance(item, str) and field.name in ("body", "label", "help", "caption", "title"):
                    found.append((f"{where}.{field.name}", item))

    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            visit(proto, type(node).__name__)
        stack += list(getattr(node, "children", {}).values())
    return found


ACCOUNTS = {"admin": "admin", "chair": "chair", "province": "laichau", "viewer": "viewer",
            "ministry": "ministry"}


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_no_stored_text_becomes_markup_on_any_page_of_the_role(hostile_db, role):
    problems = []
    for screen in screens_for(role):
        if screen.file in ("pages/login.py", "pages/setup.py"):
            continue
        at = as_user(app_test(screen.file), ACCOUNTS[role]).run()
        if at.exception:
            problems.append((screen.file, "exception", str(at.exception)[:300]))
            continue
        for where, text in _markdown_texts(at):
            leaked = [m for m in MARKERS if m in text]
            if leaked:
                problems.append((screen.file, where, leaked, text[:160]))
    assert problems == [], "\n".join(map(str, problems))
