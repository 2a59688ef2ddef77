"""What an event trigger is about: the event of HOLD and ATTEND (quoted names, EVENT spans,
phrases ending in an event word, listed events) and the agreements of SIGN.

Pure functions over the normalised text, the sentence's mentions and the vocabulary
(data/relations.json "events"), so the trigger and role logic in events.py stays readable.
"""
from __future__ import annotations

from collections.abc import Iterator

import regex

from .officials import Mention

QUOTES = {"「": "」", "『": "』", "《": "》", "〈": "〉", "“": "”", '"': '"'}
LIST_MARKS = "、及與和暨"  # what stands between the items of a list (A、B及C)


def quoted_run(text: str, pos: int, cb: int, between: str = f"[{LIST_MARKS}]?") -> Iterator[tuple[int, int]]:
    """The quoted names written one after another from pos, before cb (「A」、「B」): the start
    and end of each inside its marks, up to the first empty or unclosed quote; ``between``
    is what may separate two of them."""
    while pos < cb and text[pos] in QUOTES:
        close = text.find(QUOTES[text[pos]], pos + 1, cb)
        if close <= pos + 1:
            return
        yield pos + 1, close
        pos = close + 1
        pos = regex.match(between, text[pos:cb]).end() + pos


def event_objects(etype: str, text: str, ts: int, te: int, ca: int, cb: int, clause: list[Mention],
                  sent: list[Mention], v: dict, sentence_end: int) -> list[Mention]:
    """The event a HOLD or ATTEND trigger is about: the quoted names right after it
    (辦理「A」「B」, past a place: 參加日本東京都八王子市「八王子祭」), else an EVENT span or a
    phrase ending in an event word (舉辦陸資來臺投資座談會); a list it introduces (出席…之會議，
    包括：「A」、「B」); failing those, the same written before it (「…」在東京召開)."""
    eo = v["event_object"]
    stops = eo["stops"]
    s = v["_count"].match(text, te, cb).end()
    places = {m.start: m.end for m in clause if m.label in v["place_labels"]}
    past = s
    while past in places:
        past = places[past]
    if past > s and (text[past:past + 1] in QUOTES or any(m.start == past and m.label == "EVENT" for m in clause)):
        s = past  # 參加日本東京都八王子市「八王子祭」: the event after its place
    dated = [m.end for m in clause if m.label == "DATE" and m.start == s]
    if dated and regex.match(r"\p{Han}", text[dated[0]:dated[0] + 1]):
        s = dated[0]  # 主持98年太平洋地區工作會報: a leading year is a DATE of its own (decisions)
    if (m := regex.match(r"第[\d一二三四五六七八九十]+[屆次](?=[「『])", text[s:cb])):
        s += m.end()
    if (mod := regex.match(r"[\p{Han}]{1,4}(?=[「『])", text[s:cb])) and not v["_heads"].search(mod.group(0)):
        s += mod.end()  # 辦理7期多元化「海外僑商經貿研習班」
    # 美東…協會舉辦再生能源研討會: an event a named organiser holds is one event; 參加美東…協會舉辦
    # 再生能源研討會: what is attended is what the organiser held, after its verb
    held_by = eo["held_by"]["labels"]
    held = v["_held_by"].match(text, s, cb) if etype == "ATTEND" else None
    attended_held = bool(held) and held.end() < cb and any(
        m.label in held_by and m.start in (s, s + 1) and m.end < held.end() for m in clause)
    if attended_held:
        s = held.end()
    out = quoted_events(text, s, cb, clause, v)
    if out is not None:
        return out
    listed = enumerated_events(text, s, cb, clause, v)
    if listed:
        return listed
    end = s
    while end < cb and end - s < eo["max_len"]:
        if text[end] == "(" and 0 < text.find(")", end, min(cb, end + 16)):
            end = text.find(")", end, cb) + 1  # 經濟與發展組織(OECD)全球論壇會議
            continue
        if text[end] in stops:
            break
        end += 1
    h = None
    for h in v["_heads"].finditer(text, s, end):
        pass  # the last event word before the clause goes on: 全球僑務會議後續說明會 is a 說明會
    if h is not None and v["_not_event_heads"].search(text, h.end(), end):
        return []  # 辦理第4屆全球僑務會議後續說明會: a briefing about an event
    inside = [m for m in clause if m.label == "EVENT" and s <= m.start and m.end <= (h.end() if h else end)]
    if inside:
        return inside[:1]  # 參加本市舉辦之2013亞太城市高峰會
    listed = v["_list_lead_search"].search(text, s, min(sentence_end, s + 30))
    if listed and not any(ch in "。;" for ch in text[s:listed.start()]):
        # 出席政府間國際組織之會議，包括：「A」、「B」…
        found = listed_events(text, listed.end(), sentence_end, sent, v)
        if found:
            return found
    if h and h.start() - s >= 2:
        # 多明尼加總統的就職典禮, 在薩爾瓦多舉行的元首高峰會, 過至少三次的ＮＧＯ研訓班: the event is
        # what follows the last 的 (the rest says whose or where)
        cut = max(text.rfind("的", s, h.start()), text.rfind("之", s, h.start()))
        a = cut + 1 if cut >= 0 and h.end() - cut - 1 >= len(h.group(0)) + 2 else s
        organised = attended_held or etype == "HOLD" and any(
            m.label in held_by and m.start >= ca and m.end <= ts
            and v["_organiser_gap"].fullmatch(strip_mentions(text, m.end, ts, clause)) for m in clause)
        if (organised and h.start() - a >= 4 and not v["_generic"].search(text[a:h.end()])) or \
                named(text, s, h.end(), clause, v) or (a > s and named(text, a, h.end(), clause, v)):
            return [span(text, a, h.end())]
        return []
    later = [m for m in clause if m.label == "EVENT" and m.start >= te and "、" not in text[te:m.start]]
    if later:
        return later[:1]  # 參加韓國釜山國際交流財團舉辦之「釜山未來領袖營」
    # written before the trigger, in its clause (「…」在東京召開, 第3屆臺日環境會議在臺召開)
    before = [m for m in clause if m.label == "EVENT" and m.end <= ts]
    if before and v["_before_gap"].match(strip_mentions(text, before[-1].end, ts, clause)):
        return before[-1:]
    heads = list(v["_heads"].finditer(text, ca, ts))
    if heads and v["_before_gap"].match(strip_mentions(text, heads[-1].end(), ts, clause)):
        h = heads[-1]
        a = h.start()
        dates = [m.end for m in clause if m.label == "DATE" and m.end <= h.start()]
        floor = max([ca] + dates)
        while a > floor and (text[a - 1] not in stops or text[a - 1] in "「」") and h.start() - a < eo["max_len"]:
            a -= 1
        if h.start() - a >= 2 and named(text, a, h.end(), clause, v):
            return [span(text, a, h.end())]
    return []


def enumerated_events(text: str, s: int, cb: int, clause: list[Mention], v: dict) -> list[Mention]:
    """The activities of a list written at s (辦理A課程、B研討會…等案, 參加A書展、B書展…，): one
    event per item ending in an event word, when the list is closed by 等 or every item is
    one; none for fewer than two."""
    en = v["event_object"]["enumeration"]
    close = text.find(en["closing"], s, min(cb, s + en["max_len"]))
    end = close if close >= 0 else cb
    if end - s > en["max_len"] or "、" not in text[s:end] or any(ch in text[s:end] for ch in "「」"):
        return []
    places = {m.start: m.end for m in clause if m.label in v["place_labels"]}
    # 98年劇情漫畫獎: a leading ROC year is a DATE of its own (2009年… stays in the name)
    years = {m.start: m.end for m in clause if m.label == "DATE" and regex.fullmatch(r"\d{2,3}年", m.text)}
    told = [m.start for m in clause if m.label in ("PERSON", "TITLE", "DATE") and s <= m.start < end]
    items, start = [], s
    for chunk in regex.finditer(r"[^、]+", text[s:end]):
        a, b = s + chunk.start(), s + chunk.end()
        if not v["_item_head"].search(text, a, b) and b - a <= en["short_item"] and b < end:
            continue  # 古蹟、歷史建築及聚落修復或再利用勞務主持人回訓課程: part of the next item
        items.append((start, b))
        start = b + 1
    events = []
    for a, b in items:
        while a in places or a in years:
            # 義大利波隆那書展: the place is where, the fair is 波隆那書展 (新加坡書展 keeps its place)
            after = places.get(a) or years[a]
            head = v["_item_head"].search(text, after, b)
            if not head or head.start() - after < 2:
                break
            a = after
        verb = v["_trigger_re"].search(text, a, b)
        if verb and any(a <= t < verb.start() for t in told):
            return []  # A次長赴英出席X會議、12月10日在紐西蘭舉行Y會議: trips told, not a list of activities
        if v["_item_head"].search(text, a, b) and b - a >= 3 and not v["_generic"].search(text[a:b]):
            events.append(span(text, a, b))
    if len(events) >= 2 and (close >= 0 or len(events) == len(items)):
        return events
    return []


def named(text: str, a: int, b: int, clause: list[Mention], v: dict) -> bool:
    """Whether an unquoted event phrase names one event (第3屆臺日環境會議, 加賀市觀光推介會,
    APEC腸病毒研討會) rather than a kind of activity (僑社工作研討會, 聯誼慶祝活動, 各項活動):
    it holds a number, a Latin name or a named place, body or person."""
    phrase = text[a:b]
    if v["_generic"].search(phrase):
        return False
    if any(phrase.endswith(h) and len(phrase) - len(h) >= 4 for h in v["event_object"]["named_heads"]):
        return True  # 海外青年技術訓練班, 陸資來臺投資座談會: a class or forum named by its topic
    if regex.search(r"[0-9A-Za-z]|第[一二三四五六七八九十]+[屆次]", phrase):
        return True
    return any(a <= m.start and m.end <= b and m.label != "DATE" and m.end - m.start < b - a for m in clause)


def listed_events(text: str, a: int, b: int, sent: list[Mention], v: dict) -> list[Mention]:
    """The events of a list after a lead (包括：「A」、B會議、「C組織」(X)第16屆大會…), item by
    item: an EVENT span, else a quoted event name, else the words ending in an event word after
    the item's last quoted name (「亞非農村發展組織」(AARDO)第16屆大會 → 第16屆大會)."""
    out: list[Mention] = []
    end = min([b] + [i for i in (text.find(";", a, b), text.find("。", a, b)) if i >= 0])
    for item in regex.finditer(r"(?:[^、「」]|「[^「」]*」)+", text[a:end]):
        ia, ib = a + item.start(), a + item.end()
        events = [m for m in sent if ia <= m.start and m.end <= ib and m.label == "EVENT"]
        quoted = quoted_after(text, ia, ib, sent, v)
        if events or quoted:
            out += sorted(events + [q for q in quoted if not any(e.start == q.start for e in events)],
                          key=lambda m: m.start)
            continue
        tail = max(text.rfind("」", ia, ib) + 1, text.rfind(")", ia, ib) + 1, ia)
        tail = v["_count"].match(text, tail, ib).end()
        tail = regex.match(r"(?:以及|及|與|等)?", text[tail:ib]).end() + tail
        h = None
        for h in v["_heads"].finditer(text, tail, ib):
            pass
        if h is not None and h.end() - tail >= len(h.group(0)) + 2 and not v["_generic"].search(text[tail:h.end()]):
            out.append(span(text, tail, h.end()))
        elif out and "「" not in text[ia:ib]:
            break  # the list has ended
    return out


def quoted_events(text: str, s: int, cb: int, clause: list[Mention], v: dict) -> list[Mention] | None:
    """The quoted names written at s (「A」「B」、「C」) that are events; None when no quote
    opens at s."""
    if s >= cb or text[s] not in QUOTES:
        return None
    out: list[Mention] = []
    run = list(quoted_run(text, s, cb, f"[{LIST_MARKS}]*"))
    if run and v["_quoted_program_tail"].match(text[run[-1][1] + 1:cb]):
        return []  # 辦理「A」及「B」計畫案, 辦理「…分級教材」4年(97-100)計畫: programmes, not events
    bodies: list[tuple[int, int]] = []  # quoted names no event word has followed yet
    for qa, close in run:
        if is_event_name(text, qa, close, clause, v):
            out.append(span(text, qa, close))
            bodies = []
            continue
        # 「歐洲臺商會」年會, 「臺灣關係法」30週年視訊會議: the event is the part after the name
        a = close + 1
        a = regex.match(r"(?:\([^()]{1,20}\))?", text[a:cb]).end() + a
        h = v["_heads"].search(text, a, min(cb, a + 16))
        if h and not any(ch in v["event_object"]["stops"] for ch in text[a:h.start()]):
            if bodies and h.start() == a:
                # 出席「A」、「B」、「C」年會: each body's meeting, named by the body (decisions)
                out += [span(text, x, y) for x, y in bodies + [(qa, close)]]
            else:
                out.append(span(text, a, h.end()))
            bodies = []
        else:
            bodies.append((qa, close))
    return out


def quoted_after(text: str, a: int, b: int, clause: list[Mention], v: dict) -> list[Mention]:
    """Every quoted event name between a and b (a list of events)."""
    out: list[Mention] = []
    for m in regex.finditer(r"「([^「」]{2,60})」", text[a:b]):
        qa, qb = a + m.start(1), a + m.end(1)
        if is_event_name(text, qa, qb, clause, v):
            out.append(span(text, qa, qb))
    return out


def is_event_name(text: str, a: int, b: int, clause: list[Mention], v: dict) -> bool:
    """A quoted name after 辦理/參與 is an event unless it is known as something else
    (a programme, a body, a place) or a programme word follows it (「…」計畫, 「…」文宣案)."""
    eo = v["event_object"]
    if v["_organised_group"].search(text, a, b):
        return True  # 辦理「2009海外青年醫藥專業人士訪問團」, 籌劃「港澳青年臺灣觀摩團」: a tour organised or joined
    if any(m.start == a and m.end == b and m.label in eo["not_event_labels"] for m in clause):
        return False
    after = text[b + 1:b + 5]
    if any(after.startswith(w) for w in eo["not_event_after_quote"]):
        return False
    # 「海外僑生回國升學宣導人員」及「…升學輔導老師」來臺參訪: groups of people, not events
    return not any(text.endswith(w, a, b) for w in eo["not_event_after_quote"] + eo["people_quote_ends"])


def agreements(text: str, te: int, cb: int, clause: list[Mention], v: dict) -> list[Mention]:
    """What a SIGN trigger signs: the quoted names after it (簽署「A」、「B」), else an
    agreement span (PROGRAM) right after it, else a phrase ending in an agreement word
    (簽署都市友好觀光交流協定)."""
    pos = v["_agreement_before"].match(text, te, cb).end()
    out = [span(text, qa, qb, "PROGRAM") for qa, qb in quoted_run(text, pos, cb)]
    if out:
        return out
    near = [m for m in clause if m.label == "PROGRAM" and te <= m.start <= te + 3]
    if near:
        return near[:1]
    m = v["_agreement"].match(text, pos, cb)  # 簽訂了貿易協定: the agreement starts after 了
    return [span(text, m.start(), m.end(), "PROGRAM")] if m and m.end() > m.start() else []


def strip_mentions(text: str, a: int, b: int, clause: list[Mention],
                   labels: tuple[str, ...] = ("DATE", "CITY", "COUNTRY", "LOC", "TITLE")) -> str:
    """The text between a and b without the mentions of ``labels`` in it (by default the
    dates, places and titles)."""
    out, pos = [], a
    for m in clause:
        if a <= m.start and m.end <= b and m.label in labels:
            out.append(text[pos:m.start])
            pos = m.end
    out.append(text[pos:b])
    return "".join(out)


def span(text: str, a: int, b: int, label: str = "EVENT") -> Mention:
    return Mention(a, b, label, text[a:b], text[a:b])
