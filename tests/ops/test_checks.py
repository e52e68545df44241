"""`check --deploy` refuses a production configuration whose mail would never leave."""

from __future__ import annotations

import subprocess

import pytest
from django.core.checks import run_checks

from .conftest import ROOT, clean_env, manage

PRODUCTION = {"CLEARINGHOUSE_ENV": "production", "CLEARINGHOUSE_ALLOWED_HOSTS": "chm.example.org",
              "CLEARINGHOUSE_SECRET_KEY": "check-only-not-a-real-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"}


def _ids(**settings_values) -> set[str]:
    return {m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("clearinghouse.")}


@pytest.mark.parametrize("backend", ["clearinghouse.alerts.outbox.OutboxBackend",
                                     "django.core.mail.backends.filebased.EmailBackend",
                                     "django.core.mail.backends.console.EmailBackend"])
def test_production_with_a_local_mail_backend_is_an_error(settings, backend):
    settings.PRODUCTION = True
    settings.EMAIL_BACKEND = backend
    assert "clearinghouse.E001" in _ids()


def test_production_smtp_without_a_mail_host_is_an_error(settings, monkeypatch):
    settings.PRODUCTION = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    monkeypatch.delenv("CLEARINGHOUSE_EMAIL_HOST", raising=False)
    assert "clearinghouse.E002" in _ids()
    monkeypatch.setenv("CLEARINGHOUSE_EMAIL_HOST", "smtp.example.org")
    assert not _ids() & {"clearinghouse.E001", "clearinghouse.E002"}


def test_development_keeps_its_outbox(settings):
    settings.PRODUCTION = False
    settings.EMAIL_BACKEND = "clearinghouse.alerts.outbox.OutboxBackend"
    assert not _ids() & {"clearinghouse.E001", "clearinghouse.E002"}


def test_check_deploy_fails_for_production_without_a_mail_host(tmp_path):
    env = clean_env(CLEARINGHOUSE_VAR_DIR=str(tmp_path), **PRODUCTION)
    done = subprocess.run(manage("check", "--deploy"), env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert "clearinghouse.E001" in done.stderr + done.stdout
    with_host = subprocess.run(manage("check", "--deploy"), env={**env, "CLEARINGHOUSE_EMAIL_HOST": "smtp.example.org"},
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "clearinghouse.E00" not in with_host.stderr + with_host.stdout
