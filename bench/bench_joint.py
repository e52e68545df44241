"""Benchmark of the joint reporting portal's heaviest pages.

Run: ``.venv/bin/python bench/bench_joint.py [--requests 60]``

Builds a fresh SQLite database in a temporary directory: 196 countries that answered a CBD-style cycle (a yes/no
and a number question), and one country with 5 conventions x 4 cycles of published reports (20 reports). Then
renders, in process (the server's own time: no network), with a warm cache of nothing (the pages are not cached):

* the question page across 196 countries (table, bars and world map): goal p95 <= 300 ms;
* the country's joint portal page with 5 conventions x 4 cycles of reports: goal p95 <= 200 ms.

Writes ``bench/results/joint.json``.
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
RESULTS = ROOT / "bench" / "results" / "joint.json"
GOALS = {"question_p95_ms": 300.0, "country_p95_ms": 200.0}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def timed(client, url: str, n: int) -> dict:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {"url": url, "requests": n, "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1), "bytes": len(response.content)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=60)
    args = ap.parse_args()
    var = Path(tempfile.mkdtemp(prefix="bench-joint-"))
    os.environ.update({"CLEARINGHOUSE_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "clearinghouse.settings"})
    os.environ.pop("CLEARINGHOUSE_DATABASE_URL", None)
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from clearinghouse.core.models import Country
    from tests.joint.factories import make_cycle, make_report, question

    started = time.perf_counter()
    countries = list(Country.objects.order_by("code").values_list("code", flat=True))[:196]
    nr7 = make_cycle()
    for i, code in enumerate(countries):
        make_report(nr7, code, answers={"pa_plan": "yes" if i % 3 else "no", "pa_share": str(5 + i % 40)})
    for convention in ("CITES", "CMS", "RAMSAR", "WHC"):
        previous = None
        for year in (2012, 2016, 2020, 2024):
            cycle = make_cycle(convention=convention, code=f"c{year}", title=f"{convention} report {year}",
                               opens_on=dt.date(year, 1, 1), previous=previous)
            make_report(cycle, "KE", answers={"pa_plan": "yes", "pa_share": "12"})
            previous = cycle
    for year in (2012, 2016, 2020):
        cycle = make_cycle(code=f"nr{year}", title=f"CBD report {year}", opens_on=dt.date(year, 1, 1))
        make_report(cycle, "KE", answers={"pa_plan": "no"})
    built_s = time.perf_counter() - started

    client = Client()
    from django.urls import reverse

    q = timed(client, reverse("joint:question", args=[question(nr7, "pa_share").pk]), args.requests)
    q_choice = timed(client, reverse("joint:question", args=[question(nr7, "pa_plan").pk]), args.requests)
    c = timed(client, reverse("joint:country", args=["KE"]), args.requests)
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "database": "sqlite", "built_s": round(built_s, 1),
        "question_page_196_countries_number": q, "question_page_196_countries_choice": q_choice,
        "country_page_5_conventions_x_4_cycles": c, "goals": GOALS,
        "goal_met": max(q["p95_ms"], q_choice["p95_ms"]) <= GOALS["question_p95_ms"]
        and c["p95_ms"] <= GOALS["country_p95_ms"],
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"question page, 196 countries: number p95 {q['p95_ms']} ms, choice p95 {q_choice['p95_ms']} ms "
          f"(goal <= {GOALS['question_p95_ms']:.0f}); country page 5x4: p95 {c['p95_ms']} ms "
          f"(goal <= {GOALS['country_p95_ms']:.0f}); goal met: {result['goal_met']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
