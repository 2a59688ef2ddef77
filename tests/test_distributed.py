"""reportie.distributed on Dask's local cluster: the same tables as the batch driver."""
from __future__ import annotations

import logging

import pandas as pd
import pytest

from conftest import SAMPLE

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

N_DOCS = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    folder = tmp_path_factory.mktemp("dask") / "in"
    (folder / "sub").mkdir(parents=True)
    for i in range(N_DOCS):
        k = (i * 5) % len(lines)
        where = folder / "sub" if i % 2 else folder
        (where / f"doc{i}.txt").write_text("".join(lines[k:] + lines[:k]), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def inputs(corpus):
    return [corpus, corpus.parent / "missing"]


@pytest.fixture(scope="module")
def batch_tables(inputs, tmp_path_factory):
    """What the single-machine driver writes for the same inputs, read back."""
    from reportie.batch import run
    from reportie.tables import TABLES

    out = tmp_path_factory.mktemp("batch-out")
    run(inputs, out, fmt="parquet", jobs=1)
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as c:
        yield c


def test_local_cluster_writes_the_batch_tables_as_parquet_datasets(inputs, batch_tables, client, tmp_path):
    import pyarrow.dataset as ds

    from reportie.distributed import STAGE_DIR, run_dask

    summary = run_dask(inputs, tmp_path, client=client, partition_size=2)
    assert (summary.documents, summary.failed) == (N_DOCS, 2)
    assert not (tmp_path / STAGE_DIR).exists()
    for name, want in batch_tables.items():
        path = tmp_path / f"{name}.parquet"
        assert path.is_dir()
        got = pd.read_parquet(path)
        pd.testing.assert_frame_equal(got, want, obj=name)
        table = ds.dataset(path, format="parquet").to_table()
        assert table.num_rows == len(want) and table.column_names == list(want.columns)
    # 6 documents + 1 read error in partitions of 2, + the discovery error: 5 files per table
    assert len(list((tmp_path / "tokens.parquet").glob("*.parquet"))) == 5
    # the workers really did the work
    assert sum(client.run(lambda: __import__("reportie.batch").batch._NLP is not None).values()) >= 1


def test_default_scheduler_and_csv(inputs, batch_tables, tmp_path):
    import dask

    from reportie.distributed import run_dask

    with dask.config.set(scheduler="synchronous"):
        run_dask(inputs, tmp_path, fmt="csv", partition_size=4)
    for name, want in batch_tables.items():
        got = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(got.columns) == list(want.columns)
        assert len(got) == len(want), name
    assert (tmp_path / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_bad_arguments(tmp_path):
    from reportie.distributed import run_dask

    with pytest.raises(ValueError):
        run_dask([tmp_path], tmp_path / "out", fmt="xlsx")
    with pytest.raises(ValueError):
        run_dask([tmp_path], tmp_path / "out", partition_size=0)
