"""Canonical names: one spelling per entity, so that tables group and join cleanly.

NFKC and no PDF spaces; 台 → 臺 in names the gazetteer knows; abbreviations expanded
(經發局 → 經濟發展局); 本府X / 本市X resolved to the issuing government
(本府秘書處 → 高雄市政府秘書處); a title written inside a name removed (許議長崑源 → 許崑源).
"""
from __future__ import annotations

import regex

from .gazetteer import Gazetteer

_SPACES = regex.compile(r"\s+")
_ISSUER_PREFIX = regex.compile(r"^(本府|市府|本市|市政府)")


def canonical_name(text: str, label: str, gaz: Gazetteer, issuer: str | None,
                   known: str | None = None) -> str:
    """The canonical form of an entity's (normalised) text."""
    name = _SPACES.sub("", text) if regex.search(r"\p{Han}", text) else text.strip()
    if known:
        return known
    entry = gaz.lookup(name, label) or gaz.lookup(name.replace("台", "臺"), label)
    if entry:
        return entry.canonical
    if label == "BUREAU":
        return _bureau(name, gaz, issuer)
    if label in {"CITY", "COUNTRY", "LOC"} and "台" in name:
        alt = name.replace("台", "臺")
        if gaz.lookup(alt) or gaz.lookup(alt, label):
            return alt
    return name


def _bureau(name: str, gaz: Gazetteer, issuer: str | None) -> str:
    m = _ISSUER_PREFIX.match(name)
    prefix, rest = ("", name) if not m else (m.group(1), name[m.end():])
    unit = _expand(rest, gaz)
    if not prefix:
        return unit
    if not issuer:
        return prefix + unit
    city = issuer.removesuffix("政府")
    if prefix == "本市":
        return city + unit
    return f"{city}政府{unit}"


def _expand(unit: str, gaz: Gazetteer) -> str:
    """Expand known abbreviations inside a chain of units (經發局 → 經濟發展局)."""
    entry = gaz.lookup(unit, "BUREAU")
    if entry:
        return entry.canonical
    out, i = [], 0
    while i < len(unit):
        e = gaz.longest_at(unit, i, {"BUREAU"})
        if e:
            out.append(e.canonical)
            i += len(e.name)
        else:
            out.append(unit[i])
            i += 1
    return "".join(out)
