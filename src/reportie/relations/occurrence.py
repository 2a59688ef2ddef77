"""Whether a trigger word tells of an occurrence an analyst would put in a table row, or of
something else: an aim or plan (爭取參與), a supposition or a question (如果政府簽署ECFA,
何時可以直航), a kind of activity (辦理10場巡迴講座), a noun built on the word (參訪名額), a
head count (參加…學員計有).

One predicate over the normalised text, the trigger's clause and the vocabulary
(data/relations.json "events"), so that events.py only builds the events that pass it.
"""
from __future__ import annotations

from .event_objects import QUOTES
from .officials import Mention


def is_occurrence(etype: str, text: str, trigger: tuple[int, int], clause_span: tuple[int, int],
                  sentence_end: int, clause: list[Mention], sentence: list[Mention],
                  objects: list[Mention], v: dict) -> bool:
    """False when the trigger at ``trigger`` names no occurrence (see the module docstring);
    ``objects`` are what a HOLD or ATTEND is about (event_objects)."""
    ts, te = trigger
    ca, cb = clause_span
    word = text[ts:te]
    if etype in v["_generic_after"] and v["_generic_after"][etype].match(text, te, cb):
        return False  # 參加僑委會舉辦之各項研習班, 參加重要國際會議及活動: a kind, not an occurrence
    if etype in ("HOLD", "ATTEND"):
        needs = v["event_object"]["needs_object"].get(etype, [])
        if not objects and (needs == "*" or word in needs):
            return False
        if objects and text[objects[0].start - 1] not in QUOTES and (
                v["_many_before"].match(text, te, objects[0].end) or v["_many_after"].match(text, objects[-1].end, cb)):
            return False  # 辦理10場巡迴講座, 辦理慶祝雙十國慶活動220餘場次: a kind held many times
    if v["_count_noun_after"].match(text, te, cb):
        return False  # 本期參加研習參訪活動學員計有…: a head count of participants
    if any(text.startswith(w, te) for w in v["not_events_after"] + v["not_events_after_trigger"].get(word, [])):
        return False
    if etype in v["modal_before"]["types"] and (v["_modal"].search(text, max(ca, ts - 6), ts)
                                                or v["_modal_clause"].match(text, max(ca, text.rfind(":", ca, ts) + 1), ts)):
        return False  # 爭取參與, 積極參與, 必須簽訂, 鼓勵海外華裔青年來臺…: an aim, not an occurrence
    if v["_conditional"].search(text, ca, ts) or _asked(text, ca, ts, te, cb, v):
        return False  # 如果政府簽署ECFA, 何時可以直航, 有無建立參訪機制？: supposed or asked about
    if etype in v["modal_before"]["used_before"]["types"] and v["_used_before"].search(text, ca, ts):
        return False  # 運用民間捐款, 經收捐款: money used or received, not a gift
    if etype in v["modal_before"]["generic_party"]["types"] and v["_generic_party"].search(text, ca, ts):
        return False  # 與各國簽訂自由貿易協定更將是…重點: a policy towards countries in general
    if word in v["needs_destination"] and not (
            any(m.label in v["place_labels"] and m.start >= te for m in sentence) or "赴" in text[te:sentence_end]):
        return False  # 率領行政團隊力抗金融海嘯: leading, not travelling
    if word in v["needs_place_before"] and not any(
            m.label in v["place_labels"] and m.end <= ts for m in clause) and not v["_abbreviated_destination"].search(text, ca, ts):
        return False  # 業務考察, 市政考察: a noun; 赴澳洲考察, 赴英考察: a visit
    return True


def _asked(text: str, ca: int, ts: int, te: int, cb: int, v: dict) -> bool:
    """Whether the trigger's clause asks about it: a strong question word before it, or a weak
    one and a closing ?; numbered items ((1), 11、) bound the clause."""
    for m in v["_question_item"].finditer(text, ca, ts):
        ca = m.end()
    nxt = v["_question_item"].search(text, te, cb)
    end = nxt.start() if nxt else cb
    if v["_question_strong"].search(text, ca, ts):
        return True
    asks = text.startswith("?", end) or text[ca:end].rstrip().endswith("?")
    return asks and bool(v["_question_weak"].search(text, ca, end))


def told_as_done(etype: str, text: str, trigger: tuple[int, int], clause_span: tuple[int, int],
                 dated: bool, v: dict) -> bool:
    """In a transcript, whether an event of the ``spoken`` types (signings, routes) is told as
    done: a date in its clause (``dated``), a word of completion in the clause, or 的 right
    after the trigger; other types always pass."""
    if etype not in v["spoken"]["types"] or dated:
        return True
    ca, cb = clause_span
    return text.startswith("的", trigger[1]) or bool(v["_spoken_done"].search(text, ca, cb))
