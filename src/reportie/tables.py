"""Doc → table rows, and the writers (CSV with BOM for Excel, Parquet), always atomic.

Every offset in every table points into the ORIGINAL decoded text of its document, and
every ``text`` column is exactly ``original[start:end]``.
"""
from __future__ import annotations

import bisect
import os
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd
from spacy.tokens import Doc

from .components import sentence_spans, text_of, to_original
from .loading import LoadError
from .outline import section_at

# table name → columns, in order. The CSV files are named <table>.csv.
TABLES: dict[str, list[str]] = {
    "documents": ["doc_id", "path", "encoding", "sha256", "n_chars", "n_sections", "n_sentences",
                  "n_tokens", "issuer", "reference_date", "period_start", "period_end",
                  "period_granularity", "period_source", "period_text"],
    "sections": ["doc_id", "section_id", "parent_id", "level", "marker", "title", "start", "end", "path"],
    "sentences": ["doc_id", "sentence_id", "section_id", "start", "end", "text"],
    "tokens": ["doc_id", "sentence_id", "token_id", "start", "end", "text"],
    "dates": ["doc_id", "sentence_id", "section_id", "start", "end", "text", "start_date", "end_date",
              "granularity", "calendar", "inferred", "valid"],
    "entities": ["doc_id", "sentence_id", "section_id", "start", "end", "text", "label", "canonical",
                 "source", "verdict"],
    "entity_counts": ["doc_id", "canonical", "label", "count"],
    "officials": ["doc_id", "sentence_id", "start", "end", "text", "person", "title", "affiliation",
                  "affiliation_canonical"],
    "events": ["doc_id", "event_id", "type", "trigger", "trigger_start", "trigger_end", "date_start",
               "date_end", "place", "status", "section_path", "sentence", "start", "end", "verdict"],
    "event_roles": ["doc_id", "event_id", "role", "text", "label", "canonical", "start", "end"],
    "errors": ["doc_path", "stage", "message"],
}


_INT_COLUMNS = {"section_id", "parent_id", "level", "start", "end", "sentence_id", "token_id", "trigger_start",
                "trigger_end",
                "n_chars", "n_sections", "n_sentences", "n_tokens", "count"}
_BOOL_COLUMNS = {"inferred", "valid"}


def column_dtype(column: str) -> str:
    """One dtype per column name, so that every part of a table has the same schema."""
    if column in _INT_COLUMNS:
        return "Int64"
    if column in _BOOL_COLUMNS:
        return "boolean"
    return "string"


def typed_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A table's rows as a DataFrame with its columns in order and fixed dtypes."""
    df = pd.DataFrame(rows, columns=TABLES[name])
    return df.astype({c: column_dtype(c) for c in df.columns})


def error_rows(error: LoadError) -> list[dict]:
    return [{"doc_path": error.path, "stage": error.stage, "message": error.message}]


class _Locator:
    """Offsets of one Doc: normalised → original, and sentence/section lookup."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.source = doc._.source if doc._.source is not None else text_of(doc)
        self.sentences = sentence_spans(doc)
        self.sent_starts = [s for s, _ in self.sentences]
        self.sections = doc._.sections or []

    def orig(self, start: int, end: int) -> tuple[int, int, str]:
        a, b = to_original(self.doc, start, end)
        return a, b, self.source[a:b]

    def sentence_id(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        return i if i >= 0 else None

    def section(self, offset: int) -> dict | None:
        return section_at(self.sections, offset)

    def section_id(self, offset: int) -> int | None:
        s = self.section(offset)
        return s["section_id"] if s else None


def doc_tables(doc: Doc) -> dict[str, list[dict]]:
    """All table rows for one processed Doc."""
    loc = _Locator(doc)
    doc_id = doc._.doc_id
    out: dict[str, list[dict]] = {name: [] for name in TABLES if name != "errors"}

    for s in loc.sections:
        a, b, _ = loc.orig(s["start"], s["end"])
        out["sections"].append({
            "doc_id": doc_id, "section_id": s["section_id"], "parent_id": s["parent_id"],
            "level": s["level"], "marker": s["marker"], "title": s["title"], "start": a, "end": b,
            "path": s["path"],
        })
    for i, (start, end) in enumerate(loc.sentences):
        a, b, text = loc.orig(start, end)
        out["sentences"].append({"doc_id": doc_id, "sentence_id": i, "section_id": loc.section_id(start),
                                 "start": a, "end": b, "text": text})
    n_tokens = 0
    for token in doc:
        if token.is_space or not token.text.strip():
            continue
        a, b, text = loc.orig(token.idx, token.idx + len(token.text))
        out["tokens"].append({"doc_id": doc_id, "sentence_id": loc.sentence_id(token.idx),
                              "token_id": n_tokens, "start": a, "end": b, "text": text})
        n_tokens += 1
    for v in doc._.dates or []:
        a, b, text = loc.orig(v["start_char"], v["end_char"])
        out["dates"].append({
            "doc_id": doc_id, "sentence_id": loc.sentence_id(v["start_char"]),
            "section_id": loc.section_id(v["start_char"]), "start": a, "end": b, "text": text,
            "start_date": v["start"], "end_date": v["end"], "granularity": v["granularity"],
            "calendar": v["calendar"], "inferred": v["inferred"], "valid": v["valid"],
        })
    counts: dict[tuple[str, str], int] = {}
    for ent in doc.ents:
        a, b, text = loc.orig(ent.start_char, ent.end_char)
        canonical = ent._.canonical or ent.text
        out["entities"].append({
            "doc_id": doc_id, "sentence_id": loc.sentence_id(ent.start_char),
            "section_id": loc.section_id(ent.start_char), "start": a, "end": b, "text": text,
            "label": ent.label_, "canonical": canonical, "source": ent._.source or "model", "verdict": "",
        })
        counts[(canonical, ent.label_)] = counts.get((canonical, ent.label_), 0) + 1
    for (canonical, label), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out["entity_counts"].append({"doc_id": doc_id, "canonical": canonical, "label": label, "count": n})
    for o in doc._.officials or []:
        a, b, text = loc.orig(o["start_char"], o["end_char"])
        out["officials"].append({
            "doc_id": doc_id, "sentence_id": loc.sentence_id(o["start_char"]), "start": a, "end": b,
            "text": text, "person": o["person"], "title": o["title"], "affiliation": o["affiliation"],
            "affiliation_canonical": o.get("affiliation_canonical", o["affiliation"]),
        })
    for i, e in enumerate(doc._.events or []):
        event_id = f"{doc_id}#{i}"
        a, b, _ = loc.orig(e["start_char"], e["end_char"])
        ta, tb, trigger = loc.orig(e["trigger_start"], e["trigger_end"])
        sent = loc.sentence_id(e["trigger_start"])
        s = loc.section(e["trigger_start"])
        sa, sb, sentence = loc.orig(*loc.sentences[sent]) if sent is not None else (a, b, "")
        out["events"].append({
            "doc_id": doc_id, "event_id": event_id, "type": e["type"], "trigger": trigger,
            "trigger_start": ta, "trigger_end": tb,
            "date_start": e.get("date_start"), "date_end": e.get("date_end"), "place": e.get("place"),
            "status": e.get("status"), "section_path": s["path"] if s else "", "sentence": sentence,
            "start": a, "end": b, "verdict": "",
        })
        for r in e["roles"]:
            ra, rb, rtext = loc.orig(r["start_char"], r["end_char"])
            out["event_roles"].append({
                "doc_id": doc_id, "event_id": event_id, "role": r["role"], "text": rtext,
                "label": r.get("label"), "canonical": r.get("canonical"), "start": ra, "end": rb,
            })
    period = doc._.period or {}
    evidence = ""
    if period.get("evidence_start") is not None:
        evidence = loc.orig(period["evidence_start"], period["evidence_end"])[2]
    out["documents"].append({
        "doc_id": doc_id, "path": doc._.path, "encoding": doc._.encoding, "sha256": doc._.sha256,
        "n_chars": len(loc.source), "n_sections": len(loc.sections), "n_sentences": len(loc.sentences),
        "n_tokens": n_tokens, "issuer": doc._.issuer, "reference_date": doc._.reference_date,
        "period_start": period.get("start"), "period_end": period.get("end"),
        "period_granularity": period.get("granularity"), "period_source": period.get("source"),
        "period_text": evidence,
    })
    return out


# --- writers ----------------------------------------------------------------------------

def _atomic_target(path: Path) -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM (Excel shows Chinese correctly), written to a temp file then renamed."""
    fd, tmp = _atomic_target(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            df.to_csv(fh, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    fd, tmp = _atomic_target(path)
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tables(tables: dict[str, pd.DataFrame], outdir: str | Path, fmt: str = "csv",
                 names: Iterable[str] | None = None) -> list[Path]:
    """Write each table to ``outdir/<name>.<fmt>`` atomically; returns the paths written."""
    outdir = Path(outdir)
    written = []
    for name in names or tables:
        path = outdir / f"{name}.{fmt}"
        (write_csv if fmt == "csv" else write_parquet)(tables[name], path)
        written.append(path)
    return written
