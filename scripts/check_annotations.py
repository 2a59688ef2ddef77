"""Validate the gold annotations in annotations/ against the documents they describe.

Usage: python scripts/check_annotations.py [FILE.json ...]
Exit status 1 when any file has a problem; every problem is printed on stderr.
"""
from __future__ import annotations

import hashlib
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_REPORTS = ROOT.parent / "shared" / "data" / "reports"
LABELS = {"COUNTRY", "CITY", "LOC", "PERSON", "TITLE", "BUREAU", "ORG", "EVENT", "PROGRAM", "DATE"}
EVENT_TYPES = {"VISIT", "ATTEND", "HOLD", "SIGN", "SISTER_CITY", "DONATE", "ROUTE"}
GRANULARITIES = {"day", "month", "quarter", "half", "year"}
STRIP = set("「」『』（）()《》〈〉\"'“”‘’ \t\r\n　、，。：；")


def document_path(ann: dict) -> Path:
    base = ROOT / "corpora" if ann["source"] == "corpora" else SHARED_REPORTS
    return base / ann["file"]


def check(path: Path) -> list[str]:
    problems: list[str] = []
    ann = json.loads(path.read_text(encoding="utf-8"))
    doc = document_path(ann)
    if not doc.exists():
        return [f"{path.name}: document {doc} not found (skipped)"] if ann["source"] == "shared" else [
            f"{path.name}: document {doc} not found"]
    raw = doc.read_bytes()
    if hashlib.sha256(raw).hexdigest() != ann["sha256"]:
        problems.append(f"{path.name}: sha256 does not match {doc.name}")
    text = raw.decode("utf-8-sig")

    def span_ok(where: str, s: dict) -> None:
        if not (0 <= s["start"] < s["end"] <= len(text)):
            problems.append(f"{path.name}: {where} bad offsets {s['start']}-{s['end']}")
        elif text[s["start"]:s["end"]] != s["text"]:
            problems.append(f"{path.name}: {where} text {s['text']!r} != document "
                            f"{text[s['start']:s['end']]!r} at {s['start']}")
        elif s["text"][0] in STRIP or s["text"][-1] in STRIP:
            problems.append(f"{path.name}: {where} {s['text']!r} includes punctuation or space at an edge")

    spans = sorted(ann.get("spans", []), key=lambda s: (s["start"], s["end"]))
    for i, s in enumerate(spans):
        where = f"span {s.get('text')!r}@{s.get('start')}"
        if s.get("label") not in LABELS:
            problems.append(f"{path.name}: {where} unknown label {s.get('label')!r}")
        span_ok(where, s)
        if i and spans[i - 1]["end"] > s["start"]:
            problems.append(f"{path.name}: {where} overlaps {spans[i - 1]['text']!r}@{spans[i - 1]['start']}")
        if s.get("label") == "DATE":
            v = s.get("value")
            if not isinstance(v, dict):
                problems.append(f"{path.name}: {where} DATE without value")
                continue
            if v.get("valid", True):
                try:
                    a, b = date.fromisoformat(v["start"]), date.fromisoformat(v["end"])
                    if a > b:
                        problems.append(f"{path.name}: {where} start after end")
                except (TypeError, ValueError, KeyError):
                    problems.append(f"{path.name}: {where} bad ISO dates {v}")
            if v.get("granularity") not in GRANULARITIES:
                problems.append(f"{path.name}: {where} bad granularity {v.get('granularity')!r}")
            if v.get("calendar") not in {"roc", "gregorian"}:
                problems.append(f"{path.name}: {where} bad calendar {v.get('calendar')!r}")
            if not isinstance(v.get("inferred"), bool):
                problems.append(f"{path.name}: {where} inferred must be true/false")
    for o in ann.get("officials", []):
        where = f"official {o.get('person')!r}/{o.get('title')!r}"
        span_ok(where, {**o, "text": text[o["start"]:o["end"]]} if "text" not in o else o)
        if not o.get("title"):
            problems.append(f"{path.name}: {where} without title")
    for e in ann.get("events", []):
        where = f"event {e.get('type')}@{e.get('trigger', {}).get('start')}"
        if e.get("type") not in EVENT_TYPES:
            problems.append(f"{path.name}: {where} unknown type")
        span_ok(where + " trigger", e["trigger"])
        for r in e.get("roles", []):
            span_ok(f"{where} role {r.get('role')}", r)
    return problems


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "annotations").glob("*.json"))
    problems = [p for f in files for p in check(f)]
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(files)} annotation files, {len(problems)} problems")
    return 1 if any("skipped" not in p for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
