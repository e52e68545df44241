"""``clearinghouse partnerships overlaps --activities FILE.jsonl``: the overlap detector on files (no database)."""

from __future__ import annotations

import argparse

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Partnership tools. 'overlaps': suggest duplicate and overlapping activities from a JSONL file."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        from clearinghouse.partnerships.engine.cli import add_arguments

        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        overlaps = sub.add_parser("overlaps", help="duplicate and overlapping activities (no database)",
                                  called_from_command_line=getattr(parser, "called_from_command_line", None))
        add_arguments(overlaps)

    def handle(self, *args, **options) -> None:
        from clearinghouse.partnerships.engine.cli import run

        keys = ("activities", "format", "min_score", "output", "embedder", "structured")
        ns = argparse.Namespace(**{k: options.get(k) for k in keys})
        status = run(ns, stdout=self.stdout._out, stderr=self.stderr._out)
        if status:
            raise CommandError("overlaps failed", returncode=status)
