"""Inbound mail drained in batches: claims, one transaction per batch, one fan-out per batch, and a worker
killed in the middle of a batch (a real process, SIGKILL) losing nothing and doubling nothing."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import os
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from clearinghouse.forums import inbound, services
from clearinghouse.forums.inbound import inbound_drain, inbound_receive_many, inbound_recover
from clearinghouse.forums.keys import reply_key_make
from clearinghouse.forums.models import InboundMessage, Post, Watch
from tests.factories import UserFactory
from tests.parallel import file_database, vocabularies  # noqa: F401 - fixtures

from .helpers import joined, make_discussion, make_thread

ROOT = Path(__file__).resolve().parents[2]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def reply(root: Post, person, n: int, *, key: str | None = None, message_id: str | None = None,
          headers: dict | None = None) -> tuple[bytes, list[str]]:
    key = key or reply_key_make(post_id=root.pk, user_id=person.pk)
    to = f"reply+{key}@{settings.CLEARINGHOUSE_REPLY_DOMAIN}"
    msg = EmailMessage()
    msg["From"] = person.email
    msg["To"] = to
    msg["Subject"] = "Re: [Discussion] Funding"
    msg["Message-ID"] = message_id or f"<drain-{n}-{time.time_ns()}@example.org>"
    msg["Date"] = email.utils.formatdate()
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(f"Reply number {n}: we used national budget lines.\n\nOn Mon, X wrote:\n> Which sources?\n")
    return msg.as_bytes(policy=email.policy.SMTP), [to]


def people(discussion, n: int) -> list:
    return [joined(UserFactory(email=f"drain{i}@example.org"), discussion) for i in range(n)]


@pytest.fixture
def forum():
    discussion = make_discussion()
    thread = make_thread(discussion)
    root = services.post_create(actor=discussion.moderators.first(), thread=thread, body="Which sources of funding?")
    return discussion, thread, root


@pytest.mark.django_db
def test_a_batch_posts_each_mail_once_and_announces_them_with_one_task(forum, settings,
                                                                      django_capture_on_commit_callbacks):
    discussion, thread, root = forum
    settings.TASKS = DB_TASKS
    from django_tasks_db.models import DBTaskResult

    senders = people(discussion, 4)
    watcher = joined(UserFactory(email="watcher@example.org"), discussion)
    services.watch_set(actor=watcher, discussion=discussion, level=Watch.Level.WEB)
    twice = reply(root, senders[0], 0, message_id="<same@example.org>")
    mails = [twice, twice,  # the same mail delivered twice in one batch
             reply(root, senders[1], 1), reply(root, senders[2], 2, key="forged.key.value"),
             reply(root, senders[3], 3, headers={"Auto-Submitted": "auto-replied"})]
    with django_capture_on_commit_callbacks(execute=True):
        ids = inbound_receive_many(mails, transport="smtp")
    DBTaskResult.objects.all().delete()  # the drain is run here, by hand

    with django_capture_on_commit_callbacks(execute=True):
        counts = inbound_drain()

    statuses = dict(InboundMessage.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert [statuses[pk] for pk in ids] == ["posted", "duplicate", "posted", "rejected", "auto_reply"]
    assert counts == {"posted": 2, "duplicate": 1, "rejected": 1, "auto_reply": 1}
    assert Post.objects.filter(via=Post.Via.EMAIL).count() == 2
    thread.refresh_from_db()
    assert thread.post_count == 3  # the root and the two replies, counted once for the batch
    assert set(InboundMessage.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == {1}
    notify = DBTaskResult.objects.filter(task_path__endswith="posts_notify_task")
    assert notify.count() == 1  # one fan-out for the batch, not one task per post
    assert sorted(notify.get().args_kwargs["args"][0]) == sorted(
        Post.objects.filter(via=Post.Via.EMAIL).values_list("pk", flat=True))
    assert inbound_drain() == {}  # nothing left to take


@pytest.mark.django_db
def test_a_mail_that_fails_is_kept_for_the_moderators_and_the_rest_of_its_batch_is_posted(
        forum, monkeypatch, django_capture_on_commit_callbacks):
    discussion, thread, root = forum
    senders = people(discussion, 3)
    real = services.post_create

    def post_create(**kwargs):
        if "number 1:" in kwargs["body"]:
            real(**kwargs)  # written, then the mail fails: its savepoint takes the post back
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "post_create", post_create)
    with django_capture_on_commit_callbacks(execute=True):
        ids = inbound_receive_many([reply(root, p, i) for i, p in enumerate(senders)], transport="smtp")
        inbound_drain()
    records = {r.pk: r for r in InboundMessage.objects.filter(pk__in=ids)}
    assert [records[pk].status for pk in ids] == ["posted", "failed", "posted"]
    assert "disk full" in records[ids[1]].error
    assert Post.objects.filter(via=Post.Via.EMAIL).count() == 2
    thread.refresh_from_db()
    assert thread.post_count == 3


@pytest.mark.django_db
def test_claims_do_not_overlap_and_a_lapsed_claim_is_taken_again(forum):
    discussion, _thread, root = forum
    senders = people(discussion, 5)
    ids = inbound_receive_many([reply(root, p, i) for i, p in enumerate(senders)], transport="smtp")
    first = inbound._claim(3)
    second = inbound._claim(3)
    assert first == ids[:3] and second == ids[3:]
    assert inbound._claim(3) == []  # all taken, none finished
    later = timezone.now() + inbound.LEASE + dt.timedelta(seconds=1)
    assert inbound._claim(10, now=later) == ids  # their workers died: taken again
    assert set(InboundMessage.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == {2}


@pytest.mark.django_db
def test_a_mail_that_keeps_stopping_its_worker_is_set_aside(forum):
    discussion, _thread, root = forum
    [sender] = people(discussion, 1)
    [pk] = inbound_receive_many([reply(root, sender, 0)], transport="smtp")
    now = timezone.now()
    for attempt in range(inbound.MAX_ATTEMPTS):
        now += inbound.LEASE + dt.timedelta(seconds=1)
        assert inbound._claim(5, now=now) == [pk], attempt
    now += inbound.LEASE + dt.timedelta(seconds=1)
    assert inbound._claim(5, now=now) == []
    record = InboundMessage.objects.get(pk=pk)
    assert record.status == InboundMessage.Status.FAILED
    assert "worker stopped" in record.error


# --- a real worker killed in the middle of a batch -----------------------------------------


def _child_env(tmp_path: Path) -> dict[str, str]:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{s['NAME']}"
    else:
        url = (f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
               f"/{s['NAME']}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARINGHOUSE_", "PYTEST_", "DJANGO_SETTINGS"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "clearinghouse.settings", "PYTHONUNBUFFERED": "1",
        "CLEARINGHOUSE_DATABASE_URL": url, "CLEARINGHOUSE_VAR_DIR": str(tmp_path / "var"),
        "CLEARINGHOUSE_SECRET_KEY": settings.SECRET_KEY,  # the reply keys are signed with it
        "CLEARINGHOUSE_REPLY_DOMAIN": settings.CLEARINGHOUSE_REPLY_DOMAIN,
        "CLEARINGHOUSE_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CLEARINGHOUSE_LOG_LEVEL": "WARNING",
    })
    return env


def _worker(env: dict, tmp_path: Path, name: str, *, batch: bool) -> subprocess.Popen:
    args = [sys.executable, "-m", "clearinghouse.cli", "db_worker", "--no-reload", "--no-startup-delay",
            "--queue-name", "*", "--interval", "0.2", "--worker-id", name]
    log = (tmp_path / f"{name}.log").open("w")
    return subprocess.Popen([*args, "--batch"] if batch else args, env=env, cwd=ROOT, stdout=log,
                            stderr=subprocess.STDOUT)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("file_database")
def test_a_worker_killed_mid_batch_loses_no_mail_and_posts_none_twice(tmp_path, settings, record_property):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    discussion = make_discussion()
    thread = make_thread(discussion)
    root = services.post_create(actor=discussion.moderators.first(), thread=thread, body="Which sources?")
    total = 3 * inbound.BATCH_SIZE
    senders = people(discussion, total)
    ids = []
    for start in range(0, total, 50):  # as the SMTP receiver stores them: groups, each with its drain task
        ids += inbound_receive_many([reply(root, p, start + i) for i, p in enumerate(senders[start:start + 50])],
                                    transport="smtp")
    env = _child_env(tmp_path)

    first = _worker(env, tmp_path, "first", batch=False)
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:  # a batch posted, the next one taken and not finished: kill now
            posted = Post.objects.filter(via=Post.Via.EMAIL).count()
            taken = InboundMessage.objects.filter(status=InboundMessage.Status.RECEIVED, attempts__gte=1).count()
            if posted and taken:
                break
            assert first.poll() is None, (tmp_path / "first.log").read_text()
            time.sleep(0.01)
        else:
            pytest.fail("the worker posted nothing in time:\n" + (tmp_path / "first.log").read_text())
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

    posted_at_kill = Post.objects.filter(via=Post.Via.EMAIL).count()
    in_flight = list(InboundMessage.objects.filter(status=InboundMessage.Status.RECEIVED, attempts=1)
                     .values_list("pk", flat=True))
    assert 0 < posted_at_kill < total
    assert in_flight, "the kill came between two batches"
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1  # its task died with it
    record_property("figures", f"inbound drain: worker killed with {posted_at_kill} of {total} mails posted and "
                               f"{len(in_flight)} taken in its unfinished batch")

    # The lease runs out (the clock moves on), the periodic job sees mail waiting and enqueues a drain;
    # two fresh workers drain the rest side by side.
    past = timezone.now() - inbound.LEASE - dt.timedelta(minutes=1)
    InboundMessage.objects.filter(status=InboundMessage.Status.RECEIVED).update(updated_at=past, created_at=past)
    assert "drain enqueued" in inbound_recover()
    workers = [_worker(env, tmp_path, f"after-{i}", batch=True) for i in range(2)]
    for i, worker in enumerate(workers):
        assert worker.wait(timeout=300) == 0, (tmp_path / f"after-{i}.log").read_text()

    records = list(InboundMessage.objects.filter(pk__in=ids).values_list("pk", "status", "post_id", "attempts"))
    assert {status for _pk, status, _post, _a in records} == {"posted"}
    posts = Post.objects.filter(via=Post.Via.EMAIL)
    assert posts.count() == total
    assert posts.values("message_id").distinct().count() == total
    assert posts.values("author").distinct().count() == total
    assert len({post for _pk, _s, post, _a in records}) == total
    attempts = {pk: a for pk, _s, _post, a in records}
    assert {attempts[pk] for pk in in_flight} == {2}  # taken by the killed worker, then again
    thread.refresh_from_db()
    assert thread.post_count == total + 1  # counters of the rolled-back batch not kept
    assert not DBTaskResult.objects.filter(status__in=["READY", "FAILED"]).exists()
