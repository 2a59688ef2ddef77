"""Validate the gold annotations in annotations/ against the documents they describe.

Usage: python scripts/check_annotations.py [FILE.json ...]
Exit status 1 when any file has a problem; every problem is printed on stderr.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportie.annotations import check_file  # noqa: E402


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "annotations").glob("*.json"))
    problems = [p for f in files for p in check_file(f)]
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{len(files)} annotation files, {len(problems)} problems")
    return 1 if any("skipped" not in p for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
