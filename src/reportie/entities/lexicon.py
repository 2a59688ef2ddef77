"""The vocabulary of the entity rules (reportie/data/entity_rules.json, compiled once) and
the words of the segmentation dictionary they consult, with small text helpers."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from ..resources import package_json

_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """entity_rules.json with its character sets and patterns compiled once (keys with _)."""
    v = dict(package_json("entity_rules.json"))
    v["_strong"] = set(v["name_boundary_chars"])
    v["_weak"] = set(v["name_weak_boundary_chars"])
    v["_org_stops"] = set(v["org_left_stops"])
    by_length: dict[int, set] = {}
    for w in list(v["references"]) + list(v["org_left_stop_words"]):
        by_length.setdefault(len(w), set()).add(w)
    v["_org_left_stop_words_by_length"] = sorted(by_length.items())
    v["_law_left_stops"] = set(v["law_left_stops"]) | set(v["law_left_break_chars"])
    v["_bureau_glue"] = sorted(v["bureau_glue"], key=len, reverse=True)
    v["_place_government_suffixes"] = sorted(v["place_government_suffixes"], key=len, reverse=True)
    v["_event_lead"] = regex.compile(v["event_lead"])
    v["_rep_office"] = regex.compile(v["representative_office"])
    v["_person_count_after"] = regex.compile(v["person_count_after"])
    v["_list_stretch"] = regex.compile(v["list_stretch"])
    v["_edition_at"] = regex.compile(v["event_edition"])
    v["_list_join"] = regex.compile(v["list_join"])
    v["_facility_word"] = regex.compile(v["facility_words"])
    v["_law_suffix"] = regex.compile("|".join(sorted(v["law_suffixes"], key=len, reverse=True)))
    v["_quote"] = regex.compile(
        f"[{regex.escape(v['quote_open'])}]([^{regex.escape(v['quote_close'] + v['quote_open'])}\\n]{{1,60}})"
        f"[{regex.escape(v['quote_close'])}]")
    fields = "|".join(r"\s*".join(regex.escape(c) for c in f)
                      for f in sorted(v["person_list_fields"], key=len, reverse=True))
    v["_list_field"] = regex.compile(rf"(?:^|(?<=[\s。]))(?:{fields})[ \t]*[:：][ \t]*", regex.M)
    return v


def occurrences(text: str, s: str) -> Iterator[int]:
    """Start offsets of every occurrence of ``s`` (a plain search: no pattern to compile)."""
    i = text.find(s)
    while i >= 0:
        yield i
        i = text.find(s, i + 1)


def is_han(ch: str) -> bool:
    """True when ``ch`` starts with a Chinese character (False for an empty string)."""
    return bool(ch) and bool(_HAN.match(ch))


def at_line_start(text: str, i: int) -> bool:
    """Whether only spaces stand between the start of a line and ``i`` (a table row, a
    speaker label), without copying the text before it."""
    j = i
    while j > 0 and text[j - 1] in " \t\u3000":
        j -= 1
    return i == 0 or (j > 0 and text[j - 1] == "\n")


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], dict[str, str]]:
    """What the rules take from the segmentation dictionary, read in one pass (none when it is
    absent): its frequent multi-character words and the tags of its two-character words."""
    from ..segmentation import JIEBA_DICT, segment_dir

    min_freq = vocabulary()["common_word_min_freq"]
    words, tags = set(), {}
    path = segment_dir() / JIEBA_DICT
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and float(parts[1]) >= min_freq \
                        and not (len(parts) > 2 and parts[2].startswith("nr")):
                    words.add(parts[0])
                if len(parts) > 2 and len(parts[0]) == 2:
                    tags[parts[0]] = parts[2]
    return frozenset(words), tags


def common_words() -> frozenset[str]:
    """Frequent multi-character words of the segmentation dictionary (not person names):
    a run made only of them (宣告開會) is not a name."""
    return _dictionary()[0]


def word_tags() -> dict[str, str]:
    """Part-of-speech tags of the two-character words of the segmentation dictionary: a
    candidate given name that is an adverb, preposition or verb (是不, 辯駁) is not a name."""
    return _dictionary()[1]


def all_common_words(s: str) -> bool:
    """True when ``s`` splits entirely into common words of two or more characters."""
    words = common_words()
    ok = [True] + [False] * len(s)
    for i in range(1, len(s) + 1):
        ok[i] = any(ok[j] and s[j:i] in words for j in range(max(0, i - 4), i - 1))
    return ok[len(s)]


def stand_in_end(text: str, start: int, end: int, keep: int) -> int:
    """Where a name ends before a stand-in mark (許阿雪代, 蔡立文兼代: the person stands in for the
    head of the row), when at least ``keep`` characters are left; else ``end``."""
    for mark in vocabulary()["stand_in_marks"]:
        if text.endswith(mark, start, end) and end - start - len(mark) >= keep:
            return end - len(mark)
    return end
