"""Events: a trigger word (data/relations.json) and roles filled from the entities of its
sentence, and, where the sentence lacks them, from the heading of its section or list item.

Types and roles follow the annotation guide: VISIT, ATTEND, HOLD, SIGN, SISTER_CITY,
DONATE, ROUTE.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..resources import package_json
from .officials import Mention


@dataclass(frozen=True)
class Context:
    """Where a sentence sits: its span and the heading spans that govern it."""

    start: int
    end: int
    heading: tuple[int, int] | None = None  # title of the innermost section (or list item)


@lru_cache(maxsize=1)
def _vocab() -> dict:
    v = dict(package_json("relations.json")["events"])
    words = sorted(((w, t) for t, ws in v["triggers"].items() for w in ws), key=lambda x: -len(x[0]))
    v["_trigger_re"] = regex.compile("|".join(regex.escape(w) for w, _ in words))
    v["_trigger_type"] = dict(words)
    v["_agreement"] = regex.compile(v["agreement"])
    v["_patterns"] = [(regex.compile(p), t) for t, ps in v.get("trigger_patterns", {}).items() for p in ps]
    eo = v["event_object"]
    v["_count"] = regex.compile(eo["count_before"])
    v["_heads"] = regex.compile("|".join(regex.escape(h) for h in sorted(eo["heads"], key=len, reverse=True)))
    return v


QUOTES = {"「": "」", "『": "』", "《": "》", "〈": "〉", "“": "”", '"': '"'}


def _role(m: Mention, role: str) -> dict:
    return {"role": role, "start_char": m.start, "end_char": m.end, "label": m.label, "canonical": m.canonical}


class _Index:
    """Mentions and dates of a document by position, so each sentence finds its own in
    O(log n) rather than by a scan of the whole document."""

    def __init__(self, mentions: list[Mention], dates: list[dict]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.dates = sorted(dates, key=lambda d: d["start_char"])
        self.date_starts = [d["start_char"] for d in self.dates]

    def mentions_in(self, a: int, b: int) -> list[Mention]:
        i, j = bisect_left(self.mention_starts, a), bisect_left(self.mention_starts, b)
        return [m for m in self.mentions[i:j] if m.end <= b]

    def dates_in(self, a: int, b: int) -> list[dict]:
        i, j = bisect_left(self.date_starts, a), bisect_left(self.date_starts, b)
        return [d for d in self.dates[i:j] if d["end_char"] <= b]


def find_events(text: str, mentions: list[Mention], contexts: list[Context],
                dates: list[dict]) -> list[dict]:
    """Event rows with their roles, for one document."""
    v = _vocab()
    index = _Index(mentions, dates)
    events: list[dict] = []
    for ctx in contexts:
        in_sent = index.mentions_in(ctx.start, ctx.end)
        for etype, ts, te, pattern in _triggers(text, ctx, in_sent, v):
            if not pattern and any(m.start < te and ts < m.end and m.label not in {"DATE"} for m in in_sent):
                continue  # the trigger word is inside a name (「…訪問團」, 訪問 in an event name)
            if any(text.startswith(w, te) for w in v["delegation_after"]):
                continue  # 「…訪華團」: a delegation's name, not an event
            event = _build(etype, text, ts, te, ctx, in_sent, index, v)
            if event is not None:
                events.append(event)
    return events


def _triggers(text: str, ctx: Context, in_sent: list[Mention], v: dict) -> list[tuple[str, int, int, bool]]:
    """The triggers of a sentence as (type, start, end, from a pattern): trigger words,
    patterns over a stretch (邀請…來臺) and a bare verb before a place (訪 + 梵蒂岡); where
    two overlap the longer wins, so that 邀請…來臺 is one event."""
    found = [(v["_trigger_type"][t.group(0)], t.start(), t.end(), False)
             for t in v["_trigger_re"].finditer(text, ctx.start, ctx.end)]
    for rx, etype in v["_patterns"]:
        found += [(etype, m.start(), m.end(), True) for m in rx.finditer(text, ctx.start, ctx.end)]
    places = {m.start for m in in_sent if m.label in v["place_labels"]}
    for etype, verb in v["place_triggers"].items():
        for m in regex.finditer(regex.escape(verb), text[ctx.start:ctx.end]):
            te = ctx.start + m.end()
            if te in places:
                found.append((etype, te - len(verb), te, False))
    found.sort(key=lambda t: (t[1], -(t[2] - t[1])))
    out: list[tuple[str, int, int, bool]] = []
    for t in sorted(found, key=lambda t: -(t[2] - t[1])):
        if not any(t[1] < o[2] and o[1] < t[2] for o in out):
            out.append(t)
    return sorted(out, key=lambda t: t[1])


def _event_objects(text: str, ts: int, te: int, ca: int, cb: int, clause: list[Mention],
                   v: dict) -> list[Mention]:
    """The event a HOLD or ATTEND trigger is about: the quoted names right after it
    (辦理「A」「B」), else an EVENT span after it, else a phrase ending in an event word
    (舉辦陸資來臺投資座談會); failing those, the same written before it (「…」在東京召開)."""
    eo = v["event_object"]
    stops = eo["stops"]
    s = v["_count"].match(text, te, cb).end()
    out: list[Mention] = []
    pos = s
    while pos < cb and text[pos] in QUOTES:
        close = text.find(QUOTES[text[pos]], pos + 1, cb)
        if close <= pos + 1:
            break
        out.append(_span(text, pos + 1, close))
        pos = close + 1
        while pos < cb and text[pos] in "、及與和暨":
            pos += 1
    if out:
        return out
    near = [m for m in clause if m.label == "EVENT" and te <= m.start <= s + 2]
    if near:
        return near[:1]
    end = s
    while end < cb and end - s < eo["max_len"] and text[end] not in stops:
        end += 1
    h = v["_heads"].search(text, s, end)
    if h and h.start() - s >= 2:
        return [_span(text, s, h.end())]
    # written before the trigger, in its clause
    before = [m for m in clause if m.label == "EVENT" and m.end <= ts]
    if before:
        return before[-1:]
    heads = list(v["_heads"].finditer(text, ca, ts))
    if heads:
        h = heads[-1]
        if text[h.end() - 1] in "」』":
            return []
        a = h.start()
        dates = [m.end for m in clause if m.label == "DATE" and m.end <= h.start()]
        floor = max([ca] + dates)
        while a > floor and text[a - 1] not in stops and h.start() - a < eo["max_len"]:
            a -= 1
        if h.start() - a >= 2:
            return [_span(text, a, h.end())]
    return []


def _span(text: str, a: int, b: int) -> Mention:
    return Mention(a, b, "EVENT", text[a:b], text[a:b])


def _clause(text: str, ctx: Context, ts: int, te: int) -> tuple[int, int]:
    """The clause around a trigger: between the separators ，；。 of its sentence."""
    seps = ",;。!?"
    a = ts
    while a > ctx.start and text[a - 1] not in seps:
        a -= 1
    b = te
    while b < ctx.end and text[b] not in seps:
        b += 1
    return a, b


def _build(etype: str, text: str, ts: int, te: int, ctx: Context, in_sent: list[Mention],
           index: _Index, v: dict) -> dict | None:
    ca, cb = _clause(text, ctx, ts, te)
    clause = [m for m in in_sent if ca <= m.start and m.end <= cb]
    heading = index.mentions_in(*ctx.heading) if ctx.heading else []
    before = [m for m in in_sent if m.end <= ts]
    after = [m for m in clause if m.start >= te]
    roles: list[dict] = []

    objects: list[Mention] = []
    if etype in ("HOLD", "ATTEND"):
        objects = _event_objects(text, ts, te, ca, cb, clause, v)
        needs = v["event_object"]["needs_object"].get(etype, [])
        if not objects and (needs == "*" or text[ts:te] in needs):
            return None
    if any(text.startswith(w, te) for w in v["not_events_after"]):
        return None
    if etype in v["roles_before"]:
        role, labels = v["roles_before"][etype]
        in_clause = [m for m in before if m.label in labels and m.start >= ca]
        cands = _collapse_places(in_clause if etype == "SIGN" else
                                 (in_clause or [m for m in before if m.label in labels]), text)
        if etype == "SIGN":
            roles += [_role(m, role) for m in cands if not _is_witness(text, m, ts)]
        elif etype == "HOLD":
            # the organiser is written right before 舉辦 (本市舉辦 names none)
            if cands and len(text[cands[-1].end:ts].strip()) <= 2:
                roles.append(_role(cands[-1], role))
        elif cands:
            people = [m for m in cands if m.label == "PERSON"]
            roles += [_role(m, role) for m in _heads(people if etype == "VISIT" and people else cands, text, ts)]
        else:
            # 日本政要訪華者包括：山本順三、神取忍…: the people listed after the trigger
            listed = [m for m in in_sent if m.start >= te and m.label in labels and m.label != "CITY"]
            people = [m for m in listed if m.label == "PERSON"]
            roles += [_role(m, role) for m in (people or listed[:1])]
    if etype in v["roles_after"]:
        role, labels = v["roles_after"][etype]
        cands = [m for m in after if m.label in labels]
        if role == "host":
            cands = [m for m in cands if len(text[te:m.start].strip()) <= 1]
        if role == "event":
            roles += [_role(m, role) for m in objects]
        elif cands:
            roles.append(_role(cands[0], role))
    if etype == "SIGN":
        m = v["_agreement"].search(text, te, cb)
        if m and m.end() > m.start():
            roles.append({"role": "agreement", "start_char": m.start(), "end_char": m.end(),
                          "label": None, "canonical": text[m.start():m.end()]})
        wit = regex.search(r"見證", text[ctx.start:ts])
        if wit:
            people = [m for m in before if m.label == "PERSON" and m.end <= ctx.start + wit.start()]
            if people:
                roles.append(_role(people[-1], "witness"))
    # the place is where the event happens: the places written after the trigger, most specific
    after_places = [m for m in after if m.label in v["place_labels"] and not _inside_role(m, roles)]
    cities = [m for m in after_places if m.label == "CITY"]
    places = cities or after_places[-1:]
    status = None
    if etype == "SISTER_CITY":
        cities = [m for m in in_sent if m.label == "CITY"] or [m for m in heading if m.label == "CITY"]
        roles += [_role(m, "city") for m in cities[:2]]
        status = _status(text[ctx.start:ctx.end], v)
    elif etype == "ROUTE":
        pool = [m for m in in_sent if m.label in v["place_labels"]] or \
               [m for m in heading if m.label in v["place_labels"]]
        roles += [_role(m, "place") for m in pool[:2]]
    if not roles and heading:
        # a list item's body without names: take the roles from its heading
        role_name, labels = v["roles_before"].get(etype, ("participant", ["BUREAU", "ORG", "PERSON"]))
        cands = [m for m in heading if m.label in labels]
        if cands:
            roles.append(_role(cands[0], role_name))
    if not roles:
        return None
    date = _date_for(ts, ctx, index)
    place = None
    if etype not in {"SISTER_CITY", "ROUTE"}:
        for m in places:
            roles.append(_role(m, "place"))
        if places:
            place = places[-1].canonical
    if etype == "DONATE" and not any(r["role"] == "cause" for r in roles):
        causes = [m for m in in_sent if m.label == "EVENT"]
        if causes:
            roles.append(_role(causes[0], "cause"))
    if date is not None:
        roles.append({"role": "date", "start_char": date["start_char"], "end_char": date["end_char"],
                      "label": "DATE", "canonical": date.get("start")})
    return {
        "type": etype, "trigger": text[ts:te], "trigger_start": ts, "trigger_end": te,
        "start_char": ctx.start, "end_char": ctx.end, "status": status, "place": place,
        "date_start": date.get("start") if date else None, "date_end": date.get("end") if date else None,
        "roles": roles,
    }


def _heads(cands: list[Mention], text: str, ts: int) -> list[Mention]:
    """The role fillers before a trigger: the nearest one and those coordinated with it
    (A、B及C參加)."""
    out = [cands[-1]]
    for m in reversed(cands[:-1]):
        gap = text[m.end:out[-1].start]
        if gap and all(ch in "、及與和暨," for ch in gap):
            out.append(m)
        else:
            break
    return list(reversed(out))


def _collapse_places(cands: list[Mention], text: str) -> list[Mention]:
    """A chain of places written together (日本石川縣加賀市) fills a role once: the last one."""
    out: list[Mention] = []
    for m in cands:
        if out and out[-1].end == m.start and out[-1].label in {"COUNTRY", "CITY"} and m.label in {"CITY", "BUREAU"}:
            out[-1] = m
        else:
            out.append(m)
    return out


def _inside_role(m: Mention, roles: list[dict]) -> bool:
    return any(r["start_char"] <= m.start and m.end <= r["end_char"] for r in roles)


def _is_witness(text: str, m: Mention, ts: int) -> bool:
    return "見證" in text[m.end:m.end + 6] and "見證" in text[m.end:ts]


def _status(sentence: str, v: dict) -> str:
    for status in ("established", "negotiating", "planned"):
        if any(w in sentence for w in v["status"][status]):
            return status
    return "established"


def _date_for(ts: int, ctx: Context, index: _Index) -> dict | None:
    """The date of the sentence (nearest before the trigger, else after), else of its heading."""
    in_sent = [d for d in index.dates_in(ctx.start, ctx.end) if d.get("valid", True)]
    before = [d for d in in_sent if d["end_char"] <= ts]
    if before:
        return before[-1]
    if in_sent:
        return in_sent[0]
    if ctx.heading:
        head = index.dates_in(*ctx.heading)
        if head:
            return head[0]
    return None
