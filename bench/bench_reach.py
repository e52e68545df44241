"""Slow links: what each main page costs on a 400 kbit/s line with a 400 ms round trip.

Run: ``.venv/bin/python bench/bench_reach.py [--fresh]`` (``make bench`` runs it with the others).

Serves a copy of the demo database with ``clearinghouse serve`` on the production settings
(DEBUG off: ``collectstatic`` into a temporary directory, WhiteNoise's
``CompressedManifestStaticFilesStorage``: gzip/brotli files with hashed names served with a
far-future ``Cache-Control: max-age=315360000, immutable``; pages gzipped by ``GZipMiddleware``),
then for each main page kind (home, search, record, need, offer, discussion, thread, country,
dashboard, API docs), in Chromium with the network emulated through the DevTools protocol
(``Network.emulateNetworkConditions``: 400 kbit/s down and up, 400 ms latency):

* bytes transferred on a first visit (empty cache) and on a repeat visit (the same page opened
  again: the static files come from the cache, the page itself is asked again);
* the time to first contentful paint of each visit.

Goals: first visit <= 100 KB, repeat visit <= 20 KB, first contentful paint <= 2.5 s.
Also checks the static files' caching headers. Writes ``bench/results/reach.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import (  # noqa: E402 - the same server and database preparation as the page benchmark
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Server,
    fetch,
    free_port,
    git_commit,
    log,
    pick_record_path,
    prepare_database,
)

RESULTS = ROOT / "bench" / "results" / "reach.json"
GOALS = {"first_kb_max": 100.0, "repeat_kb_max": 20.0, "fcp_s_max": 2.5}
NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
DEMO_LOGIN = ("fp.ke@demo.clearinghouse.localhost", "demo-password-2026")
FCP_JS = """() => new Promise(resolve => {
  const seen = performance.getEntriesByName('first-contentful-paint');
  if (seen.length) return resolve(seen[0].startTime);
  new PerformanceObserver(list => {
    const e = list.getEntriesByName('first-contentful-paint');
    if (e.length) resolve(e[0].startTime);
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 10000);
})"""


def first_link(base: str, path: str, pattern: str) -> str:
    """The first link on a page whose path matches ``pattern``."""
    status, body, _headers = fetch(base + path, gzip_ok=False)
    for href in re.findall(r'href="([^"#?]+)"', body.decode("utf-8", "replace")):
        if re.fullmatch(pattern, href):
            return href
    raise SystemExit(f"no link matching {pattern} on {path} ({status})")


def page_kinds(base: str) -> dict[str, str]:
    discussion = first_link(base, "/discussions/", r"/discussions/[\w-]+/")
    return {
        "home": "/",
        "search": "/search/?" + urllib.parse.urlencode({"q": "mangrove restoration"}),
        "record": pick_record_path(base),
        "need": first_link(base, "/marketplace/", r"/marketplace/needs/CHM-NEED-[\w-]+/"),
        "offer": first_link(base, "/marketplace/?kind=offer", r"/marketplace/offers/CHM-OFFER-[\w-]+/"),
        "discussion": discussion,
        "thread": first_link(base, discussion, re.escape(discussion) + r"\d+/"),
        "country": "/countries/KE/",
        "dashboard": "/accounts/me/",
        "api_docs": "/api/v1/docs",
    }


class Meter:
    """Counts the bytes the page's requests transferred (DevTools protocol events)."""

    def __init__(self, cdp):
        self.requests: dict[str, dict] = {}
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.requestServedFromCache", self._cached)

    def reset(self) -> None:
        self.requests = {}

    def _response(self, event) -> None:
        r = self.requests.setdefault(event["requestId"], {})
        r.update(url=event["response"]["url"], status=event["response"]["status"],
                 cached=event["response"].get("fromDiskCache") or event["response"].get("fromPrefetchCache"),
                 encoding=event["response"]["headers"].get("content-encoding", ""))

    def _cached(self, event) -> None:
        self.requests.setdefault(event["requestId"], {})["cached"] = True

    def _finished(self, event) -> None:
        self.requests.setdefault(event["requestId"], {})["bytes"] = event["encodedDataLength"]

    def total(self) -> int:
        return sum(int(r.get("bytes", 0)) for r in self.requests.values())


def visit(page, meter: Meter, url: str) -> dict:
    meter.reset()
    response = page.goto(url, wait_until="load")
    fcp = page.evaluate(FCP_JS)
    page.wait_for_timeout(200)  # late loadingFinished events
    return {
        "status": response.status if response else None,
        "kb": round(meter.total() / 1024, 1),
        "requests": len(meter.requests),
        "from_cache": sum(1 for r in meter.requests.values() if r.get("cached")),
        "fcp_s": round(fcp / 1000, 2) if fcp is not None else None,
        "files": sorted(f"{urllib.parse.urlsplit(r.get('url', '')).path} {r.get('bytes', 0)}B"
                        f"{' cache' if r.get('cached') else ''}{' ' + r['encoding'] if r.get('encoding') else ''}"
                        for r in meter.requests.values()),
    }


def measure(base: str, kinds: dict[str, str]) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, path in kinds.items():
            context = browser.new_context(viewport={"width": 375, "height": 667}, locale="en-GB")
            page = context.new_page()
            if name == "dashboard":  # signed in at full speed, then the cache is emptied
                page.goto(base + "/accounts/login/")
                page.fill("main form input[type=email], main form input[name=username]", DEMO_LOGIN[0])
                page.fill("main form input[type=password]", DEMO_LOGIN[1])
                page.locator("main form button[type=submit]").click()
                page.wait_for_load_state()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.clearBrowserCache")
            cdp.send("Network.emulateNetworkConditions", NETWORK)
            meter = Meter(cdp)
            first = visit(page, meter, base + path)
            repeat = visit(page, meter, base + path)
            out[name] = {"path": path, "first": first, "repeat": repeat}
            log(f"  {name:11} first {first['kb']:6.1f} KB  FCP {first['fcp_s']} s | "
                f"repeat {repeat['kb']:5.1f} KB  FCP {repeat['fcp_s']} s  ({path})")
            context.close()
        browser.close()
    return out


def static_headers(base: str) -> dict:
    """The caching and compression of the stylesheet the pages link (hashed name, far future)."""
    _status, body, _h = fetch(base + "/", gzip_ok=False)
    css = re.search(r'href="(/static/[^"]+\.css)"', body.decode())
    if not css:
        return {"error": "no stylesheet link"}
    _status, _body, headers = fetch(base + css.group(1))
    return {"url": css.group(1), "hashed": bool(re.search(r"\.[0-9a-f]{12}\.css$", css.group(1))),
            "cache_control": headers.get("Cache-Control", ""), "content_encoding": headers.get("Content-Encoding", "")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fresh", action="store_true", help="build a new demo database instead of copying var/")
    ap.add_argument("--database", type=Path, help="copy this SQLite demo database (else as bench_pages.py)")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"Chromium is not installed at {CHROMIUM}: nothing measured.")
        return 1

    tmp = Path(tempfile.mkdtemp(prefix="bench-reach-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEARINGHOUSE_")}
    env.update({
        "CLEARINGHOUSE_VAR_DIR": str(tmp / "var"),  # collectstatic writes the hashed files here
        "CLEARINGHOUSE_DEBUG": "0",
        "CLEARINGHOUSE_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "clearinghouse.settings",
        "PYTHONUNBUFFERED": "1",
    })
    server = None
    try:
        if args.database:
            (tmp / "var").mkdir(parents=True)
            shutil.copy(args.database, tmp / "var" / "clearinghouse.sqlite3")
            source = str(args.database)
        else:
            source = prepare_database(tmp / "var", env, args.fresh)
        server = Server(env, free_port(), 2, 4, tmp / "serve.log")
        server.wait()
        kinds = page_kinds(server.base)
        for _round in range(4):  # a running site is warm: each worker has loaded its models and vectors
            for path in kinds.values():
                fetch(server.base + path)
        log(f"Serving {source} at {server.base}; 400 kbit/s, 400 ms round trip, 375x667")
        static = static_headers(server.base)
        pages = measure(server.base, kinds)
    finally:
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    checks = {"static_far_future": "max-age=315360000" in static.get("cache_control", "") and static.get("hashed")}
    for name, m in pages.items():
        checks[f"{name}_ok"] = m["first"]["status"] == 200
        checks[f"{name}_first_kb"] = m["first"]["kb"] <= GOALS["first_kb_max"]
        checks[f"{name}_repeat_kb"] = m["repeat"]["kb"] <= GOALS["repeat_kb_max"]
        checks[f"{name}_fcp"] = (m["first"]["fcp_s"] or 99) <= GOALS["fcp_s_max"]
    results = {
        "benchmark": "reach",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "network": NETWORK,
        "database": source,
        "goals": GOALS,
        "static": static,
        "pages": pages,
        "checks": checks,
        "all_goals_met": all(checks.values()),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"Static: {static}")
    log(f"Goals met: {results['all_goals_met']} -> {RESULTS.relative_to(ROOT)}")
    missed = [k for k, v in checks.items() if not v]
    if missed:
        log("Missed: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
