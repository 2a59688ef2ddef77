"""The review page: one self-contained HTML file (or an index plus one page per document)
showing each document's original text with its entities, dates, officials and events.

Everything the page needs is inlined (template, CSS and JS are package data in
``reportie/data/review.{html,css,js}``); it loads nothing from the network.

Highlighted spans come from several tables that may overlap or cross each other (a date
inside an entity, an official spanning a title and part of a name). The markup is built
from sorted span boundaries: at every boundary the set of open spans is re-ordered by a
fixed nesting order and only the tags that differ are closed and reopened, so the HTML is
always well nested. A span that has to be split keeps its ``id`` on the first piece and
marks the others with ``data-ref``.
"""
from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import quote

import pandas as pd

from . import __version__

LABELS = ("COUNTRY", "CITY", "LOC", "PERSON", "TITLE", "BUREAU", "ORG", "EVENT", "PROGRAM")

# nesting order, outermost first: a span of a lower layer is never inside one of a higher layer
_SENTENCE, _HEADING, _EVENT, _OFFICIAL, _ROLE, _MARK = range(6)


# --- package data ---------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("reportie.data").joinpath(name).read_text(encoding="utf-8")


_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{{ name }}`` placeholders in one pass (inserted text is never re-scanned)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)



# --- small helpers --------------------------------------------------------------------------

def _esc(value: Any) -> str:
    return html.escape("" if _missing(value) else str(value), quote=True)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _str(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _int(value: Any) -> int | None:
    return None if _missing(value) else int(value)


def _flag(value: Any) -> bool | None:
    """A boolean column's value; also from tables read back from CSV ("True"/"False")."""
    if _missing(value):
        return None
    if isinstance(value, str):
        v = value.strip().lower()
        return True if v in {"true", "1", "yes"} else False if v in {"false", "0", "no"} else None
    return bool(value)


def _css_token(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", value) or "_"


def _records(tables: Mapping[str, pd.DataFrame], name: str) -> dict[str, list[dict]]:
    """Rows of a table grouped by doc_id, in table order."""
    df = tables.get(name)
    if df is None or df.empty or "doc_id" not in df.columns:
        return {}
    out: dict[str, list[dict]] = {}
    for row in df.to_dict("records"):
        out.setdefault(_str(row["doc_id"]), []).append(row)
    return out


def _date_range(start: Any, end: Any) -> str:
    a, b = _str(start), _str(end)
    if a and b and a != b:
        return f"{a} – {b}"
    return a or b


def _date_cell(start: Any, end: Any) -> str:
    """A date range for a table cell: each ISO date kept on one line."""
    a, b = _str(start), _str(end)
    parts = [f'<span class="nw">{_esc(x)}</span>' for x in ([a, b] if a and b and a != b else [a or b]) if x]
    return " – ".join(parts)


def safe_name(doc_id: str) -> str:
    """A file name for a document page: word characters (CJK included), '.', '-' and '_'."""
    name = re.sub(r"[^\w.-]+", "_", doc_id, flags=re.UNICODE).strip("._") or "document"
    return name[:120]


# --- spans and nesting ----------------------------------------------------------------------

@dataclass
class _Span:
    start: int
    end: int
    layer: int
    tag: str
    classes: str
    attrs: dict[str, str]
    id: str | None = None
    order: int = 0        # tie-break for equal extents inside a layer (entity outside date)
    seq: int = 0

    def key(self) -> tuple:
        return (self.layer, self.start, -self.end, self.order, self.seq)

    def open_tag(self, first: bool) -> str:
        parts = [self.tag, f'class="{_esc(self.classes + ("" if first else " cont"))}"']
        if self.id:
            parts.append(f'id="{_esc(self.id)}"' if first else f'data-ref="{_esc(self.id)}"')
        parts.extend(f'{k}="{_esc(v)}"' for k, v in self.attrs.items())
        return "<" + " ".join(parts) + ">"


def render_spans(text: str, spans: Iterable[_Span]) -> str:
    """``text`` escaped, with every span wrapped in its tag; always well nested.

    Spans outside the text or empty are dropped. At each boundary the open spans are sorted
    by their nesting key; tags are closed down to the first difference and reopened."""
    n = len(text)
    clean: list[_Span] = []
    for i, s in enumerate(spans):
        a, b = max(0, s.start), min(n, s.end)
        if a < b:
            s.start, s.end, s.seq = a, b, i
            clean.append(s)
    starts: dict[int, list[_Span]] = {}
    for s in clean:
        starts.setdefault(s.start, []).append(s)
    bounds = sorted({0, n} | {s.start for s in clean} | {s.end for s in clean})
    out: list[str] = []
    stack: list[_Span] = []
    active: list[_Span] = []
    opened: set[int] = set()
    for i, pos in enumerate(bounds):
        active = [s for s in active if s.end > pos] + starts.get(pos, [])
        wanted = sorted(active, key=_Span.key)
        k = 0
        while k < len(stack) and k < len(wanted) and stack[k] is wanted[k]:
            k += 1
        for s in reversed(stack[k:]):
            out.append(f"</{s.tag}>")
        for s in wanted[k:]:
            out.append(s.open_tag(first=id(s) not in opened))
            opened.add(id(s))
        stack = wanted
        if i + 1 < len(bounds):
            out.append(html.escape(text[pos:bounds[i + 1]], quote=False))
    for s in reversed(stack):
        out.append(f"</{s.tag}>")
    return "".join(out)


def _heading_end(text: str, start: int, marker: str, title: str) -> int:
    """End of a section's heading in the original text: the marker and title (given in
    normalised form) matched character by character under NFKC, ignoring whitespace; else
    the end of the line."""
    target = re.sub(r"\s+", "", unicodedata.normalize("NFKC", marker + title))
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if not target:
        return line_end
    got = ""
    i = start
    limit = min(len(text), start + 4 * len(target) + 16)
    while i < limit and len(got) < len(target):
        piece = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text[i]))
        got += piece
        i += 1
        if not target.startswith(got):
            return line_end
    return i if got == target else line_end


# --- one document ---------------------------------------------------------------------------

@dataclass
class _DocData:
    doc_id: str
    index: int
    text: str | None
    info: dict
    sections: list[dict]
    sentences: list[dict]
    dates: list[dict]
    entities: list[dict]
    officials: list[dict]
    events: list[dict]
    roles: dict[str, list[dict]]

    @property
    def prefix(self) -> str:
        return f"d{self.index}"

    def counts(self) -> dict[str, int]:
        return {"entities": len(self.entities), "dates": len(self.dates),
                "officials": len(self.officials), "events": len(self.events)}


class _DocRenderer:
    """Builds the text markup and the side tables of one document, with shared anchor ids."""

    def __init__(self, d: _DocData) -> None:
        self.d = d
        p = d.prefix
        self.spans: list[_Span] = []
        n = len(d.text) if d.text is not None else 0
        ok = lambda row: (_int(row.get("start")) is not None and _int(row.get("end")) is not None  # noqa: E731
                          and 0 <= int(row["start"]) < int(row["end"]) <= n)
        # ids of highlighted spans by extent, so that role links reuse them
        self.by_extent: dict[tuple[int, int], str] = {}
        self.entity_ids: list[str | None] = []
        self.date_ids: list[str | None] = []
        self.official_ids: list[str | None] = []
        self.event_ids: list[str | None] = []
        self.section_ids: dict[int, str] = {}

        for row in d.sentences:
            sid = _int(row.get("sentence_id"))
            if ok(row) and sid is not None:
                self.spans.append(_Span(int(row["start"]), int(row["end"]), _SENTENCE, "span", "sent", {},
                                        id=f"{p}-s{sid}"))
        for row in d.sections:
            sec = _int(row.get("section_id"))
            if not ok(row) or sec is None:
                continue
            a = int(row["start"])
            b = min(_heading_end(d.text, a, _str(row.get("marker")), _str(row.get("title"))), int(row["end"]))
            if a < b:
                lv = _int(row.get("level")) or 1
                sid = f"{p}-h{sec}"
                self.section_ids[sec] = sid
                self.spans.append(_Span(a, b, _HEADING, "span", f"heading lv{lv}",
                                        {"title": _str(row.get("path"))}, id=sid))
        for i, row in enumerate(d.entities):
            if not ok(row):
                self.entity_ids.append(None)
                continue
            label = _str(row.get("label")) or "OTHER"
            eid = f"{p}-e{i}"
            self.entity_ids.append(eid)
            self.by_extent.setdefault((int(row["start"]), int(row["end"])), eid)
            tip = label
            canonical = _str(row.get("canonical"))
            if canonical and canonical != _str(row.get("text")):
                tip += f" · {canonical}"
            if _str(row.get("source")):
                tip += f" · {row['source']}"
            self.spans.append(_Span(int(row["start"]), int(row["end"]), _MARK, "mark",
                                    f"ent ent-{_css_token(label)}", {"data-label": label, "title": tip},
                                    id=eid, order=0))
        for i, row in enumerate(d.dates):
            if not ok(row):
                self.date_ids.append(None)
                continue
            tid = f"{p}-t{i}"
            self.date_ids.append(tid)
            self.by_extent.setdefault((int(row["start"]), int(row["end"])), tid)
            classes = "date"
            inferred = _flag(row.get("inferred")) is True
            invalid = _flag(row.get("valid")) is False
            if inferred:
                classes += " inferred"
            if invalid:
                classes += " invalid"
            self.spans.append(_Span(int(row["start"]), int(row["end"]), _MARK, "span", classes,
                                    {"title": self.date_title(row),
                                     "data-start": _str(row.get("start_date")),
                                     "data-end": _str(row.get("end_date"))},
                                    id=tid, order=1))
        for i, row in enumerate(d.officials):
            if not ok(row):
                self.official_ids.append(None)
                continue
            oid = f"{p}-o{i}"
            self.official_ids.append(oid)
            self.spans.append(_Span(int(row["start"]), int(row["end"]), _OFFICIAL, "span", "off", {}, id=oid))
        for i, row in enumerate(d.events):
            if not ok(row):
                self.event_ids.append(None)
                continue
            vid = f"{p}-v{i}"
            self.event_ids.append(vid)
            self.spans.append(_Span(int(row["start"]), int(row["end"]), _EVENT, "span", "evt",
                                    {"data-type": _str(row.get("type"))}, id=vid))
        # roles: link to the entity or date with the same extent, else to a span of their own
        self.role_ids: dict[tuple[str, int], str | None] = {}
        n_roles = 0
        for event_id, rows in d.roles.items():
            for j, row in enumerate(rows):
                if not ok(row):
                    self.role_ids[(event_id, j)] = None
                    continue
                extent = (int(row["start"]), int(row["end"]))
                rid = self.by_extent.get(extent)
                if rid is None:
                    rid = f"{p}-r{n_roles}"
                    n_roles += 1
                    self.by_extent[extent] = rid
                    self.spans.append(_Span(extent[0], extent[1], _ROLE, "span", "role",
                                            {"data-role": _str(row.get("role"))}, id=rid))
                self.role_ids[(event_id, j)] = rid

    @staticmethod
    def date_title(row: dict) -> str:
        parts = [_date_range(row.get("start_date"), row.get("end_date")) or "no value"]
        if _str(row.get("granularity")):
            parts.append(_str(row.get("granularity")))
        if _str(row.get("calendar")):
            parts.append(_str(row.get("calendar")))
        parts.append("inferred" if _flag(row.get("inferred")) is True else "stated")
        if _flag(row.get("valid")) is False:
            parts.append("INVALID")
        return " · ".join(parts)

    # -- markup ------------------------------------------------------------------------------

    def text_html(self) -> str:
        if self.d.text is None:
            return '<div class="text missing">The original text of this document was not given.</div>'
        return f'<div class="text" lang="zh-Hant">{render_spans(self.d.text, self.spans)}</div>'

    @staticmethod
    def _link(anchor: str | None, text: str) -> str:
        if not anchor:
            return _esc(text)
        return f'<a href="#{_esc(anchor)}">{_esc(text) or "(empty)"}</a>'

    def outline_html(self) -> str:
        if not self.d.sections:
            return ""
        items = []
        for row in self.d.sections:
            sec = _int(row.get("section_id"))
            lv = _int(row.get("level")) or 1
            label = f"{_str(row.get('marker'))}{_str(row.get('title'))}"
            items.append(f'<li class="lv{lv}">{self._link(self.section_ids.get(sec), label)}</li>')
        is_open = " open" if len(self.d.sections) <= 15 else ""
        return (f'<details class="outline-box"{is_open}><summary>Outline '
                f'<span class="n">({len(self.d.sections)})</span></summary>'
                f'<ul class="outline">{"".join(items)}</ul></details>')

    def officials_html(self) -> str:
        rows = []
        for i, row in enumerate(self.d.officials):
            aff = _str(row.get("affiliation"))
            canon = _str(row.get("affiliation_canonical"))
            aff_cell = _esc(aff) + (f' <span class="chip" title="canonical">{_esc(canon)}</span>'
                                    if canon and canon != aff else "")
            rows.append(f"<tr><td>{self._link(self.official_ids[i], _str(row.get('text')))}</td>"
                        f"<td>{_esc(row.get('person'))}</td><td>{_esc(row.get('title'))}</td>"
                        f"<td>{aff_cell}</td></tr>")
        body = "".join(rows) or '<tr><td colspan="4" class="empty">none found</td></tr>'
        return (f'<h3>Officials <span class="n">({len(self.d.officials)})</span></h3>'
                f'<table class="officials filterable"><thead><tr><th>text</th><th>person</th>'
                f'<th>title</th><th>affiliation</th></tr></thead><tbody>{body}</tbody></table>')

    def events_html(self) -> str:
        rows = []
        for i, row in enumerate(self.d.events):
            event_id = _str(row.get("event_id"))
            roles = []
            for j, r in enumerate(self.d.roles.get(event_id, [])):
                label = _str(r.get("label"))
                chip = (f' <span class="chip ent-{_css_token(label)}">{_esc(label)}</span>' if label else "")
                roles.append(f'<li><span class="role-name">{_esc(r.get("role"))}:</span> '
                             f'{self._link(self.role_ids.get((event_id, j)), _str(r.get("text")))}{chip}</li>')
            number = event_id.rsplit("#", 1)[-1] if "#" in event_id else str(i)
            status = _str(row.get("status"))
            rows.append(
                f'<tr><td class="num">{self._link(self.event_ids[i], number)}</td>'
                f'<td>{_esc(row.get("type"))}{(" (" + _esc(status) + ")") if status else ""}</td>'
                f'<td>{self._link(self.event_ids[i], _str(row.get("trigger")))}</td>'
                f'<td>{_date_cell(row.get("date_start"), row.get("date_end"))}</td>'
                f'<td>{_esc(row.get("place"))}</td>'
                f'<td><ul class="roles">{"".join(roles)}</ul></td></tr>')
        body = "".join(rows) or '<tr><td colspan="6" class="empty">none found</td></tr>'
        return (f'<h3>Events <span class="n">({len(self.d.events)})</span></h3>'
                f'<table class="events filterable"><thead><tr><th class="num">#</th><th>type</th>'
                f'<th>trigger</th><th>date</th><th>place</th><th>roles</th></tr></thead>'
                f'<tbody>{body}</tbody></table>')

    def dates_html(self) -> str:
        rows = []
        for i, row in enumerate(self.d.dates):
            rows.append(f'<tr><td>{self._link(self.date_ids[i], _str(row.get("text")))}</td>'
                        f'<td>{_date_cell(row.get("start_date"), row.get("end_date"))}</td>'
                        f'<td>{_esc(row.get("granularity"))}</td>'
                        f'<td>{"inferred" if _flag(row.get("inferred")) is True else ""}</td></tr>')
        body = "".join(rows) or '<tr><td colspan="4" class="empty">none found</td></tr>'
        return (f'<details class="dates-box"><summary>Dates <span class="n">({len(self.d.dates)})</span>'
                f'</summary><table class="dates filterable"><thead><tr><th>text</th><th>value</th>'
                f'<th>granularity</th><th></th></tr></thead><tbody>{body}</tbody></table></details>')

    def meta_html(self) -> str:
        info = self.d.info
        bits = []
        if _str(info.get("path")):
            bits.append(f'<span title="path">{_esc(info.get("path"))}</span>')
        if _str(info.get("encoding")):
            bits.append(f'<span title="encoding">{_esc(info.get("encoding"))}</span>')
        if self.d.text is not None:
            bits.append(f"<span>{len(self.d.text):,} characters</span>")
        period = _date_range(info.get("period_start"), info.get("period_end"))
        if period:
            source = _esc(info.get("period_source"))
            bits.append(f'<span title="reporting period ({source})">period {_esc(period)}</span>')
        if _str(info.get("issuer")):
            bits.append(f'<span title="issuer">{_esc(info.get("issuer"))}</span>')
        c = self.d.counts()
        bits.append(f"<span>{c['entities']} entities, {c['dates']} dates, {c['officials']} officials, "
                    f"{c['events']} events</span>")
        return f'<p class="meta">{"".join(bits)}</p>'

    def article(self, back: str = "") -> str:
        back_link = f' <a class="back" href="{_esc(back)}">↑ documents</a>' if back else ""
        return (f'<article class="doc" id="{self.d.prefix}">'
                f'<div class="doc-head"><h2>{_esc(self.d.doc_id)}{back_link}</h2>{self.meta_html()}</div>'
                f'<div class="doc-grid">{self.text_html()}'
                f'<aside class="side">{self.outline_html()}{self.officials_html()}{self.events_html()}'
                f'{self.dates_html()}</aside></div></article>')


# --- pages ----------------------------------------------------------------------------------

def _collect(tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str]) -> list[_DocData]:
    grouped = {name: _records(tables, name) for name in
               ("documents", "sections", "sentences", "dates", "entities", "officials", "events", "event_roles")}
    order: list[str] = []
    for doc_id in list(grouped["documents"]) + list(texts):
        if doc_id not in order:
            order.append(doc_id)
    for name, by_doc in grouped.items():
        for doc_id in by_doc:
            if doc_id not in order:
                order.append(doc_id)
    docs = []
    for i, doc_id in enumerate(order):
        roles: dict[str, list[dict]] = {}
        for r in grouped["event_roles"].get(doc_id, []):
            roles.setdefault(_str(r.get("event_id")), []).append(r)
        info = (grouped["documents"].get(doc_id) or [{}])[0]
        docs.append(_DocData(doc_id=doc_id, index=i, text=texts.get(doc_id), info=info,
                             sections=grouped["sections"].get(doc_id, []),
                             sentences=grouped["sentences"].get(doc_id, []),
                             dates=grouped["dates"].get(doc_id, []),
                             entities=grouped["entities"].get(doc_id, []),
                             officials=grouped["officials"].get(doc_id, []),
                             events=grouped["events"].get(doc_id, []), roles=roles))
    return docs


def _filter_box(placeholder: str) -> str:
    return (f'<span class="filter"><input id="row-filter" type="search" placeholder="{_esc(placeholder)}" '
            f'aria-label="Filter table rows"></span>')


def _legend(docs: list[_DocData]) -> str:
    counts = Counter(_str(e.get("label")) or "OTHER" for d in docs for e in d.entities)
    labels = list(LABELS) + sorted(k for k in counts if k not in LABELS and k != "DATE")
    items = []
    for label in labels:
        items.append(f'<label><input type="checkbox" checked data-label="{_esc(label)}">'
                     f'<mark class="ent ent-{_css_token(label)}">{_esc(label)}</mark> '
                     f'<span class="n">{counts.get(label, 0)}</span></label>')
    n_dates = sum(len(d.dates) for d in docs)
    items.append('<span class="sep">|</span>')
    items.append(f'<label title="dates: hover for the ISO value"><input type="checkbox" checked data-kind="dates">'
                 f'<span class="sample-date">DATE</span> <span class="n">{n_dates}</span></label>')
    items.append(_filter_box("Filter officials / events / dates"))
    return f'<div class="legend" role="group" aria-label="Entity labels">{"".join(items)}</div>'


def _errors_html(tables: Mapping[str, pd.DataFrame]) -> str:
    df = tables.get("errors")
    if df is None or df.empty:
        return ""
    items = "".join(f"<li>{_esc(r.get('doc_path'))}: {_esc(r.get('stage'))}: {_esc(r.get('message'))}</li>"
                    for r in df.to_dict("records"))
    return f'<section class="errors"><h3>Not processed ({len(df)})</h3><ul>{items}</ul></section>'


def _toc(docs: list[_DocData], href) -> str:
    rows = []
    totals = Counter()
    for d in docs:
        c = d.counts()
        totals.update(c)
        n_chars = len(d.text) if d.text is not None else _int(d.info.get("n_chars"))
        rows.append(f'<tr><td><a href="{_esc(href(d))}">{_esc(d.doc_id)}</a></td>'
                    f'<td class="num">{"" if n_chars is None else f"{n_chars:,}"}</td>'
                    f'<td class="num">{len(d.sections)}</td>'
                    + "".join(f'<td class="num">{c[k]}</td>' for k in ("entities", "dates", "officials", "events"))
                    + "</tr>")
    total = (f'<tr><th>{len(docs)} documents</th><th></th><th></th>'
             + "".join(f'<th class="num">{totals[k]}</th>' for k in ("entities", "dates", "officials", "events"))
             + "</tr>")
    return (f'<nav class="toc" id="documents" aria-label="Documents"><h2>Documents</h2>'
            f'<table class="index filterable"><thead><tr>'
            f'<th>document</th><th class="num">characters</th><th class="num">sections</th>'
            f'<th class="num">entities</th><th class="num">dates</th><th class="num">officials</th>'
            f'<th class="num">events</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot>{total}</tfoot></table></nav>')


def _page(*, title: str, heading: str, body: str, legend: str = "", nav: str = "", kind: str = "single") -> str:
    return _fill(_asset("review.html"), {
        "title": _esc(title), "heading": _esc(heading), "body": body, "legend": legend, "nav": nav,
        "page_kind": kind, "css": _asset("review.css"), "js": _asset("review.js"), "version": _esc(__version__),
    })


def _write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a page is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _unique_names(docs: list[_DocData]) -> dict[str, str]:
    import hashlib

    names: dict[str, str] = {}
    used: set[str] = set()
    for d in docs:
        name = safe_name(d.doc_id)
        if name.lower() in used:
            name = f"{name}-{hashlib.sha1(d.doc_id.encode('utf-8')).hexdigest()[:8]}"
        used.add(name.lower())
        names[d.doc_id] = name
    return names


def write_review(tables: dict[str, pd.DataFrame], texts: Mapping[str, str] | None, out: Path, *,
                 max_documents_per_page: int = 20) -> list[Path]:
    """Write the review page(s) for ``tables`` and return the paths written.

    ``texts`` maps doc_id → original decoded text (what the tables' offsets index into);
    ``None`` re-reads each document from ``documents.path`` with its recorded encoding.
    Up to ``max_documents_per_page`` documents go on the single page ``out``; beyond that,
    ``out`` is an index and each document gets ``<out stem>-files/<doc>.html``.
    Every file is written to a temporary file and renamed into place.
    """
    out = Path(out)
    if texts is None:
        texts = read_texts(tables.get("documents"))
    docs = _collect(tables, texts)
    errors = _errors_html(tables)
    if len(docs) <= max(1, max_documents_per_page):
        back = "#documents" if len(docs) > 1 else ""
        articles = "".join(_DocRenderer(d).article(back) for d in docs)
        toc = _toc(docs, lambda d: f"#{d.prefix}") if len(docs) > 1 else ""
        if not docs:
            articles = '<p class="empty">No documents.</p>'
        heading = docs[0].doc_id if len(docs) == 1 else f"{len(docs)} documents"
        content = _page(title=f"reportie review — {heading}", heading=f"reportie review — {heading}",
                        body=errors + toc + articles, legend=_legend(docs), kind="single")
        _write_atomic(out, content)
        return [out]

    folder_name = f"{out.stem}-files"
    folder = out.parent / folder_name
    names = _unique_names(docs)
    written: list[Path] = []
    index_href = "../" + quote(out.name)
    for i, d in enumerate(docs):
        links = [f'<a href="{_esc(index_href)}">↑ index</a>']
        if i > 0:
            links.append(f'<a href="{_esc(quote(names[docs[i - 1].doc_id]) + ".html")}">← previous</a>')
        if i + 1 < len(docs):
            links.append(f'<a href="{_esc(quote(names[docs[i + 1].doc_id]) + ".html")}">next →</a>')
        nav = f'<nav class="nav">{"".join(links)} <span class="n">{i + 1} / {len(docs)}</span></nav>'
        path = folder / f"{names[d.doc_id]}.html"
        _write_atomic(path, _page(title=f"{d.doc_id} — reportie review", heading=d.doc_id,
                                  body=_DocRenderer(d).article(), legend=_legend([d]), nav=nav, kind="document"))
        written.append(path)
    index = _page(title=f"reportie review — {len(docs)} documents",
                  heading=f"reportie review — {len(docs)} documents",
                  body=errors + _toc(docs, lambda d: f"{quote(folder_name)}/{quote(names[d.doc_id])}.html"),
                  legend=f'<div class="legend">{_filter_box("Filter documents")}</div>', kind="index")
    _write_atomic(out, index)
    return [out, *written]


def read_texts(documents: pd.DataFrame | None) -> dict[str, str]:
    """doc_id → original text, re-read from the documents table's ``path`` and ``encoding``."""
    from .loading import Document, read_document

    texts: dict[str, str] = {}
    if documents is None or documents.empty:
        return texts
    for row in documents.to_dict("records"):
        path = _str(row.get("path"))
        if not path or not Path(path).is_file():
            continue
        doc = read_document(Path(path), _str(row.get("doc_id")), _str(row.get("encoding")) or None)
        if isinstance(doc, Document):
            texts[doc.doc_id] = doc.text
    return texts


def texts_of(docs: Iterable[Any]) -> dict[str, str]:
    """doc_id → original text from processed Docs (``reportie.process(..., keep_docs=True).docs``)."""
    return {d._.doc_id: (d._.source if d._.source is not None else d.text) for d in docs}


__all__ = ["write_review", "read_texts", "texts_of", "render_spans", "safe_name", "LABELS"]
