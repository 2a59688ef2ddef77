"""Tables: every offset points into the original text; ids join across tables."""
from __future__ import annotations


TEXT_TABLES = ["sentences", "tokens", "dates", "entities", "officials", "event_roles"]


def _check_offsets(report, sources: dict[str, str]) -> int:
    checked = 0
    for name in TEXT_TABLES:
        df = report.tables[name]
        for row in df.itertuples():
            text = sources[row.doc_id]
            assert text[int(row.start):int(row.end)] == row.text, (name, row.doc_id, row.start, row.text)
            checked += 1
    for row in report.tables["sections"].itertuples():
        text = sources[row.doc_id]
        assert 0 <= row.start < row.end <= len(text)
    return checked


def test_sample_offsets_point_into_original(sample_report, sample_text):
    assert _check_offsets(sample_report, {"kaohsiung_2014h2_international_affairs": sample_text}) > 500


def test_every_table_of_every_shared_report_points_into_original(reports_report, reports_dir):
    sources = {p.stem: p.read_text(encoding="utf-8") for p in reports_dir.glob("*.txt")}
    assert set(reports_report.tables["documents"]["doc_id"]) == set(sources)
    assert _check_offsets(reports_report, sources) > 10000
    assert reports_report.tables["errors"].empty


def test_documents_table_describes_each_document(sample_report, sample_text):
    docs = sample_report.tables["documents"]
    row = docs.iloc[0]
    assert row["doc_id"] == "kaohsiung_2014h2_international_affairs"
    assert row["encoding"] == "utf-8"
    assert row["n_chars"] == len(sample_text)
    assert row["n_sections"] == len(sample_report.tables["sections"])
    assert row["n_sentences"] == len(sample_report.tables["sentences"])


def test_ids_join(sample_report):
    t = sample_report.tables
    assert set(t["tokens"]["sentence_id"]) <= set(t["sentences"]["sentence_id"])
    sections = set(t["sections"]["section_id"])
    assert set(t["sentences"]["section_id"].dropna()) <= sections
    assert set(t["sections"]["parent_id"].dropna()) <= sections
    assert set(t["event_roles"]["event_id"]) <= set(t["events"]["event_id"])


def test_tokens_cover_the_text_without_whitespace(sample_report, sample_text):
    tokens = sample_report.tables["tokens"]
    covered = "".join(tokens["text"])
    assert covered == "".join(sample_text.split())


def test_sentence_section_is_the_innermost_heading(sample_report):
    t = sample_report.tables
    sents = t["sentences"].set_index("sentence_id")
    sections = t["sections"].set_index("section_id")
    row = sents[sents["text"].str.startswith("103年10月26日開通") | sents["text"].str.contains("終於103年10月26日開通")].iloc[0]
    assert sections.loc[row["section_id"], "path"].endswith("(二)推動與日本熊本地區定期航班等有關事宜")


def test_compatibility_ideographs_keep_original_offsets(tmp_path, nlp):
    import reportie

    original = "高雄市議會議事錄\n日期：中華民國１０３\uf98e３月２７日上午10時\n主席：許議長崑源\n"
    (tmp_path / "m.txt").write_text(original, encoding="utf-8")
    report = reportie.process(tmp_path, nlp=nlp)
    dates = report.tables["dates"]
    assert list(dates["text"]) == ["中華民國１０３\uf98e３月２７日"]
    assert list(dates["start_date"]) == ["2014-03-27"]
    row = dates.iloc[0]
    assert original[row["start"]:row["end"]] == row["text"]
