"""The entity recogniser: rule candidates (and model candidates) → one flat set of spans."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from .canonical import canonical_name
from .gazetteer import Gazetteer, default_gazetteer
from .issuer import detect_issuer
from .rules import Candidate, Rules, resolve


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return Rules(default_gazetteer())


def issuer_of(doc: Doc) -> tuple[str | None, str | None]:
    """The issuer given by the user, else detected from the text."""
    gaz = default_gazetteer()
    detected, council = detect_issuer(doc.text, gaz)
    return doc._.issuer or detected, council


def find(text: str, dates: list[dict], issuer: str | None) -> list[Candidate]:
    """Flat entity spans of a normalised text, with canonical names."""
    rules = _rules()
    gaz: Gazetteer = rules.gaz
    spans = [(d["start_char"], d["end_char"]) for d in dates]
    chosen = resolve(rules.candidates(text, spans))
    return [replace(c, canonical=canonical_name(text[c.start:c.end], c.label, gaz, issuer, c.canonical))
            for c in chosen]
