"""Chinese numerals (一百零三, 一○三, 貳拾肆) → int; shared by the outline and date rules."""
from __future__ import annotations

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "０": 0,
    "一": 1, "壹": 1, "二": 2, "貳": 2, "兩": 2, "三": 3, "參": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def chinese_to_int(s: str) -> int:
    """Value of a Chinese numeral, positional (一○三 → 103) or with units (一百零三 → 103)."""
    if not s:
        raise ValueError("empty numeral")
    if not any(c in _UNITS for c in s):
        value = 0
        for c in s:
            if c not in _DIGITS:
                raise ValueError(f"not a numeral: {s!r}")
            value = value * 10 + _DIGITS[c]
        return value
    total, current = 0, 0
    for c in s:
        if c in _DIGITS:
            current = _DIGITS[c]
        elif c in _UNITS:
            total += (current or 1) * _UNITS[c]
            current = 0
        else:
            raise ValueError(f"not a numeral: {s!r}")
    return total + current
