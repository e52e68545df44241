"""Forum test data, built through the services (DESIGN §3.1)."""

from __future__ import annotations

from django.utils import timezone

from clearinghouse.forums import services
from tests.factories import moderator as make_moderator


def make_discussion(*, actor=None, opens_in_hours: float = -1, closes_in_hours: float = 24 * 14, **options):
    actor = actor or make_moderator()
    now = timezone.now()
    options.setdefault("title", "Online discussion on the implementation of the Cartagena Protocol on Biosafety")
    options.setdefault("description", "Share **experiences** on integrating biosafety into NBSAPs.")
    return services.discussion_create(
        actor=actor, opens_at=now + timezone.timedelta(hours=opens_in_hours),
        closes_at=now + timezone.timedelta(hours=closes_in_hours), **options,
    )


def make_thread(discussion, *, title: str = "Integrating biosafety into NBSAPs", actor=None):
    actor = actor or discussion.moderators.first()
    return services.thread_create(actor=actor, discussion=discussion, title=title)


def joined(user, discussion):
    services.discussion_join(actor=user, discussion=discussion, consent=True)
    return user


def close_now(discussion):
    """Move the discussion's dates so it has just closed (as time passing would)."""
    now = timezone.now()
    type(discussion).objects.filter(pk=discussion.pk).update(
        opens_at=now - timezone.timedelta(days=14), closes_at=now - timezone.timedelta(minutes=1))
    discussion.refresh_from_db()
    return discussion


def sent(message):
    """A message from ``mail.outbox`` as the recipient sees it: ``(headers, plain text)``."""
    import email
    from email import policy

    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    body = parsed.get_body(preferencelist=("plain",))
    return parsed, (body.get_content() if body is not None else "")
