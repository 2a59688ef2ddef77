"""Sentence boundaries of the normalised text: at 。！？ and at paragraph-ending line breaks.

Hard line wraps are already joined in the normalised view, so every remaining line
break ends a paragraph, a heading or a table row. Closing quotes and brackets that
follow a full stop stay with its sentence (。」).
"""
from __future__ import annotations

import regex

_END = regex.compile(r"[。!?！？]+[」』)\]】》〉\"'”’]*|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of ``text``, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        _add(text, start, end, spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
