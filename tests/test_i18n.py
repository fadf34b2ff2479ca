"""Vietnamese formatting and the string catalogue."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from components.i18n.catalogue import catalogue, translate
from components.i18n.formatting import fmt_auto, fmt_datetime, fmt_money, fmt_number, fmt_percent, parse_number
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
    assert all(vi.strip() and en.strip() for vi, en in keys.values())
