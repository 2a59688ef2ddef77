"""Diagnose the statistical entity recogniser on UNER (coarse PER/LOC/ORG, exact span).

Usage: python scripts/ner_diagnose.py [MODEL_DIR]   (default: models/ner)

For UNER GSD dev, GSD test and PUD test prints: the share of gold spans whose both ends
fall on reportie's word boundaries (the ceiling of a word-level model), and P/R/F1 with
per-type P/R/F1 for the model alone (on reportie's tokenizer output) and for the full
pipeline (rules + model). Tune on GSD dev only.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import spacy  # noqa: E402

import reportie  # noqa: E402
from reportie.scoring import COARSE, PRF, read_iob2  # noqa: E402

NER = ROOT.parent / "shared" / "data" / "ner"
SETS = {"GSD dev": NER / "uner_zh_gsd" / "zh_gsd-ud-dev.iob2",
        "GSD test": NER / "uner_zh_gsd" / "zh_gsd-ud-test.iob2",
        "PUD test": NER / "uner_zh_pud" / "zh_pud-ud-test.iob2"}


def line(name: str, golds: list[set], preds: list[set]) -> str:
    total, per = PRF(), defaultdict(PRF)
    for gold, pred in zip(golds, preds):
        total.add(gold, pred)
        for t in ("PER", "LOC", "ORG"):
            per[t].add({x for x in gold if x[2] == t}, {x for x in pred if x[2] == t})
    types = "; ".join(f"{t} {p.p:.2f}/{p.r:.2f}/{p.f:.3f}" for t, p in per.items())
    return f"| {name} | {total.p:.3f} | {total.r:.3f} | {total.f:.3f} | {types} |"


def main() -> int:
    model_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "models" / "ner"
    source = spacy.load(model_dir)
    ner = source.get_pipe("ner")
    tokenizer, full = reportie.load(stages=()), reportie.load(use_model=False)
    full.add_pipe("ner", source=source, before="entities")  # the model given, where load() puts its own
    for name, path in SETS.items():
        if not path.exists():
            print(f"{name}: missing ({path})")
            continue
        sents = read_iob2(path)
        texts, golds = [t for t, _ in sents], [g for _, g in sents]
        n = on_words = 0
        alone = []
        for text, gold in zip(texts, golds):
            doc = tokenizer(text)
            bounds = {t.idx for t in doc} | {t.idx + len(t) for t in doc}
            n += len(gold)
            on_words += sum(s in bounds and e in bounds for s, e, _ in gold)
            alone.append({(e._.orig_start, e._.orig_end, COARSE[e.label_]) for e in ner(doc).ents})
        pipeline = [{(e._.orig_start, e._.orig_end, COARSE[e.label_]) for e in doc.ents if e.label_ in COARSE}
                    for doc in full.pipe(texts, batch_size=64)]
        print(f"\n## {name}: {len(sents)} sentences, {n} gold spans, "
              f"{on_words / max(n, 1):.3f} on word boundaries\n")
        print("| system | P | R | F1 | per type P/R/F1 |\n|---|---|---|---|---|")
        print(line("model alone", golds, alone))
        print(line("full pipeline", golds, pipeline))
    return 0


if __name__ == "__main__":
    sys.exit(main())
