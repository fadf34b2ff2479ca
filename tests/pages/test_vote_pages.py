"""The vote pages with AppTest: the voter's steps, the chair's controls, the projector's count, the results."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlmodel import Session, select

from components.i18n.catalogue import catalogue, forms_of, translate
from components.rules.access import Acting
from db import polls
from db.models import Ballot, EmulationYear, Poll, PollEvent
from tests.helpers import ADMIN, ROOT, SAMPLE_CHAIR, app_test, as_user, close_confirmed, publish_confirmed, texts

SONLA, LAICHAU, DIENBIEN, LAOCAI = 1, 2, 3, 4
TUYENQUANG = 8  # a member of the open year 2026 (Hà Giang, 5, ended on 30/06/2025)
CHAIR = SAMPLE_CHAIR
EARLY = "Hết giờ dành cho bỏ phiếu"  # a close before every unit present voted needs a reason
SONLA_NAME, DIENBIEN_NAME = "Sở Khoa học và Công nghệ Sơn La", "Sở Khoa học và Công nghệ Điện Biên"
VOTE_FILES = ["pages/ballot.py", "pages/vote_manage.py", "pages/projector.py", "pages/vote_results.py",
              "components/ui/poll_display.py", "components/ui/ballot_form.py",
              "components/ui/poll_controls.py", "components/documents/minutes.py"]


def _poll(engine, *, open_it=True, **settings) -> int:
    with Session(engine) as s:
        year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == 2026)).one()
        poll = polls.create_poll(session=s, emulation_year_id=year_id, title="Suy tôn năm 2026", actor=CHAIR,
                                   **settings)
        if open_it:
            polls.open_poll(session=s, poll_id=poll.id, actor=CHAIR)
        s.commit()
        return poll.id


def _do(engine, fn, **kwargs):
    with Session(engine, expire_on_commit=False) as s:
        out = fn(session=s, **kwargs)
        s.commit()
        return out


def _state(engine, poll_id) -> str:
    with Session(engine) as s:
        return s.get(Poll, poll_id).state


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_every_vote_string_used_exists_in_both_languages():
    used = set()
    for name in VOTE_FILES:
        source = (ROOT / name).read_text()
        used |= set(re.findall(r"""\b(?:t|tr)\(\s*["']((?:vote|err|page|common)\.[a-z_.]+)["']""", source))
    states = {f"vote.state.{s}" for s in ("created", "open", "closed", "published")}
    rules = {f"vote.rule.{r}" for r in ("half_cast", "half_eligible", "two_thirds_cast")}
    codes = set(re.findall(r'DomainError\("([a-z_]+)"', (ROOT / "db/polls.py").read_text()
                           + (ROOT / "components/rules/ballots.py").read_text()
                           + (ROOT / "components/rules/tally.py").read_text()))
    wanted = used | states | rules | {f"err.{c}" for c in codes}
    missing = sorted(k for k in wanted if k not in catalogue())
    assert not missing, missing
    assert all(vi and all(forms_of(en)) for vi, en in catalogue().values())
    assert len(used) > 100


def test_voter_chooses_confirms_and_gets_a_receipt(engine):
    poll_id = _poll(engine)
    at = as_user(app_test("pages/ballot.py"), "sonla").run()
    assert not at.exception
    radio = at.radio[0]
    assert translate("vote.blank_option") in radio.options and DIENBIEN_NAME in radio.options
    assert SONLA_NAME not in radio.options, "self-vote is off by default: the own unit is not offered"
    radio.set_value(DIENBIEN)
    at.button[0].click().run()
    assert "Xác nhận phiếu bầu" in texts(at) and DIENBIEN_NAME in texts(at)
    with Session(engine) as s:
        assert s.exec(select(Ballot).where(Ballot.poll_id == poll_id)).all() == []  # nothing before confirmation
    _button(at, "Xác nhận bỏ phiếu").click().run()
    assert not at.exception
    code = at.session_state["_vote_receipt"][1]
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code) and code in texts(at)
    with Session(engine) as s:
        ballot = s.exec(select(Ballot).where(Ballot.poll_id == poll_id)).one()
    assert (ballot.receipt, ballot.choices, ballot.voter_unit_id) == (code, str(DIENBIEN), None)


def test_voter_can_go_back_and_must_pick_something(engine):
    _poll(engine)
    at = as_user(app_test("pages/ballot.py"), "laichau").run()
    at.button[0].click().run()
    assert "Hãy chọn một đơn vị hoặc chọn phiếu trắng." in texts(at)
    at.radio[0].set_value(LAOCAI)
    at.button[0].click().run()
    _button(at, "Quay lại sửa").click().run()
    assert at.radio and "Xác nhận phiếu bầu" not in texts(at)


def test_second_visit_of_a_unit_that_voted_shows_no_form(engine):
    poll_id = _poll(engine)
    _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", SONLA), choices=[DIENBIEN])
    at = as_user(app_test("pages/ballot.py"), "sonla").run()
    assert "Đơn vị của bạn đã bỏ phiếu trong cuộc này" in texts(at)
    assert not at.radio and not at.button


def test_ballot_confirmed_after_the_poll_closed_is_refused_with_a_message(engine):
    poll_id = _poll(engine)
    at = as_user(app_test("pages/ballot.py"), "dienbien").run()
    at.radio[0].set_value(SONLA)
    at.button[0].click().run()
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    _button(at, "Xác nhận bỏ phiếu").click().run()
    assert "Cuộc bỏ phiếu không còn mở" in texts(at)
    with Session(engine) as s:
        assert s.exec(select(Ballot).where(Ballot.poll_id == poll_id)).all() == []


def test_several_choices_use_checkboxes_and_too_many_is_refused(engine):
    _poll(engine, max_choices=2, winners_count=2)
    at = as_user(app_test("pages/ballot.py"), "sonla").run()
    assert len(at.checkbox) == 6
    for box in at.checkbox[:3]:
        box.check()
    at.button[0].click().run()
    assert "Mỗi phiếu chỉ được chọn tối đa 2 đơn vị." in texts(at)


def test_absent_unit_and_no_open_poll_are_explained(engine):
    at = as_user(app_test("pages/ballot.py"), "sonla").run()
    assert "Hiện chưa có cuộc bỏ phiếu nào đang mở" in texts(at)
    poll_id = _poll(engine, open_it=False)
    _do(engine, polls.set_present, poll_id=poll_id, unit_id=SONLA, present=False, actor=CHAIR)
    _do(engine, polls.open_poll, poll_id=poll_id, actor=CHAIR)
    at = as_user(app_test("pages/ballot.py"), "sonla").run()
    assert "chưa được điểm danh có mặt" in texts(at) and not at.radio


def test_chair_creates_a_poll_with_the_defaults(engine):
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    assert not at.exception
    assert at.text_input[0].value == "Bình xét, suy tôn đơn vị dẫn đầu phong trào thi đua năm 2026"
    assert len(at.multiselect[0].value) == 7 and len(at.multiselect[1].value) == 7
    _button(at, "Tạo cuộc bỏ phiếu").click().run()
    assert not at.exception
    assert "Đã tạo cuộc bỏ phiếu." in texts(at)
    with Session(engine) as s:
        poll = s.exec(select(Poll)).one()
    assert (poll.state, poll.secret, poll.allow_self_vote, poll.max_choices) == ("created", True, False, 1)
    assert at.session_state["vote_manage_poll"] == poll.id


def test_chair_form_errors_show_and_nothing_is_created(engine):
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    at.text_input[0].set_value("   ")
    _button(at, "Tạo cuộc bỏ phiếu").click().run()
    assert "Hãy nhập nội dung bỏ phiếu." in texts(at)
    with Session(engine) as s:
        assert s.exec(select(Poll)).all() == []


def test_chair_runs_open_close_publish_and_sees_no_count_while_open(engine):
    poll_id = _poll(engine, open_it=False)
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    _button(at, "Mở bỏ phiếu").click().run()
    assert _state(engine, poll_id) == "open"
    for unit in (SONLA, LAICHAU, LAOCAI, TUYENQUANG):
        _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", unit), choices=[DIENBIEN])
    at.run()
    assert "4 / 7" in texts(at)  # the live count's first drawing (then pushed by the server)
    assert not at.get("vega_lite_chart") and "Điện Biên: " not in texts(at)
    _button(at, "Kết thúc bỏ phiếu").click().run()
    assert "Còn 3 đơn vị có mặt chưa bỏ phiếu" in texts(at) and _state(engine, poll_id) == "open"
    at.checkbox(key=f"close_early_{poll_id}").check()
    _button(at, "Kết thúc bỏ phiếu").click().run()
    assert "hãy ghi lý do kết thúc sớm" in texts(at) and _state(engine, poll_id) == "open"
    at.text_input(key=f"close_reason_{poll_id}").input("Hai đơn vị mất kết nối mạng")
    _button(at, "Kết thúc bỏ phiếu").click().run()
    assert _state(engine, poll_id) == "closed"
    # closed early: no preview of the count, which only its publication shows
    assert "Kết quả chỉ hiện khi công bố" in texts(at)
    assert "Đơn vị được suy tôn dẫn đầu: " not in texts(at) and not at.get("vega_lite_chart")
    assert "kết thúc sớm khi mới có 4 phiếu. Lý do: Hai đơn vị mất kết nối mạng" in texts(at)
    _button(at, "Công bố kết quả").click().run()  # 3 ballots short and not confirmed: not published
    assert "Còn thiếu 3 phiếu: cần xác nhận dù thiếu 3 phiếu." in texts(at) and _state(engine, poll_id) == "closed"
    assert "Kết quả này thiếu 3 phiếu: 3 đơn vị có mặt đã không bỏ phiếu." in texts(at)
    at.checkbox(key=f"publish_short_{poll_id}").check()
    _button(at, "Công bố kết quả").click().run()
    assert not at.exception
    assert _state(engine, poll_id) == "published" and "Đã công bố kết quả." in texts(at)
    assert "Đơn vị được suy tôn dẫn đầu: " + DIENBIEN_NAME in texts(at)
    assert any(b.label.startswith("Tải biên bản") for b in at.get("download_button"))


def test_reset_without_reason_changes_nothing_then_with_reason_discards(engine):
    poll_id = _poll(engine)
    _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", SONLA), choices=[DIENBIEN])
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    _button(at, "Huỷ phiếu và đưa về trạng thái chưa mở").click().run()
    assert "Hãy ghi lý do huỷ kết quả" in texts(at) and _state(engine, poll_id) == "open"
    at.text_area(key=f"reset_reason_{poll_id}").input("Thiết bị của một đơn vị gặp sự cố")
    _button(at, "Huỷ phiếu và đưa về trạng thái chưa mở").click().run()
    assert _state(engine, poll_id) == "created"
    with Session(engine) as s:
        assert s.exec(select(PollEvent.reason).where(PollEvent.action == "reset")).one().startswith("Thiết bị")


def test_paper_count_above_present_is_refused_next_to_the_form(engine):
    poll_id = _poll(engine, open_it=False)
    _do(engine, polls.set_present, poll_id=poll_id, unit_id=SONLA, present=False, actor=CHAIR)
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    at.number_input(key=f"paper_cast_{poll_id}").set_value(7)
    at.number_input(key=f"paper_votes_{poll_id}_{DIENBIEN}").set_value(6)
    _button(at, "Lưu kết quả kiểm phiếu giấy").click().run()
    assert "Số phiếu thu về (7) vượt quá số đơn vị có mặt (6)." in texts(at)
    assert _state(engine, poll_id) == "created"
    at.number_input(key=f"paper_cast_{poll_id}").set_value(6)
    _button(at, "Lưu kết quả kiểm phiếu giấy").click().run()
    assert _state(engine, poll_id) == "closed"


def test_missed_threshold_offers_a_runoff_in_one_step(engine):
    poll_id = _poll(engine)
    for unit, choice in [(SONLA, DIENBIEN), (LAICHAU, LAOCAI), (DIENBIEN, LAOCAI), (LAOCAI, DIENBIEN)]:
        _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", unit), choices=[choice])
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)  # closed early: counted by its publication
    at = as_user(app_test("pages/vote_manage.py"), "chair").run()
    assert "Chưa đủ đơn vị đạt ngưỡng: cần bỏ phiếu vòng tiếp theo" in texts(at)  # 2 and 2 of 4: none above half
    _button(at, "Tạo vòng bỏ phiếu tiếp theo").click().run()
    assert not at.exception
    with Session(engine) as s:
        child = s.exec(select(Poll).where(Poll.parent_poll_id == poll_id)).one()
        assert polls.candidate_ids(session=s, poll_id=child.id, actor=ADMIN) == [DIENBIEN, LAOCAI]
    assert at.session_state["vote_manage_poll"] == child.id
    assert any("vòng 2" in label for label in at.selectbox(key="vote_manage_poll").options)


def test_projector_shows_who_voted_not_how_then_the_winner(engine):
    poll_id = _poll(engine)
    for unit in (SONLA, LAICHAU):
        _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", unit), choices=[DIENBIEN])
    at = as_user(app_test("pages/projector.py"), "chair").run()
    assert not at.exception
    body = texts(at)
    assert "2 / 7" in body and body.count("đã bỏ phiếu") == 2 and body.count("chưa bỏ phiếu") == 5
    assert "Đơn vị được suy tôn dẫn đầu" not in body
    assert not at.get("vega_lite_chart")
    for unit in (LAOCAI, TUYENQUANG):
        _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", unit), choices=[DIENBIEN])
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    at = as_user(app_test("pages/projector.py"), "chair").run()
    assert "Đơn vị được suy tôn dẫn đầu: " + DIENBIEN_NAME in texts(at)
    assert at.get("vega_lite_chart")


def test_results_page_finds_a_receipt_without_revealing_its_choices(engine):
    # a published receipt -> choice map would let a voter prove their vote to whoever bought it
    poll_id = _poll(engine)
    receipt = _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", SONLA), choices=[DIENBIEN]).code
    _do(engine, polls.cast_ballot, poll_id=poll_id, actor=Acting(None, "province", LAICHAU), choices=[])
    _do(engine, close_confirmed, poll_id=poll_id, actor=CHAIR, reason=EARLY)
    at = as_user(app_test("pages/vote_results.py"), "laichau").run()
    assert "Chưa có kết quả bỏ phiếu nào được công bố." in texts(at)
    _do(engine, publish_confirmed, poll_id=poll_id, actor=CHAIR)
    at.run()
    assert not at.exception
    # the search runs in the browser over the published list (the code typed is never sent to the server;
    # tests/browser/test_vote_browser.py types one): the list the element gets holds the receipts, no choice
    (lookup,) = [json.loads(e.proto.json) for e in at.get("bidi_component")
                 if e.proto.component_name == "thidua_receipt_lookup"]
    assert receipt in lookup["published"] and len(lookup["published"]) == 2
    assert lookup["labels"]["found"] == "Mã {code} có trong danh sách phiếu đã kiểm."
    assert set(lookup) == {"poll", "published", "labels"}  # the receipts and the words, nothing of a choice
    table = at.dataframe[-1].value
    assert sorted(table["Mã phiếu"]) == list(table["Mã phiếu"]) and len(table) == 2
    assert list(table.columns) == ["Mã phiếu", "Hợp lệ"]


def test_province_cannot_open_the_chairs_page_and_chair_cannot_vote(engine):
    at = as_user(app_test("pages/vote_manage.py"), "sonla").run()
    assert "không có quyền mở trang này" in texts(at) and not at.button
    at = as_user(app_test("pages/ballot.py"), "chair").run()
    assert "không có quyền mở trang này" in texts(at)


def test_page_guards_match_the_registry():
    from components.ui.navigation import SCREENS

    for screen in SCREENS:
        if screen.file in VOTE_FILES[:4]:
            source = (ROOT / screen.file).read_text()
            guard = re.search(r"require_role\(([^)]*)\)", source).group(1)
            if guard == "*ALL":
                assert set(screen.roles) == {"admin", "chair", "province", "viewer", "ministry"}
            else:
                assert set(re.findall(r'"(\w+)"', guard)) == set(screen.roles), screen.file
    assert Path(ROOT / "pages/projector.py").exists()
