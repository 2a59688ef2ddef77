"""Word segmentation for Traditional Chinese (Taiwan) text.

Two segmenters are available, both built by ``scripts/build_segmentation.py`` into
``models/segment/`` from shippable sources only (see ``models/segment/SOURCES.md``):

``"pkuseg"``
    A CRF trained with ``spacy_pkuseg.train`` on the UD Chinese-GSD training split.
    It is run by a vectorised re-implementation of spacy-pkuseg's decoder
    (:class:`PkusegModel`), which gives the same output as ``spacy_pkuseg.pkuseg``
    on the same model files and is about three times faster.
``"jieba"``
    A private ``jieba.Tokenizer`` with reportie's Traditional dictionary
    (Traditional entries of jieba's ``dict.txt.big`` with frequencies re-estimated
    on UD Chinese-GSD train), run without jieba's HMM (measured: the HMM lowers F1).

Both run on a normalised copy of the text (CJK compatibility ideographs and
full-width letters/digits mapped to their usual forms, one character for one
character) and return slices of the original text, so ``"".join(pieces) == text``
always holds, whitespace included. Words of ``models/segment/domain_words.tsv``
(government vocabulary) are always kept whole.

The spaCy tokenizer :class:`Segmenter` is registered as ``reportie.Segmenter.v1``::

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "reportie.Segmenter.v1", "segmenter": "pkuseg"}}})
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import tempfile
import threading
import unicodedata
from itertools import repeat
from pathlib import Path

from .resources import models_dir
from typing import Callable, Iterable

import numpy as np

SEGMENTERS = ("jieba", "pkuseg")
#: The default segmenter, chosen by measurement (scripts/evaluate_segmentation.py):
#: pkuseg is both more accurate and faster than the jieba segmenter.
DEFAULT_SEGMENTER = "pkuseg"

JIEBA_DICT = "jieba_dict.txt"
PKUSEG_DIR = "pkuseg"
DOMAIN_WORDS = "domain_words.tsv"


# --------------------------------------------------------------------------- paths
def segment_dir() -> Path:
    return models_dir() / "segment"


def cache_dir() -> Path:
    """A writable, deterministic directory for derived caches (jieba's prefix dict)."""
    candidates = []
    if os.environ.get("REPORTIE_CACHE"):
        candidates.append(Path(os.environ["REPORTIE_CACHE"]))
    xdg = os.environ.get("XDG_CACHE_HOME")
    candidates.append((Path(xdg) if xdg else Path.home() / ".cache") / "reportie")
    candidates.append(Path(tempfile.gettempdir()) / f"reportie-cache-{os.getuid() if hasattr(os, 'getuid') else 0}")
    for c in candidates:
        try:
            c.mkdir(parents=True, exist_ok=True)
            if os.access(c, os.W_OK):
                return c
        except OSError:
            continue
    return Path(tempfile.gettempdir())


# ------------------------------------------------------------------ normalisation
def _build_norm_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]  # CJK compatibility ideographs
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            n = unicodedata.normalize("NFKC", chr(cp))
            if len(n) == 1 and n != chr(cp):
                table[cp] = n
    # full-width digits and Latin letters -> ASCII (punctuation is left alone)
    for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for cp in range(lo, hi + 1):
            table[cp] = chr(cp - 0xFEE0)
    return table


_NORM = _build_norm_table()


def normalize(text: str) -> str:
    """Length-preserving normalisation used before segmentation."""
    return text.translate(_NORM)


_CHUNK = re.compile(r"\s+|\S+")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# han runs / numbers / Latin words / anything else one character at a time
_JIEBA_UNITS = re.compile(
    r"(?P<han>[%s]+)|(?P<num>[0-9]+(?:[.,][0-9]+)*%%?)|(?P<lat>[A-Za-z]+(?:['’][A-Za-z]+)*)|(?P<other>.)"
    % _HAN,
    re.S,
)


# --------------------------------------------------------------- domain words
def _load_domain_words(path: Path) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "word":  # header
            continue
        word = normalize(cols[0].strip())
        try:
            freq = int(cols[1]) if len(cols) > 1 and cols[1].strip() else 1000
        except ValueError:
            freq = 1000
        if word:
            out.append((word, freq))
    return out


@functools.lru_cache(maxsize=8)
def _domain_regex(seg_dir: str):
    # only words of 3+ characters are forced whole: two-character titles (市長, 局長) also
    # occur across word boundaries (都市|長期) and are left to the segmenters' dictionaries
    words = sorted(
        {w for w, _ in _load_domain_words(Path(seg_dir) / DOMAIN_WORDS) if len(w) >= 3},
        key=lambda w: (-len(w), w),
    )
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words))


# Latin words and digit runs are never cut inside (the CRF has no letter classes for ASCII)
_UNBREAKABLE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[0-9]+(?:[.,][0-9]+)*")


# Punctuation is a word of its own. The pipeline folds full-width punctuation to ASCII
# (，→ ,) before segmenting, and the CRF, trained on full-width text, glues ASCII marks to
# their neighbours (",多", "(A"); numbers (1,000) keep theirs.
_PUNCT = re.compile(r"[,:;()!?\[\]\"，。、：；！？（）「」『』《》〈〉【】〔〕“”‘’]")


def _inside_unbreakable(text: str) -> set[int]:
    """Positions strictly inside the Latin words and numbers of ``text`` (no cut there)."""
    inside: set[int] = set()
    for m in _UNBREAKABLE.finditer(text):
        inside.update(range(m.start() + 1, m.end()))
    return inside


def _punct_spans(text: str, inside: set[int]) -> list[tuple[int, int]]:
    return [(i, i + 1) for i in (m.start() for m in _PUNCT.finditer(text)) if i not in inside]


def _no_inner_cuts(cuts: list[int], inside: set[int]) -> list[int]:
    return [c for c in cuts if c not in inside] if inside else cuts


def _enforce(cuts: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """Cut points (sorted, starting at 0 and ending at len) made to respect `spans`:
    no cut strictly inside a span, cuts at both span ends."""
    if not spans:
        return cuts
    inside = set()
    for a, b in spans:
        inside.update(range(a + 1, b))
    out = {c for c in cuts if c not in inside}
    for a, b in spans:
        out.add(a)
        out.add(b)
    return sorted(out)


# ------------------------------------------------------------------ pkuseg (CRF)
_NUM_CHARS = "0123456789" "几二三四五六七八九十千万亿兆零" "１２３４５６７８９０％"
_LETTER_CHARS = (
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ" "ａｂｃｄｅｆｇｈｉｇｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ" "／・－"
)
_NUMC, _LETC = "\ue000", "\ue001"


def _viterbi_numpy(node: np.ndarray, edge: np.ndarray) -> np.ndarray:  # pragma: no cover - fallback
    n, h = node.shape
    score = node[-1].copy()
    back = np.zeros((n, h), dtype=np.int64)
    for i in range(n - 2, -1, -1):
        cand = edge + score[None, :]  # [y, y_next]
        back[i] = cand.argmax(axis=1)
        score = node[i] + cand.max(axis=1)
    tags = np.zeros(n, dtype=np.int64)
    tags[0] = int(score.argmax())
    for i in range(1, n):
        tags[i] = back[i - 1, tags[i - 1]]
    return tags


try:
    from spacy_pkuseg.inference import run_viterbi as _run_viterbi

    def _viterbi(node: np.ndarray, edge: np.ndarray) -> np.ndarray:
        return np.asarray(_run_viterbi(node, edge)[1])

except Exception:  # pragma: no cover - spacy-pkuseg missing
    _viterbi = _viterbi_numpy


class PkusegModel:
    """Decoder for a model directory written by ``spacy_pkuseg.train`` (features.msgpack +
    weights.npz; weights may be stored as float16/float32 and pruned).

    Same features and Viterbi as spacy-pkuseg's ``pkuseg._cut``, computed per template over
    the whole string (dictionary look-ups without building feature strings) and summed
    with numpy.
    """

    _TEMPLATES = ("c", "c-1", "c1", "c-2", "c2", "c-1c", "cc1", "c-2c-1", "w-1", "w1", "ww.l", "ww.r")

    def __init__(self, model_dir: str | os.PathLike):
        import srsly

        model_dir = Path(model_dir)
        data = srsly.read_msgpack(model_dir / "features.msgpack")
        npz = np.load(model_dir / "weights.npz")
        n_tag, n_feat = (int(x) for x in npz["sizes"])
        w = npz["w"].astype(np.float64)
        self.n_tag = n_tag
        weights = np.zeros((n_feat + 1, n_tag))
        weights[:n_feat] = w[: n_feat * n_tag].reshape(n_feat, n_tag)
        self.W = weights
        self.ZERO = n_feat  # an all-zero row for "no feature"
        edge = w[n_feat * n_tag :].reshape(n_tag, n_tag)  # [tag, previous tag]
        self.edge = np.ascontiguousarray(1.0 + edge.T)  # run_viterbi wants [previous, tag]
        self.is_begin = np.zeros(n_tag, dtype=bool)
        for tag, idx in data["tag_to_idx"].items():
            self.is_begin[idx] = "B" in tag

        def tr(s: str) -> str:
            return s.replace("**Num", _NUMC).replace("**Letter", _LETC)

        t: dict[str, dict] = {k: {} for k in self._TEMPLATES}
        for feat, idx in data["feature_to_idx"].items():
            if feat == "$$":
                if idx != 0:
                    raise ValueError("unexpected pkuseg model: '$$' is not feature 0")
                continue
            if feat.startswith(("ww.l.", "ww.r.")):
                a, b = tr(feat[5:]).split("*")
                t[feat[:4]][(a, b)] = idx
                continue
            name, _, rest = feat.partition(".")
            rest = tr(rest)
            if name in ("c-1c", "cc1", "c-2c-1"):
                x, _, y = rest.partition(".")
                rest = x + y
            t[name][rest] = idx
        self.t = t
        self.words = {tr(u) for u in data["unigram"] if 2 <= len(tr(u)) <= 6}
        self.prefixes = {u[:i] for u in self.words for i in range(1, len(u))}
        mapping = {c: _NUMC for c in _NUM_CHARS}
        mapping.update({c: _LETC for c in _LETTER_CHARS})
        mapping.update({c: "&" for c in "-._,|/*:"})
        self._trans = str.maketrans(mapping)
        self._build_tables()

    def _build_tables(self) -> None:
        """Integer tables for the character templates: one dict look-up per character
        instead of eight, the rest done by numpy over the whole text."""
        t = self.t
        chars: set[str] = set()
        for name in ("c", "c-1", "c1", "c-2", "c2"):
            chars.update(t[name])
        for name in ("c-1c", "cc1", "c-2c-1"):
            for key in t[name]:
                chars.update(key)
        self.char_id = {c: i + 1 for i, c in enumerate(sorted(chars))}  # 0: pad / unknown
        V = self.V = len(self.char_id) + 1
        self.uni_tab = {}
        for name in ("c", "c-1", "c1", "c-2", "c2"):
            tab = np.full(V, self.ZERO, dtype=np.int64)
            for c, f in t[name].items():
                tab[self.char_id[c]] = f
            self.uni_tab[name] = tab
        self.uni_all = np.stack([self.uni_tab[k] for k in ("c", "c-1", "c1", "c-2", "c2")])
        # the three bigram templates in one sorted table keyed (template * V + a) * V + b
        items = sorted(
            ((ti * V + self.char_id[k[0]]) * V + self.char_id[k[1]], f)
            for ti, name in enumerate(("c-1c", "cc1", "c-2c-1"))
            for k, f in t[name].items()
            if len(k) == 2
        )
        self.bi_keys = np.array([k for k, _ in items] + [np.iinfo(np.int64).max], dtype=np.int64)
        self.bi_vals = np.array([f for _, f in items] + [self.ZERO], dtype=np.int64)

    def cut_many(self, texts: list[str], batch_chars: int = 100_000) -> list[list[int]]:
        """Cut points (word starts plus len) of each text (strings without whitespace),
        decoded in batches of about `batch_chars` characters."""
        out: list[list[int]] = []
        batch: list[str] = []
        size = 0
        for text in texts:
            batch.append(text)
            size += len(text) + 2
            if size >= batch_chars:
                out.extend(self._cut_batch(batch))
                batch, size = [], 0
        if batch:
            out.extend(self._cut_batch(batch))
        return out

    def _cut_batch(self, texts: list[str]) -> list[list[int]]:
        """The texts are decoded in one pass: joined with two padding characters between
        them (the padding is in no feature and no word, so no window crosses a text)."""
        PAD = "\x00\x00"
        s = PAD + PAD.join(texts).translate(self._trans) + PAD
        N = len(s)
        ids = np.fromiter(map(self.char_id.get, s, repeat(0, N)), np.int64, N)
        V, n = self.V, N - 4
        cur, prev, nxt, prev2, nxt2 = ids[2 : n + 2], ids[1 : n + 1], ids[3 : n + 3], ids[0:n], ids[4 : n + 4]
        uni = self.uni_all[np.arange(5)[:, None], np.stack([cur, prev, nxt, prev2, nxt2])]
        VV = V * V
        codes = np.concatenate([prev * V + cur, VV + cur * V + nxt, 2 * VV + prev2 * V + prev])
        at = np.searchsorted(self.bi_keys, codes)
        bi = np.where(self.bi_keys[at] == codes, self.bi_vals[at], self.ZERO).reshape(3, n)
        node = np.zeros((N, self.n_tag))
        node[2 : n + 2] = self.W[np.concatenate([uni, bi])].sum(axis=0) + self.W[0]  # + '$$' (bias)

        # word features: training words of length 2..6 starting / ending at each position
        t = self.t
        words, prefixes = self.words, self.prefixes
        starts: dict[int, list[str]] = {}
        ends: dict[int, list[str]] = {}
        pos: list[int] = []
        fid: list[int] = []
        w1, wm1 = t["w1"], t["w-1"]
        for k in range(2, N - 2):
            if s[k : k + 2] not in prefixes and s[k : k + 2] not in words:
                continue
            j = k + 2
            while j - k <= 6:
                frag = s[k:j]
                if frag in words:
                    e = j - 1
                    starts.setdefault(k, []).append(frag)
                    ends.setdefault(e, []).append(frag)
                    f = w1.get(frag)
                    if f is not None:
                        pos.append(k)
                        fid.append(f)
                    f = wm1.get(frag)
                    if f is not None:
                        pos.append(e)
                        fid.append(f)
                elif frag not in prefixes:
                    break
                j += 1
        wwl, wwr = t["ww.l"], t["ww.r"]
        if wwl or wwr:
            for i, post in starts.items():
                pre = ends.get(i - 1)  # ww.l at i: a word ends at i-1, another starts at i
                if pre:
                    for a in pre:
                        for b in post:
                            f = wwl.get((a, b))
                            if f is not None:
                                pos.append(i)
                                fid.append(f)
                pre = ends.get(i - 1)  # ww.r at i-1: a word ends at i-1, another starts at i
                if pre:
                    for a in pre:
                        for b in post:
                            f = wwr.get((a, b))
                            if f is not None:
                                pos.append(i - 1)
                                fid.append(f)
        if pos:
            np.add.at(node, np.asarray(pos), self.W[np.asarray(fid)])

        out = []
        p = 2
        is_begin = self.is_begin
        for text in texts:
            m = len(text)
            if m == 0:
                out.append([0])
            else:
                tags = _viterbi(node[p : p + m], self.edge)
                begin = is_begin[tags]
                begin[0] = True
                out.append(np.flatnonzero(begin).tolist() + [m])
            p += m + 2
        return out

    def cut_points(self, text: str) -> list[int]:
        """Word start offsets of `text` (a string without whitespace) plus len(text)."""
        return self.cut_many([text])[0]

    def cut(self, text: str) -> list[str]:
        c = self.cut_points(text)
        return [text[c[i] : c[i + 1]] for i in range(len(c) - 1)]


# ---------------------------------------------------------------------- jieba
_JIEBA_LOCK = threading.Lock()


def _file_digest(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def load_jieba_tokenizer(dict_path: str | os.PathLike):
    """A private ``jieba.Tokenizer`` on `dict_path`, its prefix dictionary cached (marshal)
    in :func:`cache_dir` under a name derived from the dictionary's content."""
    import jieba

    dict_path = Path(dict_path)
    tok = jieba.Tokenizer(str(dict_path))
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = f"reportie-jieba-{_file_digest(dict_path)}.cache"
    logger = logging.getLogger("jieba")
    with _JIEBA_LOCK:
        level = logger.level
        logger.setLevel(logging.WARNING)  # jieba announces every load on stderr at DEBUG
        try:
            tok.initialize()
        finally:
            logger.setLevel(level)
    return tok


class JiebaModel:
    """jieba's max-probability path over reportie's dictionary, on runs of Han characters;
    numbers (``2.5``, ``60%``) and Latin words are kept whole, other characters alone."""

    def __init__(self, dict_path: str | os.PathLike, hmm: bool = False):
        self.tok = load_jieba_tokenizer(dict_path)
        self.hmm = hmm

    def _han(self, s: str) -> list[int]:
        """Word lengths of a run of Han characters."""
        tok = self.tok
        if self.hmm:
            return [len(w) for w in tok.cut(s, HMM=True)]
        dag = tok.get_DAG(s)
        route: dict = {}
        tok.calc(s, dag, route)
        out = []
        x, n = 0, len(s)
        while x < n:
            y = route[x][1] + 1
            out.append(y - x)
            x = y
        return out

    def cut_points(self, text: str) -> list[int]:
        cuts = []
        for m in _JIEBA_UNITS.finditer(text):
            a = m.start()
            if m.lastgroup == "han":
                for n in self._han(m.group()):
                    cuts.append(a)
                    a += n
            else:
                cuts.append(a)
        cuts.append(len(text))
        return cuts

    def cut(self, text: str) -> list[str]:
        c = self.cut_points(text)
        return [text[c[i] : c[i + 1]] for i in range(len(c) - 1)]


# ------------------------------------------------------------------ public API
@functools.lru_cache(maxsize=8)
def _load(segmenter: str, seg_dir: str):
    d = Path(seg_dir)
    if segmenter == "jieba":
        path = d / JIEBA_DICT
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: run scripts/build_segmentation.py")
        return JiebaModel(path)
    if segmenter == "pkuseg":
        path = d / PKUSEG_DIR
        if not (path / "weights.npz").exists():
            raise FileNotFoundError(f"{path} is missing: run scripts/build_segmentation.py")
        return PkusegModel(path)
    raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {SEGMENTERS}")


def get_segmenter(segmenter: str = DEFAULT_SEGMENTER) -> Callable[[str], list[str]]:
    """A function text -> pieces for the named segmenter (models loaded once and cached)."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {SEGMENTERS}")
    return functools.partial(segment, segmenter=segmenter)


def segment(text: str, segmenter: str = DEFAULT_SEGMENTER) -> list[str]:
    """Split `text` into words. Every character is kept: whitespace runs come out as pieces
    of their own and ``"".join(segment(text)) == text``."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {SEGMENTERS}")
    if not text:
        return []
    seg_dir = str(segment_dir())
    model = _load(segmenter, seg_dir)
    domain = _domain_regex(seg_dir)
    norm = normalize(text)
    chunks = [(m.start(), m.group()) for m in _CHUNK.finditer(norm)]
    words = [c for _, c in chunks if not c[0].isspace()]
    if segmenter == "pkuseg":
        all_cuts = iter(model.cut_many(words))
    else:
        all_cuts = map(model.cut_points, words)
    out: list[str] = []
    for a, chunk in chunks:
        if chunk[0].isspace():
            out.append(text[a : a + len(chunk)])
            continue
        cuts = next(all_cuts)
        inside = _inside_unbreakable(chunk)
        if segmenter == "pkuseg":
            cuts = _no_inner_cuts(cuts, inside)
        cuts = _enforce(cuts, _punct_spans(chunk, inside))
        if domain is not None:
            spans = [dm.span() for dm in domain.finditer(chunk)]
            cuts = _enforce(cuts, spans)
        out.extend(text[a + cuts[i] : a + cuts[i + 1]] for i in range(len(cuts) - 1))
    return out


def segment_spans(text: str, segmenter: str = DEFAULT_SEGMENTER) -> list[tuple[int, int]]:
    """(start, end) character offsets of the non-whitespace words of `text`."""
    spans = []
    p = 0
    for piece in segment(text, segmenter):
        if not piece.isspace():
            spans.append((p, p + len(piece)))
        p += len(piece)
    return spans


# ---------------------------------------------------------------------- spaCy
class Segmenter:
    """spaCy tokenizer: ``doc = Segmenter(nlp.vocab, "pkuseg")(text)``; ``doc.text == text``."""

    def __init__(self, vocab, segmenter: str = DEFAULT_SEGMENTER):
        if segmenter not in SEGMENTERS:
            raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {SEGMENTERS}")
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str):
        from spacy.tokens import Doc
        from spacy.util import get_words_and_spaces

        words = [w for w in segment(text, self.segmenter) if not w.isspace()]
        if not words:
            # whitespace only (or empty): let spaCy lay out the whitespace tokens
            words, spaces = get_words_and_spaces([], text) if text else ([], [])
            return Doc(self.vocab, words=words, spaces=spaces)
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # serialisation: only the choice of segmenter; models come from models_dir()
    def _get_config(self) -> dict:
        return {"segmenter": self.segmenter}

    def _set_config(self, config: dict) -> None:
        seg = config.get("segmenter", DEFAULT_SEGMENTER)
        if seg not in SEGMENTERS:
            raise ValueError(f"unknown segmenter {seg!r}; choose one of {SEGMENTERS}")
        self.segmenter = seg

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"cfg": self._get_config()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "Segmenter":
        import srsly

        self._set_config(srsly.msgpack_loads(data).get("cfg", {}))
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        import srsly
        from spacy import util

        path = util.ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self._get_config())

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> "Segmenter":
        import srsly
        from spacy import util

        path = util.ensure_path(path)
        cfg = path / "cfg"
        if cfg.exists():
            self._set_config(srsly.read_json(cfg))
        return self


def _register() -> None:
    try:
        import spacy
    except ImportError:  # pragma: no cover
        return

    @spacy.registry.tokenizers("reportie.Segmenter.v1")
    def create_segmenter(segmenter: str = DEFAULT_SEGMENTER):
        def make(nlp):
            return Segmenter(nlp.vocab, segmenter=segmenter)

        return make


_register()
