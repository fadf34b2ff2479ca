"""The proposal exchange's steps: the member sends, the chair returns with a reason, accepts or forwards."""

from __future__ import annotations

import pytest

from components.rules import proposal_flow as flow
from components.rules.errors import DomainError

FORMS = ("bang_khen", "co_thi_dua")


def test_the_path_from_draft_to_the_package():
    assert flow.next_state("sent", "draft", by="member") == "sent"
    assert flow.next_state("returned", "sent", by="chair") == "returned"
    assert flow.next_state("sent", "returned", by="member") == "sent"
    assert flow.next_state("accepted", "sent", by="chair") == "accepted"
    assert flow.next_state("forwarded", "accepted", by="chair") == "forwarded"


@pytest.mark.parametrize("action, state, by, code", [
    ("forwarded", "sent", "chair", "proposal_wrong_state"),  # only an accepted proposal goes into the package
    ("accepted", "draft", "chair", "proposal_wrong_state"),
    ("sent", "forwarded", "member", "proposal_wrong_state"),
    ("accepted", "sent", "member", "proposal_not_your_step"),
    ("sent", "draft", "chair", "proposal_not_your_step"),
])
def test_a_step_out_of_turn_is_refused(action, state, by, code):
    with pytest.raises(DomainError) as refused:
        flow.next_state(action, state, by=by)
    assert refused.value.code == code


def test_returning_needs_a_reason_and_other_steps_do_not():
    with pytest.raises(DomainError, match="proposal_return_reason_required"):
        flow.check_step_reason("returned", "thiếu")
    assert flow.check_step_reason("returned", "  Thiếu báo cáo thành tích  ") == "Thiếu báo cáo thành tích"
    assert flow.check_step_reason("accepted", "") is None


def test_the_list_changes_only_in_draft_or_returned():
    flow.check_editable("draft")
    flow.check_editable("returned")
    with pytest.raises(DomainError, match="proposal_not_editable"):
        flow.check_editable("sent")


def test_a_line_needs_a_name_a_known_award_and_a_known_subject():
    assert flow.check_item(subject="individual", name=" Nguyễn Văn A ", form="bang_khen", summary="",
                           forms=FORMS) == ("individual", "Nguyễn Văn A", "bang_khen", "")
    for kwargs, code in (({"subject": "team"}, "proposal_unknown_subject"), ({"name": " "}, "proposal_name_required"),
                         ({"form": "medal"}, "proposal_unknown_form")):
        given = {"subject": "collective", "name": "Phòng Bưu chính", "form": "bang_khen", "summary": "", **kwargs}
        with pytest.raises(DomainError) as refused:
            flow.check_item(**given, forms=FORMS)
        assert refused.value.code == code
    with pytest.raises(DomainError, match="proposal_empty"):
        flow.check_sendable(0)
