"""Training the statistical entity recogniser shipped in models/ner/ (coarse PERSON/LOC/ORG).

The rules give fine labels and precision; this model gives recall on names no list
contains. It is trained on:
- the UNER Chinese-GSD training split (../shared/data/ner/uner_zh_gsd, CC BY-SA 4.0);
- the train split of annotations/ (gold report text), labels mapped to coarse types.
The test split of annotations/ is never used here.

Run by ``reportie train`` and ``python scripts/train_ner.py``.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch

from .annotations import load_gold
from .scoring import COARSE, read_iob2
from .segmentation import segment
from .sentences import split_sentences

UNER_TRAIN_NAME = Path("ner") / "uner_zh_gsd" / "zh_gsd-ud-train.iob2"


def default_uner(annotations: Path) -> Path:
    """UNER GSD train in ../shared/data next to the checkout that holds ``annotations``."""
    return annotations.resolve().parent.parent / "shared" / "data" / UNER_TRAIN_NAME
# the model's labels: the evaluation's coarse types, with PERSON spelt as the guide spells it
TO_COARSE = {label: {"PER": "PERSON"}.get(c, c) for label, c in COARSE.items()} | {"PER": "PERSON"}

MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": 64,
        "depth": 2,
        "embed_size": 3000,
        "window_size": 1,
        "maxout_pieces": 3,
        "subword_features": True,
    },
}


def make_example(nlp, text: str, spans: set[tuple[int, int, str]]) -> Example | None:
    words = segment(text)
    if not words:
        return None
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    ents = []
    for start, end, label in sorted(spans):
        coarse = TO_COARSE.get(label)
        if not coarse:
            continue
        span = doc.char_span(start, end, label=coarse, alignment_mode="expand")
        if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
            ents.append(span)
    ref = doc.copy()
    ref.set_ents(ents, default="outside")
    return Example(doc, ref)


def uner_examples(nlp, path: Path) -> list[Example]:
    if not path.exists():
        print(f"UNER training split not found at {path}: training on gold only", file=sys.stderr)
        return []
    return [e for e in (make_example(nlp, t, s) for t, s in read_iob2(path)) if e is not None]


def gold_examples(nlp, annotations: Path | None = None) -> list[Example]:
    out = []
    for g in load_gold(annotations, split="train"):
        if "entities" not in g.layers:
            continue
        text = g.path.read_text(encoding="utf-8-sig")
        spans = [(s["start"], s["end"], s["label"]) for s in g.spans]
        for a, b in split_sentences(text):
            inside = {(s - a, e - a, label) for s, e, label in spans if a <= s and e <= b}
            ex = make_example(nlp, text[a:b], inside)
            if ex is not None:
                out.append(ex)
    return out


def train_ner(out: Path, *, annotations: Path, uner: Path | None = None,
              epochs: int = 10, seed: int = 0, log=print) -> Path:
    """Train the recogniser on UNER GSD train (if present) and the gold train split; save it."""
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("zh")
    ner = nlp.add_pipe("ner", config={"model": MODEL})
    for label in ("PERSON", "LOC", "ORG"):
        ner.add_label(label)
    t0 = time.perf_counter()
    gold = gold_examples(nlp, annotations)
    extra = uner_examples(nlp, uner) if uner else []
    if not gold and not extra:
        raise ValueError("no training data: no gold train documents and no UNER training split")
    # gold report sentences count three times: they are the genre we serve
    train = extra + gold * 3
    log(f"examples: {len(extra)} UNER + {len(gold)} gold sentences ({time.perf_counter() - t0:.0f}s)")
    optimizer = nlp.initialize(lambda: train)
    for epoch in range(epochs):
        random.shuffle(train)
        losses: dict = {}
        t = time.perf_counter()
        for batch in minibatch(train, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        log(f"epoch {epoch + 1}: loss {losses.get('ner', 0):.1f} ({time.perf_counter() - t:.0f}s)")
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    (out / "SOURCES.md").write_text(SOURCES, encoding="utf-8")
    return out


SOURCES = (
    "# models/ner\n\nspaCy entity recogniser (coarse PERSON / LOC / ORG) built by "
    "`reportie train` (or `python scripts/train_ner.py`).\n\nTrained on:\n"
    "- UNER Chinese-GSD training split (Mayhew et al., Universal NER, NAACL 2024; "
    "UniversalNER/UNER_Chinese-GSD, built on UD_Chinese-GSD), licensed CC BY-SA 4.0. "
    "This model is a derived work and is shared under CC BY-SA 4.0.\n"
    "- The train split of annotations/ (reportie's own gold annotations).\n")
