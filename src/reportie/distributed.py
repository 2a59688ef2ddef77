"""Beyond one machine: the batch driver's per-document work on a Dask cluster.

``run_dask`` makes a ``dask.bag`` of the input paths (``partition_size`` documents per
partition) and maps :func:`reportie.batch.process_document` over it. Each partition
reads its documents on the worker, runs the pipeline (loaded once per worker process)
and writes its rows as one part file per table into ``OUTDIR/.reportie-dask/``; the
client then turns the parts into the final tables exactly as :func:`reportie.batch.run`
does (``<table>.parquet/`` datasets, or ``<table>.csv``), one atomic replace per table.
Only small summaries travel back to the client, so its memory does not grow with the
archive.

Workers must see the input files and ``OUTDIR`` at the same paths as the client (a shared
or network file system); see docs/scale.md. Needs the ``dask`` extra:
``pip install 'reportie[dask]'``.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Iterable

from . import batch
from .batch import Options, Summary
from .loading import Document, LoadError, discover, read_document
from .tables import TABLES, error_rows, typed_frame

STAGE_DIR = ".reportie-dask"
DEFAULT_PARTITION_SIZE = 16

_LOCK = threading.Lock()


def _ensure_pipeline(options: Options) -> None:
    """Load the pipeline into this worker process once (again only if the options change)."""
    with _LOCK:
        if batch._NLP is None or batch._OPTIONS != options:
            from .pipeline import load

            batch._NLP = load(segmenter=options.segmenter)
            batch._OPTIONS = options


def _part_path(stage: Path, name: str, number: int, fmt: str) -> Path:
    return stage / name / f"part-{number:09d}.{fmt}"


def _write_parts(stage: Path, number: int, fmt: str, rows: dict[str, list[dict]]) -> None:
    """One part file per table, each written under a temporary name then renamed, so a
    task that Dask retries (after a lost worker) simply replaces its own files."""
    for name in TABLES:
        path = _part_path(stage, name, number, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        df = typed_frame(name, rows.get(name, []))
        if fmt == "csv":
            df.to_csv(tmp, index=False, encoding="utf-8")
        else:
            df.to_parquet(tmp, index=False)
        os.replace(tmp, path)


def _read(path: str, shown: str, doc_id: str, encoding: str | None) -> Document | LoadError:
    """Read by absolute path (workers' working folders differ), report the path as given."""
    item = read_document(Path(path), doc_id, encoding)
    if isinstance(item, LoadError):
        return dataclasses.replace(item, path=shown)
    item.path = shown
    return item


def _process_partition(items: Iterable[tuple[int, str, str, str]], stage: str, fmt: str,
                       options: Options) -> list[dict[str, Any]]:
    """Process one partition of ``(index, absolute path, path as given, doc_id)`` items;
    returns a one-element list: the partition's summary."""
    items = list(items)
    if not items:
        return []
    _ensure_pipeline(options)
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    summary = {"first": items[0][0], "documents": 0, "failed": 0, "chars": 0, "errors": []}
    for _, path, shown, doc_id in items:
        item = _read(path, shown, doc_id, options.encoding)
        result = {"errors": error_rows(item)} if isinstance(item, LoadError) else batch.process_document(item)
        for name, table_rows in result.items():
            rows[name].extend(table_rows)
        if result.get("errors"):
            summary["failed"] += 1
            summary["errors"].extend(result["errors"])
        else:
            summary["documents"] += 1
        if isinstance(item, Document):
            summary["chars"] += len(item.text)
    # part numbers: the partition's first document index + 1 (0 holds discovery errors),
    # so sorting the part names gives the tables in file order
    _write_parts(Path(stage), items[0][0] + 1, fmt, rows)
    return [summary]


def run_dask(inputs: Iterable[str | Path], outdir: str | Path, *, client: Any = None,
             fmt: str = "parquet", glob: str = "*.txt", options: Options | None = None,
             partition_size: int = DEFAULT_PARTITION_SIZE) -> Summary:
    """Process every matching file under ``inputs`` on Dask into tables in ``outdir``.

    ``client`` is a ``distributed.Client``; without one the current default scheduler is
    used (a Client made earlier in the process, else Dask's local scheduler). The tables
    are those :func:`reportie.batch.run` writes for the same inputs and options, in the
    same row order. ``fmt`` is ``"parquet"`` (one dataset directory per table) or
    ``"csv"``. A run that fails leaves no half-written table; run it again to finish
    (there is no resume: every document is processed again).
    """
    import dask.bag as db

    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown format {fmt!r}; choose parquet or csv")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    options = options or Options()
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    stage = outdir / STAGE_DIR
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir()
    started = time.perf_counter()
    summary = Summary()

    found = list(discover(inputs, glob))
    files = [f for f in found if not isinstance(f, LoadError)]
    items = [(i, str(Path(path).resolve()), str(path), doc_id) for i, (path, doc_id) in enumerate(files)]
    discover_errors = [f for f in found if isinstance(f, LoadError)]
    if discover_errors:
        _write_parts(stage, 0, fmt, {"errors": [r for e in discover_errors for r in error_rows(e)]})
        summary.failed += len(discover_errors)

    if items:
        bag = db.from_sequence(items, partition_size=partition_size)
        parts = bag.map_partitions(_process_partition, str(stage), fmt, options)
        results = client.compute(parts).result() if client is not None else parts.compute()
        for r in results:
            summary.documents += r["documents"]
            summary.failed += r["failed"]
            summary.chars += r["chars"]

    summary.outputs = []
    for name in TABLES:
        part_files = sorted((stage / name).glob(f"part-*.{fmt}")) if (stage / name).is_dir() else []
        target = outdir / f"{name}.{fmt}"
        if fmt == "csv":
            batch._concat_csv(name, part_files, target)
        else:
            batch._collect_parquet(name, part_files, target)
        summary.outputs.append(target)
    shutil.rmtree(stage)
    summary.seconds = time.perf_counter() - started
    return summary
