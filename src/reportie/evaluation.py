"""Scoring reportie's tables against gold annotations (annotations/*.json).

Spans match exactly on (start, end, label) in original-text offsets; a DATE value is
right when start, end and granularity all match; officials match as (person, title,
affiliation) sets per document; events match on type and an overlapping trigger, their
roles on (role, exact span).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from .annotations import Gold
from .scoring import PRF

@dataclass
class Scores:
    dates: PRF = field(default_factory=PRF)
    date_values: Counter = field(default_factory=Counter)
    labels: dict = field(default_factory=lambda: defaultdict(PRF))
    micro: PRF = field(default_factory=PRF)
    officials: PRF = field(default_factory=PRF)
    events: PRF = field(default_factory=PRF)
    roles: PRF = field(default_factory=PRF)
    errors: dict = field(default_factory=lambda: defaultdict(list))

    def value_accuracy(self) -> float:
        n = self.date_values["right"] + self.date_values["wrong"]
        return self.date_values["right"] / n if n else 0.0


def _norm(s: str | None) -> str:
    return "".join((s or "").split())


def score(golds: list[Gold], tables: dict[str, pd.DataFrame]) -> Scores:
    s = Scores()
    for g in golds:
        doc = g.doc_id
        ents = tables["entities"][tables["entities"]["doc_id"] == doc]
        dates = tables["dates"][tables["dates"]["doc_id"] == doc]
        if "dates" in g.layers:
            gold = {(x["start"], x["end"]): x for x in g.spans if x["label"] == "DATE"}
            pred = {(int(r.start), int(r.end)): r for r in dates.itertuples()}
            s.dates.add(set(gold), set(pred))
            for k in set(gold) - set(pred):
                s.errors["date_missed"].append((doc, gold[k]["text"], k))
            for k in set(pred) - set(gold):
                s.errors["date_spurious"].append((doc, pred[k].text, k))
            for k in set(gold) & set(pred):
                gv, r = gold[k]["value"], pred[k]
                ok = (gv.get("start") == (r.start_date if pd.notna(r.start_date) else None)
                      and gv.get("end") == (r.end_date if pd.notna(r.end_date) else None)
                      and gv.get("granularity") == r.granularity)
                s.date_values["right" if ok else "wrong"] += 1
                if not ok:
                    s.errors["date_value"].append((doc, r.text, gv, (r.start_date, r.end_date, r.granularity)))
        if "entities" in g.layers:
            gold = {(x["start"], x["end"], x["label"]) for x in g.spans if x["label"] != "DATE"}
            pred = {(int(r.start), int(r.end), r.label) for r in ents.itertuples() if r.label != "DATE"}
            s.micro.add(gold, pred)
            for label in {k[2] for k in gold | pred}:
                s.labels[label].add({k for k in gold if k[2] == label}, {k for k in pred if k[2] == label})
            text = g.path.read_text(encoding="utf-8-sig")
            for k in sorted(gold - pred):
                s.errors["entity_missed"].append((doc, text[k[0]:k[1]], k[2], k[0]))
            for k in sorted(pred - gold):
                s.errors["entity_spurious"].append((doc, text[k[0]:k[1]], k[2], k[0]))
        if "officials" in g.layers:
            offs = tables["officials"][tables["officials"]["doc_id"] == doc]
            gold = {(_norm(o["person"]), _norm(o["title"]), _norm(o["affiliation"])) for o in g.officials}
            pred = {(_norm(r.person), _norm(r.title), _norm(r.affiliation)) for r in offs.itertuples()}
            s.officials.add(gold, pred)
            s.errors["official_missed"] += [(doc, k) for k in sorted(gold - pred)]
            s.errors["official_spurious"] += [(doc, k) for k in sorted(pred - gold)]
        if "events" in g.layers:
            evs = tables["events"][tables["events"]["doc_id"] == doc]
            roles = tables["event_roles"][tables["event_roles"]["doc_id"] == doc]
            _score_events(s, doc, g.events, evs, roles)
    return s


def _score_events(s: Scores, doc: str, gold_events: list[dict], evs: pd.DataFrame, roles: pd.DataFrame) -> None:
    """Events match on type and overlapping trigger offsets."""
    matched: dict[int, str] = {}
    used = set()
    for gi, ge in enumerate(gold_events):
        t = ge["trigger"]
        for r in evs.itertuples():
            if r.event_id in used or r.type != ge["type"]:
                continue
            if int(r.trigger_start) < t["end"] and t["start"] < int(r.trigger_end):
                matched[gi] = r.event_id
                used.add(r.event_id)
                break
    s.events.tp += len(matched)
    s.events.fn += len(gold_events) - len(matched)
    s.events.fp += len(evs) - len(used)
    for gi, ge in enumerate(gold_events):
        gold_text = {(r["role"], r["start"], r["end"]): r["text"] for r in ge.get("roles", [])}
        gold_roles = set(gold_text)
        where = (doc, ge["type"], ge["trigger"]["text"], ge["trigger"]["start"])
        if gi not in matched:
            s.roles.add(gold_roles, set())
            s.errors["event_missed"].append(where)
            continue
        pr = roles[roles["event_id"] == matched[gi]]
        pred_text = {(r.role, int(r.start), int(r.end)): r.text for r in pr.itertuples()}
        pred_roles = set(pred_text)
        s.roles.add(gold_roles, pred_roles)
        s.errors["role_missed"] += [where + (k[0], gold_text[k]) for k in sorted(gold_roles - pred_roles)]
        s.errors["role_spurious"] += [where + (k[0], pred_text[k]) for k in sorted(pred_roles - gold_roles)]
    for r in evs.itertuples():
        if r.event_id not in used:
            s.errors["event_spurious"].append((doc, r.type, r.trigger, int(r.start)))
    unmatched_pred = set(evs["event_id"]) - used
    s.roles.fp += int(roles["event_id"].isin(unmatched_pred).sum())


# --- running an evaluation ------------------------------------------------------------------

def evaluate(nlp, golds: list[Gold], reference_dates: dict | None = None) -> Scores:
    """Process the gold documents with ``nlp`` and score the tables against the gold.

    ``reference_dates`` (file name → date) plays the user's ``--reference-date`` per document.
    """
    from .pipeline import process

    return score(golds, process([g.path for g in golds], nlp=nlp, reference_dates=reference_dates).tables)


def markdown_table(rows: dict[str, dict]) -> str:
    lines = ["| | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for name, r in rows.items():
        lines.append(f"| {name} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['tp']} | {r['fp']} | {r['fn']} |")
    return "\n".join(lines)


def format_scores(s: Scores, n_errors: int = 0) -> str:
    """The scores as markdown: dates, entities per label and micro, relations; optional errors."""
    n = s.date_values["right"] + s.date_values["wrong"]
    out = ["### Dates", "", markdown_table({"DATE spans": s.dates.row()}), "",
           f"value accuracy (start, end, granularity) on matched spans: {s.value_accuracy():.3f} "
           f"({s.date_values['right']}/{n})", "", "### Entities", ""]
    rows = {label: s.labels[label].row() for label in sorted(s.labels)}
    rows["micro"] = s.micro.row()
    out += [markdown_table(rows), "", "### Relations", "",
            markdown_table({"officials": s.officials.row(), "events": s.events.row(), "roles": s.roles.row()})]
    for kind, errs in (s.errors.items() if n_errors else ()):
        out += ["", f"#### {kind} ({len(errs)})"] + [f"   {e}" for e in errs[:n_errors]]
    return "\n".join(out)


def scores_dict(s: Scores) -> dict:
    rows = {label: s.labels[label].row() for label in sorted(s.labels)}
    rows["micro"] = s.micro.row()
    return {"dates": s.dates.row(), "date_value_accuracy": s.value_accuracy(), "entities": rows,
            "officials": s.officials.row(), "events": s.events.row(), "roles": s.roles.row()}


# --- word segmentation ----------------------------------------------------------------------

def word_spans(words: list[str]) -> list[tuple[int, int]]:
    """Spans of words over their text with all whitespace removed, so that a test line with
    spaces in it lines up with its gold words."""
    spans, p = [], 0
    for w in words:
        n = len("".join(w.split()))
        if n:
            spans.append((p, p + n))
            p += n
    return spans


def word_f1(data: list[tuple[str, list[str]]], segment) -> float:
    """Word F1 of ``segment(text) -> words`` on (text, gold words) pairs."""
    prf = PRF()
    for text, gold in data:
        prf.add(set(word_spans(gold)), set(word_spans(segment(text))))
    return prf.f
