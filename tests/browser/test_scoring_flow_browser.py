"""One flow in a real browser: the chair adopts the criteria table; two provinces self-score with evidence files;
the chair adjusts one criterion with a reason, the province answers, the chair locks; the new poll offers exactly
the eligible unit; the vote runs; the published result shows the scores beside the vote.

Steps that other tests already drive through the screens (the other criteria's self-scores, the checklist, the
ballots) are written through the data functions, to keep this test on what only a browser shows: file uploads,
forms, reruns and what each role sees.
"""

from __future__ import annotations

from playwright.sync_api import expect
from sqlmodel import Session, select

from components.rules.access import Acting
from components.rules.criteria import EXAMPLE_TABLE
from db import polls, score_sheets
from db.engine import make_engine
from db.models import EmulationYear, PollCandidate, ScoreEvidence
from db.users import get_user
from tests.browser.conftest import wait_for_app
from tests.browser.test_vote_browser import _logged_in
from tests.helpers import ADMIN, close_confirmed, home_cluster, publish_confirmed
from tests.pages.test_scoring_pages import PDF

YEAR = 2026
TIMEOUT = 30_000
SONLA = "Sở Khoa học và Công nghệ Sơn La"


def _goto(page, server, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)


def _click(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    wait_for_app(page)


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a selectbox and wait until the rerun shows it chosen."""
    box = page.get_by_role("combobox", name=label, exact=True).last
    box.click()
    page.get_by_role("option", name=option).click()
    expect(box).to_have_value(option, timeout=TIMEOUT)
    wait_for_app(page)


def _prefill_other_criteria(engine, username: str, points_03: float) -> None:
    with Session(engine) as s:
        me = get_user(session=s, username=username)
        for c in EXAMPLE_TABLE.criteria:
            if c.kind == "base" and c.code != "01":
                score_sheets.save_self_score(session=s, actor=me, unit_id=me.unit_id, year=YEAR, code=c.code,
                                        points=points_03 if c.code == "03" else c.max_points, doc_no="02/BC-STTTT")
        s.commit()


def _self_score_with_file(page, server, tmp_path, username: str) -> None:
    evidence = tmp_path / f"bao-cao-{username}.pdf"
    evidence.write_bytes(PDF)
    _goto(page, server, "self_score")
    page.get_by_label("Điểm", exact=True).fill("10")
    page.get_by_label("Số văn bản minh chứng").fill("12/BC-STTTT")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(evidence))
    page.get_by_text(evidence.name).wait_for(timeout=TIMEOUT)
    _click(page, "Lưu điểm tiêu chí")
    page.get_by_text("Đã lưu điểm tiêu chí 01.").wait_for(timeout=TIMEOUT)
    _click(page, "Gửi kết quả tự chấm cho Cụm trưởng")
    page.get_by_text("Đã gửi kết quả tự chấm.").wait_for(timeout=TIMEOUT)


def test_scores_to_ballot_in_a_browser(server, browser, db_url, tmp_path):
    engine = make_engine(db_url)
    contexts = []
    try:
        chair_ctx = _logged_in(browser, server, "chair")
        contexts.append(chair_ctx)
        chair = chair_ctx.new_page()
        _goto(chair, server, "scoring_table")
        _click(chair, "Dùng bảng mẫu (TP. Hồ Chí Minh, Nghệ An)")
        chair.get_by_text("Đã lưu dự thảo bảng tiêu chí.").wait_for(timeout=TIMEOUT)
        _click(chair, "Thông qua và khoá bảng tiêu chí")
        chair.get_by_text("Đã thông qua bảng tiêu chí năm 2026.").wait_for(timeout=TIMEOUT)

        _prefill_other_criteria(engine, "sonla", 20)  # 90 with 01 at its maximum: "xuất sắc"
        _prefill_other_criteria(engine, "laichau", 20)
        pages = {}
        for username in ("sonla", "laichau"):
            ctx = _logged_in(browser, server, username)
            contexts.append(ctx)
            pages[username] = ctx.new_page()
            _self_score_with_file(pages[username], server, tmp_path, username)
        with Session(engine) as s:
            assert len(s.exec(select(ScoreEvidence)).all()) == 2

        # the chair adjusts Lai Châu's criterion 03 (20 -> 12) with a reason; Lai Châu answers once
        _goto(chair, server, "score_review")
        _choose(chair, "Đơn vị", "Sở Khoa học và Công nghệ Lai Châu")
        _choose(chair, "Tiêu chí", "03 · Chương trình, kế hoạch; sơ kết, tổng kết")
        expect(chair.get_by_label("Điểm", exact=True)).to_have_value("20.00")  # the form of criterion 03 is shown
        chair.get_by_label("Điểm", exact=True).fill("12")
        chair.get_by_label("Lý do điều chỉnh (bắt buộc)").fill("Chưa có báo cáo sơ kết 6 tháng")
        _click(chair, "Điều chỉnh điểm")
        chair.get_by_text("Đã điều chỉnh điểm tiêu chí 03.").wait_for(timeout=TIMEOUT)

        laichau = pages["laichau"]
        _goto(laichau, server, "self_score")
        laichau.get_by_text("Chưa có báo cáo sơ kết 6 tháng").first.wait_for(timeout=TIMEOUT)
        laichau.get_by_label("Giải trình (một lần)").fill("Báo cáo sơ kết gửi kèm công văn 45/STTTT")
        _click(laichau, "Gửi giải trình")
        laichau.get_by_text("Đã gửi giải trình.").wait_for(timeout=TIMEOUT)
        expect(laichau.get_by_role("button", name="Gửi giải trình")).to_have_count(0)  # once only

        with Session(engine) as s:  # the checklist of the flag (Sơn La meets it)
            chair_user = get_user(session=s, username="chair")
            sonla_id = get_user(session=s, username="sonla").unit_id
            score_sheets.set_conditions(session=s, actor=chair_user, unit_id=sonla_id, year=YEAR,
                                   codes=["ldxs", "no_discipline"])
            s.commit()
        _goto(chair, server, "score_results")  # the year-level lock lists the units that have not sent
        chair.get_by_text("Còn 5 đơn vị chưa gửi kết quả tự chấm. Khoá điểm năm", exact=False).wait_for(
            timeout=TIMEOUT)
        chair.get_by_text(f"Tôi xác nhận khoá điểm năm {YEAR} dù còn 5 đơn vị chưa gửi kết quả tự chấm.").click()
        _click(chair, "Khoá điểm cuối cùng của năm")
        chair.get_by_text("Đã khoá điểm.").wait_for(timeout=TIMEOUT)

        # the new poll offers exactly the eligible unit
        _goto(chair, server, "vote_manage")
        chair.get_by_text(f"Theo kết quả chấm điểm, đề nghị đưa vào phiếu: {SONLA}").wait_for(timeout=TIMEOUT)
        candidates = chair.locator("[data-testid='stMultiSelect']").first.inner_text()
        assert SONLA in candidates and all(f"Truyền thông {p}" not in candidates
                                           for p in ("Lai Châu", "Điện Biên", "Lào Cai", "Hà Giang", "Cao Bằng",
                                                     "Lạng Sơn"))
        _click(chair, "Tạo cuộc bỏ phiếu")
        chair.get_by_text("Đã tạo cuộc bỏ phiếu.").wait_for(timeout=TIMEOUT)
        with Session(engine) as s:
            year_id = s.exec(select(EmulationYear.id).where(EmulationYear.year == YEAR)).one()
            poll = polls.list_polls(session=s, emulation_year_id=year_id, actor=ADMIN, cluster_id=home_cluster(s))[0]
            assert s.exec(select(PollCandidate.unit_id).where(PollCandidate.poll_id == poll.id)).all() == [sonla_id]
            polls.open_poll(session=s, poll_id=poll.id, actor=get_user(session=s, username="chair"))
            s.commit()
            for voter in polls.poll_status(session=s, poll_id=poll.id, actor=ADMIN).eligible:
                # no self-vote: Sơn La casts a blank ballot
                polls.cast_ballot(session=s, poll_id=poll.id, actor=Acting(None, "province", voter),
                                     choices=[] if voter == sonla_id else [sonla_id])
                s.commit()
            close_confirmed(session=s, poll_id=poll.id, actor=get_user(session=s, username="chair"))
            publish_confirmed(session=s, poll_id=poll.id, actor=get_user(session=s, username="chair"))
            s.commit()

        # the published result: the scores beside the vote, seen by a member
        results = pages["laichau"]
        _goto(results, server, "score_results")
        results.get_by_text("Kết quả bỏ phiếu đã công bố").wait_for(timeout=TIMEOUT)
        table = results.locator("[data-testid='stTable']")
        table.locator("tbody tr").nth(1).wait_for(timeout=TIMEOUT)
        rows = table.locator("tbody tr").all_inner_texts()
        assert len(rows) == 2
        first = [c.strip() for c in table.locator("tbody tr").first.locator("th, td").all_inner_texts()]
        assert first[0] == SONLA and first[-1] == "6", first  # ranked first, with its 6 votes
        assert "Tổng điểm dưới 90" in rows[1]  # Lai Châu: 82 after the adjustment
    finally:
        for ctx in contexts:
            ctx.close()
        engine.dispose()
