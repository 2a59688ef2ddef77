"""Rebuild models/ner (the statistical entity recogniser) from annotations/ and UNER GSD train.

Usage: python scripts/train_ner.py [--epochs 10] [--out models/ner] [--no-uner]
Same as `reportie train`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from reportie.training import default_uner, train_ner  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "ner")
    ap.add_argument("--no-uner", action="store_true")
    args = ap.parse_args()
    train_ner(args.out, annotations=ROOT / "annotations", uner=None if args.no_uner else default_uner(ROOT / "annotations"),
              epochs=args.epochs)
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
