"""Who may do what in the online discussions. Every page, API endpoint, inbound mail
and command calls these; ``tests/forums/test_permissions.py`` is the role × action matrix."""

from __future__ import annotations

from django.utils import timezone

from clearinghouse.accounts.permissions import acting_countries, is_confirmed, is_moderator, is_secretariat

from .models import EDIT_WINDOW_MINUTES, Discussion, Post, Thread


def _moderator_ids(discussion: Discussion) -> set[int]:
    cache = getattr(discussion, "_moderator_ids", None)
    if cache is None:
        cache = set(discussion.moderators.values_list("pk", flat=True))
        discussion._moderator_ids = cache
    return cache


def _is_participant(user, discussion: Discussion) -> bool:
    cache = getattr(user, "_forum_participations", None)
    if cache is None:
        from .models import Participant

        cache = set(Participant.objects.filter(user=user).values_list("discussion_id", flat=True))
        user._forum_participations = cache
    return discussion.pk in cache


def clear_cache(user) -> None:
    if hasattr(user, "_forum_participations"):
        del user._forum_participations


def can_create_discussion(user) -> bool:
    return is_confirmed(user) and is_moderator(user)


def can_moderate_discussion(user, discussion: Discussion) -> bool:
    """Secretariat, and the discussion's own moderators."""
    if not is_confirmed(user):
        return False
    return is_secretariat(user) or user.pk in _moderator_ids(discussion)


def can_view_discussion(user, discussion: Discussion) -> bool:
    if discussion.read_audience == Discussion.ReadAudience.PUBLIC:
        return True
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_join_discussion(user, discussion: Discussion) -> bool:
    return (
        is_confirmed(user) and can_view_discussion(user, discussion) and not discussion.is_read_only
        and not _is_participant(user, discussion)
    )


def may_post_by_audience(user, discussion: Discussion) -> bool:
    """The discussion's posting audience, whatever its state."""
    if not is_confirmed(user):
        return False
    if can_moderate_discussion(user, discussion) or is_moderator(user):
        return True
    if discussion.post_audience == Discussion.PostAudience.REGISTERED:
        return True
    return bool(acting_countries(user))


def can_post_in_discussion(user, discussion: Discussion) -> bool:
    """Write in an open discussion: joined (consent given) and in the posting audience."""
    if not discussion.is_open or not may_post_by_audience(user, discussion):
        return False
    return can_moderate_discussion(user, discussion) or _is_participant(user, discussion)


def can_create_thread(user, discussion: Discussion) -> bool:
    if discussion.is_read_only or not is_confirmed(user):
        return False
    if can_moderate_discussion(user, discussion):
        return True
    return discussion.participant_threads and can_post_in_discussion(user, discussion)


def can_reply_thread(user, thread: Thread) -> bool:
    if thread.is_closed and not can_moderate_discussion(user, thread.discussion):
        return False
    return can_post_in_discussion(user, thread.discussion)


def can_view_post(user, post: Post) -> bool:
    discussion = post.thread.discussion
    if not can_view_discussion(user, discussion):
        return False
    if post.status == Post.Status.VISIBLE:
        return True
    if can_moderate_discussion(user, discussion):
        return True
    return post.status == Post.Status.PENDING and user is not None and user.is_authenticated and user.pk == post.author_id


def can_edit_post(user, post: Post, *, now=None) -> bool:
    """The author, within the edit window, while the discussion is open and the post not hidden."""
    if not is_confirmed(user) or user.pk != post.author_id:
        return False
    if post.status not in (Post.Status.VISIBLE, Post.Status.PENDING):
        return False
    if not post.thread.discussion.is_open:
        return False
    now = now or timezone.now()
    return now <= post.created_at + timezone.timedelta(minutes=EDIT_WINDOW_MINUTES)


def can_hide_post(user, post: Post) -> bool:
    return can_moderate_discussion(user, post.thread.discussion) and post.status == Post.Status.VISIBLE


def can_review_post(user, post: Post) -> bool:
    """Approve or reject a post waiting in the queue."""
    return can_moderate_discussion(user, post.thread.discussion) and post.status == Post.Status.PENDING


def can_flag_post(user, post: Post) -> bool:
    return (
        is_confirmed(user) and user.pk != post.author_id and post.status == Post.Status.VISIBLE
        and can_view_discussion(user, post.thread.discussion)
    )


def can_pin_thread(user, thread: Thread) -> bool:
    return can_moderate_discussion(user, thread.discussion)


def can_close_thread(user, thread: Thread) -> bool:
    return can_moderate_discussion(user, thread.discussion)


def can_edit_statements(user, discussion: Discussion) -> bool:
    return can_moderate_discussion(user, discussion)


def can_watch(user, discussion: Discussion) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active) and can_view_discussion(user, discussion)


def can_view_moderation_queue(user, discussion: Discussion) -> bool:
    return can_moderate_discussion(user, discussion)


def can_view_inbound(user) -> bool:
    """See and re-process inbound mails that could not be posted: the secretariat and moderators."""
    return is_confirmed(user) and (is_moderator(user) or user.moderated_discussions.exists())


def can_edit_synthesis(user, discussion: Discussion, *, now=None) -> bool:
    """Start and edit the synthesis: a moderator, at or after the close."""
    now = now or timezone.now()
    return can_moderate_discussion(user, discussion) and now >= discussion.closes_at


def can_view_synthesis(user, synthesis) -> bool:
    if synthesis.status == synthesis.Status.PUBLISHED:
        return can_view_discussion(user, synthesis.discussion)
    return can_moderate_discussion(user, synthesis.discussion)
