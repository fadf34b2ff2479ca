"""Number and date formatting, Vietnamese style by default (1.542; 98,7%; 328.250.000 đ). No Streamlit here."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def fmt_number(x: float | int | None, decimals: int = 0, lang: str = "vi", missing: str = "") -> str:
    """1542 -> '1.542'; 98.65, 1 -> '98,7' (Vietnamese); '1,542' and '98.7' in English."""
    if _missing(x):
        return missing
    text = f"{x:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_auto(x: float | int | None, lang: str = "vi", missing: str = "", max_decimals: int = 2) -> str:
    """A number with as many decimals as it needs (at most max_decimals): 104 -> '104', 0.65 -> '0,65'."""
    if _missing(x):
        return missing
    for decimals in range(max_decimals + 1):
        if abs(round(x, decimals) - x) < 1e-9:
            return fmt_number(x, decimals, lang)
    return fmt_number(x, max_decimals, lang)


def fmt_percent(x: float | None, decimals: int = 1, lang: str = "vi", missing: str = "") -> str:
    """98.72 -> '98,7%' (x is already a percentage, 0-100)."""
    if _missing(x):
        return missing
    return fmt_number(x, decimals, lang) + "%"


def fmt_money(x: float | None, lang: str = "vi", missing: str = "") -> str:
    """328250000 -> '328.250.000 đ'."""
    if _missing(x):
        return missing
    return fmt_number(x, 0, lang) + (" đ" if lang == "vi" else " VND")


def fmt_date(d: date | datetime | None, missing: str = "") -> str:
    if d is None:
        return missing
    if isinstance(d, datetime):
        d = to_local(d)
    return d.strftime("%d/%m/%Y")


def to_local(dt: datetime) -> datetime:
    """UTC (aware or naive-as-UTC) to Vietnam time."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(VN_TZ)


def fmt_datetime(dt: datetime | None, missing: str = "") -> str:
    if dt is None:
        return missing
    return to_local(dt).strftime("%d/%m/%Y %H:%M")


def parse_number(text: str, lang: str = "vi") -> float:
    """Parse a number typed the Vietnamese way ('1.542', '98,7') or the English way; raises ValueError."""
    s = str(text).strip().replace(" ", "").replace("\u00a0", "").rstrip("%").removesuffix("đ")
    if not s:
        raise ValueError("empty")
    if lang == "vi":
        if "," in s:
            s = s.replace(".", "").replace(",", ".")
        elif s.count(".") > 1 or (s.count(".") == 1 and len(s.split(".")[1]) == 3):
            s = s.replace(".", "")  # '1.542' is a thousands separator in Vietnamese
    else:
        s = s.replace(",", "")
    value = float(s)
    if math.isnan(value) or math.isinf(value):
        raise ValueError("not finite")
    return value
