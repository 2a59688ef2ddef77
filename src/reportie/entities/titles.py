"""Titles: a 前 that ends the word before a title (目前院長), whether a title names a specific
person (not 各部長), and a foreign portfolio written before a title in a list of people
(貿工部長Peter Favila), which is one TITLE span."""
from __future__ import annotations

import regex

from .candidate import P_PERSON, Candidate, Item, Scan
from .lexicon import is_han
from .names import name_label
from .persons import is_name, likely_name, name_end


def former_titles(scan: Scan, text: str, items: list[Item]) -> list[Item]:
    """目前院長, 之前部長: a 前 that ends a word is not part of the title."""
    words = scan.v["former_prefix_words"]
    out = []
    for s, e, entry in items:
        if entry.label == "TITLE" and entry.name.startswith("前") and text[s - 1:s + 1] in words:
            base = scan.gaz.lookup(entry.name[1:], "TITLE")
            if base is None:
                continue
            s, entry = s + 1, base
        out.append((s, e, entry))
    return out


def specific_title(scan: Scan, text: str, s: int, e: int) -> bool:
    """A title of a specific person, not a generic or plural role."""
    before = text[max(0, s - 4):s]
    after = text[e:e + 4]
    after_name = s > 0 and scan.covered.get(s - 1, (0, -1, None))[1] == s  # 熊本縣知事: not 本縣
    if not after_name and any(before.endswith(g) for g in scan.v["generic_before_title"]):
        return False
    return not any(after.startswith(g) for g in scan.v["generic_after_title"])


def compound_titles(scan: Scan, text: str, items: list[Item]) -> list[Candidate]:
    """貿工部長Peter Favila, 外交部亞太總司長Scott Wightman, 總統顧問Kim Aroi: a foreign
    portfolio written before a title in a list of people is one TITLE span (decision:
    a compound title is one span); a body's name before it (外交部次長) stays a BUREAU."""
    v = scan.v
    out = []
    for s, e, entry in items:
        if entry.label != "TITLE" or entry.canonical not in v["portfolio_titles"] or e >= len(text):
            continue
        if not (is_han(text[e]) or regex.match(r"[A-Za-z]", text[e])) or text[e] in v["_strong"]:
            continue  # a name follows the title
        if not specific_title(scan, text, s, e):
            continue  # 部長會議: not a person's title
        k = s
        while k > 0 and s - k < v["portfolio_max"] and is_han(text[k - 1]) and text[k - 1] not in v["_strong"]:
            prev = scan.covered.get(k - 1)
            if prev is not None and prev[2].label in {"COUNTRY", "CITY", "BUREAU", "ORG", "PERSON"}:
                break
            if prev is not None:
                k = prev[0]
            else:
                k -= 1
        portfolio = text[k:s]
        if not portfolio or any(c in v["body_end_chars"] for c in portfolio) or k in scan.covered and \
                scan.covered[k][2].label not in {"TITLE", "LOC"} or name_label(scan, portfolio):
            continue
        if not (k == 0 or text[k - 1] in v["_strong"]
                or scan.covered.get(k - 1, (0, -1, None))[1] == k):
            continue  # the portfolio starts a list item or follows a body or a country
        if any(likely_name(scan, portfolio[-n:]) for n in (2, 3, 4) if len(portfolio) >= n) or \
                any(c in v["given_name_stop_chars"] for c in portfolio):
            continue  # 應該瞭解沈呂巡次長: a name before the title, not a portfolio
        run = regex.match(r"\p{Han}{2,6}(?=[(（、，,；;。\s]|$)", text[e:e + 8])
        if not regex.match(r"[A-Z]", text[e]) and not run and not is_name(scan, 
                text[e:name_end(scan, text, e, v["foreign_name_max"])], after_title=True):
            continue  # 國家經濟顧問委員會, 衛生顧問服務計畫: no person follows
        out.append(Candidate(k, e, "TITLE", P_PERSON, "".join(text[k:e].split()), "compound-title"))
    return out
