"""``clearinghouse serve``: the site, its task worker, the mail receiver and the periodic jobs.

One command for a laptop and for each machine of a deployment. It starts, as
child processes it supervises (a child that dies is restarted):

- the web server: granian with the WSGI interface (``clearinghouse.wsgi:application``);
- the task worker: ``db_worker`` (django-tasks-db), or an RQ worker when
  ``CLEARINGHOUSE_REDIS_URL`` is set (``--no-worker`` to leave it to other machines);
- the inbound SMTP receiver ``clearinghouse mail smtpd`` (``--no-smtp`` to disable);
- the periodic runner ``clearinghouse periodic`` (with the worker).

Ctrl-C or SIGTERM stops them all. ``runserver`` stays for development.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand, CommandError

RESTART_MAX_DELAY = 30.0
HEALTHY_AFTER = 30.0  # a child that ran this long is restarted at once when it dies
QUICK_DEATHS_LIMIT = 5  # a child dying this many times in a row right after start stops serve


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Ask Linux to stop the child when ``serve`` itself is killed (even with SIGKILL)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def manage(*args: str) -> list[str]:
    """The argv that runs ``clearinghouse <args>`` with this interpreter."""
    return [sys.executable, "-m", "clearinghouse.cli", *args]


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 - a wildcard bind is reached on loopback
        host = "127.0.0.1"
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@dataclass
class Child:
    name: str
    argv: list[str]
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    quick_deaths: int = 0
    restart_at: float | None = None
    delay: float = 1.0
    log: list[str] = field(default_factory=list)

    def start(self) -> None:
        # Its own process group: stopping the group also stops what the child started (granian's
        # worker processes), even when the child itself died first.
        self.proc = subprocess.Popen(  # noqa: S603 - our own argv
            self.argv, preexec_fn=_die_with_parent, process_group=0
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Signal the child's whole process group (a no-op when nothing of it is left)."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def smtpd_available() -> bool:
    """Whether the ``mail`` command with its ``smtpd`` subcommand exists (the forums app provides it)."""
    app = get_commands().get("mail")
    if app is None:
        return False
    try:
        parser = load_command_class(app, "mail").create_parser("clearinghouse", "mail")
    except Exception:  # noqa: BLE001 - a broken command is as good as none here
        return False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and "smtpd" in action.choices:
            return True
    return False


def static_is_stale() -> bool:
    """Whether ``collectstatic`` must run: no manifest yet, or a source file newer than it."""
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return True
    collected = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            try:
                if os.stat(storage.path(path)).st_mtime > collected:
                    return True
            except (NotImplementedError, OSError):
                return True
    return False


def pending_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class Command(BaseCommand):
    help = "Run the site (granian) with its task worker, mail receiver and periodic jobs."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("CLEARINGHOUSE_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("CLEARINGHOUSE_PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("CLEARINGHOUSE_WEB_WORKERS", "2")),
            help="Web server processes (default 2).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("CLEARINGHOUSE_WEB_THREADS", "4")),
            help="Threads per web server process (default 4).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Start no task worker and no periodic runner (web only, for scale-out).",
        )
        parser.add_argument("--no-smtp", action="store_true", help="Start no inbound SMTP receiver.")
        parser.add_argument("--no-periodic", action="store_true", help="Start no periodic runner.")
        parser.add_argument("--access-log", action="store_true", help="Log every request.")

    def handle(self, *args, **opts):
        host, port = opts["host"], opts["port"]
        if not port_free(host, port):
            raise CommandError(f"Port {port} on {host} is in use: stop what runs there or choose --port.")
        self._check_database()
        if not settings.DEBUG and static_is_stale():
            self.stdout.write("Collecting static files...")
            call_command("collectstatic", interactive=False, verbosity=0)

        children = [self._web_child(opts)]
        if not opts["no_worker"]:
            children.append(self._worker_child())
            if not opts["no_periodic"]:
                children.append(Child("periodic", manage("periodic")))
        if not opts["no_smtp"]:
            smtp = self._smtp_child()
            if smtp:
                children.append(smtp)
        self._supervise(children, host, port)

    # --- children -------------------------------------------------------------

    def _web_child(self, opts) -> Child:
        argv = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            opts["host"],
            "--port",
            str(opts["port"]),
            "--workers",
            str(max(1, opts["workers"])),
            "--blocking-threads",
            str(max(1, opts["threads"])),
            "--no-ws",
            "--log-level",
            "warning",
            "--respawn-failed-workers",
        ]
        argv += ["--access-log"] if opts["access_log"] else ["--no-access-log"]
        return Child("web", [*argv, "clearinghouse.wsgi:application"])

    def _worker_child(self) -> Child:
        if settings.REDIS_URL:
            return Child(
                "worker",
                manage("rqworker", "default", "--job-class", "django_tasks_rq.Job", "--with-scheduler"),
            )
        return Child("worker", manage("db_worker", "--no-reload", "--queue-name", "*"))

    def _smtp_child(self) -> Child | None:
        if not smtpd_available():
            self.stdout.write("Mail receiver: not available yet (no `clearinghouse mail smtpd`), skipped.")
            return None
        shost, sport = settings.CLEARINGHOUSE_SMTP_HOST, int(settings.CLEARINGHOUSE_SMTP_PORT)
        if not port_free(shost, sport):
            self.stderr.write(
                f"Mail receiver: port {sport} on {shost} is in use, skipped "
                "(set CLEARINGHOUSE_SMTP_PORT, or --no-smtp)."
            )
            return None
        self._smtp = (shost, sport)
        return Child("smtp", manage("mail", "smtpd", "--host", shost, "--port", str(sport)))

    def _check_database(self) -> None:
        try:
            pending = pending_migrations()
        except Exception as exc:  # noqa: BLE001 - say it plainly, whatever the driver raised
            raise CommandError(f"The database cannot be reached: {exc}") from exc
        if pending:
            self.stderr.write(
                self.style.WARNING(
                    f"{pending} migration(s) not applied: run `clearinghouse migrate` (make run does)."
                )
            )

    # --- supervision ------------------------------------------------------------

    def _supervise(self, children: list[Child], host: str, port: int) -> None:
        stopping = {"signal": None}

        def _stop(signum, frame):
            stopping["signal"] = signum

        old = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
        for child in children:
            child.start()
        shown = False
        exit_error = None
        try:
            while stopping["signal"] is None:
                now = time.monotonic()
                if not shown and port_open(host, port, timeout=0.2):
                    shown = True
                    self._announce(host, port, children)
                for child in children:
                    if child.alive():
                        continue
                    if child.restart_at is None:
                        exit_error = self._schedule_restart(child, now)
                        if exit_error:
                            break
                    elif now >= child.restart_at:
                        self.stderr.write(f"[serve] restarting {child.name}")
                        child.start()
                if exit_error:
                    break
                time.sleep(0.2)
        finally:
            self._stop_all(children)
            for s, handler in old.items():
                signal.signal(s, handler)
        if exit_error:
            raise CommandError(exit_error)
        self.stdout.write("Stopped.")

    def _schedule_restart(self, child: Child, now: float) -> str | None:
        child.stop(signal.SIGKILL)  # leftovers of the dead child (e.g. workers still holding the port)
        code = child.proc.returncode if child.proc else None
        lived = now - child.started_at
        if lived >= HEALTHY_AFTER:
            child.quick_deaths, child.delay = 0, 1.0
        else:
            child.quick_deaths += 1
            if child.quick_deaths >= QUICK_DEATHS_LIMIT:
                return (
                    f"{child.name} ({' '.join(child.argv[1:4])}...) keeps failing at start "
                    f"(exit code {code}); see the messages above."
                )
        self.stderr.write(f"[serve] {child.name} exited with code {code}; restarting in {child.delay:g}s")
        child.restart_at = now + child.delay
        child.delay = min(child.delay * 2, RESTART_MAX_DELAY)
        return None

    def _stop_all(self, children: list[Child], timeout: float = 10.0) -> None:
        for child in children:
            child.stop(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in children:
            if child.proc is None:
                continue
            try:
                child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            child.stop(signal.SIGKILL)  # what is left of the group: orphans, or a child that hung
            child.proc.wait()

    def _announce(self, host: str, port: int, children: list[Child]) -> None:
        wildcard = host in ("0.0.0.0", "")  # noqa: S104 - shown as the loopback address
        shown_host = "127.0.0.1" if wildcard else (f"[{host}]" if ":" in host else host)
        names = {c.name for c in children}
        parts = []
        if "worker" in names:
            parts.append("task worker (" + ("RQ" if settings.REDIS_URL else "database") + ")")
        if "periodic" in names:
            parts.append("periodic jobs")
        if "smtp" in names:
            parts.append("mail receiver on {}:{}".format(*self._smtp))
        self.stdout.write(self.style.SUCCESS(f"Clearing-house is running at http://{shown_host}:{port}/"))
        if parts:
            self.stdout.write("With: " + ", ".join(parts) + ".")
        self.stdout.write("Press Ctrl-C to stop.")
        self.stdout.flush()
