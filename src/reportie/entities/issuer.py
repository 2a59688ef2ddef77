"""Which government issued a document, so that 本府 / 本市 can be resolved."""
from __future__ import annotations

from collections import Counter

import regex

from .gazetteer import Gazetteer

_BODY = regex.compile(r"(\p{Han}{1,3}[市縣])(政府|議會)")


def detect_issuer(text: str, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """``(issuing city or county, its council when the document is the council's own)``.

    The header (a council's minutes name it in the first line) decides first; else the
    Taiwanese city most mentioned as X市政府, or, in a city government's report that
    only says 本府/本市, the city whose officeholders or short name appear most.
    """
    head = text[:200]
    m = _BODY.search(head)
    if m and gaz.lookup(m.group(1), "CITY"):
        city = gaz.lookup(m.group(1), "CITY").canonical
        return city, (city + "議會") if m.group(2) == "議會" else None
    counts: Counter[str] = Counter()
    for m in _BODY.finditer(text):
        e = gaz.lookup(m.group(1), "CITY")
        if e:
            counts[e.canonical] += 2
    if "本府" in text or "本市" in text:
        for name, entries in gaz.entries.items():
            for e in entries:
                if e.kind in {"municipality", "special_municipality", "provincial_city", "county"} and len(name) >= 2:
                    n = text.count(name)
                    if n:
                        counts[e.canonical] += n
        for person, city in gaz_officeholders(gaz).items():
            if person in text:
                counts[city] += 3
    if not counts:
        return None, None
    return counts.most_common(1)[0][0], None


def gaz_officeholders(gaz: Gazetteer) -> dict[str, str]:
    """Mayors and magistrates (PERSON entries with a place as canonical parent)."""
    return {name: e.kind.split(":", 1)[1] for name, es in gaz.entries.items() for e in es
            if e.label == "PERSON" and e.kind.startswith("officeholder:")}
