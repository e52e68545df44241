"""`clearinghouse serve` as a person runs it: the site, static files, the worker, restarts, a clean stop."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, alive, children_of, clean_env, free_port, get, manage, run

pytestmark = pytest.mark.slow

QUEUE_MAIL = """
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from clearinghouse.alerts.services import email_queue
with transaction.atomic():
    email_queue(EmailMultiAlternatives(subject="Sent by the serve worker", body="Hello", to=["a@example.org"]))
"""


def _wait(predicate, timeout: float, what: str, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}" + (f":\n{process.output()}" if process else ""))


def test_serve_runs_the_site_with_worker_and_periodic_jobs_and_stops_cleanly(tmp_path, processes):
    var = tmp_path / "var"
    env = clean_env(CLEARINGHOUSE_VAR_DIR=str(var), CLEARINGHOUSE_DEBUG="0")
    run(manage("migrate", "--noinput", "-v", "0"), env)
    port = free_port()
    serve = processes.start(
        "serve", manage("serve", "--port", str(port), "--no-smtp", "--workers", "1", "--threads", "2"), env
    )
    base = f"http://127.0.0.1:{port}"
    serve.wait_for_http(base + "/healthz")
    _wait(lambda: f"is running at {base}/" in serve.output(), 10, "the address to be printed", serve)

    # Static files were collected at start (not DEBUG) and WhiteNoise serves them, compressed.
    manifest = json.loads((var / "static" / "staticfiles.json").read_text())
    css = manifest["paths"]["clearinghouse/css/site.css"]
    status, body = get(f"{base}/static/{css}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert b"{" in gzip.decompress(body) if body[:2] == b"\x1f\x8b" else b"{" in body

    # The worker serve started sends mail queued by another process.
    run(manage("shell", "-c", QUEUE_MAIL), env)
    sent = _wait(lambda: list((var / "outbox").glob("*.eml")), 30, "the worker to send the mail", serve)
    assert "Sent by the serve worker" in sent[0].read_text()

    # A child that dies is restarted.
    kids = children_of(serve.pid)
    assert any("periodic" in cmd for cmd in kids.values()), kids
    worker = next(pid for pid, cmd in kids.items() if "db_worker" in cmd)
    os.kill(worker, signal.SIGKILL)
    _wait(
        lambda: any("db_worker" in cmd and pid != worker for pid, cmd in children_of(serve.pid).items()),
        15,
        "the worker to be restarted",
        serve,
    )

    # SIGTERM stops serve and everything it started.
    everyone = set(children_of(serve.pid))
    for pid in list(everyone):
        everyone |= set(children_of(pid))
    assert serve.stop() == 0, serve.output()
    _wait(lambda: not any(alive(pid) for pid in everyone), 10, "every child to stop")
    assert "Stopped." in serve.output()


def test_serve_says_when_the_port_is_taken(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = clean_env(CLEARINGHOUSE_VAR_DIR=str(tmp_path / "var"))
        done = subprocess.run(
            manage("serve", "--port", str(port)),
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert f"Port {port} on 127.0.0.1 is in use" in done.stderr


def test_periodic_lists_the_registered_jobs(tmp_path):
    out = run(manage("periodic", "--list"), clean_env(CLEARINGHOUSE_VAR_DIR=str(tmp_path / "var")))
    assert "clearinghouse.core.periodic.emails_retry_queued\tevery 60s" in out


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if text in (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode() and alive(
                int(proc.name)
            ):
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def test_stopping_while_the_web_server_starts_leaves_nothing_behind(tmp_path, processes):
    env = clean_env(CLEARINGHOUSE_VAR_DIR=str(tmp_path / "var"))
    run(manage("migrate", "--noinput", "-v", "0"), env)
    port = free_port()
    serve = processes.start("serve", manage("serve", "--port", str(port), "--no-smtp", "--no-worker"), env)
    _wait(
        lambda: _processes_mentioning(f"granian --interface wsgi --host 127.0.0.1 --port {port} "),
        30,
        "granian to start",
        serve,
    )
    time.sleep(0.5)  # granian is spawning its workers
    assert serve.stop() == 0, serve.output()
    _wait(lambda: not _processes_mentioning(f"--port {port} "), 15, "every granian process to stop", serve)
