"""``clearinghouse match``: suggest offers for needs from JSONL files (no database access)."""

from __future__ import annotations

import argparse

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Rank offers for each need from JSONL files and explain each suggestion (no database)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        from clearinghouse.matchmaking.engine.cli import add_arguments

        add_arguments(parser)

    def handle(self, *args, **options) -> None:
        from clearinghouse.matchmaking.engine.cli import run

        ns = argparse.Namespace(
            **{
                k: options.get(k)
                for k in ("needs", "offers", "top", "format", "output", "embedder", "today", "structured")
            }
        )
        status = run(ns, stdout=self.stdout._out, stderr=self.stderr._out)
        if status:
            raise CommandError("match failed", returncode=status)
