"""Rule-based entity spans: gazetteer names, composed government bodies, titles and the
names next to them, attendee lists, quoted and suffixed names of organisations, events
and programmes.

Each rule proposes :class:`Candidate` spans with a priority; :func:`resolve` keeps a flat,
non-overlapping set (higher priority first, then longer). The vocabulary the rules use
lives in ``reportie/data/entity_rules.json`` and in the gazetteers (models/gazetteers).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..resources import package_json
from .gazetteer import Gazetteer

PLACE_LABELS = {"COUNTRY", "CITY", "LOC"}
NAMED_LABELS = PLACE_LABELS | {"BUREAU", "ORG", "TITLE", "EVENT", "PROGRAM"}

# Priorities: a quoted name beats everything inside it; a composed body beats its parts.
P_QUOTED, P_BUREAU, P_DATE, P_PERSON_EMBEDDED, P_PERSON, P_NAME, P_GAZ, P_MODEL, P_ABBR = (
    90, 80, 76, 75, 74, 70, 60, 55, 50)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    priority: int
    canonical: str | None = None
    rule: str = ""
    meta: tuple = ()


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    v = dict(package_json("entity_rules.json"))
    v["_strong"] = set(v["name_boundary_chars"])
    v["_weak"] = set(v["name_weak_boundary_chars"])
    v["_org_stops"] = set(v["org_left_stops"])
    v["_rep_office"] = regex.compile(v["representative_office"])
    v["_law_suffix"] = regex.compile("|".join(sorted(v["law_suffixes"], key=len, reverse=True)))
    v["_quote"] = regex.compile(
        f"[{regex.escape(v['quote_open'])}]([^{regex.escape(v['quote_close'] + v['quote_open'])}\\n]{{1,60}})"
        f"[{regex.escape(v['quote_close'])}]")
    fields = "|".join(r"\s*".join(regex.escape(c) for c in f)
                      for f in sorted(v["person_list_fields"], key=len, reverse=True))
    v["_list_field"] = regex.compile(rf"(?:^|(?<=[\s。]))(?:{fields})[ \t]*[:：][ \t]*", regex.M)
    return v


_HAN = regex.compile(r"\p{Han}")
_LATIN_NAME = regex.compile(r"[A-Z][A-Za-z'\-]*(?:[ .·][A-Z][A-Za-z'\-]*){1,5}")
# a Latin-script person name: capitalised words (accents allowed), initials, particles (van, de, binti)
_LATIN_PERSON = regex.compile(
    r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Msgr|H\.E|HRH|Madam)\.?[ ]+(?:Prince[ ]+)?|Tan[ ]Sri[ ]+)?"
    r"(?P<name>(?=\p{Lu})\p{Latin}[\p{Latin}'’\-]+"
    r"(?:[ ]+(?:(?=\p{Lu})\p{Latin}[\p{Latin}'’\-]+|(?=\p{Lu})\p{Latin}\."
    r"|(?:van|von|de|der|den|da|del|la|le|di|bin|binti|al|of)(?=[ ]))){1,5}(?:,?[ ]Jr\.)?)")
_LATIN_WORD = regex.compile(r"[A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]+){0,3}")
_TABLE_NAME = regex.compile(r"[ \t\u3000]*[:：][ \t\u3000]*(\p{Han}{2,4})(?=[ \t\u3000]|$)", regex.M)
_DOT_NAME = regex.compile(r"\p{Han}{1,6}(?:[.·‧．・]\p{Han}{1,8}){1,3}")


def _occurrences(text: str, s: str):
    """Start offsets of every occurrence of ``s`` (a plain search: no pattern to compile)."""
    i = text.find(s)
    while i >= 0:
        yield i
        i = text.find(s, i + 1)


def _is_han(ch: str) -> bool:
    return bool(ch) and bool(_HAN.match(ch))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent multi-character words of the segmentation dictionary (not person names):
    a run made only of them (宣告開會) is not a name."""
    from ..segmentation import JIEBA_DICT, segment_dir

    path = segment_dir() / JIEBA_DICT
    min_freq = vocabulary()["common_word_min_freq"]
    words = set()
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and float(parts[1]) >= min_freq \
                        and not (len(parts) > 2 and parts[2].startswith("nr")):
                    words.add(parts[0])
    return frozenset(words)


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Part-of-speech tags of the two-character words of the segmentation dictionary: a
    candidate given name that is an adverb, preposition or verb (是不, 辯駁) is not a name."""
    from ..segmentation import JIEBA_DICT, segment_dir

    path = segment_dir() / JIEBA_DICT
    tags = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) > 2 and len(parts[0]) == 2:
                    tags[parts[0]] = parts[2]
    return tags


def _all_common_words(s: str) -> bool:
    """True when ``s`` splits entirely into common words of two or more characters."""
    words = common_words()
    ok = [True] + [False] * len(s)
    for i in range(1, len(s) + 1):
        ok[i] = any(ok[j] and s[j:i] in words for j in range(max(0, i - 4), i - 1))
    return ok[len(s)]


class Rules:
    """All rule-based candidates for one normalised text."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.v = vocabulary()

    # -- entry point ----------------------------------------------------------------------
    def candidates(self, text: str, dates: list[tuple[int, int]] = ()) -> list[Candidate]:
        items = self._body_titles(self._former_titles(text, self._country_before_body(text, self._word_edges(
            text, self.gaz.scan(text)))))
        covered = {}
        for s, e, entry in items:
            for i in range(s, e):
                covered[i] = (s, e, entry)
        self._covered = covered
        out: list[Candidate] = [Candidate(s, e, "DATE", P_DATE, rule="date") for s, e in dates]
        out += self._quoted(text)
        out += self._law_names(text, dates)
        out += self._gazetteer(text, items)
        out += self._compound_titles(text, items)
        out += self._bureaus(text, items)
        out += self._shared_endings(text, items)
        out += self._persons(text, items)
        out += self._attendee_lists(text)
        out += self._suffixed(text, items, dates)
        out += self._bracketed_latin(text, items)
        out += self._abbreviation_lists(text)
        out += self._repeated_people(text, out)
        out += self._given_names_alone(text, out)
        return out

    def _given_names_alone(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """游院長錫堃 … 錫堃認為: once a document names a person in full, the given name alone
        (a premier speaking of himself) is the same person."""
        tags = word_tags()
        given = {}
        for c in found:
            if c.label != "PERSON" or c.rule not in self.v["full_name_rules"]:
                continue
            name = c.canonical or text[c.start:c.end]
            line_start = c.start == 0 or text[:c.start].rstrip(" \t\u3000").endswith("\n")
            if not (line_start or text[c.end:c.end + 1] in ":：" or c.rule in ("person-table", "attendee-list")):
                continue  # the full name as a speaker label or a table entry, not in running text
            if len(name) == 3 and name[0] in self.gaz.surnames and name[:2] not in self.gaz.surnames \
                    and all(_is_han(ch) for ch in name) \
                    and (tags.get(name[1:], "nr").startswith("nr")
                         or not tags[name[1:]].startswith(tuple(self.v["given_alone_reject_tag_prefixes"]))):
                given.setdefault(name[1:], name)
        out = []
        for g, full in given.items():
            for a in _occurrences(text, g):
                if a in self._covered or a + 1 in self._covered or (
                        a > 0 and self.gaz.surname_rank.get(text[a - 1], 10_000) <= self.v["table_name_surname_rank"]):
                    continue  # 歐陽龍, 汪志銘: another full name
                out.append(Candidate(a, a + len(g), "PERSON", P_GAZ - 1, full, "given-name-alone"))
        return out

    @staticmethod
    def _repeated_people(text: str, found: list[Candidate]) -> list[Candidate]:
        """A surname + title + given name found once (郝市長龍斌 after a line break) is the same
        person wherever the document writes it again (after a repaired hard wrap)."""
        known = {}
        for c in found:
            if c.rule == "person-embedded" and not dict(c.meta).get("surname_only"):
                known.setdefault(text[c.start:c.end], c)
        out = []
        for name, c in known.items():
            for a in _occurrences(text, name):
                if a != c.start:
                    out.append(Candidate(a, a + len(name), c.label, c.priority, c.canonical, c.rule, c.meta))
        return out

    def _word_edges(self, text: str, items):
        """教育部門, 行政協助: a body name whose edge forms a word with the text around it (部門,
        行政) is not the body."""
        words = word_tags()
        out = []
        for s, e, entry in items:
            if entry.label in {"BUREAU", "ORG"} and (
                    text[e - 1:e + 1] in self.v["body_edge_words"]
                    or len(entry.name) <= 2 and s > 0 and _is_han(text[s - 1]) and text[s - 1:s + 1] in words):
                continue
            out.append((s, e, entry))
        return out

    def _country_before_body(self, text: str, items):
        """蒙古國會: the country is 蒙古 when 國 starts the body's name (國會)."""
        out = []
        for s, e, entry in items:
            if entry.label == "COUNTRY" and entry.name.endswith("國") and text[e:e + 1] == "會":
                short = self.gaz.lookup(entry.name[:-1], "COUNTRY")
                body = self.gaz.lookup("國會", "BUREAU")
                if short is not None and body is not None:
                    out.append((s, e - 1, short))
                    out.append((e - 1, e + 1, body))
                    continue
            out.append((s, e, entry))
        # drop an item the split now overlaps (the scan's match that started at 會)
        cleaned = []
        for item in out:
            if cleaned and item[0] < cleaned[-1][1]:
                continue
            cleaned.append(item)
        return cleaned

    def _body_titles(self, items):
        """行政院院長, 外交部次長: a named government body and a full title written together are
        two spans (the gold's 行政院 + 院長); contracted (外交部長) and foreign compound titles
        (參議院議長) stay one TITLE (decision on compound titles)."""
        out = []
        for s, e, entry in items:
            if entry.label == "TITLE":
                body = self.gaz.longest_at(entry.name, 0, {"BUREAU"}) if entry.name else None
                rest = self.gaz.lookup(entry.name[len(body.name):], "TITLE") if body and \
                    len(body.name) < len(entry.name) else None
                if rest is not None and body.kind in self.v["body_title_split_kinds"] and \
                        rest.canonical not in self.v["member_titles"]:
                    out.append((s, s + len(body.name), body))
                    out.append((s + len(body.name), e, rest))
                    continue
            out.append((s, e, entry))
        return out

    def _former_titles(self, text: str, items):
        """目前院長, 之前部長: a 前 that ends a word is not part of the title."""
        words = self.v["former_prefix_words"]
        out = []
        for s, e, entry in items:
            if entry.label == "TITLE" and entry.name.startswith("前") and text[s - 1:s + 1] in words:
                base = self.gaz.lookup(entry.name[1:], "TITLE")
                if base is None:
                    continue
                s, entry = s + 1, base
            out.append((s, e, entry))
        return out

    # -- gazetteer names --------------------------------------------------------------------
    def _gazetteer(self, text: str, items) -> list[Candidate]:
        out = []
        for s, e, entry in items:
            if entry.label == "TITLE":
                if not self._specific_title(text, s, e):
                    continue
                meta = (("ambiguous", True),) if entry.ambiguous else ()
                out.append(Candidate(s, e, "TITLE", P_GAZ, entry.canonical, "gazetteer", meta))
            elif entry.label == "EVENT":
                # 2013亞太城市高峰會, 第5屆亞太城市高峰會: a leading year or edition is part of the name
                m = regex.search(r"(?:\d{4}年?|第\s*\d+\s*屆)$", text[max(0, s - 8):s])
                out.append(Candidate(s - (len(m.group(0)) if m else 0), e, "EVENT", P_GAZ, None, "gazetteer"))
            elif not entry.ambiguous:
                out.append(Candidate(s, e, entry.label, P_GAZ, entry.canonical, "gazetteer"))
                # 高雄市長陳菊: the 市 of the city is also the 市 of 市長
                title = self.gaz.lookup(text[e - 1:e + 1], "TITLE")
                if entry.label == "CITY" and title is not None and self.gaz.lookup(entry.name[:-1], "CITY"):
                    out.append(Candidate(s, e - 1, "CITY", P_GAZ + 1, entry.canonical, "gazetteer"))
                    out.append(Candidate(e - 1, e + 1, "TITLE", P_GAZ + 1, title.canonical, "gazetteer"))
        return out

    def _compound_titles(self, text: str, items) -> list[Candidate]:
        """貿工部長Peter Favila, 外交部亞太總司長Scott Wightman, 總統顧問Kim Aroi: a foreign
        portfolio written before a title in a list of people is one TITLE span (decision:
        a compound title is one span); a body's name before it (外交部次長) stays a BUREAU."""
        v = self.v
        out = []
        for s, e, entry in items:
            if entry.label != "TITLE" or entry.canonical not in v["portfolio_titles"] or e >= len(text):
                continue
            if not (_is_han(text[e]) or regex.match(r"[A-Za-z]", text[e])) or text[e] in v["_strong"]:
                continue  # a name follows the title
            if not self._specific_title(text, s, e):
                continue  # 部長會議: not a person's title
            k = s
            while k > 0 and s - k < v["portfolio_max"] and _is_han(text[k - 1]) and text[k - 1] not in v["list_breaks"] \
                    and text[k - 1] not in v["_strong"]:
                prev = self._covered.get(k - 1)
                if prev is not None and prev[2].label in {"COUNTRY", "CITY", "BUREAU", "ORG", "PERSON"}:
                    break
                if prev is not None:
                    k = prev[0]
                else:
                    k -= 1
            portfolio = text[k:s]
            if not portfolio or any(c in v["body_end_chars"] for c in portfolio) or k in self._covered and \
                    self._covered[k][2].label not in {"TITLE", "LOC"} or self._name_label(portfolio, quoted=True):
                continue
            if not (k == 0 or text[k - 1] in v["list_breaks"] or text[k - 1] in v["_strong"]
                    or self._covered.get(k - 1, (0, -1, None))[1] == k):
                continue  # the portfolio starts a list item or follows a body or a country
            if any(self._likely_name(portfolio[-n:]) for n in (2, 3, 4) if len(portfolio) >= n) or \
                    any(c in v["given_name_stop_chars"] for c in portfolio):
                continue  # 應該瞭解沈呂巡次長: a name before the title, not a portfolio
            run = regex.match(r"\p{Han}{2,6}(?=[(（、，,；;。\s]|$)", text[e:e + 8])
            if not regex.match(r"[A-Z]", text[e]) and not run and not self._is_name(
                    text[e:self._name_end(text, e, v["foreign_name_max"])], after_title=True):
                continue  # 國家經濟顧問委員會, 衛生顧問服務計畫: no person follows
            out.append(Candidate(k, e, "TITLE", P_PERSON, "".join(text[k:e].split()), "compound-title"))
        return out

    def _likely_name(self, s: str) -> bool:
        """A person's name with a common surname (沈呂巡), not a word that merely starts with a
        surname character (代理, 亞太總)."""
        if not self._is_name(s, after_title=False):
            return False
        n = self._surname_at(s, 0, len(s))
        origin = self.gaz.surnames.get(s[:n], "")
        return "japanese" in origin or self.gaz.surname_rank.get(s[:n], 10_000) <= self.v["likely_surname_rank"]

    def _specific_title(self, text: str, s: int, e: int) -> bool:
        """A title of a specific person, not a generic or plural role."""
        before = text[max(0, s - 4):s]
        after = text[e:e + 4]
        after_name = s > 0 and self._covered.get(s - 1, (0, -1, None))[1] == s  # 熊本縣知事: not 本縣
        if not after_name and any(before.endswith(g) for g in self.v["generic_before_title"]):
            return False
        return not any(after.startswith(g) for g in self.v["generic_after_title"])

    # -- government bodies ----------------------------------------------------------------
    def _bureaus(self, text: str, items) -> list[Candidate]:
        out = []
        v = self.v
        glue = sorted(v["bureau_glue"], key=len, reverse=True)
        gov_suffixes = sorted(v["place_government_suffixes"], key=len, reverse=True)
        by_start = {s: (e, entry) for s, e, entry in items}
        for s, e, entry in items:
            start, end = s, e
            if entry.label in PLACE_LABELS:
                # 仁川市議會, 高雄市政府: a place and a government suffix
                suffix = next((g for g in gov_suffixes if text.startswith(g, e)), None)
                rep = v["_rep_office"].match(text, e) if entry.label == "COUNTRY" else None
                body = self._generic_body(text, s, e, by_start) if entry.label in {"COUNTRY", "CITY"} else None
                if suffix:
                    end = e + len(suffix)
                elif rep and rep.end() > e + 1:
                    end = rep.end()
                    if text[s - 1:s] == "駐":
                        start = s - 1  # 駐德國代表處
                elif entry.label == "COUNTRY" and (split := self._body_in_title(text, e, by_start)):
                    # 波蘭衛生部次長: the country's ministry, then the title
                    out.append(Candidate(s, split[0], "BUREAU", P_BUREAU, rule="country-body"))
                    out.append(Candidate(split[0], split[1], "TITLE", P_BUREAU, split[2], "country-body"))
                    continue
                elif body and body[1] == "ORG":
                    out.append(Candidate(s, body[0], "ORG", P_BUREAU, rule="country-org"))
                    continue
                elif body:
                    end = body[0]
                else:
                    continue
            elif entry.label != "BUREAU":
                continue
            # 本府秘書處, 市政府文化局: a glue word before the unit
            for g in glue:
                if text.endswith(g, 0, start) and start - len(g) not in self._covered:
                    start -= len(g)
                    break
            # chains: 衛生福利部社會及家庭署, 美國在台協會高雄分處
            while True:
                nxt = by_start.get(end)
                if nxt and nxt[1].label == "BUREAU":
                    end = nxt[0]
                    continue
                if nxt and nxt[1].label == "CITY":
                    unit = next((u for u in ("分處", "分局", "辦事處", "分會", "事務所") if text.startswith(u, nxt[0])), None)
                    if unit:
                        end = nxt[0] + len(unit)
                        continue
                # 眾議院衛生委員會主席, 商務部國際貿易署負責…專員: a unit of the body before a title
                unit = self._generic_body(text, start, end, by_start, left_check=False, known=False)
                if unit and unit[1] == "BUREAU" and unit[0] > end:
                    end = unit[0]
                    continue
                break
            if (start, end) != (s, e):
                out.append(Candidate(start, end, "BUREAU", P_BUREAU, rule="bureau-compose"))
        # 世界貿易組織秘書處, WTO發展處首席參事: a unit of an international organisation is the organisation's
        for s, e, entry in items:
            if entry.label != "ORG":
                continue
            nxt = by_start.get(e)
            end = e
            if nxt and nxt[1].label == "BUREAU" and nxt[1].name.endswith(tuple(v["org_unit_endings"])):
                end = nxt[0]
            else:
                unit = self._generic_body(text, s, e, by_start, left_check=False, known=False)
                if unit and unit[1] == "BUREAU":
                    end = unit[0]
            if end > e:
                out.append(Candidate(s, end, "ORG", P_BUREAU, rule="org-unit"))
        # 本府 + an unknown unit ending in 局/處: 本府國際事務處
        for m in regex.finditer(r"(?:本府|市府)(\p{Han}{1,6}?(?:局|處|委員會|中心|小組))", text):
            out.append(Candidate(m.start(), m.end(), "BUREAU", P_BUREAU - 1, rule="bureau-unit"))
        return out

    def _generic_body(self, text: str, s: int, e: int, by_start: dict, left_check: bool = True,
                      known: bool = True) -> tuple[int, str] | None:
        """``(end, label)`` of a generic body written right after a country (印度外交部,
        波蘭國會眾院副議長, 科威特商工部貴重金屬司司長, 印尼企業家協會主席): an unknown run
        with a body ending that a title follows, else a body every state has that the
        gazetteer knows. Not inside a longer name (印尼商工總會臺灣委員會)."""
        if left_check and s > 0 and _is_han(text[s - 1]) and text[s - 1] not in self.v["left_glue_chars"]:
            return None
        stops = self.v["generic_body_stop_chars"]
        endings = [x.suffix for x in self.gaz.suffixes.get("BUREAU", ())]
        k = e
        while k < len(text) and k - e < self.v["generic_body_max"] and _is_han(text[k]) \
                and (text[k] not in self.v["_strong"] or text[k] in "暨及" and k > e) and text[k] not in stops:
            k += 1
            item = by_start.get(k)
            if item and item[1].label == "TITLE":
                if any(text.startswith(x, k) and len(x) > item[0] - k for x in endings):
                    continue  # 衛生委員會: 委員 is part of the body's name
                body = text[e:k]
                label = self._name_label(body, quoted=True)
                if self._all_bureaus(e, k, by_start):
                    label = "BUREAU"  # 中央銀行: the gazetteer knows it as a body
                if len(body) >= 2 and not body.startswith("前") and label in {"BUREAU", "ORG"} and (
                        not left_check or not any(  # a unit of a body may be named after an area (南區工程處)
                            self._covered.get(i, (0, 0, None))[2] is not None
                            and self._covered[i][2].label in PLACE_LABELS for i in range(e, k))):
                    return k, label
                break
        nxt = by_start.get(e)
        if known and nxt and nxt[1].label == "BUREAU" and nxt[1].kind in self.v["generic_body_kinds"]:
            return nxt[0], "BUREAU"
        return None

    def _body_in_title(self, text: str, e: int, by_start: dict) -> tuple[int, int, str] | None:
        """``(body end, title end, title)`` when a title written after a country starts with a
        body's name (衛生部次長 → 衛生部 + 次長)."""
        item = by_start.get(e)
        if item is None or item[1].label != "TITLE":
            return None
        body = self.gaz.longest_at(text, e, {"BUREAU"})
        if body is None or e + len(body.name) >= item[0]:
            return None
        rest = self.gaz.lookup(text[e + len(body.name):item[0]], "TITLE")
        if rest is None or rest.canonical in self.v["member_titles"]:
            return None  # 紐西蘭國會議員: a member of the body is one title
        return e + len(body.name), item[0], rest.canonical

    @staticmethod
    def _all_bureaus(a: int, b: int, by_start: dict) -> bool:
        """True when ``[a, b)`` is a chain of bodies the gazetteer knows."""
        while a < b:
            item = by_start.get(a)
            if item is None or item[1].label != "BUREAU":
                return False
            a = item[0]
        return a == b

    def _shared_endings(self, text: str, items) -> list[Candidate]:
        """觀光、經發局: stems sharing the ending of the last name form one span."""
        out = []
        for s, e, entry in items:
            if entry.label not in {"BUREAU", "ORG"} or s < 2 or text[s - 1] != "、":
                continue
            start = s
            for n in (1, 2, 3):  # the shared ending's length
                ending = entry.name[-n:]
                k = s
                ok_start = None
                while k >= 2 and text[k - 1] == "、":
                    stem_end = k - 1
                    j = stem_end
                    while j > 0 and _is_han(text[j - 1]) and stem_end - j < 6 and text[j - 1] != "、":
                        j -= 1
                        if self.gaz.lookup(text[j:stem_end] + ending, entry.label):
                            ok_start = j
                            break
                    if ok_start is None or ok_start == k:
                        break
                    k = ok_start
                if ok_start is not None:
                    start = min(start, ok_start)
                    break
            if start < s:
                out.append(Candidate(start, e, entry.label, P_BUREAU, rule="shared-ending"))
        return out

    # -- people ---------------------------------------------------------------------------
    def _left_boundary(self, text: str, i: int) -> bool:
        """True when a name may start at ``i``: after punctuation, a glue word or a name."""
        if i == 0 or i in self._person_ends:
            return True
        ch = text[i - 1]
        if not _is_han(ch) or ch in self.v["left_glue_chars"]:
            return True
        prev = self._covered.get(i - 1)
        return prev is not None and prev[1] == i

    def _surname_at(self, text: str, i: int, end: int) -> int:
        """Length of a surname at ``i`` ending at or before ``end`` (0 if none)."""
        for n in (2, 1):
            if i + n <= end and text[i:i + n] in self.gaz.surnames:
                return n
        return 0

    def _name_end(self, text: str, i: int, limit: int) -> int:
        """End of a name-like run starting at ``i``: strong boundaries first, then weak ones."""
        if i >= len(text) or text[i] in self.v["_strong"] or text[i] in self.v["_weak"]:
            return i
        j = i
        while j < len(text) and j - i <= limit and (_is_han(text[j]) or text[j] in ".·‧・"):
            if j > i and text[j] in self.v["_strong"]:
                break
            if j > i and self._covered.get(j, (0, 0, None))[0] == j and \
                    self._covered[j][2].label in {"TITLE", "BUREAU", "COUNTRY", "CITY"}:
                if text[i:j] in self.gaz.surnames and self._place_given_name(text, j):
                    return self._covered[j][1]  # 副市長李四川: a given name that is also a place
                break
            j += 1
        if j - i <= limit and (j >= len(text) or not _is_han(text[j]) or text[j] in self.v["_strong"]
                               or self._covered.get(j, (0, 0, None))[0] == j):
            return j
        k = i + 1
        while k < len(text) and k - i < limit and _is_han(text[k]) and text[k] not in self.v["_weak"] \
                and not any(text.startswith(w, k) for w in self.v["name_stop_words"]):
            k += 1
        return k

    def _trim_name(self, text: str, start: int, end: int) -> int:
        """賈梅閣下, 司徒文於, 林鎮夷一級上將: honorifics, ranks and function characters after a
        name are not part of it."""
        v = self.v
        changed = True
        while changed and end - start > 2:
            changed = False
            for w in v["name_trailing_words"]:
                if text.endswith(w, start, end) and end - len(w) - start >= 2:
                    end -= len(w)
                    changed = True
            if end - start > 2 and text[end - 1] in v["given_name_stop_chars"]:
                end -= 1
                changed = True
            # 黃錦平主 席： (a field label split by a PDF space after the name)
            if end - start > 2 and any(text[end - 1] == w[0] and text[end:end + 3].lstrip(" \u3000").startswith(w[1:])
                                       for w in v["person_list_fields"] if len(w) == 2):
                end -= 1
                changed = True
        return end

    def _is_name(self, name: str, after_title: bool) -> bool:
        """Surname first; Chinese names take up to two given characters, Japanese and
        names right after a title (often transliterated) up to four."""
        if len(name) < 2 or any(name.startswith(w) for w in self.v["name_stop_words"]) or \
                any(c in self.v["person_never_chars"] or c in self.v["_strong"] for c in name):
            return False
        if name in self.gaz.entries or name[0] in self.v["_strong"] or _all_common_words(name):
            return False
        n = self._surname_at(name, 0, len(name))
        if not n:
            return False
        origin = self.gaz.surnames[name[:n]]
        given = 4 if ("japanese" in origin or after_title) else self.v["given_name_max"]
        return len(name) <= n + given

    def _continues(self, text: str, i: int) -> bool:
        """True when a name may end before ``i``: a boundary, a function character, a stop
        word or a known name follows (林次長永樂率團, 錢前院長復夫婦)."""
        if i >= len(text) or not _is_han(text[i]) or text[i] in self.v["_strong"]:
            return True
        if text[i] in self.v["given_name_stop_chars"] or self._covered.get(i, (0, 0, None))[0] == i:
            return True
        return any(text.startswith(w, i) for w in self.v["name_stop_words"])

    def _place_given_name(self, text: str, i: int) -> bool:
        """A two-character place known to the gazetteer (四川, 信義) standing where a given name
        is expected, and ending where a name may end."""
        item = self._covered.get(i)
        return item is not None and item[0] == i and item[2].label in PLACE_LABELS and \
            item[1] - item[0] == 2 and self._continues(text, item[1])

    def _given_name(self, text: str, e: int) -> int:
        """Length (0-2) of the given name written after an embedded title (許議長崑源,
        錢前院長復, 吳院长 + 是不是 → 0): no function characters, no adverb or verb, and
        the name ends where a boundary or a function word starts."""
        v = self.v
        stops = v["given_name_stop_chars"]
        if self._place_given_name(text, e):
            return self._covered[e][1] - e  # 李副市長四川, 林部長信義
        if e >= len(text) or e in self._covered or self._continues(text, e):
            return 0
        if text[e] in stops or text[e] in v["_weak"] and text[e] not in v["given_name_weak_ok"]:
            return 0
        tag = word_tags().get(text[e:e + 2], "")
        if tag in v["given_name_reject_tags"] or tag == "t":
            return 0  # 曹委員剛才, 吳院長一直: an adverb, not a name
        strong_after_two = e + 2 >= len(text) or not _is_han(text[e + 2]) or text[e + 2] in v["_strong"]
        if self._continues(text, e + 1) and not (strong_after_two and _is_han(text[e + 1:e + 2])
                                                  and text[e + 1] not in v["_strong"] and e + 1 not in self._covered):
            return 1  # 關院長中率特使團, 錢前院長復夫婦; but 鍾委員紹和、 林市長政則、
        g2 = text[e:e + 2]
        if len(g2) < 2 or not _is_han(g2[1]) or e + 1 in self._covered:
            return 0
        strong_end = e + 2 >= len(text) or not _is_han(text[e + 2]) or text[e + 2] in v["_strong"]
        if g2[1] in stops and not strong_end:  # 何副秘書長思因、 but not 吳院長是不是
            return 0
        if tag in v["given_name_verb_tags"] and not strong_end and \
                not any(text.startswith(w, e + 2) for w in v["name_stop_words"]):
            return 0  # 曹委員簡單地, 葉局長陪同市長: a verb or adjective, unless a name ends there
        return 2

    def _persons(self, text: str, items) -> list[Candidate]:
        out = []
        self._person_ends: set[int] = set()
        for s, e, entry in items:
            if entry.label != "TITLE":
                continue
            # 許議長崑源 / 林局長: surname + title (+ given name) is one PERSON
            for n in (2, 1):
                sur = s - n
                if sur < 0 or text[sur:s] not in self.gaz.surnames or sur in self._covered:
                    continue
                at_line_start = sur == 0 or text[:sur].rstrip(" \t\u3000").endswith("\n")
                if n == 1 and "chinese" in self.gaz.surnames[text[sur]] and not at_line_start and \
                        self.gaz.surname_rank.get(text[sur], 10_000) > self.v["embedded_surname_max_rank"]:
                    continue  # a rare surname character (於, 國) before a title is usually not a surname
                if sur > 0 and _is_han(text[sur - 1]) and text[sur - 1:sur + 1] in word_tags():
                    continue  # 就任行政院院長: the surname character belongs to a word before it
                if not self._left_boundary(text, sur) and not (
                        self.gaz.surname_rank.get(text[sur:s], 10_000) <= self.v["embedded_surname_free_rank"]
                        and text[sur - 1:sur + 1] not in word_tags()
                        and not (sur >= 2 and text[sur - 2:sur] not in word_tags()
                                 and self._is_name(text[sur - 2:sur + 1], after_title=False))):  # 加賀市宮元陸市長
                    continue  # 謝謝曹委員, 給陳總統: a common surname that forms no word with the text before
                given_end = e + self._given_name(text, e)
                person = text[sur:s] + text[e:given_end]
                self._person_ends.add(given_end)
                out.append(Candidate(sur, given_end, "PERSON", P_PERSON_EMBEDDED, canonical=person,
                                     rule="person-embedded",
                                     meta=(("title", "".join(text[s:e].split())),
                                           ("surname_only", given_end == e))))
                break
            # 知事蒲島郁夫, 市議員DAVID FLORES TUMULAK: title then name
            gap = 1 if text[e:e + 1] == " " else 0
            latin = self._latin_person(text, e + gap)
            m = None if latin else _LATIN_NAME.match(text, e + gap) or _DOT_NAME.match(text, e)
            if latin:
                out += latin
            elif m:
                out.append(Candidate(m.start(), m.end(), "PERSON", P_PERSON, rule="person-after-title"))
            elif e not in self._covered:
                end = self._trim_name(text, e, self._name_end(text, e, self.v["foreign_name_max"]))
                if self._is_name(text[e:end], after_title=True):
                    out.append(Candidate(e, end, "PERSON", P_PERSON, rule="person-after-title"))
            # 民政局局長：黃呂錦茹 (attendee tables of council minutes): title, colon, name
            m = _TABLE_NAME.match(text, e)
            if m and self._table_row_start(text, s) and (
                    self._is_name(m.group(1), after_title=True) or self._surname_at(m.group(1), 0, 4)):
                out.append(Candidate(m.start(1), m.end(1), "PERSON", P_PERSON, rule="person-table"))
                unit = regex.search(r"(?:^|(?<=[\s]))(\p{Han}{2,12})$", text[max(0, s - 12):s])
                known = self._covered.get(s - len(unit.group(1))) if unit else None
                if unit and (known is None or known[0] == s - len(unit.group(1)) and known[2].label == "BUREAU") and \
                        self.gaz.suffix_of(unit.group(1), len(unit.group(1)), "BUREAU"):
                    out.append(Candidate(s - len(unit.group(1)), s, "BUREAU", P_NAME, rule="bureau-table"))
            # 陳菊市長, 宮元陸市長: name then title
            for n in (3, 2, 4, 5):
                k = s - n
                if k < 0 or any(i in self._covered for i in range(k, s)):
                    continue
                if not all(_is_han(c) for c in text[k:s]) or not self._left_boundary(text, k):
                    continue
                if self._is_name(text[k:s], after_title=False) and self._surname_at(text, k, s):
                    out.append(Candidate(k, s, "PERSON", P_PERSON - 1, rule="person-before-title"))
                    break
        # 羅慕斯(Fidel V. Ramos): a Latin name in brackets after a Chinese name
        for m in regex.finditer(r"(?<=\p{Han})[ ]?[(（](?=[^()（）]{3,60}[)）])", text):
            out += self._latin_person(text, m.end(), closing=True)
        for m in _LATIN_NAME.finditer(text):
            words = m.group(0).split()
            if len(words) >= 2 and all(w.isupper() for w in words):
                out.append(Candidate(m.start(), m.end(), "PERSON", P_NAME - 1, rule="latin-name"))
        return out

    def _latin_person(self, text: str, i: int, closing: bool = False) -> list[Candidate]:
        """Latin-script names at ``i`` and the 、-list that continues them (國會議員Todd McClay、
        Simon Bridges): honorifics (Mr., Dr., Tan Sri) and a trailing MP stay outside; a name
        with an organisation word (Association, University) is not a person."""
        out = []
        org_words = self.v["latin_org_words"]
        while True:
            m = _LATIN_PERSON.match(text, i)
            if not m:
                break
            a, b = m.span("name")
            name = text[a:b]
            if name.endswith(" MP"):
                b -= 3
                name = name[:-3]
            words = name.replace(",", " ").split()
            if any(w.strip(".") in org_words for w in words) or (closing and text[b:b + 1] not in ")）"):
                break
            out.append(Candidate(a, b, "PERSON", P_PERSON if not closing else P_NAME - 2, rule="latin-person"))
            if closing or text[m.end():m.end() + 1] != "、":
                break
            i = m.end() + 1
        return out

    def _table_row_start(self, text: str, s: int) -> bool:
        """The title at ``s`` begins a table row: at a line start, or after a body that does."""
        i = s
        while i > 0 and self._covered.get(i - 1, (0, 0, None))[1] == i:
            i = self._covered[i - 1][0]
        return i == 0 or text[i - 1] == "\n" or text[:i].rstrip(" \t\u3000").endswith("\n") or \
            text[max(0, i - 2):i] in ("  ", "\u3000\u3000", "\t\t") or text[i - 1] == "\t"  # a second column

    def _attendee_lists(self, text: str) -> list[Candidate]:
        """出席：林國春 陳錦錠 …: names listed after a field label, over continuation lines."""
        out = []
        for m in self.v["_list_field"].finditer(text):
            i = m.end()
            while i < len(text):
                line_end = text.find("\n", i)
                line_end = len(text) if line_end < 0 else line_end
                line = text[i:line_end]
                names = list(regex.finditer(r"[^\s、,，]+", line))
                if not names:
                    break
                found = 0
                for w in names:
                    token = w.group(0)
                    a = i + w.start()
                    if self._surname_at(token, 0, len(token)) and 2 <= len(token) <= 4 and token not in self.gaz.entries:
                        out.append(Candidate(a, a + len(token), "PERSON", P_PERSON - 2, rule="attendee-list"))
                        found += 1
                    elif _DOT_NAME.fullmatch(token):
                        out.append(Candidate(a, a + len(token), "PERSON", P_PERSON - 2, rule="attendee-list"))
                        found += 1
                if found < max(1, len(names) // 2) or regex.search(r"[:：]", line):
                    break
                i = line_end + 1
        # names standing alone in table cells: 5月 5日 一 洪秀錦 休息 陳明澤
        rank = self.v["table_name_surname_rank"]
        for m in regex.finditer(r"(?<=^|[ \t])(\p{Han}{3})(?=[ \t]|$)", text, regex.M):
            token = m.group(1)
            if self.gaz.surname_rank.get(token[0], 10_000) <= rank and token not in self.gaz.entries \
                    and not any(i in self._covered for i in range(m.start(), m.end())):
                out.append(Candidate(m.start(), m.end(), "PERSON", P_PERSON - 3, rule="table-name"))
        return out

    # -- quoted names ---------------------------------------------------------------------
    def _works(self, text: str, quotes: list) -> set[int]:
        """Starts of quoted titles of one-off works (films, books, brochures: 製作「海角七號」、
        「冏男孩」等劇情片): a list of quotes shares the marker before its first or after its last."""
        v = self.v
        works: set[int] = set()
        groups: list[list] = []
        for m in quotes:
            if groups and regex.fullmatch(r"\s*[、與及和]?\s*", text[groups[-1][-1].end():m.start()]):
                groups[-1].append(m)
            else:
                groups.append([m])
        for g in groups:
            before = text[max(0, g[0].start() - 6):g[0].start()]
            after = text[g[-1].end():g[-1].end() + 6]
            if any(before.endswith(w) for w in v["work_before_quote"]) or \
                    regex.match(v["work_after_quote"], after):
                works.update(m.start() for m in g)
        return works

    def _quoted(self, text: str) -> list[Candidate]:
        out = []
        quotes = list(self.v["_quote"].finditer(text))
        works = self._works(text, quotes)
        for m in quotes:
            inner = m.group(1).strip()
            s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            e = s + len(inner)
            if not inner or e <= s:
                continue
            after = text[m.end():m.end() + 4]
            if any(inner.endswith(x) for x in self.gaz.not_entity_suffixes):
                out.append(Candidate(s, e, "NONE", P_QUOTED, rule="not-entity"))
                continue  # a law or regulation: nothing inside it is annotated
            label = self._name_label(inner, quoted=True)
            if label == "BUREAU" and not self._governmental(inner):
                label = "ORG"  # 「國際棉業諮詢委員會」, 「臺灣國防工作小組」: not a government's body
            elif label == "ORG" and self._governmental(inner) and any(w in inner for w in self.v["legislator_words"]):
                label = "BUREAU"  # 「中華民國－波蘭國會議員友好協會」: a parliamentary friendship group
            if label is None and m.start() in works:
                out.append(Candidate(s, e, "NONE", P_QUOTED, rule="work-title"))
                continue  # a film, book or brochure: not annotated, nor anything inside it
            if label is None and (any(inner.endswith(w) for w in self.v["media_endings"]) or regex.match(
                    self.v["periodical_after_quote"], text[m.end():m.end() + 6])):
                label = "ORG"  # 「臺灣評論」月刊, 「澳洲人報」: serial media are ORG (decision)
            if label is None:
                if any(after.startswith(w) for w in self.v["program_after_quote"]):
                    label = "PROGRAM"
                elif any(after.startswith(w) for w in self.v["event_after_quote"]):
                    label = "EVENT"
            if label is None and (entry := self.gaz.lookup(inner)) is not None and not entry.ambiguous:
                label = entry.label
            if label:
                out.append(Candidate(s, e, label, P_QUOTED, rule="quoted"))
        return out

    def _governmental(self, name: str) -> bool:
        """A body of a government (its name says ministry, council, parliament…) and not an
        international or private body (國際…, 世界…委員會 are ORG by the guide)."""
        v = self.v
        if any(name.startswith(p) for p in v["international_prefixes"]):
            return False
        return any(w in name for w in v["government_markers"]) or self.gaz.lookup(name, "BUREAU") is not None

    def _law_names(self, text: str, dates=()) -> list[Candidate]:
        """高雄市觀光行銷推廣補助辦法 written without quotes: nothing inside the name of a law,
        regulation or budget is annotated (decision), except a date (102年度新北市總預算案)."""
        v = self.v
        stops = set(v["law_left_stops"]) | set(v["law_left_break_chars"])
        out = []
        for m in v["_law_suffix"].finditer(text):
            start = m.start()
            while start > 0 and m.start() - start < v["law_max_prefix"] and (
                    _is_han(text[start - 1]) or text[start - 1].isdigit() or text[start - 1] == "\n") and (
                    text[start - 1] not in stops or text[start - 1] in v["law_inner_chars"]):
                start -= 1  # 高雄市低收入戶子女生活扶\n助辦法, 收支管理及運用暫行條例
            while start < m.start() and text[start] == "\n":
                start += 1
            start = max([start] + [b for a, b in dates if start <= a < m.start()])  # the date stays a DATE
            if m.start() - start >= 3:
                out.append(Candidate(start, m.end(), "NONE", P_QUOTED, rule="law-name"))
        return out

    def _name_label(self, name: str, quoted: bool = False) -> str | None:
        """Label from the name's ending: event, programme, organisation or bureau suffixes."""
        if any(name.endswith(s) for s in self.gaz.not_entity_suffixes):
            return None
        best: tuple[int, str] | None = None
        for label in ("EVENT", "PROGRAM", "ORG", "BUREAU"):
            for sfx in self.gaz.suffixes.get(label, ()):
                if name.endswith(sfx.suffix) and len(name) > len(sfx.suffix) and (quoted or not sfx.ambiguous):
                    if best is None or len(sfx.suffix) > best[0]:
                        best = (len(sfx.suffix), label)
                    break
        return best[1] if best else None

    # -- names by their ending ------------------------------------------------------------
    def _suffixed(self, text: str, items, dates) -> list[Candidate]:
        """Organisations, events and programmes named by an ending (協會, 博覽會, 計畫)."""
        out = []
        stops = self.v["_org_stops"]
        refs = sorted(self.v["references"], key=len, reverse=True)
        by_length: dict[int, set] = {}
        for w in list(refs) + list(self.v["org_left_stop_words"]):
            by_length.setdefault(len(w), set()).add(w)
        ends = sorted(by_length.items())
        place_ends = {e: entry for s, e, entry in items if entry.label in {"COUNTRY"}}
        date_edges = {s for s, _ in dates} | {e for _, e in dates}
        for label in ("ORG", "EVENT", "PROGRAM"):
            for sfx in self.gaz.suffixes.get(label, ()):
                edition_only = sfx.ambiguous and label == "EVENT" and sfx.kind in self.v["event_kinds_named_by_edition"]
                if (sfx.ambiguous and not edition_only) or sfx.strength == "weak" or \
                        sfx.kind in self.v["suffix_kinds_only_quoted"]:
                    continue  # delegations and troupes are names only when quoted
                for m_start in _occurrences(text, sfx.suffix):
                    end = m_start + len(sfx.suffix)
                    known = self._covered.get(m_start)
                    if known is not None and known[0] < m_start and known[1] >= end:
                        continue  # inside a name the gazetteer knows whole (日本交流協會台北事務所)
                    start = m_start
                    while start > 0 and m_start - start < sfx.max_prefix:
                        ch = text[start - 1]
                        if start in place_ends and label == "ORG" and not self._specific(text[start:end]):
                            # 中華民國防癆協會, 國立臺灣體育大學: a country before a generic name is part of it
                            start = self._covered[start - 1][0]
                            continue
                        if start in place_ends or start in date_edges:
                            break
                        if start in place_ends and label == "EVENT" and regex.search(
                                self.v["event_edition"].lstrip("^") + "$", text[max(0, start - 20):self._covered[start - 1][0]]):
                            start = self._covered[start - 1][0]  # 第56屆美國總統就職典禮
                            continue
                        if ch in stops and label in ("ORG", "EVENT") and \
                                word_tags().get(text[start - 1:start + 1], "") in self.v["org_word_tags_through_stops"]:
                            start -= 1  # 澳門中華經濟文化促進會: 經濟 is a word of the name, not 經 (via)
                            continue
                        if ch in stops or not (_is_han(ch) or ch.isalnum()):
                            break
                        if any(text[max(0, start - n):start] in words for n, words in ends):
                            break  # 本府, 就有玉山神學院, 規劃成立一個外交學院: a reference or verb is not part of the name
                        start -= 1
                    if m_start - start < max(2, sfx.min_prefix):
                        continue
                    name = text[start:end]
                    if edition_only:
                        # 第16屆臺澳能礦會議, 第7屆籌備會議: an edition makes a meeting a named event
                        em = regex.match(self.v["event_edition"], text[start:m_start])
                        if not em or len(text[start + em.end():m_start]) < 2 or \
                                any(w in name for w in self.v["council_meeting_words"]):
                            continue
                    if label != "BUREAU" and end < len(text) and _is_han(text[end]) and any(
                            len(x) > 1 for x in [self.gaz.suffix_of(text, end + 1, "BUREAU") or ""]):
                        continue  # 南區工程處: the ending belongs to a body's name
                    if name in self.gaz.not_entity_suffixes or any(name.endswith(x) for x in self.gaz.not_entity_suffixes):
                        continue
                    long_plan = label == "PROGRAM" and sfx.kind in self.v["plan_kinds_named_by_length"] and \
                        len(regex.findall(r"\p{Han}", text[start:m_start])) >= self.v["plan_min_prefix"] and \
                        self._plausible_org(text[start:m_start], name)
                    if label != "ORG" and sfx.kind not in self.v["suffix_kinds_named_by_prefix"] and \
                            not long_plan and not self._specific(name):
                        continue  # a generic 研討會 / 計畫 without a specific head
                    if label == "ORG" and (text[end - 1:end + 1] in self.v["org_bad_end_pairs"]
                                           or text[start - 1:start] in self.v["org_generic_before"]):
                        continue  # 大學校院 (not 大學校), 各地區性臺商會: not one organisation's name
                    if (label == "ORG" or sfx.kind in self.v["suffix_kinds_named_by_prefix"]) and \
                            not self._plausible_org(text[start:m_start], name):
                        continue  # 受損學校, 若以學校, 東協10國中: not a name
                    out.append(Candidate(start, end, label, P_NAME, rule=f"{label.lower()}-suffix"))
        return out

    def _plausible_org(self, prefix: str, name: str) -> bool:
        """The part before an organisation ending names something: two or more letters and
        no function characters."""
        if len(regex.findall(r"\p{Han}|[A-Za-z]", prefix)) < 2:
            return False
        if any(c in self.v["org_never_chars"] for c in prefix):
            return False
        return True

    def _specific(self, name: str) -> bool:
        """A name with a year, a Latin acronym, a number or a known place or body inside."""
        if regex.search(r"\d|[A-Za-z]", name):
            return True
        return any(entry.label in PLACE_LABELS | {"ORG", "BUREAU"} for _, _, entry in self.gaz.scan(name))

    def _bracketed_latin(self, text: str, items) -> list[Candidate]:
        """利物浦(Liverpool), 國際民航組織(ICAO): the bracketed Latin name has the same label."""
        out = []
        for s, e, entry in items:
            m = regex.match(r"\s?\(([A-Za-z][A-Za-z .'&\-]{1,40})\)", text[e:e + 44])
            if m and entry.label in PLACE_LABELS | {"ORG", "BUREAU"}:
                a = e + m.start(1)
                out.append(Candidate(a, a + len(m.group(1).strip()), entry.label, P_NAME, rule="bracketed-latin"))
        return out

    # -- single-character place lists -----------------------------------------------------
    def _abbreviation_lists(self, text: str) -> list[Candidate]:
        """美、加、日韓港澳星馬: single-character places count only in lists of them."""
        abbr = self.gaz.abbreviations
        if not abbr:
            return []
        chars = regex.escape("".join(abbr))
        language = regex.compile(f"(?:[及與和、][{chars}]+)*{self.v['abbreviation_language_after']}")
        out = []
        for start, end in self._abbreviation_runs(text, chars):
            run = text[start:end]
            before = text[start - 1:start]
            after = text[end:end + 1]
            if language.match(text, end):
                continue  # 英、日、法、西、葡5種語文版: languages, not places
            # 臺港澳, 港澳, 臺美: a run with Taiwan, Hong Kong or Macao is a list of places by itself;
            # others (中英, 馬英) must stand apart from the words around them
            strong = len(run.replace("、", "")) >= 3 or "、" in run or any(
                c in self.v["abbreviation_strong_chars"] for c in run)
            if not strong and _is_han(before) and before not in self.v["abbreviation_list_before"]:
                continue
            if not strong and _is_han(after) and after not in self.v["abbreviation_list_after"]:
                continue
            for i in range(start, end):
                if text[i] in abbr:
                    entries = abbr[text[i]]
                    # 港澳: Macao next to Hong Kong; 澳、紐: Australia elsewhere
                    near_city = any(text[j:j + 1] in abbr and abbr[text[j]][0].label == "CITY"
                                    for j in (i - 1, i + 1) if 0 <= j < len(text))
                    e = next((x for x in entries if x.label == "CITY"), entries[0]) if near_city else entries[0]
                    out.append(Candidate(i, i + 1, e.label, P_ABBR, e.canonical, "abbreviation"))
        return out


    def _abbreviation_runs(self, text: str, chars: str):
        """Runs of two or more single-character places, outside longer names (以 + 臺灣) and
        without an edge character that forms a word with its neighbour outside the run
        (大陸 + 臺商, 新 + 臺幣, 其中 + 以)."""
        words = word_tags()
        strong, after, bound = (self.v["abbreviation_strong_chars"], self.v["abbreviation_list_after"],
                                set(self.v["abbreviation_bound_words"]))
        for m in regex.finditer(f"[{chars}](?:、?[{chars}]){{1,10}}", text):
            pieces, cur = [], []
            for i in range(m.start(), m.end()):
                if i in self._covered:
                    if cur:
                        pieces.append(cur)
                    cur = []
                else:
                    cur.append(i)
            if cur:
                pieces.append(cur)
            for idx in pieces:
                a, b = idx[0], idx[-1] + 1
                while a < b and (text[a] == "、" or a > 0 and text[a] not in strong and text[a - 1:a + 1] in words):
                    a += 1
                while a < b and (text[b - 1] == "、" or text[b - 1:b + 1] in bound or (
                        text[b:b + 1] not in after and text[b - 1:b + 1] in words)):
                    b -= 1
                if len(text[a:b].replace("、", "")) >= 2:
                    yield a, b
                elif b - a == 1 and text[a] in strong and b in self._covered and \
                        self._covered[b][0] == b and self._covered[b][2].label in PLACE_LABELS | {"ORG"}:
                    yield a, b  # 臺 + 歐盟, 臺 + 美國: a pair with a written-out name



def resolve(candidates: list[Candidate], text: str = "") -> list[Candidate]:
    """A flat set: higher priority first, then longer, then earlier; then drop generic titles."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if c.end <= c.start:
            continue
        if any(c.start < b and a < c.end for a, b in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    return [c for i, c in enumerate(chosen) if c.label != "NONE" and not _generic_title(chosen, i, text)]


def _generic_title(chosen: list[Candidate], i: int, text: str = "") -> bool:
    """An ambiguous title (代表, 委員, 主席) counts only next to a person or an affiliation
    (or after a list of people: 山本順三、坂口岳洋等眾議員)."""
    c = chosen[i]
    if c.label != "TITLE":
        return False
    prev = chosen[i - 1] if i > 0 else None
    nxt = chosen[i + 1] if i + 1 < len(chosen) else None
    person_next = (nxt is not None and nxt.label == "PERSON" and nxt.start == c.end) or (
        prev is not None and prev.label == "PERSON" and (
            prev.end == c.start or text[prev.end:c.start] in vocabulary()["shared_title_gaps"]))
    affiliated = prev is not None and prev.end == c.start and prev.label in PLACE_LABELS | {"BUREAU", "ORG"}
    if (c.canonical or "") in vocabulary()["titles_verbs_after_person"] and prev is not None and \
            prev.label == "PERSON" and prev.end == c.start and dict(prev.meta).get("title"):
        return True  # 林次長義夫代表列席, 張議員豐藤代表抽出: 代表 is a verb after a titled person
    if (c.canonical or "") in vocabulary()["titles_needing_affiliation"]:
        named_after = nxt is not None and nxt.label == "PERSON" and nxt.start == c.end and \
            not dict(nxt.meta).get("title") and (c.canonical or "") not in vocabulary()["meeting_roles"]
        return not (affiliated or named_after)  # 委員會主席Tatiana Rosova; not the meeting's 主席：
    if dict(c.meta).get("ambiguous") or (c.canonical or "") in vocabulary()["plural_roles"]:
        return not (person_next or affiliated)
    return False
