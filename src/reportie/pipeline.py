"""``reportie.load()``: the spaCy pipeline, and ``process()``: documents → tables in memory."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the tokenizer, extensions, components)
from .resources import models_dir
from .loading import Document, LoadError, load as load_documents
from .references import reference_for
from .tables import TABLES, doc_tables, error_rows, typed_frame

SEGMENTERS = ("jieba", "pkuseg")
STAGES = ("outline", "sentences", "dates", "entities", "officials", "events")


def load(segmenter: str = "pkuseg", stages: Iterable[str] = STAGES, use_model: bool = True) -> Language:
    """The reportie pipeline: a spaCy ``zh`` Language with reportie's tokenizer and components.

    ``use_model=False`` leaves out the statistical entity recogniser (rules only).
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    config = {"nlp": {"tokenizer": {"@tokenizers": "reportie.Tokenizer.v1", "segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    for stage in stages:
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}; stages are {', '.join(STAGES)}")
        if stage == "entities" and use_model and (models_dir() / "ner" / "config.cfg").exists():
            # the statistical recogniser proposes, the entities component decides
            nlp.add_pipe("ner", source=_ner_source())
        nlp.add_pipe(f"reportie_{stage}", name=stage)
    return nlp


@lru_cache(maxsize=1)
def _ner_source() -> Language:
    return spacy.load(models_dir() / "ner")


def make_doc(nlp: Language, document: Document, reference_date: date | None = None,
             issuer: str | None = None, reference_dates: Mapping[str, date] | None = None) -> Doc:
    """A tokenised Doc carrying the document's identity and context, ready for ``nlp.pipe``;
    its reference date is the one ``reference_dates`` gives the document, else ``reference_date``."""
    reference_date = reference_for(document, reference_date, reference_dates)
    doc = nlp.make_doc(document.text)
    doc._.doc_id = document.doc_id
    doc._.path = document.path
    doc._.encoding = document.encoding
    doc._.sha256 = document.sha256
    doc._.reference_date = reference_date.isoformat() if reference_date else None
    doc._.issuer = issuer
    return doc


@dataclass
class Report:
    """The tables of one run, as pandas DataFrames named like the CSV files."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    docs: list[Doc] = field(default_factory=list)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def iter_docs(nlp: Language, documents: Iterable[Document], reference_date: date | None = None,
              issuer: str | None = None, batch_size: int = 16,
              reference_dates: Mapping[str, date] | None = None) -> Iterator[Doc]:
    """Run the pipeline over documents, in order."""
    docs = (make_doc(nlp, d, reference_date, issuer, reference_dates) for d in documents)
    yield from nlp.pipe(docs, batch_size=batch_size)


def process(paths: str | Path | Iterable[str | Path], *, glob: str = "*.txt", encoding: str | None = None,
            segmenter: str = "pkuseg", reference_date: date | None = None, issuer: str | None = None,
            nlp: Language | None = None, keep_docs: bool = False,
            reference_dates: Mapping[str, date] | None = None) -> Report:
    """Process files and folders into a :class:`Report` (all tables in memory).

    ``reference_dates`` (file name, stem or doc_id → date; see :mod:`reportie.references`) gives
    documents their own reference date; the others use ``reference_date``."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    nlp = nlp or load(segmenter=segmenter)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    documents: list[Document] = []
    for item in load_documents(paths, glob=glob, encoding=encoding):
        if isinstance(item, LoadError):
            rows["errors"].extend(error_rows(item))
        else:
            documents.append(item)
    report = Report()
    for doc in iter_docs(nlp, documents, reference_date, issuer, reference_dates=reference_dates):
        for name, table_rows in doc_tables(doc).items():
            rows[name].extend(table_rows)
        if keep_docs:
            report.docs.append(doc)
    report.tables = {name: typed_frame(name, r) for name, r in rows.items()}
    return report


def segment(text: str, segmenter: str = "pkuseg") -> list[str]:
    """Words of ``text`` (they concatenate back to the text)."""
    from .segmentation import segment as _segment

    return _segment(text, segmenter=segmenter)
