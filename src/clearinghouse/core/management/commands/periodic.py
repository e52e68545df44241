"""``clearinghouse periodic``: run the registered periodic jobs (see ``clearinghouse.core.periodic``)."""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand

from clearinghouse.core import periodic


class Command(BaseCommand):
    help = "Run the periodic jobs apps register (mail retries, digests, reminders), in a loop or once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and exit (e.g. from cron)."
        )
        parser.add_argument("--list", action="store_true", help="List the registered jobs and exit.")

    def handle(self, *args, once: bool = False, list: bool = False, **options):  # noqa: A002
        jobs = periodic.autodiscover()
        if list:
            for job in jobs.values():
                self.stdout.write(f"{job.name}\tevery {job.every:g}s")
            return
        if once:
            failed = [job.name for job in jobs.values() if not periodic.run_job(job)]
            if failed:
                raise SystemExit(f"failed: {', '.join(failed)}")
            return

        stopping = False

        def _stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        periodic.run_forever(stop=lambda: stopping)
