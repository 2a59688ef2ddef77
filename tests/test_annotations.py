"""Gold annotations: validation, and reviewers' verdicts flowing back without losing gold."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from conftest import ROOT, SAMPLE
from reportie.annotations import VerdictError, check_file, import_verdicts

SAMPLE_GOLD = ROOT / "annotations" / "kaohsiung_2014h2_international_affairs.json"


def test_every_annotation_file_is_valid():
    problems = [p for f in sorted((ROOT / "annotations").glob("*.json")) for p in check_file(f)
                if "skipped" not in p]
    assert problems == []


@pytest.fixture()
def checkout(tmp_path, sample_report):
    """A checkout with the sample's gold and a run's tables (entities.csv with a verdict column)."""
    (tmp_path / "annotations").mkdir()
    (tmp_path / "corpora").mkdir()
    shutil.copy(SAMPLE, tmp_path / "corpora" / SAMPLE.name)
    shutil.copy(SAMPLE_GOLD, tmp_path / "annotations" / SAMPLE_GOLD.name)
    run = tmp_path / "run"
    run.mkdir()
    docs = sample_report.tables["documents"].copy()
    docs["path"] = str(tmp_path / "corpora" / SAMPLE.name)
    docs.to_csv(run / "documents.csv", index=False, encoding="utf-8-sig")
    return tmp_path


def _entities(sample_report) -> pd.DataFrame:
    return sample_report.tables["entities"].copy()


def _gold(checkout) -> dict:
    return json.loads((checkout / "annotations" / SAMPLE_GOLD.name).read_text(encoding="utf-8"))


def test_verdicts_merge_and_conflicts_are_reported_not_applied(checkout, sample_report):
    before = _gold(checkout)
    gold_spans = {(s["start"], s["end"]): s["label"] for s in before["spans"]}
    ents = _entities(sample_report)
    in_gold = ents[[(a, b) in gold_spans for a, b in zip(ents["start"], ents["end"])]]
    row_ok = in_gold.index[0]
    row_relabel = in_gold.index[1]
    ents.loc[row_ok, "verdict"] = "ok"
    ents.loc[row_relabel, "verdict"] = "ORG" if ents.loc[row_relabel, "label"] != "ORG" else "CITY"
    # a reviewer adds an entity the extractor missed: 認養姊妹市活動計畫 is gold already, so pick new text
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("藝陣")
    ents.loc[len(ents)] = {"doc_id": "kaohsiung_2014h2_international_affairs", "start": start,
                           "end": start + 2, "text": "藝陣", "label": "EVENT", "verdict": "EVENT"}
    path = checkout / "run" / "entities.csv"
    ents.to_csv(path, index=False, encoding="utf-8-sig")

    result = import_verdicts(path, checkout / "annotations")
    after = _gold(checkout)
    assert len(result.conflicts) == 1 and "kept gold" in result.conflicts[0]
    assert result.merged == 1 and result.unchanged == 1
    added = [s for s in after["spans"] if s["start"] == start]
    assert added == [{"start": start, "end": start + 2, "label": "EVENT", "text": "藝陣"}]
    # nothing of the earlier gold was lost or changed
    assert all(s in after["spans"] for s in before["spans"])


def test_a_bad_verdict_file_changes_nothing(checkout, sample_report):
    gold_file = checkout / "annotations" / SAMPLE_GOLD.name
    original = gold_file.read_bytes()
    ents = _entities(sample_report)
    ents.loc[ents.index[0], "verdict"] = "ok"
    ents.loc[ents.index[1], "verdict"] = "PLACE"  # not a label of the guide
    path = checkout / "run" / "entities.csv"
    ents.to_csv(path, index=False, encoding="utf-8-sig")
    with pytest.raises(VerdictError, match="unknown verdict 'PLACE'"):
        import_verdicts(path, checkout / "annotations")
    assert gold_file.read_bytes() == original

    ents.loc[ents.index[1], "verdict"] = "ok"
    ents.loc[ents.index[1], "start"] += 1  # offsets that no longer match the text
    ents.to_csv(path, index=False, encoding="utf-8-sig")
    with pytest.raises(VerdictError, match="no longer match"):
        import_verdicts(path, checkout / "annotations")
    assert gold_file.read_bytes() == original

    ents = _entities(sample_report)
    ents.loc[ents.index[0], "verdict"] = "ok"
    path.write_bytes(ents.to_csv(index=False).encode("cp950", errors="replace"))
    with pytest.raises(VerdictError, match="not UTF-8"):
        import_verdicts(path, checkout / "annotations")
    assert gold_file.read_bytes() == original


def test_a_fully_reviewed_new_document_becomes_gold(checkout, sample_report):
    (checkout / "annotations" / SAMPLE_GOLD.name).unlink()
    ents = _entities(sample_report)
    ents["verdict"] = "ok"
    wrong = ents.index[ents["label"] != "DATE"][-1]
    ents.loc[wrong, "verdict"] = "wrong"
    path = checkout / "run" / "entities.csv"
    ents.to_csv(path, index=False, encoding="utf-8-sig")
    result = import_verdicts(path, checkout / "annotations")
    assert result.completed == ["kaohsiung_2014h2_international_affairs"]
    new = json.loads(result.files[0].read_text(encoding="utf-8"))
    assert new["layers"] == ["entities"]
    assert len(new["spans"]) == len(ents) - 1 - (ents["label"] == "DATE").sum()
    assert len(new["rejected"]) == 1
    assert check_file(result.files[0]) == []


def test_cli_import_reports_and_exit_codes(checkout, sample_report):
    from test_cli import run_cli

    ents = _entities(sample_report)
    ents.loc[ents.index[0], "verdict"] = "maybe"
    path = checkout / "run" / "entities.csv"
    ents.to_csv(path, index=False, encoding="utf-8-sig")
    out = run_cli("annotations", "import", str(path), "--annotations", str(checkout / "annotations"))
    assert out.returncode == 1 and "nothing changed" in out.stderr
    ents.loc[ents.index[0], "verdict"] = "ok"
    ents.to_csv(path, index=False, encoding="utf-8-sig")
    out = run_cli("annotations", "import", str(path), "--annotations", str(checkout / "annotations"))
    assert out.returncode == 0, out.stderr
    assert "verdicts merged" in out.stderr
