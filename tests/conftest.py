"""Shared fixtures: the bundled corpus, the third-party reports in ../shared (optional), one pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SAMPLE = CORPORA / "kaohsiung_2014h2_international_affairs.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"
REPORTS = SHARED_DATA / "reports"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reports_dir() -> Path:
    if not REPORTS.is_dir():
        pytest.skip(f"third-party reports not present at {REPORTS}")
    return REPORTS


@pytest.fixture(scope="session")
def nlp():
    import reportie

    return reportie.load()


@pytest.fixture(scope="session")
def sample_report(nlp):
    import reportie

    return reportie.process(SAMPLE, nlp=nlp, keep_docs=True)


@pytest.fixture(scope="session")
def reports_report(nlp, reports_dir):
    import reportie

    return reportie.process(reports_dir, nlp=nlp)


@pytest.fixture(scope="session")
def sample_scores(sample_report):
    """The sample's tables scored against its gold annotation."""
    from reportie.annotations import load_gold
    from reportie.evaluation import score

    golds = [g for g in load_gold(ROOT / "annotations") if g.path.name == SAMPLE.name]
    assert golds, "the sample's gold annotation is missing"
    return score(golds, sample_report.tables)
