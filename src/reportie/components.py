"""spaCy glue: the tokenizer, the Doc/Span extensions and the registered pipeline components.

The rules themselves live in the stage modules (normalize, outline, sentences, dates,
entities, relations); this module only moves their plain-data results onto spaCy
objects. Extension values are plain lists/dicts so that ``Doc.to_bytes`` and
``nlp.pipe(n_process=...)`` work.
"""
from __future__ import annotations

import bisect
from datetime import date
from pathlib import Path
from typing import Any, Callable

import numpy as np
import srsly
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from . import outline, sentences
from .normalize import map_to_original, normalize


# --- extensions -----------------------------------------------------------------------

def _orig_offsets(span: Span) -> tuple[int, int]:
    return to_original(span.doc, span.start_char, span.end_char)


def to_original(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Map a character span of the (normalised) Doc text to the original text."""
    src = doc._.source_offsets
    if src is None:
        return start, end
    return map_to_original(src, start, end, len(doc._.source))


def _set_extensions() -> None:
    doc_ext: dict[str, Any] = {
        "doc_id": None, "path": None, "encoding": None, "sha256": None,
        "source": None,            # the original decoded text
        "source_offsets": None,    # numpy int32 array: normalised index → original index
        "reference_date": None,    # ISO string given by the user
        "issuer": None,            # issuing government, e.g. 高雄市
        "period": None,            # dict: what 本期 means in the document, with its source
        "sections": None,          # list of dicts (outline.Section fields)
        "sentence_spans": None,    # list of [start, end] of the sentences (normalised offsets)
        "dates": None,             # list of dicts (one per DATE span)
        "officials": None,         # list of dicts
        "events": None,            # list of dicts
    }
    for name, default in doc_ext.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("orig_start"):
        Span.set_extension("orig_start", getter=lambda s: _orig_offsets(s)[0])
        Span.set_extension("orig_end", getter=lambda s: _orig_offsets(s)[1])
        Span.set_extension("orig_text", getter=lambda s: (s.doc._.source or text_of(s.doc))[
            slice(*_orig_offsets(s))])
    if not Span.has_extension("section_id"):
        Span.set_extension("section_id", getter=lambda s: section_id_at(s.doc, s.start_char))
    if not Token.has_extension("section_id"):
        Token.set_extension("section_id", getter=lambda t: section_id_at(t.doc, t.idx))
    for name in ("date_value", "canonical", "source"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


_set_extensions()


_TEXT_KEY = "reportie.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token each time it is asked, and
    every step of the pipeline (and the tables) needs the whole text."""
    text = doc.user_data.get(_TEXT_KEY)
    last = doc[-1] if len(doc) else None
    if text is None or len(text) != (last.idx + len(last.text_with_ws) if last is not None else 0):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def section_id_at(doc: Doc, offset: int) -> int | None:
    """The innermost section containing a character offset of the Doc text."""
    best = outline.section_at(doc._.sections or [], offset)
    return best["section_id"] if best else None


# --- tokenizer ------------------------------------------------------------------------

class Tokenizer:
    """Normalises raw report text, then segments it into words.

    ``doc.text`` is the normalised view; ``doc._.source`` keeps the original text and
    ``doc._.source_offsets`` maps every character back to it.
    """

    def __init__(self, vocab, segmenter: str = "pkuseg", repair_wraps: bool = True) -> None:
        from .segmentation import Segmenter

        self.vocab = vocab
        self.segmenter_name = segmenter
        self.repair_wraps = repair_wraps
        self.segmenter = Segmenter(vocab, segmenter=segmenter)

    def __call__(self, text: str) -> Doc:
        norm = normalize(text, repair_wraps=self.repair_wraps)
        doc = self.segmenter(norm.text)
        doc.user_data[_TEXT_KEY] = norm.text
        doc._.source = text
        doc._.source_offsets = np.asarray(norm.source, dtype=np.int32)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def _cfg(self) -> dict:
        return {"segmenter": self.segmenter_name, "repair_wraps": self.repair_wraps}

    def to_bytes(self, **kwargs) -> bytes:
        return srsly.msgpack_dumps({"cfg": self._cfg(), "segmenter": self.segmenter.to_bytes()})

    def from_bytes(self, data: bytes, **kwargs) -> "Tokenizer":
        msg = srsly.msgpack_loads(data)
        self.__init__(self.vocab, **msg["cfg"])
        self.segmenter.from_bytes(msg["segmenter"])
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", self._cfg())
        self.segmenter.to_disk(path / "segmenter")

    def from_disk(self, path: str | Path, **kwargs) -> "Tokenizer":
        path = Path(path)
        self.__init__(self.vocab, **srsly.read_json(path / "cfg.json"))
        self.segmenter.from_disk(path / "segmenter")
        return self


@registry.tokenizers("reportie.Tokenizer.v1")
def create_tokenizer(segmenter: str = "pkuseg", repair_wraps: bool = True) -> Callable:
    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab, segmenter=segmenter, repair_wraps=repair_wraps)
    return make


# --- structure ------------------------------------------------------------------------

@Language.component("reportie_outline")
def outline_component(doc: Doc) -> Doc:
    """Doc._.sections: the numbered headings of the document and their nesting."""
    doc._.sections = [s.__dict__.copy() for s in outline.find_sections(text_of(doc))]
    return doc


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """The sentences of the Doc text, split once and kept on the Doc (Doc._.sentence_spans)."""
    if doc._.sentence_spans is None:
        doc._.sentence_spans = [list(span) for span in sentences.split_sentences(text_of(doc))]
    return [tuple(span) for span in doc._.sentence_spans]


@Language.component("reportie_sentences")
def sentences_component(doc: Doc) -> Doc:
    """doc.sents from 。！？ and paragraph ends (not hard wraps)."""
    if not len(doc):
        return doc
    token_starts = doc.to_array([IDX])
    flags = np.full(len(doc), -1, dtype=np.int32)  # -1: not a sentence start
    for s, _ in sentence_spans(doc):
        flags[max(int(np.searchsorted(token_starts, s, side="right")) - 1, 0)] = 1
    flags[0] = 1
    doc.from_array([SENT_START], flags.astype(np.uint64).reshape(-1, 1))
    return doc


# --- dates ----------------------------------------------------------------------------

def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


@Language.component("reportie_dates")
def dates_component(doc: Doc) -> Doc:
    """doc.spans["dates"] with Span._.date_value, and Doc._.period (what 本期 means)."""
    from . import dates

    reference = _as_date(doc._.reference_date)
    period = dates.document_period(text_of(doc))
    if reference is not None:
        doc._.period = {"start": reference.isoformat(), "end": reference.isoformat(),
                        "granularity": "day", "source": "reference_date"}
        context: Any = reference
    elif period is not None:
        doc._.period = {"start": period.start.isoformat(), "end": period.end.isoformat(),
                        "granularity": period.granularity, "source": period.source,
                        "evidence_start": period.evidence_start, "evidence_end": period.evidence_end}
        context = period
    else:
        context = None
    spans, values = [], []
    for m in dates.parse(text_of(doc), reference_date=context):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        v = m.value
        value = {
            "start": v.start.isoformat() if v.start else None,
            "end": v.end.isoformat() if v.end else None,
            "granularity": v.granularity, "calendar": v.calendar,
            "inferred": v.inferred, "valid": v.valid,
            "start_char": m.start, "end_char": m.end,
        }
        span._.date_value = value
        spans.append(span)
        values.append(value)
    doc.spans["dates"] = spans
    doc._.dates = values
    return doc


# --- entities ---------------------------------------------------------------------------

def align_tokens(doc: Doc, offsets: set[int]) -> None:
    """Split tokens so that every offset in ``offsets`` is a token boundary (for doc.ents)."""
    splits = []
    cuts_at = sorted(offsets)
    for token in doc:
        a, b = token.idx, token.idx + len(token.text)
        i = bisect.bisect_right(cuts_at, a)
        inner = []
        while i < len(cuts_at) and cuts_at[i] < b:
            inner.append(cuts_at[i] - a)
            i += 1
        if inner:
            cuts = [0] + inner + [len(token.text)]
            splits.append((token, [token.text[a:b] for a, b in zip(cuts, cuts[1:])]))
    if not splits:
        return
    with doc.retokenize() as retokenizer:
        for token, orths in splits:
            heads = [(token, i) for i in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)


@Language.component("reportie_entities")
def entities_component(doc: Doc) -> Doc:
    """doc.ents from gazetteers and rules, with Span._.canonical and Span._.source."""
    from .entities import recognize

    issuer, council = recognize.issuer_of(text_of(doc), doc._.issuer)
    doc._.issuer = issuer
    # spans a statistical "ner" component put on the Doc before us are candidates too
    model_spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    found = recognize.find(text_of(doc), doc._.dates or [], doc._.issuer, model_spans)
    kept_dates = {(c.start, c.end) for c in found if c.label == "DATE"}
    if doc._.dates is not None:
        doc._.dates = [d for d in doc._.dates if (d["start_char"], d["end_char"]) in kept_dates]
    align_tokens(doc, {c.start for c in found} | {c.end for c in found})
    spans = []
    for c in found:
        span = doc.char_span(c.start, c.end, label=c.label)
        if span is None:
            continue
        span._.canonical = c.canonical
        span._.source = "model" if c.rule == "model" else "rule"
        spans.append(span)
    doc.set_ents(spans, default="outside")
    doc.spans["dates"] = [s for s in spans if s.label_ == "DATE"]
    values = {d["start_char"]: d for d in doc._.dates or []}
    for s in doc.spans["dates"]:
        s._.date_value = values.get(s.start_char)
    doc.user_data["reportie_council"] = council
    doc.user_data["reportie_entity_meta"] = [(c.start, c.end, dict(c.meta)) for c in found if c.meta]
    return doc


def _mentions(doc: Doc):
    from .relations.officials import Mention

    meta = {(a, b): m for a, b, m in doc.user_data.get("reportie_entity_meta", [])}
    out = []
    for ent in doc.ents:
        m = meta.get((ent.start_char, ent.end_char), {})
        out.append(Mention(ent.start_char, ent.end_char, ent.label_, ent.text, ent._.canonical or ent.text,
                           title=m.get("title", ""), surname_only=bool(m.get("surname_only"))))
    return out


@Language.component("reportie_officials")
def officials_component(doc: Doc) -> Doc:
    """Doc._.officials: (person, title, affiliation) rows."""
    from .relations.officials import find_officials

    doc._.officials = find_officials(text_of(doc), _mentions(doc), doc._.issuer,
                                     doc.user_data.get("reportie_council"))
    return doc


@Language.component("reportie_events")
def events_component(doc: Doc) -> Doc:
    """Doc._.events: typed events with their roles."""
    from .relations.events import Context, find_events

    contexts = []
    sections = doc._.sections or []
    for start, end in sentence_spans(doc):
        sid = section_id_at(doc, start)
        heading, dated_heading = None, True
        outer: list[tuple[int, int]] = []  # the headings above, innermost first
        innermost = True
        while sid is not None:
            s = sections[sid]
            title_end = s["title_end"]
            if not (s["start"] <= start <= title_end):  # a sentence under a heading, not the heading
                if innermost:
                    heading = (s["start"], title_end)
                    dated_heading = not s["opens_with_sentence"]
                outer.append((s["start"], title_end))
            innermost = False
            sid = s["parent_id"]
        contexts.append(Context(start, end, heading, tuple(outer), dated_heading))
    doc._.events = find_events(text_of(doc), _mentions(doc), contexts, doc._.dates or [])
    return doc
