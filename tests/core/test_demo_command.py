"""`clearinghouse demo`: loads each app's demo once, then only prints the logins with --once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from clearinghouse.accounts.models import User
from clearinghouse.core.management.commands import demo

from . import demo_module_for_tests


@pytest.fixture
def only_the_test_module(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(
        demo, "DEMO_MODULES", ["tests.core.demo_module_for_tests", "clearinghouse.nothing.demo"]
    )
    settings.VAR_DIR = tmp_path
    demo_module_for_tests.calls.clear()


@pytest.mark.django_db
def test_demo_loads_once_and_prints_the_logins(only_the_test_module):
    out = StringIO()
    call_command("demo", "--once", "--no-index", stdout=out)
    assert demo_module_for_tests.calls == ["load"]
    assert User.objects.filter(email="demo.tester@example.org").count() == 1
    assert "demo.tester@example.org  demo-password-2026  registered user" in out.getvalue()

    again = StringIO()
    call_command("demo", "--once", "--no-index", stdout=again)
    assert demo_module_for_tests.calls == ["load"]  # not loaded twice
    assert "Demo data already loaded." in again.getvalue()
    assert "demo.tester@example.org" in again.getvalue()


@pytest.mark.django_db
def test_demo_without_once_loads_again_and_stays_idempotent(only_the_test_module):
    call_command("demo", "--no-index", stdout=StringIO())
    call_command("demo", "--no-index", stdout=StringIO())
    assert demo_module_for_tests.calls == ["load", "load"]
    assert User.objects.filter(email="demo.tester@example.org").count() == 1


def test_the_demo_backend_runs_tasks_at_once_but_leaves_indexing_to_reindex():
    from django.test.utils import override_settings

    demo_module_for_tests.ran.clear()
    backend = "clearinghouse.core.management.commands.demo.DemoBackend"
    with override_settings(TASKS={"default": {"BACKEND": backend}}):
        from clearinghouse.search.tasks import index_document_task

        assert index_document_task.enqueue("record", 1).status == "READY"  # not run
        assert demo_module_for_tests.other_task.enqueue().status == "SUCCESSFUL"
    assert demo_module_for_tests.ran == ["other"]
