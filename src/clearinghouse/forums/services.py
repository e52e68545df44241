"""Every change in the online discussions goes through these functions: pages, API,
inbound mail, demo data, commands and test factories alike (DESIGN §3.1)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from clearinghouse.accounts.models import Organisation, Role
from clearinghouse.accounts.permissions import _roles
from clearinghouse.core import queue
from clearinghouse.core.errors import Conflict
from clearinghouse.core.files import check_upload
from clearinghouse.core.text import clean_filename, clean_line, clean_text

from . import permissions as perms
from .models import (
    Discussion,
    Flag,
    Participant,
    Post,
    PostAttachment,
    PostRevision,
    Synthesis,
    Thread,
    Watch,
)

RATE_LIMIT_POSTS = 10
RATE_LIMIT_MINUTES = 10
MAX_BODY_CHARS = 50_000
MAX_ATTACHMENTS = 10
RESERVED_SLUGS = {"new", "mail", "unsubscribe", "posts", "flags"}  # addresses of other pages


def _max_attachment_bytes() -> int:
    return int(getattr(settings, "CLEARINGHOUSE_FORUM_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024))


@dataclass
class NewAttachment:
    """A file to attach, whatever it came from (upload, mail part, API)."""

    name: str
    content: bytes
    content_type: str = ""


def _as_attachments(items: Iterable) -> list[NewAttachment]:
    out = []
    for item in items or ():
        if isinstance(item, NewAttachment):
            out.append(item)
        elif hasattr(item, "read"):  # an UploadedFile
            out.append(NewAttachment(name=clean_filename(item.name), content=item.read(), content_type=getattr(item, "content_type", "")))
        elif hasattr(item, "data") and hasattr(item, "name"):  # mailparse.Attachment
            out.append(NewAttachment(name=clean_filename(item.name, default="attachment"), content=item.data, content_type=item.content_type))
        else:
            name, content, ctype = item
            out.append(NewAttachment(name=name, content=content, content_type=ctype))
    return out


def _validate_attachments(attachments: list[NewAttachment]) -> list[str]:
    errors = []
    allowed = settings.CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES
    if len(attachments) > MAX_ATTACHMENTS:
        errors.append(_("A post can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS})
    limit = _max_attachment_bytes()
    for a in attachments:
        ext = Path(a.name).suffix.lower()
        if ext not in allowed:
            errors.append(
                _("“%(name)s” cannot be attached: allowed types are %(types)s.")
                % {"name": a.name, "types": ", ".join(sorted(allowed))}
            )
        elif len(a.content) > limit:
            errors.append(
                _("“%(name)s” is too large: attachments have at most %(mb)s MB.")
                % {"name": a.name, "mb": limit // (1024 * 1024)}
            )
        else:
            try:  # the content, not the name: see core.files
                check_upload(name=a.name, content=a.content, declared_type=a.content_type)
            except ValidationError as exc:
                errors.extend(exc.messages)
    return errors


def _safe_name(name: str) -> str:
    path = Path(name or "attachment")
    stem = slugify(path.stem)[:80] or "attachment"
    return f"{stem}{path.suffix.lower()[:10]}"


def _store_attachments(post: Post, attachments: list[NewAttachment]) -> None:
    allowed = settings.CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES
    for a in attachments:
        ext = Path(a.name).suffix.lower()
        ctype = allowed[ext]  # _validate_attachments let only allowed types through, checked against the content
        record = PostAttachment(post=post, name=a.name[:200], content_type=ctype, size=len(a.content))
        record.file.save(_safe_name(a.name), ContentFile(a.content), save=False)
        record.save()


# --- discussions ---------------------------------------------------------------


def participant_group(user) -> str:
    """Parties, other Governments, observers and organisations: from the person's roles and organisation."""
    roles = {r for r, _c, _conv in _roles(user)}
    if user.is_superuser or roles & {Role.SECRETARIAT, Role.MODERATOR}:
        return Participant.Group.SECRETARIAT
    if roles & {Role.FOCAL_POINT, Role.AUTHORISED_USER}:
        return Participant.Group.PARTY
    org = user.organisation if user.organisation_id else None
    if org is not None and org.kind == Organisation.Kind.GOVERNMENT:
        return Participant.Group.GOVERNMENT
    return Participant.Group.ORGANISATION


def _validate_discussion(data: dict) -> None:
    errors: dict[str, list[str]] = {}
    if not (data.get("title") or "").strip():
        errors["title"] = [_("Give the discussion a title.")]
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if not opens:
        errors["opens_at"] = [_("Say when the discussion opens.")]
    if not closes:
        errors["closes_at"] = [_("Say when the discussion closes.")]
    if opens and closes and closes <= opens:
        errors["closes_at"] = [_("The discussion must close after it opens.")]
    if errors:
        raise ValidationError(errors)


def discussion_create(*, actor, title: str, opens_at, closes_at, description: str = "", slug: str = "",
                      language: str = "en", translations: dict | None = None,
                      moderators: Iterable = (), contact=None, **options) -> Discussion:
    if not perms.can_create_discussion(actor):
        raise PermissionDenied(_("Only the secretariat and moderators can create discussions."))
    title, description = clean_line(title), clean_text(description)
    _validate_discussion({"title": title, "opens_at": opens_at, "closes_at": closes_at})
    base = slugify(slug or title)[:70] or "discussion"
    if base in RESERVED_SLUGS:
        base = f"{base}-discussion"
    candidate, n = base, 1
    while Discussion.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    with transaction.atomic():
        discussion = Discussion.objects.create(
            slug=candidate, title=title.strip(), description=description, opens_at=opens_at, closes_at=closes_at,
            language=language, translations=translations or {}, contact=contact or actor, created_by=actor,
            **options,
        )
        discussion.moderators.set([actor, *moderators])
    return discussion


def discussion_update(*, actor, discussion: Discussion, **data) -> Discussion:
    if not perms.can_moderate_discussion(actor, discussion):
        raise PermissionDenied(_("Only the moderators can change this discussion."))
    allowed = {"title", "description", "opens_at", "closes_at", "read_audience", "post_audience",
               "participant_threads", "premoderation", "consent_text", "translations", "archived_at"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    merged = {"title": discussion.title, "opens_at": discussion.opens_at, "closes_at": discussion.closes_at, **data}
    _validate_discussion(merged)
    for key, value in data.items():
        setattr(discussion, key, value)
    discussion.save()
    return discussion


def discussion_statement_set(*, actor, discussion: Discussion, which: str, text: str) -> Discussion:
    """The moderator's opening or closing statement."""
    if not perms.can_edit_statements(actor, discussion):
        raise PermissionDenied(_("Only the moderators can write the statements."))
    if which not in ("opening", "closing"):
        raise ValidationError({"which": [_("Choose the opening or the closing statement.")]})
    setattr(discussion, f"{which}_statement", text.strip())
    discussion.save(update_fields=[f"{which}_statement", "updated_at"])
    return discussion


def discussion_join(*, actor, discussion: Discussion, consent: bool) -> Participant:
    existing = Participant.objects.filter(discussion=discussion, user=actor).first()
    if existing:
        return existing
    if not perms.can_join_discussion(actor, discussion):
        raise PermissionDenied(_("You cannot join this discussion."))
    if discussion.consent_text and not consent:
        raise ValidationError({"consent": [_("To take part, please accept the conditions of the discussion.")]})
    now = timezone.now()
    participant, _created = Participant.objects.get_or_create(
        discussion=discussion, user=actor,
        defaults={"group": participant_group(actor), "consent_accepted_at": now, "consent_text": discussion.consent_text,
                  "joined_at": now},
    )
    perms.clear_cache(actor)
    return participant


# --- threads -------------------------------------------------------------------


def thread_create(*, actor, discussion: Discussion, title: str, description: str = "", language: str = "en",
                  translations: dict | None = None) -> Thread:
    if not perms.can_create_thread(actor, discussion):
        raise PermissionDenied(_("You cannot open a thread in this discussion."))
    title, description = clean_line(title), clean_text(description)
    if not title:
        raise ValidationError({"title": [_("Give the thread a title.")]})
    if len(title) > 300:
        raise ValidationError({"title": [_("A title has at most 300 characters.")]})
    with transaction.atomic():
        last = Thread.objects.select_for_update().filter(discussion=discussion).order_by("-number").first()
        thread = Thread.objects.create(
            discussion=discussion, number=(last.number + 1 if last else 1), title=title, description=description,
            language=language, translations=translations or {}, created_by=actor,
        )
    return thread


def thread_pin(*, actor, thread: Thread, pinned: bool = True) -> Thread:
    if not perms.can_pin_thread(actor, thread):
        raise PermissionDenied(_("Only the moderators can pin threads."))
    thread.pinned = pinned
    thread.save(update_fields=["pinned", "updated_at"])
    return thread


def thread_close(*, actor, thread: Thread, closed: bool = True) -> Thread:
    if not perms.can_close_thread(actor, thread):
        raise PermissionDenied(_("Only the moderators can close threads."))
    thread.closed_at = timezone.now() if closed else None
    thread.save(update_fields=["closed_at", "updated_at"])
    return thread


# --- posts ---------------------------------------------------------------------


def _needs_premoderation(actor, discussion: Discussion) -> bool:
    if not discussion.premoderation or perms.can_moderate_discussion(actor, discussion):
        return False
    return not Post.objects.filter(
        author=actor, thread__discussion=discussion, status=Post.Status.VISIBLE
    ).exists()


def _check_rate(actor, discussion: Discussion) -> None:
    """Count this post against the author's limit; call inside the post's transaction (a failed post is not
    counted). One conditional UPDATE decides, so parallel posts cannot all pass (``core.ratelimit``)."""
    from clearinghouse.core.ratelimit import rate_take

    if perms.can_moderate_discussion(actor, discussion):
        return
    if not rate_take(f"forum-post:{actor.pk}", limit=RATE_LIMIT_POSTS, seconds=RATE_LIMIT_MINUTES * 60):
        raise ValidationError({"body": [
            _("You have posted %(n)s times in %(m)s minutes: please wait a little before posting again.")
            % {"n": RATE_LIMIT_POSTS, "m": RATE_LIMIT_MINUTES}
        ]})


def post_create(*, actor, thread: Thread, body: str, parent: Post | None = None, via: str = Post.Via.WEB,
                message_id: str | None = None, in_reply_to: str = "", attachments: Iterable = (),
                language: str = "") -> Post:
    """Post in a thread, from the web, the API or a mail. Notifies the watchers after commit."""
    discussion = thread.discussion
    if discussion.is_read_only:
        raise Conflict(_("This discussion is closed: it can be read but no longer answered."))
    if thread.is_closed and not perms.can_moderate_discussion(actor, discussion):
        raise Conflict(_("This thread is closed to new posts."))
    if not perms.can_reply_thread(actor, thread):
        raise PermissionDenied(_("You cannot post in this discussion."))
    body = clean_text(body).strip()
    files = _as_attachments(attachments)
    errors: dict[str, list[str]] = {}
    if not body:
        errors["body"] = [_("Write something before posting.")]
    elif len(body) > MAX_BODY_CHARS:
        errors["body"] = [_("A post has at most %(n)s characters.") % {"n": MAX_BODY_CHARS}]
    if parent is not None and parent.thread_id != thread.pk:
        errors["parent"] = [_("You can only answer a post of the same thread.")]
    attachment_errors = _validate_attachments(files)
    if attachment_errors:
        errors["attachments"] = attachment_errors
    if errors:
        raise ValidationError(errors)
    if not language:
        from .mailparse import detect_language

        language = detect_language(body) or ""
    status = Post.Status.PENDING if _needs_premoderation(actor, discussion) else Post.Status.VISIBLE
    with transaction.atomic():
        _check_rate(actor, discussion)
        post = Post.objects.create(
            thread=thread, author=actor, parent=parent, body=body, via=via, message_id=message_id or None,
            in_reply_to=in_reply_to[:255], status=status, language=language[:8],
        )
        _store_attachments(post, files)
        if status == Post.Status.VISIBLE:
            _post_published(post)
    return post


def _post_published(post: Post) -> None:
    """Counters and notifications when a post becomes visible."""
    batch = _ANNOUNCE_TOGETHER.get()
    if batch is not None:  # counted and announced when the batch ends
        batch.append(post.pk)
        return
    Thread.objects.filter(pk=post.thread_id).update(post_count=F("post_count") + 1, last_post_at=post.created_at)
    queue.enqueue_on_commit("forums.post_notify", post.pk)


_ANNOUNCE_TOGETHER: ContextVar[list[int] | None] = ContextVar("forums_announce_together", default=None)


@contextmanager
def posts_announced_together():
    """Inside a transaction: the posts made visible in the block are counted on their threads and
    announced to their watchers once, when the block ends, by one task after commit.

    For batches (a worker posting a batch of inbound mail): one counter update per thread and one
    fan-out for the batch instead of one of each per post. Both read the posts back from the
    database, so a post whose savepoint was rolled back is neither counted nor announced.
    """
    from django.db.models import Count, Max

    token = _ANNOUNCE_TOGETHER.set([])
    try:
        yield
        ids = sorted(set(_ANNOUNCE_TOGETHER.get() or []))
    finally:
        _ANNOUNCE_TOGETHER.reset(token)
    if not ids:
        return
    published = (Post.objects.filter(pk__in=ids, status=Post.Status.VISIBLE).order_by().values("thread_id")
                 .annotate(n=Count("pk"), last=Max("created_at")))
    for row in published:
        Thread.objects.filter(pk=row["thread_id"]).update(post_count=F("post_count") + row["n"],
                                                          last_post_at=row["last"])
    queue.enqueue_on_commit("forums.posts_notify", ids)


def post_edit(*, actor, post: Post, body: str) -> Post:
    if not perms.can_edit_post(actor, post):
        raise PermissionDenied(_("Posts can be edited by their author for %(m)s minutes.") % {"m": 30})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write something before posting.")]})
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError({"body": [_("A post has at most %(n)s characters.") % {"n": MAX_BODY_CHARS}]})
    if body == post.body:
        return post
    with transaction.atomic():
        PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
        post.body = body
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at", "updated_at"])
    return post


def _moderate(post: Post, actor, status: str, reason: str) -> None:
    post.status = status
    post.moderation_reason = reason
    post.moderated_by = actor
    post.moderated_at = timezone.now()
    post.save(update_fields=["status", "moderation_reason", "moderated_by", "moderated_at", "updated_at"])


def post_hide(*, actor, post: Post, reason: str) -> Post:
    if not perms.can_hide_post(actor, post):
        raise PermissionDenied(_("Only the moderators can hide posts."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the post is hidden: the author and readers will see it.")]})
    with transaction.atomic():
        _moderate(post, actor, Post.Status.HIDDEN, reason)
        Thread.objects.filter(pk=post.thread_id, post_count__gt=0).update(post_count=F("post_count") - 1)
        Flag.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=actor)
    return post


def post_approve(*, actor, post: Post) -> Post:
    if not perms.can_review_post(actor, post):
        raise PermissionDenied(_("Only the moderators can approve posts."))
    with transaction.atomic():
        _moderate(post, actor, Post.Status.VISIBLE, "")
        _post_published(post)
    return post


def post_reject(*, actor, post: Post, reason: str) -> Post:
    if not perms.can_review_post(actor, post):
        raise PermissionDenied(_("Only the moderators can reject posts."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the post is rejected: the author will be told.")]})
    from clearinghouse.alerts.services import notice_create

    with transaction.atomic():
        _moderate(post, actor, Post.Status.REJECTED, reason)
        notice_create(user=post.author, verb="forum.post_rejected",
                      text=_("Your post in “%(thread)s” was not published: %(reason)s")
                      % {"thread": post.thread.title, "reason": reason},
                      url=post.thread.get_absolute_url())
    return post


def flag_create(*, actor, post: Post, reason: str) -> Flag:
    if not perms.can_flag_post(actor, post):
        raise PermissionDenied(_("You cannot flag this post."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Tell the moderators what is wrong with this post.")]})
    flag, _created = Flag.objects.get_or_create(post=post, user=actor, defaults={"reason": reason[:2000]})
    return flag


def flag_resolve(*, actor, flag: Flag) -> Flag:
    if not perms.can_moderate_discussion(actor, flag.post.thread.discussion):
        raise PermissionDenied(_("Only the moderators can resolve flags."))
    flag.resolved_at = timezone.now()
    flag.resolved_by = actor
    flag.save(update_fields=["resolved_at", "resolved_by"])
    return flag


# --- watching ------------------------------------------------------------------


def watch_set(*, actor, level: str | None, discussion: Discussion | None = None,
              thread: Thread | None = None) -> Watch | None:
    """Follow a thread or a whole discussion at a level; ``None`` stops watching."""
    target_discussion = thread.discussion if thread else discussion
    if target_discussion is None:
        raise ValueError("a thread or a discussion")
    if not perms.can_watch(actor, target_discussion):
        raise PermissionDenied(_("Log in to follow this discussion."))
    if level is not None and level not in Watch.Level.values:
        raise ValidationError({"level": [_("Choose how you want to follow.")]})
    lookup = {"user": actor, "thread": thread} if thread else {"user": actor, "discussion": discussion,
                                                                "thread": None}
    if level is None:
        Watch.objects.filter(**lookup).delete()
        return None
    watch, created = Watch.objects.get_or_create(**lookup, defaults={"level": level})
    if not created and watch.level != level:
        watch.level = level
        watch.save(update_fields=["level"])
    return watch


def watch_unsubscribe(*, token: str = "", mail_key: str = "") -> Watch:
    """One-click unsubscribe from a mail link (RFC 8058): no login, the token proves who.

    The watch is muted rather than deleted, so a thread watch stops mail even when the
    whole discussion is also watched.
    """
    from django.core import signing

    from clearinghouse.accounts.models import User

    from .keys import KeyError_, unsubscribe_key_read, unsubscribe_read

    try:  # the link's signed token, or the key of the mailto: address (RFC 2369)
        user_id, kind, target = unsubscribe_key_read(mail_key) if mail_key else unsubscribe_read(token)
    except (signing.BadSignature, KeyError_, ValueError, TypeError) as exc:
        raise ValidationError(_("This unsubscribe link is not valid.")) from exc
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError(_("This unsubscribe link is not valid."))
    if kind == "t":
        thread = Thread.objects.filter(pk=target).first()
        if thread is None:
            raise ValidationError(_("This unsubscribe link is not valid."))
        lookup = {"user": user, "thread": thread}
    else:
        discussion = Discussion.objects.filter(pk=target).first()
        if discussion is None:
            raise ValidationError(_("This unsubscribe link is not valid."))
        lookup = {"user": user, "discussion": discussion, "thread": None}
    watch, _created = Watch.objects.update_or_create(**lookup, defaults={"level": Watch.Level.MUTED})
    return watch


# --- synthesis -----------------------------------------------------------------


def synthesis_start(*, actor, discussion: Discussion) -> Synthesis:
    """Draft an extractive synthesis from the posts (or return the one already started)."""
    if not perms.can_edit_synthesis(actor, discussion):
        raise PermissionDenied(_("A moderator can start the synthesis once the discussion has closed."))
    existing = Synthesis.objects.filter(discussion=discussion).first()
    if existing:
        return existing
    from .synthesis import synthesis_draft

    text = synthesis_draft(discussion)
    try:
        return Synthesis.objects.create(discussion=discussion, draft=text, started_by=actor)
    except IntegrityError:
        return Synthesis.objects.get(discussion=discussion)


def synthesis_redraft(*, actor, synthesis: Synthesis) -> Synthesis:
    if not perms.can_edit_synthesis(actor, synthesis.discussion):
        raise PermissionDenied(_("Only the moderators can edit the synthesis."))
    from .synthesis import synthesis_draft

    synthesis.draft = synthesis_draft(synthesis.discussion)
    synthesis.save(update_fields=["draft", "updated_at"])
    return synthesis


def synthesis_edit(*, actor, synthesis: Synthesis, text: str) -> Synthesis:
    if not perms.can_edit_synthesis(actor, synthesis.discussion):
        raise PermissionDenied(_("Only the moderators can edit the synthesis."))
    if len(text or "") > 500_000:
        raise ValidationError({"draft": [_("The synthesis is too long.")]})
    synthesis.draft = text or ""
    synthesis.save(update_fields=["draft", "updated_at"])
    return synthesis


def synthesis_publish(*, actor, synthesis: Synthesis) -> Synthesis:
    """Publish the edited text as a document in Markdown, HTML and DOCX."""
    if not perms.can_edit_synthesis(actor, synthesis.discussion):
        raise PermissionDenied(_("Only the moderators can publish the synthesis."))
    if not synthesis.draft.strip():
        raise ValidationError({"draft": [_("Write the synthesis before publishing it.")]})
    from .synthesis import render_docx, render_html_document

    discussion = synthesis.discussion
    if not synthesis.document_symbol:
        year = discussion.closes_at.year
        synthesis.document_symbol = f"CH/OD/{year}/{discussion.pk}/SYN"
    synthesis.published_text = synthesis.draft
    synthesis.published_at = timezone.now()
    synthesis.published_by = actor
    synthesis.status = Synthesis.Status.PUBLISHED
    stem = f"synthesis-{discussion.slug}"[:60]
    for field in ("markdown_file", "html_file", "docx_file"):
        old = getattr(synthesis, field)
        if old:
            old.delete(save=False)
    synthesis.markdown_file.save(f"{stem}.md", ContentFile(synthesis.published_text.encode()), save=False)
    synthesis.html_file.save(f"{stem}.html", ContentFile(render_html_document(synthesis).encode()), save=False)
    synthesis.docx_file.save(f"{stem}.docx", ContentFile(render_docx(synthesis)), save=False)
    synthesis.save()
    return synthesis


# --- helpers for other entry points --------------------------------------------


def thread_for_key_post(post_id: int) -> Post | None:
    return Post.objects.select_related("thread__discussion").filter(pk=post_id).first()
