"""Forms keep your place: after a save the entry form (whose tab labels count what is filled) and the admin forms
stay on the tab that was open (components/ui/kept_tabs.py)."""

from __future__ import annotations

from tests.helpers import app_test, as_user, texts


def _tab_container(at):
    """The proto of the page's first tab container (AppTest shows the tabs, not which one opens)."""
    stack = [at._tree]
    while stack:
        node = stack.pop(0)
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(proto, "DESCRIPTOR", None) is not None and \
                proto.DESCRIPTOR.name == "Block" and proto.WhichOneof("type") == "tab_container":
            return proto.tab_container
        stack += list(getattr(node, "children", {}).values())
    raise AssertionError("no tabs on the page")


def _open_label(at) -> str:
    """The label of the tab that opens (the page's only tab container comes first in at.tabs)."""
    return at.tabs[_tab_container(at).default_tab_index].label


def _label(at, field_label: str) -> str:
    return next(tab.label for tab in at.tabs if tab.label.startswith(field_label))


def test_the_entry_form_stays_on_the_open_tab_after_a_save(db_url):
    at = as_user(app_test("pages/entry.py"), "sonla").run()
    assert _open_label(at) == _label(at, "Bưu chính")
    tabs_id = _tab_container(at).id
    at.session_state["entry_tab_1_2026"] = "digital"  # what the tab's on_change records when it is opened
    at.run()
    assert _open_label(at) == _label(at, "CNTT, chuyển đổi số")
    # the same widget, not a new one: a new one is drawn afresh in the browser, dropping what is being typed in it
    assert _tab_container(at).id == tabs_id
    at.text_input(key="fig_1_2026_vi_dti_rank_value").input("12")
    at.text_input(key="fig_1_2026_vi_dti_rank_ranked_of").input("34")
    at.button(key="entry_save").click().run()
    assert not at.exception, at.exception
    assert "Đã lưu 1 chỉ tiêu." in texts(at)
    # the count of the saved figure is said beside the buttons; the tabs are still the same widget, on the same tab
    # (a new widget is redrawn in the browser, which throws the page back to its top)
    assert "CNTT, chuyển đổi số 1 / 12" in texts(at)
    assert _tab_container(at).id == tabs_id
    assert _open_label(at) == _label(at, "CNTT, chuyển đổi số")


def test_an_admin_form_stays_on_its_tab_after_a_save(db_url):
    at = as_user(app_test("pages/admin_catalogue.py"), "admin").run()
    at.session_state["admin_catalogue_tab"] = "years"
    at.run()
    assert _open_label(at) == "Năm thi đua"
    [b for b in at.selectbox if b.label == "Sửa năm thi đua"][0].select_index(1).run()
    next(b for b in at.button if b.label == "Lưu" and b.proto.form_id == "year_form").click().run()
    assert not at.exception, at.exception
    assert any(s.value.startswith("Đã lưu năm thi đua") for s in at.success)
    assert _open_label(at) == "Năm thi đua"


def test_an_error_goes_when_its_box_is_retyped(db_url):
    at = as_user(app_test("pages/entry.py"), "sonla").run()
    box = "fig_1_2026_vi_bts_sites_value"
    at.text_input(key=box).input("abc")
    at.button(key="entry_save").click().run()
    not_a_number = "“abc” không phải là số"
    assert any(not_a_number in e.value for e in at.error)
    at.text_input(key=box).input("1e300").run()  # retyped, not saved yet: the old message is gone
    assert not any(not_a_number in e.value for e in at.error)
    at.text_input(key=box).input("abc").run()  # typed back as it was saved: the message is about it again
    assert any(not_a_number in e.value for e in at.error)
