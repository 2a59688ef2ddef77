"""Where an event happens and which place fills a role: the places after a verb of going or
a locative (赴以色列參加, 在日本廣島舉行), the runs of coordinated or chained places
(約旦、敘利亞及哈薩克; 瑞士日內瓦 counts once), and whether a mention is a where rather
than a who."""
from __future__ import annotations

import regex

from .event_objects import LIST_MARKS
from .officials import Mention


def is_locative_place(text: str, m: Mention, ca: int, v: dict, any_label: bool = False,
                      mentions: list[Mention] | None = None) -> bool:
    """A place (or, with any_label, a body) written after 在/於/赴/至/訪 (在靜岡召開, 至陸委會
    拜會), or chained or coordinated to such a place (在瑞士日內瓦舉行, 訪問義大利、教廷、比利時
    及歐洲議會): where, not who."""
    if v["_locative"].search(text, max(ca, m.start - 2), m.start) or \
            v["_capital_of"].search(text, max(ca, m.start - 4), m.start):  # 赴捷京布拉格: the capital of 捷克
        return any_label or m.label in v["place_labels"]
    if not mentions:
        return False
    by_end = {x.end: x for x in mentions if x.label in v["place_labels"]}
    cur = m
    while True:
        gap = regex.match(f"[{LIST_MARKS}]?", text[max(ca, cur.start - 1):cur.start])
        prev = by_end.get(cur.start) or (by_end.get(cur.start - 1) if gap and gap.group(0) else None)
        if prev is None:
            return False
        if v["_locative"].search(text, max(ca, prev.start - 2), prev.start):
            return True
        cur = prev


def place_run(text: str, pos: int, clause: list[Mention], v: dict) -> list[Mention]:
    """The places written from pos on, coordinated (約旦、敘利亞及哈薩克) or chained
    (瑞士日內瓦, which counts once, as its most specific place)."""
    starts = {m.start: m for m in clause if m.label in v["place_labels"]}
    run: list[Mention] = []
    while pos in starts:
        m = starts[pos]
        run.append(m)
        pos = m.end
        gap = regex.match(f"[{LIST_MARKS}]?", text[pos:pos + 1]).end()
        if pos + gap in starts:
            pos += gap
    return collapse_places(run, text)


def destination(text: str, ts: int, te: int, ca: int, cb: int, clause: list[Mention],
                v: dict) -> list[Mention]:
    """Where an event happens: the places after a verb of going or a locative before the
    trigger (赴以色列參加, 在日本廣島舉行, 赴約旦、敘利亞及哈薩克參訪), else the places
    written right after it (訪問巴拉圭及多明尼加)."""
    for m in reversed(list(v["_locative"].finditer(text, ca, ts))):
        run = place_run(text, m.end(), clause, v)
        if not run and (capital := v["_capital"].match(text, m.end(), ts)):
            run = place_run(text, capital.end(), clause, v)  # 赴捷京布拉格: the capital of 捷克
        if not run and m.group(0) in v["destination"]["venue_after"]:
            # 假輔仁大學舉辦, 於民主基金會舉行: a venue written right before the trigger
            run = [x for x in clause if x.start == m.end() and x.end == ts and x.label in ("ORG", "BUREAU")]
        if run and v["_destination_tail"].fullmatch(text, run[-1].end, ts):
            return run
        if run:
            break
    if text[ts:te] in v["destination"]["led"] and (m := v["_after_led"].match(text, te, cb)):
        run = place_run(text, m.end(), clause, v)  # 率團一行118人於…赴薩爾瓦多參加, 率慶賀團赴馬紹爾群島
        if run:
            return run
    pos = te
    dates = {m.start: m.end for m in clause if m.label == "DATE"}
    pos = dates.get(pos, pos)  # 出席5月18日至22日在瑞士日內瓦舉行的…
    return place_run(text, pos + regex.match(r"[在於至到赴]?", text[pos:pos + 1]).end(), clause, v)


def collapse_places(cands: list[Mention], text: str) -> list[Mention]:
    """A chain of places written together (日本石川縣加賀市) fills a role once: the last one."""
    out: list[Mention] = []
    for m in cands:
        if out and out[-1].end == m.start and out[-1].label in {"COUNTRY", "CITY"} and m.label in {"CITY", "BUREAU", "ORG"} \
                and not (len(out[-1].text) == 1 and len(m.text) == 1):  # (港澳, 日韓: two places, no chain)
            out[-1] = m
        else:
            out.append(m)
    return out
