"""Benchmark of the pages people open most: throughput, latency and weight.

Run: ``.venv/bin/python bench/bench_pages.py [--duration 10] [--connections 50] [--fresh]``

Serves a copy of the demo database with ``clearinghouse serve`` (DEBUG off: compressed,
fingerprinted static files, as in production), then:

* throughput and latency under 50 concurrent clients (``wrk``, from Debian's ``wrk`` package) of
  the search results page and a record page, as a ratio to the trivial view ``/healthz`` on the
  same server in the same run (goal: ratio >= 0.4), and their p95 latency (goal: <= 100 ms);
* page weight of the home, search and record pages on a first visit (empty cache), as
  transferred (gzip): the HTML and the CSS, JavaScript and fonts it loads (goal: <= 100 KB),
  and the number of requests to other hosts (goal: 0). Measured in Chromium (network events);
  without Chromium, by fetching the assets the HTML references.

The database: a copy of ``var/clearinghouse.sqlite3`` when ``make run`` loaded the demo there,
else (or with ``--fresh``) a new one built with ``clearinghouse migrate`` and ``clearinghouse demo``.
Writes ``bench/results/pages.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "pages.json"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
GOALS = {"throughput_ratio_min": 0.4, "p95_ms_max": 100.0, "page_kb_max": 100.0, "third_party_max": 0}
SEARCH_QUERY = "mangrove restoration"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("LAT %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
                         latency:percentile(99), latency.max))
end
"""


def log(msg: str) -> None:
    print(msg, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(*args: str) -> list[str]:
    return [sys.executable, "-m", "clearinghouse.cli", *args]


def fetch(url: str, *, gzip_ok: bool = True, timeout: float = 30) -> tuple[int, bytes, Message]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers


def body_text(body: bytes, headers: Message) -> str:
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


# --- the site under test ------------------------------------------------------------------------


def prepare_database(var: Path, env: dict, fresh: bool) -> str:
    source = ROOT / "var" / "clearinghouse.sqlite3"
    if not fresh and source.exists() and (ROOT / "var" / "demo-loaded.json").exists():
        var.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source) as src, sqlite3.connect(var / "clearinghouse.sqlite3") as dst:
            src.backup(dst)  # consistent even while `make run` serves it
        subprocess.run(
            manage("migrate", "--noinput", "-v", "0"),
            env=env,
            cwd=ROOT,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        return f"copy of {source.relative_to(ROOT)}"
    log("Building a demo database (migrate + demo: a few minutes)...")
    subprocess.run(
        manage("migrate", "--noinput", "-v", "0"), env=env, cwd=ROOT, check=True, stderr=subprocess.DEVNULL
    )
    subprocess.run(manage("demo"), env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return "fresh demo database"


class Server:
    def __init__(self, env: dict, port: int, workers: int, threads: int, log_path: Path):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self._log = log_path.open("w")
        self.proc = subprocess.Popen(
            manage(
                "serve",
                "--port",
                str(port),
                "--no-worker",
                "--no-smtp",
                "--no-periodic",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ),
            env=env,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.log_path = log_path

    def wait(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"serve exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                if fetch(self.base + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("serve did not answer in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._log.close()


def pick_record_path(base: str) -> str:
    status, body, headers = fetch(base + "/api/v1/records/?page=1")
    if status == 200:
        results = json.loads(body_text(body, headers)).get("results") or []
        for item in results:
            url = item.get("url") or ""
            if url:
                return urllib.parse.urlparse(url).path
    html = body_text(*fetch(base + "/records/")[1:])
    found = re.search(r'href="(/records/[A-Z][A-Z0-9-]+/)"', html)
    if not found:
        raise SystemExit("no published record to benchmark: load the demo data first")
    return found.group(1)


# --- throughput and latency ---------------------------------------------------------------------


def run_wrk(url: str, *, connections: int, duration: int, threads: int, script: Path) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p95, p99, pmax = (int(x) / 1000 for x in re.search(r"LAT (\d+) (\d+) (\d+) (\d+)", out).groups())
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {
        "requests": total,
        "rps": round(rps, 1),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1),
        "max_ms": round(pmax, 1),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def throughput(base: str, paths: dict[str, str], *, connections: int, duration: int) -> dict:
    if not shutil.which("wrk"):
        log("wrk is not installed (apt-get install wrk): throughput skipped")
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT)
        script = Path(fh.name)
    out: dict = {"connections": connections, "duration_s": duration, "tool": "wrk"}
    try:
        for path in paths.values():  # warm the caches and the embedder of every worker
            for _ in range(20):
                fetch(base + path)
        for name, path in paths.items():
            log(f"  wrk {name} {path} ...")
            out[name] = run_wrk(
                base + path, connections=connections, duration=duration, threads=1, script=script
            )
            out[name]["path"] = path
    finally:
        script.unlink()
    base_rps = out["healthz"]["rps"]
    for name in paths:
        if name != "healthz":
            out[name]["ratio_to_healthz"] = round(out[name]["rps"] / base_rps, 3) if base_rps else None
    return out


# --- page weight --------------------------------------------------------------------------------

WEIGHED_TYPES = {"document", "stylesheet", "script", "font"}


def weight_chromium(base: str, path: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        seen: list = []
        page.on("requestfinished", lambda req: seen.append(req))
        page.on("requestfailed", lambda req: seen.append(req))
        page.goto(base + path, wait_until="networkidle")
        by_type: dict[str, int] = {}
        third_party, items = [], []
        for req in seen:
            if req.url.startswith("data:"):
                continue
            host = urllib.parse.urlparse(req.url).netloc
            if host != f"127.0.0.1:{urllib.parse.urlparse(base).port}":
                third_party.append(req.url)
                continue
            sizes = req.sizes()
            wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            by_type[req.resource_type] = by_type.get(req.resource_type, 0) + wire
            items.append({"url": req.url.removeprefix(base), "type": req.resource_type, "bytes": wire})
        browser.close()
    weighed = sum(v for k, v in by_type.items() if k in WEIGHED_TYPES)
    return {
        "kb": round(weighed / 1024, 1),
        "all_kb": round(sum(by_type.values()) / 1024, 1),
        "by_type_bytes": by_type,
        "requests": len(items),
        "third_party": len(third_party),
        "third_party_urls": third_party,
        "items": items,
        "method": "chromium (wire bytes incl. headers)",
    }


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.refs.append(("stylesheet", a["href"]))
        elif tag == "script" and a.get("src"):
            self.refs.append(("script", a["src"]))


def weight_fetch(base: str, path: str) -> dict:
    """Without Chromium: the HTML, the CSS and scripts it references and the fonts the CSS references."""
    status, body, headers = fetch(base + path)
    by_type = {"document": len(body)}
    refs = _Refs()
    refs.feed(body_text(body, headers))
    third_party = []
    queue = list(refs.refs)
    seen = set()
    while queue:
        kind, ref = queue.pop()
        url = urllib.parse.urljoin(base + path, ref)
        if url in seen:
            continue
        seen.add(url)
        if not url.startswith(base):
            third_party.append(url)
            continue
        _s, data, h = fetch(url)
        by_type[kind] = by_type.get(kind, 0) + len(data)
        if kind == "stylesheet":
            for font in re.findall(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))", body_text(data, h)):
                queue.append(("font", urllib.parse.urljoin(url, font)))
    weighed = sum(by_type.values())
    return {
        "kb": round(weighed / 1024, 1),
        "by_type_bytes": by_type,
        "requests": len(seen) + 1,
        "third_party": len(third_party),
        "third_party_urls": third_party,
        "method": "fetch (body bytes)",
    }


def page_weights(base: str, paths: dict[str, str]) -> dict:
    use_chromium = Path(CHROMIUM).exists()
    if use_chromium:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            use_chromium = False
    out = {}
    for name, path in paths.items():
        out[name] = (weight_chromium if use_chromium else weight_fetch)(base, path)
        out[name]["path"] = path
    return out


# --- main ---------------------------------------------------------------------------------------


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2, help="web server processes (default 2)")
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--fresh", action="store_true", help="build a new demo database instead of copying var/")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEARINGHOUSE_")}
    env.update(
        {
            "CLEARINGHOUSE_VAR_DIR": str(tmp / "var"),
            "CLEARINGHOUSE_DEBUG": "0",
            "CLEARINGHOUSE_LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "clearinghouse.settings",
            "PYTHONUNBUFFERED": "1",
        }
    )
    server = None
    try:
        source = prepare_database(tmp / "var", env, args.fresh)
        server = Server(env, free_port(), args.workers, args.threads, tmp / "serve.log")
        server.wait()
        record = pick_record_path(server.base)
        search = "/search/?" + urllib.parse.urlencode({"q": SEARCH_QUERY})
        for p in ("/", search, record):
            status = fetch(server.base + p)[0]
            if status != 200:
                raise SystemExit(f"{p} answered {status}:\n{(tmp / 'serve.log').read_text()[-3000:]}")
        log(f"Serving {source} at {server.base} ({args.workers} workers x {args.threads} threads)")
        load = throughput(
            server.base,
            {"healthz": "/healthz", "search": search, "record": record},
            connections=args.connections,
            duration=args.duration,
        )
        log("  page weight ...")
        weights = page_weights(server.base, {"home": "/", "search": search, "record": record})
    finally:
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    checks = {}
    for name in ("search", "record"):
        if name in load:
            checks[f"{name}_ratio"] = load[name]["ratio_to_healthz"] >= GOALS["throughput_ratio_min"]
            checks[f"{name}_p95"] = load[name]["p95_ms"] <= GOALS["p95_ms_max"]
            checks[f"{name}_no_errors"] = load[name]["non_2xx"] == 0 and load[name]["socket_errors"] == 0
    for name, w in weights.items():
        checks[f"{name}_weight"] = w["kb"] <= GOALS["page_kb_max"]
        checks[f"{name}_third_party"] = w["third_party"] <= GOALS["third_party_max"]
    results = {
        "benchmark": "pages",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "server": {"workers": args.workers, "threads": args.threads, "database": "sqlite", "data": source},
        "goals": GOALS,
        "throughput": load,
        "weight": weights,
        "checks": checks,
        "all_goals_met": all(checks.values()),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")

    print()
    print(f"{'page':8} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for name in ("healthz", "search", "record"):
        r = load.get(name)
        if r:
            print(
                f"{name:8} {r['rps']:8.1f} {r.get('ratio_to_healthz', 1.0):6.2f} {r['p50_ms']:7.1f} "
                f"{r['p95_ms']:7.1f} {r['p99_ms']:7.1f}"
            )
    print(f"\n{'page':8} {'KB (gzip)':>10} {'requests':>9} {'3rd-party':>10}")
    for name, w in weights.items():
        print(f"{name:8} {w['kb']:10.1f} {w['requests']:9d} {w['third_party']:10d}")
    failed = [k for k, ok in checks.items() if not ok]
    print("\nGoals met." if not failed else f"\nGoals missed: {', '.join(failed)}")
    print(f"Results: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
