"""Vietnamese formatting and the string catalogue."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from components.i18n.catalogue import catalogue, forms_of, translate
from components.i18n.formatting import fmt_auto, fmt_datetime, fmt_money, fmt_number, fmt_percent, parse_number
from components.rules.enums import POLL_EVENTS
from components.rules.workflow import REFUSALS
from components.ui.text_keys import DYNAMIC_KEYS, ERROR_PREFIXES, FALLBACK_PREFIXES
from tests.conftest import ROOT


def test_vietnamese_number_formats():
    assert fmt_number(1542) == "1.542"
    assert fmt_percent(1542 / 1562 * 100) == "98,7%"
    assert fmt_money(328250000) == "328.250.000 đ"
    assert fmt_auto(104) == "104" and fmt_auto(0.65) == "0,65"
    assert fmt_number(None, missing="chưa báo cáo") == "chưa báo cáo"


def test_english_number_formats():
    assert fmt_number(1542, lang="en") == "1,542"
    assert fmt_percent(98.72, lang="en") == "98.7%"


def test_datetimes_are_shown_in_vietnam_time():
    assert fmt_datetime(datetime(2023, 2, 20, 1, 30, tzinfo=timezone.utc)) == "20/02/2023 08:30"


@pytest.mark.parametrize("text, value", [("1.542", 1542), ("98,7", 98.7), ("328.250.000", 328250000),
                                         ("12", 12), ("0,5", 0.5), ("98,7%", 98.7)])
def test_parse_vietnamese_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "nan"])
def test_parse_rejects_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_translate_falls_back_to_english_and_fills_params():
    assert translate("auth.forbidden", "vi", role="Người xem") == "Tài khoản Người xem không có quyền mở trang này."
    assert translate("auth.logout", "en") == "Log out"


def test_every_string_key_used_in_the_code_exists_in_both_languages():
    keys = catalogue()
    used = set()
    for path in list(ROOT.glob("*.py")) + list((ROOT / "pages").glob("*.py")) + list((ROOT / "components").rglob("*.py")):
        used |= set(re.findall(r"\bt\(\"([a-z0-9_]+\.[a-z0-9_.]+)\"[,)]", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in keys)
    assert missing == []
    assert all(vi.strip() and all(form.strip() for form in forms_of(en)) for vi, en in keys.values())


def _sources() -> list[Path]:
    return [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").rglob("*.py"),
            *(ROOT / "db").glob("*.py")]


def test_every_key_built_with_an_f_string_exists_in_both_languages():
    keys = catalogue()
    missing = [prefix + value for prefix, values in DYNAMIC_KEYS.items() for value in values
               if prefix + value not in keys]
    assert missing == []


def test_every_error_code_has_a_message_in_both_languages():
    keys = catalogue()
    text = "\n".join(p.read_text(encoding="utf-8") for p in _sources())
    codes = {f"err.{c}" for c in re.findall(r'DomainError\(\s*"([a-z0-9_]+)"', text)}
    codes |= {f"err.entry_{c}" for c in re.findall(r'Problem\(\s*"[a-z_]+",\s*"([a-z0-9_]+)"', text)}
    codes |= {f"err.entry_{c}" for c in re.findall(r'RowError\([^()]*?,\s*"([a-z0-9_]+)"', text)}
    codes |= {f"err.entry_{refusal}" for refusal in REFUSALS}  # DomainError("entry_" + refusal)
    codes -= {"err.entry_", "err.entry_rule"}  # a cross-field rule's row error carries its own message
    assert len(codes) > 40  # the scan finds the codes at all
    assert sorted(c for c in codes if c not in keys) == []


def test_no_f_string_key_outside_the_listed_families():
    namespaces = {k.split(".")[0] for k in catalogue()}
    listed = (*DYNAMIC_KEYS, *ERROR_PREFIXES, *FALLBACK_PREFIXES)
    unlisted = []
    for path in _sources():
        for prefix in re.findall(r'f["\']((?:%s)\.[a-z0-9_.]*)\{' % "|".join(sorted(namespaces)),
                                 path.read_text(encoding="utf-8")):
            if prefix not in listed:
                unlisted.append(f"{path.relative_to(ROOT)}: {prefix}")
    assert unlisted == []


def test_the_family_check_sees_a_planted_key(tmp_path):
    planted = 'label = t(f"vote.newfamily.{x}")\n'
    namespaces = {k.split(".")[0] for k in catalogue()}
    found = re.findall(r'f["\']((?:%s)\.[a-z0-9_.]*)\{' % "|".join(sorted(namespaces)), planted)
    assert found == ["vote.newfamily."] and found[0] not in DYNAMIC_KEYS


def test_every_logged_poll_event_has_a_label():
    logged = set(re.findall(r'_log\(session, [^,]+, "([a-z_]+)"', (ROOT / "db/polls.py").read_text(encoding="utf-8")))
    assert logged and logged <= set(POLL_EVENTS)


def test_english_counts_are_plural_aware():
    assert translate("entry.saved_n", "en", n=1) == "1 indicator saved."
    assert translate("entry.saved_n", "en", n=2) == "2 indicators saved."
    assert translate("entry.saved_n", "en", n=0) == "0 indicators saved."
    assert translate("vote.m_max_choices", "en", n="1") == "up to 1 unit per ballot"  # a count already written
    assert translate("entry.saved_n", "vi", n=1) == "Đã lưu 1 chỉ tiêu."
    assert translate("charts.scorecard_hidden", "en", count=1, year=2023).startswith("1 indicator no province")


def test_no_english_text_hedges_its_plural():
    hedged = [k for k, (_, en) in catalogue().items() for form in forms_of(en) if "(s)" in form]
    assert hedged == []


def test_plural_forms_carry_the_same_placeholders():
    for key, (vi, en) in catalogue().items():
        if isinstance(en, dict):
            assert set(en) == {"one", "other"}, key
            fields = [set(re.findall(r"{(\w+)}", form)) for form in (vi, en["one"], en["other"])]
            assert fields[0] == fields[1] == fields[2], key
            assert fields[0] & {"n", "count", "seats", "max"}, key



def test_the_chair_is_named_one_way():
    """"Cụm trưởng" and "Cụm phó" (the cluster's own words, as on its papers), never "Trưởng cụm" beside them."""
    found = [key for key, (vi, _) in catalogue().items()
             if any(word in form for form in forms_of(vi) for word in ("Trưởng cụm", "Phó trưởng cụm"))]
    assert found == []
