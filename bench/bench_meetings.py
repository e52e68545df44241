"""Benchmark of the meetings: the meeting page with 2,000 registrations and 300 documents, and reminders to 5,000.

Run: ``.venv/bin/python bench/bench_meetings.py [--registrations 2000] [--documents 300] [--reminders 5000]``

Writes ``bench/results/meetings.json``. A fresh SQLite database (file, WAL) in a temporary folder, migrated;
the data is made through the services (registrations, documents with real PDF files checked by libmagic), except
the 5,000 reminder participants, inserted in bulk (their registration path is what the concurrency test covers).

1. **Meeting page**: GET the public meeting page (sessions in the viewer's zone, 300 documents with their versions
   and languages, the viewer's registrations) 40 times, as an anonymous visitor and as a registered participant;
   p50/p95 and queries per page. Also the organisers' participant list (200 a page) and its CSV export of 2,000.
2. **Reminders**: one session starting in two hours with 5,000 confirmed participants; ``reminders_send``
   renders each mail in the person's language with the session's ICS and joining link, stores it and sends it
   over one connection per chunk (Django's locmem backend, so the figure is the site's own work). Mails/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "meetings.json"


def _setup(var_dir: Path) -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "clearinghouse.settings",
        "CLEARINGHOUSE_VAR_DIR": str(var_dir),
        "CLEARINGHOUSE_DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "CLEARINGHOUSE_LOG_LEVEL": "WARNING",
        "CLEARINGHOUSE_DEBUG": "0",
        "CLEARINGHOUSE_SECRET_KEY": "bench-secret-key-not-for-production-0123456789",
        "CLEARINGHOUSE_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "CLEARINGHOUSE_TASKS_IMMEDIATE": "1",
    })
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # no collectstatic manifest here
    call_command("migrate", verbosity=0)


def _people(n: int, prefix: str):
    from django.utils import timezone

    from clearinghouse.accounts.models import User

    langs = ["en", "fr", "es", "ar", "ru", "zh-hans"]
    zones = ["Africa/Nairobi", "Australia/Sydney", "America/Bogota", "Europe/Paris", "Asia/Shanghai", ""]
    User.objects.bulk_create([
        User(email=f"{prefix}{i}@bench.example.org", username=f"{prefix}{i}@bench.example.org",
             display_name=f"Participant {i}", preferred_language=langs[i % 6], timezone=zones[i % 6],
             email_confirmed_at=timezone.now(), password="!") for i in range(n)], batch_size=1000)
    return list(User.objects.filter(email__startswith=prefix).order_by("pk"))


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000, 1)


def bench_page(n_regs: int, n_docs: int, rounds: int) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from clearinghouse.meetings import services
    from clearinghouse.meetings.demo import _pdf
    from tests.factories import secretariat

    org = secretariat()
    year = dt.date.today().year + 1
    meeting = services.meeting_create(actor=org, title="Bench meeting", kind="expert", online=True,
                                      starts_on=dt.date(year, 3, 1), ends_on=dt.date(year, 3, 5),
                                      timezone="America/New_York", registration="session")
    sessions = [services.session_create(actor=org, meeting=meeting, title=f"Session {d}",
                                        starts_at=dt.datetime(year, 3, d, 9), ends_at=dt.datetime(year, 3, d, 12),
                                        timezone="America/New_York", capacity=n_regs // 5 - 100,
                                        join_url="https://meet.example.org/x") for d in range(1, 6)]
    t0 = time.perf_counter()
    people = _people(n_regs, "reg")
    for i, person in enumerate(people):
        services.registration_create(actor=person, meeting=meeting, session=sessions[i % 5])
    made_regs = time.perf_counter() - t0
    t0 = time.perf_counter()
    items = [services.agenda_item_add(actor=org, meeting=meeting, number=str(i), title=f"Item {i}")
             for i in range(1, 11)]
    for i in range(n_docs):
        files = {"en": SimpleUploadedFile(f"d{i}-en.pdf", _pdf(f"Document {i}"), content_type="application/pdf")}
        if i % 2 == 0:
            files["fr"] = SimpleUploadedFile(f"d{i}-fr.pdf", _pdf(f"Document {i} fr"), content_type="application/pdf")
        doc = services.document_create(actor=org, meeting=meeting, symbol=f"UNEP/CBD/BENCH/1/{i + 1}",
                                       title=f"Document number {i + 1}", kind="working",
                                       agenda_item=items[i % 10], files=files)
        if i % 3 == 0:
            services.document_version_add(actor=org, document=doc, files={
                "en": SimpleUploadedFile("rev.pdf", _pdf("Revision"), content_type="application/pdf")}, note="Rev.1")
    made_docs = time.perf_counter() - t0

    url = meeting.get_absolute_url()
    out = {"registrations": n_regs, "documents": n_docs, "setup_registrations_s": round(made_regs, 1),
           "setup_documents_s": round(made_docs, 1)}
    for label, user in (("anonymous", None), ("participant", people[7])):
        client = Client()
        client.cookies["tz"] = "Australia/Sydney"
        if user is not None:
            client.force_login(user)
        client.get(url)  # warm
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        out[f"page_{label}"] = {"p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95), "queries": len(queries),
                                "kb": round(len(response.content) / 1024, 1)}
    client = Client()
    client.force_login(org)
    times = []
    for _ in range(max(5, rounds // 4)):
        t = time.perf_counter()
        assert client.get(reverse("meetings:participants", args=[meeting.slug])).status_code == 200
        times.append(time.perf_counter() - t)
    out["participants_page"] = {"p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95)}
    t = time.perf_counter()
    csv = client.get(reverse("meetings:participants", args=[meeting.slug]) + "?format=csv").content
    out["participants_csv"] = {"ms": round((time.perf_counter() - t) * 1000, 1), "rows": csv.count(b"\n") - 1}
    return out


def bench_reminders(n: int) -> dict:
    from django.core import mail
    from django.utils import timezone

    from clearinghouse.alerts.models import OutboundEmail
    from clearinghouse.meetings import services
    from clearinghouse.meetings.models import Registration
    from tests.factories import secretariat

    org = secretariat()
    now = timezone.now()
    start = (now + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    meeting = services.meeting_create(actor=org, title="Reminder bench", kind="information", online=True,
                                      starts_on=start.date(), ends_on=start.date(), timezone="Africa/Nairobi",
                                      registration="session")
    session = services.session_create(actor=org, meeting=meeting, title="Session", starts_at=start,
                                      ends_at=start + dt.timedelta(hours=1), timezone="Africa/Nairobi",
                                      join_url="https://meet.example.org/reminder")
    people = _people(n, "rem")
    Registration.objects.bulk_create([
        Registration(meeting=meeting, session=session, target=f"s{session.pk}", user=p, status="confirmed",
                     confirmed_at=now) for p in people], batch_size=1000)
    mail.outbox = []
    before = OutboundEmail.objects.count()
    t = time.perf_counter()
    sent = services.reminders_send(now=now)
    elapsed = time.perf_counter() - t
    again = services.reminders_send(now=now)
    return {"participants": n, "mails": sent, "stored": OutboundEmail.objects.count() - before,
            "delivered": len(mail.outbox), "seconds": round(elapsed, 1), "mails_per_s": round(sent / elapsed, 1),
            "second_run_mails": again}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--reminders", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="bench-meetings-"))
    try:
        t = time.perf_counter()
        _setup(var_dir)
        result = {"migrate_s": round(time.perf_counter() - t, 1)}
        result["meeting_page"] = bench_page(args.registrations, args.documents, args.rounds)
        result["reminders"] = bench_reminders(args.reminders)
        result["goals"] = {"meeting_page_p95_ms": 500, "reminders_5000_s": 120}
        result["database"] = "sqlite"
        result["measured_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(result, indent=2))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
