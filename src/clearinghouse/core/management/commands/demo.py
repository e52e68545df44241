"""``clearinghouse demo``: load the vocabularies and each app's demo data, then build the index.

Idempotent: each app's ``demo.load_demo(stdout=...)`` creates what is missing
through the apps' services, so running it twice changes nothing. With ``--once``
it does nothing when the demo is already there, which is what ``make run`` uses
to start in seconds the second time: loaded means a stamp in ``var/`` names this
very database and the same demo modules, or every ``DEMO_LOGINS`` account exists
(and each module's optional ``is_loaded()`` agrees).

Tasks while loading: the command runs every task at once (the immediate
backend), so the demo has exactly the side effects a real site would have
(mail in the outbox, match suggestions, notices), but it skips the per-object
indexing tasks and builds the search index once at the end with ``reindex``,
which embeds texts in batches: much faster than one embedding call per record,
and the index is complete and consistent even for objects a loader created
without a service. Without a ``reindex`` command, indexing tasks run as usual.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django_tasks.backends.immediate import ImmediateBackend

DEMO_MODULES = [
    "clearinghouse.knowledge.demo",
    "clearinghouse.matchmaking.demo",
    "clearinghouse.forums.demo",
    "clearinghouse.partnerships.demo",
    "clearinghouse.meetings.demo",
    "clearinghouse.decisions.demo",
    "clearinghouse.notifications.demo",
    "clearinghouse.reporting.demo",
    "clearinghouse.joint.demo",
    "clearinghouse.portal.demo",
]
SKIPPED_TASK_MODULES = ("clearinghouse.search.tasks",)


class DemoBackend(ImmediateBackend):
    """Runs tasks at once, except indexing, which ``reindex`` does in one go at the end."""

    def _execute_task(self, task_result) -> None:
        if task_result.task.module_path.startswith(SKIPPED_TASK_MODULES):
            return  # stays READY: never run
        super()._execute_task(task_result)


def demo_modules() -> list:
    """The demo modules that exist, in loading order (apps still being written are skipped)."""
    found = []
    for name in DEMO_MODULES:
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name not in (name, name.rsplit(".", 1)[0]):
                raise
    return found


def format_login(entry) -> str:
    """A line for one ``DEMO_LOGINS`` entry: a dict, a tuple (email, password, role...) or a string."""
    if isinstance(entry, dict):
        email = entry.get("email") or entry.get("login") or entry.get("username", "")
        password = entry.get("password", "")
        role = entry.get("role") or entry.get("description") or ""
        return "  ".join(str(p) for p in (email, password, role) if p)
    if isinstance(entry, list | tuple):
        return "  ".join(str(p) for p in entry)
    return str(entry)


def login_email(entry) -> str | None:
    if isinstance(entry, dict):
        return entry.get("email") or entry.get("login") or entry.get("username")
    if isinstance(entry, list | tuple) and entry:
        return str(entry[0])
    if isinstance(entry, str) and "@" in entry:
        return entry.split()[0]
    return None


def _stamp_path() -> Path:
    return Path(settings.VAR_DIR) / "demo-loaded.json"


def _stamp(modules) -> dict:
    """What the stamp says: this database (a re-created SQLite file has a new inode) and these modules."""
    db = settings.DATABASES["default"]
    ident = f"{db['ENGINE']}:{db.get('HOST', '')}:{db.get('PORT', '')}:{db['NAME']}"
    if "sqlite" in db["ENGINE"]:
        try:
            ident += f":{os.stat(db['NAME']).st_ino}"
        except OSError:
            pass
    return {"database": ident, "modules": [m.__name__ for m in modules]}


def _accounts_of_demo_domains(modules) -> list[tuple[str, ...]]:
    """Without ``DEMO_LOGINS``: the accounts under each module's ``DOMAIN``, with its ``PASSWORD`` and roles."""
    from clearinghouse.accounts.models import User

    out: dict[str, tuple[str, ...]] = {}
    for module in modules:
        domain, password = getattr(module, "DOMAIN", None), getattr(module, "PASSWORD", None)
        if not domain or not password:
            continue
        users = User.objects.filter(email__iendswith="@" + domain).prefetch_related("roles")
        for user in users.order_by("email"):
            roles = "; ".join(sorted({str(ra) for ra in user.roles.all() if ra.revoked_at is None}))
            out[user.email] = (user.email, password, roles or "registered user")
    return list(out.values())


class Command(BaseCommand):
    help = "Load demo data (vocabularies, records, needs and offers, discussions) and build the search index."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do nothing (but print the logins) when the demo is already loaded.",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Do not build the search index at the end."
        )
        parser.add_argument(
            "--no-vectors", action="store_true",
            help="Build the search index without embeddings (keyword search only; `reembed` adds them later).",
        )

    def handle(self, *args, once: bool = False, no_index: bool = False, no_vectors: bool = False, **options):
        modules = demo_modules()
        logins = [entry for m in modules for entry in getattr(m, "DEMO_LOGINS", [])]
        if once and self._loaded(modules, logins):
            self.stdout.write("Demo data already loaded.")
            self._print_logins(modules)
            return

        started = time.monotonic()
        from clearinghouse.core.vocab import load_vocabularies

        task_log = logging.getLogger("django_tasks")
        task_level = task_log.level
        task_log.setLevel(logging.WARNING)  # one line per task would drown the progress

        self.stdout.write("Vocabularies...")
        load_vocabularies()
        reindex = "reindex" in get_commands() and not no_index
        backend = (
            "clearinghouse.core.management.commands.demo.DemoBackend"
            if reindex
            else ("django_tasks.backends.immediate.ImmediateBackend")
        )
        with override_settings(TASKS={"default": {"BACKEND": backend}}):
            for module in modules:
                self.stdout.write(f"{module.__name__.rsplit('.', 2)[-2].capitalize()}...")
                module.load_demo(stdout=self.stdout)
        task_log.setLevel(task_level)
        if reindex:
            self.stdout.write("Search index...")
            call_command("reindex", *(["--no-vectors"] if no_vectors else []), stdout=self.stdout)
        self._write_stamp(modules)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f}s."))
        if not modules:
            self.stdout.write("No app has demo data yet.")
        self._print_logins(modules)

    def _loaded(self, modules, logins) -> bool:
        from django.contrib.auth import get_user_model

        if not modules:
            return False
        stamp = _stamp_path()
        if stamp.exists() and get_user_model().objects.exists():
            try:
                if json.loads(stamp.read_text()) == _stamp(modules):
                    return True
            except ValueError:
                pass
        emails = {e.lower() for e in (login_email(x) for x in logins) if e}
        if not emails:
            return False
        if get_user_model().objects.filter(email__in=emails).count() < len(emails):
            return False
        return all(m.is_loaded() for m in modules if hasattr(m, "is_loaded"))

    def _write_stamp(self, modules) -> None:
        if modules:
            try:
                _stamp_path().write_text(json.dumps(_stamp(modules)))
            except OSError:
                pass

    def _print_logins(self, modules) -> None:
        """Each module's ``DEMO_LOGINS``, or the accounts under its ``DOMAIN`` (one line per email)."""
        logins: dict[str, object] = {}
        for module in modules:
            entries = getattr(module, "DEMO_LOGINS", None) or _accounts_of_demo_domains([module])
            for entry in entries:
                logins.setdefault((login_email(entry) or format_login(entry)).lower(), entry)
        if not logins:
            return
        self.stdout.write("Demo logins (email  password  role):")
        for entry in logins.values():
            self.stdout.write("  " + format_login(entry))
        self.stdout.write(
            f"Mail the site sends in development lands in the outbox (staff only, e.g. the demo secretariat): "
            f"{settings.SITE_URL}/outbox/"
        )
