"""Score peer entity taggers (Baidu LAC, jieba.posseg) against the same gold as reportie.

Coarse PER/LOC/ORG, exact span and type, on:
  - UNER Chinese-GSD test and UNER PUD test (../shared/data/ner, IOB2);
  - reportie's gold test documents (annotations/*.json with "split": "test" whose document is
    present and unchanged in ../shared/data/reports or corpora/), gold labels mapped
    PERSON→PER, COUNTRY/CITY/LOC→LOC, BUREAU/ORG→ORG (the others are ignored).
With --reportie-tables DIR, also scores reportie's own entities.csv (from `reportie extract`
over the test documents) on those documents with the same mapping.

Standalone on purpose: it imports nothing of reportie, so it runs in a separate virtual
environment that has LAC (whose paddlepaddle would not belong in the project's environment):

    python -m venv /tmp/lacenv
    /tmp/lacenv/bin/pip install "setuptools<81" wheel
    /tmp/lacenv/bin/pip install paddlepaddle==2.6.2 opencc==1.4.2 jieba==0.42.1
    /tmp/lacenv/bin/pip install --no-build-isolation lac==2.1.2
    /tmp/lacenv/bin/python scripts/evaluate_peers.py [--reportie-tables /tmp/peer-out]

LAC 2.1.2 needs paddle.fluid, which paddle >= 2.6 removed: ../shared/tools/lac_fluid_shim.py
is imported first. LAC is a Simplified-Chinese model, so text is converted with OpenCC t2s
(length-preserving: offsets map back 1:1) and spans are sliced from the original. jieba.posseg
runs on the raw Traditional text with HMM off (nr/ns/nt → PER/LOC/ORG), as in evaluate.py.
If LAC cannot be imported the reason is printed and the other systems are still scored.

LAC runs with paddle's IR optimisation switched off (see Lac: with it on, batches now and then
come back with no tags for their last texts); --lac-ir-optim restores it.

chars/s: tagging time only (model loading and a warm-up call excluded; for LAC the t2s
conversion is included). reportie's tables are read from disk, so its speed is shown only
when --reportie-seconds gives the wall-clock time of the extract run.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_scoring():
    """reportie/scoring.py by its path (standard library only): this script runs in a peer
    tagger's environment, where reportie's package and dependencies are not installed."""
    spec = importlib.util.spec_from_file_location("reportie_scoring", ROOT / "src" / "reportie" / "scoring.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


_scoring = _load_scoring()
COARSE, PRF, read_iob2 = _scoring.COARSE, _scoring.PRF, _scoring.read_iob2
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
UNER = {"UNER GSD test": DATA / "ner" / "uner_zh_gsd" / "zh_gsd-ud-test.iob2",
        "UNER PUD test": DATA / "ner" / "uner_zh_pud" / "zh_pud-ud-test.iob2"}
LAC_TAGS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "nr": "PER", "ns": "LOC", "nt": "ORG"}
JIEBA_TAGS = {"nr": "PER", "ns": "LOC", "nt": "ORG"}

Span = tuple[int, int, str]


# --- data ----------------------------------------------------------------------------------



@dataclass
class GoldDoc:
    doc_id: str
    text: str
    spans: set[Span]


def load_gold_docs(directory: Path, split: str = "test") -> tuple[list[GoldDoc], list[str]]:
    """The gold documents of ``split`` whose text is present and unchanged, coarse spans only."""
    docs, skipped = [], []
    for f in sorted(directory.glob("*.json")):
        ann = json.loads(f.read_text(encoding="utf-8"))
        if ann.get("split") != split:
            continue
        if ann["source"] == "shared":
            path = DATA / "reports" / ann["file"]
        elif ann["source"] == "corpora":
            path = ROOT / "corpora" / ann["file"]
        else:
            path = Path(ann["file"])
        if not path.exists():
            skipped.append(f"{ann['file']} (document not found)")
            continue
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != ann["sha256"]:
            skipped.append(f"{ann['file']} (document changed since it was annotated)")
            continue
        if "entities" not in ann.get("layers", []):
            skipped.append(f"{ann['file']} (entities layer not complete)")
            continue
        text = raw.decode("utf-8-sig")
        spans = {(s["start"], s["end"], COARSE[s["label"]]) for s in ann.get("spans", []) if s["label"] in COARSE}
        docs.append(GoldDoc(Path(ann["file"]).stem, text, spans))
    return docs, skipped


def chunks(text: str) -> list[tuple[int, str]]:
    """Non-empty lines of a document with their offsets (what the taggers see one at a time)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def align(text: str, words: list[str], tags: list[str], mapping: dict[str, str], offset: int = 0) -> set[Span]:
    """Spans of the words whose tag is in ``mapping``, in offsets of ``text`` (+ ``offset``).

    Both taggers return words that concatenate to their input; should one not, the word is
    searched for from the current position (and skipped if absent)."""
    out, pos = set(), 0
    for w, t in zip(words, tags):
        if text.startswith(w, pos):
            start = pos
        else:
            start = text.find(w, pos)
            if start < 0:
                continue
        pos = start + len(w)
        if t in mapping and w.strip():
            out.add((offset + start, offset + pos, mapping[t]))
    return out


# --- taggers ---------------------------------------------------------------------------------

class Jieba:
    name = "jieba.posseg"

    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        self.posseg = jieba.posseg
        self.posseg.lcut("暖身", HMM=False)  # loads the dictionary outside the timing

    def tag(self, texts: list[str]) -> list[set[Span]]:
        out = []
        for text in texts:
            pairs = self.posseg.lcut(text, HMM=False)
            out.append(align(text, [p.word for p in pairs], [p.flag for p in pairs], JIEBA_TAGS))
        return out


class Lac:
    name = "LAC"

    def __init__(self, batch_size: int = 64, ir_optim: bool = False) -> None:
        sys.path.insert(0, str(SHARED / "tools"))
        # the shim must come before LAC: paddle >= 2.6 has no paddle.fluid
        import lac_fluid_shim  # noqa: F401
        import opencc
        from LAC import LAC
        from paddle.fluid.core import AnalysisConfig, create_paddle_predictor

        self.cc = opencc.OpenCC("t2s")
        self.lac = LAC(mode="lac")
        if not ir_optim:
            # With paddle's IR optimisation on (paddle.inference's default, which the shim
            # keeps), a batch of several texts now and then comes back with every tag of its
            # last texts 'a' (tag id 0): no entities there. Seen on 36 of 5,367 texts here,
            # depending on what ran before. With it off, batches match one-at-a-time runs.
            cfg = AnalysisConfig(self.lac.model.args.init_checkpoint)
            cfg.disable_glog_info()
            cfg.switch_ir_optim(False)
            self.lac.model.predictor = create_paddle_predictor(cfg)
        self.batch_size = batch_size
        self.suspect = 0  # outputs showing that symptom (8+ characters, every tag 'a')
        self.lac.run(["暖身"])

    def to_simplified(self, text: str) -> str:
        s = self.cc.convert(text)
        if len(s) != len(text):  # never seen with t2s; character by character keeps offsets
            s = "".join(c2 if len(c2 := self.cc.convert(c)) == 1 else c for c in text)
        return s

    def tag(self, texts: list[str]) -> list[set[Span]]:
        out: list[set[Span]] = []
        for i in range(0, len(texts), self.batch_size):
            simp = [self.to_simplified(t) for t in texts[i:i + self.batch_size]]
            for s, (words, tags) in zip(simp, self.lac.run(list(simp))):
                if len(s) >= 8 and all(t == "a" for t in tags):
                    self.suspect += 1
                out.append(align(s, words, tags, LAC_TAGS))
        return out


class JiebaVariant(Jieba):
    """jieba.posseg other ways (--jieba-variants): HMM on, or on OpenCC t2s text."""

    def __init__(self, hmm: bool, t2s: bool) -> None:
        super().__init__()
        self.hmm = hmm
        self.cc = None
        if t2s:
            import opencc

            self.cc = opencc.OpenCC("t2s")
        self.name = "jieba.posseg" + (" t2s" if t2s else "") + (" HMM on" if hmm else "")

    def tag(self, texts: list[str]) -> list[set[Span]]:
        out = []
        for text in texts:
            s = self.cc.convert(text) if self.cc else text
            if len(s) != len(text):
                s = text
            pairs = self.posseg.lcut(s, HMM=self.hmm)
            out.append(align(s, [p.word for p in pairs], [p.flag for p in pairs], JIEBA_TAGS))
        return out


def tag_documents(tagger, docs: list[GoldDoc]) -> list[set[Span]]:
    """Tag each document line by line; spans in document offsets."""
    preds = []
    for d in docs:
        parts = chunks(d.text)
        spans: set[Span] = set()
        for (off, _), got in zip(parts, tagger.tag([t for _, t in parts])):
            spans |= {(s + off, e + off, lab) for s, e, lab in got}
        preds.append(spans)
    return preds


def read_reportie_tables(directory: Path, docs: list[GoldDoc]) -> tuple[list[set[Span]], list[str]]:
    path = directory / "entities.csv"
    by_doc: dict[str, set[Span]] = {d.doc_id: set() for d in docs}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen = set()
    for r in rows:
        seen.add(r["doc_id"])
        if r["doc_id"] in by_doc and r["label"] in COARSE:
            by_doc[r["doc_id"]].add((int(r["start"]), int(r["end"]), COARSE[r["label"]]))
    missing = [d.doc_id for d in docs if d.doc_id not in seen]
    return [by_doc[d.doc_id] for d in docs], missing


# --- report ----------------------------------------------------------------------------------

def row(set_name: str, system: str, prf: PRF, speed: str) -> str:
    return (f"| {set_name} | {system} | {prf.p:.3f} | {prf.r:.3f} | {prf.f:.3f} | "
            f"{prf.tp} | {prf.fp} | {prf.fn} | {speed} |")


def score(golds: list[set[Span]], preds: list[set[Span]]) -> PRF:
    prf = PRF()
    for g, p in zip(golds, preds):
        prf.add(g, p)
    return prf


def show_disagreements(docs: list[GoldDoc], a: tuple[str, list[set[Span]]], b: tuple[str, list[set[Span]]],
                       limit: int) -> None:
    """Spans where the two systems differ (one has it, or a different label), with gold's
    label; the same (string, labels) is counted once, most frequent first."""
    from collections import Counter

    (na, pa), (nb, pb) = a, b
    counts: Counter = Counter()
    example: dict = {}
    for d, sa, sb in zip(docs, pa, pb):
        la = {(s, e): x for s, e, x in sa}
        lb = {(s, e): x for s, e, x in sb}
        lg = {(s, e): x for s, e, x in d.spans}
        for s, e in sorted(set(la) | set(lb)):
            x, y = la.get((s, e), "–"), lb.get((s, e), "–")
            if x == y:
                continue
            key = (d.text[s:e], x, y, lg.get((s, e), "–"))
            counts[key] += 1
            if key not in example:
                ctx = d.text[max(0, s - 10):e + 10].replace("\n", " ").replace("|", "/")
                example[key] = f"{d.doc_id}: …{ctx}…"
    print(f"\n## Where {na} and {nb} differ on the gold documents "
          f"({len(counts)} distinct, {sum(counts.values())} in all; first {limit})\n")
    print(f"| span | {na} | {nb} | gold | n | first seen |\n|---|---|---|---|---|---|")
    for key, n in counts.most_common(limit):
        print(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {n} | {example[key]} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reportie-tables", type=Path, metavar="DIR",
                    help="reportie extract output (entities.csv) over the gold test documents")
    ap.add_argument("--reportie-seconds", type=float,
                    help="wall-clock seconds of that extract run (for its chars/s column)")
    ap.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    ap.add_argument("--split", default="test", choices=["train", "test"])
    ap.add_argument("--no-lac", action="store_true", help="skip LAC even if it is installed")
    ap.add_argument("--lac-ir-optim", action="store_true",
                    help="keep paddle's IR optimisation on (the shim's default; shows the batch bug)")
    ap.add_argument("--lac-batch-size", type=int, default=64)
    ap.add_argument("--jieba-variants", action="store_true",
                    help="also jieba.posseg with HMM on (slow: ~1k chars/s) and on OpenCC t2s text")
    ap.add_argument("--disagreements", type=int, default=0, metavar="N",
                    help="print the N most frequent spans where LAC and reportie (or jieba) "
                         "differ on the gold documents")
    args = ap.parse_args()

    taggers = []
    if not args.no_lac:
        try:
            taggers.append(Lac(args.lac_batch_size, ir_optim=args.lac_ir_optim))
        except Exception as exc:  # noqa: BLE001  (any import/load failure: say why, go on)
            print(f"LAC not available: {type(exc).__name__}: {exc}", file=sys.stderr)
            print(f"\nLAC not available: `{type(exc).__name__}: {exc}`\n")
    taggers.append(Jieba())
    if args.jieba_variants:
        try:
            taggers += [JiebaVariant(hmm=False, t2s=True), JiebaVariant(hmm=True, t2s=False)]
        except ImportError as exc:
            print(f"jieba variants not run: {exc}", file=sys.stderr)

    print("## Coarse PER/LOC/ORG (exact span and type)\n")
    print("| set | system | P | R | F1 | tp | fp | fn | chars/s |\n|---|---|---|---|---|---|---|---|---|")
    for name, path in UNER.items():
        if not path.exists():
            print(f"| {name} | (missing: {path}) | | | | | | | |")
            continue
        sents = read_iob2(path)
        texts = [t for t, _ in sents]
        n_chars = sum(len(t) for t in texts)
        for tg in taggers:
            t0 = time.perf_counter()
            preds = tg.tag(texts)
            dt = time.perf_counter() - t0
            print(row(name, tg.name, score([g for _, g in sents], preds), f"{n_chars / dt:,.0f}"))

    docs, skipped = load_gold_docs(args.annotations, args.split)
    gold_name = f"reportie gold {args.split} ({len(docs)} docs)"
    doc_preds: dict[str, list[set[Span]]] = {}
    if docs:
        n_chars = sum(len(d.text) for d in docs)
        golds = [d.spans for d in docs]
        for tg in taggers:
            t0 = time.perf_counter()
            preds = tag_documents(tg, docs)
            dt = time.perf_counter() - t0
            doc_preds[tg.name] = preds
            print(row(gold_name, tg.name, score(golds, preds), f"{n_chars / dt:,.0f}"))
        if args.reportie_tables:
            preds, missing = read_reportie_tables(args.reportie_tables, docs)
            doc_preds["reportie"] = preds
            speed = f"{n_chars / args.reportie_seconds:,.0f} (wall)" if args.reportie_seconds else "–"
            print(row(gold_name, "reportie (tables)", score(golds, preds), speed))
            if missing:
                print(f"\nnot in {args.reportie_tables}/entities.csv (scored as no entities): {', '.join(missing)}")
    else:
        print(f"| {gold_name} | (no documents) | | | | | | | |")

    if doc_preds:
        print(f"\n### {gold_name}, per label (P / R / F1)\n")
        print("| system | PER | LOC | ORG |\n|---|---|---|---|")
        for system, preds in doc_preds.items():
            cells = []
            for lab in ("PER", "LOC", "ORG"):
                prf = score([{x for x in d.spans if x[2] == lab} for d in docs],
                            [{x for x in p if x[2] == lab} for p in preds])
                cells.append(f"{prf.p:.2f} / {prf.r:.2f} / {prf.f:.2f}")
            print(f"| {system} | " + " | ".join(cells) + " |")

    print()
    if docs:
        counts = {lab: sum(1 for d in docs for s in d.spans if s[2] == lab) for lab in ("PER", "LOC", "ORG")}
        print(f"gold test documents: {', '.join(d.doc_id for d in docs)}; "
              f"{sum(len(d.text) for d in docs):,} characters; gold spans {counts}")
    for s in skipped:
        print(f"skipped: {s}")
    for tg in taggers:
        if getattr(tg, "suspect", 0):
            print(f"WARNING: {tg.name} returned {tg.suspect} texts with every tag 'a' (the batch bug; "
                  "drop --lac-ir-optim or use --lac-batch-size 1)")

    if args.disagreements and docs:
        other = "reportie" if "reportie" in doc_preds else "jieba.posseg"
        if "LAC" in doc_preds and other in doc_preds:
            show_disagreements(docs, ("LAC", doc_preds["LAC"]), (other, doc_preds[other]), args.disagreements)
    return 0


if __name__ == "__main__":
    sys.exit(main())
