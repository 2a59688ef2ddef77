"""Behaviour of reportie's word segmenters (models/segment/, built by
scripts/build_segmentation.py)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from reportie.evaluation import word_f1

S = importlib.import_module("reportie.segmentation")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "kaohsiung_2014h2_international_affairs.txt"
DATA = REPO.parent / "shared" / "data"
GSD_TEST = DATA / "segmentation_ud" / "zh_gsd-ud-test.conllu"

SEGMENTERS = list(S.SEGMENTERS)

# F1 on the first 200 sentences of UD GSD test, a little below what was measured
# (pkuseg 0.936, jieba 0.890 on those sentences when the models were built).
GSD200_MIN_F1 = {"pkuseg": 0.92, "jieba": 0.87}


@pytest.fixture(scope="module")
def corpus_text() -> str:
    return CORPUS.read_text(encoding="utf-8")


def test_models_dir_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTIE_MODELS", str(tmp_path))
    assert S.models_dir() == tmp_path
    monkeypatch.delenv("REPORTIE_MODELS")
    assert (S.models_dir() / "segment").is_dir()


def test_default_segmenter_is_known():
    assert S.DEFAULT_SEGMENTER in SEGMENTERS


@pytest.mark.parametrize("name", SEGMENTERS)
def test_pieces_rebuild_real_text(name, corpus_text):
    pieces = S.segment(corpus_text, name)
    assert "".join(pieces) == corpus_text
    assert all(pieces), "no empty pieces"
    # whitespace only ever comes out as whole pieces of its own
    assert all(p.isspace() or not any(c.isspace() for c in p) for p in pieces)
    words = [p for p in pieces if not p.isspace()]
    assert len(words) > len(corpus_text) / 4  # it does segment (not one piece per line)


@pytest.mark.parametrize("name", SEGMENTERS)
def test_punctuation_is_a_word_of_its_own_in_the_pipelines_normalised_text(name, corpus_text):
    from reportie.normalize import normalize

    text = normalize(corpus_text).text  # full-width punctuation folded to ASCII, as the pipeline does
    assert "," in text and "(" in text
    words = [w for w in S.segment(text, name) if not w.isspace()]
    glued = [w for w in words if len(w) > 1 and any(c in ",:;()!?，。、：；！？（）「」" for c in w)
             and not w.replace(",", "").replace(".", "").isdigit()]
    assert glued == []
    assert "1,000" in S.segment("共1,000人,多", name)  # numbers keep their separators


@pytest.mark.parametrize("name", SEGMENTERS)
def test_odd_input_is_kept(name):
    text = "  第 1屆\t第7次定期大會\r\n本府（秘書處）103年7月至12月，計有58案、516人；成長2.5%。ＡＢＣ 123\u3000年\n"
    assert "".join(S.segment(text, name)) == text
    assert S.segment("", name) == []
    assert S.segment(" \n", name) == [" \n"]


@pytest.mark.parametrize("name", SEGMENTERS)
def test_compatibility_ideographs_are_segmented_like_unified_ones(name):
    plain = "高雄市政府秘書處於本年度辦理國際交流活動"
    compat = plain.replace("年", "\uf98e")  # U+F98E, as in PDF-extracted council minutes
    a = S.segment(plain, name)
    b = S.segment(compat, name)
    assert "".join(b) == compat
    assert [len(x) for x in a] == [len(x) for x in b]


@pytest.mark.parametrize("name", SEGMENTERS)
@pytest.mark.parametrize("term", ["高雄市政府", "秘書處", "姊妹市", "高雄市議會", "經濟發展局"])
def test_domain_terms_stay_whole(name, term, corpus_text):
    sentence = f"本年度{term}與日本友好城市交流"
    assert term in S.segment(sentence, name)


@pytest.mark.parametrize("name", SEGMENTERS)
def test_domain_terms_whole_in_real_text(name, corpus_text):
    pieces = S.segment(corpus_text, name)
    for term in ("秘書處", "姊妹市"):
        assert corpus_text.count(term) > 0
        assert pieces.count(term) == corpus_text.count(term)


def test_segmenters_differ_but_agree_mostly(corpus_text):
    a = S.segment_spans(corpus_text, "jieba")
    b = S.segment_spans(corpus_text, "pkuseg")
    assert a != b
    common = len(set(a) & set(b))
    assert common > 0.7 * min(len(a), len(b))


def test_unknown_segmenter():
    with pytest.raises(ValueError):
        S.segment("測試", "thulac")


def test_module_is_callable_as_function():
    import reportie

    text = "高雄市政府秘書處"
    assert reportie.segment(text) == S.segment(text)


def test_jieba_uses_private_tokenizer_and_cached_dictionary():
    import jieba

    model = S._load("jieba", str(S.segment_dir()))
    assert model.tok is not jieba.dt
    assert model.tok.initialized
    assert Path(model.tok.tmp_dir).is_dir()
    cache = Path(model.tok.tmp_dir) / model.tok.cache_file
    assert cache.exists()


# ------------------------------------------------------------------ spaCy
@pytest.mark.parametrize("name", SEGMENTERS)
def test_spacy_tokenizer_roundtrip(name, corpus_text, tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "reportie.Segmenter.v1", "segmenter": name}}})
    assert isinstance(nlp.tokenizer, S.Segmenter)
    assert nlp.tokenizer.segmenter == name
    doc = nlp(corpus_text)
    assert doc.text == corpus_text
    assert [t.text for t in doc if not t.is_space][:20] == [
        w for w in S.segment(corpus_text, name) if not w.isspace()
    ][:20]

    nlp.to_disk(tmp_path / "nlp")
    nlp2 = spacy.load(tmp_path / "nlp")
    assert isinstance(nlp2.tokenizer, S.Segmenter)
    assert nlp2.tokenizer.segmenter == name
    doc2 = nlp2(corpus_text)
    assert [t.text for t in doc2] == [t.text for t in doc]
    assert [t.whitespace_ for t in doc2] == [t.whitespace_ for t in doc]


def test_spacy_tokenizer_bytes_and_disk(tmp_path):
    from spacy.vocab import Vocab

    tok = S.Segmenter(Vocab(), "jieba")
    other = S.Segmenter(Vocab(), "pkuseg").from_bytes(tok.to_bytes())
    assert other.segmenter == "jieba"
    tok.to_disk(tmp_path / "tok")
    assert S.Segmenter(Vocab(), "pkuseg").from_disk(tmp_path / "tok").segmenter == "jieba"
    for text in ["", "   ", "高雄 市政府\n\n秘書處  ", "a  b"]:
        assert tok(text).text == text


# ------------------------------------------------------------------ accuracy
def _conllu(path: Path, limit: int):
    out, text, words = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[9:]
        elif not line.strip():
            if words:
                out.append((text, words))
                if len(out) >= limit:
                    break
            text, words = None, []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
    return out


@pytest.mark.skipif(not GSD_TEST.exists(), reason="../shared/data (UD GSD test) not available")
@pytest.mark.parametrize("name", SEGMENTERS)
def test_f1_on_gsd_test_sample(name):
    data = _conllu(GSD_TEST, 200)
    assert len(data) == 200
    def segment(text: str) -> list[str]:
        words = S.segment(text, name)
        assert "".join(words) == text  # nothing lost or added
        return words

    f1 = word_f1(data, segment)
    assert f1 >= GSD200_MIN_F1[name], f"{name}: F1 {f1:.4f} on 200 GSD test sentences"
