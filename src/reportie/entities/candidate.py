"""What every entity rule shares: the :class:`Candidate` span it proposes, the priorities
that :func:`~reportie.entities.rules.resolve` ranks them by, and the :class:`Scan` of the
text the rules read."""
from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Entry, Gazetteer

PLACE_LABELS = {"COUNTRY", "CITY", "LOC"}
NAMED_LABELS = PLACE_LABELS | {"BUREAU", "ORG", "TITLE", "EVENT", "PROGRAM"}

# Priorities: a quoted name beats everything inside it; a composed body beats its parts.
P_QUOTED, P_BUREAU, P_DATE, P_PERSON_EMBEDDED, P_PERSON, P_NAME, P_GAZ, P_MODEL, P_ABBR = (
    90, 80, 76, 75, 74, 70, 60, 55, 50)


@dataclass(frozen=True)
class Candidate:
    """A span one rule proposes: ``resolve`` keeps it or a better one that overlaps it."""

    start: int
    end: int
    label: str
    priority: int
    canonical: str | None = None
    rule: str = ""
    meta: tuple = ()


# a gazetteer match: (start, end, entry)
Item = tuple[int, int, Entry]


@dataclass
class Scan:
    """The state the rules share for one text: the gazetteer and vocabulary, the gazetteer
    match covering each offset, and the ends of the names of people written with a title
    (a name may start right after one)."""

    gaz: Gazetteer
    v: dict
    covered: dict[int, Item] = field(default_factory=dict)
    person_ends: set[int] = field(default_factory=set)
