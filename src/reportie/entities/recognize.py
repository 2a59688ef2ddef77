"""The entity recogniser: rule candidates (and model candidates) → one flat set of spans."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import regex

from .candidate import P_MODEL, Candidate
from .canonical import canonical_name, short_country_forms
from .gazetteer import Gazetteer, default_gazetteer
from .issuer import detect_issuer, header_issuer
from .lexicon import all_common_words, stand_in_end, vocabulary
from .names import bracketed_latin, past_leading_verb
from .persons import listed_people
from .rules import Rules, resolve


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return Rules(default_gazetteer())


def issuer_of(text: str, given: str | None) -> tuple[str | None, str | None]:
    """The issuer given by the user, else detected from the text; and its council (the
    document's header says whether it is a council's, so a given issuer needs no scan)."""
    if given:
        named = header_issuer(text, default_gazetteer())
        return given, named[1] if named else None
    return detect_issuer(text, default_gazetteer())


def model_candidates(text: str, spans: list[tuple[int, int, str]]) -> list[Candidate]:
    """The statistical recogniser's coarse spans (PERSON/LOC/ORG), typed by the gazetteers."""
    gaz = default_gazetteer()
    trim = vocabulary()["model_trim"]
    out = []
    for start, end, coarse in spans:
        while start < end and text[start] in trim:
            start += 1
        while end > start and text[end - 1] in trim:
            end -= 1
        if coarse == "PERSON":
            start, end = _trim_person(text, start, end, gaz)
        elif coarse == "ORG":  # 問馬政府, 對馬政府, 4.馬政府: a verb or list number glued to the name
            while end - start > 2 and (text[start] in vocabulary()["model_org_trim_chars"] or text[start].isdigit()):
                start += 1
            start = past_leading_verb(text, start, end, vocabulary())
        name = text[start:end]
        if len(name) < 2 or end - start > 30 or any(c in _BREAKS for c in name):
            continue  # a name does not run across punctuation or a line
        if _partial_latin(text, start, end):
            continue  # Bo of Mr. Bo Bladholm: part of a longer Latin name
        if name in vocabulary()["not_names"] or (coarse == "PERSON" and not _plausible_person(name)):
            continue
        label = fine_label(name, coarse, gaz)
        if label == "LOC" and gaz.lookup(name) is None and not name.endswith(tuple(vocabulary()["loc_endings"])):
            continue  # an unknown "place" with no place-like ending: more often wrong than right
        out.append(Candidate(start, end, label, P_MODEL, rule="model"))
    return out


_BREAKS = set("\n:;,。、()「」『』-－—")


_LATIN = regex.compile(r"[A-Za-z\u00C0-\u024F]")


def _partial_latin(text: str, start: int, end: int) -> bool:
    """True when a Latin span continues into Latin words on either side."""
    left = start >= 2 and text[start - 1] == " " and _LATIN.match(text[start - 2])
    right = end + 1 < len(text) and text[end] == " " and _LATIN.match(text[end + 1])
    return bool(_LATIN.match(text[start:start + 1]) and (left or right))


def _trim_person(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, int]:
    """聽金溥聰 → 金溥聰, 金溥聰是 → 金溥聰, 達賴二度 → 達賴: a function character glued to a Chinese name by the
    statistical recogniser is not part of it."""
    bad = vocabulary()["person_never_chars"]
    while end - start > 2 and text[end - 1] in bad:
        end -= 1
    if end - start > 2 and vocabulary()["_person_count_after"].match(text, end - 1):
        end -= 1  # 達賴二度來訪: how many times, not part of the name
    if not text[end:end + 1].strip():
        end = stand_in_end(text, start, end, keep=3)  # 都市發展局局長：丁育群  許阿雪代: 許阿雪
    if end - start >= 3 and text[start] in bad and text[start + 1] in gaz.surnames:
        start += 1
    while start < end and (text[start].isdigit() or text[start] in ".．"):
        start += 1
    return start, end


def _plausible_person(name: str) -> bool:
    """Model PERSON spans that start with a function word or verb (晉訪馬, 於) or are made of
    common words (祝詞, 文宣案) are not names."""
    v = vocabulary()
    if any(c in v["person_never_chars"] for c in name) or any(r in name for r in v["references"] if len(r) >= 2):
        return False  # (須動支本府: a reference is no part of a name)
    return name[0] not in v["_strong"] and name[0] not in v["_weak"] and not all_common_words(name)


def fine_label(name: str, coarse: str, gaz: Gazetteer) -> str:
    """The guide's label for a model span: the gazetteer's, else by the name's ending."""
    entry = gaz.lookup(name)
    if entry is not None and entry.label != "TITLE":
        return entry.label
    if coarse == "LOC":
        if name.endswith(tuple(vocabulary()["city_endings"])):
            return "CITY"
        if name.endswith("國") and len(name) >= 3:
            return "COUNTRY"
        return "LOC"
    if coarse == "ORG":
        body = gaz.suffix_of(name, len(name), "BUREAU")
        if body and len(body) >= len(gaz.suffix_of(name, len(name), "ORG") or "") and not name.startswith(
                tuple(vocabulary()["international_prefixes"])):
            return "BUREAU"  # but 世界醫師會, 國際佛光會: international bodies are ORG
        return "ORG"  # 美濃愛鄉學會: an association's ending is longer than a body's 會
    return coarse


def find(text: str, dates: list[dict], issuer: str | None,
         model_spans: list[tuple[int, int, str]] = ()) -> list[Candidate]:
    """Flat entity spans of a normalised text, with canonical names.

    Rule candidates (gazetteers, patterns) and the statistical recogniser's candidates are
    resolved together by priority: rules win where they fire, the model fills the gaps.
    Two rules read the resolved spans and add to them: unread items of a list of people,
    and the bracketed Latin name after any name. Short country names are read last, in
    document order.
    """
    rules = _rules()
    gaz: Gazetteer = rules.gaz
    spans = [(d["start_char"], d["end_char"]) for d in dates]
    candidates = rules.candidates(text, spans) + model_candidates(text, list(model_spans))
    chosen = resolve(candidates, text)
    extra = listed_people(gaz, rules.v, text, chosen) + bracketed_latin(text, chosen)
    if extra:  # (a second resolution can only add: what the first kept stays)
        chosen = resolve(chosen + extra, text)
    return short_country_forms(
        [replace(c, canonical=canonical_name(text[c.start:c.end], c.label, gaz, issuer, c.canonical))
         for c in chosen], text, gaz)
