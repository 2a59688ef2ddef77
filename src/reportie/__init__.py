"""reportie: archived Traditional Chinese government reports → structured tables.

>>> import reportie
>>> nlp = reportie.load()                      # the spaCy pipeline
>>> report = reportie.process("corpora/")       # tables as pandas DataFrames
>>> report.tables["dates"].head()
"""
from __future__ import annotations

from .pipeline import Report, load, process, segment

__all__ = ["Report", "load", "process", "segment"]
try:
    from importlib.metadata import PackageNotFoundError, version as _version

    __version__ = _version("reportie")
except PackageNotFoundError:  # running from a source checkout
    __version__ = "0.1.0+src"
