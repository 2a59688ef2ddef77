"""`reportie train` rebuilds the statistical recogniser from annotations/; `evaluate` scores it."""
from __future__ import annotations

import shutil

import spacy

from conftest import ROOT, SAMPLE
from test_cli import run_cli


def test_train_from_gold_and_use_the_model(tmp_path):
    (tmp_path / "annotations").mkdir()
    (tmp_path / "corpora").mkdir()
    shutil.copy(SAMPLE, tmp_path / "corpora" / SAMPLE.name)
    shutil.copy(ROOT / "annotations" / "kaohsiung_2014h2_international_affairs.json", tmp_path / "annotations")
    out = run_cli("train", "--annotations", str(tmp_path / "annotations"), "--out", str(tmp_path / "ner"),
                  "--uner", str(tmp_path / "no-such-file"), "--epochs", "20")
    assert out.returncode == 0, out.stderr
    assert "gold sentences" in out.stderr
    nlp = spacy.load(tmp_path / "ner")
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "LOC", "ORG"}
    # a model trained on the sample recognises the sample's names again
    from reportie.segmentation import segment
    from spacy.tokens import Doc

    line = SAMPLE.read_text(encoding="utf-8").splitlines()[5]  # the list of visiting officials
    words = segment(line)
    doc = nlp.get_pipe("ner")(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
    assert {"PERSON", "LOC"} <= {e.label_ for e in doc.ents}


def test_train_without_any_data_fails_clearly(tmp_path):
    (tmp_path / "annotations").mkdir()
    out = run_cli("train", "--annotations", str(tmp_path / "annotations"), "--out", str(tmp_path / "ner"),
                  "--uner", str(tmp_path / "missing.iob2"), "--epochs", "1")
    assert out.returncode == 1 and "no training data" in out.stderr


def test_evaluate_prints_scores(tmp_path):
    (tmp_path / "annotations").mkdir()
    (tmp_path / "corpora").mkdir()
    shutil.copy(SAMPLE, tmp_path / "corpora" / SAMPLE.name)
    shutil.copy(ROOT / "annotations" / "kaohsiung_2014h2_international_affairs.json", tmp_path / "annotations")
    out = run_cli("evaluate", "--annotations", str(tmp_path / "annotations"), "--split", "train")
    assert out.returncode == 0, out.stderr
    assert "| DATE spans | 1.000 | 1.000 | 1.000 |" in out.stdout
    assert "| micro |" in out.stdout
    # --docs keeps the documents whose file stem matches: none here, so a clear failure
    none = run_cli("evaluate", "--annotations", str(tmp_path / "annotations"), "--split", "all", "--docs", "kcc_*")
    assert none.returncode == 1 and "no annotated document" in none.stderr
