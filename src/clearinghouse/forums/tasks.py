"""Background work of the discussions: fan-out of posts by mail in batches, digests,
and the draining of inbound mail.

The services ask for this work by name (``core.queue``: ``forums.posts_notify``,
``forums.inbound_drain``...) after commit; this module registers the tasks under those
names and calls the services, never the other way round.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from clearinghouse.alerts.services import email_send_many
from clearinghouse.core import queue
from clearinghouse.core.periodic import periodic

from . import inbound
from .models import Post, Watch
from .outgoing import digest_message, post_mail_messages

log = logging.getLogger(__name__)

CHUNK_SIZE = 200  # mails per task (and per SMTP connection)


def thread_watchers(thread) -> dict[int, tuple[str, bool]]:
    """``{user_id: (level, on_thread)}`` for a thread: a thread watch overrides a discussion watch."""
    levels: dict[int, tuple[str, bool]] = {}
    for user_id, level in Watch.objects.filter(discussion_id=thread.discussion_id, thread__isnull=True).values_list(
        "user_id", "level"
    ):
        levels[user_id] = (level, False)
    for user_id, level in Watch.objects.filter(thread=thread).values_list("user_id", "level"):
        levels[user_id] = (level, True)
    return levels


def post_watchers(post) -> dict[int, tuple[str, bool]]:
    """The watchers of a post's thread, its author left out."""
    levels = thread_watchers(post.thread)
    levels.pop(post.author_id, None)
    return levels


def posts_notify(post_ids: list[int]) -> str:
    """Tell the watchers of new visible posts: in-app notices in one insert, mail in tasks of up to 200.

    Many posts at once (a batch of inbound mail) cost one query for the posts and two per
    thread for its watchers; the mails of several posts share a task when they fit.
    """
    from clearinghouse.alerts.models import Notice

    posts = list(Post.objects.select_related("thread__discussion", "author")
                 .filter(pk__in=set(post_ids), status=Post.Status.VISIBLE).order_by("pk"))
    by_thread: dict[int, dict[int, tuple[str, bool]]] = {}
    notices: list[Notice] = []
    mail_items: list[tuple[int, list[int], list[int]]] = []
    for post in posts:
        if post.thread_id not in by_thread:
            by_thread[post.thread_id] = thread_watchers(post.thread)
        watchers = dict(by_thread[post.thread_id])
        watchers.pop(post.author_id, None)
        text = f"{post.author}: {post.thread.title}"[:500]
        url = post.get_absolute_url()
        notices += [Notice(user_id=uid, verb="forum.post", text=text, url=url)
                    for uid, (level, _t) in watchers.items() if level == Watch.Level.WEB]
        email_ids = sorted(uid for uid, (level, _t) in watchers.items() if level == Watch.Level.EMAIL)
        for i in range(0, len(email_ids), CHUNK_SIZE):
            chunk = email_ids[i:i + CHUNK_SIZE]
            mail_items.append((post.pk, chunk, [uid for uid in chunk if watchers[uid][1]]))
    Notice.objects.bulk_create(notices, batch_size=500)
    tasks_: list[list] = []
    size = CHUNK_SIZE
    for item in mail_items:  # pack small chunks of several posts together, up to CHUNK_SIZE mails a task
        if size + len(item[1]) > CHUNK_SIZE:
            tasks_.append([])
            size = 0
        tasks_[-1].append(item)
        size += len(item[1])
    for items in tasks_:
        transaction.on_commit(lambda i=items: post_mails_task.enqueue(i))
    mails = sum(len(item[1]) for item in mail_items)
    return f"{len(posts)} posts: {mails} mails in {len(tasks_)} tasks, {len(notices)} notices"


def post_mails_send(items: list) -> int:
    """Render and send the mails of ``[(post_id, user_ids, thread_watcher_ids)]`` over one connection."""
    from clearinghouse.accounts.models import User

    posts = {p.pk: p for p in Post.objects.select_related("thread__discussion", "author", "parent__parent")
             .filter(pk__in={item[0] for item in items}, status=Post.Status.VISIBLE)}
    users = {u.pk: u for u in User.objects.filter(
        pk__in={uid for item in items for uid in item[1]}, is_active=True, mail_disabled_at__isnull=True,
    ).only("pk", "email", "preferred_language")}
    messages = []
    for post_id, user_ids, thread_watcher_ids in items:
        post = posts.get(post_id)
        if post is None:
            continue
        people = [users[uid] for uid in user_ids if uid in users]
        on_thread = dict.fromkeys(thread_watcher_ids or [], True)
        messages += post_mail_messages(post, people, watched_thread_ids=on_thread)
    return len(email_send_many(messages))


@queue.register("forums.posts_notify")
@task()
def posts_notify_task(post_ids: list[int]) -> str:
    return posts_notify(post_ids)


@queue.register("forums.post_notify")
@task()
def post_notify_task(post_id: int) -> str:
    """One post (kept for tasks enqueued before the batched fan-out)."""
    return posts_notify([post_id])


@queue.register("forums.post_mails")
@task()
def post_mails_task(items: list) -> str:
    return f"{post_mails_send(items)} mails"


@task()
def post_mail_chunk_task(post_id: int, user_ids: list[int], thread_watcher_ids: list[int] | None = None) -> str:
    """One post's chunk (kept for tasks enqueued before ``post_mails_task``)."""
    return f"{post_mails_send([(post_id, user_ids, thread_watcher_ids or [])])} mails"


def digest_send_due(now=None) -> int:
    """Send the daily digest to every watcher at the digest level whose day has passed.

    Registered as a periodic job (daily); safe to call more often: a watch is sent at most
    one digest per 24 hours and only when something new was posted.
    """
    now = now or timezone.now()
    day_ago = now - timezone.timedelta(hours=24)
    due = (
        Watch.objects.filter(level=Watch.Level.DIGEST, user__is_active=True, user__mail_disabled_at__isnull=True)
        .filter(Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=day_ago))
        .select_related("user", "thread__discussion", "discussion")
    )
    sent = 0
    for watch in due.iterator(chunk_size=200):
        since = watch.last_digest_at or watch.created_at
        posts = Post.objects.filter(status=Post.Status.VISIBLE, created_at__gt=since, created_at__lte=now).exclude(
            author_id=watch.user_id
        )
        if watch.thread_id:
            posts = posts.filter(thread_id=watch.thread_id)
        else:
            muted = Watch.objects.filter(user_id=watch.user_id, thread__discussion_id=watch.discussion_id).exclude(
                level=Watch.Level.DIGEST
            ).values("thread_id")
            posts = posts.filter(thread__discussion_id=watch.discussion_id).exclude(thread_id__in=muted)
        posts = list(posts.select_related("thread__discussion", "author").order_by("created_at")[:200])
        Watch.objects.filter(pk=watch.pk).update(last_digest_at=now)
        if not posts:
            continue
        email_send_many([digest_message(watch.user, watch, posts)])
        sent += 1
    return sent


@task()
def digest_send_due_task() -> int:
    return digest_send_due()


@queue.register("forums.inbound_drain")
@task()
def inbound_process_batch_task(inbound_ids: list[int] | None = None) -> str:
    """Drain the stored inbound mail in batches (``inbound.inbound_drain``); ``inbound_ids`` only tells
    that some arrived: every mail waiting is taken, oldest first, whichever task comes first."""
    return str(dict(inbound.inbound_drain()))


@queue.register("forums.inbound_process")
@task()
def inbound_process_task(inbound_id: int) -> str:
    """One mail on its own (kept for tasks enqueued before the drain)."""
    return inbound.inbound_process(inbound_id).status



@periodic(every=60, name="forums.inbound_recover")
def inbound_recover_job() -> str:
    """Mail waiting longer than the lease (its task lost with a killed worker) gets a drain."""
    return inbound.inbound_recover()
