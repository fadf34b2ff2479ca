"""The proposal exchange: a member files its proposals (collectives, individuals, initiatives) and sends them to the
chair; the chair returns them with a reason, accepts them, or forwards accepted ones into the cluster's package.
Who may take which step from which state, and what a step needs. Plain functions, no Streamlit, no database.
"""

from __future__ import annotations

from components.rules.enums import PROPOSAL_SUBJECTS
from components.rules.errors import DomainError
from components.rules.reasons import check_reason

NAME_MAX = 300
SUMMARY_MAX = 4000
RETURN_REASON_MIN = 10
ITEMS_MAX = 200

# action -> (the states it starts from, the state it leads to, who takes it)
STEPS = {
    "sent": (("draft", "returned"), "sent", "member"),
    "returned": (("sent", "accepted"), "returned", "chair"),
    "accepted": (("sent",), "accepted", "chair"),
    "forwarded": (("accepted",), "forwarded", "chair"),
}
EDITABLE = ("draft", "returned")  # the member changes its list only before sending it, or after it came back


def next_state(action: str, state: str, *, by: str) -> str:
    """The state a step leads to, or DomainError: not this actor's step, or not from this state."""
    if action not in STEPS:
        raise DomainError("proposal_unknown_action", action=action)
    starts, target, who = STEPS[action]
    if who != by:
        raise DomainError("proposal_not_your_step")
    if state not in starts:
        raise DomainError("proposal_wrong_state", action=action, state=state)
    return target


def check_editable(state: str) -> None:
    if state not in EDITABLE:
        raise DomainError("proposal_not_editable", state=state)


def check_item(*, subject: str, name: str | None, form: str, summary: str | None, forms: tuple[str, ...]) -> tuple:
    """One proposal line: who or what (a collective, a person, an initiative), the award asked for, the achievement."""
    if subject not in PROPOSAL_SUBJECTS:
        raise DomainError("proposal_unknown_subject", subject=subject)
    name = (name or "").strip()
    if not name:
        raise DomainError("proposal_name_required")
    if len(name) > NAME_MAX:
        raise DomainError("proposal_name_too_long", max=NAME_MAX)
    if form not in forms:
        raise DomainError("proposal_unknown_form", form=form)
    summary = (summary or "").strip()
    if len(summary) > SUMMARY_MAX:
        raise DomainError("proposal_summary_too_long", max=SUMMARY_MAX)
    return subject, name, form, summary


def check_step_reason(action: str, reason: str | None) -> str | None:
    """Returning a proposal needs a written reason (the member reads it); other steps may carry a note."""
    if action == "returned":
        return check_reason(reason, "proposal_return_reason_required", min_len=RETURN_REASON_MIN, max_len=2000)
    text = (reason or "").strip()
    return text[:2000] or None


def check_sendable(item_count: int) -> None:
    if item_count < 1:
        raise DomainError("proposal_empty")
    if item_count > ITEMS_MAX:
        raise DomainError("proposal_too_many", max=ITEMS_MAX)
