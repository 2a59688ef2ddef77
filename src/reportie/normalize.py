"""The normalised view of a document and its offset map back to the original text.

Everything downstream matches on the normalised view: NFKC per character (compatibility
ideographs such as U+F98E become 年, full-width digits and punctuation become ASCII),
hard line wraps from PDF extraction joined, stray page-number lines dropped. Every
offset reported to a user is mapped back to the original decoded text, so that
``original[start:end]`` is exactly what a table row says.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import regex

# A line that is only a page number ("1", "- 2 -", "第3頁", "3/12").
_PAGE_NUMBER = regex.compile(r"^\s*(?:[-–—]\s*)?(?:第\s*)?\d{1,4}(?:\s*頁)?(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$")
# A line that begins a new unit and so never continues the previous one: an outline
# marker, a "label：" field, a table row, a speaker turn.
_STARTS_UNIT = regex.compile(
    r"^\s*(?:"
    r"[壹貳參肆伍陸柒捌玖拾佰]+、|[一二三四五六七八九十]+、|[甲乙丙丁戊己庚辛壬癸]、"
    r"|\([一二三四五六七八九十]+\)|\(\d{1,2}\)|\d{1,2}[.、](?!\d)"
    r"|[^\s:：，,。]{1,12}[:：]"
    r")"
)
_STARTS_DATE = regex.compile(r"^\s*\d{1,4}\s*[年月/.\-:]")
# Characters that end a paragraph when they end a line.
_LINE_FINAL = set("。!?;:」』)】》〉.")
# a line that ends in a list of short names set apart by spaces (出席議員：王正德  闕枚莎 …
# 李傅中武): its line break separates two names too
_SPACED_LIST_END = regex.compile(r"\p{Han}{2,4}(?:\s+\p{Han}{2,4}){2,}$")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and, for each of its characters, the original index it came from."""

    text: str
    original: str
    source: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        return map_to_original(self.source, start, end, len(self.original))


def map_to_original(source: Sequence[int], start: int, end: int, original_length: int) -> tuple[int, int]:
    """Map a half-open span of a normalised text to its original, given the offset map."""
    if start >= end:
        pos = int(source[start]) if start < len(source) else original_length
        return pos, pos
    return int(source[start]), int(source[end - 1]) + 1


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """NFKC of one character (may be longer than one character, e.g. ㈠ → (一))."""
    return unicodedata.normalize("NFKC", ch)


def _typical_line_length(lines: list[str]) -> int:
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 8)
    if len(lengths) < 5:
        return 0
    return lengths[int(len(lengths) * 0.9)]


def _column_widths(lines: list[str]) -> set[int]:
    """Widths of a narrow table column the PDF wrapped prose in: lengths shared (give or take
    one) by at least four lines of prose cut inside a word. Council minutes' 案由 cells wrap at
    22-23 characters: …業經行政 / 院准予出售."""
    counts: dict[int, int] = {}
    for line in lines:
        stripped = line.strip()
        if _prose_cell(stripped):
            counts[len(stripped)] = counts.get(len(stripped), 0) + 1
    return {n for n in counts if counts.get(n, 0) + counts.get(n - 1, 0) + counts.get(n + 1, 0) >= 4}


def _prose_cell(stripped: str) -> bool:
    """A line of prose cut inside a word: 15 characters or more, a comma within (table rows
    of names and titles have none), a Han character last."""
    return len(stripped) >= 15 and "," in stripped and bool(_HAN.match(stripped[-1]))


def _is_hard_wrap(line: str, following: str, typical: int, columns: set[int]) -> bool:
    """True when the break after ``line`` is a PDF line wrap inside a paragraph or a table cell."""
    stripped = line.rstrip()
    if not stripped or not following.strip() or typical == 0:
        return False
    if stripped[-1] in _LINE_FINAL or _STARTS_UNIT.match(following):
        return False
    if "\t" in stripped or "\t" in following:
        return False
    if _STARTS_DATE.match(following):
        return False  # a table row or list that starts with a date (5月 7日 …, 103年…)
    if _SPACED_LIST_END.search(stripped):
        return False  # …洪健益  李傅中武 / 王世堅  王孝維…: a list of names goes on
    if len(stripped.lstrip()) in columns and _prose_cell(stripped.lstrip()) and _HAN.match(following.lstrip()):
        return True  # a narrow column's wrap: …業經行政 / 院准予出售
    return len(stripped) >= max(15, int(typical * 0.75))


def normalize(original: str, repair_wraps: bool = True) -> NormalizedText:
    """Build the normalised view of ``original`` with its offset map."""
    folded: list[str] = []
    source: list[int] = []
    for i, ch in enumerate(original):
        if ch == "\r":  # CRLF / CR line ends become \n
            if i + 1 < len(original) and original[i + 1] == "\n":
                continue
            folded.append("\n")
            source.append(i)
            continue
        out = fold_char(ch) if ord(ch) > 127 else ch
        for o in out:
            folded.append(o)
            source.append(i)
    if not repair_wraps:
        return NormalizedText("".join(folded), original, tuple(source))
    return _repair_lines("".join(folded), source, original)


def _repair_lines(text: str, source: list[int], original: str) -> NormalizedText:
    """Drop page-number lines and join hard-wrapped lines, keeping the offset map."""
    lines = text.split("\n")
    typical = _typical_line_length(lines)
    columns = _column_widths(lines)
    keep = [True] * len(text)
    pos = 0
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    content = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(content):
        line = lines[i]
        if _PAGE_NUMBER.match(line) and 0 < k < len(content) - 1:
            # a page number between text lines: drop it with its line break
            for j in range(starts[i], min(starts[i] + len(line) + 1, len(text))):
                keep[j] = False
            continue
    # Join wraps across the dropped lines and blank lines that page breaks leave.
    kept_lines = [i for i in content if keep[starts[i]] or not lines[i].strip()]
    kept_lines = [i for i in kept_lines if not _PAGE_NUMBER.match(lines[i]) or keep[starts[i]]]
    for a, b in zip(kept_lines, kept_lines[1:]):
        gap_has_page = any(not keep[starts[j]] for j in range(a + 1, b) if lines[j].strip())
        blank_gap = b - a - 1
        if blank_gap > 0 and not gap_has_page:
            continue  # a blank line ends a paragraph
        if _is_hard_wrap(lines[a], lines[b], typical, columns):
            for j in range(starts[a] + len(lines[a]), starts[b]):
                keep[j] = False
    out = [c for c, k in zip(text, keep) if k]
    src = [s for s, k in zip(source, keep) if k]
    return NormalizedText("".join(out), original, tuple(src))
