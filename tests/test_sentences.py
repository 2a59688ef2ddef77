from reportie.normalize import normalize
from reportie.sentences import split_sentences


def test_splits_at_full_stops_and_paragraphs_not_wraps(reports_dir):
    original = (reports_dir / "kcc_council_minutes_2014-03-27.txt").read_text(encoding="utf-8")
    text = normalize(original).text
    sents = [text[a:b] for a, b in split_sentences(text)]
    assert any(s.endswith("代表抽出日期與順序決定之。") for s in sents)
    assert all(s == s.strip() and s for s in sents)


def test_closing_quote_stays_with_sentence():
    text = "他說：「我們會努力。」接著離開。"
    assert [text[a:b] for a, b in split_sentences(text)] == ["他說：「我們會努力。」", "接著離開。"]


def test_sample_sentence_count(sample_text):
    text = normalize(sample_text).text
    sents = [text[a:b] for a, b in split_sentences(text)]
    assert sents[0] == "貳拾肆、國際事務"
    assert "本府秘書處103年7月至12月業辦理訪賓接待業務,計有58案、516人到訪。" in sents
