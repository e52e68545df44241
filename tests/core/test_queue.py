"""core.queue: services enqueue by name, tasks modules register."""

from __future__ import annotations

import pytest
from django.db import transaction

from clearinghouse.core import queue


class FakeTask:
    """Stands for a django_tasks task: records what was enqueued."""

    module_path = "clearinghouse.core.tests_fake.fake"

    def __init__(self):
        self.calls = []

    def enqueue(self, *args, **kwargs):
        self.calls.append((args, kwargs))


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(queue, "_REGISTRY", dict(queue._REGISTRY))
    task_obj = FakeTask()
    queue.register("core.test_job")(task_obj)
    return task_obj


def test_an_unknown_name_fails_in_the_service_not_later_in_a_worker():
    with pytest.raises(LookupError, match="forums.no_such_job"):
        queue.enqueue_on_commit("forums.no_such_job", 1)
    with pytest.raises(LookupError):
        queue.resolve("nosuchapp.job")
    with pytest.raises(ValueError):
        queue.register("nodot")


def test_a_name_resolves_by_importing_its_apps_tasks_module():
    from clearinghouse.forums import tasks

    assert queue.resolve("forums.posts_notify") is tasks.posts_notify_task
    assert queue.resolve("alerts.email_send").module_path == "clearinghouse.alerts.tasks.email_send_task"


@pytest.mark.django_db
def test_enqueued_after_commit_and_dropped_on_rollback(fake, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            queue.enqueue_on_commit("core.test_job", 7, key="a")
            assert fake.calls == []  # not before the commit
    assert fake.calls == [((7,), {"key": "a"})]

    fake.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue.enqueue_on_commit("core.test_job", 8)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert fake.calls == []


def test_two_tasks_cannot_claim_one_name(fake):
    other = FakeTask()
    other.module_path = "clearinghouse.core.elsewhere.other"
    with pytest.raises(ValueError, match="already registered"):
        queue.register("core.test_job")(other)
