"""People: surname + title (+ given name) written together (許議長崑源), names before and
after titles, Latin-script names, attendee lists and table cells, and a person found once
written again in full or by the given name alone."""
from __future__ import annotations

from dataclasses import replace

import regex

from .candidate import (
    P_GAZ,
    P_NAME,
    P_PERSON,
    P_PERSON_EMBEDDED,
    PLACE_LABELS,
    Candidate,
    Item,
    Scan,
)
from .gazetteer import Gazetteer
from .lexicon import all_common_words, at_line_start, is_han, occurrences, stand_in_end, word_tags

_LATIN_NAME = regex.compile(r"[A-Z][A-Za-z'\-]*(?:[ .·][A-Z][A-Za-z'\-]*){1,5}")
# a Latin-script person name: capitalised words (accents allowed), initials, particles (van, de, binti)
_LATIN_PERSON = regex.compile(
    r"(?:(?:Mr|Ms|Mrs|Dr|Prof|Msgr|H\.E|HRH|Madam)\.?[ ]+(?:Prince[ ]+)?|Tan[ ]Sri[ ]+)?"
    r"(?P<name>(?=\p{Lu})\p{Latin}[\p{Latin}'’\-]+"
    r"(?:[ ]+(?:(?=\p{Lu})(?!Jr\.)\p{Latin}[\p{Latin}'’\-]+|(?=\p{Lu})\p{Latin}\."
    r"|(?:van|von|de|der|den|da|del|la|le|di|bin|binti|al|of)(?=[ ]))){1,5}(?:,?[ ]Jr\.)?)")
_TABLE_NAME = regex.compile(r"[ \t\u3000]*[:：][ \t\u3000]*(\p{Han}{2,4})(?=[ \t\u3000]|$)", regex.M)
_DOT_NAME = regex.compile(r"\p{Han}{1,6}(?:[.·‧．・]\p{Han}{1,8}){1,3}")


def likely_name(scan: Scan, s: str) -> bool:
    """A person's name with a common surname (沈呂巡), not a word that merely starts with a
    surname character (代理, 亞太總)."""
    if not is_name(scan, s, after_title=False):
        return False
    n = surname_at(scan, s, 0, len(s))
    origin = scan.gaz.surnames.get(s[:n], "")
    return "japanese" in origin or scan.gaz.surname_rank.get(s[:n], 10_000) <= scan.v["likely_surname_rank"]


def _left_boundary(scan: Scan, text: str, i: int) -> bool:
    """True when a name may start at ``i``: after punctuation, a glue word or a name."""
    if i == 0 or i in scan.person_ends:
        return True
    ch = text[i - 1]
    if not is_han(ch) or ch in scan.v["left_glue_chars"]:
        return True
    prev = scan.covered.get(i - 1)
    return prev is not None and prev[1] == i


def surname_at(scan: Scan, text: str, i: int, end: int) -> int:
    """Length of a surname at ``i`` ending at or before ``end`` (0 if none)."""
    for n in (2, 1):
        if i + n <= end and text[i:i + n] in scan.gaz.surnames:
            return n
    return 0


def name_end(scan: Scan, text: str, i: int, limit: int) -> int:
    """End of a name-like run starting at ``i``: strong boundaries first, then weak ones."""
    if i >= len(text) or text[i] in scan.v["_strong"] or text[i] in scan.v["_weak"]:
        return i
    j = i
    while j < len(text) and j - i <= limit and (is_han(text[j]) or text[j] in ".·‧・"):
        if j > i and text[j] in scan.v["_strong"]:
            break
        if j > i and scan.covered.get(j, (0, 0, None))[0] == j and \
                scan.covered[j][2].label in {"TITLE", "BUREAU", "COUNTRY", "CITY"}:
            if text[i:j] in scan.gaz.surnames and _place_given_name(scan, text, j):
                return scan.covered[j][1]  # 副市長李四川: a given name that is also a place
            break
        j += 1
    if j - i <= limit and (j >= len(text) or not is_han(text[j]) or text[j] in scan.v["_strong"]
                           or scan.covered.get(j, (0, 0, None))[0] == j):
        return j
    k = i + 1
    while k < len(text) and k - i < limit and is_han(text[k]) and text[k] not in scan.v["_weak"] \
            and not any(text.startswith(w, k) for w in scan.v["name_stop_words"]):
        k += 1
    return k


def _trim_name(scan: Scan, text: str, start: int, end: int) -> int:
    """賈梅閣下, 司徒文於, 林鎮夷一級上將: honorifics, ranks and function characters after a
    name are not part of it."""
    v = scan.v
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


def is_name(scan: Scan, name: str, after_title: bool) -> bool:
    """Surname first; Chinese names take up to two given characters, Japanese and
    names right after a title (often transliterated) up to four."""
    if len(name) < 2 or any(name.startswith(w) for w in scan.v["name_stop_words"]) or \
            any(c in scan.v["person_never_chars"] or c in scan.v["_strong"] for c in name):
        return False
    if name in scan.gaz.entries or all_common_words(name):
        return False
    n = surname_at(scan, name, 0, len(name))
    if not n:
        return False
    origin = scan.gaz.surnames[name[:n]]
    given = 4 if ("japanese" in origin or after_title) else scan.v["given_name_max"]
    return len(name) <= n + given


def _continues(scan: Scan, text: str, i: int) -> bool:
    """True when a name may end before ``i``: a boundary, a function character, a stop
    word or a known name follows (林次長永樂率團, 錢前院長復夫婦)."""
    if i >= len(text) or not is_han(text[i]) or text[i] in scan.v["_strong"]:
        return True
    if text[i] in scan.v["given_name_stop_chars"] or scan.covered.get(i, (0, 0, None))[0] == i:
        return True
    return any(text.startswith(w, i) for w in scan.v["name_stop_words"])


def _place_given_name(scan: Scan, text: str, i: int) -> bool:
    """A two-character place known to the gazetteer (四川, 信義) standing where a given name
    is expected, and ending where a name may end."""
    item = scan.covered.get(i)
    return item is not None and item[0] == i and item[2].label in PLACE_LABELS and \
        item[1] - item[0] == 2 and _continues(scan, text, item[1])


def _given_name(scan: Scan, text: str, e: int) -> int:
    """Length (0-2) of the given name written after an embedded title (許議長崑源,
    錢前院長復, 吳院长 + 是不是 → 0): no function characters, no adverb or verb, and
    the name ends where a boundary or a function word starts."""
    v = scan.v
    if _place_given_name(scan, text, e):
        return scan.covered[e][1] - e  # 李副市長四川, 林部長信義
    if e >= len(text) or e in scan.covered or _continues(scan, text, e):
        return 0  # (a function character at e continues the title's sentence: 吳院長是不是)
    if text[e] in v["_weak"] and text[e] not in v["given_name_weak_ok"]:
        return 0
    tag = word_tags().get(text[e:e + 2], "")
    if tag in v["given_name_reject_tags"] or text[e:e + 2] in v["name_stop_words"]:
        return 0  # 曹委員剛才, 吳院長一直, 與王院長見面: an adverb or a verb, not a name
    strong_end = e + 2 >= len(text) or not is_han(text[e + 2]) or text[e + 2] in v["_strong"]
    if _continues(scan, text, e + 1) and not (strong_end and is_han(text[e + 1:e + 2])
                                              and text[e + 1] not in v["_strong"] and e + 1 not in scan.covered):
        return 1  # 關院長中率特使團, 錢前院長復夫婦; but 鍾委員紹和、 林市長政則、 何副秘書長思因、
    if _opens_date(text, e + 1):
        return 1  # 彭主委芸於98年10月: 於 opens the date
    if tag in v["given_name_verb_tags"] and not strong_end and not _opens_date(text, e + 2) and \
            not any(text.startswith(w, e + 2) for w in v["name_stop_words"]):
        return 0  # 曹委員簡單地, 葉局長陪同市長: a verb or adjective, unless a name ends there
    return 2  # (孫大使大成於98年10月7日: a verb-like given name before 於 + a date)


def _opens_date(text: str, i: int) -> bool:
    """於 + a number at ``i``: a date starts, so a name ends before it."""
    return text[i:i + 1] == "於" and text[i + 1:i + 2].isdigit()


def persons(scan: Scan, text: str, items: list[Item]) -> list[Candidate]:
    out = []
    for s, e, entry in items:
        if entry.label != "TITLE":
            continue
        # 許議長崑源 / 林局長: surname + title (+ given name) is one PERSON
        for n in (2, 1):
            sur = s - n
            if sur < 0 or text[sur:s] not in scan.gaz.surnames or sur in scan.covered:
                continue
            line_start = at_line_start(text, sur)
            if n == 1 and "chinese" in scan.gaz.surnames[text[sur]] and not line_start and \
                    scan.gaz.surname_rank.get(text[sur], 10_000) > scan.v["embedded_surname_max_rank"]:
                continue  # a rare surname character (於, 國) before a title is usually not a surname
            if sur > 0 and is_han(text[sur - 1]) and text[sur - 1:sur + 1] in word_tags():
                continue  # 就任行政院院長: the surname character belongs to a word before it
            if not _left_boundary(scan, text, sur) and not (
                    scan.gaz.surname_rank.get(text[sur:s], 10_000) <= scan.v["embedded_surname_free_rank"]
                    and not (sur >= 2 and text[sur - 2:sur] not in word_tags()
                             and is_name(scan, text[sur - 2:sur + 1], after_title=False))):  # 加賀市宮元陸市長
                continue  # 謝謝曹委員, 給陳總統: a common surname that forms no word with the text before
            given_end = e + _given_name(scan, text, e)
            person = text[sur:s] + text[e:given_end]
            scan.person_ends.add(given_end)
            out.append(Candidate(sur, given_end, "PERSON", P_PERSON_EMBEDDED, canonical=person,
                                 rule="person-embedded",
                                 meta=(("title", "".join(text[s:e].split())),
                                       ("surname_only", given_end == e))))
            break
        # 知事蒲島郁夫, 市議員DAVID FLORES TUMULAK: title then name (總理夫人竇麗絲．西庫瓦: the
        # wife, named after 夫人)
        n = e + next((len(w) for w in scan.v["name_leading_words"] if text.startswith(w, e)), 0)
        gap = 1 if text[n:n + 1] == " " else 0
        latin = _latin_person(scan, text, n + gap)
        m = None if latin else _LATIN_NAME.match(text, n + gap) or _DOT_NAME.match(text, n)
        if latin:
            out += latin
        elif m:  # (愛新覺羅.毓昊一行: 一行 is no part of the name)
            out.append(Candidate(m.start(), _trim_name(scan, text, m.start(), m.end()), "PERSON", P_PERSON,
                                 rule="person-after-title"))
        elif n not in scan.covered:
            end = _trim_name(scan, text, n, name_end(scan, text, n, scan.v["foreign_name_max"]))
            # 教授海克曼表示, 處長明武答覆: a name ends where a stop word starts (議員原質詢時間: none)
            end = min([end] + [k for k in range(n + 1, end) if any(text.startswith(w, k) for w in scan.v["name_stop_words"])])
            if is_name(scan, text[n:end], after_title=True):
                out.append(Candidate(n, end, "PERSON", P_PERSON, rule="person-after-title"))
        # 民政局局長：黃呂錦茹 (attendee tables of council minutes): title, colon, name
        m = _TABLE_NAME.match(text, e)
        if m and _table_row_start(scan, text, s) and (
                is_name(scan, m.group(1), after_title=True) or surname_at(scan, m.group(1), 0, 4)):
            out.append(Candidate(m.start(1), m.end(1), "PERSON", P_PERSON, rule="person-table"))
            unit = regex.search(r"(?:^|(?<=[\s]))(\p{Han}{2,12})$", text[max(0, s - 12):s])
            known = scan.covered.get(s - len(unit.group(1))) if unit else None
            if unit and (known is None or known[0] == s - len(unit.group(1)) and known[2].label == "BUREAU") and \
                    scan.gaz.suffix_of(unit.group(1), len(unit.group(1)), "BUREAU"):
                out.append(Candidate(s - len(unit.group(1)), s, "BUREAU", P_NAME, rule="bureau-table"))
        # 陳菊市長, 宮元陸市長: name then title
        for n in (3, 2, 4, 5):
            k = s - n
            if k < 0 or any(i in scan.covered for i in range(k, s)):
                continue
            if not all(is_han(c) for c in text[k:s]) or not _left_boundary(scan, text, k):
                continue
            if is_name(scan, text[k:s], after_title=False) and surname_at(scan, text, k, s):
                out.append(Candidate(k, s, "PERSON", P_PERSON - 1, rule="person-before-title"))
                break
    # 羅慕斯(Fidel V. Ramos): a Latin name in brackets after a Chinese name
    title_ends = {e for _, e, entry in items if entry.label == "TITLE"}
    for m in regex.finditer(r"(?<=\p{Han})[ ]?[(（](?=[^()（）]{3,60}[)）])", text):
        latin = _latin_person(scan, text, m.end(), closing=True)
        out += latin
        if latin:
            out += _transliterated_before(scan, text, m.start(), title_ends)
    for m in _LATIN_NAME.finditer(text):
        words = m.group(0).split()
        if len(words) >= 2 and all(w.isupper() for w in words):
            out.append(Candidate(m.start(), m.end(), "PERSON", P_NAME - 1, rule="latin-name"))
    return out


def _transliterated_before(scan: Scan, text: str, end: int, title_ends: set[int]) -> list[Candidate]:
    """所羅門群島財政部長阿巴那(Steve Abana): between a title and the bracketed Latin name, the
    Han characters are the name as transliterated, whatever characters it uses (那, 為, 來)."""
    if text[end - 1] in scan.v["transliteration_breaks"]:
        return []  # 議長歐姬麗偕(Gloria…): 偕 joins, it names no one
    for k in range(end - 2, max(-1, end - scan.v["foreign_name_max"] - 2), -1):
        if not is_han(text[k]) or text[k] in scan.v["transliteration_breaks"] or \
                k in scan.covered and scan.covered[k][2].label != "TITLE":
            break
        if k in title_ends:
            return [Candidate(k, end, "PERSON", P_PERSON, rule="person-before-latin")]
    return []


def _latin_person(scan: Scan, text: str, i: int, closing: bool = False) -> list[Candidate]:
    """Latin-script names at ``i`` and the 、-list that continues them (國會議員Todd McClay、
    Simon Bridges): honorifics (Mr., Dr., Tan Sri) and a trailing MP stay outside; a name
    with an organisation word (Association, University) is not a person."""
    out = []
    org_words = scan.v["latin_org_words"]
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


def _table_row_start(scan: Scan, text: str, s: int) -> bool:
    """The title at ``s`` begins a table row: at a line start, or after a body that does."""
    i = s
    while i > 0 and scan.covered.get(i - 1, (0, 0, None))[1] == i:
        i = scan.covered[i - 1][0]
    return at_line_start(text, i) or \
        text[max(0, i - 2):i] in ("  ", "\u3000\u3000", "\t\t") or text[i - 1] == "\t"  # a second column


def attendee_lists(scan: Scan, text: str) -> list[Candidate]:
    """出席：林國春 陳錦錠 …: names listed after a field label, over continuation lines."""
    out = []
    for m in scan.v["_list_field"].finditer(text):
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
                token = token[:stand_in_end(token, 0, len(token), keep=2)]  # 許阿雪代: 許阿雪
                if surname_at(scan, token, 0, len(token)) and 2 <= len(token) <= 4 and \
                        token not in scan.gaz.entries and all(is_han(ch) for ch in token):  # (not 計61位)
                    out.append(Candidate(a, a + len(token), "PERSON", P_PERSON - 2, rule="attendee-list"))
                    found += 1
                elif _DOT_NAME.fullmatch(token):
                    out.append(Candidate(a, a + len(token), "PERSON", P_PERSON - 2, rule="attendee-list"))
                    found += 1
            if found < max(1, len(names) // 2) or regex.search(r"[:：]", line):
                break
            i = line_end + 1
    # names standing alone in table cells: 5月 5日 一 洪秀錦 休息 陳明澤
    rank = scan.v["table_name_surname_rank"]
    for m in regex.finditer(r"(?<=^|[ \t])(\p{Han}{3})(?=[ \t]|$)", text, regex.M):
        token = m.group(1)
        if scan.gaz.surname_rank.get(token[0], 10_000) <= rank and token not in scan.gaz.entries \
                and not any(i in scan.covered for i in range(m.start(), m.end())):
            out.append(Candidate(m.start(), m.end(), "PERSON", P_PERSON - 3, rule="table-name"))
    return out


def repeated_people(text: str, found: list[Candidate]) -> list[Candidate]:
    """A surname + title + given name found once (郝市長龍斌 after a line break), or a full
    name of the attendance list (劉耀仁), is the same person wherever the document writes it
    again (after a repaired hard wrap; 質詢組：莊瑞雄、劉耀仁（4月13日）)."""
    known = {}
    for c in found:
        if (c.rule == "person-embedded" and not dict(c.meta).get("surname_only")) or \
                (c.rule == "attendee-list" and c.end - c.start >= 3):
            known.setdefault(text[c.start:c.end], c)
    out = []
    for name, c in known.items():
        for a in occurrences(text, name):
            if a != c.start:
                out.append(Candidate(a, a + len(name), c.label, c.priority, c.canonical, c.rule, c.meta))
    return out


def married_surnames(text: str, found: list[Candidate]) -> list[Candidate]:
    """民政局黃呂局長錦茹: a married woman's double surname (黃呂) before a title, when the
    document lists the full name (局長：黃呂錦茹): the person starts at the first surname."""
    listed = {text[c.start:c.end] for c in found if c.label == "PERSON" and c.rule in ("person-table", "attendee-list")}
    out = []
    for c in found:
        if c.rule == "person-embedded" and c.canonical and c.start > 0 and text[c.start - 1] + c.canonical in listed:
            out.append(replace(c, start=c.start - 1, canonical=text[c.start - 1] + c.canonical,
                               priority=c.priority + 1))
    return out


def given_names_alone(scan: Scan, text: str, found: list[Candidate]) -> list[Candidate]:
    """游院長錫堃 … 錫堃認為: once a document names a person in full, the given name alone
    (a premier speaking of himself) is the same person."""
    tags = word_tags()
    given = {}
    for c in found:
        if c.label != "PERSON" or c.rule not in scan.v["full_name_rules"]:
            continue
        name = c.canonical or text[c.start:c.end]
        line_start = at_line_start(text, c.start)
        if not (line_start or text[c.end:c.end + 1] in ":：" or c.rule in ("person-table", "attendee-list")):
            continue  # the full name as a speaker label or a table entry, not in running text
        if len(name) == 3 and name[0] in scan.gaz.surnames and name[:2] not in scan.gaz.surnames \
                and all(is_han(ch) for ch in name) \
                and (tags.get(name[1:], "nr").startswith("nr")
                     or not tags[name[1:]].startswith(tuple(scan.v["given_alone_reject_tag_prefixes"]))):
            given.setdefault(name[1:], name)
    out = []
    for g, full in given.items():
        for a in occurrences(text, g):
            if a in scan.covered or a + 1 in scan.covered or (
                    a > 0 and scan.gaz.surname_rank.get(text[a - 1], 10_000) <= scan.v["table_name_surname_rank"]):
                continue  # 歐陽龍, 汪志銘: another full name
            out.append(Candidate(a, a + len(g), "PERSON", P_GAZ - 1, full, "given-name-alone"))
    return out


def listed_people(gaz: Gazetteer, v: dict, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """山本幸三、笹川堯、下地幹郎、玉澤德一郎等眾議員: an item of a 、-list whose neighbours
    are people, and which no rule read as anything, is a person too (transliterated and
    Japanese names the recogniser misses one by one)."""
    taken = bytearray(len(text) + 1)
    people = set()
    for c in chosen:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        if c.label == "PERSON":
            people.add((c.start, c.end))
    out = []
    for stretch in v["_list_stretch"].finditer(text):
        if "、" not in stretch.group(0):
            continue
        items = _list_items(text, stretch.start(), stretch.end(), v)
        if len(items) < 3 or sum(i in people for i in items) < 2:
            continue
        for k, (s, e) in enumerate(items):
            near = items[max(0, k - 1):k] + items[k + 1:k + 2]
            if all(n in people for n in near) and not any(taken[s:e]) and _plausible_listed(gaz, v, text[s:e]):
                out.append(Candidate(s, e, "PERSON", P_GAZ - 2, rule="listed-person"))
    return out


def _list_items(text: str, start: int, end: int, v: dict) -> list[tuple[int, int]]:
    """The items of one 、-list; the last ends at 等 (…坂口岳洋等眾議員) and may join one
    more item with 及/與/和 (A、B及C; not inside a name: 和田隆志)."""
    items, pos = [], start
    for part in text[start:end].split("、"):
        items.append((pos, pos + len(part)))
        pos += len(part) + 1
    s, e = items.pop()
    etc = text.find("等", s, e)
    e = etc if etc >= 0 else e
    join = v["_list_join"].search(text, s + 2, e - 1)
    items += [(s, join.start()), (join.end(), e)] if join and e - join.end() >= 2 else [(s, e)]
    return [(a, b) for a, b in items if b > a]


def _plausible_listed(gaz: Gazetteer, v: dict, s: str) -> bool:
    """A name's shape: 2 to 6 Han characters (dots allowed) or a capitalised Latin name, with
    no function character, no generic opening (各部會首長) and nothing a gazetteer knows as
    another kind of name in it."""
    if not (regex.fullmatch(r"\p{Han}{2,6}", s) or _DOT_NAME.fullmatch(s) or _LATIN_PERSON.fullmatch(s)):
        return False
    if any(c in v["person_never_chars"] or c in v["org_never_chars"] for c in s) or \
            s.startswith(tuple(v["generic_before_title"])):
        return False
    return not any(entry.label != "PERSON" for _, _, entry in gaz.scan(s))
