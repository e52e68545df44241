"""Command-line front end (``clearinghouse mail parse`` and ``python -m clearinghouse.forums.mailparse``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import IO

from .parser import parse_message


def build_cli_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Add the ``parse FILE|-`` sub-command to ``parser`` (or a new parser)."""
    parser = parser or argparse.ArgumentParser(prog="mail", description="Inbound e-mail tools.")
    subs = parser.add_subparsers(dest="subcommand", required=True)
    p = subs.add_parser("parse", help="Parse one RFC 5322 message and print it as JSON.")
    p.add_argument("file", help="path of the .eml file, or - for standard input")
    p.add_argument(
        "--reply-domain", action="append", default=None, help="only accept reply+KEY@ on this domain"
    )
    return parser


def read_source(path: str, stdin: IO[bytes] | None = None) -> bytes:
    """Read raw message bytes from ``path`` or, for ``-``, from ``stdin``."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    with open(path, "rb") as fh:
        return fh.read()


def parse_to_json(raw: bytes, reply_domains: Sequence[str] | None = None) -> str:
    """Parse ``raw`` and return the pretty JSON object printed by ``mail parse``."""
    return json.dumps(parse_message(raw, reply_domains).as_dict(), ensure_ascii=False, indent=2)


def mailparse_cli(
    argv: Sequence[str] | None = None,
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Plain ``mail parse FILE|-`` entry point; returns the exit status."""
    out = stdout if stdout is not None else sys.stdout
    parser = build_cli_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 2
    if args.subcommand == "parse":
        try:
            raw = read_source(args.file, stdin)
        except OSError as exc:
            print(f"mail parse: cannot read {args.file}: {exc}", file=sys.stderr)
            return 1
        out.write(parse_to_json(raw, args.reply_domain) + "\n")
        return 0
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(mailparse_cli())
