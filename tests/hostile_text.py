"""Hostile text in every field: a payload of HTML, markdown and autolinks, the classing of every string column of
the database as free text (shown as a person, a certificate, a file or a source gave it) or as a code the app
writes itself, rows of every kind made by the use cases, and the payload written into every free-text column of
every row. Used by the page probe (tests/pages/test_stored_markup_is_text.py) and the browser probe
(tests/browser/test_markup_browser.py)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

import db.models  # noqa: F401  (every table registered)
from db import award_proposals as proposals
from db import awards, criteria_tables, holds, movements, polls, registrations, score_sheets, signed_documents
from db import organisation as org
from db.models import EmulationYear, Unit
from db.users import get_user, seed_user
from tests.conftest import DEMO_PASSWORD
from tests.db.test_scoring import small_table
from tests.helpers import ADMIN, SAMPLE_CHAIR, home_cluster, tiny_pdf
from tests.signing import make_ca

IMG = "<img src=x onerror=alert(1)>"
FRAME = '<iframe srcdoc="<script>parent.document.title=`XSS`</script>"></iframe>'

# unique pieces, each of which would be markup if shown as written
MARKERS = ("<img src=x onerror", "<iframe srcdoc", "<b>x</b>", "![x](/probe", "](javascript", "www.probe",
           "**bold**", ":red[", "# Heading")
PAYLOAD = f"{IMG} <b>x</b> ![x](/probe.png) [a](javascript:alert(1)) www.probe.example **bold** :red[red] {FRAME}" \
          "\n# Heading"

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


def string_columns():
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            kind = column.type
            # Text is a String; SQLModel's AutoString is a TypeDecorator around one
            if isinstance(kind, sa.String) or isinstance(getattr(kind, "impl", None), sa.String):
                yield table, column


def records_of_every_kind(session: Session) -> None:
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


def store_payload(session: Session) -> list[str]:
    """The payload in every free-text column of every row (cut to what the column holds); the columns written."""
    written = []
    for table, column in string_columns():
        if column.name not in FREE_TEXT.get(table.name, ()):
            continue
        length = getattr(column.type, "length", None)
        value = PAYLOAD if length is None else PAYLOAD[:length]
        if session.execute(table.update().values({column.name: value})).rowcount:
            written.append(f"{table.name}.{column.name}")
    session.commit()
    return written




# the columns a page shows most: a probe that wrote nothing there would prove nothing
NEEDED = ("unitname.name_vi", "cluster.name_vi", "indicator.name_vi", "indicatorvalue.note", "poll.title",
          "pollevent.reason", "unithold.reason", "movement.name", "movementdocument.file_name", "award.note",
          "emulationyear.theme", "legalbasis.decree", "user.display_name", "criterionscore.summary",
          "scoringcriterion.name_vi", "scoreevidence.filename", "registration.returned_reason",
          "awardproposalitem.name", "awardproposalevent.reason", "trustroot.subject", "unitdirector.name")


def hostile_database(url: str) -> None:
    """The database at url with rows of every kind and the payload in every free-text column."""
    from db.engine import get_engine

    with Session(get_engine(url)) as s:
        records_of_every_kind(s)
        written = store_payload(s)
    missing = [c for c in NEEDED if c not in written]
    assert missing == [], f"the payload reached no row of {missing}"


# an account of each role on the hostile database (the viewer and the ministry made by records_of_every_kind)
ACCOUNTS = {"admin": "admin", "chair": "chair", "province": "laichau", "viewer": "viewer", "ministry": "ministry"}
