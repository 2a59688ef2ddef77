"""Gold annotations (annotations/*.json): reading, validating, writing, and merging the
verdicts a reviewer wrote into entities.csv / events.csv.

A document is referred to by file name and SHA-256, never copied (see annotations/README.md).
Nothing is ever silently overwritten: a verdict that disagrees with existing gold is a
conflict, reported and skipped; a file with any error changes nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatch
from pathlib import Path

from .loading import read_table

LABELS = ("COUNTRY", "CITY", "LOC", "PERSON", "TITLE", "BUREAU", "ORG", "EVENT", "PROGRAM", "DATE")
EVENT_TYPES = ("VISIT", "ATTEND", "HOLD", "SIGN", "SISTER_CITY", "DONATE", "ROUTE")
LAYERS = ("dates", "entities", "officials", "events")
GRANULARITIES = {"day", "month", "quarter", "half", "year"}
_EDGE = set("「」『』（）()《》〈〉\"'“”‘’ \t\r\n　、，。：；")


# --- locating documents --------------------------------------------------------------------

def default_dir() -> Path:
    """``./annotations`` when run from a checkout, else the checkout's annotations/."""
    here = Path("annotations")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "annotations"


def document_path(ann: dict, directory: Path) -> Path:
    """Where the annotated document lives: corpora/ or ../shared/data/reports next to the
    checkout, or the path recorded for a user's own document."""
    root = directory.resolve().parent
    if ann["source"] == "corpora":
        return root / "corpora" / ann["file"]
    if ann["source"] == "shared":
        return root.parent / "shared" / "data" / "reports" / ann["file"]
    return Path(ann["file"])


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- reading and validating ----------------------------------------------------------------

@dataclass
class Gold:
    """One annotated document whose text is present and unchanged."""

    file: str
    path: Path
    split: str
    layers: list[str]
    spans: list[dict]
    officials: list[dict]
    events: list[dict]

    @property
    def doc_id(self) -> str:
        return Path(self.file).stem


def load_gold(directory: Path | None = None, split: str | None = None,
              docs: Sequence[str] | None = None) -> list[Gold]:
    """Annotated documents whose text is present and unchanged (checksum); only those of
    ``split`` and, given ``docs``, those whose file stem matches one of its fnmatch patterns."""
    directory = directory or default_dir()
    out = []
    for f in sorted(directory.glob("*.json")):
        if docs and not any(fnmatch(f.stem, pattern) for pattern in docs):
            continue
        a = json.loads(f.read_text(encoding="utf-8"))
        path = document_path(a, directory)
        if not path.exists() or sha256(path) != a["sha256"]:
            continue
        if split and a.get("split") != split:
            continue
        out.append(Gold(a["file"], path, a.get("split", "train"), a.get("layers", []), a.get("spans", []),
                        a.get("officials", []), a.get("events", [])))
    return out


def validate(ann: dict, text: str) -> list[str]:
    """Problems of one annotation against its document text (empty when valid)."""
    problems: list[str] = []

    def span_ok(where: str, s: dict) -> None:
        if not (0 <= s["start"] < s["end"] <= len(text)):
            problems.append(f"{where}: bad offsets {s['start']}-{s['end']}")
        elif text[s["start"]:s["end"]] != s["text"]:
            problems.append(f"{where}: text {s['text']!r} != document {text[s['start']:s['end']]!r} at {s['start']}")
        elif s["text"][0] in _EDGE or s["text"][-1] in _EDGE:
            problems.append(f"{where}: {s['text']!r} includes punctuation or space at an edge")

    spans = sorted(ann.get("spans", []), key=lambda s: (s["start"], s["end"]))
    for i, s in enumerate(spans):
        where = f"span {s.get('text')!r}@{s.get('start')}"
        if s.get("label") not in LABELS:
            problems.append(f"{where}: unknown label {s.get('label')!r}")
        span_ok(where, s)
        if i and spans[i - 1]["end"] > s["start"]:
            problems.append(f"{where}: overlaps {spans[i - 1]['text']!r}@{spans[i - 1]['start']}")
        if s.get("label") == "DATE":
            problems += [f"{where}: {p}" for p in _date_problems(s.get("value"))]
    for o in ann.get("officials", []):
        span_ok(f"official {o.get('person')!r}/{o.get('title')!r}", {**o, "text": o.get("text", text[o["start"]:o["end"]])})
        if not o.get("title"):
            problems.append(f"official {o.get('person')!r}: no title")
    for e in ann.get("events", []):
        where = f"event {e.get('type')}@{e.get('trigger', {}).get('start')}"
        if e.get("type") not in EVENT_TYPES:
            problems.append(f"{where}: unknown type")
        span_ok(where + " trigger", e["trigger"])
        for r in e.get("roles", []):
            span_ok(f"{where} role {r.get('role')}", r)
    return problems


def _date_problems(v: dict | None) -> list[str]:
    if not isinstance(v, dict):
        return ["DATE without value"]
    out = []
    if v.get("valid", True):
        try:
            if date.fromisoformat(v["start"]) > date.fromisoformat(v["end"]):
                out.append("start after end")
        except (TypeError, ValueError, KeyError):
            out.append(f"bad ISO dates {v}")
    if v.get("granularity") not in GRANULARITIES:
        out.append(f"bad granularity {v.get('granularity')!r}")
    if v.get("calendar") not in {"roc", "gregorian"}:
        out.append(f"bad calendar {v.get('calendar')!r}")
    if not isinstance(v.get("inferred"), bool):
        out.append("inferred must be true/false")
    return out


def check_file(path: Path) -> list[str]:
    """Problems of one annotation file (checksum, offsets, labels, overlaps, date values)."""
    ann = json.loads(path.read_text(encoding="utf-8"))
    doc = document_path(ann, path.parent)
    if not doc.exists():
        return [f"{path.name}: document {doc} not found" + (" (skipped)" if ann["source"] == "shared" else "")]
    problems = [] if sha256(doc) == ann["sha256"] else [f"{path.name}: sha256 does not match {doc.name}"]
    return problems + [f"{path.name}: {p}" for p in validate(ann, read_text(doc))]


def write_json_atomic(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- importing a reviewer's verdicts ---------------------------------------------------------

class VerdictError(ValueError):
    """A verdict file that cannot be used at all (nothing is changed)."""


@dataclass
class ImportResult:
    merged: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)  # documents whose entities layer is now complete


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        _, rows = read_table(path, ",")
    except UnicodeDecodeError as exc:
        raise VerdictError(f"{path}: not UTF-8 (byte {exc.start}); save it from Excel as "
                           "'CSV UTF-8 (comma delimited)'") from None
    if not rows:
        raise VerdictError(f"{path}: no rows")
    return rows


def _verdict(value: str | None) -> str:
    return (value or "").strip()


def import_verdicts(reviewed: Path, directory: Path | None = None, documents: Path | None = None) -> ImportResult:
    """Merge the verdicts of a reviewed entities.csv (or events.csv) into annotations/.

    Verdicts: ``ok`` (the row is right), ``wrong`` (it is not an entity / event), or a
    label (entities) / event type (events) correcting it. Rows added by the reviewer with
    a label as verdict are entities the extractor missed. When every entity row of a
    document has a verdict, its entities layer becomes complete gold. The documents table
    (``documents.csv`` next to the reviewed file, or ``documents``) says where each
    document is and its checksum.
    """
    directory = directory or default_dir()
    rows = _read_csv(reviewed)
    kind = "events" if "type" in rows[0] and "trigger" in rows[0] else "entities"
    need = {"doc_id", "start", "end", "verdict"} | ({"label", "text"} if kind == "entities" else {"type", "trigger_start", "trigger_end"})
    missing = need - set(rows[0])
    if missing:
        raise VerdictError(f"{reviewed}: missing columns {', '.join(sorted(missing))}")
    docs_csv = documents or reviewed.with_name("documents.csv")
    doc_info = {r["doc_id"]: r for r in _read_csv(docs_csv)} if docs_csv.exists() else {}

    # 1. validate every row against its document, before changing anything
    existing: dict[str, tuple[Path, dict]] = {}
    by_file: dict[str, dict] = {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in directory.glob("*.json")}
    texts: dict[str, str] = {}
    errors: list[str] = []
    for n, row in enumerate(rows, start=2):
        v = _verdict(row.get("verdict"))
        if not v:
            continue
        doc_id = row["doc_id"]
        allowed = ({"ok", "wrong"} | set(LABELS)) if kind == "entities" else ({"ok", "wrong"} | set(EVENT_TYPES))
        if v not in allowed:
            errors.append(f"line {n}: unknown verdict {v!r} (use ok, wrong or one of {', '.join(sorted(allowed - {'ok', 'wrong'}))})")
            continue
        if doc_id not in texts:
            ann = by_file.get(Path(doc_id).name)
            if ann is not None:
                path = document_path(ann, directory)
                expected = ann["sha256"]
            elif doc_id in doc_info:
                path = Path(doc_info[doc_id]["path"])
                expected = doc_info[doc_id].get("sha256", "")
            else:
                errors.append(f"line {n}: document {doc_id!r} is neither annotated nor in {docs_csv}")
                continue
            if not path.exists():
                errors.append(f"line {n}: document {path} not found")
                continue
            if expected and sha256(path) != expected:
                errors.append(f"line {n}: document {path} changed since it was processed (checksum)")
                continue
            texts[doc_id] = read_text(path)
            existing[doc_id] = (path, ann if ann is not None else {
                "file": str(path), "source": "path", "sha256": sha256(path), "split": "train",
                "layers": [], "spans": [], "officials": [], "events": []})
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            errors.append(f"line {n}: start/end are not numbers")
            continue
        text = texts[doc_id]
        if kind == "entities" and not (0 <= start < end <= len(text) and text[start:end] == row["text"]):
            errors.append(f"line {n}: offsets {start}-{end} no longer match the text {row['text']!r}")
        if kind == "events":
            ts, te = int(row["trigger_start"]), int(row["trigger_end"])
            if not (0 <= ts < te <= len(text)) or text[ts:te] != row["trigger"]:
                errors.append(f"line {n}: trigger offsets {ts}-{te} no longer match {row['trigger']!r}")
    if errors:
        raise VerdictError(f"{reviewed}: {len(errors)} problem(s), nothing changed:\n  " + "\n  ".join(errors[:50]))

    # 2. merge
    result = ImportResult()
    touched: set[str] = set()
    for row in rows:
        v = _verdict(row.get("verdict"))
        if not v:
            continue
        doc_id = row["doc_id"]
        _, ann = existing[doc_id]
        before = json.dumps(ann, sort_keys=True)
        if kind == "entities":
            _merge_entity(ann, row, v, texts[doc_id], result)
        else:
            _merge_event(ann, row, v, texts[doc_id], result)
        if json.dumps(ann, sort_keys=True) != before:
            touched.add(doc_id)
    if kind == "entities":
        for doc_id, (_, ann) in existing.items():
            doc_rows = [r for r in rows if r["doc_id"] == doc_id]
            if doc_rows and all(_verdict(r.get("verdict")) for r in doc_rows) and "entities" not in ann["layers"]:
                ann["layers"].append("entities")
                result.completed.append(doc_id)
                touched.add(doc_id)
    for doc_id in sorted(touched):
        _, ann = existing[doc_id]
        problems = validate(ann, texts[doc_id])
        if problems:
            raise VerdictError(f"{doc_id}: merging would make the gold invalid, nothing changed: {problems[:3]}")
    for doc_id in sorted(touched):
        _, ann = existing[doc_id]
        ann["spans"].sort(key=lambda s: (s["start"], s["end"]))
        out = directory / f"{Path(doc_id).name}.json"
        write_json_atomic(out, ann)
        result.files.append(out)
    return result


def _merge_entity(ann: dict, row: dict, v: str, text: str, result: ImportResult) -> None:
    start, end, label = int(row["start"]), int(row["end"]), row["label"]
    spans = ann["spans"]
    same = next((s for s in spans if s["start"] == start and s["end"] == end), None)
    overlapping = [s for s in spans if s["start"] < end and start < s["end"] and s is not same]
    rejected = ann.setdefault("rejected", [])
    where = f"{row['doc_id']} {row['text']!r}@{start}"
    if v == "wrong":
        if same is not None and same["label"] == label and "entities" in ann["layers"]:
            result.conflicts.append(f"{where}: gold says {label}, reviewer says wrong (kept gold)")
            return
        key = {"start": start, "end": end, "label": label, "text": row["text"]}
        if key not in rejected:
            rejected.append(key)
            result.merged += 1
        else:
            result.unchanged += 1
        return
    new_label = label if v == "ok" else v
    if new_label == "DATE":
        if label != "DATE":
            result.conflicts.append(f"{where}: a DATE needs its value; annotate dates in the JSON (skipped)")
        else:
            result.unchanged += 1  # dates are gold only with their values: see annotations/README.md
        return
    if same is not None:
        if same["label"] == new_label:
            result.unchanged += 1
        else:
            result.conflicts.append(f"{where}: gold says {same['label']}, reviewer says {new_label} (kept gold)")
        return
    if overlapping:
        o = overlapping[0]
        result.conflicts.append(f"{where}: overlaps gold {o['text']!r}@{o['start']} {o['label']} (kept gold)")
        return
    spans.append({"start": start, "end": end, "label": new_label, "text": text[start:end]})
    result.merged += 1


def _merge_event(ann: dict, row: dict, v: str, text: str, result: ImportResult) -> None:
    ts, te = int(row["trigger_start"]), int(row["trigger_end"])
    events = ann["events"]
    same = next((e for e in events if e["trigger"]["start"] == ts and e["trigger"]["end"] == te), None)
    where = f"{row['doc_id']} {row['trigger']!r}@{ts}"
    if v == "wrong":
        if same is not None and "events" in ann["layers"]:
            result.conflicts.append(f"{where}: gold has this {same['type']} event, reviewer says wrong (kept gold)")
            return
        rejected = ann.setdefault("rejected_events", [])
        key = {"type": row["type"], "trigger": {"start": ts, "end": te, "text": text[ts:te]}}
        if key not in rejected:
            rejected.append(key)
            result.merged += 1
        return
    etype = row["type"] if v == "ok" else v
    if same is not None:
        if same["type"] == etype:
            result.unchanged += 1
        else:
            result.conflicts.append(f"{where}: gold says {same['type']}, reviewer says {etype} (kept gold)")
        return
    events.append({"type": etype, "status": row.get("status") or None,
                   "trigger": {"start": ts, "end": te, "text": text[ts:te]}, "roles": []})
    result.merged += 1
