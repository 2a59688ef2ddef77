"""The command line as a user runs it: tables on disk, errors, exit codes, resume."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import SAMPLE


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    src = Path(__file__).resolve().parents[1] / "src"
    env["PYTHONPATH"] = str(src) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "reportie.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)


def read(outdir: Path, name: str) -> pd.DataFrame:
    raw = (outdir / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return pd.read_csv(outdir / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_help_lists_commands_and_options():
    out = run_cli("--help")
    assert out.returncode == 0 and "extract" in out.stdout
    out = run_cli("extract", "--help")
    assert out.returncode == 0
    for option in ("--format", "--segmenter", "--encoding", "--jobs", "--resume", "--reference-date YYYY-MM-DD",
                   "--reference-dates"):
        assert option in out.stdout


def test_extract_writes_every_table(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "sample.txt").write_bytes(SAMPLE.read_bytes())
    out = run_cli("extract", str(corpus), "-o", str(tmp_path / "out"), "-q")
    assert out.returncode == 0, out.stderr
    for name in ("documents", "sections", "sentences", "tokens", "dates", "entities", "officials",
                 "events", "event_roles", "errors", "entity_counts"):
        assert (tmp_path / "out" / f"{name}.csv").exists(), name
    docs = read(tmp_path / "out", "documents")
    assert list(docs["doc_id"]) == ["sample"]
    dates = read(tmp_path / "out", "dates")
    assert "2014-10-26" in set(dates["start_date"])
    assert not list((tmp_path / "out").glob(".*part*"))


def test_bad_inputs_are_reported_and_others_processed(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(SAMPLE.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    big5 = SAMPLE.read_text(encoding="utf-8")[:300].encode("big5hkscs", errors="ignore")
    (corpus / "big5.txt").write_bytes(big5)
    out = run_cli("extract", str(corpus), str(tmp_path / "missing"), "-o", str(tmp_path / "out"), "-q")
    assert out.returncode == 1
    assert "empty.txt" in out.stderr and "binary.txt" in out.stderr and "missing" in out.stderr
    errors = read(tmp_path / "out", "errors")
    assert set(errors["stage"]) <= {"read", "decode", "discover", "process"}
    assert len(errors) == 3
    docs = read(tmp_path / "out", "documents")
    assert sorted(docs["doc_id"]) == ["big5", "good"]
    assert dict(zip(docs["doc_id"], docs["encoding"]))["big5"] in {"cp950", "big5hkscs"}


def test_forced_encoding_and_usage_errors(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "r.txt").write_bytes(SAMPLE.read_bytes())
    out = run_cli("extract", str(corpus), "-o", str(tmp_path / "out"), "--encoding", "no-such-codec")
    assert out.returncode == 2 and "unknown encoding" in out.stderr
    out = run_cli("extract", str(corpus), "-o", str(tmp_path / "out"), "--encoding", "ascii", "-q")
    assert out.returncode == 1
    assert "cannot decode" in read(tmp_path / "out", "errors")["message"][0]


def test_parquet_output_reads_back(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "sample.txt").write_bytes(SAMPLE.read_bytes())
    out = run_cli("extract", str(corpus), "-o", str(tmp_path / "out"), "--format", "parquet", "-q")
    assert out.returncode == 0, out.stderr
    ents = pd.read_parquet(tmp_path / "out" / "entities.parquet")
    sents = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    text = SAMPLE.read_text(encoding="utf-8")
    assert len(sents) > 20
    for row in sents.itertuples():
        assert text[row.start:row.end] == row.text
    assert list(ents.columns)[:6] == ["doc_id", "sentence_id", "section_id", "start", "end", "text"]


def test_review_writes_a_self_contained_page(tmp_path):
    out = run_cli("review", str(SAMPLE), "-o", str(tmp_path / "review.html"))
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert "八王子祭" in page and "2014-10-26" in page
    assert "<script src" not in page and "https://" not in page


def test_reference_dates_per_document(tmp_path, reports_dir, reports_report):
    # an Executive Yuan chapter on 98年1–6月 opens with 壹、… and writes only 本年: without a
    # reference its 本年 borrows the nearest year written before (97年…); a reference file gives it
    chapter = reports_dir / "ly_ey_semiannual_report_3732_ch03_p2.txt"
    if not chapter.exists():
        pytest.skip("Executive Yuan chapter not present")
    refs = tmp_path / "refs.tsv"
    refs.write_text(f"file\tdate\n{chapter.name}\t98年1月至6月\n", encoding="utf-8")
    out = run_cli("extract", str(chapter), "-o", str(tmp_path / "with"), "--reference-dates", str(refs), "-q")
    assert out.returncode == 0, out.stderr
    this_year = read(tmp_path / "with", "dates")
    this_year = this_year[this_year["text"].str.startswith("本年")]
    assert len(this_year) >= 5 and (this_year["start_date"].str[:4] == "2009").all()
    plain = reports_report.tables["dates"]  # the same chapter without a reference (the session's run)
    plain = plain[plain["doc_id"] == chapter.stem].fillna("")
    assert (plain[plain["text"].str.startswith("本年")]["start_date"].str[:4] != "2009").any()


def test_a_bad_reference_file_stops_before_anything_is_written(tmp_path):
    for content, message in (("name,when\nx,y\n", "needs a header"),
                             ("file,date\nsample.txt,next spring\n", ":2: not a date")):
        refs = tmp_path / "refs.csv"
        refs.write_text(content, encoding="utf-8")
        out = run_cli("extract", str(SAMPLE), "-o", str(tmp_path / "out"), "--reference-dates", str(refs), "-q")
        assert out.returncode == 2 and message in out.stderr and not (tmp_path / "out").exists()
    out = run_cli("extract", str(SAMPLE), "-o", str(tmp_path / "out"), "--reference-dates", str(tmp_path / "none.tsv"))
    assert out.returncode == 2 and "cannot read" in out.stderr
