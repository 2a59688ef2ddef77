"""Loading: discovery, encodings seen in Taiwanese archives, bad input as error values."""
from __future__ import annotations


import pytest

from reportie.loading import Document, LoadError, detect_encoding, discover, load, read_document


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "big5hkscs", "gb18030"])
def test_round_trips_every_archive_encoding(tmp_path, sample_text, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(sample_text.encode(encoding))
    doc = read_document(path, "report")
    assert isinstance(doc, Document)
    assert doc.text == sample_text
    assert doc.encoding in {encoding, "utf-16" if encoding == "utf-16" else encoding}


def test_cp950_report_is_detected_as_big5_family(tmp_path):
    text = "高雄市政府秘書處103年7月至12月辦理訪賓接待業務，計有58案、516人到訪。" * 20
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("cp950"))
    doc = read_document(path, "big5")
    assert doc.text == text
    assert doc.encoding in {"cp950", "big5hkscs"}


def test_hkscs_characters_decode(tmp_path):
    text = "香港特別行政區政府 邨 " + "市政府秘書處辦理訪賓接待業務。" * 20
    path = tmp_path / "hk.txt"
    path.write_bytes(text.encode("big5hkscs"))
    assert read_document(path, "hk").text == text


def test_forced_encoding_is_used_and_wrong_one_is_an_error(tmp_path, sample_text):
    path = tmp_path / "r.txt"
    path.write_bytes(sample_text.encode("utf-8"))
    assert read_document(path, "r", encoding="utf-8").encoding == "utf-8"
    err = read_document(path, "r", encoding="ascii")
    assert isinstance(err, LoadError) and err.stage == "decode"


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
])
def test_bad_files_are_errors_not_exceptions(tmp_path, content, needle):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = read_document(path, "bad")
    assert isinstance(err, LoadError)
    assert needle in err.message


def test_undecodable_bytes_are_an_error(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(bytes([0x81, 0x20, 0xFE, 0xFF, 0x80, 0x7F]) * 50 + b"\xff\xfe\xfd")
    err = read_document(path, "bad")
    assert isinstance(err, LoadError)


def test_discovery_ids_are_relative_paths_without_suffix(tmp_path, sample_text):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r1.txt").write_text(sample_text, encoding="utf-8")
    (tmp_path / "a" / "r2.txt").write_text(sample_text, encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("x", encoding="utf-8")
    found = [f for f in discover([tmp_path / "a"]) if not isinstance(f, LoadError)]
    assert [doc_id for _, doc_id in found] == ["b/r1", "r2"]
    md = [f for f in discover([tmp_path / "a"], glob="*.md")]
    assert [doc_id for _, doc_id in md] == ["notes"]


def test_missing_path_and_empty_folder_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    results = list(load([tmp_path / "nope", tmp_path / "empty"]))
    assert all(isinstance(r, LoadError) for r in results)
    assert "no such file" in results[0].message
    assert "no files matching" in results[1].message


def test_utf8_is_preferred_over_legacy_guesses(sample_text):
    assert detect_encoding(sample_text.encode("utf-8")) == "utf-8"
