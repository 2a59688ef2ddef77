"""Government bodies: a country before a body (蒙古國會), a body written with a title
(行政院院長), bodies composed from places, glue words and units (高雄市政府文化局,
波蘭衛生部次長), units of international organisations and stems sharing one ending
(觀光、經發局)."""
from __future__ import annotations

import regex

from .candidate import P_BUREAU, PLACE_LABELS, Candidate, Item, Scan
from .gazetteer import Entry
from .lexicon import is_han
from .names import name_label


def country_before_body(scan: Scan, text: str, items: list[Item]) -> list[Item]:
    """蒙古國會: the country is 蒙古 when 國 starts the body's name (國會)."""
    out = []
    for s, e, entry in items:
        if entry.label == "COUNTRY" and entry.name.endswith("國") and text[e:e + 1] == "會":
            short = scan.gaz.lookup(entry.name[:-1], "COUNTRY")
            body = scan.gaz.lookup("國會", "BUREAU")
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


def body_titles(scan: Scan, items: list[Item]) -> list[Item]:
    """行政院院長, 外交部次長: a named government body and a full title written together are
    two spans (the gold's 行政院 + 院長); contracted (外交部長) and foreign compound titles
    (參議院議長) stay one TITLE (decision on compound titles)."""
    out = []
    for s, e, entry in items:
        split = _body_and_title(scan, entry.name) if entry.label == "TITLE" else None
        if split is not None and split[0].kind in scan.v["body_title_split_kinds"]:
            body, rest = split
            out.append((s, s + len(body.name), body))
            out.append((s + len(body.name), e, rest))
            continue
        out.append((s, e, entry))
    return out


def _body_and_title(scan: Scan, title: str) -> tuple[Entry, Entry] | None:
    """衛生部次長 → (衛生部, 次長): a title that starts with a body's name and ends in a title
    of its own; a member of the body (紐西蘭國會議員) is one title."""
    body = scan.gaz.longest_at(title, 0, {"BUREAU"})
    if body is None or len(body.name) >= len(title):
        return None
    rest = scan.gaz.lookup(title[len(body.name):], "TITLE")
    if rest is None or rest.canonical in scan.v["member_titles"]:
        return None
    return body, rest


def bureaus(scan: Scan, text: str, items: list[Item]) -> list[Candidate]:
    """Bodies composed from what the gazetteer knows: a place and its government, a body
    and its units, an international organisation and its unit."""
    out = []
    v = scan.v
    glue = v["_bureau_glue"]
    gov_suffixes = v["_place_government_suffixes"]
    by_start = {s: (e, entry) for s, e, entry in items}
    for s, e, entry in items:
        start, end = s, e
        if entry.label in PLACE_LABELS:
            # 仁川市議會, 高雄市政府: a place and a government suffix
            suffix = next((g for g in gov_suffixes if text.startswith(g, e)), None)
            rep = v["_rep_office"].match(text, e) if entry.label == "COUNTRY" else None
            body = _generic_body(scan, text, s, e, by_start) if entry.label in {"COUNTRY", "CITY"} else None
            if suffix:
                end = e + len(suffix)
            elif rep and rep.end() > e + 1:
                end = rep.end()
                if text[s - 1:s] == "駐":
                    start = s - 1  # 駐德國代表處
            elif entry.label == "COUNTRY" and (split := _body_in_title(scan, text, e, by_start)):
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
            if text.endswith(g, 0, start) and start - len(g) not in scan.covered:
                start -= len(g)
                break
        # chains: 衛生福利部社會及家庭署, 美國在台協會高雄分處
        while True:
            nxt = by_start.get(end)
            if nxt and nxt[1].label == "BUREAU":
                end = nxt[0]
                continue
            if nxt and nxt[1].label == "CITY":
                unit = next((u for u in scan.v["body_unit_words"] if text.startswith(u, nxt[0])), None)
                if unit:
                    end = nxt[0] + len(unit)
                    continue
            # 眾議院衛生委員會主席, 商務部國際貿易署負責…專員: a unit of the body before a title
            unit = _generic_body(scan, text, start, end, by_start, after_country=False)
            if unit and unit[1] == "BUREAU":
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
            unit = _generic_body(scan, text, s, e, by_start, after_country=False)
            if unit and unit[1] == "BUREAU":
                end = unit[0]
        if end > e:
            out.append(Candidate(s, end, "ORG", P_BUREAU, rule="org-unit"))
    # 本府 + an unknown unit ending in 局/處: 本府國際事務處
    for m in regex.finditer(r"(?:本府|市府)(\p{Han}{1,6}?(?:局|處|委員會|中心|小組))", text):
        out.append(Candidate(m.start(), m.end(), "BUREAU", P_BUREAU - 1, rule="bureau-unit"))
    return out


def _generic_body(scan: Scan, text: str, s: int, e: int, by_start: dict,
                  after_country: bool = True) -> tuple[int, str] | None:
    """``(end, label)`` of a generic body written right after a country (印度外交部,
    波蘭國會眾院副議長, 科威特商工部貴重金屬司司長, 印尼企業家協會主席): an unknown run
    with a body ending that a title follows, else a body every state has that the
    gazetteer knows. Not inside a longer name (印尼商工總會臺灣委員會). ``after_country=False``
    for a unit after a body: no check of what stands before, no known body every state has."""
    if after_country and s > 0 and is_han(text[s - 1]) and text[s - 1] not in scan.v["left_glue_chars"]:
        return None
    stops = scan.v["generic_body_stop_chars"]
    k = e
    while k < len(text) and k - e < scan.v["generic_body_max"] and is_han(text[k]) \
            and (text[k] not in scan.v["_strong"] or text[k] in "暨及" and k > e) and text[k] not in stops:
        k += 1
        item = by_start.get(k)
        if item and item[1].label == "TITLE":
            if any(text.startswith(x.suffix, k) and len(x.suffix) > item[0] - k
                   for x in scan.gaz.suffixes.get("BUREAU", ())):
                continue  # 衛生委員會: 委員 is part of the body's name
            body = text[e:k]
            label = name_label(scan, body)
            if _all_bureaus(e, k, by_start):
                label = "BUREAU"  # 中央銀行: the gazetteer knows it as a body
            if len(body) >= 2 and not body.startswith("前") and label in {"BUREAU", "ORG"} and (
                    not after_country or not any(  # a unit of a body may be named after an area (南區工程處)
                        scan.covered.get(i, (0, 0, None))[2] is not None
                        and scan.covered[i][2].label in PLACE_LABELS for i in range(e, k))):
                return k, label
            break
    nxt = by_start.get(e)
    if after_country and nxt and nxt[1].label == "BUREAU" and nxt[1].kind in scan.v["generic_body_kinds"]:
        return nxt[0], "BUREAU"
    return None


def _body_in_title(scan: Scan, text: str, e: int, by_start: dict) -> tuple[int, int, str] | None:
    """``(body end, title end, title)`` when a title written after a country starts with a
    body's name (衛生部次長 → 衛生部 + 次長)."""
    item = by_start.get(e)
    if item is None or item[1].label != "TITLE":
        return None
    split = _body_and_title(scan, text[e:item[0]])
    if split is None:
        return None
    body, rest = split
    return e + len(body.name), item[0], rest.canonical


def _all_bureaus(a: int, b: int, by_start: dict) -> bool:
    """True when ``[a, b)`` is a chain of bodies the gazetteer knows."""
    while a < b:
        item = by_start.get(a)
        if item is None or item[1].label != "BUREAU":
            return False
        a = item[0]
    return a == b


def shared_endings(scan: Scan, text: str, items: list[Item]) -> list[Candidate]:
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
                while j > 0 and is_han(text[j - 1]) and stem_end - j < 6 and text[j - 1] != "、":
                    j -= 1
                    if scan.gaz.lookup(text[j:stem_end] + ending, entry.label):
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
