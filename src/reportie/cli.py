"""The command line: ``reportie extract | review | evaluate | train | annotations``.

Data goes to files (or stdout where a command says so), messages to stderr. Exit status:
0 success, 1 some documents failed (their rows are in errors.csv), 2 bad usage,
130 interrupted.
"""
from __future__ import annotations

import argparse
import signal
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


def _reference_file(value: str) -> dict:
    from .references import ReferenceFileError, read_reference_dates

    try:
        return read_reference_dates(value)
    except ReferenceFileError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
    p.add_argument("--reference-dates", type=_reference_file, default={}, metavar="FILE",
                   help="CSV/TSV with a file and a date column giving documents their own reference "
                        "date (2009-01-01 or 98年1月至6月); documents not listed use --reference-date")
    p.add_argument("--issuer", default=None,
                   help="issuing government for 本府/本市 (e.g. 高雄市; default: detected from the text)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportie",
        description="Turn archived Traditional Chinese government reports into tables.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_package_version()}")
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

    p = sub.add_parser("annotations", help="gold annotations: import reviewed verdicts, check files",
                       description="Work with the gold annotations in annotations/.")
    asub = p.add_subparsers(dest="annotations_command", metavar="ACTION")
    pi = asub.add_parser("import", help="merge the verdict column of a reviewed entities.csv or events.csv",
                         description="Merge verdicts (ok, wrong, or a corrected label / event type) from a "
                                     "reviewed entities.csv or events.csv into annotations/. Earlier gold is "
                                     "never overwritten: disagreements are reported as conflicts. A file with "
                                     "any error (unknown verdict, offsets that no longer match, not UTF-8) "
                                     "changes nothing.")
    pi.add_argument("reviewed", type=Path, metavar="REVIEWED.csv")
    pi.add_argument("--annotations", type=Path, default=None, metavar="DIR",
                    help="gold folder (default: ./annotations)")
    pi.add_argument("--documents", type=Path, default=None, metavar="documents.csv",
                    help="documents table of the run (default: documents.csv next to REVIEWED.csv)")
    pi.set_defaults(func=cmd_annotations_import)
    pc = asub.add_parser("check", help="validate annotation files against their documents")
    pc.add_argument("files", nargs="*", type=Path, metavar="FILE.json")
    pc.add_argument("--annotations", type=Path, default=None, metavar="DIR")
    pc.set_defaults(func=cmd_annotations_check)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), EXIT_USAGE)[1])

    p = sub.add_parser("train", help="rebuild the statistical entity recogniser from annotations/",
                       description="Train models/ner (coarse PERSON/LOC/ORG recogniser) on the train split of "
                                   "annotations/ and, when present, the UNER Chinese-GSD training split.")
    p.add_argument("--annotations", type=Path, default=None, metavar="DIR")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="where to write the model (default: the models/ner the pipeline loads)")
    p.add_argument("--uner", type=Path, default=None, metavar="FILE.iob2",
                   help="UNER GSD training split (default: ../shared/data next to the checkout, if present)")
    p.add_argument("--epochs", type=int, default=10)
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="score the pipeline against annotations/",
                       description="Process the annotated documents and print span, value and relation "
                                   "precision/recall/F1 against the gold (markdown on stdout).")
    p.add_argument("--annotations", type=Path, default=None, metavar="DIR")
    p.add_argument("--split", choices=["train", "test", "all"], default="test")
    p.add_argument("--docs", nargs="+", metavar="PATTERN",
                   help="only the annotated documents whose file stem matches a pattern (fnmatch, e.g. 'kcc_*')")
    p.add_argument("--segmenter", choices=["pkuseg", "jieba"], default="pkuseg")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="also list up to N errors of each kind")
    p.set_defaults(func=cmd_evaluate)
    return parser



def _package_version() -> str:
    from . import __version__

    return __version__


def _error(message: str) -> None:
    print(f"reportie: {message}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .batch import Options, run

    if args.jobs < 1:
        _error("--jobs must be at least 1")
        return EXIT_USAGE
    options = Options(segmenter=args.segmenter, reference_date=args.reference_date,
                      issuer=args.issuer, encoding=args.encoding, reference_dates=args.reference_dates)
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
                     issuer=args.issuer, nlp=load(segmenter=args.segmenter), keep_docs=True,
                     reference_dates=args.reference_dates)
    for row in report.tables["errors"].itertuples():
        _error(f"{row.doc_path}: {row.stage}: {row.message}")
    if report.tables["documents"].empty:
        _error("no document could be processed; no page written")
        return EXIT_FAILED
    written = write_review(report.tables, texts_of(report.docs), args.output,
                           max_documents_per_page=args.per_page)
    print(f"reportie: review page {written[0]} ({len(written)} file(s))", file=sys.stderr)
    return EXIT_FAILED if not report.tables["errors"].empty else EXIT_OK


def cmd_annotations_import(args: argparse.Namespace) -> int:
    from .annotations import VerdictError, default_dir, import_verdicts

    directory = args.annotations or default_dir()
    if not args.reviewed.is_file():
        _error(f"{args.reviewed}: no such file")
        return EXIT_USAGE
    try:
        result = import_verdicts(args.reviewed, directory, args.documents)
    except VerdictError as exc:
        _error(str(exc))
        return EXIT_FAILED
    for c in result.conflicts:
        _error(f"conflict: {c}")
    print(f"reportie: {result.merged} verdicts merged, {result.unchanged} already gold, "
          f"{len(result.conflicts)} conflicts; {len(result.files)} annotation files written"
          + (f"; entities complete for {', '.join(result.completed)}" if result.completed else ""),
          file=sys.stderr)
    return EXIT_OK


def cmd_annotations_check(args: argparse.Namespace) -> int:
    from .annotations import check_file, default_dir

    files = args.files or sorted((args.annotations or default_dir()).glob("*.json"))
    problems = [p for f in files for p in check_file(f)]
    for p in problems:
        _error(p)
    print(f"{len(files)} annotation files, {len(problems)} problems", file=sys.stderr)
    return EXIT_FAILED if any("skipped" not in p for p in problems) else EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    from .annotations import default_dir
    from .resources import models_dir
    from .training import default_uner, train_ner

    directory = args.annotations or default_dir()
    uner = args.uner or default_uner(directory)
    out = args.out or models_dir() / "ner"
    try:
        train_ner(out, annotations=directory, uner=uner if uner.exists() else None, epochs=args.epochs,
                  log=lambda m: print(f"reportie: {m}", file=sys.stderr))
    except ValueError as exc:
        _error(str(exc))
        return EXIT_FAILED
    print(f"reportie: model written to {out}", file=sys.stderr)
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .annotations import default_dir, load_gold
    from .evaluation import evaluate, format_scores
    from .pipeline import load

    golds = load_gold(args.annotations or default_dir(), split=None if args.split == "all" else args.split,
                      docs=args.docs)
    if not golds:
        _error("no annotated document found (or their texts are missing or changed)")
        return EXIT_FAILED
    scores = evaluate(load(segmenter=args.segmenter), golds)
    print(f"## {len(golds)} documents (split: {args.split})\n")
    print(format_scores(scores, args.errors))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    # Ctrl-C always interrupts (a shell may start background jobs with SIGINT ignored)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
