"""The outline: numbering hierarchy of Taiwanese government documents."""
from __future__ import annotations

from reportie.normalize import normalize
from reportie.outline import find_sections


def _sections(text: str):
    return find_sections(normalize(text).text)


def test_sample_outline_paths(sample_text):
    sections = _sections(sample_text)
    paths = [s.path for s in sections]
    assert paths[0] == "貳拾肆、國際事務"
    assert "貳拾肆、國際事務 > 二、姊妹市、國際友好城市互訪交流 > (一)姊妹市認養活動" in paths
    assert [s.marker for s in sections if s.level == 2] == ["一、", "二、", "三、"]
    third = [s for s in sections if s.parent_id is not None
             and sections[s.parent_id].marker == "(三)"]
    assert [s.title for s in third] == ["巴西里約市", "以色列海法市", "英國海港城市", "韓國慶尚南道及仁川市"]


def test_sections_nest_and_cover_their_children(sample_text):
    sections = _sections(sample_text)
    by_id = {s.section_id: s for s in sections}
    for s in sections:
        if s.parent_id is not None:
            parent = by_id[s.parent_id]
            assert parent.level == s.level - 1
            assert parent.start <= s.start and s.end <= parent.end


def test_numbers_inside_text_are_not_headings():
    text = "一、概況\n本市共計1.5億元，辦理2、3次會議，於103年10月26日開通。\n二、展望\n"
    sections = _sections(text)
    assert [s.marker for s in sections] == ["一、", "二、"]


def test_kinds_nest_by_first_appearance():
    text = "甲、報告事項\n一、開會\n(一)議程\n1.報到\n(1)簽到\n乙、討論事項\n一、議程案\n"
    sections = _sections(text)
    assert [(s.marker, s.level) for s in sections] == [
        ("甲、", 1), ("一、", 2), ("(一)", 3), ("1.", 4), ("(1)", 5), ("乙、", 1), ("一、", 2)]


def test_executive_yuan_chapters_have_consistent_outlines(reports_dir):
    for path in sorted(reports_dir.glob("ly_ey_semiannual_report_*.txt")):
        sections = _sections(path.read_text(encoding="utf-8"))
        assert sections, path.name
        # siblings are numbered in sequence (a skipped number at most, as in the source)
        by_parent: dict = {}
        for s in sections:
            by_parent.setdefault((s.parent_id, s.kind), []).append(s.number)
        for numbers in by_parent.values():
            assert all(0 < b - a <= 2 for a, b in zip(numbers, numbers[1:])), (path.name, numbers)


def test_points_a_speaker_numbers_end_with_the_turn(reports_dir):
    import pytest

    from reportie.outline import speaker_turns

    path = reports_dir / "ly_interpellation_3732_13.txt"
    if not path.exists():
        pytest.skip("interpellation not present")
    text = normalize(path.read_text(encoding="utf-8")).text
    turns = speaker_turns(text)
    assert len(turns) > 10 and text[turns[0]:].lstrip().startswith(("蔡委員錦隆", "吳院長敦義", "施部長顏祥"))
    # 吳院長敦義：…二、就目前推動ECFA的一般程序而言… is a point of the premier's answer: it ends
    # where the next speaker starts, so it heads nothing the legislator says after it
    point = next(s for s in _sections(path.read_text(encoding="utf-8")) if "推動ECFA的一般程序" in s.title)
    after = [t for t in turns if t > point.start]
    assert after and point.end == after[0]
    # council minutes are no transcript: their 出席：/ 主席： lines end no section
    minutes = reports_dir / "ntpc_council_minutes_t1s4_12.txt"
    if minutes.exists():
        assert speaker_turns(normalize(minutes.read_text(encoding="utf-8")).text) == []
