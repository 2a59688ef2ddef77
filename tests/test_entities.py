"""Entities, officials and events on real text, checked against the gold in annotations/."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, SAMPLE
from reportie.annotations import load_gold
from reportie.evaluation import score

GUIDE_EXAMPLES = {  # from the annotation guide's table: (text, label) found in the sample
    ("日本", "COUNTRY"), ("韓國", "COUNTRY"), ("美國", "COUNTRY"), ("德國", "COUNTRY"), ("澳洲", "COUNTRY"),
    ("菲律賓", "COUNTRY"), ("巴西", "COUNTRY"), ("以色列", "COUNTRY"), ("英國", "COUNTRY"),
    ("馬來西亞", "COUNTRY"), ("八王子市", "CITY"), ("熊本縣", "CITY"), ("東京都", "CITY"),
    ("慶尚南道", "CITY"), ("檳州", "CITY"), ("釜山", "CITY"), ("波特蘭", "CITY"), ("科羅拉多泉", "CITY"),
    ("布里斯本", "CITY"), ("利物浦", "CITY"), ("Liverpool", "CITY"), ("鼓山區", "CITY"), ("宿霧市", "CITY"),
    ("西歐", "LOC"), ("新英格蘭", "LOC"), ("白柳和義", "PERSON"), ("蒲島郁夫", "PERSON"), ("陳菊", "PERSON"),
    ("許傳盛", "PERSON"), ("DAVID FLORES TUMULAK", "PERSON"), ("LOPON SONAM TENPHEL", "PERSON"),
    ("葛林", "PERSON"), ("監察委員長", "TITLE"), ("知事", "TITLE"), ("副議長", "TITLE"), ("副市長", "TITLE"),
    ("市長", "TITLE"), ("議長", "TITLE"), ("副首席部長", "TITLE"), ("聯邦眾議員", "TITLE"), ("處長", "TITLE"),
    ("局長", "TITLE"), ("區長", "TITLE"), ("會長", "TITLE"), ("市議員", "TITLE"), ("法師", "TITLE"),
    ("本府秘書處", "BUREAU"), ("民政局", "BUREAU"), ("教育局", "BUREAU"), ("文化局", "BUREAU"),
    ("海洋局", "BUREAU"), ("消防局", "BUREAU"), ("觀光局", "BUREAU"), ("仁川市議會", "BUREAU"),
    ("藏人行政中央議會", "BUREAU"), ("日本交流協會台北事務所", "BUREAU"), ("美國在台協會高雄分處", "BUREAU"),
    ("以色列駐台辦事處", "BUREAU"), ("中華藝校", "ORG"), ("八王子足球協會", "ORG"), ("釜山國際交流財團", "ORG"),
    ("國立高雄第一科技大學", "ORG"), ("市立圖書總館", "ORG"), ("八王子祭", "EVENT"), ("釜山未來領袖營", "EVENT"),
    ("2014ICLEI減災與調適國際研討會", "EVENT"), ("2014統營國際海洋與漁業博覽會", "EVENT"),
    ("2013亞太城市高峰會", "EVENT"), ("石化氣爆事件", "EVENT"), ("311大地震", "EVENT"),
    ("百萬藏書計畫", "PROGRAM"), ("卓越都市．公務人力交流躍升方案", "PROGRAM"),
}


@pytest.fixture(scope="module")
def sample_scores(sample_report):
    golds = [g for g in load_gold(ROOT / "annotations") if g.path.name == SAMPLE.name]
    assert golds, "the sample's gold annotation is missing"
    return score(golds, sample_report.tables)


def test_every_guide_example_in_the_sample_is_found(sample_report):
    found = set(zip(sample_report.tables["entities"]["text"], sample_report.tables["entities"]["label"]))
    assert sorted(GUIDE_EXAMPLES - found) == []


def test_sample_entities_against_gold(sample_scores):
    assert sample_scores.micro.f >= 0.95
    for label in ("COUNTRY", "CITY", "PERSON", "TITLE", "BUREAU"):
        assert sample_scores.labels[label].f >= 0.95, label


def test_sample_dates_are_all_right(sample_scores):
    assert sample_scores.dates.f == 1.0
    assert sample_scores.value_accuracy() == 1.0


def test_sample_officials(sample_report, sample_scores):
    officials = set(zip(sample_report.tables["officials"]["person"], sample_report.tables["officials"]["title"],
                        sample_report.tables["officials"]["affiliation"]))
    # the guide's own examples: coordination carries the affiliation, 本市 resolves to the issuer
    assert ("蒲島郁夫", "知事", "熊本縣") in officials
    assert ("重村榮", "副議長", "熊本縣") in officials
    assert ("陳菊", "市長", "高雄市") in officials
    assert ("許傳盛", "局長", "觀光局") in officials
    assert sample_scores.officials.f >= 0.85


def test_sample_events(sample_report, sample_scores):
    events = sample_report.tables["events"]
    roles = sample_report.tables["event_roles"]
    route = events[(events["type"] == "ROUTE") & (events["date_start"] == "2014-10-26")]
    assert len(route) >= 1
    sign = events[(events["type"] == "SIGN") & (events["date_start"] == "2014-07-08")]
    assert len(sign) >= 1
    sign_roles = roles[roles["event_id"].isin(sign["event_id"])]
    # 分別由觀光局局長許傳盛、鼓山區區長陳淑芳與加賀市市長宮元陸簽署: the signers are the people (gold)
    assert {"陳淑芳", "宮元陸"} <= set(sign_roles[sign_roles["role"] == "party"]["text"])
    assert sample_scores.events.f >= 0.8


def test_canonical_names_resolve_the_issuer(sample_report):
    ents = sample_report.tables["entities"]
    canon = dict(zip(ents["text"], ents["canonical"]))
    assert canon["本府秘書處"] == "高雄市政府秘書處"
    assert sample_report.tables["documents"]["issuer"].iloc[0] == "高雄市"


def test_held_out_gold_scores(nlp, reports_dir):
    """Regression guard on the held-out split (measured: see docs/evaluation.md)."""
    from reportie.evaluation import evaluate

    golds = load_gold(ROOT / "annotations", split="test")
    s = evaluate(nlp, golds)
    assert s.dates.f >= 0.98
    assert s.micro.f >= 0.78
    assert s.labels["PERSON"].f >= 0.85 and s.labels["BUREAU"].f >= 0.88
