"""Benchmark of national reporting (issue 15).

Run: ``.venv/bin/python bench/bench_reporting.py [--questions 300] [--rounds 30] [--autosaves 1000]``

A fresh SQLite database (file, WAL) in a temporary folder, migrated. It builds a 300-question template for a
CBD cycle and three other conventions' templates (CITES, Ramsar, CMS) whose every question is mapped to the
CBD one, with a country's answers in those three reports; then measures:

- opening the CBD report: its overview page, and its drafting page of its one section of 300 questions, each
  with the offers of the three mapped answers (goal p95 <= 200 ms); the section is drafted a page of 30
  questions at a time (``reporting.views.QUESTIONS_PER_PAGE``): its first and last pages are measured;
- 1,000 autosaves through the htmx endpoint: every revision kept, and the database growth per revision;
- the XLSX questionnaire export and re-import (every answer changed) of the 300-question report (goal <= 5 s);
- the share of the 20 real XLSForms of other projects (shared/data/xlsform-real) that the importer takes.

Writes ``bench/results/reporting.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results" / "reporting.json"
REAL_FORMS = [ROOT.parent / "shared/data/xlsform-real", Path("/work/shared/data/xlsform-real")]


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

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # no collectstatic manifest here
    call_command("migrate", verbosity=0)


TYPES = ["text", "yes_no", "select_one", "integer", "decimal", "date", "indicator", "select_multiple", "link"]


def make_spec(n: int, convention: str, cycle: str, sections: int) -> dict:
    per = max(1, n // sections)
    secs = []
    for s in range(sections):
        qs = []
        for i in range(s * per, min(n, (s + 1) * per) if s < sections - 1 else n):
            t = TYPES[i % len(TYPES)]
            q = {"key": f"q{i:03d}", "type": t, "label": {"en": f"Question {i} of the {convention} report: "
                                                                 "what has the country done about it?"},
                 "hint": {}, "required": i % 3 == 0, "required_message": {}, "relevant": "", "constraint": "",
                 "constraint_message": {}, "list": "", "unit": "", "indicator": "", "columns": [],
                 "calculation": "", "appearance": "", "extra": {}}
            if t in ("select_one", "select_multiple"):
                q["list"] = "level"
            if t == "yes_no":
                q["list"] = "yes_no"
            if t in ("integer", "decimal"):
                q["constraint"] = ". >= 0"
            if t == "indicator":
                q["indicator"], q["unit"] = f"I.{i}", "%"
            if i % 9 == 4 and i > 1:
                q["relevant"] = f"${{q{i - 3:03d}}} = 'yes'" if TYPES[(i - 3) % len(TYPES)] == "yes_no" else ""
            qs.append(q)
        secs.append({"key": f"s{s}", "label": {"en": f"Section {s + 1}"}, "hint": {}, "relevant": "", "extra": {},
                     "questions": qs})
    return {"format": 1, "form_id": f"{convention.lower()}_{cycle}", "title": f"{convention} bench",
            "default_language": "en", "languages": ["en"], "convention": convention, "cycle": cycle,
            "settings": {}, "sections": secs,
            "choices": {"yes_no": [{"value": "yes", "label": {"en": "Yes"}, "extra": {}},
                                   {"value": "no", "label": {"en": "No"}, "extra": {}}],
                        "level": [{"value": v, "label": {"en": v.title()}, "extra": {}}
                                  for v in ("none", "low", "medium", "high")]}}


def value_for(q, i: int, variant: int = 0):
    t = q.qtype
    return {
        "text": f"Answer {i}.{variant}: national legislation and programmes",
        "yes_no": ["yes", "no"][(i + variant) % 2], "select_one": ["low", "medium", "high"][(i + variant) % 3],
        "select_multiple": [["low"], ["low", "high"], ["medium"]][(i + variant) % 3],
        "integer": str(i + variant), "decimal": f"{i}.{variant + 1}", "date": f"2024-0{1 + variant % 9}-1{i % 9}",
        "indicator": {"value": f"{i}.{variant}", "year": 2020 + variant % 5, "source": "National statistics",
                      "method": "Survey"},
        "link": f"https://example.org/{i}/{variant}",
    }[t]


def build(n: int):
    from clearinghouse.accounts.models import Role, RoleAssignment, User
    from clearinghouse.core.models import Convention, Country
    from clearinghouse.reporting import services

    def person(email, *roles):
        u = User.objects.create(email=email, username=email, display_name=email.split("@")[0],
                                email_confirmed_at=dt.datetime.now(dt.UTC))
        for role, country, conv in roles:
            RoleAssignment.objects.create(user=u, role=role, country_id=country, convention_id=conv)
        return u

    convs = ["CBD", "CITES", "RAMSAR", "CMS"]
    fp = person("fp@bench.org", *[(Role.FOCAL_POINT, "KE", c) for c in convs])
    country = Country.objects.get(pk="KE")
    reports, templates = {}, {}
    for conv in convs:
        convention = Convention.objects.get(pk=conv)
        cycle = services.cycle_create(actor=None, convention=convention, code="c1", title=f"{conv} cycle")
        sections = 1 if conv == "CBD" else 10
        templates[conv] = services.template_import(actor=None, cycle=cycle, spec=make_spec(n, conv, "c1", sections))
        reports[conv] = services.report_open(actor=fp, country=country, cycle=cycle)
    cbd_q = {q.key: q for q in templates["CBD"].questions.all()}
    for conv in convs[1:]:
        for q in templates[conv].questions.all():
            services.mapping_save(actor=None, source=q, target=cbd_q[q.key], relation="same")
            services.answer_save(actor=fp, report=reports[conv], question=q, value=value_for(q, q.position))
    return fp, reports, templates


def p95(values):
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def bench_open(fp, report, rounds: int) -> dict:
    """The report's overview, and its one 300-question section: it opens on its first page of
    ``QUESTIONS_PER_PAGE`` questions (the goal's figure); its last page is measured too."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clearinghouse.reporting.views import QUESTIONS_PER_PAGE

    client = Client()
    client.force_login(fp)
    out = {}
    pages = report.template.questions.count() // QUESTIONS_PER_PAGE
    for name, url in (("overview", f"/reports/r/{report.number}/"),
                      ("section_300_questions_with_offers", f"/reports/r/{report.number}/s/s0/"),
                      ("section_300_questions_last_page", f"/reports/r/{report.number}/s/s0/?page={pages}")):
        times = []
        for i in range(rounds + 2):
            t = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            elapsed = (time.perf_counter() - t) * 1000
            assert response.status_code == 200, response.status_code
            if i >= 2:  # warm-up
                times.append(elapsed)
        body = response.content.decode()
        out[name] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95(times), 1),
                     "queries": len(queries), "bytes": len(response.content),
                     "questions_shown": body.count('class="rp-question'),
                     "offers_shown": body.count('class="rp-offer"')}
    return out


def bench_autosave(fp, report, n: int) -> dict:
    from django.db import connection
    from django.test import Client

    from clearinghouse.reporting.models import AnswerRevision

    client = Client()
    client.force_login(fp)
    questions = [q for q in report.template.questions.all() if q.qtype in ("text", "integer", "decimal")]
    db_file = Path(connection.settings_dict["NAME"])

    def size():
        with connection.cursor() as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return db_file.stat().st_size

    before_rev = AnswerRevision.objects.count()
    before = size()
    times = []
    for i in range(n):
        q = questions[i % len(questions)]
        value = f"Draft {i}: what the country did, typed a little more each time" if q.qtype == "text" else str(i)
        t = time.perf_counter()
        r = client.post(f"/reports/r/{report.number}/s/{q.section.key}/autosave/",
                        {"question": q.key, f"q_{q.key}": value}, HTTP_HX_REQUEST="true")
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200 and b"Saved" in r.content, r.content[:300]
    kept = AnswerRevision.objects.count() - before_rev
    grown = size() - before
    value_bytes = sum(len(json.dumps(v)) for v in AnswerRevision.objects.order_by("-pk").values_list(
        "value", flat=True)[:n])
    return {"autosaves": n, "revisions_kept": kept, "every_revision_kept": kept == n,
            "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95(times), 1),
            "database_growth_bytes": grown, "bytes_per_revision": round(grown / max(kept, 1)),
            "value_bytes_per_revision": round(value_bytes / max(n, 1))}


def bench_xlsx(fp, report) -> dict:
    import openpyxl

    from clearinghouse.reporting import offline

    t = time.perf_counter()
    data = offline.questionnaire_xlsx(report)
    export_s = time.perf_counter() - t
    wb = openpyxl.load_workbook(io.BytesIO(data))
    changed = 0
    keys = {q.key: q for q in report.template.questions.all()}
    for ws in wb.worksheets:
        if ws.title in ("About", "Lists"):
            continue
        for r in range(2, ws.max_row + 1):
            q = keys.get(ws.cell(row=r, column=1).value)
            if q is None or q.qtype in ("select_multiple",):
                continue
            v = value_for(q, q.position, variant=3)
            if q.qtype == "indicator":
                ws.cell(row=r, column=4, value=float(v["value"]))
                ws.cell(row=r, column=6, value=v["year"])
                ws.cell(row=r, column=7, value=v["source"])
                ws.cell(row=r, column=8, value=v["method"])
            elif q.qtype in ("yes_no", "select_one"):
                ws.cell(row=r, column=4, value={"yes": "Yes", "no": "No"}.get(v, v.title()))
            else:
                ws.cell(row=r, column=4, value=v)
            changed += 1
    out = io.BytesIO()
    wb.save(out)
    t = time.perf_counter()
    result = offline.questionnaire_apply(actor=fp, report=report, content=out.getvalue())
    import_s = time.perf_counter() - t
    return {"questions": len(keys), "cells_changed": changed, "applied": result.applied,
            "problems": [str(p) for p in result.problems][:5], "export_s": round(export_s, 2),
            "import_s": round(import_s, 2), "total_s": round(export_s + import_s, 2), "bytes": len(data)}


def bench_real_forms() -> dict:
    from clearinghouse.reporting import xlsform

    folder = next((p for p in REAL_FORMS if p.is_dir()), None)
    if folder is None:
        return {"skipped": "shared/data/xlsform-real not found"}
    rows = {}
    for path in sorted(folder.glob("*.xlsx")):
        t = time.perf_counter()
        result = xlsform.spec_from_xlsform(path.read_bytes())
        rows[path.name] = {"imported": result.ok, "seconds": round(time.perf_counter() - t, 2),
                           "first_problem": str(result.errors[0]) if result.errors else "",
                           "notes": len(result.notes)}
    imported = sum(r["imported"] for r in rows.values())
    return {"forms": len(rows), "imported": imported, "share": round(imported / max(len(rows), 1), 2),
            "per_form": rows}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--autosaves", type=int, default=1000)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="bench-reporting-"))
    try:
        t = time.perf_counter()
        _setup(var_dir)
        result = {"migrate_s": round(time.perf_counter() - t, 1)}
        t = time.perf_counter()
        fp, reports, _templates = build(args.questions)
        result["setup_s"] = round(time.perf_counter() - t, 1)
        result["open_report"] = bench_open(fp, reports["CBD"], args.rounds)
        result["xlsx_round_trip"] = bench_xlsx(fp, reports["CBD"])
        result["autosave"] = bench_autosave(fp, reports["CBD"], args.autosaves)
        result["real_xlsforms"] = bench_real_forms()
        result["goals"] = {"open_report_p95_ms": 200, "xlsx_round_trip_s": 5, "every_autosave_kept": True}
        result["met"] = {
            "open_report": result["open_report"]["section_300_questions_with_offers"]["p95_ms"] <= 200,
            "xlsx_round_trip": result["xlsx_round_trip"]["total_s"] <= 5,
            "autosave": result["autosave"]["every_revision_kept"],
        }
        result["database"] = "sqlite"
        result["measured_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        print(json.dumps({k: v for k, v in result.items() if k != "real_xlsforms"}, indent=2))
        print("real xlsforms:", result["real_xlsforms"].get("imported"), "/", result["real_xlsforms"].get("forms"))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
