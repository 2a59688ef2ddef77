"""The pipeline as a spaCy user meets it: components, extensions, nlp.pipe, to_disk / spacy.load."""
from __future__ import annotations

import spacy

import reportie


def test_pipeline_components_and_extensions(nlp):
    assert nlp.pipe_names[:3] == ["outline", "sentences", "dates"]
    assert nlp.pipe_names[-3:] == ["entities", "officials", "events"]
    doc = nlp("貳、外交\n一、訪問\n103年10月26日，熊本縣知事蒲島郁夫率團訪問高雄。")
    assert [s["marker"] for s in doc._.sections] == ["貳、", "一、"]
    assert doc.spans["dates"][0]._.date_value["start"] == "2014-10-26"
    assert ("蒲島郁夫", "知事", "熊本縣") in {(o["person"], o["title"], o["affiliation"]) for o in doc._.officials}
    assert any(e["type"] == "VISIT" for e in doc._.events)


def test_original_offsets_survive_normalisation(nlp):
    raw = "中華民國１０３\uf98e３月２７日，許議長崑源主持。"
    doc = nlp(raw)
    span = doc.spans["dates"][0]
    assert span._.orig_text == "中華民國１０３\uf98e３月２７日"
    assert raw[span._.orig_start:span._.orig_end] == span._.orig_text


def test_to_disk_and_spacy_load_round_trip(tmp_path, nlp):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    text = "本府秘書處103年7月至12月辦理訪賓接待業務，計有58案、516人到訪。"
    a, b = nlp(text), loaded(text)
    assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]
    assert [t.text for t in a] == [t.text for t in b]


def test_pipe_batches_in_order(nlp):
    texts = ["103年8月1日本市發生石化氣爆事件", "日本東京都八王子市", "美國在台協會高雄分處處長杜維浩"]
    docs = list(nlp.pipe(texts, batch_size=2))
    assert [d._.source for d in docs] == texts
    assert docs[0].spans["dates"][0].text == "103年8月1日"


def test_rules_only_pipeline_and_segment():
    nlp = reportie.load(use_model=False, stages=["outline", "sentences", "dates", "entities"])
    assert "ner" not in nlp.pipe_names
    words = reportie.segment("本府秘書處辦理訪賓接待業務")
    assert "".join(words) == "本府秘書處辦理訪賓接待業務" and len(words) > 2


def test_components_read_the_text_joined_once_and_never_a_stale_one(nlp):
    from spacy.tokens import Doc

    from reportie.components import text_of

    doc = nlp("１０３年１０月２６日，陳菊市長出席。")
    assert text_of(doc) == doc.text  # the normalised text the tokenizer kept
    with doc.retokenize() as retokenizer:  # the pipeline's own token splits keep the text
        retokenizer.merge(doc[0:2])
    assert text_of(doc) == doc.text
    plain = Doc(nlp.vocab, words=["高雄", "市"], spaces=[False, False])
    plain.user_data["reportie.text"] = "某某"  # stale: the Doc was rebuilt elsewhere
    assert text_of(plain) == "高雄市"
