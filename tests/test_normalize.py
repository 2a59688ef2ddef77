"""The normalised view and its map back to the original text."""
from __future__ import annotations

from reportie.normalize import normalize


def test_compatibility_ideographs_and_fullwidth_fold_with_exact_map():
    original = "中華民國１０３\uf98e３月２７日（星期四）"
    norm = normalize(original)
    assert norm.text == "中華民國103年3月27日(星期四)"
    i = norm.text.index("103年")
    a, b = norm.to_original(i, i + 4)
    assert original[a:b] == "１０３\uf98e"


def test_hard_wraps_and_page_numbers_are_repaired(reports_dir):
    original = (reports_dir / "kcc_council_minutes_2014-03-27.txt").read_text(encoding="utf-8")
    norm = normalize(original)
    # a sentence broken over a PDF line and a page number is whole again
    assert "代表抽出日期與順序決定之" in norm.text
    assert "代表抽出日期" not in original
    # every normalised character maps to an original one, in order
    assert list(norm.source) == sorted(norm.source)
    assert all(0 <= s < len(original) for s in norm.source)


def test_paragraph_breaks_are_kept(sample_text):
    norm = normalize(sample_text)
    assert norm.text.count("\n") == sample_text.count("\n")


def test_crlf_becomes_lf_with_offsets_kept():
    original = "壹、國際事務\r\n一、交流\r\n"
    norm = normalize(original)
    assert norm.text == "壹、國際事務\n一、交流\n"
    i = norm.text.index("交流")
    assert original[slice(*norm.to_original(i, i + 2))] == "交流"


def test_narrow_table_cells_are_unwrapped_and_name_lists_are_not(reports_dir):
    # council minutes' 案由 cells wrap at one width: …業經行政 / 院准予出售 is one word again
    original = (reports_dir / "kcc_council_minutes_2012-06-04.txt").read_text(encoding="utf-8")
    folded = normalize(original, repair_wraps=False).text  # (the file writes 行 as U+FA08)
    assert folded.count("行政\n院") + folded.count("行\n政院") >= 3
    text = normalize(original).text
    assert "行政\n院" not in text and "行\n政院" not in text
    assert text.count("業經行政院准予出售") >= folded.count("業經行政院准予出售") + 3
    # an attendance list's line break separates two names: 李傅中武 / 王世堅 stay apart
    listed = normalize((reports_dir / "tcc_council_minutes_2011-04-12.txt").read_text(encoding="utf-8")).text
    assert "李傅中武\n王世堅" in listed
