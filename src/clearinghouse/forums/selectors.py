"""Reads for the discussions: bounded, with the joins each page needs."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from . import permissions as perms
from .models import Discussion, Flag, InboundMessage, Participant, Post, PostAttachment, Thread, Watch

PAGE_SIZE = 50


def discussions_visible(user) -> QuerySet[Discussion]:
    qs = Discussion.objects.all()
    if not (user is not None and user.is_authenticated):
        qs = qs.filter(read_audience=Discussion.ReadAudience.PUBLIC)
    return qs


def discussions_by_state(user) -> dict[str, list[Discussion]]:
    now = timezone.now()
    qs = discussions_visible(user).annotate(thread_total=Count("threads", distinct=True))[:300]
    out: dict[str, list[Discussion]] = {"open": [], "announced": [], "closed": []}
    for d in qs:
        state = d.state_at(now)
        out["closed" if state in ("closed", "archived") else state].append(d)
    out["announced"].sort(key=lambda d: d.opens_at)
    return out


def discussion_threads(discussion: Discussion) -> list[Thread]:
    return list(discussion.threads.select_related("created_by").order_by("-pinned", "number")[:500])


def discussion_participants(discussion: Discussion) -> dict[str, list[Participant]]:
    groups: dict[str, list[Participant]] = {code: [] for code, _label in Participant.Group.choices}
    for p in (discussion.participants.select_related("user__country", "user__organisation")
              .order_by("group", "user__country__name", "user__display_name")[:2000]):
        groups.setdefault(p.group, []).append(p)
    return groups


def thread_posts(thread: Thread, user, *, page: int = 1) -> tuple[list[Post], int]:
    """Posts of a thread the user may see (hidden ones as placeholders), oldest first, paginated."""
    qs = Post.objects.filter(thread=thread)
    if not perms.can_moderate_discussion(user, thread.discussion):
        visible = Q(status__in=[Post.Status.VISIBLE, Post.Status.HIDDEN])
        if user is not None and user.is_authenticated:
            visible |= Q(status=Post.Status.PENDING, author=user)
        qs = qs.filter(visible)
    total = qs.count()
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    posts = list(
        qs.select_related("author__country", "author__organisation", "parent__author")
        .prefetch_related(Prefetch("attachments", queryset=PostAttachment.objects.order_by("pk")))
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "pk")[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    )
    return posts, pages


def watch_level(user, *, discussion: Discussion | None = None, thread: Thread | None = None) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if thread is not None:
        return Watch.objects.filter(user=user, thread=thread).values_list("level", flat=True).first()
    return Watch.objects.filter(user=user, discussion=discussion, thread=None).values_list("level", flat=True).first()


def moderation_queue(discussion: Discussion) -> dict:
    pending = list(
        Post.objects.filter(thread__discussion=discussion, status=Post.Status.PENDING)
        .select_related("author", "thread").order_by("created_at")[:200]
    )
    flags = list(
        Flag.objects.filter(post__thread__discussion=discussion, resolved_at__isnull=True)
        .select_related("post__author", "post__thread", "user").order_by("created_at")[:200]
    )
    inbound = list(
        InboundMessage.objects.filter(thread__discussion=discussion, status__in=[
            InboundMessage.Status.FAILED, InboundMessage.Status.REJECTED])
        .defer("raw").order_by("-created_at")[:100]
    )
    return {"pending": pending, "flags": flags, "inbound": inbound}


def inbound_problems() -> list[InboundMessage]:
    return list(
        InboundMessage.objects.filter(status__in=[InboundMessage.Status.FAILED, InboundMessage.Status.REJECTED,
                                                  InboundMessage.Status.RECEIVED, InboundMessage.Status.UNSUBSCRIBED])
        .select_related("thread__discussion").defer("raw").order_by("-created_at")[:200]
    )


def posts_for_feed(*, discussion: Discussion | None = None, thread: Thread | None = None, limit: int = 50):
    qs = Post.objects.filter(status=Post.Status.VISIBLE).select_related("thread__discussion", "author")
    if thread is not None:
        qs = qs.filter(thread=thread)
    elif discussion is not None:
        qs = qs.filter(thread__discussion=discussion)
    return list(qs.order_by("-created_at")[:limit])
