"""The catalogue keys that the code builds with f-strings (t(f"field.{code}")), each family with the values it is
built from. tests/test_i18n.py checks that every key of every family exists in both languages and that no f-string
key in the code falls outside these families: a new family is added here, with its values.
"""

from __future__ import annotations

from components.charts.dti import DTI_PILLARS
from components.documents import signed_check
from components.rules import award_law, next_steps
from components.rules.criteria import CRITERION_KINDS, CROSS_AGGREGATES, FORMULAS
from components.rules.derived import SOURCE_RULES
from components.rules.eligibility import REASONS
from components.rules.enums import (
    AWARD_SCOPES,
    HOLD_KINDS,
    INDICATOR_KINDS,
    LINEAGE_EVENTS,
    MOVEMENT_KINDS,
    MOVEMENT_LEVELS,
    POLL_EVENTS,
    POLL_INCIDENTS,
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
from components.rules.honours import AWARD_FORMS, AWARD_LEVELS, RATE_MEASURES, RECIPIENTS
from components.rules.packs import PACKS
from components.rules.registration import REGISTRATION_STATES
from components.rules.workflow import REFUSALS
from components.ui.comparison_choices import TABS as COMPARISON_TABS
from components.ui.navigation import SECTIONS
from db import paperwork
from db.comparison_queries import HISTORIES
from db.reference import FIELDS

# prefix -> the values that complete it; "err." is completed by every DomainError code (the test reads them)
DYNAMIC_KEYS: dict[str, tuple[str, ...]] = {
    "role.": ROLES,
    "admin.users.delay_kind.": ("account", "pair", "client"),
    "nav.section.": SECTIONS,
    "field.": FIELDS,
    "charts.tab.": tuple(COMPARISON_TABS),
    "kind.": INDICATOR_KINDS,
    "better.": ("higher", "lower"),
    "year_state.": YEAR_STATES,
    "entry.state.": (*SUBMISSION_STATES, "not_started"),
    "entry.readonly.": REFUSALS,
    "entry.awards.form.": AWARD_FORMS,
    "entry.awards.level.": AWARD_LEVELS,
    "entry.awards.recipient.": RECIPIENTS,
    "charts.recipient.": RECIPIENTS,
    "charts.level.": AWARD_LEVELS,
    "charts.pillar.": DTI_PILLARS,
    "charts.title.": RATE_MEASURES,
    "charts.limit.": RATE_MEASURES,
    "charts.source.": SOURCE_RULES,
    "charts.history.": HISTORIES,
    "vote.rule.": THRESHOLD_RULES,
    "vote.state.": POLL_STATES,
    "vote.event.": POLL_EVENTS,
    "vote.incident.": POLL_INCIDENTS,
    "docs.kind.": paperwork.KINDS,
    "docs.text.": paperwork.TEXT_KEYS,
    "home.next.": next_steps.STEP_KEYS,
    "home.gap.": next_steps.ADMIN_GAPS,
    "org.kind.": UNIT_KINDS,
    "org.event.": LINEAGE_EVENTS,
    "law.pack.": ("none", *PACKS),
    "org.preview.": LINEAGE_EVENTS,
    "score.kind.": CRITERION_KINDS,
    "score.formula.": FORMULAS,
    "score.state.": ("draft", "adopted"),
    "score.sheet_state.": ("draft", "submitted"),
    "score.reason.": REASONS,
    "reg.state.": REGISTRATION_STATES,
    "score.aggregate.": CROSS_AGGREGATES,
    "err.signed_": signed_check.PROBLEMS,
    "signed.check_": ("intact", "trusted", "whole_file", "time"),
    "hold.kind.": HOLD_KINDS,
    "award.check.": award_law.CHECKS,
    "award.scope.": AWARD_SCOPES,
    "proposal.state.": PROPOSAL_STATES,
    "proposal.action.": PROPOSAL_ACTIONS,
    "proposal.subject.": PROPOSAL_SUBJECTS,
    "proposal.do.": ("returned", "accepted", "forwarded"),
    "movement.level.": MOVEMENT_LEVELS,
    "proposal.row.": ("subject", "name", "form"),
    "movement.kind.": MOVEMENT_KINDS,
}
ERROR_PREFIXES = ("err.", "err.entry_")  # completed by DomainError codes and the entry Problem codes
FALLBACK_PREFIXES = ("entry.uom.",)  # a unit of measure without a translation is shown as the catalogue has it
