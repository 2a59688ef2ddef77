"""The command line: ``reportie extract | review | evaluate | train | annotations``.

Data goes to files (or stdout where a command says so), messages to stderr. Exit status:
0 success, 1 some documents failed (their rows are in errors.csv), 2 bad usage,
130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _encoding(value: str) -> str:
    import codecs

    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {value!r}") from None


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="report files or folders (searched recursively)")
    p.add_argument("--glob", default="*.txt", help="file pattern inside folders (default: %(default)s)")
    p.add_argument("--encoding", type=_encoding, default=None,
                   help="force an encoding (default: detect UTF-8/UTF-16/Big5/CP950/HKSCS/GB18030)")
    p.add_argument("--segmenter", choices=["pkuseg", "jieba"], default="pkuseg",
                   help="word segmenter (default: %(default)s)")
    p.add_argument("--reference-date", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                   help="date that year-less and relative dates are read against "
                        "(default: the period each document announces)")
    p.add_argument("--issuer", default=None,
                   help="issuing government for 本府/本市 (e.g. 高雄市; default: detected from the text)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportie",
        description="Turn archived Traditional Chinese government reports into tables.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="process reports into tables (CSV or Parquet)",
                       description="Process report files into tables: documents, sections, sentences, "
                                   "tokens, dates, entities, entity_counts, officials, events, "
                                   "event_roles, errors.")
    _add_input_options(p)
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR", help="output folder")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv",
                   help="table format (default: %(default)s; CSV is UTF-8 with BOM for Excel)")
    p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default: %(default)s)")
    p.add_argument("--resume", action="store_true",
                   help="skip documents already in OUTDIR (by content hash) and finish the rest")
    p.add_argument("--batch-docs", type=int, default=32, help=argparse.SUPPRESS)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("review", help="write an HTML page showing what was extracted",
                       description="Process reports and write one self-contained HTML page (no network) "
                                   "with entities highlighted, dates underlined with their ISO value, and "
                                   "the officials and events tables linked to the text. Large archives "
                                   "get one page per document plus an index.")
    _add_input_options(p)
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.html", help="page to write")
    p.add_argument("--per-page", type=int, default=20, metavar="N",
                   help="more documents than this: one page per document plus an index (default: %(default)s)")
    p.set_defaults(func=cmd_review)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reportie")
    except PackageNotFoundError:
        return "unknown"


def _error(message: str) -> None:
    print(f"reportie: {message}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .batch import Options, run

    if args.jobs < 1:
        _error("--jobs must be at least 1")
        return EXIT_USAGE
    options = Options(segmenter=args.segmenter, reference_date=args.reference_date,
                      issuer=args.issuer, encoding=args.encoding)
    bar = tqdm(total=0, unit="doc", disable=args.quiet, file=sys.stderr, mininterval=0.5,
               dynamic_ncols=True)
    started = time.perf_counter()

    def progress(done: int, total: int, chars: int) -> None:
        bar.total = total
        bar.n = done
        elapsed = max(time.perf_counter() - started, 1e-6)
        bar.set_postfix_str(f"{chars / elapsed:,.0f} chars/s", refresh=False)
        bar.refresh()

    def on_error(row: dict) -> None:
        bar.clear()
        _error(f"{row['doc_path']}: {row['stage']}: {row['message']}")
        bar.refresh()

    try:
        summary = run(args.inputs, args.output, fmt=args.format, glob=args.glob, options=options,
                      jobs=args.jobs, resume=args.resume, batch_docs=args.batch_docs,
                      progress=progress, on_error=on_error)
    except KeyboardInterrupt:
        bar.close()
        _error("interrupted; no table was written. Run the same command with --resume to finish.")
        return EXIT_INTERRUPTED
    bar.close()
    if not args.quiet:
        print(f"reportie: {summary.documents} documents processed, {summary.skipped} skipped, "
              f"{summary.failed} failed, {summary.chars:,} characters in {summary.seconds:.1f}s; "
              f"tables in {args.output}", file=sys.stderr)
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from .pipeline import load, process
    from .review import texts_of, write_review

    report = process(args.inputs, glob=args.glob, encoding=args.encoding, reference_date=args.reference_date,
                     issuer=args.issuer, nlp=load(segmenter=args.segmenter), keep_docs=True)
    for row in report.tables["errors"].itertuples():
        _error(f"{row.doc_path}: {row.stage}: {row.message}")
    if report.tables["documents"].empty:
        _error("no document could be processed; no page written")
        return EXIT_FAILED
    written = write_review(report.tables, texts_of(report.docs), args.output,
                           max_documents_per_page=args.per_page)
    print(f"reportie: review page {written[0]} ({len(written)} file(s))", file=sys.stderr)
    return EXIT_FAILED if not report.tables["errors"].empty else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
