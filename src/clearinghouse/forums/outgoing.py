"""Mail that leaves the discussions: one copy of each post per watcher, daily digests,
and the polite answers to inbound mail that could not be posted.

Each post mail is rendered once per language and then stamped per recipient with its
own signed Reply-To key and unsubscribe link. Mail clients thread the copies through a
stable ``Message-ID`` (``<post-UID@REPLY_DOMAIN>``) and ``In-Reply-To``/``References``.
"""

from __future__ import annotations

import email.utils
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from clearinghouse.alerts.services import RawEmail, bounce_address, user_language
from clearinghouse.core.markdown import render_markdown
from clearinghouse.core.models import content_language

from .keys import reply_address, reply_key_make, unsubscribe_address, unsubscribe_key_make, unsubscribe_token
from .mailparse import REPLY_MARKER, REPLY_MARKERS
from .models import Post, Watch

ATTACH_INLINE_MAX_BYTES = 2 * 1024 * 1024
UNSUB_PLACEHOLDER = "__CH_UNSUBSCRIBE_URL__"


def absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def list_unsubscribe(url: str, key: str) -> str:
    """The RFC 2369 header value: plain ASCII, web link first (RFC 8058 one-click), then mail."""
    return f"<{url}>, <mailto:{unsubscribe_address(key)}?subject=unsubscribe>"


def _from_header(display: str) -> str:
    _name, addr = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)
    return email.utils.formataddr((display, addr or "no-reply@localhost"))


def reply_marker(language: str) -> str:
    return REPLY_MARKERS.get(content_language(language), REPLY_MARKER)


def list_id(discussion) -> str:
    return f"<{discussion.slug}.{settings.CLEARINGHOUSE_REPLY_DOMAIN}>"


def unsubscribe_url(*, user_id: int, discussion_id: int | None = None, thread_id: int | None = None) -> str:
    token = unsubscribe_token(user_id=user_id, discussion_id=discussion_id, thread_id=thread_id)
    return absolute(reverse("forums:unsubscribe", args=[token]))


def thread_references(post: Post) -> tuple[str, str]:
    """``(In-Reply-To, References)`` for a post: its parent's mail, else the thread's root."""
    root = post.thread.root_message_id
    chain = []
    parent = post.parent
    depth = 0
    while parent is not None and depth < 8:
        chain.append(parent.outgoing_message_id)
        parent = parent.parent
        depth += 1
    chain.reverse()
    refs = [root, *chain]
    return refs[-1], " ".join(refs)


_RCPT = "ch-rcpt-placeholder@placeholder.invalid"
_KEY = "ch-key-placeholder"
_UNSUB_KEY = "ch-unsub-key-placeholder"


def post_mail_messages(post: Post, users: Iterable, *, watched_thread_ids: dict[int, bool] | None = None
                       ) -> list[EmailMessage]:
    """One message per user, rendered **once per language** and stamped per recipient.

    The message of each language is built once with placeholders for the recipient, its
    signed Reply-To key and its unsubscribe link, turned into bytes once, and copied with
    the placeholders replaced (they are plain ASCII tokens, so this is exact). Should a
    placeholder not survive encoding verbatim, each message is built on its own instead.
    ``watched_thread_ids`` maps a user id to True when the user's watch is on the thread
    (their unsubscribe link then mutes the thread, else the whole discussion).
    """
    thread = post.thread
    discussion = thread.discussion
    attachments = list(post.attachments.all())
    inline, linked = [], []
    for a in attachments:
        if a.size <= ATTACH_INLINE_MAX_BYTES:
            with a.file.open("rb") as fh:
                inline.append((a.name, fh.read(), a.content_type))
        else:
            linked.append(a)
    in_reply_to, references = thread_references(post)
    by_language: dict[str, list] = defaultdict(list)
    for user in users:
        by_language[user_language(user)].append(user)
    post_url = absolute(post.get_absolute_url())
    unsub_base = absolute(reverse("forums:unsubscribe", args=["TOKEN"])).replace("TOKEN", "{}")
    messages: list[EmailMessage] = []
    for language, people in by_language.items():
        with translation.override(language):
            ctx = {
                "SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL,
                "discussion": discussion, "thread": thread, "post": post,
                "discussion_title": discussion.tr("title", language), "thread_title": thread.tr("title", language),
                "post_html": render_markdown(post.body), "post_url": post_url,
                "thread_url": absolute(thread.get_absolute_url()),
                "linked_attachments": [(a.name, a.size, absolute(a.get_absolute_url())) for a in linked],
                "marker": reply_marker(language), "unsubscribe_url": UNSUB_PLACEHOLDER,
            }
            subject = " ".join(render_to_string("forums/email/post.subject.txt", ctx).split())
            text = render_to_string("forums/email/post.txt", ctx)
            html = render_to_string("forums/email/post.html", ctx)

        def build(to: str, reply: str, unsub: str, unsub_key: str, _subject=subject, _text=text, _html=html,
                  _language=language):
            headers = {
                "From": _from_header(f"{post.author} ({settings.SITE_NAME})"),
                "Message-ID": post.outgoing_message_id,
                "In-Reply-To": in_reply_to,
                "References": references,
                "List-Id": f"{discussion.tr('title', _language)[:120]} {list_id(discussion)}",
                "List-Unsubscribe": list_unsubscribe(unsub, unsub_key),
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Archive": f"<{absolute(discussion.get_absolute_url())}>",
                "Precedence": "list",
                "X-Auto-Response-Suppress": "All",
            }
            msg = EmailMultiAlternatives(
                subject=_subject, body=_text.replace(UNSUB_PLACEHOLDER, unsub), from_email=bounce_address(),
                to=[to], reply_to=[reply], headers=headers,
            )
            msg.attach_alternative(_html.replace(UNSUB_PLACEHOLDER, unsub), "text/html")
            for name, content, ctype in inline:
                msg.attach(name, content, ctype)
            return msg

        template = build(_RCPT, reply_address(_KEY), UNSUB_PLACEHOLDER, _UNSUB_KEY).message().as_bytes(
            linesep="\r\n")
        stampable = (template.count(_RCPT.encode()) == 1 and template.count(_KEY.encode()) == 1
                     and template.count(UNSUB_PLACEHOLDER.encode()) == 3
                     and template.count(_UNSUB_KEY.encode()) == 1)
        for user in people:
            on_thread = (watched_thread_ids or {}).get(user.pk, False)
            token = unsubscribe_token(user_id=user.pk, thread_id=thread.pk if on_thread else None,
                                      discussion_id=None if on_thread else discussion.pk)
            unsub = unsub_base.format(token)
            unsub_key = unsubscribe_key_make(user_id=user.pk, thread_id=thread.pk if on_thread else None,
                                             discussion_id=None if on_thread else discussion.pk)
            key = reply_key_make(post_id=post.pk, user_id=user.pk)
            if stampable and user.email.isascii():
                raw = (template.replace(_RCPT.encode(), user.email.encode())
                       .replace(_UNSUB_KEY.encode(), unsub_key.encode())
                       .replace(_KEY.encode(), key.encode())
                       .replace(UNSUB_PLACEHOLDER.encode(), unsub.encode()))
                messages.append(RawEmail(raw, to=user.email, from_email=bounce_address(), subject=subject,
                                         message_id=post.outgoing_message_id))
            else:
                messages.append(build(user.email, reply_address(key), unsub, unsub_key))
    return messages


def digest_message(user, watch: Watch, posts: list[Post]) -> EmailMultiAlternatives:
    language = user_language(user)
    discussion = watch.thread.discussion if watch.thread_id else watch.discussion
    target = {"thread_id": watch.thread_id, "discussion_id": None if watch.thread_id else discussion.pk}
    unsub = unsubscribe_url(user_id=user.pk, **target)
    unsub_key = unsubscribe_key_make(user_id=user.pk, **target)
    with translation.override(language):
        ctx = {
            "SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "user": user,
            "discussion": discussion, "discussion_title": discussion.tr("title", language),
            "items": [
                {"post": p, "thread_title": p.thread.tr("title", language), "url": absolute(p.get_absolute_url()),
                 "html": render_markdown(p.body)}
                for p in posts
            ],
            "unsubscribe_url": unsub, "discussion_url": absolute(discussion.get_absolute_url()),
        }
        subject = " ".join(render_to_string("forums/email/digest.subject.txt", ctx).split())
        text = render_to_string("forums/email/digest.txt", ctx)
        html = render_to_string("forums/email/digest.html", ctx)
    msg = EmailMultiAlternatives(
        subject=subject, body=text, from_email=bounce_address(), to=[user.email],
        headers={"From": _from_header(settings.SITE_NAME), "List-Id": list_id(discussion),
                 "List-Unsubscribe": list_unsubscribe(unsub, unsub_key), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Precedence": "list", "X-Auto-Response-Suppress": "All"},
    )
    msg.attach_alternative(html, "text/html")
    return msg


def rejection_message(*, to: str, reason: str, language: str, original_subject: str, original_message_id: str,
                      thread=None) -> EmailMultiAlternatives:
    """A polite answer to a mail that was not posted. Marked auto-submitted so it never loops."""
    with translation.override(language):
        ctx = {
            "SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "reason": reason,
            "original_subject": original_subject,
            "thread": thread, "thread_url": absolute(thread.get_absolute_url()) if thread else "",
            "thread_title": thread.tr("title", language) if thread else "",
        }
        subject = " ".join(render_to_string("forums/email/inbound_rejected.subject.txt", ctx).split())
        text = render_to_string("forums/email/inbound_rejected.txt", ctx)
    headers = {"From": _from_header(settings.SITE_NAME), "Auto-Submitted": "auto-replied",
               "X-Auto-Response-Suppress": "All"}
    if original_message_id:
        headers["In-Reply-To"] = original_message_id
        headers["References"] = original_message_id
    # Envelope sender empty-ish: answers to this mail go nowhere that could loop back.
    return EmailMultiAlternatives(subject=subject, body=text, from_email=bounce_address(), to=[to], headers=headers)
