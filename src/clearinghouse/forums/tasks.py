"""Background work of the discussions: fan-out of posts by mail in batches, digests,
and processing of inbound mail. Enqueued after commit by the services."""

from __future__ import annotations

import logging

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)

CHUNK_SIZE = 200


def post_watchers(post) -> dict[int, tuple[str, bool]]:
    """``{user_id: (level, on_thread)}`` for a post: a thread watch overrides a discussion watch."""
    from .models import Watch

    thread = post.thread
    levels: dict[int, tuple[str, bool]] = {}
    for user_id, level in Watch.objects.filter(discussion_id=thread.discussion_id, thread__isnull=True).values_list(
        "user_id", "level"
    ):
        levels[user_id] = (level, False)
    for user_id, level in Watch.objects.filter(thread=thread).values_list("user_id", "level"):
        levels[user_id] = (level, True)
    levels.pop(post.author_id, None)
    return levels


@task()
def post_notify_task(post_id: int) -> str:
    """Tell the watchers of a new visible post: mail in chunks, in-app notices in bulk."""
    from django.db import transaction

    from clearinghouse.alerts.models import Notice

    from .models import Post, Watch

    post = Post.objects.select_related("thread__discussion", "author").filter(pk=post_id).first()
    if post is None or post.status != Post.Status.VISIBLE:
        return "not visible"
    watchers = post_watchers(post)
    email_ids = sorted(uid for uid, (level, _t) in watchers.items() if level == Watch.Level.EMAIL)
    web_ids = [uid for uid, (level, _t) in watchers.items() if level in (Watch.Level.WEB, Watch.Level.EMAIL)]
    text = f"{post.author}: {post.thread.title}"[:500]
    Notice.objects.bulk_create(
        [Notice(user_id=uid, verb="forum.post", text=text, url=post.get_absolute_url()) for uid in web_ids
         if watchers[uid][0] == Watch.Level.WEB],
        batch_size=500,
    )
    chunks = [email_ids[i:i + CHUNK_SIZE] for i in range(0, len(email_ids), CHUNK_SIZE)]
    for chunk in chunks:
        on_thread = [uid for uid in chunk if watchers[uid][1]]
        transaction.on_commit(lambda c=chunk, t=on_thread: post_mail_chunk_task.enqueue(post_id, c, t))
    return f"{len(email_ids)} mails in {len(chunks)} chunks, {len(web_ids)} notices"


@task()
def post_mail_chunk_task(post_id: int, user_ids: list[int], thread_watcher_ids: list[int] | None = None) -> str:
    from clearinghouse.accounts.models import User
    from clearinghouse.alerts.services import email_send_many

    from .models import Post
    from .outgoing import post_mail_messages

    post = (Post.objects.select_related("thread__discussion", "author", "parent__parent")
            .filter(pk=post_id, status=Post.Status.VISIBLE).first())
    if post is None:
        return "not visible"
    users = list(
        User.objects.filter(pk__in=user_ids, is_active=True, mail_disabled_at__isnull=True)
        .only("pk", "email", "preferred_language")
    )
    on_thread = dict.fromkeys(thread_watcher_ids or [], True)
    messages = post_mail_messages(post, users, watched_thread_ids=on_thread)
    records = email_send_many(messages)
    return f"{len(records)} mails"


def digest_send_due(now=None) -> int:
    """Send the daily digest to every watcher at the digest level whose day has passed.

    Registered as a periodic job (daily); safe to call more often: a watch is sent at most
    one digest per 24 hours and only when something new was posted.
    """
    from clearinghouse.alerts.services import email_send_many

    from .models import Post, Watch
    from .outgoing import digest_message

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


@task()
def inbound_process_batch_task(inbound_ids: list[int]) -> str:
    """Process mails stored together by the SMTP receiver; each one on its own (a failure stays with it)."""
    from collections import Counter

    from .inbound import inbound_process

    return str(dict(Counter(inbound_process(pk).status for pk in inbound_ids)))


@task()
def inbound_process_task(inbound_id: int) -> str:
    from .inbound import inbound_process

    return inbound_process(inbound_id).status

