"""Places and gazetteer matches: the gazetteer's names as candidates, a body whose edge
forms a word with the text around it, single-character place abbreviations (美、加、
日韓港澳星馬), which count only in lists of them, and facilities named by a place
(三重站, 臺北車站, 高雄園區)."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from .candidate import P_ABBR, P_GAZ, PLACE_LABELS, Candidate, Item, Scan
from .lexicon import is_han, word_tags
from .titles import specific_title


def gazetteer_names(scan: Scan, text: str, items: list[Item]) -> list[Candidate]:
    """The gazetteer's names as they stand: titles of a specific person, events with their
    year or edition, unambiguous places and bodies."""
    out = []
    for s, e, entry in items:
        if entry.label == "TITLE":
            if not specific_title(scan, text, s, e):
                continue
            meta = (("ambiguous", True),) if entry.ambiguous else ()
            out.append(Candidate(s, e, "TITLE", P_GAZ, entry.canonical, "gazetteer", meta))
        elif entry.label == "EVENT":
            # 2013亞太城市高峰會, 第5屆亞太城市高峰會: a leading year or edition is part of the name
            # (第3次 counts a meeting, it names none: 第3次江陳會談 keeps 江陳會談)
            m = scan.v["_event_lead"].search(text, max(0, s - 8), s)
            out.append(Candidate(s - (len(m.group(0)) if m else 0), e, "EVENT", P_GAZ, None, "gazetteer"))
        elif not entry.ambiguous:
            out.append(Candidate(s, e, entry.label, P_GAZ, entry.canonical, "gazetteer"))
            # 高雄市長陳菊: the 市 of the city is also the 市 of 市長
            title = scan.gaz.lookup(text[e - 1:e + 1], "TITLE")
            if entry.label == "CITY" and title is not None and scan.gaz.lookup(entry.name[:-1], "CITY"):
                out.append(Candidate(s, e - 1, "CITY", P_GAZ + 1, entry.canonical, "gazetteer"))
                out.append(Candidate(e - 1, e + 1, "TITLE", P_GAZ + 1, title.canonical, "gazetteer"))
    return out


def word_edges(scan: Scan, text: str, items: list[Item]) -> list[Item]:
    """教育部門, 行政協助: a body name whose edge forms a word with the text around it (部門,
    行政) is not the body."""
    words = word_tags()
    out = []
    for s, e, entry in items:
        if entry.label in {"BUREAU", "ORG"} and (
                text[e - 1:e + 1] in scan.v["body_edge_words"]
                or len(entry.name) <= 2 and s > 0 and is_han(text[s - 1]) and text[s - 1:s + 1] in words):
            continue
        out.append((s, e, entry))
    return out


def abbreviation_lists(scan: Scan, text: str) -> list[Candidate]:
    """美、加、日韓港澳星馬: single-character places count only in lists of them."""
    abbr = scan.gaz.abbreviations
    if not abbr:
        return []
    chars = regex.escape("".join(abbr))
    language = _language_after(chars, scan.v["abbreviation_language_after"])
    out = []
    for start, end in _abbreviation_runs(scan, text, chars):
        run = text[start:end]
        before = text[start - 1:start]
        after = text[end:end + 1]
        if language.match(text, end):
            continue  # 英、日、法、西、葡5種語文版: languages, not places
        # 臺港澳, 港澳, 臺美: a run with Taiwan, Hong Kong or Macao is a list of places by itself;
        # others (中英, 馬英) must stand apart from the words around them
        strong = len(run.replace("、", "")) >= 3 or "、" in run or any(
            c in scan.v["abbreviation_strong_chars"] for c in run)
        if not strong and is_han(before) and before not in scan.v["abbreviation_list_before"]:
            continue
        if not strong and is_han(after) and after not in scan.v["abbreviation_list_after"]:
            continue
        for i in range(start, end):
            if text[i] in abbr:
                entries = abbr[text[i]]
                # 港澳: Macao next to Hong Kong; 澳、紐: Australia elsewhere
                near_city = any(text[j:j + 1] in abbr and abbr[text[j]][0].label == "CITY"
                                for j in (i - 1, i + 1) if 0 <= j < len(text))
                e = next((x for x in entries if x.label == "CITY"), entries[0]) if near_city else entries[0]
                out.append(Candidate(i, i + 1, e.label, P_ABBR, e.canonical, "abbreviation"))
    return out


def _abbreviation_runs(scan: Scan, text: str, chars: str) -> Iterator[tuple[int, int]]:
    """Runs of two or more single-character places, outside longer names (以 + 臺灣) and
    without an edge character that forms a word with its neighbour outside the run
    (大陸 + 臺商, 新 + 臺幣, 其中 + 以)."""
    words = word_tags()
    strong, after, bound = (scan.v["abbreviation_strong_chars"], scan.v["abbreviation_list_after"],
                            set(scan.v["abbreviation_bound_words"]))
    for m in regex.finditer(f"[{chars}](?:、?[{chars}]){{1,10}}", text):
        pieces, cur = [], []
        for i in range(m.start(), m.end()):
            if i in scan.covered:
                if cur:
                    pieces.append(cur)
                cur = []
            else:
                cur.append(i)
        if cur:
            pieces.append(cur)
        for idx in pieces:
            a, b = idx[0], idx[-1] + 1
            while a < b and (text[a] == "、" or a > 0 and text[a] not in strong and text[a - 1:a + 1] in words):
                a += 1
            while a < b and (text[b - 1] == "、" or text[b - 1:b + 1] in bound or (
                    text[b:b + 1] not in after and text[b - 1:b + 1] in words)):
                b -= 1
            if len(text[a:b].replace("、", "")) >= 2:
                yield a, b
            elif b - a == 1 and text[a] in strong and b in scan.covered and \
                    scan.covered[b][0] == b and scan.covered[b][2].label in PLACE_LABELS | {"ORG"}:
                yield a, b  # 臺 + 歐盟, 臺 + 美國: a pair with a written-out name


def named_facilities(scan: Scan, text: str, items: list[Item]) -> list[Candidate]:
    """三重站, 臺北車站, 林邊溪橋, 高雄園區: a place written right before a facility word names
    a facility, which is a LOC of its own (the stations and bridges a route runs between)."""
    words = scan.v["_facility_word"]
    out = []
    for s, e, entry in items:
        if entry.label not in {"CITY", "LOC"} or entry.ambiguous:
            continue
        m = words.match(text, e)
        if m and not (m.end() < len(text) and is_han(text[m.end()]) and
                      text[m.end() - 1:m.end() + 1] in word_tags()):
            out.append(Candidate(s, m.end(), "LOC", P_GAZ + 2, rule="named-facility"))
    return out


@lru_cache(maxsize=4)
def _language_after(chars: str, after: str) -> regex.Pattern:
    """英、日語: single-character places followed by a language word (compiled once per
    set of abbreviations)."""
    return regex.compile(f"(?:[及與和、][{chars}]+)*{after}")
