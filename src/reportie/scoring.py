"""Span scoring shared by reportie's evaluation and the scripts that score other taggers:
precision/recall/F1 counts, the coarse PER/LOC/ORG mapping and the UNER IOB2 reader.

Standard library only, so that scripts/evaluate_peers.py can load this file by path in a
peer tagger's own environment, where reportie's dependencies are not installed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# reportie's labels → the coarse types of UNER
COARSE = {"PERSON": "PER", "COUNTRY": "LOC", "CITY": "LOC", "LOC": "LOC", "BUREAU": "ORG", "ORG": "ORG"}


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def row(self) -> dict:
        return {"P": round(self.p, 3), "R": round(self.r, 3), "F1": round(self.f, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def read_iob2(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """Sentences of a UNER IOB2 file as (text, {(start, end, label)}) in character offsets."""
    sents = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if not tokens:
            return
        text, spans, pos, cur = "", set(), 0, None
        for tok, tag in tokens:
            start = pos
            text += tok
            pos += len(tok)
            if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
                if cur:
                    spans.add(cur)
                cur = (start, pos, tag[2:])
            elif tag.startswith("I-") and cur:
                cur = (cur[0], pos, cur[2])
            else:
                if cur:
                    spans.add(cur)
                cur = None
        if cur:
            spans.add(cur)
        sents.append((text, spans))
        tokens.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            tokens.append((cols[1], cols[2]))
    flush()
    return sents
