"""Canonical names: one spelling per entity, so that tables group and join cleanly.

NFKC and no PDF spaces; 台 → 臺 in names the gazetteer knows; abbreviations expanded
(經發局 → 經濟發展局); 本府X / 本市X resolved to the issuing government
(本府秘書處 → 高雄市政府秘書處); a title written inside a name removed (許議長崑源 → 許崑源);
an informal short country name (聖國) read as the document last named it in full.
"""
from __future__ import annotations

from dataclasses import replace

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


def short_country_forms(found: list, text: str, gaz: Gazetteer) -> list:
    """聖國, 巴國, 薩國: an informal X國 is the country the document last wrote in full with
    the same first character (聖文森國 … 聖國 → 聖文森), not the gazetteer's guess; with none
    written before, the gazetteer's canonical stands (中方, 大馬 are no X國 forms)."""
    out, last_full = [], {}
    for c in found:
        name = text[c.start:c.end]
        if c.label != "COUNTRY":
            pass
        elif short_country(name, gaz):
            if name[0] in last_full:
                c = replace(c, canonical=last_full[name[0]])
        elif full_country(name, gaz):
            last_full[name[0]] = c.canonical
        out.append(c)
    return out


def short_country(name: str, gaz: Gazetteer) -> bool:
    """An informal X國 (薩國, 聖國): the document says which country it is."""
    return len(name) == 2 and name.endswith("國") and _informal(name, gaz)


def full_country(name: str, gaz: Gazetteer) -> bool:
    """A country's name written in full (聖文森國, 薩爾瓦多), which a short X國 may stand for."""
    return len(name) > 2 and not _informal(name, gaz)


def _informal(name: str, gaz: Gazetteer) -> bool:
    entry = gaz.lookup(name, "COUNTRY")
    return entry is not None and entry.usage == "informal"
