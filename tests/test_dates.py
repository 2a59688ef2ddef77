"""Tests for reportie.dates: the date grammar, its values, inference, traps and real reports."""
from __future__ import annotations

import calendar
import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportie.dates import DateMatch, Period, document_period, fold, normalize, parse

D = datetime.date
REPORTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "reports"
SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "kaohsiung_2014h2_international_affairs.txt"


def only(text: str, reference=None) -> DateMatch:
    """The single match in text (fails when there are none or several)."""
    ms = parse(text, reference)
    assert len(ms) == 1, [m.text for m in ms]
    return ms[0]


def val(text: str, reference=None) -> tuple:
    """(matched text, start, end, granularity, calendar, inferred, valid) of the single match."""
    m = only(text, reference)
    v = m.value
    return m.text, v.start, v.end, v.granularity, v.calendar, v.inferred, v.valid


def texts(text: str, reference=None) -> list[str]:
    return [m.text for m in parse(text, reference)]


# --- forms ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end, gran, cal", [
    ("103年10月26日", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("民國103年", D(2014, 1, 1), D(2014, 12, 31), "year", "roc"),
    ("中華民國103年3月27日", D(2014, 3, 27), D(2014, 3, 27), "day", "roc"),
    ("一○三年", D(2014, 1, 1), D(2014, 12, 31), "year", "roc"),
    ("一〇三年", D(2014, 1, 1), D(2014, 12, 31), "year", "roc"),
    ("一百零三年", D(2014, 1, 1), D(2014, 12, 31), "year", "roc"),
    ("九十八年", D(2009, 1, 1), D(2009, 12, 31), "year", "roc"),
    ("一百零三年十月二十六日", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("中華民國一百零三年十月二十六日", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("１０３年１０月２６日", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("１０３年", D(2014, 1, 1), D(2014, 12, 31), "year", "roc"),
    ("2014年", D(2014, 1, 1), D(2014, 12, 31), "year", "gregorian"),
    ("2014年10月26日", D(2014, 10, 26), D(2014, 10, 26), "day", "gregorian"),
    ("一九九二年", D(1992, 1, 1), D(1992, 12, 31), "year", "gregorian"),
    ("二○○四年五月二十日", D(2004, 5, 20), D(2004, 5, 20), "day", "gregorian"),
    ("103.10.26", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("103/10/26", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("103-10-26", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("100.01.11", D(2011, 1, 11), D(2011, 1, 11), "day", "roc"),
    ("2014/10/26", D(2014, 10, 26), D(2014, 10, 26), "day", "gregorian"),
    ("2014-10-26", D(2014, 10, 26), D(2014, 10, 26), "day", "gregorian"),
    ("103年10月26號", D(2014, 10, 26), D(2014, 10, 26), "day", "roc"),
    ("103年10月", D(2014, 10, 1), D(2014, 10, 31), "month", "roc"),
    ("98年3月份", D(2009, 3, 1), D(2009, 3, 31), "month", "roc"),
    ("西元2014年", D(2014, 1, 1), D(2014, 12, 31), "year", "gregorian"),
    ("民國8年5月4日", D(1919, 5, 4), D(1919, 5, 4), "day", "roc"),
    ("5年10月26日", D(1916, 10, 26), D(1916, 10, 26), "day", "roc"),
])
def test_single_forms(text, start, end, gran, cal):
    assert val(text) == (text, start, end, gran, cal, False, True)


@pytest.mark.parametrize("text, start, end, gran", [
    ("103年8月1至5日", D(2014, 8, 1), D(2014, 8, 5), "day"),
    ("103年10月16至17日", D(2014, 10, 16), D(2014, 10, 17), "day"),
    ("103年7月至12月", D(2014, 7, 1), D(2014, 12, 31), "month"),
    ("103年12月30日至104年1月2日", D(2014, 12, 30), D(2015, 1, 2), "day"),
    ("103年12月30日至1月2日", D(2014, 12, 30), D(2015, 1, 2), "day"),
    ("103年8月1日至8月5日", D(2014, 8, 1), D(2014, 8, 5), "day"),
    ("103年8月1日～5日", D(2014, 8, 1), D(2014, 8, 5), "day"),
    ("103年8月1日~5日", D(2014, 8, 1), D(2014, 8, 5), "day"),
    ("103年8月1日-5日", D(2014, 8, 1), D(2014, 8, 5), "day"),
    ("103年8月1日－5日", D(2014, 8, 1), D(2014, 8, 5), "day"),
    ("103年8月1日到5日", D(2014, 8, 1), D(2014, 8, 5), "day"),
    ("98年7月至12月", D(2009, 7, 1), D(2009, 12, 31), "month"),
    ("98年1-6月", D(2009, 1, 1), D(2009, 6, 30), "month"),
    ("98年1至11月", D(2009, 1, 1), D(2009, 11, 30), "month"),
    ("97至102年", D(2008, 1, 1), D(2013, 12, 31), "year"),
    ("97年至101年", D(2008, 1, 1), D(2012, 12, 31), "year"),
    ("2007-2009年", D(2007, 1, 1), D(2009, 12, 31), "year"),
    ("98年至99年上半年", D(2009, 1, 1), D(2010, 6, 30), "half"),
    ("95年9月至98年12月底", D(2006, 9, 1), D(2009, 12, 31), "month"),
    ("101年9月1日至10月31日", D(2012, 9, 1), D(2012, 10, 31), "day"),
    ("103年10月16、17日", D(2014, 10, 16), D(2014, 10, 17), "day"),
    ("103年10月16日、17日", D(2014, 10, 16), D(2014, 10, 17), "day"),
    ("103年10月16日（四）至17日", D(2014, 10, 16), D(2014, 10, 17), "day"),
    ("98年8月21日及9月8日", D(2009, 8, 21), D(2009, 9, 8), "day"),
    ("97、98年", D(2008, 1, 1), D(2009, 12, 31), "year"),
    ("98年第3、4季", D(2009, 7, 1), D(2009, 12, 31), "quarter"),
    ("101、102年度", D(2012, 1, 1), D(2013, 12, 31), "year"),
    ("本(98)年1月至6月", D(2009, 1, 1), D(2009, 6, 30), "month"),
])
def test_ranges_and_lists(text, start, end, gran):
    assert val(text) == (text, start, end, gran, "roc" if "2007" not in text else "gregorian", False, True)


@pytest.mark.parametrize("text, start, end, gran", [
    ("103年度", D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("90年度", D(2001, 1, 1), D(2001, 12, 31), "year"),
    ("89年度", D(1999, 7, 1), D(2000, 12, 31), "year"),
    ("88年度", D(1998, 7, 1), D(1999, 6, 30), "year"),
    ("九十一年度", D(2002, 1, 1), D(2002, 12, 31), "year"),
    ("103年上半年", D(2014, 1, 1), D(2014, 6, 30), "half"),
    ("103年下半年", D(2014, 7, 1), D(2014, 12, 31), "half"),
    ("103年第3季", D(2014, 7, 1), D(2014, 9, 30), "quarter"),
    ("103年第三季", D(2014, 7, 1), D(2014, 9, 30), "quarter"),
    ("103年第1季", D(2014, 1, 1), D(2014, 3, 31), "quarter"),
    ("103年8月上旬", D(2014, 8, 1), D(2014, 8, 10), "day"),
    ("103年8月中旬", D(2014, 8, 11), D(2014, 8, 20), "day"),
    ("103年2月下旬", D(2014, 2, 21), D(2014, 2, 28), "day"),
    ("103年8月初", D(2014, 8, 1), D(2014, 8, 10), "day"),
    ("103年2月底", D(2014, 2, 28), D(2014, 2, 28), "day"),
    ("98年底", D(2009, 12, 31), D(2009, 12, 31), "day"),
    ("103年年底", D(2014, 12, 31), D(2014, 12, 31), "day"),
    ("98年初", D(2009, 1, 1), D(2009, 1, 1), "day"),
    ("99學年度", D(2010, 8, 1), D(2011, 7, 31), "year"),
    ("中華民國98年元旦", D(2009, 1, 1), D(2009, 1, 1), "day"),
])
def test_periods(text, start, end, gran):
    assert val(text) == (text, start, end, gran, "roc", False, True)


def test_decades():
    assert val("上世紀九Ｏ年代") == ("上世紀九Ｏ年代", D(1990, 1, 1), D(1999, 12, 31), "year", "gregorian", True, True)
    assert val("1930年代") == ("1930年代", D(1930, 1, 1), D(1939, 12, 31), "year", "gregorian", False, True)
    assert val("60年代") == ("60年代", D(1960, 1, 1), D(1969, 12, 31), "year", "gregorian", True, True)


# --- raw archived text ---------------------------------------------------------------------

def test_compatibility_ideographs_and_offsets():
    text = "日期：中華民國103\uf98e3月27日上午10時"        # U+F98E is 年
    m = only(text)
    assert m.text == "中華民國103\uf98e3月27日" == text[m.start:m.end]
    assert m.value.start == D(2014, 3, 27)
    assert len(fold(text)) == len(text)


def test_spaces_and_line_wraps_from_pdf():
    assert val("日 期：中華民國 102年 3月 29日上午")[:3] == ("中華民國 102年 3月 29日", D(2013, 3, 29), D(2013, 3, 29))
    assert val("103年 3月2 7日 四")[:2] == ("103年 3月2 7日", D(2014, 3, 27))
    assert val("並自 101年\n1月 1日生效")[:2] == ("101年\n1月 1日", D(2012, 1, 1))
    assert val("並自 102年 1\n月 1日生效")[:2] == ("102年 1\n月 1日", D(2013, 1, 1))
    assert val("業經本府 101年\n4 月26日以高市府")[:2] == ("101年\n4 月26日", D(2012, 4, 26))
    assert val("１０３年　１０月　２６日")[:2] == ("１０３年　１０月　２６日", D(2014, 10, 26))
    assert texts("第 1屆第 7次定期大會") == []


def test_weekday_and_time_stay_outside():
    assert texts("103年10月26日（星期日）") == ["103年10月26日"]
    assert texts("103年10月26日(週日)") == ["103年10月26日"]
    assert texts("103年10月26日(日)") == ["103年10月26日"]
    assert texts("中華民國103年2月13日上午10時6分") == ["中華民國103年2月13日"]
    assert texts("時間：101年5月23日（星期三）下午2時30分至4時53分") == ["101年5月23日"]


# --- traps ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("103年8月1日本市發生石化氣爆事件", ["103年8月1日"]),
    ("日本八王子", []),
    ("參加本市舉辦「2014ICLEI減災與調適國際研討會」", []),
    ("日本311大地震", []),
    ("出席2013亞太城市高峰會", []),
    ("辦理2014年高雄國際馬拉松", ["2014年"]),
    ("1.103年8月1至5日，由本府民政局率領", ["103年8月1至5日"]),
    ("8、8月15日已完成", ["8月15日"]),
    ("計畫為期3年", []),
    ("3年內完成", []),
    ("已有50年歷史", []),
    ("近10年來", []),
    ("每年辦理", []),
    ("試辦1年", []),
    ("經多年之交涉", []),
    ("數年前", []),
    ("一年多來", []),
    ("過去五十年", []),
    ("30年來", []),
    ("享年60歲", []),
    ("第1屆第7次定期大會", []),
    ("議員陳政聞等 61人", []),
    ("一般提案114 案", []),
    ("有期徒刑1年6月", []),
    ("12年國民基本教育", []),
    ("六年國發計畫", []),
    ("回曆1430年朝覲", []),
    ("陳總統出席五月天演唱會", []),
    ("1,600年", []),
    ("文化局 19-5-26 業務管理", []),
    ("基本年金", []),
    ("說明年度預算", []),
    ("相同年齡", []),
    ("今天的台灣", []),
    ("「今日臺灣」電子報", []),
    ("保守黨2009年會", []),
    ("「2009年中東貿易訪問團」", []),
    ("「馬英九總統97年言論選集」", []),
    ("出席2009年全美祈禱早餐會", []),
    ("「第一階段三年衝刺計畫(2007-2009年)」", ["2007-2009年"]),
    ("98年初步完成", ["98年"]),
    ("8月中華航空", ["8月"]),
    ("自102年起", ["102年"]),
    ("102年迄今", ["102年"]),
    ("97年同期", ["97年同期"]),
])
def test_traps(text, expected):
    assert texts(text) == expected


def test_invalid_dates_are_recognised_without_value():
    assert val("103年2月30日") == ("103年2月30日", None, None, "day", "roc", False, False)
    assert val("103年10月17至16日")[5:] == (False, False)
    assert val("2月30日", D(2014, 1, 1))[1:3] == (None, None)
    assert only("103.2.30").value.valid is False


# --- inference -----------------------------------------------------------------------------

def test_year_less_dates_take_the_nearest_explicit_year_in_the_paragraph():
    ms = parse("103年10月26日舉行。另於10月8至11日參加博覽會，11月15、18日再訪。")
    assert [(m.text, m.value.start, m.value.end, m.value.inferred) for m in ms] == [
        ("103年10月26日", D(2014, 10, 26), D(2014, 10, 26), False),
        ("10月8至11日", D(2014, 10, 8), D(2014, 10, 11), True),
        ("11月15、18日", D(2014, 11, 15), D(2014, 11, 18), True),
    ]


def test_year_less_dates_fall_back_on_the_reference():
    text = "截至2009年12月4日，有183個會員。\n\n9月26日蘋果日報提及"
    ms = parse(text, D(2011, 10, 7))
    assert [(m.text, m.value.start, m.value.calendar) for m in ms] == [
        ("2009年12月4日", D(2009, 12, 4), "gregorian"), ("9月26日", D(2011, 9, 26), "roc")]


def test_relative_words_and_references():
    ref = D(2010, 3, 1)
    assert val("本年6月10日", ref) == ("本年6月10日", D(2010, 6, 10), D(2010, 6, 10), "day", "roc", True, True)
    assert val("截至本年6月底止", ref)[:4] == ("本年6月底", D(2010, 6, 30), D(2010, 6, 30), "day")
    assert val("今年", ref)[1:3] == (D(2010, 1, 1), D(2010, 12, 31))
    assert val("去年", ref)[1:3] == (D(2009, 1, 1), D(2009, 12, 31))
    assert val("明年", ref)[1:3] == (D(2011, 1, 1), D(2011, 12, 31))
    assert val("本月", ref)[1:4] == (D(2010, 3, 1), D(2010, 3, 31), "month")
    assert val("上個月十三日", ref)[1:3] == (D(2010, 2, 13), D(2010, 2, 13))
    assert val("今天", ref)[1:4] == (ref, ref, "day")
    assert val("明天", ref)[1:3] == (D(2010, 3, 2), D(2010, 3, 2))
    assert val("今年第一季", ref)[1:4] == (D(2010, 1, 1), D(2010, 3, 31), "quarter")
    assert val("今年1到8月", ref)[1:4] == (D(2010, 1, 1), D(2010, 8, 31), "month")
    assert val("本年度", ref)[1:3] == (D(2010, 1, 1), D(2010, 12, 31))
    assert val("五二○", ref)[1:3] == (D(2010, 5, 20), D(2010, 5, 20))
    # a Period reference: its start's year
    period = Period(D(2009, 7, 1), D(2009, 12, 31), "month", "reference_date")
    assert val("本年6月10日", period)[1] == D(2009, 6, 10)
    assert val("較去年同期", period)[:4] == ("去年同期", D(2008, 7, 1), D(2008, 12, 31), "month")


def test_relative_words_use_the_documents_own_period():
    text = "本府秘書處99年1月至6月業辦理訪賓接待業務。\n\n本年6月10日舉行大會。"
    ms = parse(text)
    assert ms[1].text == "本年6月10日" and ms[1].value.start == D(2010, 6, 10) and ms[1].value.inferred


def test_same_year_same_month_same_day():
    ms = parse("因應98年6月10日制定公布，同年7月1日施行；同月15日公告。")
    assert [(m.text, m.value.start) for m in ms] == [
        ("98年6月10日", D(2009, 6, 10)), ("同年7月1日", D(2009, 7, 1)), ("同月15日", D(2009, 7, 15))]
    ms = parse("103年7月8日，在陳菊市長見證下簽署交流協議，當日相關局處首長均出席。")
    assert [(m.text, m.value.start, m.value.inferred) for m in ms] == [
        ("103年7月8日", D(2014, 7, 8), False), ("當日", D(2014, 7, 8), True)]
    assert texts("馬上派工、當日發放津貼") == []     # nothing to refer to


def test_same_period_follows_the_previous_date():
    ms = parse("本年1至5月，臺美雙邊貿易額較去年同期減少27.2%", D(2009, 9, 18))
    assert (ms[1].text, ms[1].value.start, ms[1].value.end, ms[1].value.granularity) == (
        "去年同期", D(2008, 1, 1), D(2008, 5, 31), "month")
    ms = parse("102年火災次數及101年同期數據", D(2013, 5, 9))
    assert (ms[1].text, ms[1].value.start, ms[1].value.end, ms[1].value.inferred) == (
        "101年同期", D(2012, 1, 1), D(2012, 12, 31), False)


def test_no_year_anywhere():
    v = only("本年6月10日").value
    assert (v.start, v.end, v.valid, v.inferred, v.granularity) == (None, None, True, True, "day")
    v = only("10月8至11日").value
    assert (v.start, v.end, v.valid, v.inferred) == (None, None, True, True)


# --- normalize and document_period -------------------------------------------------------------

def test_normalize():
    assert normalize("103年7月至12月") == (D(2014, 7, 1), D(2014, 12, 31), "month")
    assert normalize(" 98年底 ") == (D(2009, 12, 31), D(2009, 12, 31), "day")
    assert normalize("本年6月10日", D(2010, 1, 1)) == (D(2010, 6, 10), D(2010, 6, 10), "day")
    for bad in ["", "本市", "103年2月30日", "103年與104年", "103年10月26日本市", "本年6月10日"]:
        with pytest.raises(ValueError):
            normalize(bad)


def test_document_period():
    p = document_period("貳拾肆、國際事務\n\n一、積極與國際城市互動\n本府秘書處103年7月至12月業辦理訪賓接待業務")
    assert (p.start, p.end, p.granularity, p.source) == (D(2014, 7, 1), D(2014, 12, 31), "month", "text")
    text = "高雄市議會第1屆第7次定期大會預備會議紀錄\n日 期：中華民國103年3月27日上午10時38分\n地 點：本會議事廳"
    p = document_period(text)
    assert (p.start, p.end, p.granularity) == (D(2014, 3, 27), D(2014, 3, 27), "day")
    assert text[p.evidence_start:p.evidence_end] == "中華民國103年3月27日"
    p = document_period("行政院施政報告\n\n關於97年7月至12月之本院施政情形，業向貴院提出報告。"
                        "茲將本(98)年1月至6月(以下稱為本期)之重要施政")
    assert (p.start, p.end) == (D(2009, 1, 1), D(2009, 6, 30))
    assert document_period("行政院99年度施政方針\n2008年美國金融風暴").start == D(2010, 1, 1)
    assert document_period("這是我國自民國60年起陸續被迫喪失代表權") is None
    assert document_period("") is None


# --- the sample (gold: annotations/kaohsiung_2014h2_international_affairs.json) ----------------

SAMPLE_DATES = [
    ("103年7月至12月", D(2014, 7, 1), D(2014, 12, 31), "month", False),
    ("103年8月1至5日", D(2014, 8, 1), D(2014, 8, 5), "day", False),
    ("103年10月16至17日", D(2014, 10, 16), D(2014, 10, 17), "day", False),
    ("103年11月13至15日", D(2014, 11, 13), D(2014, 11, 15), "day", False),
    ("103年8月1日", D(2014, 8, 1), D(2014, 8, 1), "day", False),
    ("103年8月25至31日", D(2014, 8, 25), D(2014, 8, 31), "day", False),
    ("103年9月15至17日", D(2014, 9, 15), D(2014, 9, 17), "day", False),
    ("103年10月8至11日", D(2014, 10, 8), D(2014, 10, 11), "day", False),
    ("103年7月8日", D(2014, 7, 8), D(2014, 7, 8), "day", False),
    ("當日", D(2014, 7, 8), D(2014, 7, 8), "day", True),
    ("102年", D(2013, 1, 1), D(2013, 12, 31), "year", False),
    ("103年10月26日", D(2014, 10, 26), D(2014, 10, 26), "day", False),
]


def test_sample_report_exactly():
    text = SAMPLE.read_text(encoding="utf-8")
    got = [(m.text, m.value.start, m.value.end, m.value.granularity, m.value.inferred) for m in parse(text)]
    assert got == SAMPLE_DATES
    assert all(m.value.calendar == "roc" and m.value.valid for m in parse(text))


# --- properties: rendered dates inside report-like sentences ------------------------------------

PREFIXES = ["", "本府於", "於", "業於", "截至", "依據", "自", "一、", "(一)", "1.", "本市發生石化氣爆事件，",
            "日本東京都八王子市", "由本府民政局率團，", "主 席：許議長崑源\n", "（認養局處：民政局）\n"]
SUFFIXES = ["", "，由本府民政局率團參加", "本市發生石化氣爆事件", "日本東京都八王子市", "舉行開幕典禮。",
            "，請查照。", "起實施", "辦理訪賓接待業務", "\n", "（認養局處：教育局）", "在陳菊市長見證下簽署"]
CN = "○一二三四五六七八九"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def cn_pos(n: int) -> str:
    """103 → 一百零三, 26 → 二十六, 10 → 十."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    out = ""
    if h:
        out += CN[h] + "百"
        if t == 0 and u:
            return out + "零" + CN[u]
    if t:
        out += ("" if (t == 1 and not h) else CN[t]) + "十"
    if u:
        out += CN[u]
    return out


def cn_digits(n: int) -> str:
    return "".join(CN[int(c)] for c in str(n))


@st.composite
def ymd(draw, min_roc=1, numeric=False):
    """(written year, calendar, Gregorian year, month, day)."""
    if draw(st.booleans()):
        roc = draw(st.integers(min_value=max(min_roc, 60 if numeric else min_roc), max_value=150))
        year, cal, written = roc + 1911, "roc", roc
    else:
        year = draw(st.integers(min_value=1912, max_value=2100))
        cal, written = "gregorian", year
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
    return written, cal, year, month, day


def render_year(written: int, cal: str, style: str, digit_by_digit: bool = False) -> str:
    """Arabic, full-width, or Chinese (一○三 / 一百零三; Gregorian years digit by digit: 二○一四)."""
    if style == "cn":
        return cn_digits(written) if cal == "gregorian" or (written >= 100 and digit_by_digit) else cn_pos(written)
    s = str(written)
    return s.translate(FULLWIDTH) if style == "fullwidth" else s


def render_md(n: int, style: str) -> str:
    if style == "cn":
        return cn_pos(n)
    return str(n).translate(FULLWIDTH) if style == "fullwidth" else str(n)


@st.composite
def full_date(draw):
    """A rendered single day and its expected value."""
    written, cal, year, month, day = draw(ymd())
    style = draw(st.sampled_from(["arabic", "fullwidth", "cn"]))
    y = render_year(written, cal, style, draw(st.booleans()))
    prefix = ""
    if cal == "roc" and draw(st.booleans()):
        prefix = draw(st.sampled_from(["民國", "中華民國"]))
    sp = " " if style == "arabic" and draw(st.integers(0, 3)) == 0 else ""
    unit_year = "\uf98e" if draw(st.integers(0, 4)) == 0 else "年"
    day_unit = draw(st.sampled_from(["日", "日", "號"]))
    text = f"{prefix}{y}{unit_year}{sp}{render_md(month, style)}月{sp}{render_md(day, style)}{day_unit}"
    d = D(year, month, day)
    return text, (d, d, "day", cal)


@st.composite
def numeric_date(draw):
    written, cal, year, month, day = draw(ymd(numeric=True))
    sep = draw(st.sampled_from(".-/"))
    pad = draw(st.booleans())
    m, d_ = (f"{month:02d}", f"{day:02d}") if pad else (str(month), str(day))
    d = D(year, month, day)
    return f"{written}{sep}{m}{sep}{d_}", (d, d, "day", cal)


@st.composite
def date_range(draw):
    """Ranges and lists under one written year, and ranges across years."""
    written, cal, year, month, day = draw(ymd(min_roc=34))
    last = calendar.monthrange(year, month)[1]
    kind = draw(st.sampled_from(["days", "days_full", "months", "months_short", "enum", "cross"]))
    conn = draw(st.sampled_from(["至", "到", "～", "-", "－"]))
    y = f"{written}年"
    if kind in ("days", "days_full", "enum"):
        d1 = draw(st.integers(1, last - 1))
        d2 = draw(st.integers(d1 + 1, last))
        if kind == "days":
            text = f"{y}{month}月{d1}{conn}{d2}日"
        elif kind == "days_full":
            text = f"{y}{month}月{d1}日{conn}{month}月{d2}日"
        else:
            text = f"{y}{month}月{d1}、{d2}日"
        return text, (D(year, month, d1), D(year, month, d2), "day", cal)
    if kind in ("months", "months_short"):
        m1 = draw(st.integers(1, 11))
        m2 = draw(st.integers(m1 + 1, 12))
        text = f"{y}{m1}月{conn}{m2}月" if kind == "months" else f"{y}{m1}{conn}{m2}月"
        return text, (D(year, m1, 1), D(year, m2, calendar.monthrange(year, m2)[1]), "month", cal)
    room = (2100 - year) if cal == "gregorian" else (150 - written)
    if room < 1:
        return f"{y}{month}月", (D(year, month, 1), D(year, month, last), "month", cal)
    y2 = written + draw(st.integers(1, min(3, room)))
    m2 = draw(st.integers(1, 12))
    d2 = draw(st.integers(1, calendar.monthrange(year + y2 - written, m2)[1]))
    text = f"{y}{month}月{day}日{conn}{y2}年{m2}月{d2}日"
    return text, (D(year, month, day), D(year + y2 - written, m2, d2), "day", cal)


@st.composite
def period(draw):
    """Years, fiscal and academic years, halves, quarters, 旬, 月底 and 年底."""
    written, cal, year, month, day = draw(ymd(min_roc=34))
    y = f"{written}年"
    kind = draw(st.sampled_from(["year", "month", "fiscal", "half", "quarter", "xun", "month_end", "year_end",
                                 "academic"]))
    last = calendar.monthrange(year, month)[1]
    if kind == "year":
        return y, (D(year, 1, 1), D(year, 12, 31), "year", cal)
    if kind == "month":
        return f"{y}{month}月", (D(year, month, 1), D(year, month, last), "month", cal)
    if kind == "fiscal":
        if cal == "roc" and written <= 88:
            return f"{y}度", (D(year - 1, 7, 1), D(year, 6, 30), "year", cal)
        if cal == "roc" and written == 89:
            return f"{y}度", (D(1999, 7, 1), D(2000, 12, 31), "year", cal)
        return f"{y}度", (D(year, 1, 1), D(year, 12, 31), "year", cal)
    if kind == "half":
        if draw(st.booleans()):
            return f"{y}上半年", (D(year, 1, 1), D(year, 6, 30), "half", cal)
        return f"{y}下半年", (D(year, 7, 1), D(year, 12, 31), "half", cal)
    if kind == "quarter":
        q = draw(st.integers(1, 4))
        qs = str(q) if draw(st.booleans()) else "一二三四"[q - 1]
        end_m = 3 * q
        return f"{y}第{qs}季", (D(year, end_m - 2, 1), D(year, end_m, calendar.monthrange(year, end_m)[1]),
                              "quarter", cal)
    if kind == "xun":
        i = draw(st.integers(0, 2))
        word = "上中下"[i] + "旬"
        s, e = [(1, 10), (11, 20), (21, last)][i]
        return f"{y}{month}月{word}", (D(year, month, s), D(year, month, e), "day", cal)
    if kind == "month_end":
        return f"{y}{month}月底", (D(year, month, last), D(year, month, last), "day", cal)
    if kind == "year_end":
        return f"{y}底", (D(year, 12, 31), D(year, 12, 31), "day", cal)
    return f"{written}學年度", (D(year, 8, 1), D(year + 1, 7, 31), "year", cal)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expr=st.one_of(full_date(), numeric_date(), date_range(), period()),
       prefix=st.sampled_from(PREFIXES), suffix=st.sampled_from(SUFFIXES))
def test_rendered_dates_in_sentences(expr, prefix, suffix):
    text, (start, end, gran, cal) = expr
    sentence = prefix + text + suffix
    ms = parse(sentence)
    assert len(ms) == 1, (sentence, [m.text for m in ms])
    m = ms[0]
    assert (m.start, m.end, m.text) == (len(prefix), len(prefix) + len(text), text)
    v = m.value
    assert (v.start, v.end, v.granularity, v.calendar, v.inferred, v.valid) == (start, end, gran, cal, False, True)
    assert normalize(text) == (start, end, gran)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789年月日至、及第度季上下半旬底初本今去同期號.-/ 　\n一二三四五六七八九十百○民國中華")),
               max_size=40))
def test_parse_never_crashes_and_offsets_are_exact(text):
    for m in parse(text):
        assert text[m.start:m.end] == m.text
        assert m.text and not m.text[0].isspace() and not m.text[-1].isspace()
        assert m.value.start is None or m.value.start <= m.value.end


# --- real reports ---------------------------------------------------------------------------------

EDGE = set("「」『』（）()《》〈〉\"'“”‘’、，。：；,.;:!?！？ \t\r\n\u3000")


def test_real_reports_parse_cleanly():
    if not REPORTS.is_dir():
        pytest.skip(f"reports not present at {REPORTS}")
    files = sorted(REPORTS.glob("*.txt"))
    assert files
    total = 0
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        ms = parse(text)
        previous_end = 0
        for m in ms:
            assert text[m.start:m.end] == m.text, (path.name, m)
            assert m.text[0] not in EDGE and m.text[-1] not in EDGE, (path.name, m.text)
            assert m.start >= previous_end, (path.name, m.text)
            previous_end = m.end
            v = m.value
            assert v.granularity in {"day", "month", "quarter", "half", "year"}
            assert v.calendar in {"roc", "gregorian"}
            if v.start is not None:
                assert v.start <= v.end
        total += len(ms)
        document_period(text)
    assert total > 1000
