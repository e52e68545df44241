"""Benchmark of official notifications: publishing to 20,000 addressees, and the tracker of a call.

Run: ``.venv/bin/python bench/bench_notifications.py [--addressees 20000] [--calls 50] [--rounds 4]``

Writes ``bench/results/notifications.json``. A fresh SQLite database in a temporary folder (``migrate``), then,
in this process, through the site's own code:

1. **Publish**: 20,000 people hold the role "national focal point" of the CBD (the group "CBD national focal
   points"). The secretariat's "Publish" request (the real view, through Django's test client) must return at
   once: it only changes the status and enqueues the fan-out task (goal <= 0.5 s). The tasks are then run as a
   single worker runs them (the fan-out writes one Delivery per addressee and enqueues batches of 200; each batch
   is rendered once per language and stored and sent over one connection by ``alerts.email_send_many``):
   time until every addressee's mail is sent, and messages per second. Mail goes to Django's in-memory backend:
   rendering, storing (OutboundEmail) and handing each message to a backend are measured; the SMTP hop is not
   (bench_mail.py measures it for discussions).
2. **Tracker**: 196 eligible Parties (the countries of the UN regional groups, completed with extra rows to 196
   if fewer) × 50 calls, each with submissions from about two thirds of the Parties (drafts, on time, late).
   Every call's tracker page is fetched ``--rounds`` times as the secretariat: p50/p95 latency and queries per
   page (goal p95 <= 300 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "notifications.json"
GOALS = {"publish_request_s_max": 0.5, "tracker_p95_ms_max": 300.0}


def log(msg: str) -> None:
    print(msg, flush=True)


def setup(var_dir: Path) -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "clearinghouse.settings",
        "CLEARINGHOUSE_VAR_DIR": str(var_dir),
        "CLEARINGHOUSE_DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "CLEARINGHOUSE_LOG_LEVEL": "WARNING",
    })
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = False
    from django.core.management import call_command

    log("migrating a fresh database...")
    call_command("migrate", verbosity=0)


def run_tasks(*, skip_index: bool = True) -> int:
    """Run every enqueued task, as one worker would, until none is left; return how many ran. Indexing for the
    search is left out (it is another worker's work, and its first run loads the embedder)."""
    from django_tasks import default_task_backend

    ran = 0
    while default_task_backend.results:
        pending = list(default_task_backend.results)
        default_task_backend.results.clear()
        for result in pending:
            if skip_index and result.task.module_path.startswith("clearinghouse.search."):
                continue
            result.task.func(*result.args, **result.kwargs)
            ran += 1
    return ran


def make_people(n: int, prefix: str) -> list[int]:
    from django.contrib.auth.hashers import make_password

    from clearinghouse.accounts.models import RoleAssignment, User
    from clearinghouse.core.models import Country

    countries = list(Country.objects.filter(region__isnull=False).values_list("code", flat=True))
    langs = ["en", "fr", "es", "ar", "ru", "zh-hans"]
    password = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"{prefix}{i}@bench.example", username=f"{prefix}{i}@bench.example", password=password,
              display_name=f"Focal point {i}", preferred_language=langs[i % len(langs)],
              country_id=countries[i % len(countries)], email_confirmed_at=dt.datetime.now(dt.UTC))
         for i in range(n)], batch_size=1000)
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, role="focal_point", country_id=u.country_id, convention_id="CBD") for u in users],
        batch_size=1000)
    return [u.pk for u in users]


def bench_publish(n: int) -> dict:
    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from clearinghouse.alerts.models import OutboundEmail
    from clearinghouse.notifications.models import Delivery
    from tests.notifications import factories as nf

    log(f"creating {n:,} focal points...")
    started = time.perf_counter()
    make_people(n, "fp")
    log(f"  {time.perf_counter() - started:.1f} s")
    staff = nf.Staff()
    notification = nf.draft(staff, translations={
        "fr": {"subject": "Coopération Sud-Sud", "body": "Les Parties sont invitées...", "official": True},
        "es": {"subject": "Cooperación Sur-Sur", "body": "Se invita a las Partes...", "official": False}})
    from clearinghouse.notifications import services

    services.notification_request_approval(actor=staff.drafter, notification=notification)
    services.notification_approve(actor=staff.approver, notification=notification)
    run_tasks()
    client = Client()
    client.force_login(staff.drafter)
    client.get(reverse("notifications:list"))  # a first request loads the URLconf and templates
    mail.outbox = []
    connection.queries_log.clear()
    t0 = time.perf_counter()
    response = client.post(reverse("notifications:action", args=[notification.pk, "publish"]))
    request_s = time.perf_counter() - t0
    assert response.status_code == 302, response.status_code
    log(f"publish request: {request_s * 1000:.0f} ms (status {response.status_code})")
    t1 = time.perf_counter()
    tasks = run_tasks()
    all_sent_s = time.perf_counter() - t1
    sent = Delivery.objects.filter(notification=notification, status="sent").count()
    outbound = OutboundEmail.objects.filter(status="sent").count()
    assert sent == n, (sent, n)
    log(f"all {sent:,} sent in {all_sent_s:.1f} s by {tasks} tasks: {sent / all_sent_s:.0f} messages/s "
        f"({len(mail.outbox):,} handed to the mail backend, {outbound:,} OutboundEmail sent)")
    return {"addressees": n, "publish_request_ms": round(request_s * 1000, 1), "tasks": tasks,
            "time_to_all_sent_s": round(all_sent_s, 2), "messages_per_s": round(sent / all_sent_s, 1),
            "batch_size": services.BATCH, "workers": 1, "mail_backend": "locmem (no SMTP hop)",
            "languages": sorted(set(Delivery.objects.filter(notification=notification)
                                    .values_list("language", flat=True)))}


def bench_tracker(calls: int, rounds: int) -> dict:
    import random

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from clearinghouse.core.models import Country, Region
    from clearinghouse.notifications.models import Call, Submission
    from tests.notifications import factories as nf

    parties = Country.objects.filter(region__isnull=False).count()
    region = Region.objects.first()
    extra = (f"X{chr(65 + i)}" for i in range(26))  # ISO's user-assigned codes
    while Country.objects.filter(region__isnull=False).count() < 196:  # complete to 196 Parties if fewer
        code = next(extra)
        Country.objects.update_or_create(code=code, defaults={"name": f"Party {code}", "region": region})
    parties = Country.objects.filter(region__isnull=False).count()
    codes = list(Country.objects.filter(region__isnull=False).values_list("code", flat=True))
    staff = nf.Staff()
    log(f"creating {calls} calls x {parties} Parties...")
    rng = random.Random(13)
    call_ids = []
    for i in range(calls):
        call = nf.open_call(staff, days=10 + i)
        call_ids.append(call.pk)
        rows = []
        now = timezone.now()
        for code in codes:
            r = rng.random()
            if r < 0.33:
                continue
            status = "draft" if r < 0.5 else "submitted"
            rows.append(Submission(call=call, country_id=code, status=status, text="Contribution",
                                   number=f"SUB-B-{i:02d}-{code}" if status == "submitted" else "",
                                   submitted_at=now if status == "submitted" else None, late=r > 0.9))
        Submission.objects.bulk_create(rows, batch_size=500)
    assert Call.objects.filter(pk__in=call_ids).count() == calls
    client = Client()
    client.force_login(staff.drafter)
    times, queries, sizes = [], [], []
    for _ in range(rounds):
        for pk in call_ids:
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(reverse("notifications:tracker", args=[pk]))
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
            queries.append(len(ctx.captured_queries))
            sizes.append(len(response.content))
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    log(f"tracker: {len(times)} pages, p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
        f"{max(queries)} queries, {statistics.mean(sizes) / 1024:.0f} KB")
    return {"parties": parties, "calls": calls, "requests": len(times), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(p95, 1), "max_ms": round(times[-1], 1), "queries_per_page": max(queries),
            "html_kb": round(statistics.mean(sizes) / 1024, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--addressees", type=int, default=20000)
    ap.add_argument("--calls", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-notif-") as tmp:
        setup(Path(tmp))
        publish = bench_publish(args.addressees)
        tracker = bench_tracker(args.calls, args.rounds)
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "database": "sqlite"},
        "publish": publish, "tracker": tracker, "goals": GOALS,
        "met": {"publish_request": publish["publish_request_ms"] <= GOALS["publish_request_s_max"] * 1000,
                "tracker_p95": tracker["p95_ms"] <= GOALS["tracker_p95_ms_max"]},
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
