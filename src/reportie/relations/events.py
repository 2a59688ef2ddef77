"""Events: a trigger word (data/relations.json) and roles filled from the entities of its
sentence, and, where the sentence lacks them, from the heading of its section or list item.

Types and roles follow the annotation guide: VISIT, ATTEND, HOLD, SIGN, SISTER_CITY,
DONATE, ROUTE.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from ..outline import speaker_turns
from ..resources import compile_patterns, package_json
from .event_lists import heading_lists
from .event_objects import LIST_MARKS, QUOTES, agreements, event_objects, quoted_run, span, strip_mentions
from .event_places import collapse_places, destination, is_locative_place, place_run
from .occurrence import is_occurrence, told_as_done
from .officials import Mention


@dataclass(frozen=True)
class Context:
    """Where a sentence sits: its span and the heading spans that govern it."""

    start: int
    end: int
    heading: tuple[int, int] | None = None  # title of the innermost section (or list item)
    outline: tuple[tuple[int, int], ...] = ()  # titles of all the sections above, innermost first
    # False when the heading is an item's first sentence (１、截至8月26日止…。): its date is that
    # sentence's own, not the date of what follows
    dated_heading: bool = True


_LIST_ITEM = regex.compile(r"[^、;。]+")  # (the text is normalised: ；is ;)

# the vocabulary's compiled patterns: name → where their source sits in relations.json "events"
_PATTERNS: dict[str, str] = {
    "_agreement": "agreement",
    "_count": "event_object.count_before",
    "_generic": "event_object.generic",
    "_before_gap": "event_object.before_gap",
    "_delegation": "delegation_after",
    "_chain_gap": "chain.gap",
    "_project_title": "project_title",
    "_count_actor": "count_actor",
    "_locative": "destination.locative",
    "_list_after": "list_after",
    "_list_lead_search": "list_lead_search",
    "_modal": "modal_before.pattern",
    "_modal_clause": "modal_before.clause_start",
    "_generic_party": "modal_before.generic_party.pattern",
    "_conditional": "modal_before.conditional",
    "_question_strong": "modal_before.question.strong",
    "_question_weak": "modal_before.question.weak",
    "_question_item": "modal_before.question.item",
    "_budget_header": "budget_table.header",
    "_many_before": "event_object.many.before",
    "_many_after": "event_object.many.after",
    "_count_noun_after": "count_noun_after",
    "_delegation_lead": "delegation_lead",
    "_recipient_lead": "recipient_lead",
    "_list_filler": "list_filler",
    "_quoted_program_tail": "event_object.quoted_program_tail",
    "_agreement_before": "agreement_before",
    "_used_before": "modal_before.used_before.pattern",
    "_abbreviated_destination": "abbreviated_destination",
    "_invited_marker": "invited_marker",
    "_led_before": "led_before",
    "_agreement_lead": "agreement_lead",
    "_witness_word": "witness_word",
    "_date_lead_words": "date_lead_words",
    "_deadline_before": "deadline.before",
    "_deadline_after": "deadline.after",
    "_effective": "deadline.effective",
    "_self": "self_reference.pattern",
    "_self_lead": "self_reference.clause_lead",
    "_turn": "self_reference.turn",
    "_organiser_gap": "organiser_gap",
    "_given_to": "given_to",
    "_channel": "donation_channel",
    "_signed_before": "signed_before",
    "_inviter": "inviter_after",
    "_following_list": "following_list",
    "_destination_tail": "destination.tail",
    "_heading_list": "heading_list",
    "_sub_heading": "sub_heading",
    "_list_lead": "list_lead",
    "_carry_gap": "carry_gap",
    "_led_gap": "led_gap",
    "_after_led": "destination.after_led",
    "_next_clause": "destination.next_clause",
    "_capital": "destination.capital",
    "_route_after": "route_after",
    "_spoken_done": "spoken.done",
    "_route_opened": "route_opened",
    "_held_by": "event_object.held_by.pattern",
    "_count_group": "count_group",
    "_remainder": "remainder.pattern",
    "_next_list": "next_list",
    "_invited_by": "invited_by",
    "_inviting": "inviting",
    "_alias_lead": "alias_lead",
    "_companion": "companion",
    "_outgoing": "outgoing.marker",
    "_part_heading": "outgoing.part_heading",
}


@lru_cache(maxsize=1)
def _vocab() -> dict:
    v = dict(package_json("relations.json")["events"])
    words = sorted(((w, t) for t, ws in v["triggers"].items() for w in ws), key=lambda x: -len(x[0]))
    v["_trigger_re"] = regex.compile("|".join(regex.escape(w) for w, _ in words))
    v["_trigger_type"] = dict(words)
    v["_patterns"] = [(regex.compile(p), t) for t, ps in v.get("trigger_patterns", {}).items() for p in ps]
    for key in ("led_gap", "led_before"):  # one list of the verbs that form or lead a group
        v[key] = v[key].replace("<led_verbs>", v["led_verbs"])
    v.update(compile_patterns(v, _PATTERNS))
    eo = v["event_object"]
    v["_heads"] = regex.compile("|".join(regex.escape(h) for h in sorted(eo["heads"], key=len, reverse=True)))
    v["_not_event_heads"] = regex.compile("|".join(eo["not_event_heads"]))
    item_heads = sorted(eo["heads"] + eo["enumeration"]["list_heads"], key=len, reverse=True)
    d = v["destination"]  # 赴捷京布拉格: a locative, "the capital of 捷克", the capital
    v["_capital_of"] = regex.compile(f"(?:{d['locative']}){d['capital']}$")
    v["_item_head"] = regex.compile("(?:" + "|".join(regex.escape(h) for h in item_heads) + ")$")
    v["_organised_group"] = regex.compile(eo["organised_groups"])
    v["_not_after_pattern"] = {w: regex.compile(p) for w, p in v["not_after_pattern"].items()}
    v["_generic_after"] = {t: regex.compile(p) for t, p in v["generic_object_after"].items()}
    v["_place_trigger_re"] = {t: regex.compile(regex.escape(w)) for t, w in v["place_triggers"].items()}
    v["_heading_trigger_re"] = {t: regex.compile("|".join(regex.escape(w) for w in ws))
                                for t, ws in v["heading_triggers"].items() if not t.startswith("_")}
    return v


def _role(m: Mention, role: str) -> dict:
    return {"role": role, "start_char": m.start, "end_char": m.end, "label": m.label, "canonical": m.canonical}


class _Index:
    """Mentions and dates of a document by position, so each sentence finds its own in
    O(log n) rather than by a scan of the whole document."""

    def __init__(self, mentions: list[Mention], dates: list[dict], text: str = "") -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.dates = sorted(dates, key=lambda d: d["start_char"])
        self.date_starts = [d["start_char"] for d in self.dates]
        self.turns: list[tuple[int, int]] = []  # speaker labels of a transcript (佛洛瑞斯總統閣下：)
        self.turn_starts: list[int] = []

    @cached_property
    def spoken(self) -> bool:
        """A transcript: speakers take turns (outline.speaker_turns); read only when a rule asks."""
        return bool(speaker_turns(self.text))

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
    index = _Index(mentions, dates, text)
    if v["_self"].search(text) or v["_self_lead"].search(text):
        index.turns = [m.span() for m in v["_turn"].finditer(text)]
        index.turn_starts = [a for a, _ in index.turns]
    events: list[dict] = []
    budget = v["_budget_header"].search(text)
    for ctx in contexts:
        if budget is not None and ctx.start >= budget.start():
            break  # the budget table closing council minutes: rows of money, not occurrences
        in_sent = index.mentions_in(ctx.start, ctx.end)
        last_end: dict[str, int] = {}
        for etype, ts, te, pattern in _triggers(text, ctx, in_sent, v):
            if not pattern and any(m.start <= ts < m.end and m.label != "DATE" for m in in_sent):
                continue  # the trigger word is inside a name (「…訪問團」, 訪問 in an event name)
            word = text[ts:te]
            if ts > 0 and any(word.startswith(k) and text[ts - 1] in chars for k, chars in v["not_after_char"].items()):
                continue  # 採訪馬總統, 未來臺美: the trigger's characters belong to another word
            if word in v["_not_after_pattern"] and v["_not_after_pattern"][word].search(text, ctx.start, ts):
                continue  # 辦理兩梯次國際記者邀訪: the noun, object of another verb
            if v["_delegation"].match(text, te):
                continue  # …訪華團, 訪華第1團: a delegation's name, not an event
            if not pattern and _in_quotes(text, ctx, ts, te):
                continue  # 「馬英九總統出訪巴拉圭紀實」, 「…參訪活動」: a title, not an event
            lists = heading_lists(text, te, v)
            if lists is not None:
                # 邀訪部分：… a heading is an event for the lists without verbs of their own
                event = _heading_event(etype, text, ts, te, ctx, lists, index, v)
                if event is not None:
                    _outgoing_place(event, text, ctx, index, v)
                    events.append(event)
                continue
            one = v["one_per_clause"]
            if etype in one["types"] and 0 <= ts - last_end.get(etype, -999) <= one["max_gap"]:
                continue  # 開通兩地定期包機直航: one route, however many words name it
            prev = last_end.get(etype, -1)
            chained = etype in v["chain"]["types"] and 0 <= prev <= ts and v["_chain_gap"].fullmatch(text, prev, ts) \
                and not any(prev <= m.start < ts and m.label == "PERSON" for m in in_sent)
            if chained and events[-1]["trigger"] not in v["chain"]["yield"]:
                continue  # 率團赴以色列訪問, 率團訪法考察: one visit however many verbs say it
            if v["_project_title"].match(text, te):
                continue  # 規劃高層出訪文宣案：…: the title of a campaign, not an occurrence
            event = _build(etype, text, ts, te, ctx, in_sent, index, v)
            if event is not None and chained:
                # 率領「…訪問團」一行90餘人訪問巴西: the visit verb, with what 率領 found
                prior = events.pop()
                have = {(r["role"], r["start_char"]) for r in event["roles"]}
                event["roles"] += [r for r in prior["roles"] if (r["role"], r["start_char"]) not in have
                                   and r["role"] in ("visitor", "date")]
            if event is not None:
                if etype == "VISIT":
                    _add_following_list(event, text, ctx, index, v)
                same = [e for e in events if e["start_char"] == ctx.start]
                repeated = [e for e in same if e["type"] == etype and _same_objects(e, event)
                            and _actors(e, v) <= _actors(event, v)]
                if repeated:
                    # (一)舉行僑務委員會議，凝聚僑務共識：98年11月8日至10日舉行僑務委員會議: the heading's
                    # summary and its body are one event, the body's
                    events.remove(repeated[-1])
                    same.remove(repeated[-1])
                _inherit_place(event, same, text)
                _drop_object_actors(event, same, v)
                _carry_actor(event, text, same, in_sent, v)
                _outgoing_place(event, text, ctx, index, v)
                last_end[etype] = te
                events.append(event)
    return events


def _same_objects(first: dict, later: dict) -> bool:
    """Whether two events are about the same things: their event and agreement roles name
    the same, the earlier perhaps with a year before (2009年全國客家事務首長會議 / 全國客家事務首長會議)."""
    def objects(event: dict) -> list[str]:
        return sorted(r["canonical"] or "" for r in event["roles"] if r["role"] in ("event", "agreement"))
    a, b = objects(first), objects(later)
    return bool(a) and len(a) == len(b) and all(x == y or (x.endswith(y) and len(y) >= 4) for x, y in zip(a, b))


def _actors(event: dict, v: dict) -> set[str]:
    """Who acts in an event (visitors, participants, organisers, parties, donors)."""
    return {r["canonical"] or "" for r in event["roles"] if r["role"] in v["actor_roles"]}


def _inherit_place(event: dict, earlier: list[dict], text: str) -> None:
    """An attendance or visit that names no place happens where the sentence's event before it
    does: …在日本廣島舉行，我方計有…參加; 組團訪問俄羅斯並參加「…」. An attendance naming no
    event attends the one held before it (…假輔仁大學舉辦「國際亞洲人道援助會議」，計有…與會)."""
    if event["type"] == "ATTEND" and not any(r["role"] == "event" for r in event["roles"]):
        if earlier and earlier[-1]["type"] == "HOLD":  # (the event just before: not another item's)
            event["roles"] += [dict(r) for r in earlier[-1]["roles"] if r["role"] == "event"]
    sources = {"ATTEND": ("HOLD", "VISIT"), "VISIT": ("HOLD",)}.get(event["type"], ())
    if not sources or any(r["role"] == "place" for r in event["roles"]):
        return
    for prior in reversed(earlier):
        if prior["type"] in sources:
            places = [r for r in prior["roles"] if r["role"] == "place"]
            if ";" in text[prior["trigger_end"]:event["trigger_start"]]:
                return  # …率團赴奧地利出席…；B赴捷京布拉格出席: another item of a list
            if places:
                event["roles"] += [dict(r) for r in places]
                event["place"] = prior.get("place")
            return


def _outgoing_place(event: dict, text: str, ctx: Context, index: "_Index", v: dict) -> None:
    """Outgoing visits and attendances naming no place (a list under 出訪部分：) happen in the
    country of the section above them (１、美國部分：… (２)出訪部分：…)."""
    if event["type"] not in ("VISIT", "ATTEND") or any(r["role"] == "place" for r in event["roles"]):
        return
    line = text.rfind("\n", 0, event["trigger_start"]) + 1
    if not (v["_outgoing"].search(text, line, event["trigger_end"])
            or any(v["_outgoing"].search(text, a, b) for a, b in ctx.outline)):
        return
    for a, b in ctx.outline:
        places = [m for m in index.mentions_in(a, b) if m.label in v["place_labels"]]
        if len(places) == 1 and v["_part_heading"].fullmatch(text[a:places[0].start] + "X" + text[places[0].end:b]):
            event["roles"].append(_role(places[0], "place"))
            event["place"] = places[0].canonical
            return


def _drop_object_actors(event: dict, earlier: list[dict], v: dict) -> None:
    """An actor written inside what an earlier verb of the sentence is about is not one
    (參加薩國總統傅內斯(Mauricio Funes)就職典禮並順道訪問…: 傅內斯 is not the visitor)."""
    objects = [(r["start_char"], r["end_char"]) for e in earlier for r in e["roles"]
               if r["role"] in ("event", "agreement") and r["end_char"] <= event["trigger_start"]]
    event["roles"] = [r for r in event["roles"] if not (
        r["role"] in v["actor_roles"] and any(a <= r["start_char"] and r["end_char"] <= b for a, b in objects))]


def _carry_actor(event: dict, text: str, earlier: list[dict], in_sent: list[Mention], v: dict) -> None:
    """A later verb of the same subject takes the subject of the sentence's event before it,
    when nobody new is named between them (臺俄協會…組團訪問俄羅斯，並召開「臺俄論壇」; A…赴X訪問，
    並分別於10月2日召開「…」、10月5日召開「…」)."""
    role = v["roles_before"].get(event["type"], (None,))[0]
    if role is None or not earlier or any(r["role"] == role for r in event["roles"]):
        return
    prior = earlier[-1]
    actors = [r for r in prior["roles"] if r["role"] in v["actor_roles"] and r["end_char"] <= prior["trigger_start"]
              and not v["_led_before"].search(text, max(0, r["start_char"] - 3), r["start_char"])]
    # (the group someone formed or led, 籌組「…訪問團」, does not sign or hold what its leader does)
    a, b = prior["trigger_end"], event["trigger_start"]
    if not actors or not v["_carry_gap"].match(text[a:b]) or any(ch in text[a:b] for ch in ";:。"):
        return
    if any(a <= m.start and m.end <= b and m.label in ("PERSON", "ORG", "BUREAU")
           and not any(r["start_char"] <= m.start and m.end <= r["end_char"] for r in prior["roles"]) for m in in_sent):
        return  # 、B訪Y: another item's actor
    event["roles"] += [dict(r, role=role) for r in actors]


def _triggers(text: str, ctx: Context, in_sent: list[Mention], v: dict) -> list[tuple[str, int, int, bool]]:
    """The triggers of a sentence as (type, start, end, from a pattern): trigger words,
    patterns over a stretch (邀請…來臺) and a bare verb before a place (訪 + 梵蒂岡); where
    two overlap the longer wins, so that 邀請…來臺 is one event."""
    place_spans = [(m.start, m.end) for m in in_sent if m.label in v["place_labels"]]
    # 訪印度, 訪印尼: a word (訪印) that cuts into a place name yields to 訪 + the place
    found = [(v["_trigger_type"][t.group(0)], t.start(), t.end(), False)
             for t in v["_trigger_re"].finditer(text, ctx.start, ctx.end)
             if not any(t.start() < a < t.end() < b for a, b in place_spans)]
    for rx, etype in v["_patterns"]:
        found += [(etype, m.start(), m.end(), True) for m in rx.finditer(text, ctx.start, ctx.end)]
    places = {a for a, _ in place_spans}
    for etype, verb in v["place_triggers"].items():
        for m in v["_place_trigger_re"][etype].finditer(text, ctx.start, ctx.end):
            if m.end() in places:
                found.append((etype, m.start(), m.end(), False))
    found += _heading_triggers(text, ctx, found, v)
    out: list[tuple[str, int, int, bool]] = []
    for t in sorted(found, key=lambda t: (t[1] - t[2], t[1])):  # the longest first, then the earliest
        if not any(t[1] < o[2] and o[1] < t[2] for o in out):
            out.append(t)
    return sorted(out, key=lambda t: t[1])


def _remainder(text: str, ctx: Context, ts: int, index: _Index, v: dict) -> list[Mention]:
    """上述城市除A、B外，其餘7個城市均派員出席: the rest of the list of the sentence before."""
    m = v["_remainder"].match(text, ctx.start, ts)
    if m is None:
        return []
    prev = max(text.rfind("。", 0, ctx.start - 1), text.rfind("\n", 0, ctx.start - 1)) + 1
    labels = v["remainder"]["nouns"].get(m["noun"] or "", v["actor_places"])
    excluded = {x.text for x in index.mentions_in(m.start("but"), m.end("but"))}
    return [x for x in index.mentions_in(prev, ctx.start) if x.label in labels and x.text not in excluded]


def _heading_triggers(text: str, ctx: Context, found: list[tuple[str, int, int, bool]],
                      v: dict) -> list[tuple[str, int, int, bool]]:
    """Verbs that name an event only under a heading naming it (洽談 under a heading on
    締結姊妹市), in sentences that do not name it themselves."""
    out = []
    for etype, rx in v["_heading_trigger_re"].items():
        if any(t[0] == etype for t in found):
            continue
        if not any(v["_trigger_type"].get(m.group(0)) == etype
                   for a, b in ctx.outline for m in v["_trigger_re"].finditer(text, a, b)):
            continue
        out += [(etype, m.start(), m.end(), False) for m in rx.finditer(text, ctx.start, ctx.end)]
    return out


def _heading_event(etype: str, text: str, ts: int, te: int, ctx: Context,
                   lists: list[tuple[int, int]], index: _Index, v: dict) -> dict | None:
    """A heading trigger's event: the people of its verb-less lists are the visitors."""
    role = v["roles_before"].get(etype, ("participant", []))[0]
    people: list[Mention] = []
    for a, b in lists:
        people += _list_actors(text, a, b, index, v)
    if not people:
        return None
    return {"type": etype, "trigger": text[ts:te], "trigger_start": ts, "trigger_end": te,
            "start_char": ctx.start, "end_char": ctx.end, "status": None, "place": None,
            "date_start": None, "date_end": None, "roles": [_role(m, role) for m in _drop_aliases(people, text)]}


def _named_in_heading(found: list[Mention], text: str, ctx: Context, heading: list[Mention],
                      v: dict) -> list[Mention]:
    """An agreement written short under a heading that names it in full (（一）觀光局與…加賀市簽署
    觀光交流協議暨鼓山區與加賀市簽署友好交流協議 > …簽署交流協議): the heading's agreements."""
    if len(found) != 1 or not ctx.heading or text[found[0].start - 1:found[0].start] in QUOTES:
        return found
    short = found[0].text
    if v["_agreement_lead"].sub("", short) in v["bare_agreements"]:
        return found  # 除已簽訂協議之落實執行外: a bare word names no agreement
    named = [m for t in v["_trigger_re"].finditer(text, *ctx.heading)
             if v["_trigger_type"][t.group(0)] == "SIGN"
             for m in agreements(text, t.end(), ctx.heading[1], heading, v)]
    longer = [m for m in named if m.text.endswith(short) and len(m.text) > len(short)]
    return longer or found


def _signed_before(text: str, ca: int, ts: int, v: dict) -> list[Mention]:
    """The agreements of a nominalised signing (逐步完成兩岸金融監理合作備忘錄（MOU）及兩岸經濟合作
    架構協議（ECFA）的簽署): the listed phrases that end in an agreement word, without aliases."""
    m = v["_signed_before"].search(text, ca, ts)
    if not m:
        return []
    out = []
    for piece in regex.finditer(f"[^{LIST_MARKS}]+", text[m.start("list"):m.end("list")]):
        a = m.start("list") + piece.start()
        b = m.start("list") + piece.end()
        b = a + len(regex.sub(r"\s*\([^()]{1,20}\)\s*$", "", text[a:b]))
        if v["_agreement"].fullmatch(text, a, b):
            out.append(span(text, a, b, "PROGRAM"))
    return out


def _list_actors(text: str, a: int, b: int, index: "_Index", v: dict) -> list[Mention]:
    """The actors of a list between a and b, item by item (、;。 separate the items): each
    item's people, or, for a delegation without names, its body or place."""
    return [m for item in _LIST_ITEM.finditer(text, a, b) for m in _item_actors(index.mentions_in(*item.span()), v)]


def _item_actors(found: list[Mention], v: dict) -> list[Mention]:
    """A list item's people, or, for a delegation without names, its body, else its place: the
    last of a chain (美國新英格蘭州議會領袖訪華團 → 新英格蘭, the most specific)."""
    named = [m for m in found if m.label == "PERSON"]
    if named:
        return named
    bodies = [m for m in found if m.label in ("ORG", "BUREAU")]
    if bodies:
        return bodies[:1]
    chain = [m for m in found if m.label in v["place_labels"]][:1]
    for m in found:
        if chain and m.label in v["place_labels"] and m.start == chain[-1].end:
            chain.append(m)
    return chain[-1:]


CLOSING = set(QUOTES.values())


def _main_names(roles: list[dict], mentions: list[Mention], text: str) -> list[dict]:
    """Roles filled by a bracketed alias go to the name it glosses (Dayong Yu(于大勇) → Dayong Yu)."""
    by_end = {m.end: m for m in mentions}
    out, seen = [], set()
    for r in roles:
        a, b = r["start_char"], r["end_char"]
        main = by_end.get(a - 1) or (by_end.get(a - 2) if text[a - 2:a - 1] in CLOSING else None)
        lead = _vocab()["_alias_lead"].search(text, max(0, a - 12), a)
        if main is None and lead and text[b:b + 1] == ")":
            bracket = text.rfind("(", lead.start(), a)
            main = by_end.get(lead.start()) or by_end.get(bracket)  # 戈登‧虎克博士(Dr. Gordon Hook)
            if main is not None and r["label"] != "PERSON":
                main = None
        if main is not None and (text[a - 1:a] == "(" or lead) and text[b:b + 1] == ")":
            r = _role(main, r["role"])
        key = (r["role"], r["start_char"], r["end_char"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _drop_aliases(found: list[Mention], text: str) -> list[Mention]:
    """A name's bracketed alias (柏克麗(Shelley Berkley), 于大勇 after Dayong Yu) fills no role of
    its own: the name written first does."""
    ends = {m.end for m in found}
    return [m for m in found if not (text[m.start - 1:m.start] == "(" and m.start - 1 in ends
                                     and text[m.end:m.end + 1] == ")")]


def _add_following_list(event: dict, text: str, ctx: Context, index: _Index, v: dict) -> None:
    """計有58案、516人到訪。主要訪團代表為：A、B…: a visit without named visitors takes the
    people of the list that the next sentence introduces (decisions)."""
    if any(r["role"] == "visitor" and r["label"] == "PERSON" for r in event["roles"]):
        return
    m = v["_following_list"].match(text, ctx.end)
    if not m:
        return
    end = text.find("。", m.end())
    end = end if end >= 0 else len(text)
    people = _list_actors(text, m.end(), end, index, v)
    event["roles"] = [r for r in event["roles"] if r["role"] != "visitor"] + [_role(x, "visitor") for x in people]


def _object_of_earlier_verb(text: str, ctx: Context, m: Mention, v: dict) -> bool:
    """陳總統出訪，主要是參加多明尼加總統的就職典禮，…，今年則是參加…: a name written after
    an event verb of its own clause is that verb's object, not a subject later verbs carry
    (but a group led, 率領中華藝校…參加, goes along, and 出訪部分：A is a list heading)."""
    a, _ = _clause(text, ctx, m.start, m.end)
    return any(t.group(0) not in v["led_after"] and ":" not in text[t.end():m.start]
               for t in v["_trigger_re"].finditer(text, a, m.start))


def _object_of_visit(text: str, m: Mention, floor: int, mentions: list[Mention], v: dict) -> bool:
    """Whether a mention is what a visit verb written right before it met (晉見教宗本篤16世)."""
    lead = _strip_all(text, max(floor, m.start - 16), m.start, mentions)
    t = None
    for t in v["_trigger_re"].finditer(lead):
        pass
    return t is not None and t.end() == len(lead) and v["_trigger_type"][t.group(0)] == "VISIT" \
        and t.group(0) not in v["led_after"]


def _listed_after(text: str, te: int, ctx: Context, index: _Index, v: dict) -> list[Mention]:
    """The bodies or people of a 包括 list after a trigger, in its sentence or opening the next one
    (…晉訪馬總統，包括美國「紐約時報」、「時代雜誌」…; …晉訪馬總統，獲刊…。包括美國「彭博電視臺」、…)."""
    lead = v["_list_lead_search"].search(text, te, ctx.end) or v["_next_list"].match(text, ctx.end)
    if not lead:
        return []
    end = text.find("。", lead.end())
    found = index.mentions_in(lead.end(), end if end >= 0 else len(text))
    places = [m for m in found if m.label in v["place_labels"]]
    out: list[Mention] = []
    for m in found:
        if m.label not in ("ORG", "BUREAU", "PERSON"):
            continue
        gap = regex.sub(r"[「」『』\s]|\([^()]*\)", "", _strip_all(text, out[-1].end, m.start, places) if out
                        else _strip_all(text, lead.end(), m.start, places))
        # (英國「經濟學人」雜誌、日本「每日新聞」: a kind word may follow a name)
        if out and not regex.fullmatch(r"\p{Han}{0,2}[" + LIST_MARKS + ",]+", gap) or not out and gap:
            break
        out.append(m)
    return out


def _quoted_delegations(text: str, te: int, cb: int, v: dict) -> list[Mention]:
    """Quoted delegations right after a visit verb: 邀訪及接待「A訪問團」、「B回國訪問團」."""
    pos = v["_delegation_lead"].match(text, te, cb).end()
    out: list[Mention] = []
    for qa, qb in quoted_run(text, pos, cb):
        if not text[qa:qb].endswith("團"):
            break
        out.append(span(text, qa, qb, "ORG"))
    return out


def _body_right_before(text: str, at: int, mentions: list[Mention], breaks: str) -> Mention | None:
    """The body (BUREAU or ORG) written last before ``at``, when no mark of ``breaks`` stands
    between: who invites (外交部協助相關單位邀請…) or receives (本府秘書處…接待) a visit."""
    bodies = [m for m in mentions if m.end <= at and m.label in ("BUREAU", "ORG")]
    if bodies and not regex.search(breaks, text[bodies[-1].end:at]):
        return bodies[-1]
    return None


def _quoted_guests(text: str, te: int, cb: int, mentions: list[Mention], v: dict) -> list[Mention]:
    """The guests a body received (接待「美國三大退協現任總會長…」、…「泰國皇家基金會畢沙迪親王」…等
    各國佳賓), quote by quote up to 等: its people, else its body, else its countries (decisions,
    sixth round)."""
    out: list[Mention] = []
    prev = te
    for q in regex.finditer(r"[「『]([^「」『』]+)[」』]", text[te:cb]):
        qa, qb = te + q.start(1), te + q.end(1)
        if "等" in text[prev:qa - 1]:
            break  # …」等各國佳賓，以及出席「…」: the list has ended
        prev = qb + 1
        inside = [m for m in mentions if qa <= m.start and m.end <= qb]
        people = [m for m in inside if m.label == "PERSON"]
        bodies = [m for m in inside if m.label in ("ORG", "BUREAU")]
        out += people or bodies[-1:] or [m for m in inside if m.label in v["actor_places"]]
    return out


def _strip_all(text: str, a: int, b: int, mentions: list[Mention]) -> str:
    """The text between a and b without the affiliations and titles written in it."""
    return strip_mentions(text, a, b, mentions, ("BUREAU", "ORG", "TITLE", "COUNTRY", "CITY", "LOC"))


def _date_governs(text: str, date: dict, ca: int, cb: int) -> bool:
    """Whether a date belongs to a route's clause ca..cb: written in it, alone in the clause just
    before it (自97年7月4日至99年1月3日，兩岸客運直航…), or the date of a signing before it that
    opened the route."""
    if ca <= date["start_char"] < cb:
        return True
    v = _vocab()
    between = text[date["end_char"]:ca]
    if date["end_char"] <= ca and not regex.search("[。;]", between) and v["_route_opened"].search(text, ca, cb) and any(
            v["_trigger_type"][t.group(0)] == "SIGN" for t in v["_trigger_re"].finditer(between)):
        return True  # 於本年4月26日舉行…，簽署「…空運補充協議」，…並增闢南線直達航路: agreed at a dated signing
    lead = text[max(0, date["start_char"] - 2):date["start_char"]] + text[date["end_char"]:ca]
    return date["end_char"] <= ca and ca - date["end_char"] <= 4 and not v["_date_lead_words"].sub("", lead)


def _in_quotes(text: str, ctx: Context, ts: int, te: int) -> bool:
    """Whether a trigger sits inside 「…」 (a title or a name) within its sentence."""
    opened, closed = text.rfind("「", ctx.start, ts), text.rfind("」", ctx.start, ts)
    return opened > closed and text.find("」", te, ctx.end) >= 0


def _inside_quoted_name(text: str, ctx: Context, m: Mention) -> bool:
    """Whether a mention is part of a longer quoted name (四川 in 「中國大陸四川震災捐款專戶」)."""
    whole = text[m.start - 1:m.start] == "「" and text[m.end:m.end + 1] == "」"
    return not whole and _in_quotes(text, ctx, m.start, m.end)


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
    recipients: list[Mention] = []
    if etype == "DONATE":
        # 提供巴勒斯坦迦薩走廊難民人道援助, 赴納米比亞援助洪災: given to, not given by
        recipients = [m for m in before if m.start >= ca and v["_given_to"].search(text, max(ca, m.start - 3), m.start)]
        recipients = recipients or destination(text, ts, ts, ca, ts, clause, v)
        channel = None
        for channel in v["_channel"].finditer(text, ca, ts):
            pass
        if channel is not None:
            # 澳門特區政府透過澳門紅十字會捐款: the channel receives for the victims, the donor is
            # written before it
            via = [m for m in before if m.start >= channel.end()]
            recipients = recipients or [m for m in via if m.label in ("ORG", "BUREAU")][-1:]
            before = [m for m in before if m.end <= channel.start()]
        before = [m for m in before if m not in recipients and not is_locative_place(text, m, ca, v)
                  and not any(r.start <= m.start < r.end for r in recipients)]

    objects = event_objects(etype, text, ts, te, ca, cb, clause, in_sent, v, ctx.end) if etype in ("HOLD", "ATTEND") else []
    if not is_occurrence(etype, text, (ts, te), (ca, cb), ctx.end, clause, in_sent, objects, v):
        return None
    inner = [m for m in in_sent if ts <= m.start and m.end <= te] if etype == "VISIT" else []
    # 邀請大陸文教專業人士47人來臺: the visitors are named inside the trigger's stretch (邀請北美
    # 地區僑界青年來臺 names none: who is written before it acts as for any visit)
    named = [m for m in inner if m.label == "PERSON"] or \
        [m for m in inner if m.label in v["roles_before"]["VISIT"][1]] or \
        [m for m in inner if m.label in v["actor_places"]]
    if named:
        roles += [_role(m, "visitor") for m in named]
    elif etype in v["roles_before"]:
        role, labels = v["roles_before"][etype]
        # 設置「中國大陸四川震災捐款專戶」，並…捐輸: the words of another thing's quoted name act in nothing
        before = [m for m in before if not _inside_quoted_name(text, ctx, m)]
        # 赴以色列參加, 在臺北舉辦: a place after 赴/在/於 is where, never who
        before = [m for m in before if not is_locative_place(text, m, ctx.start, v, mentions=in_sent)
                  and not (etype != "VISIT" and m.label != "PERSON"
                           and is_locative_place(text, m, ctx.start, v, any_label=True))
                  and not (etype != "VISIT" and v["_inviter"].match(text, m.end))]
        # 假輔仁大學舉辦: a venue; 應布吉納法索政府之邀…參加: who invited, not who went (a VISIT
        # makes the inviter its host below)
        if etype == "VISIT":
            # 會晤義大利參議院議長斯法尼、晉見教宗本篤16世、拜會…: who an earlier verb met is no visitor
            before = [m for m in before if not _object_of_visit(text, m, ctx.start, in_sent, v)]
        in_clause = [m for m in before if m.label in labels and m.start >= ca]
        item_start = text.rfind(";", ctx.start, ts)  # (…採訪馬總統…；協助國片…參加: not across items)
        rest = _remainder(text, ctx, ts, index, v) if etype in v["remainder"]["types"] and not in_clause else []
        if etype == "ATTEND" and not in_clause and not rest and v["_count_actor"].search(text, ca, ts):
            return None  # 近100名國內人士出席, 僑生123人參加: a head count, no one named
        # 洽邀法國、德國…及瑞典等國8位環保記者訪華: the clause's countries before anyone of the sentence
        clause_places = [m for m in before if m.start >= ca and m.label in v["actor_places"]]
        listed_places = _heads(clause_places, text) if etype == "VISIT" and clause_places else []
        cands = collapse_places(in_clause if etype == "SIGN" else
                                 (in_clause or ([] if text[ts:te] in v["clause_roles_only"] or len(listed_places) >= 2
                                                else [m for m in before if m.label in labels
                                                      and m.start > item_start
                                                      and not _object_of_earlier_verb(text, ctx, m, v)])), text)
        if v["_list_after"].match(text, te):
            cands = []  # 日本政要訪臺者包括：A、B…, 來訪政要計有A…: the list after the trigger
        if rest:
            roles += [_role(m, role) for m in rest]
            cands = []
        if etype == "SIGN":
            # the signers of this item of a list (…、審計部林審計長慶隆夫婦訪問多明尼加並簽署…), a
            # person rather than the body or place written just before them (外交部歐前部長)
            item = max(text.rfind(sep, ca, ts) for sep in "、;:") + 1  # (來文機關：A 案由：為B與C簽訂: B and C)
            for t in v["_trigger_re"].finditer(text, item, ts):  # A與B簽署X暨C與D簽署Y: C and D sign Y
                if v["_trigger_type"][t.group(0)] == "SIGN":
                    item = t.end()
            own = [m for m in cands if m.start >= item] or cands
            own = [m for i, m in enumerate(own) if not (
                i + 1 < len(own) and own[i + 1].label == "PERSON"
                and len(_strip_all(text, m.end, own[i + 1].start, in_sent)) <= 1
                and m.label in ("BUREAU", "ORG", "COUNTRY", "CITY"))]  # (貝里斯外長艾林頓: the person)
            roles += [_role(m, role) for m in own
                      if not _is_witness(text, m, ts) and not is_locative_place(text, m, ca, v)]
        elif etype == "HOLD":
            # the organiser is the subject before 舉辦, past a date, a place and 在/於/共同
            # (我駐阿曼代表處與阿曼外貿協會本年4月20日在阿曼共同舉辦; 本市舉辦 names none)
            # (亞東關係協會與日本交流協會「第34屆臺日經濟貿易會議」於…舉行: before the event written first)
            upto = min([ts] + [o.start - (1 if text[o.start - 1:o.start] in QUOTES else 0)
                               for o in objects if o.end <= ts])
            organisers = [m for m in cands if m.start >= ca and m.end <= upto
                          and not is_locative_place(text, m, ca, v, mentions=in_sent)]
            if organisers:
                gap = strip_mentions(text, organisers[-1].end, upto, in_sent)
                for m in in_sent:  # 於98年9月6日至11日假輔仁大學舉辦: past the venue too
                    if organisers[-1].end <= m.start and m.end <= upto and \
                            is_locative_place(text, m, ca, v, any_label=True):
                        gap = gap.replace(m.text, "", 1)
            if organisers and v["_organiser_gap"].fullmatch(gap):
                roles += [_role(m, role) for m in _heads(organisers, text)]
        elif etype == "VISIT" and v["_count_group"].search(text, max([ca] + [m.end for m in in_clause]), ts) and (
                listed := _listed_after(text, te, ctx, index, v)):
            roles += [_role(m, role) for m in listed]  # 安排16家國際媒體晉訪馬總統，包括美國「紐約時報」、…
        elif etype == "VISIT" and (delegations := _quoted_delegations(text, te, cb, v)):
            roles += [_role(m, role) for m in delegations]  # 邀訪及接待「A訪問團」、「B回國訪問團」
        elif etype == "VISIT" and text[ts:te] == v["receiving"] and (guests := _quoted_guests(text, te, cb, in_sent, v)):
            roles += [_role(m, role) for m in guests]  # 接待「…畢沙迪親王」、「…愛新覺羅.毓昊一行」等各國佳賓
        elif cands:
            people = [m for m in cands if m.label == "PERSON"]
            if etype == "VISIT" and not people and is_locative_place(text, cands[-1], ca, v, any_label=True):
                roles.append(_role(cands[-1], "host"))  # 至陸委會拜會: the body visited
            elif etype == "VISIT" and (v["_invited_marker"].search(text[cands[-1].end:ts]) or (
                    v["_inviting"].match(text, ts) and not regex.search(r"[,;:]", text[cands[-1].end:ts]))):
                # (A應邀參加…，期間並參觀: A was invited, so A visits)
                roles.append(_role(cands[-1], "host"))  # 透過中國佛教會的邀請來訪: who invited
                guests = [m for m in cands[:-1] if m.label == "PERSON"]
                if guests and v["_invited_by"].match(text, guests[-1].end, cands[-1].start):
                    # 王主委如玄應布吉納法索政府之邀…訪問布國: who was invited visits
                    roles += [_role(m, role) for m in _heads(guests, text, clause)]
            else:
                places_only = [m for m in clause if m.label in v["place_labels"]]  # 日本「每日新聞」、新加坡「聯合早報」
                heads = _heads(people if etype == "VISIT" and people else cands, text,
                               clause if people else places_only)
                if etype == "VISIT" and people:
                    # 林次長聖忠率「2009年中東貿易訪問團」…訪問: the delegation led goes too
                    heads += [m for m in cands if m.label in ("ORG", "BUREAU") and m.start > heads[-1].end
                              and v["_led_gap"].fullmatch(text, heads[-1].end, m.start)]
                roles += [_role(m, role) for m in heads]
        elif etype == "VISIT" and not v["_list_after"].match(text, te) and (
                actors := [m for m in before if m.start >= ca and m.label in v["actor_places"]]):
            # 布吉納法索、聖多美普林西比及海地等3友邦25名來華: the places stand in for the visitors
            # (after 來臺, only a list of them: 大陸學生來臺交流 is no visit of a state)
            actors = _heads(actors, text)
            if len(actors) >= 2 or text[ts:te] not in v["clause_roles_only"]:
                roles += [_role(m, role) for m in actors]
        else:
            # 日本政要訪華者包括：山本順三、神取忍…: the people listed after the trigger
            lead = v["_list_after"].match(text, te) or v["_list_lead_search"].search(text, te, min(ctx.end, te + 30))
            pool = [m for m in in_sent if m.start >= lead.end()] if lead else \
                [m for m in (clause if etype == "VISIT" else []) if m.start - te > 1  # 晉訪馬總統: the host
                 and not _object_of_visit(text, m, ctx.start, in_sent, v)]
            listed = [m for m in pool if m.start >= te and m.label in labels and (m.label != "CITY" or etype == "DONATE")]
            people = [m for m in listed if m.label == "PERSON"]
            roles += [_role(m, role) for m in (people or _coordinated(listed, text))]
    if etype in v["roles_after"]:
        role, labels = v["roles_after"][etype]
        cands = [m for m in after if m.label in labels]
        if role == "host":
            # the body or person met, written right after the verb: 拜會荷蘭監察使辦公室, 會晤義大利
            # 參議院議長斯法尼 (the person of that run)
            run: list[Mention] = []
            for m in sorted(after, key=lambda m: m.start):
                if m.start - (run[-1].end if run else te) > (0 if run else 1) or "、" in text[te:m.start]:
                    break
                run.append(m)
            people = [m for m in run if m.label == "PERSON"]
            cands = people or [m for m in run if m.label in labels]
            if text[ts:te] in v["led_after"]:
                # 由本府民政局率領中華藝校表演團, 率領「…訪問團」: the group led travels too
                role, cands = "visitor", [m for m in run if m.label in ("ORG", "BUREAU")]
        if role == "event":
            roles += [_role(m, role) for m in objects]
        elif role == "recipient" and recipients:
            roles += [_role(m, role) for m in collapse_places(recipients, text)[-1:]]
        elif role == "recipient":
            # 捐贈海地北部省Borgne市救護車: the receiver written right after the trigger
            # 分別捐贈瓜地馬拉、宏都拉斯及貝里斯等3友邦, 資助來自宏都拉斯、多明尼加…等7國海外貧童: all of them
            pos = v["_recipient_lead"].match(text, te, cb).end()
            run = place_run(text, pos, clause, v) or [m for m in cands if m.start - te <= 1][:1]
            roles += [_role(m, role) for m in run]
        elif cands:
            roles.append(_role(cands[0], role))
    if etype == "VISIT" and not any(r["role"] == "host" for r in roles) and "邀" in text[ca:te]:
        # 本期外交部協助相關單位邀請A來訪…；邀請B一行來訪: who invites hosts every visit it invites to
        first = v["_inviting"].search(text, ctx.start, te)
        host = _body_right_before(text, first.start(), in_sent, "[,;。:、」]") if first else None
        if host and first.start() - host.end <= v["inviter_gap"] and not any(r["start_char"] == host.start for r in roles):
            roles.append(_role(host, "host"))
    if etype == "VISIT" and not any(r["role"] == "host" for r in roles):
        # 本府秘書處…業辦理訪賓接待業務，計有58案、516人到訪: who receives the visitors hosts them
        took = text.rfind(v["receiving"], ctx.start, ts)
        host = _body_right_before(text, took, in_sent, "[,;。:、]") if took >= 0 else None
        if host:
            roles[:] = [r for r in roles if r["start_char"] != host.start]  # the receiver is no visitor
            roles.append(_role(host, "host"))
    if etype == "SIGN":
        roles += [_role(m, "agreement") for m in _named_in_heading(
            agreements(text, te, cb, clause, v) or _signed_before(text, ca, ts, v), text, ctx, heading, v)]
        if not any(r["role"] == "party" for r in roles) and all(
                v["_agreement_lead"].sub("", r["canonical"] or "") in v["bare_agreements"]
                for r in roles if r["role"] == "agreement"):
            return None  # 除已簽訂協議之落實執行外: no signer and no named agreement
        wit = v["_witness_word"].search(text[ctx.start:ts])
        if wit:
            people = [m for m in before if m.label == "PERSON" and m.end <= ctx.start + wit.start()]
            if people:
                roles.append(_role(people[-1], "witness"))
    # the place is where the event happens: 赴X…, 在X舉行, else the places right after the trigger
    places = [m for m in destination(text, ts, te, ca, cb, clause, v) if not _inside_role(m, roles)]
    if not places and etype in ("VISIT", "ATTEND") and (then := v["_next_clause"].match(text, cb)):
        places = place_run(text, then.end(), in_sent, v)  # 本席兩度率團出國，分別赴美國及土耳其
    status = None
    if etype == "SISTER_CITY":
        # the cities listed right before the trigger (普茲茅斯(Portsmouth)、普利茅斯(Plymouth)或南安普頓
        # …中擇一建立友好交流關係), else the sentence's first two, else the heading's
        near = _listed_before(_drop_aliases([m for m in clause if m.label == "CITY" and m.end <= ts], text), text)
        cities = (near if len(near) >= 2 else []) or [m for m in in_sent if m.label == "CITY"][:2] or \
            [m for m in heading if m.label == "CITY"][:2]
        roles += [_role(m, "city") for m in cities]
        status = _status(text[ctx.start:ctx.end], v)
    elif etype == "ROUTE":
        # the route's ends: the places of its clause nearest the trigger (臺北－巴黎航線,
        # 松山機場與羽田機場間…班機; a list of lines is all opened: 木柵線、淡水線…及板橋土城線已…通車),
        # after it only where it goes (包機飛到基輔, 通車至輔大站; not 直航會讓更多台灣人失業), else the
        # places of its sentence, else of its heading
        before_route = [m for m in clause if m.label in v["place_labels"] and m.end <= ts]
        listed = _listed_before(before_route, text) if before_route else []
        ends = (listed if len(listed) > 2 else before_route[-2:]) or \
            [m for m in clause if m.label in v["place_labels"] and m.start >= te
             and v["_route_after"].search(strip_mentions(text, te, m.start, clause))][:2]
        pool = ends or [m for m in in_sent if m.label in v["place_labels"] and m.end <= ts][-1:] or \
            [m for m in heading if m.label in v["place_labels"]][:2]
        roles += [_role(m, "place") for m in collapse_places(pool, text)]  # 日本熊本地區…航班: 熊本
    if not roles and heading and text[ts:te] not in v["clause_roles_only"] and etype in v["roles_before"]:
        # a list item's body without names: take the actor from its heading (a route or a
        # sister-city tie has no actor role)
        role_name, labels = v["roles_before"][etype]
        cands = [m for m in heading if m.label in labels]
        if cands:
            roles.append(_role(cands[0], role_name))
    if etype in v["self_reference"]["types"]:
        _add_speaker(etype, text, ts, ctx, ca, roles, index, v)
    date = _date_for(ts, ctx, index, (ca, cb), text)
    if etype == "ROUTE" and date is not None and not _date_governs(text, date, ca, cb):
        date = None  # 臺北－巴黎航線前因…爰自96年11月片面停飛: a route's date is written with it
    if not told_as_done(etype, text, (ts, te), (ca, cb), date is not None and ca <= date["start_char"] < cb, v) \
            and index.spoken:
        return None  # 兩岸簽署ECFA是勢在必行: argued about, not done
    gone = etype in ("VISIT", "ATTEND") and any(v["_locative"].search(text, max(ca, m.start - 2), m.start)
                                              and m.end <= ts for m in places) or \
        text[ts:te] == v["place_triggers"].get(etype) and any(m.start == te for m in places)  # …訪印尼
    if not roles and not gone and not (etype == "ROUTE" and date is not None and _date_governs(text, date, ca, cb)):
        return None  # a route with its date in its clause (自98年7月29日起實施…直達航路)
    place = None
    if etype not in {"SISTER_CITY", "ROUTE"}:
        for m in places:
            roles.append(_role(m, "place"))
        if places:
            place = places[-1].canonical
    if etype == "DONATE" and not any(r["role"] == "cause" for r in roles):
        # what the gift is for: a plan named in the sentence (「竹屋計畫」), else the event written
        # before the trigger nearest to it (103年8月1日本市發生石化氣爆事件…捐款; 對日本311大地震踴躍
        # 捐款), else after it, else the event named in a heading above (因應八八水災…: １、…捐款)
        semi = text.find(";", te, ctx.end)
        item = (text.rfind(";", ctx.start, ts), semi if semi >= 0 else ctx.end)
        plans = [m for m in in_sent if m.label == "PROGRAM" and not _inside_role(m, roles)
                 and item[0] < m.start < item[1]]  # (not another item's plan: A贊助…於X計畫；B集資…於Y計畫)
        events = [m for m in in_sent if m.label == "EVENT"]
        above = [m for a, b in ctx.outline for m in index.mentions_in(a, b) if m.label == "EVENT"]
        causes = sorted(plans, key=lambda m: abs(m.start - ts))[:1] or [m for m in events if m.end <= ts][-1:] or \
            [m for m in events if m.start >= te][:1] or above[:1]
        roles += [_role(m, "cause") for m in causes]
    if date is not None:
        roles.append({"role": "date", "start_char": date["start_char"], "end_char": date["end_char"],
                      "label": "DATE", "canonical": date.get("start")})
    roles = _main_names(roles, in_sent, text)
    return {
        "type": etype, "trigger": text[ts:te], "trigger_start": ts, "trigger_end": te,
        "start_char": ctx.start, "end_char": ctx.end, "status": status, "place": place,
        "date_start": date.get("start") if date else None, "date_end": date.get("end") if date else None,
        "roles": roles,
    }


def _speaker(pos: int, index: "_Index") -> Mention | None:
    """The person named in the label of the transcript turn that pos is in, if any."""
    i = bisect_left(index.turn_starts, pos) - 1
    if i < 0:
        return None
    people = [m for m in index.mentions_in(*index.turns[i]) if m.label == "PERSON"]
    return people[0] if people else None


def _add_speaker(etype: str, text: str, ts: int, ctx: Context, ca: int, roles: list[dict],
                 index: "_Index", v: dict) -> None:
    """本人此次來訪, 此次訪華期間, 本人即將…與陳總統閣下簽署: the speaker is the actor. A place
    standing in for the actor after 本人 (本人今天率領薩國…代表出訪) gives way to the speaker; a
    SIGN keeps its other party."""
    if not index.turns:
        return
    me = None
    for found in v["_self"].finditer(text, ctx.start, ts):
        me = found
    if me is not None:
        # 本人…，這是第一位由薩國總統率領…訪問外國: someone else is named between, so not the speaker
        taken = {r["start_char"] for r in roles}  # 本人…與陳總統閣下簽署: the partner is no new subject
        between = [m for m in index.mentions_in(me.end(), ts) if m.start not in taken]
        if any(m.label == "PERSON" or (me.start() < ca and m.label != "DATE") for m in between):
            me = None
    if me is None and not v["_self_lead"].fullmatch(text, ca, ts):
        return
    who = _speaker(ts, index)
    if who is None:
        return
    role = v["roles_before"][etype][0]
    actors = [r for r in roles if r["role"] == role]
    if me is not None and actors and v["_companion"].fullmatch(text, me.end(), min(r["start_char"] for r in actors)):
        pass  # 本席陪同王院長赴歐洲訪問: the speaker goes along
    elif me is not None and actors and etype != "SIGN":
        # 自從馬總統上任之後，本席兩度率團: the self-reference is the nearer subject
        if not all(r["start_char"] < me.start() or (r["label"] in v["actor_places"] and r["start_char"] > me.start())
                   for r in actors):
            return
        roles[:] = [r for r in roles if r not in actors]
    elif actors and etype != "SIGN":
        return
    if not any(r["start_char"] == who.start for r in roles):
        roles.insert(0, _role(who, role))


def _heads(cands: list[Mention], text: str, context: list[Mention] | None = None) -> list[Mention]:
    """The role fillers before a trigger: the nearest one and those coordinated with it
    (A、B及C參加), also across the affiliations and titles written with each one
    (中國國民黨主席吳伯雄、民主進步黨主席蔡英文…等訪問越南) when the sentence's mentions are given,
    and the one who leads or formed the group (A率B, A籌組「B」)."""
    out = [cands[-1]]
    led = _vocab()["_led_gap"]
    for m in reversed(cands[:-1]):
        gap = _strip_all(text, m.end, out[-1].start, context) if context else text[m.end:out[-1].start]
        gap = _vocab()["_list_filler"].sub("", regex.sub(r"[「」『』]", "", gap))
        if gap and all(ch in LIST_MARKS + ", " for ch in gap) and any(ch in LIST_MARKS + "," for ch in gap):
            out.append(m)
        elif _vocab()["_companion"].fullmatch(gap):
            out.append(m)  # 賴院長英照以特使身分偕外交部侯次長清山等一行赴…參加: both go
        elif led.fullmatch(text, m.end, out[-1].start):
            out.append(m)  # A率國光劇團赴俄羅斯參加, A於98年11月籌組「…訪問團」赴…訪問: who leads goes too
        else:
            break
    return list(reversed(out))


def _coordinated(cands: list[Mention], text: str) -> list[Mention]:
    """The first candidate and those coordinated after it (包括八王子市、熊本縣及熊本市)."""
    out = cands[:1]
    for m in cands[1:]:
        gap = text[out[-1].end:m.start]
        if gap and all(ch in LIST_MARKS + "," for ch in gap):
            out.append(m)
        else:
            break
    return out


def _listed_before(cands: list[Mention], text: str) -> list[Mention]:
    """The last candidates written as one list (、, 及, 或, with bracketed aliases between)."""
    out = cands[-1:]
    for m in reversed(cands[:-1]):
        gap = regex.sub(r"\([^()]*\)|\s", "", text[m.end:out[0].start])
        if gap and all(ch in LIST_MARKS + "或," for ch in gap):
            out.insert(0, m)
        else:
            break
    return out


def _inside_role(m: Mention, roles: list[dict]) -> bool:
    return any(r["start_char"] <= m.start and m.end <= r["end_char"] for r in roles)


def _is_witness(text: str, m: Mention, ts: int) -> bool:
    return bool(_vocab()["_witness_word"].search(text, m.end, min(m.end + 6, ts)))


def _status(sentence: str, v: dict) -> str:
    for status in ("established", "negotiating", "planned"):
        if any(w in sentence for w in v["status"][status]):
            return status
    return "established"


def _date_for(ts: int, ctx: Context, index: _Index, clause: tuple[int, int], text: str) -> dict | None:
    """The date of the trigger's clause (nearest before it, else after), else of its sentence,
    else of its heading; in a list (A赴X參加…、B訪Y…；C…) only a date of the trigger's own item."""
    def own(d: dict) -> bool:
        """Not a date of another item: no ； and no 、 with another trigger between."""
        if d["start_char"] >= ts and (_vocab()["_deadline_before"].search(text[max(0, d["start_char"] - 2):d["start_char"]])
                                     or _vocab()["_deadline_after"].match(text[d["end_char"]:d["end_char"] + 3])):
            return False  # 簽訂之「…契約」，增訂代庫期限至109年6月30日止: a deadline, not the event's date
        if _vocab()["_effective"].match(text[d["end_char"]:d["end_char"] + 4]):
            # 簽訂的FTA…自今年元月一日生效: when it took effect, not when it was signed (自98年7月29日
            # 起實施…直達航路 is a route's own start, so 實施 stays)
            return False
        g0 = d["end_char"] if d["end_char"] <= ts else ts
        gap = text[g0:ts] if d["end_char"] <= ts else text[ts:d["start_char"]]
        if ";" in gap:
            return False
        for t in _vocab()["_trigger_re"].finditer(gap):
            rest = gap[t.end():].split(",")[0]
            for sep in regex.finditer("、", rest):
                # A赴X參加E、B訪Y: another item's verb, then the list goes on with someone else
                # (訪問義大利、教廷…，會晤…: a list of places is no new item)
                a = g0 + t.end() + sep.end()
                if _vocab()["_trigger_re"].match(text, a):
                    continue  # 會晤…、晉見…、拜會: the same one's next verb
                nxt = index.mentions_in(a, a + 40)[:1]
                if not nxt or nxt[0].label not in ("CITY", "COUNTRY", "LOC"):
                    return False
        return True

    in_clause = [d for d in index.dates_in(*clause) if d.get("valid", True) and own(d)]
    before = [d for d in in_clause if d["end_char"] <= ts]
    if before or in_clause:
        return (before or in_clause)[-1 if before else 0]
    in_sent = [d for d in index.dates_in(ctx.start, ctx.end) if d.get("valid", True) and own(d)]
    before = [d for d in in_sent if d["end_char"] <= ts]
    if before:
        return before[-1]
    if in_sent:
        return in_sent[0]
    if ctx.heading and ctx.dated_heading:
        head = index.dates_in(*ctx.heading)
        if head:
            return head[0]
    return None
