"""Throughput and memory of ``reportie extract`` (1 and 2 jobs) and of the Dask driver.

Builds a corpus of about ``--size-mb`` MB (UTF-8 bytes) by repeating the third-party reports
in ../shared/data/reports into a temporary folder, then measures, in one run:

- plain ``jieba.lcut`` over the same texts (the baseline);
- ``reportie extract -j N`` as a user runs it (a subprocess), for each N in ``--jobs``;
- ``reportie.distributed.run_dask`` on a Dask LocalCluster (2 worker processes);
- the time share of each pipeline component (tokenizer, outline, sentences, dates, ...),
  each timed through a wrapper, on the reports taken once each.

Start-up (interpreter, imports, worker processes, pipeline load and first-document
warm-up) is measured separately, on a run over a few tiny documents, and subtracted:
"chars/s" is the steady rate. Peak memory is the sum of the resident set sizes of the run's
whole process tree (sampled every 0.2 s), and the largest single ``ru_maxrss`` (stdlib
``resource``/``os.wait4``).

    python scripts/benchmark.py                 # ~10 MB, a few minutes per configuration
    python scripts/benchmark.py --size-mb 200 --only cli --jobs 2   # the memory bound

Prints a markdown table (and writes JSON with ``--json``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
REPORTS = ROOT.parent / "shared" / "data" / "reports"


def log(message: str) -> None:
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


# --- corpus -----------------------------------------------------------------------------

def build_corpus(reports: Path, dest: Path, size_mb: float) -> tuple[int, int, int]:
    """Copies of the reports (r0000_<name>.txt, ...) until ``size_mb`` MB; (files, bytes, chars)."""
    sources = [(p.name, p.read_bytes()) for p in sorted(reports.glob("*.txt"))]
    dest.mkdir(parents=True, exist_ok=True)
    target = int(size_mb * 1_000_000)
    files = size = chars = 0
    copy = 0
    while size < target:
        sub = dest / f"r{copy // 100:04d}"  # at most 100 copies of the set per folder
        sub.mkdir(exist_ok=True)
        for name, data in sources:
            (sub / f"c{copy:05d}_{name}").write_bytes(data)
            files += 1
            size += len(data)
            chars += len(data.decode("utf-8-sig"))
            if size >= target:
                break
        copy += 1
    return files, size, chars


def build_tiny(reports: Path, dest: Path, n: int = 4) -> None:
    """A few of the smallest reports: a run over them is (almost) all start-up."""
    dest.mkdir(parents=True, exist_ok=True)
    for p in sorted(reports.glob("*.txt"), key=lambda p: p.stat().st_size)[:n]:
        shutil.copyfile(p, dest / p.name)


# --- measuring a subprocess tree ----------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        stack += _children(p)
    return total / 1024


def cpu_pressure_us() -> int | None:
    """Linux PSI: total microseconds during which some runnable task waited for a CPU."""
    try:
        with open("/proc/pressure/cpu") as fh:
            return int(fh.readline().split("total=")[1])
    except (OSError, IndexError, ValueError):
        return None


def wait_idle(limit_s: float, threshold: float = 5.0) -> None:
    """Wait (at most ``limit_s``) until the machine looks idle: CPU pressure over the last
    10 s below ``threshold`` per cent and a 1-minute load average below 0.5 (Linux only)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            with open("/proc/pressure/cpu") as fh:
                avg10 = float(fh.readline().split("avg10=")[1].split()[0])
        except (OSError, IndexError, ValueError):
            return
        if avg10 < threshold and os.getloadavg()[0] < 0.5:
            return
        time.sleep(5)
    log(f"machine still busy after {limit_s:.0f}s of waiting; measuring anyway")


def measure(cmd: list[str], env: dict | None = None, interval: float = 0.2) -> dict:
    """Run ``cmd``; wall time, exit status, sampled peak RSS of its process tree over time,
    the largest ru_maxrss in the tree and the tree's CPU time (os.wait4 reports the child
    and its reaped descendants), and how much of the time tasks waited for a CPU (other
    programs on the machine make a parallel speed-up look smaller than it is)."""
    pressure = cpu_pressure_us()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.perf_counter() - started, tree_rss_mb(proc.pid)))
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True),
               threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    for r in readers:
        r.join()
    after = cpu_pressure_us()
    half = wall / 2
    first = max((m for t, m in samples if t <= half), default=0.0)
    second = max((m for t, m in samples if t > half), default=0.0)
    return {"wall": wall, "returncode": proc.returncode,
            "peak_rss_mb": max((m for _, m in samples), default=0.0),
            "peak_rss_first_half_mb": first, "peak_rss_second_half_mb": second,
            "max_proc_rss_mb": usage.ru_maxrss / 1024,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "cpu_pressure": (after - pressure) / 1e6 / wall if pressure is not None and after else None,
            "stdout": b"".join(out_chunks).decode("utf-8", "replace"),
            "stderr": b"".join(err_chunks).decode("utf-8", "replace")}


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _check(result: dict, what: str) -> None:
    if result["returncode"] not in (0,):
        sys.exit(f"benchmark: {what} failed (exit {result['returncode']}):\n{result['stderr'][-3000:]}")


# --- the measurements -------------------------------------------------------------------

def bench_jieba(corpus: Path) -> dict:
    import jieba

    jieba.setLogLevel(60)
    t = time.perf_counter()
    jieba.initialize()
    startup = time.perf_counter() - t
    chars = 0
    t = time.perf_counter()
    for p in sorted(corpus.rglob("*.txt")):
        text = p.read_text(encoding="utf-8-sig")
        jieba.lcut(text)
        chars += len(text)
    return {"startup": startup, "seconds": time.perf_counter() - t, "chars": chars}


def bench_cli(corpus: Path, tiny: Path, work: Path, jobs: int, fmt: str) -> dict:
    base = [sys.executable, "-m", "reportie.cli", "extract", "-q", "--format", fmt, "-j", str(jobs)]
    start = measure(base + [str(tiny), "-o", str(work / f"tiny-j{jobs}")], env=_env())
    _check(start, f"reportie extract -j {jobs} (start-up run)")
    full = measure(base + [str(corpus), "-o", str(work / f"out-j{jobs}")], env=_env())
    _check(full, f"reportie extract -j {jobs}")
    shutil.rmtree(work / f"out-j{jobs}", ignore_errors=True)
    return {"startup": start["wall"], "seconds": max(full["wall"] - start["wall"], 1e-9),
            "wall": full["wall"], **{k: v for k, v in full.items() if k.startswith(("peak", "max", "cpu"))}}


def bench_dask(corpus: Path, tiny: Path, work: Path, workers: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--dask-child", str(corpus), str(tiny),
           str(work / "dask"), str(workers)]
    full = measure(cmd, env=_env())
    _check(full, "the Dask run")
    child = json.loads(full["stdout"].strip().splitlines()[-1])
    shutil.rmtree(work / "dask", ignore_errors=True)
    return {"startup": child["cluster"] + child["tiny"], "seconds": child["full"], "wall": full["wall"],
            **{k: v for k, v in full.items() if k.startswith(("peak", "max", "cpu"))}}


def dask_child(corpus: str, tiny: str, out: str, workers: int) -> None:
    """Runs in its own process (so that its memory is measured alone): prints JSON timings."""
    import logging

    from distributed import Client, LocalCluster

    from reportie.distributed import run_dask

    t = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        cluster_s = time.perf_counter() - t
        t = time.perf_counter()
        # one tiny partition per worker: every worker loads its pipeline and warms up
        n_tiny = len(list(Path(tiny).glob("*.txt")))
        run_dask([tiny], Path(out) / "tiny", client=client, partition_size=max(1, n_tiny // workers))
        tiny_s = time.perf_counter() - t
        t = time.perf_counter()
        run_dask([corpus], Path(out) / "full", client=client)
        full_s = time.perf_counter() - t
    print(json.dumps({"cluster": cluster_s, "tiny": tiny_s, "full": full_s}))


def bench_components(reports: Path) -> dict:
    """Seconds per pipeline step over each report once, every step timed by a wrapper."""
    sys.path.insert(0, str(SRC))
    from reportie.batch import Options, _init_worker, _read
    from reportie import batch
    from reportie.loading import Document, LoadError, discover
    from reportie.pipeline import make_doc
    from reportie.tables import doc_tables

    _init_worker(Options())
    nlp = batch._NLP
    found = [f for f in discover([reports]) if not isinstance(f, LoadError)]
    documents = [d for d in (_read(f, None) for f in found) if isinstance(d, Document)]
    times = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "tables": 0.0}
    # warm-up on the first document (lazy loads are start-up, not per-document cost)
    doc = make_doc(nlp, documents[0])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    doc_tables(doc)
    chars = 0
    for document in documents:
        chars += len(document.text)
        t = time.perf_counter()
        doc = make_doc(nlp, document)
        times["tokenizer"] += time.perf_counter() - t
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            times[name] += time.perf_counter() - t
        t = time.perf_counter()
        doc_tables(doc)
        times["tables"] += time.perf_counter() - t
    return {"chars": chars, "documents": len(documents), "seconds": times}


# --- report -----------------------------------------------------------------------------

def report(info: dict, results: dict, components: dict | None) -> str:
    lines = [f"Corpus: {info['files']} files, {info['bytes'] / 1e6:.1f} MB, {info['chars']:,} characters "
             f"(../shared/data/reports repeated); {os.cpu_count()} CPUs; load average before: "
             f"{info['load_before']}.", ""]
    base = results.get("jieba")
    base_cps = base["chars"] / base["seconds"] if base else None
    lines += ["| run | start-up s | processing s | chars/s | × jieba.lcut | peak RSS, all processes (MB) "
              "| largest process ru_maxrss (MB) | CPU s / wall s | CPU pressure |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for key, r in results.items():
        cps = info["chars"] / r["seconds"] if key != "jieba" else r["chars"] / r["seconds"]
        ratio = f"{cps / base_cps:.3f}" if base_cps else "–"
        peak = f"{r['peak_rss_mb']:,.0f} (1st half {r['peak_rss_first_half_mb']:,.0f}, 2nd half " \
               f"{r['peak_rss_second_half_mb']:,.0f})" if "peak_rss_mb" in r else "–"
        maxrss = f"{r['max_proc_rss_mb']:,.0f}" if "max_proc_rss_mb" in r else "–"
        util = f"{r['cpu_s']:.0f} / {r['wall']:.0f} = {r['cpu_s'] / r['wall']:.2f}" if "cpu_s" in r else "–"
        psi = f"{100 * r['cpu_pressure']:.0f}%" if r.get("cpu_pressure") is not None else "–"
        lines.append(f"| {r['label']} | {r['startup']:.1f} | {r['seconds']:.1f} | {cps:,.0f} | {ratio} | "
                     f"{peak} | {maxrss} | {util} | {psi} |")
    one, two = results.get("cli-j1"), results.get("cli-j2")
    if one and two:
        lines += ["", f"2 jobs vs 1 job: {one['seconds'] / two['seconds']:.2f}× on processing time "
                      f"(start-up excluded), {one['wall'] / two['wall']:.2f}× on wall time "
                      f"(target ≥ 1.7×). CPU pressure = share of the run's time during which some "
                      f"task (any program on the machine) waited for a CPU; above a few per cent, "
                      f"other programs were competing for the cores."]
    if components:
        t = components["seconds"]
        pipeline = sum(v for k, v in t.items() if k != "tables")
        lines += ["", f"Pipeline steps over each report once ({components['documents']} documents, "
                      f"{components['chars']:,} characters, {components['chars'] / (pipeline + t['tables']):,.0f} "
                      f"chars/s in one process):", "",
                  "| step | seconds | share of pipeline time |", "|---|---:|---:|"]
        for name, v in t.items():
            share = f"{100 * v / pipeline:.1f}%" if name != "tables" else f"({100 * v / pipeline:.1f}% extra)"
            lines.append(f"| {name} | {v:.2f} | {share} |")
        if "dates" in t:
            d = 100 * t["dates"] / pipeline
            lines += ["", f"Date pass: {d:.1f}% of pipeline time (target < 10%: "
                          f"{'met' if d < 10 else 'NOT met'})."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=10.0, help="corpus size in MB (default: %(default)s)")
    parser.add_argument("--jobs", default="1,2", help="job counts for reportie extract (default: %(default)s)")
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv",
                        help="table format of the reportie extract runs (Dask writes Parquet)")
    parser.add_argument("--only", default="jieba,cli,dask,components",
                        help="comma-separated subset of jieba,cli,dask,components")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each reportie extract configuration N times, alternating, and keep the "
                             "fastest (other programs on the machine only ever slow a run down)")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="before each reportie extract and Dask run, wait up to SECONDS for other programs "
                             "to leave the CPUs alone (shared machines; default: don't wait)")
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--reports", type=Path, default=REPORTS, help="folder of report texts to repeat")
    parser.add_argument("--workdir", type=Path, default=None, help="where to build the corpus (default: a temp folder)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--dask-child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.dask_child:
        dask_child(args.dask_child[0], args.dask_child[1], args.dask_child[2], int(args.dask_child[3]))
        return 0
    if not args.reports.is_dir() or not any(args.reports.glob("*.txt")):
        print(f"benchmark: no report texts at {args.reports} (../shared/data is absent); nothing to measure.",
              file=sys.stderr)
        return 0
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if "dask" in only:
        try:
            import dask.bag  # noqa: F401
            import distributed  # noqa: F401
        except ImportError:
            log("dask is not installed (pip install 'reportie[dask]'): skipping the Dask run")
            only.discard("dask")

    tmp = Path(tempfile.mkdtemp(prefix="reportie-bench-", dir=args.workdir))
    try:
        corpus, tiny = tmp / "corpus", tmp / "tiny"
        files, size, chars = build_corpus(args.reports, corpus, args.size_mb)
        build_tiny(args.reports, tiny)
        info = {"files": files, "bytes": size, "chars": chars,
                "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}
        log(f"corpus: {files} files, {size / 1e6:.1f} MB, {chars:,} chars in {corpus}")
        results: dict[str, dict] = {}
        if "jieba" in only:
            log("jieba.lcut baseline ...")
            results["jieba"] = {"label": "jieba.lcut (baseline, in-process)", **bench_jieba(corpus)}
        if "cli" in only:
            for attempt in range(args.repeat):
                for jobs in [int(j) for j in args.jobs.split(",")]:
                    if args.wait_idle:
                        wait_idle(args.wait_idle)
                    log(f"reportie extract -j {jobs} (run {attempt + 1} of {args.repeat}) ...")
                    r = bench_cli(corpus, tiny, tmp, jobs, args.format)
                    log(f"  {chars / r['seconds']:,.0f} chars/s, start-up {r['startup']:.1f}s, "
                        f"peak RSS {r['peak_rss_mb']:,.0f} MB, CPU pressure {100 * (r['cpu_pressure'] or 0):.0f}%")
                    key = f"cli-j{jobs}"
                    label = f"reportie extract -j {jobs} ({args.format})" + \
                        (f", fastest of {args.repeat}" if args.repeat > 1 else "")
                    if key not in results or r["seconds"] < results[key]["seconds"]:
                        peak = max(r["peak_rss_mb"], results.get(key, {}).get("peak_rss_mb", 0))
                        results[key] = {"label": label, **r, "peak_rss_mb": peak}
        if "dask" in only:
            if args.wait_idle:
                wait_idle(args.wait_idle)
            log(f"Dask LocalCluster, {args.dask_workers} worker processes ...")
            results["dask"] = {"label": f"run_dask, LocalCluster {args.dask_workers} processes (parquet)",
                               **bench_dask(corpus, tiny, tmp, args.dask_workers)}
        components = None
        if "components" in only:
            log("per-component timing ...")
            components = bench_components(args.reports)
        info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        text = report(info, results, components)
        text += f"\n\nLoad average after: {info['load_after']}."
        print(text)
        if args.json:
            args.json.write_text(json.dumps({"corpus": info, "results": results, "components": components},
                                            indent=2, ensure_ascii=False), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
