"""The batch driver as a user meets it: killed and resumed runs, Ctrl-C, several jobs, Parquet.

Every run goes through ``python -m reportie.cli extract`` on ~12 small documents of
distinct content (rotations of the sample), and every table is compared, after reading
back, with one uninterrupted single-process run. Runs are shared between tests where
they can be (the pipeline load dominates the time).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import SAMPLE

SRC = Path(__file__).resolve().parents[1] / "src"
N_DOCS = 12
JOURNAL = Path(".reportie-run") / "journal.jsonl"


def tables():
    from reportie.tables import TABLES

    return list(TABLES)


def cli_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def extract_cmd(corpus: Path, out: Path, *args: str) -> list[str]:
    # the missing input makes a discovery error row, which must survive resumes exactly once
    return [sys.executable, "-m", "reportie.cli", "extract", str(corpus), str(corpus.parent / "missing"),
            "-o", str(out), "-q", *args]


def run_cli(corpus: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(extract_cmd(corpus, out, *args), capture_output=True, text=True, env=cli_env(),
                          timeout=600)


def read_csv_tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
            for name in tables()}


def as_text(df: pd.DataFrame) -> pd.DataFrame:
    """A typed table as its CSV reading gives it: every value a string, missing values empty."""
    out = pd.DataFrame({c: ["" if pd.isna(v) else str(v) for v in df[c]] for c in df.columns},
                       columns=df.columns, dtype=object)
    return out.astype(str)


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert set(got) == set(want)
    for name in want:
        a = got[name].reset_index(drop=True).astype(str)
        b = want[name].reset_index(drop=True).astype(str)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=name)


def start_killable(corpus: Path, out: Path, *args: str) -> subprocess.Popen:
    # own session: signals go to the whole process group, as a terminal's Ctrl-C does
    return subprocess.Popen(extract_cmd(corpus, out, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=cli_env(), start_new_session=True)


def wait_for_journal(proc: subprocess.Popen, out: Path, timeout: float = 300) -> int:
    """Wait until the run has committed at least one part; returns the journal's line count."""
    journal = out / JOURNAL
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if journal.exists():
            lines = [line for line in journal.read_text(encoding="utf-8").splitlines() if line.strip()]
            if lines:
                return len(lines)
        if proc.poll() is not None:
            pytest.fail(f"run ended (exit {proc.returncode}) before its first journal line:\n"
                        f"{proc.stderr.read()}")
        time.sleep(0.01)
    proc.kill()
    pytest.fail("no journal line in time")


def assert_no_final_tables(out: Path) -> None:
    leftovers = [p.name for p in out.iterdir() if p.name != ".reportie-run"]
    assert leftovers == [], f"final tables or temporary files after an interrupted run: {leftovers}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """12 documents of distinct content: the sample's lines rotated, so each starts elsewhere,
    each long enough (the sample 8 times) that a run is still busy after its first journal line."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    folder = tmp_path_factory.mktemp("batch") / "in"
    folder.mkdir()
    for i in range(N_DOCS):
        k = (i * 7) % len(lines)
        (folder / f"doc{i:02d}.txt").write_text("".join(lines[k:] + lines[:k]) * 8, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")  # a read error, keyed by path in the journal
    return folder


@pytest.fixture(scope="module")
def reference(corpus) -> dict[str, pd.DataFrame]:
    """The tables of one uninterrupted single-process run."""
    out = corpus.parent / "reference"
    done = run_cli(corpus, out, "--jobs", "1")
    assert done.returncode == 1, done.stderr  # 1: the empty file and the missing input
    assert not (out / ".reportie-run").exists()
    got = read_csv_tables(out)
    assert len(got["documents"]) == N_DOCS
    assert len(got["errors"]) == 2
    return got


def test_killed_run_resumes_to_the_same_tables(corpus, reference):
    out = corpus.parent / "killed"
    proc = start_killable(corpus, out, "--jobs", "1", "--batch-docs", "2")
    committed = wait_for_journal(proc, out)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert committed < (N_DOCS + 2) // 2, "the run finished before it could be killed midway"
    assert_no_final_tables(out)
    resumed = run_cli(corpus, out, "--resume", "--batch-docs", "2")
    assert resumed.returncode == 1, resumed.stderr
    assert not (out / ".reportie-run").exists()
    assert_same_tables(read_csv_tables(out), reference)


def test_ctrl_c_exits_130_without_tables_and_two_jobs_finish_the_same(corpus, reference):
    out = corpus.parent / "interrupted"
    proc = start_killable(corpus, out, "--jobs", "2", "--batch-docs", "2")
    wait_for_journal(proc, out)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "--resume" in stderr
    assert "Traceback" not in stderr, stderr  # workers leave Ctrl-C to the parent
    assert_no_final_tables(out)
    # finishing with 2 jobs gives what one uninterrupted process gives
    resumed = run_cli(corpus, out, "--resume", "--jobs", "2")
    assert resumed.returncode == 1, resumed.stderr
    assert_same_tables(read_csv_tables(out), reference)


def worker_pids(parent: int) -> list[int]:
    """The run's worker processes (multiprocessing spawn children), from /proc."""
    out = []
    for task in Path(f"/proc/{parent}/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmdline:
                out.append(int(pid))
    return out


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_a_worker_killed_from_outside_does_not_hang_or_lose_documents(corpus, reference):
    out = corpus.parent / "worker-killed"
    proc = start_killable(corpus, out, "--jobs", "2", "--batch-docs", "2")
    wait_for_journal(proc, out)
    workers = worker_pids(proc.pid)
    assert workers, "no worker processes found"
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 1, stderr  # 1: only the empty file and the missing input
    # the documents the dead worker held were run again: nothing lost, nothing twice
    assert_same_tables(read_csv_tables(out), reference)


def test_resume_of_a_finished_run_changes_nothing(corpus, reference):
    out = corpus.parent / "finished"
    shutil.copytree(corpus.parent / "reference", out)
    again = run_cli(corpus, out, "--resume")
    assert again.returncode == 1, again.stderr
    assert_same_tables(read_csv_tables(out), reference)


def test_two_jobs_parquet_gives_one_dataset_per_table(corpus, reference):
    import pyarrow.dataset as ds

    out = corpus.parent / "parquet"
    done = run_cli(corpus, out, "--jobs", "2", "--format", "parquet", "--batch-docs", "5")
    assert done.returncode == 1, done.stderr
    from_pandas, from_arrow = {}, {}
    for name in tables():
        path = out / f"{name}.parquet"
        assert path.is_dir(), name
        files = sorted(path.glob("*.parquet"))
        assert files and all(f.name.startswith("part-") for f in files)
        from_pandas[name] = as_text(pd.read_parquet(path))
        from_arrow[name] = as_text(ds.dataset(path, format="parquet").to_table().to_pandas())
    assert_same_tables(from_pandas, reference)
    assert_same_tables(from_arrow, reference)
    # 14 inputs (12 documents, 2 errors) in parts of 5: a document's rows never span two files
    assert len(list((out / "tokens.parquet").glob("*.parquet"))) == 3
    for f in (out / "tokens.parquet").glob("*.parquet"):
        ids = set(pd.read_parquet(f)["doc_id"])
        others = [g for g in (out / "tokens.parquet").glob("*.parquet") if g != f]
        assert not ids & set().union(*(set(pd.read_parquet(g)["doc_id"]) for g in others))
    # and one document's rows can be read alone (row groups / files skipped by statistics)
    one = pd.read_parquet(out / "sentences.parquet", filters=[("doc_id", "==", "doc07")])
    want = reference["sentences"][reference["sentences"]["doc_id"] == "doc07"]
    assert_same_tables({"s": as_text(one)}, {"s": want})


def test_cut_journal_line_is_dropped_not_appended_to(tmp_path):
    from reportie.batch import JOURNAL as NAME, WORK_DIR, _Parts

    work = tmp_path / WORK_DIR
    (work / "tokens").mkdir(parents=True)
    (work / "tokens" / "part-000000.csv").write_text("x\n")
    (work / "tokens" / "part-000001.csv").write_text("x\n")  # written, never committed
    (work / NAME).write_text(json.dumps({"part": 0, "sha256": ["a:doc"]}) + "\n" + '{"part": 1, "sha')
    parts = _Parts(tmp_path, "csv", resume=True)
    assert parts.done == {"a:doc"} and parts.next_part() == 1
    assert not (work / "tokens" / "part-000001.csv").exists()
    assert (work / NAME).read_text().splitlines() == [json.dumps({"part": 0, "sha256": ["a:doc"]})]


def test_workers_that_die_as_they_start_fail_the_document_not_the_run():
    """A worker that dies before it can take a document (a broken install, the memory limit at
    start-up) is replaced a few times; then the document becomes an error row instead of the
    run spawning workers for ever."""
    import threading

    from reportie import batch
    from reportie.loading import Document

    class Stillborn(batch._Workers):
        def _start(self):
            parent, child = self.ctx.Pipe()
            proc = self.ctx.Process(target=time.sleep, args=(0,), daemon=True)
            proc.start()
            child.close()  # nobody reads: every send fails
            return proc, parent

    workers = Stillborn(2, batch.Options())
    document = Document("x", "x.txt", "高雄市政府", "utf-8", "0" * 64)
    result: dict = {}
    runner = threading.Thread(target=lambda: result.update(rows=workers.submit(document).result()), daemon=True)
    runner.start()
    runner.join(timeout=30)
    workers.close()
    assert not runner.is_alive(), "the dispatcher kept replacing dead workers"
    [row] = result["rows"]["errors"]
    assert row["stage"] == "process" and "died" in row["message"]
