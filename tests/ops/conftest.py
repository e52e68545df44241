"""Helpers for tests that run the real commands (`clearinghouse serve`, workers) as processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("CLEARINGHOUSE_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("CLEARINGHOUSE_TEST_REDIS_URL", "redis://127.0.0.1:6379")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_URL, connect_timeout=3).close()
    except Exception:
        return False
    return True


def redis_reachable() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False
    return True


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a child: this one without CLEARINGHOUSE_* (and pytest's), plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CLEARINGHOUSE_", "PYTEST_", "DJANGO_SETTINGS"))
    }
    env.update({"PYTHONUNBUFFERED": "1", "DJANGO_SETTINGS_MODULE": "clearinghouse.settings"}, **extra)
    return env


def manage(*args: str) -> list[str]:
    return [sys.executable, "-m", "clearinghouse.cli", *args]


def run(args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    """Run a command to completion; fail the test with its output if it fails."""
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        pytest.fail(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def get(url: str, timeout: float = 10, headers: dict | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def children_of(pid: int) -> dict[int, str]:
    """Direct children of a process with their command lines (Linux /proc)."""
    out = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            ids = (task / "children").read_text().split()
        except OSError:
            continue
        for child in ids:
            try:
                out[int(child)] = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                pass
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class Process:
    """A long-running child (serve, a worker) whose output goes to a file shown when a test fails."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")

    def wait_for_http(self, url: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"{self.name} exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if get(url, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        pytest.fail(f"{self.name} did not answer {url} within {timeout}s:\n{self.output()}")

    def stop(self, timeout: float = 20) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode


@pytest.fixture
def processes(tmp_path):
    """Start processes with ``processes.start(name, args, env)``; all are stopped after the test."""

    class Group(list):
        def start(self, name: str, args: list[str], env: dict[str, str]) -> Process:
            p = Process(name, args, env, tmp_path)
            self.append(p)
            return p

    group = Group()
    yield group
    for p in reversed(group):
        p.stop()
