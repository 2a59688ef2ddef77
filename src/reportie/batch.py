"""The batch driver: whole archives in bounded memory, resumable, on several processes.

Rows are appended, a batch of documents at a time, to part files in
``OUTDIR/.reportie-run/``; a part counts only once its line is in the journal. When all
documents are done the parts become the final tables in one atomic step per table, so
an interrupted run leaves no half-written table, and ``resume=True`` finishes it with
exactly the tables an uninterrupted run gives.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import signal
import time
from collections import deque
from concurrent.futures import Future
from multiprocessing import connection as mp_connection
from multiprocessing.connection import Connection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

from .loading import Document, LoadError, discover, read_document
from .tables import TABLES, error_rows, typed_frame

WORK_DIR = ".reportie-run"
JOURNAL = "journal.jsonl"


@dataclass
class Options:
    """What a run does to each document."""

    segmenter: str = "pkuseg"
    reference_date: date | None = None
    issuer: str | None = None
    encoding: str | None = None
    reference_dates: dict[str, date] = field(default_factory=dict)  # per document (references.py)


@dataclass
class Summary:
    documents: int = 0
    skipped: int = 0
    failed: int = 0
    chars: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)


# --- per-document work (runs in worker processes) ---------------------------------------

_NLP = None
_OPTIONS: Options | None = None


def _init_worker(options: Options) -> None:
    global _NLP, _OPTIONS
    from .pipeline import load

    if mp.parent_process() is not None:
        # a pool worker: Ctrl-C reaches the whole process group; only the parent handles it
        # (it terminates the pool), so workers don't die with tracebacks of their own
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    _OPTIONS = options
    _NLP = load(segmenter=options.segmenter)


def process_document(document: Document) -> dict[str, list[dict]]:
    """Table rows for one document (errors become rows of the errors table)."""
    from .pipeline import make_doc
    from .tables import doc_tables

    assert _NLP is not None and _OPTIONS is not None
    try:
        doc = make_doc(_NLP, document, _OPTIONS.reference_date, _OPTIONS.issuer, _OPTIONS.reference_dates)
        for _, proc in _NLP.pipeline:
            doc = proc(doc)
        return doc_tables(doc)
    except Exception as exc:  # one bad document must not stop an archive
        return _process_error(document, f"{type(exc).__name__}: {exc}")


def _process_error(document: Document, message: str) -> dict[str, list[dict]]:
    """The tables of a document the pipeline could not process: one error row."""
    return {"errors": error_rows(LoadError(document.path, "process", message))}


def _key(document: Document) -> str:
    """Journal key of a document: its content hash and where it was found."""
    return f"{document.sha256}:{document.doc_id}"


def _read(item: tuple[Path, str], encoding: str | None) -> Document | LoadError:
    return read_document(item[0], item[1], encoding)


def _ready(result: Any, pool: "_Workers | None") -> bool:
    """Whether a pending result can be taken: a pool's future once its worker has replied
    (the pool reads the replies that have come in), an in-process result at once."""
    if not isinstance(result, Future):
        return True
    if not result.done():
        pool.collect()
    return result.done()


WORKER_DIED = ("the worker process died while processing this document twice "
               "(killed from outside or out of memory)")


def _worker_main(conn: Connection, options: Options) -> None:
    """A worker: documents in, table rows out, one at a time over its own pipe."""
    _init_worker(options)
    while True:
        try:
            document = conn.recv()
        except EOFError:
            return
        conn.send(process_document(document))


_SEND_TRIES = 3  # fresh workers a document is offered to before it becomes an error row


class _Workers:
    """Worker processes (spawned: nothing shared by fork), each with a pipe of its own.

    A worker killed from outside (the out-of-memory killer, kill -9) is seen by its process
    sentinel, even in the middle of a reply, and costs only the document it held: that
    document is run once more on a fresh worker, and becomes an error row if it kills that
    one too. (A shared result queue, as in multiprocessing.Pool or ProcessPoolExecutor, can
    hang on a reply cut short.)
    """

    def __init__(self, jobs: int, options: Options) -> None:
        self.ctx = mp.get_context("spawn")
        self.options = options
        self.queue: deque[tuple[Document, Future, int]] = deque()
        self.idle: list[tuple[Any, Connection]] = [self._start() for _ in range(jobs)]
        self.busy: dict[Connection, tuple[Any, Document, Future, int]] = {}

    def _start(self) -> tuple[Any, Connection]:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.options), daemon=True)
        proc.start()
        child.close()
        return proc, parent

    def _replace(self, proc: mp.Process, conn: Connection) -> None:
        """A worker that died: its pipe closed, a fresh one idle in its place."""
        conn.close()
        proc.join()
        self.idle.append(self._start())

    def submit(self, document: Document) -> Future:
        future: Future = Future()
        self.queue.append((document, future, 0))
        self._dispatch()
        return future

    def _dispatch(self) -> None:
        refused = 0  # sends that failed in a row: workers that die as they start fail the document
        while self.queue and self.idle:
            document, future, tries = self.queue[0]
            proc, conn = self.idle.pop()
            try:
                conn.send(document)
            except OSError:  # it died after its last reply: a fresh one takes the document
                self._replace(proc, conn)
                refused += 1
                if refused >= _SEND_TRIES:
                    self.queue.popleft()
                    future.set_result(_process_error(document, WORKER_DIED))
                    refused = 0
                continue
            refused = 0
            self.queue.popleft()
            self.busy[conn] = (proc, document, future, tries)

    def wait(self, future: Future) -> None:
        """Collect replies until ``future`` is done."""
        while not future.done():
            self.collect(timeout=None)

    def collect(self, timeout: float | None = 0) -> None:
        """Take the replies that are there (waiting up to ``timeout``), replace dead workers,
        and give the idle ones the next documents."""
        if self.busy:
            sentinels = {proc.sentinel: conn for conn, (proc, *_) in self.busy.items()}
            for ready in mp_connection.wait(list(self.busy) + list(sentinels), timeout):
                conn = sentinels.get(ready, ready)
                if conn not in self.busy:
                    continue  # its reply and its exit in the same round
                proc, document, done, tries = self.busy.pop(conn)
                try:
                    rows = conn.recv()
                except (EOFError, OSError):  # died, perhaps in the middle of its reply
                    self._replace(proc, conn)
                    if tries:
                        done.set_result(_process_error(document, WORKER_DIED))
                    else:
                        self.queue.appendleft((document, done, tries + 1))
                    continue
                done.set_result(rows)
                self.idle.append((proc, conn))
        self._dispatch()

    def close(self) -> None:
        """Stop at once: queued documents are dropped and the workers terminated."""
        procs = [proc for proc, _ in self.idle] + [proc for proc, *_ in self.busy.values()]
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join()


# --- the run ----------------------------------------------------------------------------

class _Parts:
    """Part files and their journal in the work directory."""

    def __init__(self, outdir: Path, fmt: str, resume: bool) -> None:
        self.dir = outdir / WORK_DIR
        self.fmt = fmt
        self.journal = self.dir / JOURNAL
        if not resume and self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.entries: list[dict] = []
        if self.journal.exists():
            lines = self.journal.read_text(encoding="utf-8").splitlines()
            for line in lines:
                try:
                    self.entries.append(json.loads(line))
                except json.JSONDecodeError:
                    break  # a line cut by a crash: that part never counted
            if len(self.entries) < len(lines) or not self.journal.read_bytes().endswith(b"\n"):
                # drop the cut line, or the next entry would be appended onto it
                self.journal.write_text("".join(json.dumps(e) + "\n" for e in self.entries),
                                        encoding="utf-8")
        committed = {e["part"] for e in self.entries}
        for f in self.dir.glob("*/part-*"):
            if int(f.name.split("-")[1].split(".")[0]) not in committed:
                f.unlink()  # written by an interrupted run after its last journal line
        self.done = {h for e in self.entries for h in e["sha256"]}

    def seed_from_final(self, outdir: Path) -> None:
        """On resume after a finished run: the final tables become part 0."""
        if self.entries:
            return
        final = {name: _final_path(outdir, name, self.fmt) for name in TABLES}
        if not final["documents"].exists():
            return
        tables = {name: _read_final(p, self.fmt) if p.exists() else typed_frame(name, [])
                  for name, p in final.items()}
        docs = tables["documents"]
        keys = [f"{h}:{d}" for h, d in zip(docs["sha256"], docs["doc_id"])]
        # documents that failed in the pipeline are tried again (their row comes back if
        # they fail again); read errors are keyed by path and kept
        errors = tables["errors"]
        tables["errors"] = errors = errors[errors["stage"] != "process"]
        keys += list(errors["doc_path"])
        self.write(0, tables, keys)

    def write(self, part: int, tables: dict[str, pd.DataFrame], hashes: list[str]) -> None:
        for name, df in tables.items():
            d = self.dir / name
            d.mkdir(exist_ok=True)
            path = d / f"part-{part:06d}.{self.fmt}"
            if self.fmt == "csv":
                df.to_csv(path, index=False, encoding="utf-8")
            else:
                df.to_parquet(path, index=False)
        entry = {"part": part, "sha256": hashes}
        with open(self.journal, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self.entries.append(entry)
        self.done.update(hashes)

    def next_part(self) -> int:
        return max((e["part"] for e in self.entries), default=-1) + 1

    def finalize(self, outdir: Path) -> list[Path]:
        """Turn the committed parts into the final tables, one atomic replace each."""
        order = [e["part"] for e in sorted(self.entries, key=lambda e: e["part"])]
        written = []
        for name in TABLES:
            parts = [self.dir / name / f"part-{k:06d}.{self.fmt}" for k in order]
            parts = [p for p in parts if p.exists()]
            target = _final_path(outdir, name, self.fmt)
            if self.fmt == "csv":
                _concat_csv(name, parts, target)
            else:
                _collect_parquet(name, parts, target)
            written.append(target)
        # the journal goes first: a run killed while the parts are being deleted must not
        # leave a journal naming parts that are gone (resume then starts from the tables)
        self.journal.unlink(missing_ok=True)
        shutil.rmtree(self.dir)
        return written


def _final_path(outdir: Path, name: str, fmt: str) -> Path:
    return outdir / f"{name}.{fmt}"


def _read_final(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return pd.read_parquet(path)


def _concat_csv(name: str, parts: list[Path], target: Path) -> None:
    """Concatenate part CSVs under one header into ``target`` (UTF-8 with BOM), atomically."""
    tmp = target.with_name(f".{target.name}.part")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        out.write(",".join(TABLES[name]) + "\n")
        for p in parts:
            with open(p, encoding="utf-8", newline="") as fh:
                fh.readline()  # the part's header
                shutil.copyfileobj(fh, out, 1 << 20)
    os.replace(tmp, target)


def _collect_parquet(name: str, parts: list[Path], target: Path) -> None:
    """A Parquet dataset directory ``<name>.parquet/`` with one file per batch of documents."""
    tmp = target.with_name(f".{target.name}.part")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    if not parts:
        typed_frame(name, []).to_parquet(tmp / "part-000000.parquet", index=False)
    for i, p in enumerate(parts):
        shutil.copyfile(p, tmp / f"part-{i:06d}.parquet")
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    else:
        os.replace(tmp, target)


def run(inputs: Iterable[str | Path], outdir: str | Path, *, fmt: str = "csv", glob: str = "*.txt",
        options: Options | None = None, jobs: int = 1, resume: bool = False, batch_docs: int = 32,
        progress: Callable[[int, int, int], None] | None = None,
        on_error: Callable[[dict], None] | None = None) -> Summary:
    """Process every matching file under ``inputs`` into tables in ``outdir``.

    ``progress(done_docs, total_docs, chars)`` is called after each document and
    ``on_error(row)`` for each row of the errors table as it happens.
    """
    report_error = on_error or (lambda row: None)
    options = options or Options()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    parts = _Parts(outdir, fmt, resume)
    if resume:
        parts.seed_from_final(outdir)
    summary = Summary()
    started = time.perf_counter()

    found = list(discover(inputs, glob))
    files = [f for f in found if not isinstance(f, LoadError)]
    discover_errors = [f for f in found if isinstance(f, LoadError)]
    total = len(files)
    part = parts.next_part()
    buffer: dict[str, list[dict]] = {name: [] for name in TABLES}
    hashes: list[str] = []
    done = 0

    def flush() -> None:
        nonlocal part, buffer, hashes
        if not hashes and not any(buffer.values()):
            return
        parts.write(part, {n: typed_frame(n, rows) for n, rows in buffer.items()}, hashes)
        part += 1
        buffer = {name: [] for name in TABLES}
        hashes = []

    for err in discover_errors:
        # errors are keyed by path in the journal so a resumed run reports them once
        if err.path in parts.done:
            summary.failed += 1  # already in the errors table: still a failure of this output
            continue
        buffer["errors"].extend(error_rows(err))
        report_error(error_rows(err)[0])
        hashes.append(err.path)
        summary.failed += 1

    pool = _Workers(jobs, options) if jobs > 1 else None
    if pool is None:
        _init_worker(options)

    def finish(item: Document | LoadError, rows: dict[str, list[dict]]) -> None:
        nonlocal done
        for name, table_rows in rows.items():
            buffer[name].extend(table_rows)
        if isinstance(item, LoadError):
            # errors are keyed by path in the journal so a resumed run reports them once
            hashes.append(item.path)
            summary.failed += 1
        else:
            hashes.append(_key(item))
            summary.chars += len(item.text)
            if rows.get("errors"):
                summary.failed += 1
            else:
                summary.documents += 1
        for row in rows.get("errors", []):
            report_error(row)
        done += 1
        if progress:
            progress(done, total, summary.chars)
        if len(hashes) >= batch_docs:
            flush()

    def take_next() -> None:
        item, result = pending.popleft()
        if isinstance(result, Future):
            pool.wait(result)
            result = result.result()
        finish(item, result)

    try:
        # Documents go to the pool as they are read, at most ``limit`` in flight, so no
        # worker waits for another's slow document; results are taken in file order, so
        # the parts (and the tables) are the same whatever ``jobs`` is.
        limit = jobs * 4
        pending: deque[tuple[Document | LoadError, Any]] = deque()
        for f in files:
            item = _read(f, options.encoding)
            if (item.path if isinstance(item, LoadError) else _key(item)) in parts.done:
                if isinstance(item, LoadError):
                    summary.failed += 1  # its row is already in the errors table
                else:
                    summary.skipped += 1
                done += 1
                continue
            if isinstance(item, LoadError):
                pending.append((item, {"errors": error_rows(item)}))
            elif pool is None:
                pending.append((item, process_document(item)))
            else:
                pending.append((item, pool.submit(item)))
            while pending and (len(pending) >= limit or _ready(pending[0][1], pool)):
                take_next()
        while pending:
            take_next()
        if progress:
            progress(done, total, summary.chars)
        flush()
    finally:
        if pool is not None:
            pool.close()
    summary.outputs = parts.finalize(outdir)
    summary.seconds = time.perf_counter() - started
    return summary
