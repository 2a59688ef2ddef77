"""Events on real text: the sample report (always present) and the Executive Yuan reports in
../shared (skipped when absent), checked against what annotations/ and the decisions say."""
from __future__ import annotations

import pytest

from conftest import REPORTS, ROOT, SAMPLE
from reportie.annotations import load_gold
from reportie.evaluation import score


def _events(report, doc_id: str | None = None):
    events, roles = report.tables["events"], report.tables["event_roles"]
    if doc_id is not None:
        events, roles = events[events["doc_id"] == doc_id], roles[roles["doc_id"] == doc_id]
    return events, roles


def _roles_of(roles, event_id, role):
    return set(roles[(roles["event_id"] == event_id) & (roles["role"] == role)]["text"])


def _at(events, text: str, marker: str, trigger: str):
    """The events whose trigger is `trigger`, written inside the first occurrence of `marker`."""
    pos = text.index(marker)
    return events[(events["trigger"] == trigger) & (events["trigger_start"] >= pos)
                  & (events["trigger_end"] <= pos + len(marker))]


@pytest.fixture(scope="module")
def sample_scores(sample_report):
    golds = [g for g in load_gold(ROOT / "annotations") if g.path.name == SAMPLE.name]
    return score(golds, sample_report.tables)


def test_sample_events_and_roles(sample_scores):
    assert sample_scores.events.f >= 0.95
    assert sample_scores.roles.f >= 0.75


def test_one_route_per_run_of_route_words(sample_report, sample_text):
    events, _ = _events(sample_report)
    clause = "開通兩地定期包機直航"
    pos = sample_text.index(clause)
    here = events[(events["trigger_start"] >= pos) & (events["trigger_end"] <= pos + len(clause))]
    assert list(here["type"]) == ["ROUTE"] and list(here["trigger"]) == ["開通"]


def test_visitors_from_the_list_the_next_sentence_introduces(sample_report, sample_text):
    events, roles = _events(sample_report)
    visit = _at(events, sample_text, "516人到訪", "到訪")
    assert len(visit) == 1
    visitors = _roles_of(roles, visit["event_id"].iloc[0], "visitor")
    assert {"白柳和義", "蒲島郁夫", "重村榮", "杜維浩"} <= visitors


def test_delegation_names_and_nouns_are_not_events(sample_report, sample_text):
    events, _ = _events(sample_report)
    assert _at(events, sample_text, "馬來西亞首相特使訪高團", "訪高").empty
    assert _at(events, sample_text, "美國新英格蘭州議會領袖訪華團", "訪華").empty
    assert _at(events, sample_text, "使與會者", "與會").empty


def test_hold_reads_its_event(sample_report, sample_text):
    events, roles = _events(sample_report)
    hold = _at(events, sample_text, "舉行加賀市觀光推介會", "舉行")
    assert list(hold["type"]) == ["HOLD"]
    assert _roles_of(roles, hold["event_id"].iloc[0], "event") == {"加賀市觀光推介會"}


# --- the Executive Yuan reports in ../shared ------------------------------------------------

@pytest.fixture(scope="module")
def ey_report(nlp, reports_dir):
    import reportie

    names = ["ly_ey_semiannual_report_3732_ch03_p1.txt", "ly_ey_semiannual_report_3774_ch02_p1.txt"]
    paths = [reports_dir / n for n in names if (reports_dir / n).exists()]
    if len(paths) < len(names):
        pytest.skip("Executive Yuan report chapters not present")
    return reportie.process(paths, nlp=nlp)


def _text(name: str) -> str:
    return (REPORTS / name).read_text(encoding="utf-8-sig")


def test_list_headings_are_events_only_for_lists_without_verbs(ey_report):
    name = "ly_ey_semiannual_report_3732_ch03_p1"
    text = _text(name + ".txt")
    events, roles = _events(ey_report, name)
    # 出訪部分：A訪英、B赴法參訪…: the items' own verbs are the events, the heading is none
    heading = text.index("出訪部分：環保署張副署長子敬訪英")
    assert events[events["trigger_start"] == heading].empty
    # 邀訪部分：(１)東北亞：日本政要訪臺者包括：… (２)東南亞：… the heading holds the lists without verbs
    heading = text.index("邀訪部分：\n")
    invite = events[events["trigger_start"] == heading]
    assert len(invite) == 1
    visitors = _roles_of(roles, invite["event_id"].iloc[0], "visitor")
    assert "Peter Favila" in visitors and "山本幸三" not in visitors
    lead = _at(events, text, "日本政要訪臺者包括", "訪臺")
    assert {"笹川堯", "下地幹郎"} <= _roles_of(roles, lead["event_id"].iloc[0], "visitor")


def test_a_chain_of_visit_verbs_is_one_visit(ey_report):
    name = "ly_ey_semiannual_report_3732_ch03_p1"
    text = _text(name + ".txt")
    events, roles = _events(ey_report, name)
    clause = "國科會張副主委文昌率團赴以色列訪問"
    pos = text.index(clause)
    here = events[(events["trigger_start"] >= pos) & (events["trigger_end"] <= pos + len(clause))]
    assert list(here["trigger"]) == ["率團"]
    assert _roles_of(roles, here["event_id"].iloc[0], "place") == {"以色列"}


def test_hold_with_a_quoted_event_and_aims_that_are_not_events(ey_report):
    name = "ly_ey_semiannual_report_3774_ch02_p1"
    text = _text(name + ".txt")
    events, roles = _events(ey_report, name)
    hold = _at(events, text, "辦理「中華民國98年非政府組織國際參與研討會暨成果展」", "辦理")
    assert list(hold["type"]) == ["HOLD"]
    assert _roles_of(roles, hold["event_id"].iloc[0], "event") == {"中華民國98年非政府組織國際參與研討會暨成果展"}
    # 爭取有意義參與聯合國專門機構: an aim, not an attendance
    assert _at(events, text, "爭取有意義參與聯合國專門機構", "參與").empty


def test_train_split_events(nlp, reports_dir):
    from reportie.evaluation import evaluate

    golds = [g for g in load_gold(ROOT / "annotations", split="train") if "events" in g.layers]
    s = evaluate(nlp, golds)
    assert s.events.f >= 0.9
    assert s.roles.f >= 0.74
