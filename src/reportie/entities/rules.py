"""Rule-based entity spans: every rule's :class:`Candidate` spans for one normalised text,
and :func:`resolve`, which keeps a flat, non-overlapping set (higher priority first, then
longer).

The rules live by concern: ``places`` (gazetteer matches, place abbreviations), ``bodies``
(government bodies), ``titles``, ``persons`` and ``names`` (quoted, law and suffixed names
of organisations, events and programmes). What they share is in ``candidate`` (Candidate,
priorities, the Scan of one text) and ``lexicon`` (the vocabulary of
``reportie/data/entity_rules.json`` and the words of the segmentation dictionary); the
names themselves come from the gazetteers (models/gazetteers).
"""
from __future__ import annotations

from .bodies import body_titles, bureaus, country_before_body, shared_endings
from .candidate import P_DATE, P_MODEL, PLACE_LABELS, Candidate, Scan
from .gazetteer import Gazetteer
from .lexicon import vocabulary
from .names import law_names, quoted_names, suffixed_names
from .persons import (
    attendee_lists,
    given_names_alone,
    married_surnames,
    persons,
    repeated_people,
)
from .places import abbreviation_lists, gazetteer_names, named_facilities, word_edges
from .titles import compound_titles, former_titles

# what other modules import from here (Candidate and the vocabulary live in candidate.py, lexicon.py)
__all__ = ["P_MODEL", "Candidate", "Rules", "resolve", "vocabulary"]


class Rules:
    """All rule-based candidates for one normalised text."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.v = vocabulary()

    def candidates(self, text: str, dates: list[tuple[int, int]] = ()) -> list[Candidate]:
        """Every rule's candidates, in order: later rules see the gazetteer matches (and the
        people found so far) of this text through one :class:`Scan`."""
        scan = Scan(self.gaz, self.v)
        items = body_titles(scan, former_titles(scan, text, country_before_body(scan, text, word_edges(
            scan, text, self.gaz.scan(text)))))
        for s, e, entry in items:
            for i in range(s, e):
                scan.covered[i] = (s, e, entry)
        out: list[Candidate] = [Candidate(s, e, "DATE", P_DATE, rule="date") for s, e in dates]
        out += quoted_names(scan, text)
        out += law_names(scan, text, dates)
        out += gazetteer_names(scan, text, items)
        out += named_facilities(scan, text, items)
        out += compound_titles(scan, text, items)
        out += bureaus(scan, text, items)
        out += shared_endings(scan, text, items)
        out += persons(scan, text, items)
        out += attendee_lists(scan, text)
        out += suffixed_names(scan, text, items, dates)
        out += abbreviation_lists(scan, text)
        out += repeated_people(text, out)
        out += married_surnames(text, out)
        out += given_names_alone(scan, text, out)
        return out


def resolve(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A flat set: higher priority first, then longer, then earlier; then drop generic titles."""
    chosen: list[Candidate] = []
    taken = bytearray(max((c.end for c in candidates), default=0))  # characters already in a span
    for c in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if c.end <= c.start or any(taken[c.start:c.end]):
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    chosen.sort(key=lambda c: c.start)
    return [c for i, c in enumerate(chosen) if c.label != "NONE" and not _generic_title(chosen, i, text)]


def _generic_title(chosen: list[Candidate], i: int, text: str) -> bool:
    """An ambiguous title (代表, 委員, 主席) counts only next to a person or an affiliation
    (or after a list of people: 山本順三、坂口岳洋等眾議員)."""
    c = chosen[i]
    if c.label != "TITLE":
        return False
    prev = chosen[i - 1] if i > 0 else None
    nxt = chosen[i + 1] if i + 1 < len(chosen) else None
    person_next = (nxt is not None and nxt.label == "PERSON" and nxt.start == c.end) or (
        prev is not None and prev.label == "PERSON" and (
            prev.end == c.start or text[prev.end:c.start] in vocabulary()["shared_title_gaps"]))
    affiliated = prev is not None and prev.end == c.start and prev.label in PLACE_LABELS | {"BUREAU", "ORG"}
    if (c.canonical or "") in vocabulary()["titles_verbs_after_person"] and prev is not None and \
            prev.label == "PERSON" and prev.end == c.start and dict(prev.meta).get("title"):
        return True  # 林次長義夫代表列席, 張議員豐藤代表抽出: 代表 is a verb after a titled person
    if (c.canonical or "") in vocabulary()["titles_needing_affiliation"]:
        named_after = nxt is not None and nxt.label == "PERSON" and nxt.start == c.end and \
            not dict(nxt.meta).get("title") and (c.canonical or "") not in vocabulary()["meeting_roles"]
        return not (affiliated or named_after)  # 委員會主席Tatiana Rosova; not the meeting's 主席：
    if dict(c.meta).get("ambiguous") or (c.canonical or "") in vocabulary()["plural_roles"]:
        return not (person_next or affiliated)
    return False
