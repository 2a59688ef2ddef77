"""Evaluate reportie against the gold annotations (and UNER for coarse entity types).

Usage: python scripts/evaluate.py [--split train|test|all] [--docs PATTERN ...] [--errors N] [--uner] [--json FILE]

Prints: DATE span P/R/F1 and value accuracy; entity per-label and micro P/R/F1;
officials P/R/F1; event and role P/R/F1; with --uner, coarse PER/LOC/ORG F1 on the UNER
Chinese-GSD and PUD test sets for reportie and for jieba.posseg (nr/ns/nt) in the same run.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import reportie  # noqa: E402
from reportie.annotations import load_gold  # noqa: E402
from reportie.evaluation import evaluate, format_scores, scores_dict  # noqa: E402
from reportie.loading import read_table  # noqa: E402
from reportie.references import read_date  # noqa: E402
from reportie.scoring import COARSE, PRF, read_iob2  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def manifest_dates() -> dict[str, date]:
    """The date each shared report is about, from its MANIFEST (what a user would pass as
    --reference-date): the start of the period it covers, else the date it was given."""
    out: dict[str, date] = {}
    path = SHARED / "reports" / "MANIFEST.tsv"
    if path.exists():
        for row in read_table(path, "\t")[1]:
            text = row.get("approx_date", "")
            m = re.search(r"covers ROC ([^;]+)", text)
            if m:
                out[row["file"]] = read_date(m.group(1).strip(), path.name)
            elif re.match(r"\d{4}-\d{2}-\d{2}", text):
                out[row["file"]] = date.fromisoformat(text[:10])
    return out


def evaluate_gold(split: str, n_errors: int, nlp, with_reference: bool = False,
                  docs: list[str] | None = None) -> dict:
    golds = load_gold(ROOT / "annotations", split=None if split == "all" else split, docs=docs)
    if not golds:
        print("no gold documents found (annotations/ or ../shared/data/reports missing)", file=sys.stderr)
        return {}
    s = evaluate(nlp, golds, manifest_dates() if with_reference else None)
    how = "reference dates from MANIFEST.tsv" if with_reference else "no reference date"
    which = f"split: {split}" + (f", files {' '.join(docs)}" if docs else "")
    print(f"\n## Gold: {len(golds)} documents ({which}; {how})\n")
    print(format_scores(s, n_errors))
    return scores_dict(s)


def _posseg_spans(text: str) -> set[tuple[int, int, str]]:
    import jieba.posseg

    out, pos = set(), 0
    tags = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
    for w in jieba.posseg.lcut(text, HMM=False):
        if w.flag in tags:
            out.add((pos, pos + len(w.word), tags[w.flag]))
        pos += len(w.word)
    return out


def evaluate_uner(nlp) -> dict:
    results = {}
    files = {"GSD test": SHARED / "ner" / "uner_zh_gsd" / "zh_gsd-ud-test.iob2",
             "PUD test": SHARED / "ner" / "uner_zh_pud" / "zh_pud-ud-test.iob2"}
    print("\n## UNER coarse PER/LOC/ORG (exact span and type)\n")
    print("| set | system | P | R | F1 | chars/s |\n|---|---|---|---|---|---|")
    for name, path in files.items():
        if not path.exists():
            print(f"| {name} | (missing) | | | | |")
            continue
        sents = read_iob2(path)
        texts = [t for t, _ in sents]
        n_chars = sum(len(t) for t in texts)
        for system in ("reportie", "jieba.posseg"):
            prf = PRF()
            t0 = time.perf_counter()
            if system == "reportie":
                preds = []
                for doc in nlp.pipe(texts, batch_size=64):
                    spans = set()
                    for ent in doc.ents:
                        if ent.label_ in COARSE:
                            spans.add((ent._.orig_start, ent._.orig_end, COARSE[ent.label_]))
                    preds.append(spans)
            else:
                preds = [_posseg_spans(t) for t in texts]
            dt = time.perf_counter() - t0
            for (_, gold), pred in zip(sents, preds):
                prf.add(gold, pred)
            results[f"{name} {system}"] = prf.row()
            print(f"| {name} | {system} | {prf.p:.3f} | {prf.r:.3f} | {prf.f:.3f} | {n_chars / dt:,.0f} |")
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="all", choices=["train", "test", "all"])
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    ap.add_argument("--uner", action="store_true", help="also score coarse PER/LOC/ORG on UNER test sets")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--reference", action="store_true",
                    help="pass each shared report's MANIFEST date as --reference-date")
    ap.add_argument("--docs", nargs="+", metavar="PATTERN",
                    help="score only the gold documents whose file stem matches a pattern (fnmatch)")
    args = ap.parse_args()
    nlp = reportie.load()
    out = {"gold": evaluate_gold(args.split, args.errors, nlp, with_reference=args.reference,
                                 docs=args.docs)}
    if args.uner:
        out["uner"] = evaluate_uner(nlp)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
