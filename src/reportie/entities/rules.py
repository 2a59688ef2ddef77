"""Rule-based entity spans: gazetteer names, composed government bodies, titles and the
names next to them, quoted and suffixed names of organisations, events and programmes.

Each rule proposes :class:`Candidate` spans with a priority; :func:`resolve` keeps a flat,
non-overlapping set (higher priority first, then longer). The vocabulary the rules use
lives in ``reportie/data/entity_rules.json`` and in the gazetteers.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..resources import package_json
from .gazetteer import Entry, Gazetteer

PLACE_LABELS = {"COUNTRY", "CITY", "LOC"}

# Priorities: a quoted name beats everything inside it; a composed body beats its parts.
P_QUOTED, P_BUREAU, P_DATE, P_PERSON_EMBEDDED, P_PERSON, P_NAME, P_GAZ, P_ABBR = 90, 80, 76, 75, 74, 70, 60, 50


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    priority: int
    canonical: str | None = None
    rule: str = ""
    meta: tuple = ()


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    v = dict(package_json("entity_rules.json"))
    v["_boundary"] = set(v["name_boundary_chars"])
    v["_org_stops"] = set(v["org_left_stops"])
    v["_rep_office"] = regex.compile(v["representative_office"])
    v["_quote"] = regex.compile(
        f"[{regex.escape(v['quote_open'])}]([^{regex.escape(v['quote_close'] + v['quote_open'])}\\n]{{1,60}})"
        f"[{regex.escape(v['quote_close'])}]")
    return v


_CJK = regex.compile(r"\p{Han}")
_LATIN_NAME = regex.compile(r"[A-Z][A-Za-z'\-]*(?:[ .·][A-Z][A-Za-z'\-]*){1,5}")
_DOT_NAME = regex.compile(r"\p{Han}{1,6}(?:[.·‧．・]\p{Han}{1,8}){1,3}")


def _is_han(ch: str) -> bool:
    return bool(_CJK.match(ch))


class Rules:
    """All rule-based candidates for one normalised text."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.v = vocabulary()

    # -- entry point ----------------------------------------------------------------------
    def candidates(self, text: str, dates: list[tuple[int, int]] = ()) -> list[Candidate]:
        out: list[Candidate] = []
        items = self.gaz.scan(text)
        out += [Candidate(s, e, "DATE", P_DATE, rule="date") for s, e in dates]
        out += self._quoted(text)
        out += self._gazetteer(text, items)
        out += self._bureaus(text, items)
        out += self._persons(text, items)
        out += self._suffixed(text, items, dates)
        out += self._abbreviation_lists(text)
        return out

    # -- gazetteer names --------------------------------------------------------------------
    def _gazetteer(self, text: str, items) -> list[Candidate]:
        out = []
        for s, e, entry in items:
            if entry.label == "TITLE":
                if not self._specific_title(text, s, e):
                    continue
            elif entry.ambiguous:
                continue
            out.append(Candidate(s, e, entry.label, P_GAZ, entry.canonical, "gazetteer"))
        return out

    def _specific_title(self, text: str, s: int, e: int) -> bool:
        """A title of a specific person, not a generic or plural role."""
        before = text[max(0, s - 4):s]
        after = text[e:e + 4]
        if any(before.endswith(g) for g in self.v["generic_before_title"]):
            return False
        if any(after.startswith(g) for g in self.v["generic_after_title"]):
            return False
        return True

    # -- government bodies ----------------------------------------------------------------
    def _bureaus(self, text: str, items) -> list[Candidate]:
        out = []
        v = self.v
        glue = sorted(v["bureau_glue"], key=len, reverse=True)
        gov_suffixes = sorted(v["place_government_suffixes"], key=len, reverse=True)
        by_start = {s: (e, entry) for s, e, entry in items}
        for s, e, entry in items:
            start, end = s, e
            if entry.label in {"CITY", "COUNTRY"}:
                # 仁川市議會, 高雄市政府: a place and a government suffix
                suffix = next((g for g in gov_suffixes if text.startswith(g, e)), None)
                rep = v["_rep_office"].match(text, e) if entry.label == "COUNTRY" else None
                if suffix:
                    end = e + len(suffix)
                elif rep and rep.end() > e + 1:
                    end = rep.end()
                else:
                    continue
            elif entry.label != "BUREAU":
                continue
            # 本府秘書處, 市政府文化局: a glue word before the unit
            for g in glue:
                if text.endswith(g, 0, start):
                    start -= len(g)
                    break
            # chains: 衛生福利部社會及家庭署, 美國在台協會高雄分處
            while True:
                nxt = by_start.get(end)
                if nxt and nxt[1].label == "BUREAU":
                    end = nxt[0]
                    continue
                if nxt and nxt[1].label == "CITY":
                    unit = next((u for u in ("分處", "分局", "辦事處", "分會", "事務所") if text.startswith(u, nxt[0])), None)
                    if unit:
                        end = nxt[0] + len(unit)
                        continue
                break
            if (start, end) != (s, e):
                out.append(Candidate(start, end, "BUREAU", P_BUREAU, rule="bureau-compose"))
        # 本府 + an unknown unit ending in 局/處: 本府國際事務處
        for m in regex.finditer(r"(?:本府|市府)(\p{Han}{1,6}?(?:局|處|委員會|中心))", text):
            out.append(Candidate(m.start(), m.end(), "BUREAU", P_BUREAU - 1, rule="bureau-unit"))
        return out

    # -- people ---------------------------------------------------------------------------
    def _surname_before(self, text: str, s: int) -> int | None:
        """Start of a surname ending at ``s`` (two-character surnames first)."""
        for n in (2, 1):
            if s - n >= 0 and text[s - n:s] in self.gaz.surnames and all(_is_han(c) for c in text[s - n:s]):
                return s - n
        return None

    def _name_after(self, text: str, i: int, limit: int) -> int:
        """End of a name-like run of Han characters starting at ``i`` (``i`` if none)."""
        j = i
        boundary = self.v["_boundary"]
        while j < len(text) and j - i < limit:
            ch = text[j]
            if not _is_han(ch) and ch not in ".·‧・":
                break
            if j > i and (ch in boundary or any(text.startswith(w, j) for w in self.v["name_stop_words"])):
                break
            if j > i and self.gaz.longest_at(text, j, {"TITLE", "BUREAU", "COUNTRY", "CITY"}):
                break
            j += 1
        return j

    def _looks_like_name(self, name: str) -> bool:
        if not name or any(name.startswith(w) for w in self.v["name_stop_words"]):
            return False
        if name[0] in self.v["_boundary"] and name[0] not in "一":
            return False
        if name in self.gaz.entries:
            return False
        for n in (2, 1):
            if name[:n] in self.gaz.surnames:
                origin = self.gaz.surnames[name[:n]]
                max_len = n + (self.v["given_name_max"] if origin != "japanese" else 4)
                return n < len(name) <= max_len
        return 2 <= len(name) <= self.v["foreign_name_max"] - 1

    def _persons(self, text: str, items) -> list[Candidate]:
        out = []
        titles = [(s, e, entry) for s, e, entry in items if entry.label == "TITLE"]
        for s, e, entry in titles:
            # 許議長崑源 / 林局長: surname + title (+ given name) is one PERSON
            sur = self._surname_before(text, s)
            if sur is not None and (sur == 0 or not _is_han(text[sur - 1]) or text[sur - 1] in self.v["_boundary"]
                                    or self.gaz.longest_at(text, sur - 1, {"BUREAU"}) is None):
                given_end = self._name_after(text, e, self.v["given_name_max"])
                given = text[e:given_end]
                if given and not self._looks_like_given(given):
                    given_end = e
                person = text[sur:s] + text[e:given_end]
                out.append(Candidate(sur, given_end, "PERSON", P_PERSON_EMBEDDED,
                                     canonical=person, rule="person-embedded",
                                     meta=(("title", entry.canonical), ("surname_only", given_end == e))))
                continue
            # 知事蒲島郁夫, 市議員DAVID FLORES TUMULAK: title then name
            m = _LATIN_NAME.match(text, e) or _DOT_NAME.match(text, e)
            if m:
                out.append(Candidate(e, m.end(), "PERSON", P_PERSON, rule="person-after-title"))
            else:
                end = self._name_after(text, e, self.v["foreign_name_max"])
                if end > e and self._looks_like_name(text[e:end]) and self._ends_name(text, end):
                    out.append(Candidate(e, end, "PERSON", P_PERSON, rule="person-after-title"))
            # 陳菊市長, 宮元陸市長: name then title
            start = s
            while start > 0 and s - start < 5 and _is_han(text[start - 1]) and text[start - 1] not in self.v["_boundary"]:
                if self.gaz.longest_at(text, start - 1, PLACE_LABELS | {"BUREAU", "TITLE"}) and start - 1 < s - 1:
                    break
                start -= 1
            # trim to a surname start
            for k in range(start, s - 1):
                name = text[k:s]
                if self._looks_like_name(name) and name[:1] in self.gaz.surnames or name[:2] in self.gaz.surnames:
                    if self._looks_like_name(name) and not any(
                            a <= k < b for a, b, _ in items if (a, b) != (s, e)):
                        out.append(Candidate(k, s, "PERSON", P_PERSON - 1, rule="person-before-title"))
                    break
        for m in _LATIN_NAME.finditer(text):
            words = m.group(0).split()
            if len(words) >= 2 and all(w.isupper() for w in words):
                out.append(Candidate(m.start(), m.end(), "PERSON", P_NAME - 1, rule="latin-name"))
        return out

    def _looks_like_given(self, given: str) -> bool:
        return not any(given.startswith(w) for w in self.v["name_stop_words"]) and given not in self.gaz.entries

    def _ends_name(self, text: str, end: int) -> bool:
        return end >= len(text) or not _is_han(text[end]) or text[end] in self.v["_boundary"] or any(
            text.startswith(w, end) for w in self.v["name_stop_words"]) or self.gaz.longest_at(
            text, end, {"TITLE"}) is not None

    # -- quoted names ---------------------------------------------------------------------
    def _quoted(self, text: str) -> list[Candidate]:
        out = []
        for m in self.v["_quote"].finditer(text):
            inner = m.group(1).strip()
            s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            e = s + len(inner)
            if not inner or e <= s:
                continue
            after = text[m.end():m.end() + 4]
            label = self._name_label(inner)
            if label is None:
                if any(after.startswith(w) for w in self.v["program_after_quote"]):
                    label = "PROGRAM"
                elif any(after.startswith(w) for w in self.v["event_after_quote"]):
                    label = "EVENT"
            if label is None and (entry := self.gaz.lookup(inner)) is not None:
                label = entry.label
            if label:
                out.append(Candidate(s, e, label, P_QUOTED, rule="quoted"))
        return out

    def _name_label(self, name: str) -> str | None:
        """Label from the name's ending: event, programme, organisation or bureau suffixes."""
        if any(name.endswith(s) for s in self.gaz.not_entity_suffixes):
            return None
        best: tuple[int, str] | None = None
        for label in ("EVENT", "PROGRAM", "ORG", "BUREAU"):
            for suffix, ambiguous in self.gaz.suffixes.get(label, ()):
                if name.endswith(suffix) and not ambiguous and len(name) > len(suffix):
                    if best is None or len(suffix) > best[0]:
                        best = (len(suffix), label)
                    break
        return best[1] if best else None

    # -- names by their ending ------------------------------------------------------------
    def _suffixed(self, text: str, items, dates) -> list[Candidate]:
        """Organisations and events named by an ending (協會, 大學, 博覽會) with a specific head."""
        out = []
        stops = self.v["_org_stops"]
        max_prefix = self.v["org_max_prefix"]
        country_ends = {e for s, e, entry in items if entry.label == "COUNTRY"}
        hard_starts = {s for s, _ in dates} | {e for _, e in dates}
        for label in ("ORG", "EVENT"):
            for suffix, ambiguous in self.gaz.suffixes.get(label, ()):
                if ambiguous:
                    continue
                for m in regex.finditer(regex.escape(suffix), text):
                    end = m.end()
                    start = m.start()
                    while start > 0 and m.start() - start < max_prefix:
                        ch = text[start - 1]
                        if start in country_ends or start in hard_starts:
                            break
                        if ch in stops or not (_is_han(ch) or ch.isalnum()):
                            break
                        start -= 1
                    if m.start() - start < 2:
                        continue
                    name = text[start:end]
                    if any(name.startswith(r) for r in self.v["references"]):
                        continue
                    if label == "EVENT" and not regex.search(r"\d|[A-Za-z]", name) and not self._has_place(name):
                        continue  # a generic 研討會 / 說明會 without a specific head
                    out.append(Candidate(start, end, label, P_NAME, rule=f"{label.lower()}-suffix"))
        return out

    def _has_place(self, name: str) -> bool:
        return any(entry.label in PLACE_LABELS for _, _, entry in self.gaz.scan(name))

    # -- single-character place lists -----------------------------------------------------
    def _abbreviation_lists(self, text: str) -> list[Candidate]:
        """美、加、日韓港澳星馬: single-character places count only in lists of them."""
        abbr = self.gaz.abbreviations
        if not abbr:
            return []
        chars = regex.escape("".join(abbr))
        out = []
        for m in regex.finditer(f"[{chars}](?:、?[{chars}]){{1,10}}", text):
            before = text[m.start() - 1:m.start()]
            after = text[m.end():m.end() + 1]
            if _is_han(before) and before not in "、及與和全":
                continue
            if _is_han(after) and after not in "、及與和等兩三四五六七八九十":
                continue
            for i in range(m.start(), m.end()):
                if text[i] in abbr:
                    e = abbr[text[i]]
                    out.append(Candidate(i, i + 1, e.label, P_ABBR, e.canonical, "abbreviation"))
        return out


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """A flat set: higher priority first, then longer, then earlier."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if c.end <= c.start:
            continue
        if any(c.start < b and a < c.end for a, b in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
