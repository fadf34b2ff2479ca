"""Cross-field rules between the figures of one unit and year (e.g. the parts must not exceed the whole).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

OPERATORS = {
    "=": lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9),
    "<=": lambda a, b: a <= b + 1e-9,
    ">=": lambda a, b: a + 1e-9 >= b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
}


@dataclass(frozen=True)
class CrossRule:
    code: str
    left_codes: tuple[str, ...]
    operator: str
    right_code: str
    message_vi: str
    message_en: str

    @property
    def codes(self) -> tuple[str, ...]:
        return (*self.left_codes, self.right_code)

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en


def parse_left_codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split("+") if c.strip())


def rule_holds(rule: CrossRule, values: dict[str, float | None]) -> bool | None:
    """True or False, or None when one of the figures is not reported (the rule is then not checked)."""
    numbers = [values.get(c) for c in rule.codes]
    if any(n is None for n in numbers):
        return None
    compare = OPERATORS.get(rule.operator)
    if compare is None:
        raise ValueError(f"unknown operator {rule.operator!r} in rule {rule.code}")
    return compare(sum(numbers[:-1]), numbers[-1])


def cross_field_rejections(rules: list[CrossRule], stored: dict[str, float | None],
                           incoming: dict[str, float | None]) -> dict[str, list[CrossRule]]:
    """Which of the incoming figures must be refused because, stored, they would break a rule.

    A broken rule refuses the figures of this save that take part in it (the stored ones stay). Refusing a figure
    changes the picture, so the check repeats until nothing more is refused.
    """
    refused: dict[str, list[CrossRule]] = {}
    while True:
        candidate = {**stored, **{c: v for c, v in incoming.items() if c not in refused}}
        newly = False
        for rule in rules:
            if rule_holds(rule, candidate) is False:
                for code in rule.codes:
                    if code in incoming and code not in refused:
                        refused[code] = [rule]
                        newly = True
                    elif code in refused and rule not in refused[code]:
                        refused[code].append(rule)
        if not newly:
            return refused
