"""List headings of government reports (邀訪部分：, 出訪部分：): which of the lists under a
heading carry verbs of their own (decisions: the heading is an event only for the others)."""
from __future__ import annotations

import regex


def heading_lists(text: str, te: int, v: dict) -> list[tuple[int, int]] | None:
    """For a list heading (邀訪部分：, 出訪部分：), the lines of its list that have no verb of
    their own; None when the trigger is no such heading. The list is the rest of the
    heading's line, else the sub-lists on the lines after it ((１)東北亞：…, (２)東南亞：…)."""
    m = v["_heading_list"].match(text, te)
    if not m:
        return None
    lines: list[tuple[int, int]] = []
    pos = m.end()
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        sub = v["_sub_heading"].match(text, pos, end)
        if lines and not sub:
            break
        lines.append((sub.end() if sub else pos, end))
        if not sub and len(lines) == 1 and end > pos:
            break  # the list is on the heading's own line
        pos = end
    return [(a, b) for a, b in lines if not has_own_verb(text[a:b], v)]


def has_own_verb(line: str, v: dict) -> bool:
    """Whether a list line carries its own verbs: a verb in its lead-in (日本政要訪臺者包括：,
    來訪政要計有), or in most of its items (A訪英、B赴法參訪) or closing an item (A、B等訪問越南)."""
    def verb(x: str) -> bool:
        return any(not v["_delegation"].match(x, t.end()) for t in v["_trigger_re"].finditer(x))

    lead = v["_list_lead"].match(line)
    if lead and verb(lead.group(0)):
        return True
    items = [x for x in regex.split(r"[;。]", line) if x.strip()]
    if not items:
        return False
    own = 0
    for item in items:
        parts = [x for x in regex.split(r"[、]", item) if x.strip()]
        if verb(parts[-1]) or sum(map(verb, parts)) * 2 >= len(parts):
            own += 1
    return own * 2 >= len(items)
