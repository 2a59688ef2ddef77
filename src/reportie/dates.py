"""Date grammar and normalisation for Taiwanese (ROC 民國 and Gregorian) government text.

Pure and usable alone (no spaCy): :func:`parse` finds DATE spans with normalised values,
:func:`normalize` reads one expression, :func:`document_period` finds the period a document
announces about itself. Word lists live in ``reportie/data/dates.json``; the grammar is here.

Matching runs on a per-character NFKC fold of the text (CJK compatibility ideographs,
full-width digits, ideographic spaces), so the folded string has the length of the original
and every offset returned indexes the string given.

Choices made where the annotation guide leaves room (for docs/annotation_decisions.md):

- 上旬 / 中旬 / 下旬 and 月中 are days 1-10 / 11-20 / 21-last, granularity ``day``.
- 月初 is days 1-10 (like 上旬); 月底 / 月末 is the last day of the month (granularity ``day``).
- 年初 is 1 January and 年底 / 年末 is 31 December (granularity ``day``), as the guide fixes 98年底.
- 元旦 after a year is 1 January. 上半年 / 下半年 are halves, 第N季 quarters.
- 年度 is the ROC fiscal year: the calendar year from 90年度 on, 89年度 = 1999-07-01..2000-12-31,
  88年度 and earlier = July of the previous year to June; 學年度 runs 1 August to 31 July.
- 年代 (60年代, 上世紀九○年代, 1930年代) is a decade, granularity ``year``; a two-digit decade is
  read as 19x0s (inferred) unless 民國 is written.
- A range or list has the finest granularity of its ends, except that 月底 / 月初 / 旬 closing a
  month range keep it a month range (95年9月至98年12月底 → month).
- Enumerations under one year (103年10月16、17日, 11月15、18日, 98年8月21日及9月8日, 3月、4月,
  98年第3、4季) and lists sharing a final 年 (97、98年) are one span from the first to the last
  item. Items that each repeat the year (97年、98年; 本年及99年) stay separate spans.
- ``X起至Y`` is one range span; 起 / 以來 / 迄今 after a single date stay outside.
- 同期: ``Y年同期`` / ``去年同期`` is the previous date of the same paragraph moved to year Y
  (本年1至5月 … 去年同期 → last year's January-May), else the reference period moved to Y
  when it is longer than a day, else the whole year Y; inferred only when months came from
  context. 同期 alone after 從/較/與… is the date it parallels.
- Year resolution. Year-less dates (10月8至11日) take the nearest year written with a month or a
  day in the same paragraph before them; else the reference (``reference_date`` or
  :func:`document_period`); else the nearest written year anywhere before. Relative years
  (本年, 去年) and years written alone (100年度) do not anchor them. Deictic words (本年, 今年,
  去年, 明年, 本月, 上個月, 今天, 昨天, 明天, 五二○) read against the reference first (a Period
  counts from its start), else the nearest written year. Anaphoric words (同年, 同月) take the
  nearest written one. 當天 / 當日 / 同日 refer to the previous single-day date within 300
  characters (else they are not returned). A day alone (於7日23時50分) is read only when a time
  of day follows, in the month of the previous date.
- Calendar of values read against the reference: ``roc``, or ``gregorian`` in a document that
  writes at least three Gregorian years and no ROC year.
- When no year can be found at all the span is still returned, with ``start = end = None``,
  ``valid=True`` and ``inferred=True``.
- A recognised but impossible date (103年2月30日, a range that runs backwards) is returned with
  ``valid=False`` and ``start = end = None``.
- A year written alone (98年, 2009年) is a date when plausible (ROC 34-150, Gregorian 1500-2100)
  and no duration cue surrounds it (近10年, 已有50年, 30年來, 3年半); smaller ROC years need 民國
  or a full date (民國8年, 5年10月26日). Four digits (or 一九九二) are Gregorian; 九七年 is not read.
- Years inside names are not DATEs (guide): a date inside a short quoted name
  (「2009年中東貿易訪問團」) or a Gregorian year heading an event name (2009年全美祈禱早餐會).
"""
from __future__ import annotations

import bisect
import calendar as _calendar
import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Union

import regex

__all__ = ["DateValue", "DateMatch", "Period", "parse", "normalize", "document_period", "fold"]


# --- public types -----------------------------------------------------------------------

@dataclass(frozen=True)
class DateValue:
    """Normalised value of a DATE span: the days it covers and how it was written."""

    start: datetime.date | None   # first day covered (None when invalid or unresolvable)
    end: datetime.date | None     # last day covered
    granularity: str              # day, month, quarter, half, year
    calendar: str                 # roc or gregorian
    inferred: bool                # some part (year, month) taken from context
    valid: bool                   # False for e.g. 103年2月30日 (recognised, no value)


@dataclass(frozen=True)
class DateMatch:
    """A DATE span: offsets into the string given to :func:`parse`, its text and value."""

    start: int
    end: int
    text: str
    value: DateValue


@dataclass(frozen=True)
class Period:
    """What a document says about the period it covers (or a reference period given by a caller)."""

    start: datetime.date
    end: datetime.date
    granularity: str
    source: str                   # "text" (found in the document) or "reference_date"
    evidence_start: int | None = None
    evidence_end: int | None = None


Reference = Union[datetime.date, Period, None]

_GRAN_RANK = {"day": 0, "month": 1, "quarter": 2, "half": 3, "year": 4}
_LEVELS = ("year", "month", "day")
_HEAD_CHARS = 500
_TITLE_MAX = 60
_SINCE_UNTIL = ("至", "到", "迄", "自", "從")
_ASCII_DIGITS = "0123456789"


# --- data and folding -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _data() -> dict:
    """The vocabulary file, read once."""
    text = resources.files("reportie.data").joinpath("dates.json").read_text(encoding="utf-8")
    return json.loads(text)


_FOLD_TABLE: dict[int, str] = {}
_FOLD_SEEN: set[str] = set()


def fold(text: str) -> str:
    """Per-character NFKC fold that keeps the length (so offsets stay exact).

    A character is replaced only when NFKC gives exactly one character; numbers such as
    ① or ² are kept (folding them would glue digits onto neighbouring numbers).
    """
    new = set(text)
    new.difference_update(_FOLD_SEEN)
    for ch in new:
        if ord(ch) >= 0xA0:
            n = unicodedata.normalize("NFKC", ch)
            if len(n) == 1 and n != ch and unicodedata.category(ch) != "No":
                _FOLD_TABLE[ord(ch)] = n
        _FOLD_SEEN.add(ch)
    return text.translate(_FOLD_TABLE) if _FOLD_TABLE else text


class _Words(tuple):
    """Words, longest first, with the set of their first characters (a quick reject)."""

    first: frozenset

    def __new__(cls, words) -> "_Words":
        obj = super().__new__(cls, sorted(set(words), key=len, reverse=True))
        obj.first = frozenset(w[0] for w in obj)
        return obj


def _longest_first(words) -> _Words:
    return _Words(words)


class _Grammar:
    """Compiled patterns and word tables built from the vocabulary file."""

    def __init__(self) -> None:
        d = _data()
        by = d["bare_year"]
        self.cn_digits: dict[str, int] = d["cn_digits"]
        self.cn_units: dict[str, int] = d["cn_units"]
        self.cn_tens: dict[str, int] = d["cn_tens"]
        self.month_words: dict[str, int] = d["month_words"]
        self.month_word_list = _longest_first(self.month_words)
        self.roc_prefixes = _longest_first(d["roc_prefixes"])
        self.greg_prefixes = _longest_first(d["gregorian_prefixes"])
        self.century_prefixes: dict[str, int] = d["century_prefixes"]
        self.prefixes = _longest_first([*self.roc_prefixes, *self.greg_prefixes, *self.century_prefixes])
        self.academic = _longest_first(d["academic_year"])
        self.fiscal = d["fiscal_suffix"]
        self.decade = d["decade_suffix"]
        self.year_unit = d["year_unit"]
        self.month_unit = d["month_unit"]
        self.month_suffix = d["month_suffix"]
        self.day_units = _longest_first(d["day_units"])
        self.same_period = _longest_first(d["same_period"])
        self.year_periods: dict[str, str] = d["year_periods"]
        self.year_period_words = _longest_first(self.year_periods)
        self.month_periods: dict[str, str] = d["month_periods"]
        self.month_period_words = _longest_first(self.month_periods)
        pb = d["period_blockers"]
        self.period_blockers = {k: set(v) for k, v in pb.items() if not k.startswith("_")}
        nm = d["names"]
        self.quote_pairs = [(q[0], q[1]) for q in nm["quote_pairs"]]
        self.max_quoted = int(nm["max_quoted"])
        self.name_suffixes = tuple(nm["event_suffixes"])
        self.name_clause_starts = set(nm["clause_starts"])
        self.re_name_run = regex.compile(r"\p{Han}{3,20}")
        self.quote_breakers = set(nm["quote_breakers"])
        self.rel_years: dict[str, list] = d["relative_years"]
        self.rel_year_words = _longest_first(self.rel_years)
        self.rel_months: dict[str, list] = d["relative_months"]
        self.rel_month_words = _longest_first(self.rel_months)
        self.rel_days: dict[str, list] = d["relative_days"]
        self.rel_day_words = _longest_first(self.rel_days)
        rb = d["relative_day_blockers"]
        self.rel_day_next = tuple(rb["next"])
        self.rel_day_prev = tuple(rb["prev"])
        self.anaphoric_window = int(rb["anaphoric_window"])
        bs = d["bare_same_period"]
        self.bare_same_words = _longest_first(bs["words"])
        self.bare_same_prev = tuple(bs["prev"])
        self.named_days: dict[str, list] = d["named_days"]
        self.named_day_words = _longest_first(self.named_days)
        self.connectors = _longest_first(d["range_connectors"])
        self.enumerators = _longest_first(d["enumerators"])
        self.min_roc, self.max_roc = by["min_roc"], by["max_roc"]
        self.min_greg, self.max_greg = by["min_gregorian"], by["max_gregorian"]
        self.neg_prefixes = tuple(_longest_first(by["negative_prefixes"]))
        self.neg_suffixes = tuple(_longest_first(by["negative_suffixes"]))
        self.neg_suffix_exceptions = tuple(by["negative_suffix_exceptions"])
        self.header_labels = d["header_labels"]
        rb2 = d["relative_blockers"]
        self.rel_prev_blockers: dict[str, str] = rb2["prev"]
        self.rel_next_blockers = set(rb2["next"])
        self.period_cues_after = tuple(d["period_cues_after"])
        self.own_period_cue = d["own_period_cue"]
        self.bare_cn_month_next = set(d["bare_cn_month_next"])
        self.yearless_blocked_after = set(d["yearless_blocked_after"])

        esc = regex.escape
        cn = "".join(self.cn_digits) + "".join(self.cn_units) + "".join(self.cn_tens)
        self.cn_chars = set(cn)
        cls = "[" + esc(cn) + "]"
        alt = lambda ws: "|".join(esc(w) for w in _longest_first(ws))  # noqa: E731
        conn_enum = alt(self.connectors + self.enumerators)
        units = "年月日號學季度"
        # Where a parse may start: a cheap filter before the hand-written parser runs
        # (stdlib re: several times faster than regex for this plain pattern).
        self.re_anchor = re.compile(
            "(?:" + alt(self.prefixes + self.rel_year_words + self.rel_month_words + self.rel_day_words
                        + self.bare_same_words + self.named_day_words) + ")"
            + r"|(?<![0-9])[0-9]{1,4}(?=(?: ?\n ?| )?(?:[" + units + r"]|[./\-][0-9])"
            + r"|(?: ?(?:" + conn_enum + r") ?)[0-9]|[0-9] ?[日號月])"
            + "|(?<!" + cls + ")" + cls + "{1,7}(?=(?: ?\n ?| )?[" + units + "]|(?:" + conn_enum + ")" + cls + ")"
            + "|" + alt(self.month_words) + "(?=" + esc(self.month_unit) + ")"
            + "|[" + esc(d["paren_year_words"]) + r"](?=\([0-9])"
        )
        times = "|".join(esc(w) for w in _longest_first(d["bare_day"]["times_of_day"]))
        self.re_bare_day = regex.compile(
            r"(?:[0-3]?[0-9]|" + cls + r"{1,3})(?: ?\n ?| )?[日號](?=(?: ?\n ?| )?(?:" + times
            + r")?(?: ?\n ?| )?[0-9" + esc(cn) + r"]{1,3} ?[時點:])")
        self.re_num = regex.compile(r"[0-9]{1,4}(?![0-9])|" + cls + "{1,7}")
        self.re_spaced = regex.compile(r"([0-3]) ([0-9])(?=(?: ?\n ?| )?[日號月])")
        self.re_paren_year = regex.compile(
            "[" + esc(d["paren_year_words"]) + r"]\(([0-9]{2,3})\)(?: ?\n ?| )?" + esc(self.year_unit))
        self.numeric_dash_min_roc = int(by["numeric_dash_min_roc"])
        self.re_numeric = regex.compile(
            r"(?P<y>[0-9]{2,4})(?P<s>[./\-])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})(?![0-9])(?!(?P=s)[0-9])")
        q = d["quarter"]
        qn = "[1-4一二三四]"
        self.re_quarter = regex.compile(
            esc(q["prefix"]) + r" ?(?P<q>" + qn + r")(?: ?(?:" + conn_enum + r") ?(?:" + esc(q["prefix"])
            + r" ?)?(?P<q2>" + qn + r"))* ?" + esc(q["suffix"]))
        wk = "|".join(esc(w) for w in _longest_first(d["weekday_prefixes"]))
        self.re_weekday = regex.compile(r"\( ?(?:" + wk + r")? ?[" + esc(d["weekday_names"]) + r"] ?\)")
        self.re_cn_pos = regex.compile(
            r"(?:(?P<th>[一二三四五六七八九])千)?(?:(?P<h>[一二三四五六七八九])百)?"
            r"(?:[零〇○]?(?P<t>[一二三四五六七八九])?(?P<ten>十))?(?:[零〇○]?(?P<u>[一二三四五六七八九]))?")
        self.re_cn_tens = regex.compile(r"(?P<tt>[廿卅])(?P<u>[一二三四五六七八九])?")
        self.re_blank_line = regex.compile(r"\n[ \t\u3000]*\n")
        labels = "|".join(r"[ \t]*".join(esc(c) for c in lab) for lab in _longest_first(self.header_labels))
        self.re_header = regex.compile(r"(?m)^[ \t]*(?:" + labels + r")[ \t]*[:：]")


@lru_cache(maxsize=1)
def _g() -> _Grammar:
    return _Grammar()


def _cn_value(s: str) -> tuple[int, str] | None:
    """Value and form ('cn_digit' read digit by digit, or 'cn_pos' with 十/百/千) of a numeral."""
    g = _g()
    if all(c in g.cn_digits for c in s):
        v = 0
        for c in s:
            v = v * 10 + g.cn_digits[c]
        return v, "cn_digit"
    m = g.re_cn_tens.fullmatch(s)
    if m:
        return g.cn_tens[m["tt"]] + (g.cn_digits[m["u"]] if m["u"] else 0), "cn_pos"
    m = g.re_cn_pos.fullmatch(s)
    if not m or not (m["th"] or m["h"] or m["ten"]):
        return None
    v = 0
    if m["th"]:
        v += g.cn_digits[m["th"]] * 1000
    if m["h"]:
        v += g.cn_digits[m["h"]] * 100
    if m["ten"]:
        v += (g.cn_digits[m["t"]] if m["t"] else 1) * 10
    if m["u"]:
        v += g.cn_digits[m["u"]]
    return v, "cn_pos"


# --- parse structures ---------------------------------------------------------------------

@dataclass
class _Num:
    value: int
    start: int
    end: int
    form: str          # arabic, cn_digit, cn_pos
    ndigits: int


@dataclass
class _Pt:
    """One date point as written; missing parts are filled at resolution time."""

    start: int
    end: int = -1
    prefix: str | None = None          # 民國 / 中華民國 / 西元 / 上世紀 …
    year: _Num | None = None           # the written year number
    year_rel: str | None = None        # 本年, 去年, 同年 …
    year_kind: str = "plain"           # plain, fiscal, academic, decade
    year_period: str | None = None     # h1 h2 q early late new_year same
    quarters: tuple[int, int] | None = None
    month: int | None = None
    month_cn: bool = False             # month written with a Chinese numeral
    month_rel: str | None = None       # 本月 / 同月
    month_period: str | None = None    # x1 x2 x3 early late mid
    month_suffix: bool = False         # 份 written
    day: int | None = None
    day_rel: str | None = None         # 今天, 當日 … (a whole point)
    named: bool = False                # 五二○
    same_ref: bool = False             # bare 同期 (refers to the previous date)
    numeric: bool = False              # 103.10.26
    paren_year: bool = False           # 本(98)年: a relative word glossed with its year
    pending: _Num | None = None        # trailing number whose unit comes later (8月1至5日)
    pending_level: str | None = None   # month, day or any

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.year_rel is not None

    @property
    def has_month(self) -> bool:
        return self.month is not None or self.month_rel is not None

    @property
    def top(self) -> str:
        if self.has_year or self.prefix:
            return "year"
        return "month" if self.has_month else "day"

    @property
    def finest(self) -> str:
        if self.day is not None:
            return "day"
        if self.has_month:
            return "month"
        return "year"

    @property
    def empty(self) -> bool:
        return not (self.has_year or self.has_month or self.day is not None)


def _set_at_level(pt: _Pt, num: _Num, level: str) -> None:
    """Read a unit-less number as the point's year, month or day."""
    if level == "year":
        pt.year = num
    elif level == "month":
        pt.month = num.value
        pt.month_cn = num.form != "arabic"
    else:
        pt.day = num.value


@dataclass
class _Expr:
    start: int
    end: int
    points: list[_Pt]
    kind: str = "single"     # single, range, enum
    special: str | None = None   # rel_day, named, same_ref, bare_day


# --- the parser ------------------------------------------------------------------------------

class _Parser:
    """Recursive-descent reader of date expressions over the folded text."""

    def __init__(self, f: str) -> None:
        self.f = f
        self.n = len(f)
        self.g = _g()

    # small helpers
    def sp(self, pos: int) -> int:
        """Position after one optional separator (a space, or a line break with a space either side)."""
        f, n = self.f, self.n
        if pos < n:
            c = f[pos]
            if c == " ":
                if pos + 1 < n and f[pos + 1] == "\n":
                    return pos + 3 if pos + 2 < n and f[pos + 2] == " " else pos + 2
                return pos + 1
            if c == "\n":
                return pos + 2 if pos + 1 < n and f[pos + 1] == " " else pos + 1
        return pos

    def word(self, pos: int, words: _Words) -> str | None:
        """The first of words (longest first) written at pos."""
        f = self.f
        if pos >= self.n or f[pos] not in words.first:
            return None
        for w in words:
            if f.startswith(w, pos):
                return w
        return None

    def num(self, pos: int, level: str) -> _Num | None:
        """A number at pos (Arabic, spaced PDF digits '2 7' before 日/月, or Chinese)."""
        g, f = self.g, self.f
        if pos >= self.n:
            return None
        if level in ("month", "day"):
            m = g.re_spaced.match(f, pos)
            if m:
                return _Num(int(m[1] + m[2]), pos, m.end(), "arabic", 2)
        m = g.re_num.match(f, pos)
        if not m:
            return None
        s = m.group()
        if s[0] in _ASCII_DIGITS:
            return _Num(int(s), pos, m.end(), "arabic", len(s))
        cv = _cn_value(s)
        if cv is None:
            return None
        return _Num(cv[0], pos, m.end(), cv[1], len(s))

    def blocked(self, word: str, pos: int) -> bool:
        """Whether a period word (初, 底, 末, 中) is really the start of another word (初步, 中華)."""
        nxt = self.f[pos] if pos < self.n else ""
        blockers = self.g.period_blockers.get(word[-1])
        return bool(blockers) and bool(nxt) and nxt in blockers

    # points
    def year_suffix(self, pt: _Pt, p: int) -> int:
        """Fiscal 度, 同期, halves, quarters, 年初/年底, 元旦 after a year; returns the new end."""
        g, f = self.g, self.f
        if f.startswith(g.fiscal, p):
            pt.year_kind = "fiscal"
            p += len(g.fiscal)
        w = self.word(p, g.same_period)
        if w:
            pt.year_period = "same"
            return p + len(w)
        q = self.sp(p)
        m = g.re_quarter.match(f, q)
        if m:
            vals = [m["q"]] + m.captures("q2")
            nums = [int(v) if v in _ASCII_DIGITS else g.cn_digits[v] for v in vals]
            if all(a < b for a, b in zip(nums, nums[1:])):
                pt.year_period = "q"
                pt.quarters = (nums[0], nums[-1])
                return m.end()
        w = self.word(q, g.year_period_words)
        if w and not self.blocked(w, q + len(w)):
            if pt.year_kind == "fiscal" and g.year_periods[w] not in ("h1", "h2"):
                return p
            pt.year_period = g.year_periods[w]
            return q + len(w)
        return p

    def month_tail(self, pt: _Pt, p: int) -> int:
        """份 and 上旬/中旬/下旬/初/底/末/中 after a month."""
        g, f = self.g, self.f
        if f.startswith(g.month_suffix, p):
            pt.month_suffix = True
            p += len(g.month_suffix)
        w = self.word(p, g.month_period_words)
        if w and not self.blocked(w, p + len(w)):
            pt.month_period = g.month_periods[w]
            return p + len(w)
        return p

    def month_at(self, p: int) -> tuple[_Num | None, int]:
        """A month number at p (元月 too): (number, position after 月), or (number, -1) without 月."""
        g, f = self.g, self.f
        w = self.word(p, g.month_word_list)
        if w and f.startswith(g.month_unit, p + len(w)):
            return _Num(g.month_words[w], p, p + len(w), "cn_pos", 1), p + len(w) + len(g.month_unit)
        nm = self.num(p, "month")
        if nm is None:
            return None, -1
        q = self.sp(nm.end)
        if f.startswith(g.month_unit, q):
            return nm, q + len(g.month_unit)
        return nm, -1

    def continues(self, pos: int) -> bool:
        """Whether a range connector or an enumerator follows (for a number still without unit)."""
        q = self.sp(pos)
        return bool(self.word(q, self.g.connectors) or self.word(q, self.g.enumerators))

    def point(self, pos: int, lowest_start: str = "month", allow_pending: bool = True) -> _Pt | None:
        """Read one point: [prefix] [year [suffix]] [month [suffix]] [day], or 103.10.26.

        lowest_start is the finest level the point may start with (a range's right end may be
        a bare 5日); a trailing number without unit is kept as ``pending`` when a connector or
        enumerator follows (its unit is written after the next number).
        """
        g, f = self.g, self.f
        pt = _Pt(start=pos)
        p = pos
        if lowest_start != "day":
            m = g.re_numeric.match(f, p)
            if m:
                y, mo, d = m["y"], int(m["m"]), int(m["d"])
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    pt.year = _Num(int(y), p, p + len(y), "arabic", len(y))
                    pt.month, pt.day, pt.numeric = mo, d, True
                    pt.end = m.end()
                    return pt
        # year
        w = self.word(p, g.prefixes)
        if w:
            pt.prefix = w
            p = self.sp(p + len(w))
        mp = None if pt.prefix else g.re_paren_year.match(f, p)
        wr = None if pt.prefix or mp else self.word(p, g.rel_year_words)
        if mp:
            pt.year = _Num(int(mp[1]), mp.start(1), mp.end(1), "arabic", len(mp[1]))
            pt.paren_year = True
            p = self.year_suffix(pt, mp.end())
        elif wr:
            pt.year_rel = wr
            p = self.year_suffix(pt, p + len(wr))
        else:
            ny = self.num(p, "year")
            if ny is not None:
                q = self.sp(ny.end)
                wa = self.word(q, g.academic)
                if wa:
                    pt.year, pt.year_kind = ny, "academic"
                    pt.end = q + len(wa)
                    return pt
                if f.startswith(g.decade, q):
                    pt.year, pt.year_kind = ny, "decade"
                    pt.end = q + len(g.decade)
                    return pt
                if f.startswith(g.year_unit, q):
                    pt.year = ny
                    p = self.year_suffix(pt, q + len(g.year_unit))
                elif pt.prefix:
                    if allow_pending and self.continues(ny.end):
                        pt.pending, pt.pending_level = ny, "year"
                        pt.end = ny.start
                        return pt
                    return None
            elif pt.prefix:
                return None
        if pt.year_period is not None or pt.year_kind != "plain":
            pt.end = p
            return pt
        # month
        month_done = False
        if pt.has_year:
            q = self.sp(p)
        else:
            q = p
            wm = self.word(q, g.rel_month_words)
            if wm:
                pt.month_rel = wm
                p = self.month_tail(pt, q + len(wm))
                month_done = True
                if pt.month_period is not None:
                    pt.end = p
                    return pt
        if not month_done and (pt.has_year or lowest_start in ("month", "day")):
            nm, after = self.month_at(q)
            if nm is not None and after >= 0:
                pt.month = nm.value
                pt.month_cn = nm.form != "arabic"
                p = self.month_tail(pt, after)
                if pt.month_period is not None:
                    pt.end = p
                    return pt
            elif nm is not None and allow_pending and self.continues(nm.end) and lowest_start != "day":
                pt.pending, pt.pending_level = nm, ("month" if pt.has_year else "any")
                pt.end = p
                return pt
        # day
        if pt.has_month or (lowest_start == "day" and not pt.has_year):
            q = self.sp(p) if pt.has_month else p
            nd = self.num(q, "day")
            if nd is not None:
                r = self.sp(nd.end)
                wd = self.word(r, g.day_units)
                if wd:
                    pt.day = nd.value
                    p = r + len(wd)
                elif allow_pending and pt.has_month and self.continues(nd.end):
                    pt.pending, pt.pending_level = nd, "day"
                    pt.end = p
                    return pt
        if pt.empty:
            return None
        pt.end = p
        return pt

    def unit_for(self, num: _Num, level: str) -> tuple[str, _Pt] | None:
        """The point closing a shared-suffix range or list (…至5日, …、17日, 97至98年), or None."""
        g, f = self.g, self.f
        q = self.sp(num.end)
        pt = _Pt(start=num.start)
        if level in ("year", "any") and f.startswith(g.year_unit, q):
            pt.year = num
            p = q + len(g.year_unit)
            if f.startswith(g.fiscal, p):
                pt.year_kind = "fiscal"
                p += len(g.fiscal)
            pt.end = p
            return "year", pt
        if level in ("month", "any") and f.startswith(g.month_unit, q):
            pt.month = num.value
            pt.month_cn = num.form != "arabic"
            pt.end = self.month_tail(pt, q + len(g.month_unit))
            return "month", pt
        if level == "day":
            w = self.word(q, g.day_units)
            if w:
                pt.day = num.value
                pt.end = q + len(w)
                return "day", pt
        return None

    @staticmethod
    def unit_less_point(num: _Num, level: str) -> _Pt:
        """A list item written without its unit (the 16 of 16、17日)."""
        pt = _Pt(start=num.start, end=num.end)
        _set_at_level(pt, num, level)
        return pt

    def with_pending(self, left: _Pt, level: str) -> _Pt:
        """The left point with its trailing unit-less number read at the level decided later."""
        num = left.pending
        pt = replace(left, pending=None, pending_level=None, end=num.end)
        _set_at_level(pt, num, level)
        if level == "year" and pt.prefix is None:
            pt.start = num.start
        return pt

    def pending_continuation(self, left: _Pt) -> _Expr | None:
        """8月1至5日, 98年1-6月, 97至98年, 10月16、17日: ranges and lists sharing a final unit."""
        g = self.g
        pnum, plevel = left.pending, left.pending_level
        numlevel = plevel if plevel != "any" else "month"
        q = self.sp(pnum.end)
        conn = self.word(q, g.connectors)
        if conn:
            rnum = self.num(self.sp(q + len(conn)), numlevel)
            u = self.unit_for(rnum, plevel) if rnum is not None else None
            if u is None:
                return None
            level, rpt = u
            lpt = self.with_pending(left, level)
            if rpt.year_kind == "fiscal":
                lpt.year_kind = "fiscal"
            return _Expr(lpt.start, rpt.end, [lpt, rpt], "range")
        if not self.word(q, g.enumerators):
            return None
        nums = [pnum]
        p = q
        while True:
            e = self.word(p, g.enumerators)
            if not e:
                return None
            nx = self.num(self.sp(p + len(e)), numlevel)
            if nx is None:
                return None
            nums.append(nx)
            u = self.unit_for(nx, plevel)
            if u is not None:
                level, last = u
                break
            p = self.sp(nx.end)
        pts = [self.with_pending(left, level)] + [self.unit_less_point(nx, level) for nx in nums[1:-1]] + [last]
        if last.year_kind == "fiscal":
            for pt in pts:
                pt.year_kind = "fiscal"
        return _Expr(pts[0].start, last.end, pts, "enum")

    def continuation(self, left: _Pt) -> _Expr | None:
        """A range (…至…) or a list of same-level items (16日、17日; 3月、4月) after a complete point."""
        g, f = self.g, self.f
        q = self.sp(left.end)
        wk = g.re_weekday.match(f, q)
        if wk:
            q = self.sp(wk.end())
        conn = self.word(q, g.connectors)
        if conn and left.year_kind != "decade":
            right = self.point(self.sp(q + len(conn)), lowest_start=left.finest, allow_pending=False)
            if right is not None and right.pending is None and right.year_kind != "decade" \
                    and _LEVELS.index(right.top) <= _LEVELS.index(left.finest):
                return _Expr(left.start, right.end, [left, right], "range")
        level = left.finest
        if level == "year" or left.month_period or left.numeric or not self.word(q, g.enumerators):
            return None
        pts = [left]
        kept, end = 1, None
        p = q
        while True:
            e = self.word(p, g.enumerators)
            if not e:
                break
            r = self.sp(p + len(e))
            item = self.point(r, lowest_start=level, allow_pending=False)
            if item is not None and (item.has_year or item.prefix or item.finest != level or item.numeric
                                     or item.month_rel or item.month_period):
                item = None
            if item is None:
                nx = self.num(r, level)
                if nx is None:
                    break
                pts.append(self.unit_less_point(nx, level))
                p = self.sp(nx.end)
                continue
            pts.append(item)
            kept, end = len(pts), item.end
            p = self.sp(end)
            w2 = g.re_weekday.match(f, p)
            if w2:
                p = self.sp(w2.end())
        if end is None:
            return None
        return _Expr(left.start, end, pts[:kept], "enum")

    def special(self, pos: int) -> _Expr | None:
        """今天 / 當日 …, 五二○, and 同期 standing alone."""
        g = self.g
        w = self.word(pos, g.rel_day_words)
        if w:
            pt = _Pt(start=pos, end=pos + len(w), day_rel=w)
            return _Expr(pos, pt.end, [pt], "single", "rel_day")
        w = self.word(pos, g.named_day_words)
        if w:
            mo, d = g.named_days[w]
            pt = _Pt(start=pos, end=pos + len(w), month=mo, day=d, named=True)
            return _Expr(pos, pt.end, [pt], "single", "named")
        m = g.re_bare_day.match(self.f, pos)
        if m:
            nd = self.num(pos, "day")
            if nd is not None and 1 <= nd.value <= 31:
                pt = _Pt(start=pos, end=m.end(), day=nd.value)
                return _Expr(pos, pt.end, [pt], "single", "bare_day")
        w = self.word(pos, g.bare_same_words)
        if w:
            pt = _Pt(start=pos, end=pos + len(w), same_ref=True)
            return _Expr(pos, pt.end, [pt], "single", "same_ref")
        return None

    def candidates(self, pos: int) -> list[_Expr]:
        """Readings starting at pos, longest first (the shorter ones are fallbacks)."""
        sp = self.special(pos)
        if sp is not None:
            return [sp]
        left = self.point(pos)
        if left is None:
            return []
        out: list[_Expr] = []
        if left.pending is not None:
            e = self.pending_continuation(left)
            if e is not None:
                out.append(e)
            if not left.empty:
                base = replace(left, pending=None, pending_level=None)
                out.append(_Expr(base.start, base.end, [base]))
            return out
        e = self.continuation(left)
        if e is not None:
            out.append(e)
        out.append(_Expr(left.start, left.end, [left]))
        return out


# --- acceptance (context rules) --------------------------------------------------------------

def _year_calendar(num: _Num, prefix: str | None) -> str | None:
    """Calendar of a written year number, or None when it cannot be a year (1430, 九七, 200)."""
    g = _g()
    v = num.value
    if num.form == "arabic":
        cal = "gregorian" if num.ndigits == 4 else "roc"
    elif num.form == "cn_digit":
        if num.ndigits == 4:
            cal = "gregorian"
        elif num.ndigits in (1, 3) or prefix in g.roc_prefixes:
            cal = "roc"          # 一○三年, 五年十月一日; 九七年 (1997? 2008?) is not read
        else:
            return None
    else:
        cal = "gregorian" if v >= 1000 else "roc"
    if cal == "gregorian":
        if prefix in g.roc_prefixes or not (g.min_greg <= v <= g.max_greg):
            return None
        return cal
    if prefix in g.greg_prefixes or prefix in g.century_prefixes or not (1 <= v <= g.max_roc):
        return None
    return cal


def _decade_ok(pt: _Pt) -> bool:
    """60年代, 九○年代, 上世紀九○年代, 1930年代, 民國60年代."""
    g = _g()
    v, n = pt.year.value, pt.year
    if v % 10:
        return False
    if (n.form == "arabic" and n.ndigits == 4) or v >= 1000:
        return pt.prefix not in g.roc_prefixes and g.min_greg <= v <= g.max_greg
    return 10 <= v <= 90 or (pt.prefix in g.roc_prefixes and v <= g.max_roc)


def _prev_text(f: str, start: int, n: int = 4) -> str:
    """Up to n characters before start, skipping one separating space."""
    s = start
    if s > 0 and f[s - 1] == " ":
        s -= 1
    return f[max(0, s - n):s]


def _line_start(f: str, pos: int) -> bool:
    """Whether only spaces separate pos from the start of its line."""
    k = pos - 1
    while k >= 0 and f[k] in " \t":
        k -= 1
    return k < 0 or f[k] == "\n"


def _rel_blocked(f: str, start: int, end: int) -> bool:
    """A relative word inside another word (基本年金, 說明年度, 相同年齡, 同年齡)."""
    g = _g()
    prev = f[start - 1] if start > 0 else ""
    if prev and prev in g.rel_prev_blockers.get(f[start], ""):
        return True
    return end < len(f) and f[end] in g.rel_next_blockers


def _accept(f: str, e: _Expr) -> bool:
    """Context rules: boundaries, plausible years, durations, figurative relative words."""
    g = _g()
    start, end = e.start, e.end
    prev = f[start - 1] if start > 0 else ""
    first = f[start]
    if e.special == "rel_day":
        if _rel_blocked(f, start, end) or f.startswith(g.rel_day_next, end):
            return False
        return not _prev_text(f, start, 1).endswith(g.rel_day_prev)
    if e.special == "same_ref":
        return _prev_text(f, start).endswith(g.bare_same_prev)
    if e.special == "named":
        return prev not in g.cn_chars and (end >= len(f) or f[end] not in g.cn_chars)
    if e.special == "bare_day":
        before = _prev_text(f, start, 1)
        return not (prev in _ASCII_DIGITS or prev in g.cn_chars or before in g.yearless_blocked_after
                    or before == g.month_unit or (prev.isascii() and prev.isalpha()))
    if first in _ASCII_DIGITS:
        if prev and (prev in _ASCII_DIGITS or (prev.isascii() and prev.isalpha())):
            return False
        if prev == "," and start >= 2 and f[start - 2] in _ASCII_DIGITS:
            return False
        if prev in "./-~" and start >= 2 and f[start - 2] in _ASCII_DIGITS:
            k = start - 2
            while k >= 0 and f[k] in _ASCII_DIGITS:
                k -= 1
            if prev != "." or start - 2 - k > 2:
                return False     # 123.98年 is a decimal; 1.103年 has a list marker
    elif first in g.cn_chars and prev in g.cn_chars:
        return False
    pts = e.points
    p0 = pts[0]
    if e.kind == "enum" and f.startswith("、", pts[0].end) and f[start:pts[0].end].isdigit() \
            and int(f[start:pts[0].end]) < g.min_roc and _line_start(f, start):
        return False          # "8、8月15日": the first number is a list marker
    rel = p0.year_rel or p0.month_rel
    if rel and _rel_blocked(f, start, start + len(rel)):
        return False
    if p0.numeric:
        if end + 1 < len(f) and f[end] in "./-" and f[end + 1] in _ASCII_DIGITS:
            return False
        if f[p0.year.end] == "-" and p0.year.ndigits < 4 and p0.year.value < g.numeric_dash_min_roc:
            return False      # 19-5-26: a budget code, not 民國19年
        if p0.year.ndigits < 4 and p0.year.value < g.min_roc:
            return False
    bare = True
    for i, pt in enumerate(pts):
        prefix = pt.prefix or (p0.prefix if i > 0 else None)
        if pt.prefix in g.century_prefixes and pt.year_kind != "decade":
            return False
        if pt.year is not None:
            if pt.year_kind == "decade":
                if not _decade_ok(pt):
                    return False
            else:
                cal = _year_calendar(pt.year, prefix)
                if cal is None:
                    return False
                if cal == "roc" and pt.year.value < g.min_roc and prefix is None and pt.day is None:
                    return False     # 1年6月, 5年度: durations unless a full date or 民國
        if pt.prefix or pt.year_rel or pt.paren_year or pt.year_kind not in ("plain",) or pt.year_period \
                or pt.has_month or pt.day is not None:
            bare = False
    if p0.year is None and p0.year_rel is None and p0.month_rel is None:
        # year-less: not right after a rejected year (1年6月), an ordinal or a numeral
        before = _prev_text(f, start, 1)
        if before in g.yearless_blocked_after or (before and before in g.cn_chars):
            return False
        if p0.month is not None and p0.month_cn and p0.day is None and not p0.month_suffix \
                and p0.month_period is None and len(pts) == 1 \
                and not (end >= len(f) or f[end] in g.bare_cn_month_next):
            return False   # 五月天: a bare Chinese month needs 份, 間, a period word, a day or a range
    if bare:
        for pt in pts:
            if pt.year is None:
                return False
            v, form = pt.year.value, pt.year.form
            if form == "cn_digit" and pt.year.ndigits < 3:
                return False
            if _year_calendar(pt.year, None) == "roc" and not (g.min_roc <= v <= g.max_roc):
                return False
        if _prev_text(f, start).endswith(g.neg_prefixes):
            return False
        if f.startswith(g.neg_suffixes, end) and not f.startswith(g.neg_suffix_exceptions, end):
            return False
    return not _in_name(f, e)


def _in_name(f: str, e: _Expr) -> bool:
    """A date that is part of a name (the guide keeps years inside names in the name).

    Inside a short quoted name: 「2009年中東貿易訪問團」, 「馬英九總統97年言論選集」 (a date in
    brackets inside the quote, 「…計畫(2007-2009年)」, is still a date). Or a Gregorian year
    heading an event name: 2009年全美祈禱早餐會, 2009年國際衛生領袖會議.
    """
    g = _g()
    start, end = e.start, e.end
    for op, cl in g.quote_pairs:
        o = f.rfind(op, max(0, start - g.max_quoted), start)
        if o < 0 or f.find(cl, o, start) >= 0:
            continue
        c = f.find(cl, end, end + g.max_quoted)
        if c < 0 or f.find(op, end, c) >= 0:
            continue
        content = f[o + 1:c]
        bracketed = start > 0 and f[start - 1] == "(" and f.startswith(")", end)
        if (o + 1, c) != (start, end) and not bracketed and not any(ch in g.quote_breakers for ch in content):
            return True
    pts = e.points
    if len(pts) == 1 and pts[0].year is not None and pts[0].year.ndigits == 4 and pts[0].year.form == "arabic" \
            and not pts[0].has_month and pts[0].year_period is None and pts[0].year_kind == "plain":
        m = g.re_name_run.match(f, end)
        if m and m.group()[0] not in g.name_clause_starts and m.group().endswith(g.name_suffixes):
            return True
    return False


# --- scanning ----------------------------------------------------------------------------------

def _scan(f: str) -> list[_Expr]:
    """All accepted expressions in the folded text, left to right, non-overlapping."""
    g = _g()
    parser = _Parser(f)
    out: list[_Expr] = []
    pos = 0
    search = g.re_anchor.search
    while True:
        m = search(f, pos)
        if m is None:
            break
        s = m.start()
        for e in parser.candidates(s):
            if _accept(f, e):
                out.append(e)
                pos = e.end
                break
        else:
            pos = s + 1
    return out


# --- values --------------------------------------------------------------------------------------

class _Invalid(Exception):
    """A recognised date that does not exist (2月30日) or a range running backwards."""


def _month_end(y: int, m: int) -> datetime.date:
    return datetime.date(y, m, _calendar.monthrange(y, m)[1])


def _mk(y: int, m: int, d: int) -> datetime.date:
    try:
        return datetime.date(y, m, d)
    except ValueError as exc:
        raise _Invalid(str(exc)) from exc


def _shift_year(d: datetime.date, years: int) -> datetime.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:       # 29 February
        return d.replace(year=d.year + years, day=28)


@dataclass
class _Resolved:
    year: int | None            # Gregorian year of the point (None: unknown)
    month: int | None
    inferred: bool
    calendar: str | None        # calendar of a written or anchoring year


def _roc_to_greg(v: int, cal: str) -> int:
    return v + 1911 if cal == "roc" else v


def _point_span(pt: _Pt, year: int, month: int | None, cal: str,
                period: Period | None) -> tuple[datetime.date, datetime.date, str, bool]:
    """(start, end, granularity, used_context) of a resolved point.

    ``period`` is what 同期 refers to (the previous date, or the reference period).
    """
    if pt.day is not None:
        if month is None:
            raise _Invalid("no month")
        d = _mk(year, month, pt.day)
        return d, d, "day", False
    if month is not None:
        if not 1 <= month <= 12:
            raise _Invalid("month")
        mp = pt.month_period
        last = _month_end(year, month).day
        if mp in ("x1", "early"):
            return _mk(year, month, 1), _mk(year, month, 10), "day", False
        if mp in ("x2", "mid"):
            return _mk(year, month, 11), _mk(year, month, 20), "day", False
        if mp == "x3":
            return _mk(year, month, 21), _mk(year, month, last), "day", False
        if mp == "late":
            return _mk(year, month, last), _mk(year, month, last), "day", False
        return _mk(year, month, 1), _mk(year, month, last), "month", False
    yp = pt.year_period
    if yp == "h1":
        return _mk(year, 1, 1), _mk(year, 6, 30), "half", False
    if yp == "h2":
        return _mk(year, 7, 1), _mk(year, 12, 31), "half", False
    if yp == "q":
        a, b = pt.quarters
        return _mk(year, 3 * a - 2, 1), _month_end(year, 3 * b), "quarter", False
    if yp == "early" or yp == "new_year":
        return _mk(year, 1, 1), _mk(year, 1, 1), "day", False
    if yp == "late":
        return _mk(year, 12, 31), _mk(year, 12, 31), "day", False
    if yp == "same":
        whole = (_mk(year, 1, 1), _mk(year, 12, 31))
        if period is not None and period.start != period.end:
            shift = year - period.start.year
            s, t = _shift_year(period.start, shift), _shift_year(period.end, shift)
            return s, t, period.granularity, (s, t) != whole
        return whole[0], whole[1], "year", False
    if pt.year_kind == "fiscal" and pt.year is not None and cal == "roc":
        v = year - 1911
        if v == 89:
            return _mk(1999, 7, 1), _mk(2000, 12, 31), "year", False
        if v <= 88:
            return _mk(year - 1, 7, 1), _mk(year, 6, 30), "year", False
    if pt.year_kind == "academic":
        return _mk(year, 8, 1), _mk(year + 1, 7, 31), "year", False
    if pt.year_kind == "decade":
        return _mk(year, 1, 1), _mk(year + 9, 12, 31), "year", False
    return _mk(year, 1, 1), _mk(year, 12, 31), "year", False


class _Context:
    """What relative and year-less dates are read against, updated as the text is read."""

    def __init__(self, text: str, f: str, reference: Reference) -> None:
        self.text = text
        self.f = f
        self.reference = reference
        self._doc_period: Period | None | bool = False
        self.last_year: tuple[int, str, int] | None = None      # (year, calendar, end) of a dated mention
        self.last_year_any: tuple[int, str, int] | None = None  # … of any year mention (for 同年)
        self.last_month: tuple[int, int, str] | None = None     # (year, month, calendar)
        self.last_day: tuple[datetime.date | None, str, int] | None = None
        self.last_value: DateValue | None = None
        self.last_end: int | None = None
        self.history: list[tuple[int, int, DateValue]] = []
        self.calendar = "roc"          # calendar of dates read against the reference
        self.blank_lines = [m.start() for m in _g().re_blank_line.finditer(f)]

    def period(self) -> Period | None:
        """The reference as a Period (a date is a one-day period), else the document's own."""
        ref = self.reference
        if isinstance(ref, Period):
            return ref
        if isinstance(ref, datetime.date):
            return Period(ref, ref, "day", "reference_date")
        if self._doc_period is False:
            self._doc_period = document_period(self.text)
        return self._doc_period  # type: ignore[return-value]

    def now(self) -> tuple[int | None, int | None, datetime.date | None]:
        """(year, month, day) the deictic words point at, from the reference."""
        p = self.period()
        if p is None:
            return None, None, None
        month = p.start.month if (p.start.year, p.start.month) == (p.end.year, p.end.month) else None
        day = p.start if p.start == p.end else None
        return p.start.year, month, day

    def same_period(self, pos: int) -> Period | None:
        """What 同期 refers to: the previous date in the paragraph, else the reference period."""
        lv = self.last_value
        if lv is not None and lv.start is not None and self.last_end is not None \
                and self.same_paragraph(self.last_end, pos):
            return Period(lv.start, lv.end, lv.granularity, "text")
        return self.period()

    def same_ref(self, pos: int) -> DateValue | None:
        """What a bare 同期 refers to: the date after the same comparison word (從A…從同期), else the last."""
        w = _prev_text(self.f, pos, 1)
        for start, end, value in reversed(self.history):
            if not self.same_paragraph(end, pos):
                break
            if w and _prev_text(self.f, start, 1) == w:
                return value
        return self.last_value

    def same_paragraph(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.blank_lines, a)
        return i >= len(self.blank_lines) or self.blank_lines[i] >= b

    def anaphoric_year(self, pos: int, local_only_first: bool = True) -> tuple[int | None, str]:
        """Year of a year-less date (local: nearest dated mention in the paragraph) or of 同年 (any)."""
        if not local_only_first and self.last_year_any:
            return self.last_year_any[0], self.last_year_any[1]
        if self.last_year and self.same_paragraph(self.last_year[2], pos):
            return self.last_year[0], self.last_year[1]
        return self.deictic_year()

    def deictic_year(self) -> tuple[int | None, str]:
        """Year of 本年 / 今年 … : the reference, else the nearest year written before."""
        y = self.now()[0]
        if y is not None:
            return y, self.calendar
        if self.last_year_any:
            return self.last_year_any[0], self.last_year_any[1]
        return None, self.calendar


def _value(e: _Expr, ctx: _Context) -> tuple[DateValue, int | None] | None:
    """Value of an accepted expression and the year it mentions (for later year-less dates).

    None drops the expression (當日 with no day before it, 同期 with nothing to refer to).
    """
    g = _g()
    pts = e.points
    p0 = pts[0]
    if e.special == "rel_day":
        kind, off = g.rel_days[p0.day_rel]
        if kind == "anaphoric":
            ld = ctx.last_day
            if ld is None or e.start - ld[2] > g.anaphoric_window:
                return None
            if ld[0] is None:
                return DateValue(None, None, "day", ld[1], True, True), None
            d = ld[0] + datetime.timedelta(days=off)
            return DateValue(d, d, "day", ld[1], True, True), None
        day = ctx.now()[2]
        if day is None:
            return DateValue(None, None, "day", ctx.calendar, True, True), None
        d = day + datetime.timedelta(days=off)
        return DateValue(d, d, "day", ctx.calendar, True, True), None
    if e.special == "bare_day":
        if ctx.last_month is not None:
            year, month, calendar = ctx.last_month
        else:
            year, month, _d = ctx.now()
            calendar = ctx.calendar
        if year is None or month is None:
            return DateValue(None, None, "day", calendar, True, True), None
        try:
            d = _mk(year, month, p0.day)
        except _Invalid:
            return DateValue(None, None, "day", calendar, True, False), None
        return DateValue(d, d, "day", calendar, True, True), None
    if e.special == "same_ref":
        lv = ctx.same_ref(e.start)
        if lv is None:
            return None
        return DateValue(lv.start, lv.end, lv.granularity, lv.calendar, True, True), None

    inferred = False
    mention: int | None = None          # year written (or named relatively) in the expression
    month: int | None = p0.month
    if p0.year is not None:
        if p0.year_kind == "decade":
            v = p0.year.value
            if p0.prefix in g.roc_prefixes:
                year, calendar = v + 1911, "roc"
            elif v >= 1000:
                year, calendar = v, "gregorian"
            else:
                year = g.century_prefixes.get(p0.prefix or "", 1900) + v % 100
                calendar, inferred = "gregorian", True
        else:
            calendar = _year_calendar(p0.year, p0.prefix) or "roc"
            year = _roc_to_greg(p0.year.value, calendar)
            mention = year
    elif p0.year_rel is not None:
        kind, off = g.rel_years[p0.year_rel]
        base, calendar = ctx.deictic_year() if kind == "deictic" else ctx.anaphoric_year(e.start, False)
        year = None if base is None else base + off
        inferred = True
    elif p0.month_rel is not None:
        kind, off = g.rel_months[p0.month_rel]
        inferred = True
        y, mth, _d = ctx.now()
        if kind == "anaphoric" and ctx.last_month:
            year, month, calendar = ctx.last_month
        elif y is not None and mth is not None:
            year, month, calendar = y, mth, ctx.calendar
        elif ctx.last_month:
            year, month, calendar = ctx.last_month
        else:
            year, month, calendar = None, None, ctx.calendar
        if year is not None and month is not None and off:
            k = year * 12 + month - 1 + off
            year, month = k // 12, k % 12 + 1
    elif p0.named:
        year, calendar = ctx.deictic_year()
        inferred = True
    else:
        year, calendar = ctx.anaphoric_year(e.start)
        inferred = True

    if year is None:
        return DateValue(None, None, _expr_granularity(e), calendar, True, True), None

    period = ctx.same_period(e.start)
    try:
        spans = []
        y, mth = year, month
        for i, pt in enumerate(pts):
            if i > 0:
                prev_month = mth
                if pt.year is not None:
                    c = _year_calendar(pt.year, pt.prefix or p0.prefix) or calendar
                    y = _roc_to_greg(pt.year.value, c)
                    mention = y
                    mth = pt.month
                elif pt.year_rel is not None:
                    kind, off = g.rel_years[pt.year_rel]
                    base, _c = ctx.deictic_year() if kind == "deictic" else ctx.anaphoric_year(pt.start, False)
                    if base is None:
                        raise _Invalid("unresolvable")
                    y = base + off
                    inferred = True
                    mth = pt.month
                elif pt.month is not None:
                    mth = pt.month
                    if e.kind == "range" and prev_month is not None and mth < prev_month:
                        y += 1           # 103年12月30日至1月2日
            s, t, gran, used = _point_span(pt, y, mth, calendar, period)
            inferred = inferred or used
            if len(pts) > 1 and gran == "day" and pt.day is None:
                gran = "month" if pt.has_month else "year"   # 95年9月至98年12月底: a month range
            spans.append((s, t, gran))
        for (s1, t1, _), (s2, t2, _) in zip(spans, spans[1:]):
            if s2 < s1 or t2 < t1:
                raise _Invalid("backwards")
        gran = min((sp[2] for sp in spans), key=_GRAN_RANK.__getitem__)
        return DateValue(spans[0][0], spans[-1][1], gran, calendar, inferred, True), mention
    except _Invalid:
        return DateValue(None, None, _expr_granularity(e), calendar, inferred, False), None


def _expr_granularity(e: _Expr) -> str:
    """Granularity from the written form alone (used when no value can be computed)."""
    best = "year"
    for pt in e.points:
        if pt.day is not None or pt.day_rel or pt.month_period or pt.year_period in ("early", "late", "new_year"):
            gran = "day"
        elif pt.has_month:
            gran = "month"
        elif pt.year_period == "q":
            gran = "quarter"
        elif pt.year_period in ("h1", "h2"):
            gran = "half"
        else:
            gran = "year"
        if _GRAN_RANK[gran] < _GRAN_RANK[best]:
            best = gran
    return best


def _update(ctx: _Context, e: _Expr, v: DateValue, mention: int | None) -> None:
    """Remember the year, month and day this expression mentions, for later relative dates."""
    ctx.history.append((e.start, e.end, v))
    ctx.last_value = v
    ctx.last_end = e.end
    single_day = len(e.points) == 1 and (e.points[0].day is not None or e.points[0].day_rel is not None)
    if v.start is None or v.end is None:
        if single_day and v.valid:
            ctx.last_day = (None, v.calendar, e.end)
        return
    if mention is not None:
        ctx.last_year_any = (mention, v.calendar, e.end)
        if any(pt.has_month or pt.day is not None for pt in e.points):
            ctx.last_year = (mention, v.calendar, e.end)  # 100年度 or 102年 alone does not anchor 5月23日
    if any(pt.has_month for pt in e.points) and not e.special:
        ctx.last_month = (v.end.year, v.end.month, v.calendar)
    if v.granularity == "day" and v.start == v.end:
        ctx.last_day = (v.start, v.calendar, e.end)


def _document_calendar(exprs: list[_Expr]) -> str:
    """Gregorian when the document writes its years only that way (at least 3, no ROC year)."""
    counts = {"roc": 0, "gregorian": 0}
    for e in exprs:
        for pt in e.points:
            if pt.year is not None and pt.year_kind != "decade":
                c = _year_calendar(pt.year, pt.prefix)
                if c:
                    counts[c] += 1
    return "gregorian" if counts["gregorian"] >= 3 and counts["roc"] == 0 else "roc"


# --- public API -------------------------------------------------------------------------------

def parse(text: str, reference_date: datetime.date | Period | None = None) -> list[DateMatch]:
    """All DATE spans in text with normalised values; offsets index ``text`` itself.

    ``reference_date`` (a date, or a Period such as the document's own) is what relative words
    (本年, 今天) and year-less dates fall back on; without it :func:`document_period` is used.
    """
    if not text:
        return []
    f = fold(text)
    exprs = _scan(f)
    if not exprs:
        return []
    ctx = _Context(text, f, reference_date)
    ctx.calendar = _document_calendar(exprs)
    out: list[DateMatch] = []
    for e in exprs:
        r = _value(e, ctx)
        if r is None:
            continue
        v, mention = r
        _update(ctx, e, v, mention)
        out.append(DateMatch(e.start, e.end, text[e.start:e.end], v))
    return out


def normalize(expression: str, reference_date: datetime.date | Period | None = None
              ) -> tuple[datetime.date, datetime.date, str]:
    """(start, end, granularity) of one date expression, e.g. 103年7月至12月.

    Raises ValueError when the string is not exactly one date expression, or when it has no
    value (an impossible date, or a relative date with nothing to read it against).
    """
    s = expression.strip()
    matches = parse(s, reference_date)
    if len(matches) != 1 or matches[0].start != 0 or matches[0].end != len(s):
        raise ValueError(f"not one date expression: {expression!r}")
    v = matches[0].value
    if v.start is None or v.end is None:
        raise ValueError(f"date expression without a value: {expression!r}")
    return v.start, v.end, v.granularity


def document_period(text: str) -> Period | None:
    """The period the document announces about itself, read from its head (~500 characters).

    In order: a labelled header date (日期：中華民國103年3月27日, 時間：101年5月23日), a date with
    a written year in the title line (行政院99年度施政方針), or a period stated in the first
    paragraphs (本府秘書處103年7月至12月業辦理…, 98年1月至6月, 103年下半年, 99年度).
    Relative and year-less dates are not used. None when nothing fits.
    """
    if not text:
        return None
    g = _g()
    head = fold(text[:_HEAD_CHARS])
    exprs = [e for e in _scan(head) if e.special is None and e.points[0].year is not None
             and e.points[0].year_kind != "decade"]
    if not exprs:
        return None

    def make(e: _Expr) -> Period | None:
        ctx = _Context(text, head, None)
        ctx._doc_period = None
        r = _value(e, ctx)
        v = r[0] if r else None
        if v is None or v.start is None or not v.valid or v.inferred:
            return None
        return Period(v.start, v.end, v.granularity, "text", e.start, e.end)

    # 1. labelled header line
    for m in g.re_header.finditer(head):
        line_end = head.find("\n", m.end())
        line_end = len(head) if line_end < 0 else line_end
        for e in exprs:
            if m.end() <= e.start < line_end:
                p = make(e)
                if p:
                    return p
    # 2. title line (first non-empty line)
    stripped = head.lstrip()
    t0 = len(head) - len(stripped)
    t1 = head.find("\n", t0)
    t1 = len(head) if t1 < 0 else t1
    title = head[t0:t1].strip()
    for e in exprs if len(title) <= _TITLE_MAX and not title.endswith(("。", "，", ",")) else []:
        if t0 <= e.start < t1:
            if head.startswith(g.period_cues_after, e.end) or _prev_text(head, e.start, 1) in _SINCE_UNTIL:
                continue
            p = make(e)
            if p:
                return p
    # 3. a stated period: a range of months or more, a half, a quarter or a fiscal year;
    #    one marked as the report's own (…(以下稱為本期)) wins over an earlier one.
    stated_periods: list[Period] = []
    for e in exprs:
        pts = e.points
        if head.startswith(g.period_cues_after, e.end):
            continue
        if any(pt.day is not None or pt.month_period or pt.year_period in ("early", "late", "new_year", "same")
               for pt in pts):
            continue
        stated = (e.kind == "range" and all(pt.has_month or pt.year is not None for pt in pts)) \
            or pts[0].year_period in ("h1", "h2", "q") or pts[0].year_kind in ("fiscal", "academic")
        if stated:
            p = make(e)
            if p and (p.end - p.start).days <= 366:
                if g.own_period_cue in head[e.end:e.end + 15]:
                    return p
                stated_periods.append(p)
    return stated_periods[0] if stated_periods else None

