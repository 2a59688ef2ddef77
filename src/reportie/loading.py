"""Paths → Documents: finding report files, detecting their encoding, decoding them.

Taiwanese archives hold UTF-8 (with or without BOM), UTF-16 with BOM, Big5 / CP950
(with HKSCS characters) and occasionally GB18030. Problems are returned as values
(:class:`LoadError`) so that one bad file never stops a batch.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from charset_normalizer import from_bytes

# Encodings tried, in order, when a file is not valid UTF-8 and has no BOM.
LEGACY_ENCODINGS = ("cp950", "big5hkscs", "gb18030")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class Document:
    """One decoded report file."""

    doc_id: str
    path: str
    text: str
    encoding: str
    sha256: str
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class LoadError:
    """A file (or input) that could not be turned into a Document."""

    path: str
    stage: str
    message: str


def doc_id_for(path: Path, root: Path) -> str:
    """The file's path relative to the input it was found under, without suffix."""
    if path == root:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


def discover(inputs: Iterable[str | Path], glob: str = "*.txt") -> Iterator[tuple[Path, str] | LoadError]:
    """Yield ``(path, doc_id)`` for every matching file under the inputs, in sorted order."""
    seen: set[Path] = set()
    for item in inputs:
        root = Path(item)
        if not root.exists():
            yield LoadError(str(root), "discover", "no such file or folder")
            continue
        if root.is_dir():
            try:
                files = sorted(p for p in root.rglob(glob) if p.is_file())
            except OSError as exc:
                yield LoadError(str(root), "discover", f"cannot list folder: {exc.strerror or exc}")
                continue
            if not files:
                yield LoadError(str(root), "discover", f"no files matching {glob!r} in folder")
            for path in files:
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    yield path, doc_id_for(path, root)
        elif root.resolve() not in seen:
            seen.add(root.resolve())
            yield root, root.stem


def detect_encoding(data: bytes) -> str:
    """Name of the codec that decodes ``data``; raises ValueError when none does."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    candidates = ([best.encoding] if best else []) + [e for e in LEGACY_ENCODINGS]
    for name in candidates:
        name = {"big5": "cp950", "big5hkscs": "big5hkscs"}.get(name, name)
        try:
            data.decode(name)
            return name
        except (UnicodeDecodeError, LookupError):
            continue
    raise ValueError("cannot decode: not UTF-8, UTF-16, Big5/CP950, Big5-HKSCS or GB18030")


def _looks_binary(data: bytes, encoding: str) -> bool:
    if encoding.startswith("utf-16"):
        return False
    head = data[:8192]
    return b"\x00" in head


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode report bytes; returns ``(text, encoding used)``."""
    name = encoding or detect_encoding(data)
    text = data.decode(name)
    if name == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    return text, name


def read_document(path: Path, doc_id: str, encoding: str | None = None) -> Document | LoadError:
    """Read and decode one file, or say why it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return LoadError(str(path), "read", f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return LoadError(str(path), "read", "empty file")
    if encoding is None and _looks_binary(data, "") and not any(data.startswith(b) for b, _ in _BOMS[1:]):
        return LoadError(str(path), "decode", "binary file (contains NUL bytes), not report text")
    try:
        text, used = decode(data, encoding)
    except LookupError:
        return LoadError(str(path), "decode", f"unknown encoding {encoding!r}")
    except UnicodeDecodeError as exc:
        return LoadError(str(path), "decode", f"cannot decode as {exc.encoding}: invalid byte at offset {exc.start}")
    except ValueError as exc:
        return LoadError(str(path), "decode", str(exc))
    if not text.strip():
        return LoadError(str(path), "decode", "file holds no text")
    if sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f") > 8:
        return LoadError(str(path), "decode", "binary file (control characters), not report text")
    return Document(doc_id=doc_id, path=str(path), text=text, encoding=used,
                    sha256=hashlib.sha256(data).hexdigest())


def load(inputs: Iterable[str | Path], glob: str = "*.txt", encoding: str | None = None) -> Iterator[Document | LoadError]:
    """Documents (or errors) for every matching file under ``inputs``."""
    for found in discover(inputs, glob):
        if isinstance(found, LoadError):
            yield found
        else:
            yield read_document(found[0], found[1], encoding)


def read_table(path: Path, delimiter: str | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a UTF-8 CSV or TSV file (with Excel's BOM or without); without a
    delimiter given, a tab in the header line makes it TSV. Raises OSError or
    UnicodeDecodeError for the caller to word."""
    text = Path(path).read_bytes().decode("utf-8-sig")
    if delimiter is None:
        delimiter = "\t" if "\t" in text.partition("\n")[0] else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    return list(reader.fieldnames or []), rows
