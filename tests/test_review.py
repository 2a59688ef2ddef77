"""The review page: every entity, date, official and event of the tables shows up in the
HTML at the right place; links resolve; the markup is well nested and self-contained; a
real browser renders it and jumps to the linked text."""
from __future__ import annotations

import os
import random
import shutil
import struct
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from reportie.review import _MARK, _OFFICIAL, _SENTENCE, _Span, render_spans, safe_name, write_review

DOC_ID = "kaohsiung_2014h2_international_affairs"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --- a small DOM from the stdlib parser --------------------------------------------------------

class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Element | None") -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list["Element | str"] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.iter()


class TreeBuilder(HTMLParser):
    """Builds an element tree and fails on any tag that is not closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.stack = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        el = Element(tag, {k: (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {k: (v or "") for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1].tag}> at {self.getpos()}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html_text: str) -> Element:
    builder = TreeBuilder()
    builder.feed(html_text)
    builder.close()
    assert not builder.problems, builder.problems[:5]
    assert [e.tag for e in builder.stack] == ["#root"], f"unclosed: {[e.tag for e in builder.stack]}"
    return builder.root


def by_id(root: Element) -> dict[str, Element]:
    ids: dict[str, Element] = {}
    for el in root.iter():
        if "id" in el.attrs:
            assert el.attrs["id"] not in ids, f"duplicate id {el.attrs['id']}"
            ids[el.attrs["id"]] = el
    return ids


def target_text(root: Element, anchor: str) -> str:
    """The text a fragment points at: the element with that id plus its continuation pieces."""
    pieces = [el for el in root.iter() if el.attrs.get("id") == anchor or el.attrs.get("data-ref") == anchor]
    return "".join(p.text for p in pieces)


def check_self_contained(root: Element, html_text: str) -> None:
    for el in root.iter():
        assert el.tag not in {"link", "img", "iframe", "object", "embed", "base"}, el.tag
        if el.tag == "script":
            assert "src" not in el.attrs
        for name in ("src", "href", "srcset", "data", "action", "poster"):
            value = el.attrs.get(name, "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:")), (el.tag, name, value)
    for el in root.iter():
        if el.tag in {"style", "script"}:
            code = el.text
            assert "http://" not in code and "https://" not in code
            assert "@import" not in code and "url(" not in code
    assert "<script src" not in html_text.lower()


# --- the sample report -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_page(sample_report, sample_text, tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "review.html"
    written = write_review(sample_report.tables, {DOC_ID: sample_text}, out)
    assert written == [out]
    html_text = out.read_text(encoding="utf-8")
    return out, html_text, parse(html_text)


def test_page_is_well_formed_and_self_contained(sample_page):
    out, html_text, root = sample_page
    assert html_text.startswith("<!DOCTYPE html>")
    check_self_contained(root, html_text)
    by_id(root)  # ids are unique
    assert [p.name for p in out.parent.iterdir()] == ["review.html"]  # no temp file left behind
    assert '<meta charset="utf-8">' in html_text


def test_text_is_the_original_text(sample_page, sample_text):
    _, _, root = sample_page
    texts = [el for el in root.iter() if "text" in el.classes and el.tag == "div"]
    assert len(texts) == 1
    assert texts[0].text == sample_text


def test_every_entity_is_a_mark_with_its_label(sample_page, sample_report):
    _, _, root = sample_page
    entities = sample_report.tables["entities"]
    assert len(entities) > 100
    marks = Counter()
    for el in root.iter():
        if el.tag == "mark" and "ent" in el.classes and "cont" not in el.classes and "id" in el.attrs:
            label = el.attrs["data-label"]
            assert f"ent-{label}" in el.classes
            marks[(target_text(root, el.attrs["id"]), label)] += 1
    expected = Counter(zip(entities["text"], entities["label"]))
    assert marks == expected
    # and every label of the brief has a colour in the legend
    legend = {el.attrs.get("data-label") for el in root.iter() if el.tag == "input"}
    assert {"COUNTRY", "CITY", "LOC", "PERSON", "TITLE", "BUREAU", "ORG", "EVENT", "PROGRAM"} <= legend


def test_every_date_is_underlined_with_its_iso_value(sample_page, sample_report):
    _, _, root = sample_page
    dates = sample_report.tables["dates"]
    assert len(dates) > 5
    spans = {el.attrs["id"]: el for el in root.iter() if "date" in el.classes and "id" in el.attrs}
    found = Counter()
    for el in spans.values():
        found[(target_text(root, el.attrs["id"]), el.attrs["title"])] += 1
    for row in dates.itertuples():
        hits = [title for (text, title), n in found.items() if text == row.text and str(row.start_date) in title
                and str(row.end_date) in title and str(row.granularity) in title
                and ("inferred" if row.inferred else "stated") in title]
        assert hits, (row.text, row.start_date, row.end_date)
    assert sum(found.values()) == len(dates)


def test_officials_link_to_their_text(sample_page, sample_report):
    _, _, root = sample_page
    ids = by_id(root)
    officials = sample_report.tables["officials"]
    table = next(el for el in root.iter() if el.tag == "table" and "officials" in el.classes)
    links = [a for a in table.iter() if a.tag == "a"]
    assert len(links) == len(officials) > 10
    for a, row in zip(links, officials.itertuples()):
        anchor = a.attrs["href"].removeprefix("#")
        assert anchor in ids, anchor
        assert target_text(root, anchor) == row.text


def test_events_and_roles_link_to_their_text(sample_page, sample_report, sample_text):
    _, _, root = sample_page
    ids = by_id(root)
    events, roles = sample_report.tables["events"], sample_report.tables["event_roles"]
    table = next(el for el in root.iter() if el.tag == "table" and "events" in el.classes)
    rows = [tr for tr in table.iter() if tr.tag == "tr" and tr.parent.tag == "tbody"]
    assert len(rows) == len(events) > 10
    n_roles = 0
    for tr, event in zip(rows, events.itertuples()):
        links = [a for a in tr.iter() if a.tag == "a"]
        event_anchor = links[0].attrs["href"].removeprefix("#")
        assert event_anchor in ids
        assert target_text(root, event_anchor) == sample_text[event.start:event.end]
        role_rows = roles[roles["event_id"] == event.event_id]
        role_links = links[2:]  # number, trigger, then one link per role
        assert len(role_links) == len(role_rows)
        for a, role in zip(role_links, role_rows.itertuples()):
            anchor = a.attrs["href"].removeprefix("#")
            assert anchor in ids, anchor
            assert target_text(root, anchor) == role.text
            n_roles += 1
    assert n_roles == len(roles)


def test_section_headings_are_visible_and_linked(sample_page, sample_report):
    _, _, root = sample_page
    ids = by_id(root)
    headings = [el for el in root.iter() if "heading" in el.classes and "id" in el.attrs]
    assert len(headings) == len(sample_report.tables["sections"])
    outline = [a for el in root.iter() if el.tag == "ul" and "outline" in el.classes for a in el.iter() if a.tag == "a"]
    assert len(outline) == len(headings)
    for a in outline:
        assert a.attrs["href"].removeprefix("#") in ids
    assert headings[0].text == "貳拾肆、國際事務"


# --- markup from crossing spans ----------------------------------------------------------------

def test_crossing_and_nested_spans_stay_well_nested():
    rng = random.Random(7)
    text = "<本府&秘書處>\n103年7月至12月\"業辦理\"訪賓接待業務，計有58案、516人到訪。"
    for trial in range(300):
        spans, ids = [], []
        for k in range(rng.randint(1, 12)):
            a = rng.randrange(len(text))
            b = rng.randint(a, min(len(text), a + 15))
            layer = rng.choice([_SENTENCE, _OFFICIAL, _MARK])
            tag = "mark" if layer == _MARK else "span"
            ids.append((f"x{k}", a, b))
            spans.append(_Span(a, b, layer, tag, "ent ent-CITY" if tag == "mark" else "off", {"title": "a<b"},
                               id=f"x{k}", order=rng.randint(0, 1)))
        out = render_spans(text, spans)
        root = parse(out)
        assert root.text == text, trial
        for anchor, a, b in ids:
            if a < b:
                assert target_text(root, anchor) == text[a:b], (trial, anchor)
        by_id(root)


def test_text_and_ids_are_escaped(tmp_path):
    text = '<script>alert("x")</script> & 高雄市 <b>'
    tables = {
        "documents": pd.DataFrame([{"doc_id": 'a<b>"c', "path": "x.txt", "encoding": "utf-8"}]),
        "entities": pd.DataFrame([{"doc_id": 'a<b>"c', "sentence_id": 0, "section_id": None, "start": 30,
                                   "end": 33, "text": "高雄市", "label": "CITY", "canonical": "<高雄市>",
                                   "source": "rule", "verdict": ""}]),
        "dates": pd.DataFrame([{"doc_id": 'a<b>"c', "start": 0, "end": 8, "text": "<script",
                                "start_date": "2014-01-01", "end_date": "2014-01-01", "granularity": "day",
                                "calendar": "roc", "inferred": False, "valid": True}]),
    }
    assert text[30:33] == "高雄市"
    out = tmp_path / "r.html"
    write_review(tables, {'a<b>"c': text}, out)
    html_text = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html_text and "<b>" not in html_text
    root = parse(html_text)
    [div] = [el for el in root.iter() if el.tag == "div" and "text" in el.classes]
    assert div.text == text
    [mark] = [el for el in root.iter() if el.tag == "mark" and "id" in el.attrs]
    assert mark.text == "高雄市" and "<高雄市>" in mark.attrs["title"]


def test_safe_name():
    assert safe_name("sub/dir/報告 第1章") == "sub_dir_報告_第1章"
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("...") == "document"


# --- several documents: index plus one page each ---------------------------------------------

@pytest.fixture(scope="module")
def two_documents(nlp, sample_text, tmp_path_factory):
    import reportie

    src = tmp_path_factory.mktemp("two")
    (src / "sub").mkdir()
    (src / "first.txt").write_text(sample_text[:900], encoding="utf-8")
    (src / "sub" / "second.txt").write_text(sample_text[1643:], encoding="utf-8")
    report = reportie.process(src, nlp=nlp, keep_docs=True)
    assert sorted(report.tables["documents"]["doc_id"]) == ["first", "sub/second"]
    texts = {d._.doc_id: d._.source for d in report.docs}
    return report, texts


def test_many_documents_get_an_index_and_a_page_each(two_documents, tmp_path):
    report, texts = two_documents
    out = tmp_path / "review.html"
    written = write_review(report.tables, texts, out, max_documents_per_page=1)
    assert written[0] == out and len(written) == 3
    assert all(p.is_file() for p in written)
    assert {p.parent for p in written[1:]} == {tmp_path / "review-files"}
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]

    index = parse(out.read_text(encoding="utf-8"))
    check_self_contained(index, out.read_text(encoding="utf-8"))
    links = [a.attrs["href"] for a in index.iter() if a.tag == "a"]
    targets = {(out.parent / unquote(urlsplit(h).path)).resolve() for h in links}
    assert targets == {p.resolve() for p in written[1:]}
    table_text = next(el for el in index.iter() if el.tag == "table").text
    counts = report.tables["entities"].groupby("doc_id").size()
    for doc_id in ("first", "sub/second"):
        assert doc_id in table_text
        assert str(counts[doc_id]) in table_text

    for page in written[1:]:
        html_text = page.read_text(encoding="utf-8")
        root = parse(html_text)
        check_self_contained(root, html_text)
        ids = by_id(root)
        for a in root.iter():
            href = a.attrs.get("href", "") if a.tag == "a" else ""
            if href.startswith("#"):
                assert href[1:] in ids
            elif href:
                assert (page.parent / unquote(urlsplit(href).path)).is_file(), href
        [div] = [el for el in root.iter() if el.tag == "div" and "text" in el.classes]
        assert div.text in texts.values()

    # the same tables on one page: a table of contents with in-page links
    single = tmp_path / "one.html"
    assert write_review(report.tables, texts, single) == [single]
    root = parse(single.read_text(encoding="utf-8"))
    ids = by_id(root)
    toc = next(el for el in root.iter() if el.tag == "nav" and "toc" in el.classes)
    toc_links = [a.attrs["href"] for a in toc.iter() if a.tag == "a"]
    assert len(toc_links) == 2 and all(h[1:] in ids for h in toc_links)


# --- a real browser --------------------------------------------------------------------------

def _chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) if not os.path.isabs(name) else (name if os.access(name, os.X_OK) else None)
        if found:
            return found
    return None


def _run_chromium(binary: str, profile: Path, *args: str) -> str:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_browser_renders_the_page_and_links_jump_to_the_text(sample_page, sample_report, tmp_path):
    binary = _chromium()
    if binary is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium); browser test skipped")
    out, _, root = sample_page
    url = out.resolve().as_uri()

    dom = _run_chromium(binary, tmp_path / "p1", "--dump-dom", url)
    rendered = parse(dom)
    marks = [el for el in rendered.iter() if el.tag == "mark" and "ent" in el.classes and "id" in el.attrs]
    assert len(marks) == len(sample_report.tables["entities"])

    shot = tmp_path / "review.png"
    _run_chromium(binary, tmp_path / "p2", "--window-size=1280,900", f"--screenshot={shot}", url)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 900)
    assert len(data) > 50_000, "the screenshot looks blank"

    # follow a link of the officials table and of an event role: the :target is that text
    officials = next(el for el in root.iter() if el.tag == "table" and "officials" in el.classes)
    events = next(el for el in root.iter() if el.tag == "table" and "events" in el.classes)
    role_link = next(a for a in events.iter() if a.tag == "a" and a.parent.tag == "li")
    for link in (next(a for a in officials.iter() if a.tag == "a" and len(a.text) > 3), role_link):
        anchor = link.attrs["href"].removeprefix("#")
        dom = _run_chromium(binary, tmp_path / "p3", "--dump-dom", f"{url}#{anchor}")
        body = next(el for el in parse(dom).iter() if el.tag == "body")
        assert body.attrs.get("data-target-id") == anchor
        assert body.attrs.get("data-target-text") == link.text
