"""Run every ``bench/bench_*.py`` one after the other and collect what they report.

Run: ``make bench`` or ``.venv/bin/python bench/run_all.py [NAME ...] [--timeout SECONDS]``
(NAME: ``pages``, ``search``... to run only some).

Each benchmark writes its own JSON under ``bench/results/``; this script records, in
``bench/results/summary.json``, each one's exit status, duration, last lines of output and the
result files it wrote, and ends with the goals of issue 11 beside their figures (``goals.py``). It exits non-zero if a benchmark failed (not if it missed a goal).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds allowed per benchmark (search builds a million documents twice)")
    args = ap.parse_args()

    scripts = sorted(BENCH.glob("bench_*.py"))
    if args.names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.names]
    if not scripts:
        print("No benchmark to run.")
        return 1
    RESULTS.mkdir(exist_ok=True)
    summary = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "benchmarks": {}}
    failed = []
    for script in scripts:
        name = script.stem.removeprefix("bench_")
        print(f"\n==== {name} ({script.relative_to(ROOT)}) ====", flush=True)
        before = {p: p.stat().st_mtime for p in RESULTS.glob("*.json")}
        started = time.monotonic()
        lines: list[str] = []
        try:
            proc = subprocess.Popen(
                [sys.executable, str(script)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                bufsize=1,
            )
            assert proc.stdout is not None
            deadline = started + args.timeout
            for line in proc.stdout:
                print(line, end="", flush=True)
                lines.append(line.rstrip("\n"))
                if time.monotonic() > deadline:
                    proc.kill()
                    lines.append(f"killed after {args.timeout}s")
                    break
            code = proc.wait()
        except OSError as exc:
            code, lines = -1, [str(exc)]
        seconds = round(time.monotonic() - started, 1)
        written = sorted(
            str(p.relative_to(ROOT))
            for p in RESULTS.glob("*.json")
            if p.name != "summary.json" and p.stat().st_mtime != before.get(p)
        )
        summary["benchmarks"][name] = {
            "exit_code": code,
            "seconds": seconds,
            "results": written,
            "output_tail": lines[-15:],
        }
        if code != 0:
            failed.append(name)
        print(
            f"---- {name}: {'ok' if code == 0 else f'FAILED ({code})'} in {seconds}s; wrote {written or 'nothing'}"
        )
    sys.path.insert(0, str(BENCH))
    import goals

    rows = goals.issue11()
    summary["issue11_goals"] = rows
    print("\n" + goals.table(rows))
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(
        f"\nSummary: {(RESULTS / 'summary.json').relative_to(ROOT)}"
        + (f"; failed: {', '.join(failed)}" if failed else "; all ran")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
