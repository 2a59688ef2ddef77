"""The numbering outline of Taiwanese government documents (壹、/一、/（一）/1./(1)/甲、).

Levels are not fixed by marker kind: a kind's depth is decided by where it first
appears (a stack), as documents nest the kinds differently (council minutes put 甲、
above 一、, reports put 壹、 above 一、). Markers are found on the normalised text.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from functools import lru_cache

from .numerals import chinese_to_int
from .resources import package_json

_ORDINALS = {
    "upper": "壹貳參肆伍陸柒捌玖拾佰",
    "chinese": "一二三四五六七八九十",
    "stem": "甲乙丙丁戊己庚辛壬癸",
}
# kind name → pattern of the marker (normalised text: full-width brackets/digits are ASCII)
MARKERS: list[tuple[str, str]] = [
    ("upper", r"(?P<n>[壹貳參肆伍陸柒捌玖拾佰]{1,4})、"),
    ("chinese", r"(?P<n>[一二三四五六七八九十]{1,3})、"),
    ("paren_chinese", r"\((?P<n>[一二三四五六七八九十]{1,3})\)"),
    ("arabic", r"(?P<n>\d{1,2})(?:[.、](?![\d%])|\s(?=\D))"),
    ("paren_arabic", r"\((?P<n>\d{1,2})\)"),
    ("stem", r"(?P<n>[甲乙丙丁戊己庚辛壬癸])、"),
]
_MARKER_RE = regex.compile("|".join(f"(?P<{k}>{p.replace('?P<n>', f'?P<n_{k}>')})" for k, p in MARKERS))
# Where a marker may start: a line start, or (for text merged from PDF pages) after a
# sentence end or whitespace following text.
_LINE_START = regex.compile(r"(?m)^[ \t]*")
_MID_LINE = regex.compile(r"(?<=[。:;!?)」][ \t]*|[^\s][ \t]+)")
TITLE_MAX = 60
TITLE_STOPS = "。:;!?"  # a heading's title ends at the line end or the first of these
_NEXT_MARKER = regex.compile(r"\s{1,}(?=[壹貳參肆伍陸柒捌玖拾一二三四五六七八九十甲乙丙丁戊己庚辛壬癸]、|\(|\d{1,2}\.)")


@dataclass
class Section:
    """One numbered heading and the text it governs."""

    section_id: int
    parent_id: int | None
    level: int
    kind: str
    number: int
    marker: str
    title: str
    start: int
    end: int
    path: str = ""
    title_end: int = 0  # where the heading's title ends in the text
    # the item opens with a sentence (１、截至8月26日止…。), not a heading (（一）舉行…，凝聚…：): its
    # title is the first sentence, the first title stop on its line being 。
    opens_with_sentence: bool = False


def _number(kind: str, n: str) -> int:
    if kind in ("arabic", "paren_arabic"):
        return int(n)
    if kind == "stem":
        return _ORDINALS["stem"].index(n) + 1
    return chinese_to_int(n)


def _line(text: str, start: int) -> str:
    line_end = text.find("\n", start)
    return text[start:len(text) if line_end < 0 else line_end]


def _first_stop(seg: str) -> int:
    """Where the first title stop of ``seg`` is (len(seg) when none)."""
    return min([i for i in (seg.find(stop) for stop in TITLE_STOPS) if i >= 0], default=len(seg))


def _title(text: str, start: int) -> tuple[str, int, bool]:
    """Heading text after the marker (up to the line end or the first sentence end), where
    it ends, and whether the item opens with a sentence (its first title stop is 。)."""
    seg = _line(text, start)
    stop = cut = _first_stop(seg)
    m = _NEXT_MARKER.search(seg)
    if m and m.start() < cut:
        cut = m.start()
    title = seg[:cut].rstrip()
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX]
    return title, start + len(title), seg[stop:stop + 1] == "。"


@lru_cache(maxsize=1)
def _turn_label() -> tuple[regex.Pattern, int]:
    rule = package_json("outline.json")["speaker_turn"]
    return regex.compile(rule["label"]), rule["min_turns"]


def speaker_turns(text: str) -> list[int]:
    """Where the speakers' turns of a transcript start (章委員孝嚴：); none when the document
    is not a transcript."""
    label, min_turns = _turn_label()
    turns = [m.start() for m in label.finditer(text)]
    return turns if len(turns) >= min_turns else []


def find_sections(text: str) -> list[Section]:
    """All headings of a (normalised) document with their nesting. In a transcript, the
    points a speaker numbers end with the speaker's turn."""
    candidates: list[tuple[int, str, int, int]] = []  # (start, kind, number, marker end)
    line_starts = {m.end() for m in _LINE_START.finditer(text)}
    for m in _MARKER_RE.finditer(text):
        kind = m.lastgroup if m.lastgroup and not m.lastgroup.startswith("n_") else next(
            k for k, _ in MARKERS if m.group(k))
        n = m.group(f"n_{kind}")
        at_line_start = m.start() in line_starts
        if not at_line_start and not _MID_LINE.match(text, m.start()):
            continue
        if kind == "arabic" and not at_line_start and m.group(0)[-1] not in ".、":
            continue
        candidates.append((m.start(), kind, _number(kind, n), m.end(), at_line_start))

    sections: list[Section] = []
    stack: list[Section] = []
    turns = speaker_turns(text)
    turn_start, closed = 0, {}

    def next_turns(upto: int) -> None:
        """Close the points numbered within each turn that starts before upto."""
        nonlocal turn_start
        while turns and turns[0] <= upto:
            while stack and stack[-1].start > turn_start:
                closed[stack.pop().section_id] = turns[0]
            turn_start = turns.pop(0)

    for start, kind, number, marker_end, at_line_start in candidates:
        next_turns(start)  # a new speaker: the points numbered within the last turn are over
        kinds = [s.kind for s in stack]
        if kind in kinds:
            prev = stack[kinds.index(kind)]
            step = number - prev.number
            if not (step == 1 or (at_line_start and step == 2)):
                continue  # not the next sibling: a number inside the text
            del stack[kinds.index(kind):]
        elif number != 1 and not (at_line_start and not sections):
            continue  # a new level starts at 1; only the first heading may start later
        parent = stack[-1] if stack else None
        title, title_end, opens_with_sentence = _title(text, marker_end)
        section = Section(
            section_id=len(sections), parent_id=parent.section_id if parent else None,
            level=len(stack) + 1, kind=kind, number=number,
            marker=text[start:marker_end].strip(), title=title.strip(), start=start, end=len(text),
            title_end=title_end, opens_with_sentence=opens_with_sentence,
        )
        sections.append(section)
        stack.append(section)
    next_turns(len(text))
    _close(sections, len(text))
    for section_id, end in closed.items():
        sections[section_id].end = min(sections[section_id].end, end)
    return sections


def _close(sections: list[Section], length: int) -> None:
    """Set each section's end (the next heading at its level or above) and its path."""
    by_id = {s.section_id: s for s in sections}
    for i, s in enumerate(sections):
        s.end = length
        for later in sections[i + 1:]:
            if later.level <= s.level:
                s.end = later.start
                break
        parts = []
        node: Section | None = s
        while node is not None:
            parts.append(node)
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
        s.path = " > ".join(f"{p.marker}{p.title}" for p in reversed(parts))


def section_at(sections: list[dict], offset: int) -> dict | None:
    """The innermost section (as stored on the Doc: dicts of Section fields) containing ``offset``."""
    best = None
    for s in sections:
        if s["start"] <= offset < s["end"] and (best is None or s["level"] > best["level"]):
            best = s
    return best
