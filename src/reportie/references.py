"""Per-document reference dates: what 本年, 本期 and year-less dates are read against when the
documents of an archive cover different periods and do not state them in their heads (an
Executive Yuan chapter on 98年1–6月 opens with 拾壹、僑務 and writes only 本年).

A reference file is a CSV or TSV table with a header naming a ``file`` column (a file name,
its stem, or the doc_id a run reports) and a ``date`` column: an ISO date (2009-01-01) or a
date expression reportie reads (98年1月至6月 → its first day).
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

from .loading import Document, read_table

FILE_COLUMNS = ("file", "doc_id", "document")
DATE_COLUMNS = ("date", "reference_date", "period")


class ReferenceFileError(ValueError):
    """A reference file that cannot be used (unreadable, no such columns, a date not read)."""


def read_reference_dates(path: str | Path) -> dict[str, datetime.date]:
    """The reference date of each document named in a CSV/TSV reference file."""
    path = Path(path)
    try:
        fieldnames, rows = read_table(path)
    except OSError as exc:
        raise ReferenceFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ReferenceFileError(f"{path}: not UTF-8 text") from None
    if not fieldnames:
        raise ReferenceFileError(f"{path}: empty file")
    names = {h.strip().lower(): h for h in fieldnames}
    file_col = next((names[c] for c in FILE_COLUMNS if c in names), None)
    date_col = next((names[c] for c in DATE_COLUMNS if c in names), None)
    if file_col is None or date_col is None:
        raise ReferenceFileError(f"{path}: needs a header with a file column ({', '.join(FILE_COLUMNS)}) "
                                 f"and a date column ({', '.join(DATE_COLUMNS)}); found {list(names)}")
    out: dict[str, datetime.date] = {}
    for line_no, row in enumerate(rows, start=2):
        name = (row.get(file_col) or "").strip()
        value = (row.get(date_col) or "").strip()
        if not name and not value:
            continue
        if not name or not value:
            raise ReferenceFileError(f"{path}:{line_no}: a row needs both a file and a date")
        out[name] = read_date(value, f"{path}:{line_no}")
    return out


def read_date(value: str, where: str) -> datetime.date:
    """An ISO date or one reportie's date grammar reads (98年1月至6月 → its first day)."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    from .dates import normalize

    try:
        return normalize(value)[0]
    except ValueError:
        raise ReferenceFileError(f"{where}: not a date reportie can read: {value!r}") from None


def reference_for(document: Document, reference_date: datetime.date | None,
                  reference_dates: Mapping[str, datetime.date] | None) -> datetime.date | None:
    """The document's own reference date from the file (by file name, stem or doc_id), else
    the run's single reference date."""
    if reference_dates:
        p = Path(document.path)
        for key in (p.name, p.stem, document.doc_id):
            if key in reference_dates:
                return reference_dates[key]
    return reference_date
