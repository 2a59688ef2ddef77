#!/usr/bin/env python3
"""Build models/segment/ (reportie's word segmenters) from shippable sources, in one command.

    python scripts/build_segmentation.py            # both segmenters
    python scripts/build_segmentation.py --only jieba

Sources (all redistributable; credited in models/segment/SOURCES.md):
- jieba's dict.txt.big (MIT), as shipped inside the jieba-fast-dat 0.59 wheel
  (``pip install jieba-fast-dat==0.59``; needed at build time only);
- OpenCC's bundled dictionaries (Apache-2.0): character tables to tell Simplified-only
  characters and s2tw/s2t conversion to give every entry its Traditional (Taiwan) form;
- UD Chinese-GSD train split as in UNER (CC BY-SA 4.0), read from
  ../shared/data/ner/uner_zh_gsd/zh_gsd-ud-train.iob2 (or --gsd-train);
- models/segment/domain_words.tsv (hand-written government vocabulary).

Never used here: SIGHAN 2005 data, GSD dev/test, UD HK (evaluation sets).

Outputs:
- jieba_dict.txt: jieba dictionary. Traditional entries of dict.txt.big (Simplified
  entries converted with OpenCC s2tw/s2t, plus 台/秘 variants of 臺/祕), merged with
  GSD-train word counts, then word scores tuned with an averaged structured perceptron on
  GSD train (jieba's decoder is a sum of per-word log probabilities, so the perceptron
  learns exactly the numbers jieba uses), plus domain words.
- pkuseg/: spacy-pkuseg CRF trained on GSD train (spacy_pkuseg.train), then features
  whose weights are all below --prune dropped and weights stored as float16.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from reportie.segmentation import _HAN, _JIEBA_UNITS, normalize  # noqa: E402

LOGT = 30.0  # log of the total frequency written into jieba_dict.txt
DUMMY = "\ue0ff"  # a never-matching entry that carries the rest of the total
MAX_SCORE = -2.0  # word scores stay below this, so that they can be written as probabilities


# ------------------------------------------------------------------ sources
def find_dict_big() -> Path:
    spec = importlib.util.find_spec("jieba_fast_dat")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("jieba_fast_dat is not installed: pip install jieba-fast-dat==0.59 (it carries dict.txt.big)")
    path = Path(list(spec.submodule_search_locations)[0]) / "dict.txt"
    if not path.exists():
        sys.exit(f"{path} not found")
    return path


def simplified_only_chars() -> set[str]:
    """Characters that OpenCC's STCharacters maps away from themselves (Simplified-only)."""
    import opencc

    base = Path(opencc.__file__).parent / "clib"
    tool = base / "bin" / "opencc_dict"
    ocd = base / "share" / "opencc" / "STCharacters.ocd2"
    out: set[str] = set()
    if tool.exists() and ocd.exists():
        with tempfile.TemporaryDirectory() as td:
            txt = Path(td) / "st.txt"
            subprocess.run([str(tool), "-i", str(ocd), "-o", str(txt), "-f", "ocd2", "-t", "text"], check=True)
            for line in txt.read_text(encoding="utf-8").splitlines():
                k, _, v = line.partition("\t")
                if k and k not in v.split():
                    out.add(k)
        return out
    # fallback: a character whose t2s form is itself but whose s2t form differs
    t2s, s2t = opencc.OpenCC("t2s.json"), opencc.OpenCC("s2t.json")
    for cp in range(0x4E00, 0xA000):
        c = chr(cp)
        if t2s.convert(c) == c and s2t.convert(c) != c:
            out.add(c)
    return out


def traditional_entries(dict_big: Path) -> dict[str, tuple[int, str]]:
    """Traditional (Taiwan) forms of dict.txt.big's entries: word -> (freq, pos)."""
    import opencc

    s2tw, s2t = opencc.OpenCC("s2tw.json"), opencc.OpenCC("s2t.json")
    simp = simplified_only_chars()
    ent: dict[str, tuple[int, str]] = {}
    with open(dict_big, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) < 2:
                continue
            w, freq = p[0], int(p[1])
            pos = p[2] if len(p) > 2 else ""
            for v in {w, s2tw.convert(w), s2t.convert(w)}:
                if len(v) != len(w) or any(c in simp for c in v):
                    continue
                v = normalize(v)
                if v not in ent or ent[v][0] < freq:
                    ent[v] = (freq, pos)
    # Taiwan everyday variants of OpenCC's standard forms
    for w, (freq, pos) in list(ent.items()):
        for a, b in (("臺", "台"), ("祕", "秘")):
            if a in w:
                v = w.replace(a, b)
                if v not in ent:
                    ent[v] = (freq, pos)
    return ent


def load_gsd_train(path: Path) -> list[list[str]]:
    sents, words = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sents.append(words)
                words = []
            elif line.startswith("#"):
                continue
            else:
                words.append(line.split("\t")[1])
    if words:
        sents.append(words)
    return sents


def load_domain_words(path: Path) -> list[tuple[str, int]]:
    out = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.strip() or line.startswith("#") or cols[0] == "word":
            continue
        out.append((normalize(cols[0].strip()), int(cols[1]) if len(cols) > 1 and cols[1].strip() else 1000))
    return out


# ------------------------------------------------------- jieba perceptron
class WordModel:
    """jieba's decoder (max-sum DAG path) over per-word scores theta (log probabilities)."""

    def __init__(self, theta: dict[str, float]):
        self.theta = theta
        self.prefix: set[str] = set()
        for w in theta:
            self._add_prefixes(w)

    def _add_prefixes(self, w: str) -> None:
        for i in range(1, len(w)):
            self.prefix.add(w[:i])

    def add(self, w: str, score: float) -> None:
        if w not in self.theta:
            self.theta[w] = score
            self._add_prefixes(w)

    def decode(self, s: str) -> list[str]:
        n, th, pf = len(s), self.theta, self.prefix
        dag = []
        for k in range(n):
            ends = [k]
            i = k + 1
            while i <= n:
                frag = s[k:i]
                if frag in th:
                    if i - 1 != k:
                        ends.append(i - 1)
                elif frag not in pf:
                    break
                i += 1
            dag.append(ends)
        route: list = [None] * (n + 1)
        route[n] = (0.0, 0)
        for idx in range(n - 1, -1, -1):
            route[idx] = max((th.get(s[idx : x + 1], -LOGT) + route[x + 1][0], x) for x in dag[idx])
        out, x = [], 0
        while x < n:
            y = route[x][1] + 1
            out.append(s[x:y])
            x = y
        return out


def han_units(sents: list[list[str]]) -> list[tuple[str, list[str]]]:
    """Han-character runs of the training sentences with their gold words (cut at run ends)."""
    units = []
    for words in sents:
        words = [normalize(w) for w in words]
        text = "".join(words)
        bounds = {0}
        p = 0
        for w in words:
            p += len(w)
            bounds.add(p)
        for m in _JIEBA_UNITS.finditer(text):
            if m.lastgroup != "han":
                continue
            a, b = m.span()
            cuts = sorted({x for x in bounds if a <= x <= b} | {a, b})
            units.append((text[a:b], [text[cuts[i] : cuts[i + 1]] for i in range(len(cuts) - 1)]))
    return units


def perceptron(model: WordModel, units, epochs: int, eta: float, seed: int = 0) -> dict[str, float]:
    th = model.theta
    acc: dict[str, float] = {}
    stamp: dict[str, int] = {}
    c = 0
    rnd = random.Random(seed)
    units = list(units)

    def upd(w: str, d: float) -> None:
        if w not in th:
            model.add(w, -LOGT)
        v = th[w]
        acc[w] = acc.get(w, 0.0) + (c - stamp.get(w, 0)) * v
        stamp[w] = c
        th[w] = min(v + d, MAX_SCORE)

    def spans(ws):
        out, p = set(), 0
        for w in ws:
            out.add((p, w))
            p += len(w)
        return out

    for ep in range(epochs):
        rnd.shuffle(units)
        errors = 0
        for s, gold in units:
            c += 1
            pred = model.decode(s)
            if pred == gold:
                continue
            errors += 1
            G, P = spans(gold), spans(pred)
            for _, w in G - P:
                upd(w, +eta)
            for _, w in P - G:
                upd(w, -eta)
        print(f"  perceptron epoch {ep + 1}/{epochs}: {errors}/{len(units)} runs wrong", flush=True)
    avg = dict(th)
    for w in stamp:
        avg[w] = (acc[w] + (c - stamp[w]) * th[w]) / c
    return avg


def build_jieba(out_dir: Path, gsd: list[list[str]], domain: list[tuple[str, int]], args) -> Path:
    t0 = time.time()
    big = traditional_entries(find_dict_big())
    print(f"  dict.txt.big: {len(big)} Traditional entries ({time.time() - t0:.1f}s)", flush=True)
    if args.min_freq > 1:
        big = {w: v for w, v in big.items() if v[0] >= args.min_freq or len(w) == 1}
        print(f"  kept {len(big)} entries with freq >= {args.min_freq}")
    counts = collections.Counter(normalize(w) for ws in gsd for w in ws)
    freq = {w: float(f) for w, (f, _) in big.items()}
    total_big = sum(freq.values())
    total_gsd = sum(counts.values())
    han_word = __import__("re").compile(f"[{_HAN}]+")
    for w, n in counts.items():
        if han_word.fullmatch(w):
            freq[w] = freq.get(w, 0.0) + n * args.gsd_weight * total_big / total_gsd
    total = sum(freq.values())
    theta = {w: math.log(f / total) - math.log(args.headroom) for w, f in freq.items()}
    model = WordModel(theta)
    if args.epochs:
        theta = perceptron(model, han_units(gsd), args.epochs, args.eta)
    for w, f in domain:  # domain words: at least as likely as a common word
        s = math.log(f / total) - math.log(args.headroom)
        theta[w] = max(theta.get(w, -LOGT), s, -9.0)
    # jieba scores a word log(freq) - log(total) and an unknown character -log(total).
    # Scaling every score (the unknown character's -LOGT too) by alpha > 0 leaves the best
    # path unchanged; alpha is the smallest >= 1 that makes the scores a sub-probability.
    theta = {w: v for w, v in theta.items() if w and not any(ch.isspace() for ch in w)}
    alpha = 1.0
    while sum(math.exp(alpha * v) for v in theta.values()) > 0.999:
        alpha *= 1.05
    log_total = alpha * LOGT
    total_int = int(math.exp(log_total))
    pos = {w: p for w, (_, p) in big.items()}
    path = out_dir / "jieba_dict.txt"
    lines = []
    mass = 0
    for w in sorted(theta):
        f = max(1, int(round(math.exp(alpha * theta[w] + log_total))))
        mass += f
        lines.append(f"{w} {f} {pos[w]}" if pos.get(w) else f"{w} {f}")
    lines.append(f"{DUMMY} {total_int - mass}")
    print(f"  score scale {alpha:.3f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"  wrote {path} ({len(lines)} entries, {path.stat().st_size / 1e6:.1f} MB, {time.time() - t0:.0f}s)")
    return path


# ------------------------------------------------------------------ pkuseg
def prune_pkuseg(src: Path, dst: Path, thr: float) -> int:
    import numpy as np
    import srsly

    data = srsly.read_msgpack(src / "features.msgpack")
    z = np.load(src / "weights.npz")
    n_tag, n_feat = (int(x) for x in z["sizes"])
    w = z["w"]
    node = w[: n_feat * n_tag].reshape(n_feat, n_tag)
    edge = w[n_feat * n_tag :]
    keep = np.abs(node).max(axis=1) >= thr
    keep[0] = True  # '$$'
    inv = {i: f for f, i in data["feature_to_idx"].items()}
    rows = [int(i) for i in np.flatnonzero(keep)]
    feats = {inv[i]: k for k, i in enumerate(rows)}
    used = set()
    for f in feats:
        if f.startswith(("w1.", "w-1.")):
            used.add(f.split(".", 1)[1])
        elif f.startswith(("ww.l.", "ww.r.")):
            used.update(f[5:].split("*"))
    dst.mkdir(parents=True, exist_ok=True)
    srsly.write_msgpack(
        dst / "features.msgpack",
        {
            "unigram": sorted(u for u in data["unigram"] if u in used),
            "bigram": [],  # only needed for training
            "feature_to_idx": feats,
            "tag_to_idx": data["tag_to_idx"],
        },
    )
    new_w = np.concatenate([node[rows].reshape(-1), edge]).astype(np.float16)
    np.savez_compressed(dst / "weights.npz", sizes=np.array([n_tag, len(feats)]), w=new_w)
    return len(feats)


def build_pkuseg(out_dir: Path, gsd: list[list[str]], args) -> Path:
    import spacy_pkuseg
    from spacy_pkuseg.config import config

    t0 = time.time()
    random.seed(0)  # spacy-pkuseg shuffles with the global random module
    config.featureTrim = 0
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        lines = [" ".join(w for w in (normalize(x) for x in ws) if w.strip()) for ws in gsd]
        (td / "train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        # spacy_pkuseg.train scores a test file after every iteration; a slice of the
        # training data keeps that cheap (no evaluation data is used in the build)
        (td / "monitor.txt").write_text("\n".join(lines[-100:]) + "\n", encoding="utf-8")
        spacy_pkuseg.train(str(td / "train.txt"), str(td / "monitor.txt"), str(td / "model"), train_iter=args.pkuseg_iter)
        dst = out_dir / "pkuseg"
        if dst.exists():
            shutil.rmtree(dst)
        n = prune_pkuseg(td / "model", dst, args.prune)
    size = sum(p.stat().st_size for p in dst.iterdir())
    print(f"  wrote {dst} ({n} features, {size / 1e6:.1f} MB, {time.time() - t0:.0f}s)")
    return dst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "models" / "segment")
    ap.add_argument("--gsd-train", type=Path, default=DATA / "ner" / "uner_zh_gsd" / "zh_gsd-ud-train.iob2")
    ap.add_argument("--only", choices=["jieba", "pkuseg"])
    ap.add_argument("--gsd-weight", type=float, default=1.0, help="GSD counts' share relative to dict.txt.big")
    ap.add_argument("--min-freq", type=int, default=1, help="drop dict.txt.big entries rarer than this")
    ap.add_argument("--epochs", type=int, default=5, help="perceptron epochs for the jieba dictionary")
    ap.add_argument("--eta", type=float, default=1.0, help="perceptron step (log-probability units)")
    ap.add_argument("--headroom", type=float, default=2.0, help="initial word probabilities sum to 1/headroom")
    ap.add_argument("--pkuseg-iter", type=int, default=20)
    ap.add_argument("--prune", type=float, default=0.03, help="drop pkuseg features with all |w| below this")
    args = ap.parse_args()

    if not args.gsd_train.exists():
        sys.exit(f"GSD train split not found at {args.gsd_train} (pass --gsd-train)")
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    gsd = load_gsd_train(args.gsd_train)
    domain = load_domain_words(REPO / "models" / "segment" / "domain_words.tsv")
    print(f"GSD train: {len(gsd)} sentences; domain words: {len(domain)}")
    if args.only in (None, "jieba"):
        print("jieba dictionary:")
        build_jieba(args.out, gsd, domain, args)
    if args.only in (None, "pkuseg"):
        print("pkuseg model:")
        build_pkuseg(args.out, gsd, args)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"models/segment: {size / 1e6:.1f} MB; build took {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
