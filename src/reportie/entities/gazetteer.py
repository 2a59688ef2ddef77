"""Gazetteers (models/gazetteers/*.tsv): names, suffixes and surnames the entity rules use.

Every list is data: a TSV with a header and a ``source`` column. A file with ``name``
and ``label`` columns contributes names; ``*_suffixes.tsv`` contribute name endings;
``surnames.tsv`` contributes surnames. Lookups run on the normalised (NFKC) text.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..resources import models_dir


@dataclass(frozen=True)
class Entry:
    name: str
    label: str
    canonical: str
    kind: str = ""
    ambiguous: bool = False
    usage: str = ""  # countries: "informal" for a short form like 薩國, 聖國


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip()


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.DictReader(fh, delimiter="\t")]


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"yes", "true", "1", "y"}


@dataclass(frozen=True)
class Suffix:
    """An ending that marks a name of some label (協會 → ORG), with how much may precede it."""

    suffix: str
    label: str
    min_prefix: int = 2
    max_prefix: int = 10
    strength: str = "strong"
    ambiguous: bool = False
    kind: str = ""


@dataclass
class Gazetteer:
    """Exact-name lookup with leftmost-longest matching, plus suffix and surname lists."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    suffixes: dict[str, list[Suffix]] = field(default_factory=dict)  # label → longest first
    not_entity_suffixes: list[str] = field(default_factory=list)
    surnames: dict[str, str] = field(default_factory=dict)  # surname → origin
    surname_rank: dict[str, int] = field(default_factory=dict)  # Chinese surname → frequency rank
    abbreviations: dict[str, list[Entry]] = field(default_factory=dict)  # single-character place names
    _lengths: dict[str, list[int]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        if not entry.name:
            return
        self.entries.setdefault(entry.name, []).append(entry)
        lengths = self._lengths.setdefault(entry.name[0], [])
        if len(entry.name) not in lengths:
            lengths.append(len(entry.name))
            lengths.sort(reverse=True)

    def lookup(self, name: str, label: str | None = None) -> Entry | None:
        for e in self.entries.get(name, ()):
            if label is None or e.label == label:
                return e
        return None

    def longest_at(self, text: str, i: int, labels: set[str] | None = None) -> Entry | None:
        """The longest entry starting at ``text[i]`` (optionally of some labels)."""
        if text[i] < "\x80" and i > 0 and _latin(text[i]) and _latin(text[i - 1]):
            return None  # (SAID of USAID: no name starts inside a Latin word)
        for n in self._lengths.get(text[i], ()):
            if i + n < len(text) and text[i + n - 1] < "\x80" and _latin(text[i + n - 1]) and _latin(text[i + n]):
                continue  # USA inside USAID, AIT inside AITIC: no name ends inside one either
            for e in self.entries.get(text[i:i + n], ()):
                if labels is None or e.label in labels:
                    return e
        return None

    def scan(self, text: str, labels: set[str] | None = None) -> list[tuple[int, int, Entry]]:
        """Leftmost-longest, non-overlapping matches of entries in ``text``."""
        out = []
        i, n = 0, len(text)
        while i < n:
            e = self.longest_at(text, i, labels) if text[i] in self._lengths else None
            if e is None:
                i += 1
                continue
            out.append((i, i + len(e.name), e))
            i += len(e.name)
        return out

    def suffix_of(self, text: str, end: int, label: str) -> str | None:
        """The longest suffix of ``label`` ending at ``end``."""
        for s in self.suffixes.get(label, ()):
            if text.endswith(s.suffix, 0, end):
                return s.suffix
        return None


def _latin(ch: str) -> bool:
    """A letter or digit of a Latin word or number."""
    return ch.isascii() and ch.isalnum()


def _add_file(gaz: Gazetteer, path: Path) -> None:
    rows = _rows(path)
    if not rows:
        return
    cols = set(rows[0])
    stem = path.stem
    if stem.startswith("surname"):
        for r in rows:
            name = _nfkc(r.get("name") or r.get("surname") or "")
            if name:
                gaz.surnames[name] = (r.get("origin") or "chinese").strip()
                if (r.get("rank") or "").isdigit():
                    gaz.surname_rank[name] = int(r["rank"])
        return
    if stem.endswith("suffixes"):
        for r in rows:
            suffix = _nfkc(r.get("suffix") or r.get("name") or "")
            label = (r.get("label") or "").strip()
            if not suffix:
                continue
            if label in {"", "NONE", "O", "not_entity"} or _flag(r.get("not_entity")):
                gaz.not_entity_suffixes.append(suffix)
            else:
                gaz.suffixes.setdefault(label, []).append(Suffix(
                    suffix, label, int(r.get("min_prefix") or 2), int(r.get("max_prefix") or 10),
                    (r.get("strength") or "strong").strip(), _flag(r.get("ambiguous")),
                    (r.get("kind") or "").strip()))
        return
    if not {"name", "label"} <= cols:
        return
    abbreviations = "abbreviation" in stem
    for r in rows:
        name = _nfkc(r["name"])
        label = (r["label"] or "").strip()
        if not name or not label:
            continue
        entry = Entry(name=name, label=label, canonical=_nfkc(r.get("canonical") or name),
                      kind=(r.get("kind") or "").strip(), ambiguous=_flag(r.get("ambiguous")),
                      usage=(r.get("usage") or "").strip())
        if abbreviations or (len(name) == 1 and label in {"COUNTRY", "CITY", "LOC"}):
            gaz.abbreviations.setdefault(name, []).append(entry)
        else:
            gaz.add(entry)


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    """Read every TSV in ``models/gazetteers`` (top level) into one Gazetteer."""
    directory = Path(directory) if directory else models_dir() / "gazetteers"
    gaz = Gazetteer()
    for path in sorted(directory.glob("*.tsv")):
        _add_file(gaz, path)
    for label in gaz.suffixes:
        gaz.suffixes[label].sort(key=lambda s: -len(s.suffix))
    return gaz


@lru_cache(maxsize=2)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()
