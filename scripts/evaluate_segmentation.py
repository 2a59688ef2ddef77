#!/usr/bin/env python3
"""Word-segmentation scores of reportie's segmenters and plain ``jieba.lcut``.

    python scripts/evaluate_segmentation.py [--dev] [--segmenters jieba pkuseg plain-jieba]

Gold data come from ../shared/data (relative to the repository):
- SIGHAN 2005 AS and CityU test (research use only: evaluated on, never trained on);
- UD Chinese-GSD test (and dev with --dev) and UD Chinese-HK test.

Reported per segmenter and set: word precision / recall / F1, OOV recall against the
segmenter's own lexicon (jieba: its dictionary; pkuseg: GSD-train words; plain jieba:
jieba's default dictionary), OOV recall against the reference lexicon (SIGHAN: the
official as/cityu_training_words lists; UD: the GSD-train word list), and characters per
second. Speed is also measured on ~1 MB of real reports (../shared/data/reports/*.txt,
concatenated and repeated), each segmenter on the same text in the same run.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from reportie.evaluation import word_spans  # noqa: E402


# ------------------------------------------------------------------ gold data
def load_sighan(name: str) -> list[tuple[str, list[str]]]:
    """(test line, gold words). AS gold separates words with U+3000 and has CRLF endings;
    CityU files start with a BOM. str.split() handles every separator."""
    d = DATA / "sighan2005"
    gold_file = {"as": "as_testing_gold.utf8", "cityu": "cityu_test_gold.utf8"}[name]
    test_file = {"as": "as_test.utf8", "cityu": "cityu_test.utf8"}[name]
    gold = (d / gold_file).read_text(encoding="utf-8-sig").splitlines()
    test = (d / test_file).read_text(encoding="utf-8-sig").splitlines()
    if len(gold) != len(test):
        raise SystemExit(f"{gold_file} and {test_file} do not align")
    return [(t, g.split()) for g, t in zip(gold, test) if g.strip()]


def load_conllu(path: Path) -> list[tuple[str, list[str]]]:
    out, text, words = [], None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif not line:
                if words:
                    out.append((text if text is not None else "".join(words), words))
                text, words = None, []
            elif line.startswith("#"):
                continue
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue  # multiword ranges / empty nodes
                words.append(cols[1])
    if words:
        out.append((text if text is not None else "".join(words), words))
    return out


def load_iob2_words(path: Path) -> set[str]:
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                words.add(line.split("\t")[1])
    return words


def word_list(path: Path) -> set[str]:
    return {w.strip() for w in path.read_text(encoding="utf-8-sig").splitlines() if w.strip()}


# ------------------------------------------------------------------ scoring
def score(data, seg, own_lex=None, ref_lex=None) -> dict:
    tp = n_gold = n_pred = 0
    oov = {"own": [0, 0], "ref": [0, 0]}
    t0 = time.perf_counter()
    preds = []
    for text, _ in data:
        preds.append(seg(text))
    elapsed = time.perf_counter() - t0
    chars = sum(len(t) for t, _ in data)
    for (text, gold), pred in zip(data, preds):
        if "".join(pred) != text:
            raise AssertionError(f"pieces do not rebuild the input: {text!r}")
        g_words = [w for w in gold if w.strip()]
        g_spans = word_spans(gold)
        p_spans = set(word_spans(pred))
        n_gold += len(g_spans)
        n_pred += len(p_spans)
        for w, s in zip(g_words, g_spans):
            hit = s in p_spans
            tp += hit
            for key, lex in (("own", own_lex), ("ref", ref_lex)):
                if lex is not None and w not in lex:
                    oov[key][0] += 1
                    oov[key][1] += hit
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "P": p,
        "R": r,
        "F1": f,
        "oov_own": oov["own"][1] / oov["own"][0] if oov["own"][0] else None,
        "oov_ref": oov["ref"][1] / oov["ref"][0] if oov["ref"][0] else None,
        "oov_rate_ref": oov["ref"][0] / n_gold if ref_lex is not None and n_gold else None,
        "cps": chars / elapsed if elapsed else float("inf"),
    }


# ------------------------------------------------------------------ segmenters
def make_segmenters(names: list[str]):
    import jieba

    import importlib

    S = importlib.import_module("reportie.segmentation")

    jieba.setLogLevel(logging.WARNING)
    out = {}
    for name in names:
        t0 = time.perf_counter()
        if name == "plain-jieba":
            jieba.initialize()
            seg = jieba.lcut
            lex = {w for w, f in jieba.dt.FREQ.items() if f}
        else:
            S._load(name, str(S.segment_dir()))  # load now, so loading is not timed as segmenting
            seg = S.get_segmenter(name)
            if name == "jieba":
                lex = set()
                with open(S.segment_dir() / S.JIEBA_DICT, encoding="utf-8") as f:
                    for line in f:
                        lex.add(line.split(" ", 1)[0])
            else:
                lex = None  # set below: GSD-train words
        out[name] = (seg, lex, time.perf_counter() - t0)
    return out


def reports_text(size: int = 1_000_000) -> str | None:
    files = sorted((DATA / "reports").glob("*.txt"))
    if not files:
        return None
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    while len(text) < size:
        text += "\n" + text
    return text[:size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--segmenters", nargs="+", default=["pkuseg", "jieba", "plain-jieba"])
    ap.add_argument("--sets", nargs="+", default=None, help="AS CityU GSD HK (GSD-dev with --dev)")
    ap.add_argument("--dev", action="store_true", help="also score UD GSD dev (used for tuning)")
    ap.add_argument("--models", type=Path, help="models directory (sets REPORTIE_MODELS)")
    ap.add_argument("--no-speed", action="store_true", help="skip the 1 MB reports speed test")
    args = ap.parse_args()
    if args.models:
        os.environ["REPORTIE_MODELS"] = str(args.models.resolve())

    if not DATA.is_dir() or not (DATA / "sighan2005").is_dir():
        print(f"evaluation data not found at {DATA}: nothing to evaluate")
        return

    sets = {
        "AS": lambda: load_sighan("as"),
        "CityU": lambda: load_sighan("cityu"),
        "GSD": lambda: load_conllu(DATA / "segmentation_ud" / "zh_gsd-ud-test.conllu"),
        "HK": lambda: load_conllu(DATA / "segmentation_ud" / "zh_hk-ud-test.conllu"),
    }
    if args.dev:
        sets["GSD-dev"] = lambda: load_conllu(DATA / "segmentation_ud" / "zh_gsd-ud-dev.conllu")
    names = args.sets or list(sets)
    gsd_train = DATA / "ner" / "uner_zh_gsd" / "zh_gsd-ud-train.iob2"
    gsd_lex = load_iob2_words(gsd_train) if gsd_train.exists() else None
    ref = {
        "AS": word_list(DATA / "sighan2005" / "as_training_words.utf8"),
        "CityU": word_list(DATA / "sighan2005" / "cityu_training_words.utf8"),
    }
    segs = make_segmenters(args.segmenters)

    rows = []
    for set_name in names:
        data = sets[set_name]()
        for seg_name, (seg, lex, _) in segs.items():
            own = gsd_lex if lex is None else lex
            r = score(data, seg, own, ref.get(set_name, gsd_lex))
            rows.append((set_name, seg_name, r))
            print(f"  {set_name:8s} {seg_name:12s} F1 {r['F1']:.4f}", file=sys.stderr, flush=True)

    def fmt(x, digits=3):
        return "–" if x is None else f"{x:.{digits}f}"

    print("\n| set | segmenter | P | R | F1 | OOV-R (own lexicon) | OOV-R (reference) | ref. OOV rate | chars/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for set_name, seg_name, r in rows:
        print(
            f"| {set_name} | {seg_name} | {fmt(r['P'])} | {fmt(r['R'])} | **{fmt(r['F1'])}** | "
            f"{fmt(r['oov_own'])} | {fmt(r['oov_ref'])} | {fmt(r['oov_rate_ref'])} | {r['cps']:,.0f} |"
        )
    print(
        "\nOOV-R (reference): SIGHAN sets against the official *_training_words lists; "
        "UD sets against UD GSD-train words."
    )

    if not args.no_speed:
        text = reports_text()
        if text:
            print(f"\nSpeed on {len(text):,} characters of reports (one call each, same run):\n")
            print("| segmenter | load s | chars/s |")
            print("|---|---|---|")
            for seg_name, (seg, _, load_s) in segs.items():
                t0 = time.perf_counter()
                pieces = seg(text)
                dt = time.perf_counter() - t0
                assert "".join(pieces) == text
                print(f"| {seg_name} | {load_s:.2f} | {len(text) / dt:,.0f} |")


if __name__ == "__main__":
    main()
