"""Officials: (person, title, affiliation) triples read off the entity spans of a sentence.

Title before or after the name (知事蒲島郁夫 / 陳菊市長), titles inside names (許議長崑源),
affiliation as written just before the title (熊本縣知事, 觀光局局長) or carried over a
coordination (熊本縣知事蒲島郁夫暨副議長重村榮), else the issuing government.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..entities.canonical import full_country, short_country
from ..entities.gazetteer import default_gazetteer
from ..resources import compile_patterns, package_json

AFFILIATION_LABELS = {"CITY", "COUNTRY", "BUREAU", "ORG", "LOC"}
PLACE_CARRY_LABELS = {"CITY", "COUNTRY", "LOC"}


@dataclass(frozen=True)
class Mention:
    """An entity span as the relation rules see it (normalised offsets)."""

    start: int
    end: int
    label: str
    text: str
    canonical: str
    title: str = ""          # for a PERSON span with a title inside (許議長崑源)
    surname_only: bool = False


# the vocabulary's patterns, compiled once: name → key in relations.json "officials"
_PATTERNS = {"_coordination": "coordination", "_delegation": "delegation_gap", "_table_gap": "table_gap",
             "_clause_end": "clause_end", "_honorific": "honorific_gap",
             "_shared_before": "shared_title_before", "_list_sep": "list_separator",
             "_table_heading": "table_heading"}


@lru_cache(maxsize=1)
def _vocab() -> dict:
    v = dict(package_json("relations.json")["officials"])
    v.update(compile_patterns(v, _PATTERNS))
    return v


def _gap(text: str, a: int, b: int) -> str:
    return text[a:b] if b >= a else ""


def find_officials(text: str, mentions: list[Mention], issuer: str | None = None,
                   issuer_council: str | None = None) -> list[dict]:
    """Official rows for one document's mentions (sorted by start)."""
    v = _vocab()
    gaz = default_gazetteer()
    coordination, delegation, clause_end = v["_coordination"], v["_delegation"], v["_clause_end"]
    council_titles = set(v["council_titles"])
    table_gap = v["_table_gap"]  # 民政局局長：黃呂錦茹
    honorific = v["_honorific"]  # 國會議員Mr. Engelbert Wistuba
    shared_before, list_sep = v["_shared_before"], v["_list_sep"]
    headings = [(m.start(), m.group(1)) for m in v["_table_heading"].finditer(text)] if issuer_council else []
    rows: list[dict] = []
    used_people: set[int] = set()
    last_affiliation: tuple[int, Mention | None] = (-1, None)  # (end of last official, its affiliation)
    last_title = ""

    def affiliation_for(i: int) -> Mention | None:
        """The place or body written just before mention i (through a delegation word or a
        bracketed abbreviation)."""
        if i == 0:
            return None
        m = mentions[i - 1]
        gap = _gap(text, m.end, mentions[i].start)
        if m.label in AFFILIATION_LABELS and (gap == "" or delegation.fullmatch(gap)):
            return m
        return None

    def clause_country(i: int) -> Mention | None:
        """The nearest country written before mention i in the same sentence."""
        for j in range(i - 1, -1, -1):
            if clause_end.search(text, mentions[j].end, mentions[i].start):
                return None
            if mentions[j].label == "COUNTRY":
                return mentions[j]
            if mentions[j].label in {"BUREAU", "ORG"}:  # 俄羅斯國會友臺小組主席A、國會議員B → 俄羅斯
                entry = country_prefix(mentions[j].text)
                if entry is not None:
                    return Mention(mentions[j].start, mentions[j].start + len(entry.name), "COUNTRY",
                                   entry.name, entry.canonical)
        return None

    def add(i_title: int, title: str, person: Mention | None, span: tuple[int, int], affil: Mention | None,
            carried: Mention | None) -> None:
        nonlocal last_affiliation, last_title
        if affil is None and carried is not None and (
                carried.label in PLACE_CARRY_LABELS or title[-2:] == last_title[-2:]):
            # 熊本縣知事蒲島郁夫暨副議長重村榮: a place carries over; a body only to a title of the same
            # kind (行政院院長及賴副院長; but 俄羅斯國會友臺小組主席A、國會議員B: the country's legislator)
            affil = carried
        if person is None and affil is None and title not in v["default_affiliations"] and not issuer_council:
            return  # a bare title with nothing written around it: a role, not an identifiable official
        # (in a council's minutes a bare 市長 is the city's mayor: an official, folded into the
        # named holder when the minutes name one — decision on council minutes)
        if affil is None and title in v["titles_needing_written_affiliation"]:
            return  # a chair of a body the text does not name in a way we recognise: no guess
        national = v["national_default_affiliations"] if not issuer else {}
        if affil is None and not issuer and title not in v["default_affiliations"] and title not in national:
            affil = clause_country(i_title)  # 日本政要訪臺者包括：山本幸三…等參議員
        if affil is not None and affil.label == "COUNTRY" and short_country(affil.text, gaz):
            # 薩國 → 薩爾瓦多, 聖國 → 聖文森國: an abbreviated country is written out as the document
            # names it in full (decision); the entity stage has read which country it is
            full = next((x for x in reversed(mentions[:i_title]) if x.label == "COUNTRY"
                         and x.canonical == affil.canonical and full_country(x.text, gaz)), None)
            if full is not None:
                affil = full
        if affil is not None:
            affiliation, canonical = affil.text.replace(" ", ""), affil.canonical
        elif issuer_council and title in council_titles and not _under_government_heading(headings, span[0]):
            affiliation = canonical = issuer_council
        elif title in v["default_affiliations"]:
            affiliation = canonical = v["default_affiliations"][title]
        elif title in national:
            affiliation = canonical = national[title]  # Legislative Yuan texts: 委員 → 立法院
        else:
            affiliation = canonical = issuer or ""
        rows.append({
            "start_char": span[0], "end_char": span[1],
            "person": person.canonical if person else "", "title": title,
            "affiliation": affiliation, "affiliation_canonical": canonical,
            "_written": affil is not None,
        })
        last_affiliation = (span[1], affil)
        last_title = title

    for i, m in enumerate(mentions):
        carried = None
        if last_affiliation[1] is not None and coordination.fullmatch(_gap(text, last_affiliation[0], m.start) or "x"):
            carried = last_affiliation[1]
        if m.label == "PERSON" and m.title:
            if i in used_people:
                continue
            add(i, m.title, m, (m.start, m.end), affiliation_for(i), carried)
            continue
        if m.label != "TITLE":
            continue
        person = None
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        before = mentions[i - 1] if i > 0 else None
        if after is not None and after.label == "PERSON" and i + 1 not in used_people and (
                after.start == m.end or table_gap.fullmatch(_gap(text, m.end, after.start))
                or honorific.fullmatch(_gap(text, m.end, after.start))):
            person, span = after, (m.start, after.end)
            used_people.add(i + 1)
        elif before is not None and before.label == "PERSON" and before.end == m.start and i - 1 not in used_people:
            person, span = before, (before.start, m.end)
            used_people.add(i - 1)
        elif before is not None and before.label == "PERSON" and before.end == m.start:
            person, span = before, (before.start, m.end)  # 副議長LOPON SONAM TENPHEL法師: a second title
        else:
            span = (m.start, m.end)
        affil = affiliation_for(i) if person is None or person.start > m.start else affiliation_for(i - 1)
        if carried is None and affil is None and before is not None and before.label == "PERSON" and person is before:
            # 陳菊市長 after a coordination word: carry from the previous official
            if last_affiliation[1] is not None and coordination.fullmatch(
                    _gap(text, last_affiliation[0], before.start) or "x"):
                carried = last_affiliation[1]
        if affil is None and person is before and person is not None:
            # 副議長LOPON SONAM TENPHEL法師: a second title of the same person
            earlier = next((r for r in reversed(rows) if r["person"] == person.canonical), None)
            if earlier is not None:
                rows.append({**earlier, "title": _title_text(m), "start_char": span[0], "end_char": span[1]})
                continue
        if person is None and before is not None and before.label == "PERSON" and not before.title and \
                shared_before.fullmatch(_gap(text, before.end, m.start)):
            # 山本順三、坂口岳洋等眾議員: a trailing title shared by the list before it
            j = i - 1
            while j >= 0 and mentions[j].label == "PERSON" and not mentions[j].title and j not in used_people:
                used_people.add(j)
                add(i, _title_text(m), mentions[j], (mentions[j].start, m.end), affil, carried)
                if j == 0 or mentions[j - 1].label != "PERSON" or not list_sep.fullmatch(
                        _gap(text, mentions[j - 1].end, mentions[j].start)):
                    break
                j -= 1
            continue
        add(i, _title_text(m), person, span, affil, carried)
        if person is after and person is not None:
            # 國會議員Todd McClay、Simon Bridges、Amy Adams: a title shared by the list after it
            shared = last_affiliation[1]
            j = i + 2
            while j < len(mentions) and mentions[j].label == "PERSON" and not mentions[j].title and \
                    list_sep.fullmatch(_gap(text, mentions[j - 1].end, mentions[j].start)) and \
                    not (j + 1 < len(mentions) and mentions[j + 1].label == "TITLE"
                         and mentions[j + 1].start == mentions[j].end):
                used_people.add(j)
                add(i, _title_text(m), mentions[j], (m.start, mentions[j].end), shared, None)
                j += 1
    return _dedupe(rows)


def country_prefix(name: str):
    """The country a body's name starts with (俄羅斯國會友臺小組 → 俄羅斯), from the gazetteer."""
    entry = default_gazetteer().longest_at(name, 0, {"COUNTRY"}) if name else None
    return entry if entry is not None and len(entry.name) < len(name) else None


def _under_government_heading(headings: list[tuple[int, str]], at: int) -> bool:
    """In a council's attendee table, rows under 市政府： are the city's (its 秘書長), rows
    under 本會： the council's."""
    last = next((name for pos, name in reversed(headings) if pos < at), None)
    return last is not None and last != "本會"


def _title_text(m: Mention) -> str:
    """The title as written (without PDF spaces): 前副總統, 財政部長."""
    return "".join(m.text.split())


_SAME_BODY_PREFIX = 4  # characters two spellings of one body share (臺北大眾捷運…)


def _dedupe(rows: list[dict]) -> list[dict]:
    """One row per (person, title, affiliation). A title the document affiliates once lends
    that affiliation to its bare mentions (高次長英茂： after 請外交部次長來補充說明); a
    surname-only person takes the full name of the same surname and title when the document
    gives exactly one (外交部田部長 … 田部長弘茂：), and the rows of one person and title share
    the affiliation written for them."""
    def fill(rows: list[dict], key) -> list[dict]:
        known: dict = {}
        for r in rows:
            if r["affiliation"]:
                known.setdefault(key(r), set()).add((r["affiliation"], r["affiliation_canonical"]))
        out = []
        for r in rows:
            options = known.get(key(r), ())
            if not r["affiliation"] and len(options) == 1:
                affiliation, canonical = next(iter(options))
                r = {**r, "affiliation": affiliation, "affiliation_canonical": canonical}
            out.append(r)
        return out

    rows = fill(rows, lambda r: r["title"])
    full: dict = {}
    for r in rows:
        if len(r["person"]) >= 2:
            full.setdefault((r["person"][0], r["title"]), set()).add((r["person"], r["affiliation"]))

    def full_name(r: dict) -> str:
        options = {p for p, a in full.get((r["person"], r["title"]), ())
                   if not a or not r["affiliation"] or a == r["affiliation"]}
        return next(iter(options)) if len(options) == 1 else r["person"]

    rows = [{**r, "person": full_name(r)} if len(r["person"]) == 1 else r for r in rows]
    # 觀光局副局長賴宇亭 … 賴副局長宇亭: the affiliation written for a person and title wins over
    # the issuer assumed where nothing was written
    written: dict = {}
    for r in rows:
        if r["person"] and r.get("_written", True) and r["affiliation"]:
            written.setdefault((r["person"], r["title"]), set()).add((r["affiliation"], r["affiliation_canonical"]))
    rows = [{**r, "affiliation": "", "affiliation_canonical": ""}
            if not r.get("_written", True) and len(written.get((r["person"], r["title"]), ())) == 1 else r
            for r in rows]
    # 臺北大眾捷運股份有限公司總經理：譚國光 … 臺北大眾捷運公司譚總經理國光: one body written two
    # ways (the same first characters) is the affiliation the document wrote first
    first: dict = {}
    for r in rows:
        if r["person"] and r["affiliation"]:
            first.setdefault((r["person"], r["title"]), (r["affiliation"], r["affiliation_canonical"]))
    rows = [{**r, "affiliation": f[0], "affiliation_canonical": f[1]}
            if (f := first.get((r["person"], r["title"]))) and r["affiliation"] not in ("", f[0])
            and r["affiliation"][:_SAME_BODY_PREFIX] == f[0][:_SAME_BODY_PREFIX] else r
            for r in rows]
    rows = fill(rows, lambda r: (r["person"], r["title"]) if r["person"] else None)
    named = {(r["title"], r["affiliation"]) for r in rows if r["person"]}
    seen = set()
    out = []
    for r in rows:
        if not r["person"] and (r["title"], r["affiliation"]) in named:
            continue  # a bare title whose holder the document names folds into the named official
        key = (r["person"], r["title"], r["affiliation"])
        if key in seen:
            continue
        seen.add(key)
        out.append({k: val for k, val in r.items() if k != "_written"})
    return out
