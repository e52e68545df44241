"""``mail parse FILE|-``: prints one JSON object with exactly the documented keys."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clearinghouse.forums.mailparse import mailparse_cli

CORPUS = Path(__file__).parent / "mail_corpus"
SAMPLE = CORPUS / "gmail_fr_signoff.eml"
KEYS = [
    "from",
    "subject",
    "message_id",
    "in_reply_to",
    "references",
    "reply_key",
    "kind",
    "body",
    "quoted",
    "attachments",
    "language",
]


@pytest.fixture(autouse=True)
def _settings():
    """Override the project-wide Django settings fixture: these tests need no Django."""
    return None


def test_parse_file():
    out = io.StringIO()
    assert mailparse_cli(["parse", str(SAMPLE)], stdout=out) == 0
    text = out.getvalue()
    data = json.loads(text)
    assert list(data) == KEYS
    assert data["language"] == "fr"
    assert "collègues" in text  # ensure_ascii=False
    assert text.startswith('{\n  "from"')  # indent=2


def test_parse_stdin():
    out = io.StringIO()
    assert mailparse_cli(["parse", "-"], stdin=io.BytesIO(SAMPLE.read_bytes()), stdout=out) == 0
    data = json.loads(out.getvalue())
    assert list(data) == KEYS
    assert data["kind"] == "reply"


def test_parse_garbage_from_stdin():
    out = io.StringIO()
    assert mailparse_cli(["parse", "-"], stdin=io.BytesIO(b"\xff\x00garbage"), stdout=out) == 0
    assert list(json.loads(out.getvalue())) == KEYS


def test_missing_file_and_bad_usage():
    assert mailparse_cli(["parse", str(CORPUS / "does-not-exist.eml")], stdout=io.StringIO()) == 1
    assert mailparse_cli([], stdout=io.StringIO()) == 2


def test_module_entry_point_reads_stdin():
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "clearinghouse.forums.mailparse", "parse", "-"],
        input=SAMPLE.read_bytes(),
        capture_output=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert list(json.loads(proc.stdout.decode("utf-8"))) == KEYS


def test_django_command_without_database():
    pytest.importorskip("django")
    from django.core.management import call_command

    from clearinghouse.forums.management.commands.mail import Command

    assert Command.requires_system_checks == []
    out = io.StringIO()
    call_command(Command(), "parse", str(SAMPLE), stdout=out)
    assert list(json.loads(out.getvalue())) == KEYS

    out = io.StringIO()
    cmd = Command()
    cmd.stdin = io.BytesIO(SAMPLE.read_bytes())
    call_command(cmd, "parse", "-", stdout=out)
    assert json.loads(out.getvalue())["language"] == "fr"
