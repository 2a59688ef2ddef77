"""Where the shipped data lives: models/ (built by scripts/) and package data."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def models_dir() -> Path:
    """The models directory: ``$REPORTIE_MODELS``, else the checkout's ``models/``
    (src/reportie/../../models), else the copy installed inside the package."""
    return _models_dir(os.environ.get("REPORTIE_MODELS"))


@lru_cache(maxsize=8)
def _models_dir(env: str | None) -> Path:
    if env:
        return Path(env)
    repo = _HERE.parent.parent / "models"
    if repo.is_dir():
        return repo
    return _HERE / "models"


def compile_patterns(section: dict, table: dict[str, str]) -> dict:
    """The patterns a rule module reads, compiled once: name → dotted key path in ``section``
    (a part of a data file: "deadline.before" is section["deadline"]["before"])."""
    import regex

    out = {}
    for name, path in table.items():
        source = section
        for key in path.split("."):
            source = source[key]
        out[name] = regex.compile(source)
    return out


@lru_cache(maxsize=None)
def package_json(name: str) -> dict:
    """A JSON file of ``reportie/data``."""
    return json.loads(resources.files("reportie.data").joinpath(name).read_text(encoding="utf-8"))
