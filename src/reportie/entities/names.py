"""Names of organisations, events and programmes: quoted names (and quoted titles of works,
which are not annotated), law and budget names, names by their ending (協會, 博覽會, 計畫)
and a bracketed Latin name after a known one."""
from __future__ import annotations

import regex

from .candidate import P_NAME, P_QUOTED, PLACE_LABELS, Candidate, Item, Scan
from .lexicon import is_han, occurrences, word_tags


def _works(scan: Scan, text: str, quotes: list) -> set[int]:
    """Starts of quoted titles of one-off works (films, books, brochures: 製作「海角七號」、
    「冏男孩」等劇情片): a list of quotes shares the marker before its first or after its last."""
    v = scan.v
    works: set[int] = set()
    groups: list[list] = []
    for m in quotes:
        if groups and regex.fullmatch(r"\s*[、與及和]?\s*", text[groups[-1][-1].end():m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    for g in groups:
        before = text[max(0, g[0].start() - 6):g[0].start()]
        after = text[g[-1].end():g[-1].end() + 6]
        if any(before.endswith(w) for w in v["work_before_quote"]) or \
                regex.match(v["work_after_quote"], after):
            works.update(m.start() for m in g)
    return works


def quoted_names(scan: Scan, text: str) -> list[Candidate]:
    """「…」 names labelled by their ending, the words after them or the gazetteer; quoted
    laws and works are spans nothing inside which is annotated (label NONE)."""
    out = []
    quotes = list(scan.v["_quote"].finditer(text))
    works = _works(scan, text, quotes)
    for m in quotes:
        inner = m.group(1).strip()
        s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        e = s + len(inner)
        if not inner or e <= s:
            continue
        after = text[m.end():m.end() + 4]
        ending = _longest_ending(scan, inner)
        if _law_ending(scan, inner, ending):
            out.append(Candidate(s, e, "NONE", P_QUOTED, rule="not-entity"))
            continue  # a law or regulation: nothing inside it is annotated
        label = ending[1] if ending else None  # (name_label, its ending read once)
        if label == "BUREAU" and not _governmental(scan, inner):
            label = "ORG"  # 「國際棉業諮詢委員會」, 「臺灣國防工作小組」: not a government's body
        elif label == "ORG" and _governmental(scan, inner) and any(w in inner for w in scan.v["legislator_words"]):
            label = "BUREAU"  # 「中華民國－波蘭國會議員友好協會」: a parliamentary friendship group
        if label is None and m.start() in works:
            out.append(Candidate(s, e, "NONE", P_QUOTED, rule="work-title"))
            continue  # a film, book or brochure: not annotated, nor anything inside it
        if label is None and (any(inner.endswith(w) for w in scan.v["media_endings"]) or regex.match(
                scan.v["periodical_after_quote"], text[m.end():m.end() + 6])):
            label = "ORG"  # 「臺灣評論」月刊, 「澳洲人報」: serial media are ORG (decision)
        if label is None:
            if any(after.startswith(w) for w in scan.v["program_after_quote"]):
                label = "PROGRAM"
            elif any(after.startswith(w) for w in scan.v["event_after_quote"]):
                label = "EVENT"
        if label is None and (entry := scan.gaz.lookup(inner)) is not None and not entry.ambiguous:
            label = entry.label
        if label:
            out.append(Candidate(s, e, label, P_QUOTED, rule="quoted"))
    return out


def _governmental(scan: Scan, name: str) -> bool:
    """A body of a government (its name says ministry, council, parliament…) and not an
    international or private body (國際…, 世界…委員會 are ORG by the guide)."""
    v = scan.v
    if any(name.startswith(p) for p in v["international_prefixes"]):
        return False
    return any(w in name for w in v["government_markers"]) or scan.gaz.lookup(name, "BUREAU") is not None


def law_names(scan: Scan, text: str, dates: list[tuple[int, int]] = ()) -> list[Candidate]:
    """高雄市觀光行銷推廣補助辦法 written without quotes: nothing inside the name of a law,
    regulation or budget is annotated (decision), except a date (102年度新北市總預算案)."""
    v = scan.v
    stops = v["_law_left_stops"]
    out = []
    for m in v["_law_suffix"].finditer(text):
        programme = scan.gaz.suffix_of(text, m.end(), "PROGRAM")
        if programme and len(programme) > len(m.group(0)):
            continue  # …協議第5號執行辦法: a programme's longer ending, not a regulation's
        start = m.start()
        while start > 0 and m.start() - start < v["law_max_prefix"] and (
                is_han(text[start - 1]) or text[start - 1].isdigit() or text[start - 1] == "\n") and (
                text[start - 1] not in stops):
            start -= 1  # 高雄市低收入戶子女生活扶\n助辦法, 收支管理及運用暫行條例
        while start < m.start() and text[start] == "\n":
            start += 1
        start = max([start] + [b for a, b in dates if start <= a < m.start()])  # the date stays a DATE
        if m.start() - start >= 3:
            out.append(Candidate(start, m.end(), "NONE", P_QUOTED, rule="law-name"))
    return out


def name_label(scan: Scan, name: str) -> str | None:
    """Label from the name's ending: event, programme, organisation or bureau suffixes (the
    ambiguous ones too: every caller has a name already delimited, by quotes or a body)."""
    best = _longest_ending(scan, name)
    return None if best is None or _law_ending(scan, name, best) else best[1]


def _longest_ending(scan: Scan, name: str) -> tuple[int, str] | None:
    """The length and label of the longest event, programme, organisation or bureau ending."""
    best: tuple[int, str] | None = None
    for label in ("EVENT", "PROGRAM", "ORG", "BUREAU"):
        for sfx in scan.gaz.suffixes.get(label, ()):
            if name.endswith(sfx.suffix) and len(name) > len(sfx.suffix):
                if best is None or len(sfx.suffix) > best[0]:
                    best = (len(sfx.suffix), label)
                break
    return best


def _law_ending(scan: Scan, name: str, best: tuple[int, str] | None) -> bool:
    """Whether the name ends as a law, regulation or budget does (辦法, 條例), with no longer
    ending saying what else it is (…協議第5號執行辦法 is a programme)."""
    return any(name.endswith(s) and (best is None or len(s) >= best[0]) for s in scan.gaz.not_entity_suffixes)


def suffixed_names(scan: Scan, text: str, items: list[Item], dates: list[tuple[int, int]]) -> list[Candidate]:
    """Organisations, events and programmes named by an ending (協會, 博覽會, 計畫)."""
    out = []
    stops = scan.v["_org_stops"]
    ends = scan.v["_org_left_stop_words_by_length"]
    place_ends = {e: entry for s, e, entry in items if entry.label in {"COUNTRY"}}
    date_edges = {s for s, _ in dates} | {e for _, e in dates}
    for label in ("ORG", "EVENT", "PROGRAM"):
        for sfx in scan.gaz.suffixes.get(label, ()):
            edition_only = sfx.ambiguous and label == "EVENT" and sfx.kind in scan.v["event_kinds_named_by_edition"]
            if (sfx.ambiguous and not edition_only) or sfx.strength == "weak" or \
                    sfx.kind in scan.v["suffix_kinds_only_quoted"]:
                continue  # delegations and troupes are names only when quoted
            for m_start in occurrences(text, sfx.suffix):
                end = m_start + len(sfx.suffix)
                known = scan.covered.get(m_start)
                if known is not None and known[0] < m_start and known[1] > end:
                    continue  # inside a name the gazetteer knows whole (日本交流協會台北事務所)
                # 澳門中華文化交流協會: a name the gazetteer knows (交流協會) may end a longer one
                from_known = known is not None and known[0] < m_start and known[1] == end
                known_start = start = known[0] if from_known else m_start
                edition = False
                while start > 0 and m_start - start < sfx.max_prefix:
                    ch = text[start - 1]
                    if start in place_ends and label == "ORG" and not _specific(scan, text[start:end]):
                        # 中華民國防癆協會, 國立臺灣體育大學: a country before a generic name is part of it
                        start = scan.covered[start - 1][0]
                        continue
                    if start in place_ends and label == "EVENT" and (
                            ed := scan.v["_event_lead"].search(text, max(0, scan.covered[start - 1][0] - 8),
                                                               scan.covered[start - 1][0])):
                        # 第56屆美國總統就職典禮, 2012中國國際旅遊交易會: an edition or a year names the
                        # event, its place included
                        start, edition = ed.start(), True
                        break
                    if start in place_ends or start in date_edges:
                        break
                    if ch in stops and label in ("ORG", "EVENT") and \
                            word_tags().get(text[start - 1:start + 1], "") in scan.v["org_word_tags_through_stops"]:
                        start -= 1  # 澳門中華經濟文化促進會: 經濟 is a word of the name, not 經 (via)
                        continue
                    if ch in stops or not (is_han(ch) or ch.isalnum()):
                        break
                    if any(text[max(0, start - n):start] in words for n, words in ends):
                        break  # 本府, 就有玉山神學院, 規劃成立一個外交學院: a reference or verb is not part of the name
                    start -= 1
                if not from_known:
                    start = past_leading_verb(text, start, m_start + 2, scan.v)  # (參)加美東…協會: 參加 is a verb
                if m_start - start < max(2, sfx.min_prefix):
                    continue
                if from_known and not edition and not _place_led(scan, start, known_start):
                    continue  # 召集中央警察大學: only a place and a name of its own grow a known name
                name = text[start:end]
                if edition_only:
                    # 第16屆臺澳能礦會議, 第7屆籌備會議: an edition makes a meeting a named event
                    em = scan.v["_edition_at"].match(text, start, m_start)
                    if not em or m_start - em.end() < 2 or \
                            any(w in name for w in scan.v["council_meeting_words"]):
                        continue
                if end < len(text) and is_han(text[end]) and len(scan.gaz.suffix_of(text, end + 1, "BUREAU") or "") > 1:
                    continue  # 南區工程處: the ending belongs to a body's name
                if any(name.endswith(x) for x in scan.gaz.not_entity_suffixes):
                    continue
                long_plan = label == "PROGRAM" and sfx.kind in scan.v["plan_kinds_named_by_length"] and \
                    len(regex.findall(r"\p{Han}", text[start:m_start])) >= scan.v["plan_min_prefix"] and \
                    _plausible_org(scan, text[start:m_start])
                if label != "ORG" and sfx.kind not in scan.v["suffix_kinds_named_by_prefix"] and \
                        not long_plan and not _specific(scan, name):
                    continue  # a generic 研討會 / 計畫 without a specific head
                if label == "ORG" and (text[end - 1:end + 1] in scan.v["org_bad_end_pairs"]
                                       or text[start - 1:start] in scan.v["org_generic_before"]):
                    continue  # 大學校院 (not 大學校), 各地區性臺商會: not one organisation's name
                if (label == "ORG" or sfx.kind in scan.v["suffix_kinds_named_by_prefix"]) and \
                        not _plausible_org(scan, text[start:m_start]):
                    continue  # 受損學校, 若以學校, 東協10國中: not a name
                out.append(Candidate(start, end, label, P_NAME, rule=f"{label.lower()}-suffix"))
    return out


def past_leading_verb(text: str, start: int, end: int, v: dict) -> int:
    """拜訪美國國家科學基金會 → 美國國家科學基金會, (參)加美東新興資訊科技協會 → 美東…: a word that
    never opens an organisation's name (org_left_stop_words), written at or across the
    span's start, is not part of it."""
    for length, words in v["_org_left_stop_words_by_length"]:
        for back in range(length):  # the word starts `back` characters before the span
            at = start - back
            if at >= 0 and text[at:at + length] in words and end - (at + length) >= 2:
                return past_leading_verb(text, at + length, end, v)
    return start


def _place_led(scan: Scan, start: int, known: int) -> bool:
    """The text before a known name is a place and words of the name's own (澳門 + 中華文化 +
    交流協會); a place right before it stays a span of its own (美國 + 傳統基金會)."""
    place = scan.covered.get(start)  # (a country ends the walk before: only a city leads here)
    return place is not None and place[0] == start and place[2].label == "CITY" and known - place[1] >= 2


def _plausible_org(scan: Scan, prefix: str) -> bool:
    """The part before an organisation ending names something: two or more letters and
    no function characters."""
    if len(regex.findall(r"\p{Han}|[A-Za-z]", prefix)) < 2:
        return False
    if any(c in scan.v["org_never_chars"] for c in prefix):
        return False
    return True


def _specific(scan: Scan, name: str) -> bool:
    """A name with a year, a Latin acronym, a number or a known place or body inside."""
    if regex.search(r"\d|[A-Za-z]", name):
        return True
    return any(entry.label in PLACE_LABELS | {"ORG", "BUREAU"} for _, _, entry in scan.gaz.scan(name))


_BRACKETED_LATIN = regex.compile(r"[」』]?\s?\(([A-Za-z][A-Za-z .'&\-]{1,40})\)")


def bracketed_latin(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """利物浦(Liverpool), 「美洲開發銀行」(IDB): the bracketed Latin name after a name found has
    its label (read after resolution, so that names found by any rule get theirs)."""
    out = []
    for c in chosen:
        if c.label not in PLACE_LABELS | {"ORG", "BUREAU", "EVENT"}:
            continue
        m = _BRACKETED_LATIN.match(text, c.end, c.end + 46)
        if m:
            a = m.start(1)
            out.append(Candidate(a, a + len(m.group(1).strip()), c.label, P_NAME, rule="bracketed-latin"))
    return out
