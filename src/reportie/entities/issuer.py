"""Which government issued a document, so that 本府 / 本市 can be resolved."""
from __future__ import annotations

from collections import Counter

import regex

from .gazetteer import Gazetteer

_BODY = regex.compile(r"(\p{Han}{1,3}[市縣])(政府|議會)")
_CITY_KINDS = {"municipality", "provincial_city", "county", "county_city", "bare_name"}


def header_issuer(text: str, gaz: Gazetteer) -> tuple[str, str | None] | None:
    """The city government or council that the document's first lines name (高雄市議會第1屆…),
    with the council when it is one; None when they name none."""
    m = _BODY.search(text[:200])
    if m and (entry := gaz.lookup(m.group(1), "CITY")):
        return entry.canonical, (entry.canonical + "議會") if m.group(2) == "議會" else None
    return None


def detect_issuer(text: str, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """``(issuing city or county, its council when the document is the council's own)``.

    The header (a council's minutes name it in the first line) decides first; else the
    Taiwanese city most mentioned as X市政府, or, in a city government's report that
    only says 本府/本市, the city whose officeholders or short name appear most.
    """
    named = header_issuer(text, gaz)
    if named is not None:
        return named
    counts: Counter[str] = Counter()
    if text.count("本府") + text.count("本市") < 3:
        return None, None  # a national text that mentions city governments is not issued by one
    for m in _BODY.finditer(text):
        e = gaz.lookup(m.group(1), "CITY")
        if e:
            counts[e.canonical] += 2
    for _, _, e in gaz.scan(text, {"CITY", "PERSON"}):
        if e.label == "CITY" and e.kind in _CITY_KINDS:
            counts[e.canonical] += 1
        elif e.label == "PERSON" and e.kind.startswith("officeholder:"):
            counts[e.kind.split(":", 1)[1]] += 3
    if not counts:
        return None, None
    return counts.most_common(1)[0][0], None

