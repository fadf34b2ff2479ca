"""All table models of the emulation-cluster dashboard.

Constraint names follow the naming convention below so that Alembic migrations are identical on SQLite and
PostgreSQL. Sections: foundation (clusters, units, years, indicators, users), results entry, comparisons, vote.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Float,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from components.rules.enums import (
    AWARD_SCOPES,
    HOLD_KINDS,
    INDICATOR_KINDS,
    LINEAGE_EVENTS,
    MOVEMENT_KINDS,
    MOVEMENT_LEVELS,
    POLL_STATES,
    PROPOSAL_ACTIONS,
    PROPOSAL_STATES,
    PROPOSAL_SUBJECTS,
    ROLES,
    SUBMISSION_STATES,
    THRESHOLD_RULES,
    UNIT_KINDS,
    YEAR_STATES,
)
from components.rules.honours import StaffTargets

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    # every timestamp is timezone-aware UTC; the UI shows it in Vietnam time (UTC+7)
    return datetime.now(timezone.utc)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Cluster(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=32)
    name_vi: str = Field(max_length=200)
    name_en: str = Field(max_length=200)


class Unit(SQLModel, table=True):
    """A member organisation (a provincial Sở); its names over time are in UnitName, its end (merged, split,
    dissolved) in UnitEvent."""

    __table_args__ = (CheckConstraint(_in("kind", UNIT_KINDS), name="kind"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=32)
    province: str = Field(max_length=100)
    kind: str = Field(default="so_tttt", max_length=32)
    valid_from: date | None = None  # None: existed before the records begin


class UnitName(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("unit_id", "valid_from"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    name_vi: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    valid_from: date | None = None
    valid_to: date | None = None


class UnitEvent(SQLModel, table=True):
    """A dated lineage event: renamed, merged into, split into (one row per successor), dissolved."""

    __table_args__ = (
        CheckConstraint(_in("kind", LINEAGE_EVENTS), name="kind"),
        CheckConstraint("successor_unit_id IS NULL OR successor_unit_id <> unit_id", name="not_own_successor"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    kind: str = Field(max_length=16)
    effective_on: date  # the first day of the new state
    successor_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class UnitDirector(SQLModel, table=True):
    """The director (Giám đốc) of a unit in a year, for signature blocks."""

    __table_args__ = (UniqueConstraint("unit_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    year: int
    name: str = Field(max_length=200)
    title_vi: str = Field(default="Giám đốc", max_length=100)


class AwardingBody(SQLModel, table=True):
    """The body the cluster's proposals go to in a period (the Ministry of Information and Communications until
    28/02/2025, the Ministry of Science and Technology from 01/03/2025)."""

    __table_args__ = (
        UniqueConstraint("valid_from"),
        CheckConstraint("valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to", name="from_le_to"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name_vi: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    head_vi: str = Field(max_length=200)  # who signs the award: "Bộ trưởng Bộ Khoa học và Công nghệ"
    head_en: str = Field(max_length=200)
    valid_from: date | None = None
    valid_to: date | None = None


class ClusterMembership(SQLModel, table=True):
    # a unit belongs to one cluster in a given year
    __table_args__ = (UniqueConstraint("unit_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    year: int


TARGET_COLUMNS = ("target_ldtt_of_staff_pct", "target_cstdcs_of_staff_pct", "target_ldxs_collectives_pct",
                  "cap_cstdcs_of_ldtt_pct")


def _pct_column(default: float) -> Column:
    return Column(Float, nullable=False, server_default=str(default))


class EmulationYear(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("cluster_id", "year"),
        CheckConstraint(_in("state", YEAR_STATES), name="state"),
        *(CheckConstraint(f"{c} > 0 AND {c} <= 100", name=c) for c in TARGET_COLUMNS),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    year: int
    theme: str | None = Field(default=None, sa_column=Column(Text))
    chair_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    vice_chair_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    entry_deadline: datetime | None = None
    state: str = Field(default="planning", max_length=16)
    # the year's staff targets (the chair edits them): the cluster's own targets and, apart, the legal cap
    target_ldtt_of_staff_pct: float = Field(default=90.0, sa_column=_pct_column(90))
    target_cstdcs_of_staff_pct: float = Field(default=15.0, sa_column=_pct_column(15))
    target_ldxs_collectives_pct: float = Field(default=20.0, sa_column=_pct_column(20))
    cap_cstdcs_of_ldtt_pct: float = Field(default=15.0, sa_column=_pct_column(15))

    def staff_targets(self) -> StaffTargets:
        return StaffTargets(self.target_ldtt_of_staff_pct, self.target_cstdcs_of_staff_pct,
                            self.target_ldxs_collectives_pct, self.cap_cstdcs_of_ldtt_pct)


class Indicator(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(_in("kind", INDICATOR_KINDS), name="kind"),
        CheckConstraint("better IN ('higher', 'lower')", name="better"),
        CheckConstraint("min_value IS NULL OR max_value IS NULL OR min_value <= max_value", name="min_le_max"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    field: str = Field(max_length=32)
    name_vi: str = Field(max_length=300)
    name_en: str = Field(max_length=300)
    unit: str = Field(max_length=64)
    kind: str = Field(max_length=16)
    better: str = Field(default="higher", max_length=8)
    min_value: float | None = None
    max_value: float | None = None
    sort_order: int = 0
    active: bool = True


class User(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint("role <> 'province' OR unit_id IS NOT NULL", name="province_has_unit"),
        CheckConstraint("username = lower(username)", name="username_lowercase"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=64)
    display_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=128)
    role: str = Field(max_length=16)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    # the cluster a chair or viewer account serves; a province belongs to its unit's cluster of the year
    cluster_id: int | None = Field(default=None, foreign_key="cluster.id")
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    # cookies issued before this instant are refused: logout, password reset and deactivation end every session
    sessions_valid_after: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class IndicatorValue(SQLModel, table=True):
    """One unit's figure for one indicator and year. A figure that was not reported has no row."""

    __table_args__ = (
        UniqueConstraint("unit_id", "year", "indicator_id"),
        CheckConstraint(
            "numerator IS NULL OR denominator IS NULL OR numerator <= denominator", name="numerator_le_denominator"
        ),
        CheckConstraint("ranked_of IS NULL OR value IS NULL OR value <= ranked_of", name="rank_le_ranked_of"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    year: int = Field(index=True)
    indicator_id: int = Field(foreign_key="indicator.id")
    value: float | None = Field(default=None, sa_column=Column(Float))
    numerator: float | None = Field(default=None, sa_column=Column(Float))
    denominator: float | None = Field(default=None, sa_column=Column(Float))
    ranked_of: int | None = None
    note: str | None = Field(default=None, sa_column=Column(Text))
    source: str | None = Field(default=None, max_length=300)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


class Submission(SQLModel, table=True):
    """Workflow state of one unit's results for one emulation year: draft -> submitted -> locked."""

    __table_args__ = (
        UniqueConstraint("unit_id", "emulation_year_id"),
        CheckConstraint(_in("state", SUBMISSION_STATES), name="state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    emulation_year_id: int = Field(foreign_key="emulationyear.id", index=True)
    state: str = Field(default="draft", max_length=16)
    submitted_at: datetime | None = None
    submitted_by_id: int | None = Field(default=None, foreign_key="user.id")
    locked_at: datetime | None = None
    reopened_reason: str | None = Field(default=None, sa_column=Column(Text))
    updated_at: datetime = Field(default_factory=utcnow)


class ValueChange(SQLModel, table=True):
    """Audit trail: every change to an IndicatorValue, an award or a submission state, and to a year's targets
    (unit_id empty: the change is the whole year's)."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    year: int
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id")
    what: str = Field(default="value", max_length=32)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    changed_at: datetime = Field(default_factory=utcnow)
    old_value: str | None = Field(default=None, sa_column=Column(Text))
    new_value: str | None = Field(default=None, sa_column=Column(Text))
    reason: str | None = Field(default=None, sa_column=Column(Text))


class Award(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("recipient IN ('collective', 'individual')", name="recipient"),
        CheckConstraint("count >= 1", name="count_positive"),
        CheckConstraint(_in("scope", AWARD_SCOPES), name="scope"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    year: int
    form: str = Field(max_length=64)
    level: str = Field(max_length=32)
    recipient: str = Field(max_length=16)
    count: int = 1
    decision_no: str | None = Field(default=None, max_length=100)
    decision_date: date | None = None
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    # annual (the year's cycle), thematic or one_off: only annual awards count toward annual merit (NĐ 152/2025)
    scope: str = Field(default="annual", sa_column=Column(String(16), nullable=False, server_default="annual"))
    movement_id: int | None = Field(default=None, foreign_key="movement.id")  # the movement it was given in


class CrossFieldRule(SQLModel, table=True):
    """A rule between indicators kept as data, e.g. dossiers_early + dossiers_on_time + dossiers_late = dossiers_received."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    left_codes: str = Field(max_length=500)  # indicator codes summed, separated by '+'
    operator: str = Field(default="=", max_length=4)
    right_code: str = Field(max_length=64)
    message_vi: str = Field(max_length=300)
    message_en: str = Field(max_length=300)
    active: bool = True


class ClusterTotal(SQLModel, table=True):
    """Totals reported for the whole cluster in its annual report (seed 003)."""

    __table_args__ = (UniqueConstraint("emulation_year_id", "item"),)

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id")
    item: str = Field(max_length=64)
    value: float
    source: str | None = Field(default=None, max_length=300)


class ScoreWeight(SQLModel, table=True):
    """Weight of an indicator in the composite scorecard ranking, set by the chair per emulation year."""

    __table_args__ = (
        UniqueConstraint("emulation_year_id", "indicator_id"),
        CheckConstraint("weight >= 0", name="weight_non_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id")
    indicator_id: int = Field(foreign_key="indicator.id")
    weight: float = 1.0


class YearHonour(SQLModel, table=True):
    """The leading unit(s) of an emulation year, from a published vote or recorded from history."""

    __table_args__ = (UniqueConstraint("emulation_year_id", "unit_id", "honour"),)

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id")
    unit_id: int = Field(foreign_key="unit.id")
    honour: str = Field(default="leading_unit", max_length=32)
    proposed_award: str | None = Field(default=None, max_length=200)
    poll_id: int | None = Field(default=None, foreign_key="poll.id")
    source: str | None = Field(default=None, max_length=300)


class Poll(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(_in("state", POLL_STATES), name="state"),
        CheckConstraint(_in("threshold_rule", THRESHOLD_RULES), name="threshold_rule"),
        CheckConstraint("max_choices >= 1", name="max_choices_positive"),
        CheckConstraint("winners_count >= 1", name="winners_count_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id", index=True)
    title: str = Field(max_length=300)
    round_no: int = 1
    parent_poll_id: int | None = Field(default=None, foreign_key="poll.id")
    # a new vote on the year's question after an earlier poll received ballots: the poll it re-runs and why
    rerun_of_id: int | None = Field(default=None, foreign_key="poll.id")
    rerun_reason: str | None = Field(default=None, max_length=1000)
    state: str = Field(default="created", max_length=16)
    max_choices: int = 1
    allow_self_vote: bool = False
    secret: bool = True
    threshold_rule: str = Field(default="half_cast", max_length=32)
    winners_count: int = 1
    paper: bool = False  # the count was recorded from paper ballots
    paper_ballots_cast: int | None = None
    paper_ballots_invalid: int | None = None
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    published_at: datetime | None = None


class PollCandidate(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("poll_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="poll.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    paper_votes: int | None = None


class PollVoter(SQLModel, table=True):
    """An eligible voter (one per member unit) and whether the chair marked it present."""

    __table_args__ = (UniqueConstraint("poll_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="poll.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    present: bool = True


class BallotParticipation(SQLModel, table=True):
    """Who has voted. Kept apart from Ballot so that a secret ballot cannot be linked to its voter.
    The unique constraint is what refuses a second ballot, whatever the timing."""

    __table_args__ = (UniqueConstraint("poll_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="poll.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")


class Ballot(SQLModel, table=True):
    """What was voted. A random key and no timestamp, so rows carry nothing that orders them in time;
    voter_unit_id is filled only in named (non-secret) polls."""

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    poll_id: int = Field(foreign_key="poll.id", index=True)
    receipt: str = Field(unique=True, max_length=16)
    choices: str = Field(max_length=500)  # unit ids separated by ',' ; empty string for a blank ballot
    valid: bool = True
    voter_unit_id: int | None = Field(default=None, foreign_key="unit.id")


class PollEvent(SQLModel, table=True):
    """Log of a poll's transitions (opened, closed, published, reset with its reason)."""

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="poll.id", index=True)
    action: str = Field(max_length=32)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    at: datetime = Field(default_factory=utcnow)
    reason: str | None = Field(default=None, sa_column=Column(Text))


class LoginThrottle(SQLModel, table=True):
    """Wrong passwords per client (its address as the proxy reports it): the growing delay before its next try."""

    key: str = Field(primary_key=True, max_length=200)
    failures: int = 0
    last_failure_at: datetime | None = None
    retry_after: datetime | None = None


class AuthSession(SQLModel, table=True):
    """A login on one device: the login cookie carries a random id, the table keeps its SHA-256. Deleting the row
    logs that device out; deleting every row of a user logs them out everywhere (db/users.py)."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class SetupToken(SQLModel, table=True):
    """One-time tokens for the first-run setup screen (their SHA-256; the token itself is printed in the log)."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


class DataVersion(SQLModel, table=True):
    """One row: a counter the database's own triggers raise on every change to what the comparison screens read
    (figures, awards, weights, honours, the catalogue, submissions, years, units, their names, lineage, clusters
    and membership; migration 0007). A page learns whether its cached charts are current with one read of one row,
    whoever made the change (this process, another server process, a script or an operator's SQL)."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class YearText(SQLModel, table=True):
    """The chair's texts of an emulation year for its documents (the covenant's commitments, the programme's targets,
    the review report's direction, the counting committee): one row per key, one item per line."""

    __table_args__ = (UniqueConstraint("emulation_year_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id", index=True)
    key: str = Field(max_length=64)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


# --- scoring: the criteria table, self-scores with evidence, verification, the proposal into the ballot ------


class ScoringTable(SQLModel, table=True):
    """The year's criteria table (bảng chấm điểm): drafted by the chair, adopted (locked) with the covenant. Bands
    and the flag's checklist are JSON lists of components.rules.criteria.Band / Condition."""

    __tablename__ = "criteriatable"
    __table_args__ = (
        CheckConstraint("state IN ('draft', 'adopted')", name="state"),
        CheckConstraint("scale > 0", name="scale_positive"),
        CheckConstraint("flag_quota >= 0", name="quota_non_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id", unique=True)
    state: str = Field(default="draft", max_length=16)
    scale: float = Field(default=100.0, sa_column=Column(Float, nullable=False))
    bands: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    conditions: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    flag_band: str | None = Field(default=None, max_length=32)
    flag_quota: int = 1
    government_share_pct: float = Field(default=20.0, sa_column=Column(Float, nullable=False))
    cross_scoring: bool = False
    cross_aggregate: str = Field(default="mean", max_length=16)
    cross_trim: int = 1
    adopted_at: datetime | None = None
    adopted_by_id: int | None = Field(default=None, foreign_key="user.id")
    scores_locked_at: datetime | None = None
    scores_locked_by_id: int | None = Field(default=None, foreign_key="user.id")
    registration_deadline: date | None = None


class ScoringCriterion(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("table_id", "code"),
        CheckConstraint("kind IN ('base', 'bonus', 'penalty')", name="kind"),
        CheckConstraint("max_points > 0", name="max_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    table_id: int = Field(foreign_key="criteriatable.id", index=True)
    code: str = Field(max_length=32)
    group_name: str = Field(max_length=300)
    name_vi: str = Field(max_length=300)
    name_en: str = Field(max_length=300)
    max_points: float = Field(sa_column=Column(Float, nullable=False))
    kind: str = Field(default="base", max_length=16)
    evidence_required: bool = True
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id")
    formula: str = Field(default="manual", max_length=16)
    params: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    sort_order: int = 0


class ScoreSheet(SQLModel, table=True):
    """One unit's scoring of the year: draft -> submitted; conditions_met is the chair's tick of the checklist."""

    __table_args__ = (
        UniqueConstraint("table_id", "unit_id"),
        CheckConstraint("state IN ('draft', 'submitted')", name="state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    table_id: int = Field(foreign_key="criteriatable.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    state: str = Field(default="draft", max_length=16)
    submitted_at: datetime | None = None
    conditions_met: str = Field(default="[]", sa_column=Column(Text, nullable=False))


class CriterionScore(SQLModel, table=True):
    """A unit's points on one criterion: its own (self) and the verifier's, with the reason and the unit's one
    answer, and the evidence's document number, date and summary."""

    __table_args__ = (UniqueConstraint("sheet_id", "criterion_id"),)

    id: int | None = Field(default=None, primary_key=True)
    sheet_id: int = Field(foreign_key="scoresheet.id", index=True)
    criterion_id: int = Field(foreign_key="scoringcriterion.id")
    self_points: float | None = Field(default=None, sa_column=Column(Float))
    verified_points: float | None = Field(default=None, sa_column=Column(Float))
    adjustment_reason: str | None = Field(default=None, sa_column=Column(Text))
    adjusted_by_id: int | None = Field(default=None, foreign_key="user.id")
    adjusted_at: datetime | None = None
    answer: str | None = Field(default=None, sa_column=Column(Text))
    answered_at: datetime | None = None
    doc_no: str | None = Field(default=None, max_length=100)
    doc_date: date | None = None
    summary: str | None = Field(default=None, sa_column=Column(Text))


class ScoreEvidence(SQLModel, table=True):
    """The evidence file of one criterion score, kept in the database so that a backup keeps it."""

    id: int | None = Field(default=None, primary_key=True)
    score_id: int = Field(foreign_key="criterionscore.id", unique=True)
    filename: str = Field(max_length=255)
    mime: str = Field(max_length=64)
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by_id: int | None = Field(default=None, foreign_key="user.id")
    uploaded_at: datetime = Field(default_factory=utcnow)


class PollProposal(SQLModel, table=True):
    """What the scores proposed for a poll's candidates and, when the chair changed the list, the written reason."""

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="poll.id", unique=True)
    proposed: str = Field(default="", max_length=500)  # unit ids separated by ','
    chosen: str = Field(default="", max_length=500)
    reason: str | None = Field(default=None, sa_column=Column(Text))
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class Registration(SQLModel, table=True):
    """A unit's registration for the year (đăng ký thi đua): the titles it aims for and its targets; draft ->
    submitted -> approved, or returned with a reason (then edited and submitted again)."""

    __table_args__ = (
        UniqueConstraint("emulation_year_id", "unit_id"),
        CheckConstraint("state IN ('draft', 'submitted', 'approved', 'returned')", name="state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    state: str = Field(default="draft", max_length=16)
    titles: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list of award forms
    returned_reason: str | None = Field(default=None, sa_column=Column(Text))
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="user.id")


class RegistrationTarget(SQLModel, table=True):
    """One registered target: the plan for an indicator this year."""

    __table_args__ = (UniqueConstraint("registration_id", "indicator_id"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True)
    indicator_id: int = Field(foreign_key="indicator.id")
    planned: float = Field(sa_column=Column(Float, nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))


class CrossScore(SQLModel, table=True):
    """Cross-scoring (chấm chéo): one unit's points for another unit's criterion."""

    __table_args__ = (
        UniqueConstraint("table_id", "scorer_unit_id", "unit_id", "criterion_id"),
        CheckConstraint("scorer_unit_id <> unit_id", name="not_own"),
    )

    id: int | None = Field(default=None, primary_key=True)
    table_id: int = Field(foreign_key="criteriatable.id", index=True)
    scorer_unit_id: int = Field(foreign_key="unit.id")
    unit_id: int = Field(foreign_key="unit.id")
    criterion_id: int = Field(foreign_key="scoringcriterion.id")
    points: float = Field(sa_column=Column(Float, nullable=False))
    scored_at: datetime = Field(default_factory=utcnow)


# --- the law of each year and memberships still to be confirmed (migration 0009) -------------------------------


class LegalBasis(SQLModel, table=True):
    """The law that governs an emulation year (every cluster's): the decree, the Bộ Nội vụ circular, the sector
    circular, the ministry and its reading office, printed as the "Căn cứ" lines of the year's documents. Entered
    by the administrator; `confirmed` False means the app proposed it (carried from an earlier year, or a source not
    checked) and the documents page says so."""

    __tablename__ = "legalbasis"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True)
    law: str = Field(default="", sa_column=Column(Text, nullable=False))
    decree: str = Field(default="", sa_column=Column(Text, nullable=False))
    home_affairs_circular: str = Field(default="", sa_column=Column(Text, nullable=False))
    sector_circular: str = Field(default="", sa_column=Column(Text, nullable=False))
    ministry_vi: str = Field(default="", max_length=200)
    ministry_en: str = Field(default="", max_length=200)
    reading_office_vi: str = Field(default="", max_length=200)
    pack: str = Field(default="", max_length=32)  # the year's indicator pack (components.rules.packs)
    source: str = Field(default="", sa_column=Column(Text, nullable=False))
    confirmed: bool = False
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


class MembershipProposal(SQLModel, table=True):
    """A cluster's members of a year that the app proposed (carried from the year before through the lineage) and
    the administrator has not confirmed yet; the row goes when the administrator confirms or sets the members."""

    __table_args__ = (UniqueConstraint("cluster_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    year: int
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


# --- the award path: holds, documents issued for signing and signed ones back (migration 0010) ------------------


class UnitHold(SQLModel, table=True):
    """A hold on a unit (or one person of it) under NĐ 152/2025: discipline under consideration, investigation,
    inspection, or a complaint being verified. While it runs (from starts_on to ends_on, open-ended when not known)
    the unit cannot be proposed; a discipline's ends_on is where the count of achievements starts again."""

    __table_args__ = (
        CheckConstraint(_in("kind", HOLD_KINDS), name="kind"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    person: str = Field(default="", max_length=200)  # empty: the unit itself
    kind: str = Field(max_length=16)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    starts_on: date
    ends_on: date | None = None
    set_by_id: int | None = Field(default=None, foreign_key="user.id")
    set_at: datetime = Field(default_factory=utcnow)


class GeneratedPdf(SQLModel, table=True):
    """The hash of every official PDF the app generated (the bytes before anyone signs): a signed file is the
    app's document when the revision its first signature started from has one of these hashes."""

    __tablename__ = "generatedpdf"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, index=True)
    size: int
    kind: str = Field(max_length=32)
    cluster_id: int = Field(foreign_key="cluster.id")
    year: int
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class TrustRoot(SQLModel, table=True):
    """A certificate authority's root the administrator installed (none is shipped): signed documents are checked
    against the roots not removed."""

    __tablename__ = "trustroot"

    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str = Field(max_length=64, unique=True)  # SHA-256 of the DER certificate
    subject: str = Field(sa_column=Column(Text, nullable=False))
    not_after: datetime | None = None
    der: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_at: datetime = Field(default_factory=utcnow)
    added_by_id: int | None = Field(default=None, foreign_key="user.id")
    removed_at: datetime | None = None
    removed_by_id: int | None = Field(default=None, foreign_key="user.id")


class SignedDocument(SQLModel, table=True):
    """A signed PDF brought back into the app, verified, kept as it came: never changed, never regenerated (the
    ORM refuses updates and deletes, db/signed_documents.py)."""

    __tablename__ = "signeddocument"

    id: int | None = Field(default=None, primary_key=True)
    generated_id: int = Field(foreign_key="generatedpdf.id")
    kind: str = Field(max_length=32)
    cluster_id: int = Field(foreign_key="cluster.id")
    year: int
    sha256: str = Field(max_length=64, unique=True)
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    signers: str = Field(sa_column=Column(Text, nullable=False))  # JSON: [{field, signer, issuer, signed_at}]
    signed_at: datetime | None = None  # the first signature's time
    uploaded_at: datetime = Field(default_factory=utcnow)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user.id")


class AwardProposal(SQLModel, table=True):
    """A member's list of proposals for a year's awards, on its way to the chair and into the cluster's package."""

    __tablename__ = "awardproposal"
    __table_args__ = (
        UniqueConstraint("emulation_year_id", "unit_id"),
        CheckConstraint(_in("state", PROPOSAL_STATES), name="state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    emulation_year_id: int = Field(foreign_key="emulationyear.id")
    unit_id: int = Field(foreign_key="unit.id")
    state: str = Field(default="draft", max_length=16)
    updated_at: datetime = Field(default_factory=utcnow)


class AwardProposalItem(SQLModel, table=True):
    """One line of a member's proposals: a collective, a person or an initiative, the award asked for, the
    achievement in a few lines."""

    __tablename__ = "awardproposalitem"
    __table_args__ = (CheckConstraint(_in("subject", PROPOSAL_SUBJECTS), name="subject"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="awardproposal.id", index=True)
    subject: str = Field(max_length=16)
    name: str = Field(max_length=300)
    form: str = Field(max_length=64)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class AwardProposalFile(SQLModel, table=True):
    """A file attached to a member's proposals (the achievement report, a confirmation): PDF or image, its type
    read from its first bytes (components/rules/evidence.py)."""

    __tablename__ = "awardproposalfile"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="awardproposal.id", index=True)
    file_name: str = Field(max_length=200)
    mime: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    size: int
    uploaded_at: datetime = Field(default_factory=utcnow)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user.id")


class AwardProposalEvent(SQLModel, table=True):
    """Every step of a member's proposals (sent, returned with the reason, accepted, forwarded), shown to the member."""

    __tablename__ = "awardproposalevent"
    __table_args__ = (CheckConstraint(_in("action", PROPOSAL_ACTIONS), name="action"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="awardproposal.id", index=True)
    action: str = Field(max_length=16)
    reason: str | None = Field(default=None, sa_column=Column(Text))
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    at: datetime = Field(default_factory=utcnow)


class Movement(SQLModel, table=True):
    """An emulation movement the cluster's members take part in: national, ministerial, provincial or the
    cluster's own; regular (every year) or by period (a topic, with an end). Launched ("phát động") by the chair:
    the members see it then, and the register shows who has opened it."""

    __table_args__ = (
        CheckConstraint(_in("level", MOVEMENT_LEVELS), name="level"),
        CheckConstraint(_in("kind", MOVEMENT_KINDS), name="kind"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    name: str = Field(max_length=300)
    level: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    starts_on: date
    ends_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    launched_at: datetime | None = None
    launched_by_id: int | None = Field(default=None, foreign_key="user.id")


class MovementDocument(SQLModel, table=True):
    """A launching document of a movement (the plan, the kế hoạch phát động), kept as uploaded."""

    __tablename__ = "movementdocument"

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="movement.id", index=True)
    file_name: str = Field(max_length=200)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    size: int
    uploaded_at: datetime = Field(default_factory=utcnow)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user.id")


class MovementView(SQLModel, table=True):
    """A member opened a launched movement (first time kept)."""

    __tablename__ = "movementview"
    __table_args__ = (UniqueConstraint("movement_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="movement.id")
    unit_id: int = Field(foreign_key="unit.id")
    opened_at: datetime = Field(default_factory=utcnow)
    user_id: int | None = Field(default=None, foreign_key="user.id")
