"""``manage.py mail``: inbound e-mail tools.

Sub-commands:

* ``parse FILE|-`` — parse one RFC 5322 message (a file, or standard input with ``-``) and
  print the :meth:`~clearinghouse.forums.mailparse.ParsedMail.as_dict` JSON. Touches no database.

The sub-commands are argparse sub-parsers so that more (e.g. ``ingest FILE|-``) can be added
next to ``parse``.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from clearinghouse.forums.mailparse import mailparse_cli, parse_to_json, read_source

__all__ = ["Command", "mailparse_cli"]


class Command(BaseCommand):
    """Inbound e-mail tools (``parse`` for now)."""

    help = "Inbound e-mail tools. `mail parse FILE|-` prints the parsed message as JSON."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare the sub-commands."""
        subs = parser.add_subparsers(dest="subcommand", required=True, title="sub-commands")
        parse = subs.add_parser("parse", help="Parse one message and print it as JSON (no database).")
        parse.add_argument("file", help="path of the .eml file, or - for standard input")
        parse.add_argument(
            "--reply-domain",
            action="append",
            default=None,
            help="only accept reply+KEY@ addresses on this domain (repeatable)",
        )
        ingest = subs.add_parser("ingest", help="Store one inbound mail and post it, as the SMTP receiver would.")
        ingest.add_argument("file", help="path of the .eml file, or - for standard input")
        ingest.add_argument("--to", action="append", default=[], help="envelope recipient (repeatable)")
        smtpd = subs.add_parser("smtpd", help="Run the built-in SMTP receiver for replies.")
        smtpd.add_argument("--host", default=None, help="address to listen on (CLEARINGHOUSE_SMTP_HOST)")
        smtpd.add_argument("--port", type=int, default=None, help="port (CLEARINGHOUSE_SMTP_PORT)")

    def handle(self, *args: Any, **options: Any) -> None:
        """Dispatch to the chosen sub-command."""
        sub = options.get("subcommand")
        if sub == "parse":
            self._parse(options)
            return
        if sub == "ingest":
            from clearinghouse.forums.inbound import ingest_main

            argv = [options["file"]] + [f"--to={to}" for to in options.get("to") or []]
            if ingest_main(argv):
                raise CommandError("the mail was not posted (see status and error above)")
            return
        if sub == "smtpd":
            from clearinghouse.forums.smtpd import smtpd_main

            argv = []
            if options.get("host"):
                argv += ["--host", options["host"]]
            if options.get("port"):
                argv += ["--port", str(options["port"])]
            smtpd_main(argv)
            return
        raise CommandError(f"unknown sub-command {sub!r}")

    def _parse(self, options: dict[str, Any]) -> None:
        path = options["file"]
        stdin = getattr(self, "stdin", None) or sys.stdin.buffer
        try:
            raw = read_source(path, stdin)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        self.stdout.write(parse_to_json(raw, options.get("reply_domain")))
