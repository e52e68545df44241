"""Writes for official notifications, calls for submissions and submissions.

Every entry point (pages, API, demo, factories, the periodic job) calls these. They check permission
(``PermissionDenied``), validate (``ValidationError({field: [msg]})``, translated) and refuse state conflicts
(``core.errors.Conflict``). Mail and indexing happen after commit, in tasks: publishing to 20,000 addressees
returns at once; ``notification_fanout`` (a task) resolves the addressees and enqueues batches of
``BATCH`` mails rendered once per language.
"""

from __future__ import annotations

import datetime as dt
import logging
import string
import zoneinfo
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from clearinghouse.core.errors import Conflict
from clearinghouse.core.files import check_upload
from clearinghouse.core.ids import next_number
from clearinghouse.core.models import content_language
from clearinghouse.core.text import clean_filename, clean_line, clean_text, is_blank

from . import permissions as perms
from .models import (
    AddresseeGroup,
    Attachment,
    Call,
    Delivery,
    Follow,
    Link,
    Notification,
    ReferenceSeries,
    Reminder,
    Submission,
    SubmissionFile,
)

log = logging.getLogger(__name__)

BATCH = 200  # mails per task: one connection, rendered once per language
_RCPT = "recipient@stamp.invalid"
_MID = "<message-id@stamp.invalid>"
LANGS = [code for code, _name in settings.CONTENT_LANGUAGES]
UI_LANG = {"zh": "zh-hans"}
MIN_REMINDER_GAP = dt.timedelta(days=1)


def _enqueue(name: str, *args) -> None:
    """Background work by name, after commit (``core.queue``: services never import tasks)."""
    from clearinghouse.core import queue

    queue.enqueue_on_commit(name, *args)


# --- reference series and groups -------------------------------------------------------


def pattern_check(pattern: str) -> str:
    pattern = clean_line(pattern)
    try:
        fields = {name for _lit, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}
        if "number" not in fields or not fields <= {"number", "year"}:
            raise ValueError
        pattern.format(number=1, year=2000)
    except (ValueError, IndexError, KeyError):
        raise ValidationError({"pattern": [_(
            "The pattern must contain {number} and may contain {year}, e.g. SCBD/{year}/{number:03d}.")]}) from None
    return pattern


def series_create(*, actor, code: str, name: str, pattern: str, per_year: bool = False,
                  start_at: int = 1) -> ReferenceSeries:
    if not perms.can_manage_groups(actor):
        raise PermissionDenied(_("Only the secretariat manages reference series."))
    series = ReferenceSeries(code=code, name=clean_line(name), pattern=pattern_check(pattern), per_year=per_year,
                             start_at=max(1, start_at))
    series.full_clean()
    series.save()
    return series


def group_create(*, actor, code: str, name: str, roles=(), convention: str | None = None, organisation_kinds=(),
                 all_users: bool = False, submits_as: str = AddresseeGroup.SubmitsAs.NONE,
                 translations: dict | None = None, position: int = 0) -> AddresseeGroup:
    from clearinghouse.accounts.models import Organisation, Role

    if not perms.can_manage_groups(actor):
        raise PermissionDenied(_("Only the secretariat manages addressee groups."))
    bad = [r for r in roles if r not in Role.values] + [k for k in organisation_kinds
                                                         if k not in Organisation.Kind.values]
    if bad:
        raise ValidationError({"roles": [_("Unknown role or organisation kind: %(v)s.") % {"v": ", ".join(bad)}]})
    group = AddresseeGroup(code=code, name=clean_line(name), roles=list(roles), convention_id=convention,
                           organisation_kinds=list(organisation_kinds), all_users=all_users, submits_as=submits_as,
                           translations=translations or {}, position=position)
    group.full_clean()
    group.save()
    return group


def designation_add(*, actor, group: AddresseeGroup, user, country: str | None = None):
    from .models import Designation

    if not perms.can_manage_groups(actor):
        raise PermissionDenied(_("Only the secretariat designates people."))
    designation, _c = Designation.objects.get_or_create(group=group, user=user, ended_at=None,
                                                        defaults={"country_id": country})
    return designation


# --- notifications ------------------------------------------------------------------------


def _check_reference(reference: str, *, exclude: int | None = None) -> str:
    reference = clean_line(reference)[:120]
    if reference:
        qs = Notification.objects.filter(reference__iexact=reference)
        if exclude:
            qs = qs.exclude(pk=exclude)
        if qs.exists():
            raise ValidationError({"reference": [_(
                "A notification with the reference %(ref)s already exists: give another reference, or leave it "
                "empty to number this one from its series.") % {"ref": reference}]})
    return reference


def _clean_fields(data: dict) -> dict:
    out = dict(data)
    for key in ("subject", "addressees_text", "signatory_name", "signatory_title"):
        if key in out:
            out[key] = clean_line(out[key])
    if "body" in out:
        out["body"] = clean_text(out["body"]).strip()
    errors = {}
    if "subject" in out and not out["subject"]:
        errors["subject"] = [_("Give the subject of the notification.")]
    if "body" in out and is_blank(out["body"]):
        errors["body"] = [_("Write the text of the notification.")]
    if "signatory_name" in out and not out["signatory_name"]:
        errors["signatory_name"] = [_("Name who signs the notification.")]
    if "language" in out and out["language"] not in LANGS:
        errors["language"] = [_("Choose the language the notification is written in.")]
    if errors:
        raise ValidationError(errors)
    return out


FIELDS = ("reference", "series", "date", "subject", "body", "language", "convention", "addressees_text",
          "signatory_name", "signatory_title")


@transaction.atomic
def notification_create(*, actor, subject: str, body: str, date: dt.date, convention, signatory_name: str,
                        signatory_title: str = "", language: str = "en", groups=(), addressees_text: str = "",
                        reference: str = "", series: ReferenceSeries | None = None,
                        translations: dict | None = None) -> Notification:
    if not perms.can_draft_notification(actor):
        raise PermissionDenied(_("Only secretariat staff draft official notifications."))
    data = _clean_fields({"subject": subject, "body": body, "language": language, "addressees_text": addressees_text,
                          "signatory_name": signatory_name, "signatory_title": signatory_title})
    reference = _check_reference(reference)
    notification = Notification(
        reference=reference, series=series, date=date, convention=convention, drafted_by=actor,
        translations={}, **data)
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        raise ValidationError({"reference": [_("A notification with the reference %(ref)s already exists.")
                                             % {"ref": reference}]}) from None
    notification.addressee_groups.set(groups)
    for lang, values in (translations or {}).items():
        notification_translation_set(actor=actor, notification=notification, language=lang, **values)
    return notification


@transaction.atomic
def notification_update(*, actor, notification: Notification, groups=None, **fields) -> Notification:
    if not perms.can_edit_notification(actor, notification):
        raise PermissionDenied(_("This notification can no longer be edited."))
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    data = _clean_fields(fields)
    if "reference" in data:
        data["reference"] = _check_reference(data["reference"], exclude=notification.pk)
    for key, value in data.items():
        setattr(notification, key, value)
    notification.save()
    if groups is not None:
        notification.addressee_groups.set(groups)
    # A call's deadline may not come before the notification's date.
    for call in notification.calls.all():
        _check_deadline(call.deadline, notification, call.tzinfo)
    return notification


def notification_translation_set(*, actor, notification: Notification, language: str, subject: str = "",
                                 body: str = "", official: bool = False) -> Notification:
    if not perms.can_edit_notification(actor, notification):
        raise PermissionDenied(_("This notification can no longer be edited."))
    if language not in LANGS or language == notification.language:
        raise ValidationError({"language": [_("Choose a language other than the original.")]})
    subject, body = clean_line(subject), clean_text(body).strip()
    translations = dict(notification.translations or {})
    if not subject and not body:
        translations.pop(language, None)
    else:
        if not subject or is_blank(body):
            raise ValidationError({"subject" if not subject else "body": [
                _("A translation needs both its subject and its text.")]})
        translations[language] = {"subject": subject, "body": body, "official": bool(official)}
    notification.translations = translations
    notification.save(update_fields=["translations", "updated_at"])
    return notification


def notification_request_approval(*, actor, notification: Notification) -> Notification:
    if not perms.can_request_approval(actor, notification):
        if notification.status != Notification.Status.DRAFT:
            raise Conflict(_("Only a draft can be sent for approval."))
        raise PermissionDenied(_("Only secretariat staff draft official notifications."))
    if not notification.addressee_groups.exists():
        raise ValidationError({"groups": [_("Choose at least one group of addressees.")]})
    if not notification.reference and not notification.series_id:
        raise ValidationError({"reference": [_("Give a reference, or choose the series that numbers it.")]})
    notification.status = Notification.Status.PENDING
    notification.save(update_fields=["status", "updated_at"])
    return notification


@transaction.atomic
def notification_approve(*, actor, notification: Notification, comment: str = "") -> Notification:
    given, notification = notification, Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.status != Notification.Status.PENDING:
        raise Conflict(_("This notification is not awaiting approval."))
    if notification.drafted_by_id == getattr(actor, "pk", None):
        raise PermissionDenied(_("A second member of the secretariat must approve: you drafted this notification."))
    if not perms.can_approve_notification(actor, notification):
        raise PermissionDenied(_("Only the secretariat approves official notifications."))
    if not notification.reference:
        series = notification.series
        year = notification.date.year
        number = next_number(series.sequence_key(year))
        if number < series.start_at:
            from clearinghouse.core.models import Sequence

            Sequence.objects.filter(key=series.sequence_key(year)).update(value=series.start_at)
            number = series.start_at
        notification.number = number
        notification.reference = _check_reference(series.format(number=number, year=year))
    notification.status = Notification.Status.APPROVED
    notification.approved_by, notification.approved_at = actor, timezone.now()
    notification.review_comment = clean_text(comment).strip()
    notification.save()
    given.refresh_from_db()
    return given


def notification_return(*, actor, notification: Notification, comment: str) -> Notification:
    """Send back to draft with the reviewer's comment."""
    if notification.status not in (Notification.Status.PENDING, Notification.Status.APPROVED) \
            or not perms.can_draft_notification(actor):
        raise Conflict(_("Only a notification awaiting approval or approved can be returned to its drafter."))
    if is_blank(comment):
        raise ValidationError({"comment": [_("Say what should change.")]})
    notification.status = Notification.Status.DRAFT
    notification.review_comment = clean_text(comment).strip()
    notification.approved_by = None
    notification.approved_at = None
    notification.save()
    return notification


@transaction.atomic
def notification_publish(*, actor, notification: Notification) -> Notification:
    """Publish: the page, the archive and the feed at once; the mail to every addressee in tasks."""
    given, notification = notification, Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.status != Notification.Status.APPROVED:
        raise Conflict(_("Only an approved notification can be published."))
    if not perms.can_publish_notification(actor, notification):
        raise PermissionDenied(_("Only the secretariat publishes official notifications."))
    notification.status = Notification.Status.PUBLISHED
    notification.published_by, notification.published_at = actor, timezone.now()
    notification.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    from clearinghouse.search.services import index_later

    index_later("notification", notification.pk)
    _enqueue("notifications.fanout", notification.pk)
    given.refresh_from_db()
    return given


def attachment_add(*, actor, notification: Notification, uploaded, signed: bool = False,
                   language: str = "") -> Attachment:
    if not perms.can_edit_notification(actor, notification):
        raise PermissionDenied(_("This notification can no longer be edited."))
    name, content_type = _check_file(uploaded)
    attachment = Attachment(notification=notification, name=name, content_type=content_type, size=uploaded.size,
                            signed=signed, language=language if language in LANGS else "", uploaded_by=actor)
    attachment.file.save(name, uploaded, save=False)
    attachment.save()
    return attachment


def attachment_remove(*, actor, attachment: Attachment) -> None:
    if not perms.can_edit_notification(actor, attachment.notification):
        raise PermissionDenied(_("This notification can no longer be edited."))
    attachment.file.delete(save=False)
    attachment.delete()


def _object_title(obj) -> str:
    tr = getattr(obj, "tr", None)
    if callable(tr):
        for field in ("title", "name"):
            try:
                value = tr(field)
            except AttributeError:
                continue
            if value:
                return str(value)[:500]
    return str(obj)[:500]


def link_set(*, actor, notification: Notification, obj) -> Link:
    """Link the notification to what it is about (a discussion, a meeting, a partnership, a call)."""
    if not perms.can_draft_notification(actor):
        raise PermissionDenied(_("Only the secretariat links notifications."))
    if obj is None or getattr(obj, "pk", None) is None:
        raise ValidationError({"target": [_("There is nothing with this address to link to.")]})
    ct = ContentType.objects.get_for_model(type(obj))
    link, _c = Link.objects.get_or_create(notification=notification, content_type=ct, object_id=str(obj.pk),
                                          defaults={"title": _object_title(obj),
                                                    "position": notification.links.count()})
    if notification.is_published:
        from clearinghouse.search.services import index_later

        index_later("notification", notification.pk)
    return link


def link_remove(*, actor, link: Link) -> None:
    if not perms.can_draft_notification(actor):
        raise PermissionDenied(_("Only the secretariat links notifications."))
    link.delete()


# --- sending -----------------------------------------------------------------------------------


def notification_fanout(notification_id: int) -> int:
    """Resolve the addressees, write one Delivery each, enqueue the mail in batches. Safe to run again."""
    from .selectors import notification_recipient_ids

    notification = Notification.objects.get(pk=notification_id)
    if notification.status != Notification.Status.PUBLISHED:
        return 0
    from clearinghouse.accounts.models import User
    from clearinghouse.alerts.services import user_language

    ids = notification_recipient_ids(notification)
    existing = set(Delivery.objects.filter(notification=notification).values_list("user_id", flat=True))
    new_ids = [i for i in ids if i not in existing]
    for start in range(0, len(new_ids), 2000):
        chunk = new_ids[start:start + 2000]
        users = User.objects.filter(pk__in=chunk).only("pk", "email", "preferred_language")
        Delivery.objects.bulk_create(
            [Delivery(notification=notification, user_id=u.pk, email=u.email,
                      language=mail_language(notification, user_language(u))[0]) for u in users],
            batch_size=1000, ignore_conflicts=True)
    pending = list(Delivery.objects.filter(notification=notification, status=Delivery.Status.QUEUED,
                                           outbound__isnull=True).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        for start in range(0, len(pending), BATCH):
            _enqueue("notifications.deliveries_send", pending[start:start + BATCH])
    Notification.objects.filter(pk=notification.pk).update(recipient_total=len(ids))
    return len(pending)


def mail_language(notification: Notification, ui_language: str) -> tuple[str, str]:
    """(content language, interface language) of the mail to a person who reads ``ui_language``: their own
    where the notification exists in it, else the notification's original language."""
    content = content_language(ui_language)
    if content == notification.language or (notification.translations or {}).get(content, {}).get("subject"):
        return content, ui_language
    original = notification.language
    ui = UI_LANG.get(original, original)
    return original, ui if ui in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _render_notification_mail(notification: Notification, content_lang: str, ui_lang: str) -> tuple[str, str, str]:
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from clearinghouse.core.markdown import render_markdown

    subject = notification.tr("subject", content_lang)
    body = notification.tr("body", content_lang)
    with translation.override(ui_lang):
        ctx = {
            "SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "n": notification,
            "subject": subject, "body": body, "body_html": mark_safe(render_markdown(body)),  # noqa: S308 - sanitised by nh3
            "content_lang": content_lang,
            "official": notification.translation_is_official(content_lang),
            "date": formats.date_format(notification.date, "DATE_FORMAT"),
            "url": settings.SITE_URL + notification.get_absolute_url(),
            "calls": [{"title": c.tr("title", content_lang),
                       "deadline": formats.date_format(c.deadline_wall, "DATETIME_FORMAT"),
                       "tz": c.deadline_timezone,
                       "url": settings.SITE_URL + c.get_absolute_url()} for c in notification.calls.all()],
            "attachments": [{"name": a.name, "url": settings.SITE_URL + a_url(a)}
                            for a in notification.attachments.all()],
        }
        mail_subject = " ".join(render_to_string("notifications/email/notification.subject.txt", ctx).split())
        text = render_to_string("notifications/email/notification.txt", ctx)
        html = render_to_string("notifications/email/notification.html", ctx)
    return mail_subject, text, html


def a_url(attachment: Attachment) -> str:
    from django.urls import reverse

    return reverse("notifications:attachment", args=[attachment.notification_id, attachment.pk])


def deliveries_send(delivery_ids: list[int]) -> int:
    """Send one batch: skip bouncing addresses, render once per language, send over one connection."""
    from django.core.mail import EmailMultiAlternatives
    from django.core.mail.message import make_msgid

    from clearinghouse.alerts.services import bounce_address, email_send_many

    from .selectors import bouncing_addresses

    deliveries = list(Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.QUEUED,
                                              outbound__isnull=True)
                      .select_related("user", "notification"))
    if not deliveries:
        return 0
    notification = deliveries[0].notification
    bouncing = bouncing_addresses([d.email for d in deliveries])
    skip = [d.pk for d in deliveries if d.email.lower() in bouncing or d.user.mail_disabled_at or not d.user.is_active]
    if skip:
        Delivery.objects.filter(pk__in=skip).update(status=Delivery.Status.SKIPPED)
    deliveries = [d for d in deliveries if d.pk not in set(skip)]
    templates: dict[str, tuple[bytes | None, str]] = {}
    messages = []
    from clearinghouse.alerts.services import RawEmail, user_language

    def build(to: str, message_id: str, subject: str, text: str, html: str) -> EmailMultiAlternatives:
        msg = EmailMultiAlternatives(subject=subject, body=text, from_email=bounce_address(), to=[to],
                                     headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated",
                                              "X-Clearinghouse-Notification": notification.reference})
        msg.attach_alternative(html, "text/html")
        return msg

    rendered: dict[str, tuple[str, str, str]] = {}
    for d in deliveries:
        content_lang, ui_lang = mail_language(notification, user_language(d.user))
        key = f"{content_lang}:{ui_lang}"
        if key not in rendered:
            rendered[key] = _render_notification_mail(notification, content_lang, ui_lang)
            # Rendered once per language to bytes; each recipient's copy is stamped with its address and id.
            raw = build(_RCPT, _MID, *rendered[key]).message().as_bytes(linesep="\r\n")
            stampable = raw.count(_RCPT.encode()) == 1 and raw.count(_MID.encode()) == 1
            templates[key] = (raw if stampable else None, rendered[key][0])
        raw, subject = templates[key]
        message_id = make_msgid(domain=settings.CLEARINGHOUSE_REPLY_DOMAIN)
        if raw is not None and d.email.isascii():
            messages.append(RawEmail(raw.replace(_RCPT.encode(), d.email.encode())
                                     .replace(_MID.encode(), message_id.encode()),
                                     to=d.email, from_email=bounce_address(), subject=subject,
                                     message_id=message_id))
        else:
            messages.append(build(d.email, message_id, *rendered[key]))
    records = email_send_many(messages)
    now = timezone.now()
    from django.db import connection

    table = Delivery._meta.db_table
    with connection.cursor() as cursor:  # one statement per row, prepared once (bulk_update's CASE is slow)
        cursor.executemany(
            f"UPDATE {table} SET outbound_id = %s, status = %s, sent_at = %s WHERE id = %s",  # noqa: S608
            [(record.pk, Delivery.Status.SENT, connection.ops.adapt_datetimefield_value(now), d.pk)
             for d, record in zip(deliveries, records, strict=True)])
    if not Delivery.objects.filter(notification=notification, status=Delivery.Status.QUEUED).exists():
        Notification.objects.filter(pk=notification.pk, fanout_done_at__isnull=True).update(fanout_done_at=now)
    return len(deliveries)


# --- following ---------------------------------------------------------------------------------------


def follow_set(*, actor, email_all: bool, convention=None) -> Follow:
    if not (actor and actor.is_authenticated):
        raise PermissionDenied(_("Sign in to follow notifications."))
    follow, _c = Follow.objects.get_or_create(user=actor)
    follow.email_all, follow.convention = bool(email_all), convention
    follow.save()
    return follow


def follow_feed_reset(*, actor) -> Follow:
    import secrets

    follow, _c = Follow.objects.get_or_create(user=actor)
    follow.feed_token = secrets.token_urlsafe()
    follow.save(update_fields=["feed_token", "updated_at"])
    return follow


# --- calls ----------------------------------------------------------------------------------------------


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError({"deadline_timezone": [_("“%(tz)s” is not a time zone; choose one from the list.")
                                                     % {"tz": name}]}) from None


def _check_deadline(deadline: dt.datetime, notification: Notification, tz) -> None:
    if deadline.astimezone(tz).date() < notification.date:
        raise ValidationError({"deadline": [_(
            "The deadline (%(deadline)s) comes before the notification's date (%(date)s): choose a later one.") % {
            "deadline": formats.date_format(deadline.astimezone(tz).date(), "DATE_FORMAT"),
            "date": formats.date_format(notification.date, "DATE_FORMAT")}]})


def deadline_from_local(local: dt.datetime, tz_name: str) -> dt.datetime:
    """A wall-clock deadline in its time zone as an aware datetime (23:59 in Montreal stays 23:59 there)."""
    tz = _zone(tz_name)
    if timezone.is_aware(local):
        local = timezone.make_naive(local, tz)
    return local.replace(tzinfo=tz)


QUESTION_TYPES = ("text", "yesno", "choice")


def _clean_questions(questions) -> list[dict]:
    out = []
    for i, q in enumerate(questions or []):
        label = clean_line(q.get("label", ""))
        kind = q.get("type", "text")
        if not label:
            continue
        if kind not in QUESTION_TYPES:
            raise ValidationError({"questions": [_("Question %(n)s: unknown type.") % {"n": i + 1}]})
        choices = [clean_line(c) for c in q.get("choices", []) if clean_line(c)]
        if kind == "choice" and len(choices) < 2:
            raise ValidationError({"questions": [_("Question %(n)s: give at least two choices.") % {"n": i + 1}]})
        out.append({"key": f"q{i + 1}", "label": label[:300], "type": kind, "choices": choices[:20],
                    "required": bool(q.get("required"))})
    return out[:20]


@transaction.atomic
def call_create(*, actor, notification: Notification, title: str, instructions: str, deadline_local: dt.datetime,
                deadline_timezone: str = "America/Montreal", groups=None, accepts_files: bool = True,
                max_files: int = 5, questions=(), reminder_every_days: int = 0, reminder_start_days: int = 14,
                language: str | None = None, translations: dict | None = None) -> Call:
    if not perms.can_create_call(actor, notification):
        raise PermissionDenied(_("Only the secretariat opens calls for submissions."))
    title = clean_line(title)
    instructions = clean_text(instructions).strip()
    errors = {}
    if not title:
        errors["title"] = [_("Give the call a title.")]
    if is_blank(instructions):
        errors["instructions"] = [_("Say what is asked.")]
    if errors:
        raise ValidationError(errors)
    deadline = deadline_from_local(deadline_local, deadline_timezone)
    _check_deadline(deadline, notification, deadline.tzinfo)
    groups = list(groups if groups is not None else notification.addressee_groups.all())
    if not any(g.submits_as != AddresseeGroup.SubmitsAs.NONE for g in groups):
        raise ValidationError({"groups": [_(
            "Choose at least one group that submits on behalf of a country or an organisation.")]})
    call = Call.objects.create(
        notification=notification, title=title, instructions=instructions, deadline=deadline,
        deadline_timezone=deadline_timezone, accepts_files=accepts_files, max_files=max(0, min(max_files, 20)),
        questions=_clean_questions(questions), reminder_every_days=reminder_every_days,
        reminder_start_days=reminder_start_days, language=language or notification.language,
        translations=translations or {})
    call.groups.set(groups)
    return call


def call_update(*, actor, call: Call, **fields) -> Call:
    if not perms.can_edit_call(actor, call):
        raise PermissionDenied(_("This call can no longer be changed."))
    if "deadline_local" in fields:
        tz_name = fields.pop("deadline_timezone", call.deadline_timezone)
        deadline = deadline_from_local(fields.pop("deadline_local"), tz_name)
        _check_deadline(deadline, call.notification, deadline.tzinfo)
        call.deadline, call.deadline_timezone = deadline, tz_name
    for key in ("title",):
        if key in fields:
            setattr(call, key, clean_line(fields.pop(key)) or call.title)
    if "instructions" in fields:
        text = clean_text(fields.pop("instructions")).strip()
        call.instructions = text or call.instructions
    if "questions" in fields:
        call.questions = _clean_questions(fields.pop("questions"))
    for key in ("accepts_files", "max_files", "reminder_every_days", "reminder_start_days"):
        if key in fields:
            setattr(call, key, fields.pop(key))
    call.save()
    return call


def call_close(*, actor, call: Call) -> Call:
    if not perms.can_close_call(actor, call):
        raise PermissionDenied(_("Only the secretariat closes a call."))
    call.closed_at, call.closed_by = timezone.now(), actor
    call.save(update_fields=["closed_at", "closed_by", "updated_at"])
    return call


def call_reopen(*, actor, call: Call) -> Call:
    if not perms.can_track_call(actor, call):
        raise PermissionDenied(_("Only the secretariat reopens a call."))
    call.closed_at, call.closed_by = None, None
    call.save(update_fields=["closed_at", "closed_by", "updated_at"])
    return call


# --- submissions -----------------------------------------------------------------------------------


def _check_file(uploaded) -> tuple[str, str]:
    name = clean_filename(Path(uploaded.name or "file").name)[:255]
    ext = Path(name).suffix.lower()
    allowed = settings.CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES
    if ext not in allowed:
        raise ValidationError({"file": [_("Files of type “%(ext)s” cannot be attached. Allowed: %(list)s.") % {
            "ext": ext or "?", "list": ", ".join(sorted(allowed))}]})
    limit = settings.CLEARINGHOUSE_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError({"file": [_("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.") % {
            "name": name, "size": round(uploaded.size / 1048576, 1), "limit": round(limit / 1048576)}]})
    try:
        content_type = check_upload(name=name, content=uploaded,
                                    declared_type=getattr(uploaded, "content_type", "") or "")
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    return name, content_type


def _clean_answers(call: Call, answers: dict | None) -> dict:
    out = {}
    for q in call.questions or []:
        value = clean_text((answers or {}).get(q["key"], "")).strip()
        if q["type"] == "yesno" and value not in ("", "yes", "no"):
            raise ValidationError({q["key"]: [_("Answer yes or no.")]})
        if q["type"] == "choice" and value and value not in q["choices"]:
            raise ValidationError({q["key"]: [_("Choose one of the answers offered.")]})
        out[q["key"]] = value[:5000]
    return out


@transaction.atomic
def submission_save(*, actor, call: Call, country: str | None = None, organisation=None, text: str = "",
                    summary: str = "", answers: dict | None = None, consent_publish: bool = False,
                    language: str = "en", files=()) -> Submission:
    """Create or update the draft of a country (or an organisation). Allowed after the call closed too, so
    nothing typed is lost; only submitting is then refused."""
    if country and organisation is not None:
        raise ValidationError({"country": [_("A submission is on behalf of a country or of an organisation.")]})
    if not perms.can_prepare_submission(actor, call, country=country, organisation=organisation):
        raise PermissionDenied(_("You cannot prepare a submission for this country or organisation."))
    lookup = {"country_id": country} if country else {"organisation": organisation}
    submission = Submission.objects.select_for_update().filter(call=call, **lookup).first()
    if submission is None:
        submission = Submission(call=call, prepared_by=actor, **lookup)
    elif submission.status != Submission.Status.DRAFT:
        raise Conflict(_("This submission was already sent (number %(n)s): it can no longer be changed.")
                       % {"n": submission.number})
    submission.text = clean_text(text).strip()
    submission.summary = clean_line(summary)[:600]
    submission.answers = _clean_answers(call, answers)
    submission.consent_publish = bool(consent_publish)
    submission.language = language if language in LANGS else "en"
    submission.prepared_by = actor
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        raise Conflict(_("Someone else started this submission at the same moment: open it again.")) from None
    for uploaded in files or ():
        submission_file_add(actor=actor, submission=submission, uploaded=uploaded)
    return submission


def submission_file_add(*, actor, submission: Submission, uploaded) -> SubmissionFile:
    if not perms.can_edit_submission(actor, submission):
        raise PermissionDenied(_("You cannot change this submission."))
    call = submission.call
    if not call.accepts_files:
        raise ValidationError({"file": [_("This call does not accept files: write your answer in the form.")]})
    if submission.files.count() >= call.max_files:
        raise ValidationError({"file": [_("At most %(n)s files may be attached: remove one first.")
                                        % {"n": call.max_files}]})
    name, content_type = _check_file(uploaded)
    row = SubmissionFile(submission=submission, name=name, content_type=content_type, size=uploaded.size,
                         uploaded_by=actor)
    row.file.save(name, uploaded, save=False)
    row.save()
    return row


def submission_file_remove(*, actor, file: SubmissionFile) -> None:
    if not perms.can_edit_submission(actor, file.submission):
        raise PermissionDenied(_("You cannot change this submission."))
    file.file.delete(save=False)
    file.delete()


def closed_message(call: Call) -> str:
    return _("The secretariat closed this call on %(date)s: submissions are no longer accepted. Your draft is "
             "kept; contact the secretariat if you still need to send it.") % {
        "date": formats.date_format(timezone.localtime(call.closed_at), "DATETIME_FORMAT")}


@transaction.atomic
def submission_submit(*, actor, submission: Submission, now: dt.datetime | None = None) -> Submission:
    given = submission
    submission = Submission.objects.select_for_update().select_related("call__notification").get(pk=submission.pk)
    call = submission.call
    if submission.status != Submission.Status.DRAFT:
        raise Conflict(_("This submission was already sent (number %(n)s).") % {"n": submission.number})
    if call.closed_at is not None:
        raise Conflict(closed_message(call))
    if not perms.can_submit_submission(actor, submission):
        if perms.can_edit_submission(actor, submission):
            raise PermissionDenied(_("You may prepare this submission; the national focal point (or the "
                                     "organisation's administrator) submits it."))
        raise PermissionDenied(_("You cannot submit on behalf of this country or organisation."))
    errors = {}
    for q in call.questions or []:
        if q.get("required") and not (submission.answers or {}).get(q["key"]):
            errors[q["key"]] = [_("Answer this question: it is required.")]
    if is_blank(submission.text) and not submission.files.exists():
        errors["text"] = [_("Write your submission or attach a file.")]
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    year = call.notification.date.year
    submission.number = f"SUB-{year}-{next_number(f'notif-sub:{year}'):05d}"
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_by, submission.submitted_at = actor, now
    submission.late = now > call.deadline
    submission.save()
    _receipt(submission)
    given.refresh_from_db()
    return submission


def _receipt(submission: Submission) -> None:
    from clearinghouse.alerts.services import email_to_user

    people = {submission.submitted_by_id: submission.submitted_by}
    if submission.prepared_by_id:
        people.setdefault(submission.prepared_by_id, submission.prepared_by)
    for user in people.values():
        email_to_user(user, template="notifications/email/receipt", context={
            "submission": submission, "call": submission.call, "n": submission.call.notification,
            "url": settings.SITE_URL + submission.get_absolute_url()})


def submission_acknowledge(*, actor, submission: Submission) -> Submission:
    if not perms.can_acknowledge_submission(actor, submission):
        raise Conflict(_("This submission is not awaiting acknowledgement."))
    from clearinghouse.alerts.services import email_to_user

    submission.acknowledged_at, submission.acknowledged_by = timezone.now(), actor
    submission.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])
    if submission.submitted_by_id:
        email_to_user(submission.submitted_by, template="notifications/email/acknowledgement", context={
            "submission": submission, "call": submission.call,
            "url": settings.SITE_URL + submission.get_absolute_url()})
    return submission


def submission_publish(*, actor, submission: Submission) -> Submission:
    if not perms.can_publish_submission(actor, submission):
        if submission.status == Submission.Status.SUBMITTED and not submission.consent_publish:
            raise Conflict(_("The submitter did not consent to publication: it stays with the secretariat."))
        raise PermissionDenied(_("Only the secretariat publishes submissions."))
    submission.published_at = timezone.now()
    submission.save(update_fields=["published_at", "updated_at"])
    return submission


def submission_unpublish(*, actor, submission: Submission) -> Submission:
    if not perms.can_track_call(actor, submission.call):
        raise PermissionDenied(_("Only the secretariat publishes submissions."))
    submission.published_at = None
    submission.save(update_fields=["published_at", "updated_at"])
    return submission


# --- reminders ---------------------------------------------------------------------------------------


def call_reminders_send(*, actor, call: Call, now: dt.datetime | None = None) -> Reminder:
    """Remind those who have not submitted: once per chosen interval (at least a day), before the deadline,
    never to an address that bounces."""
    from clearinghouse.alerts.services import email_to_user

    from .selectors import bouncing_addresses, call_reminder_targets

    now = now or timezone.now()
    if actor is not None and not perms.can_track_call(actor, call):
        raise PermissionDenied(_("Only the secretariat sends reminders."))
    if call.closed_at is not None or now > call.deadline:
        raise Conflict(_("The deadline has passed or the call is closed: reminders are sent only before it."))
    gap = max(dt.timedelta(days=call.reminder_every_days), MIN_REMINDER_GAP)
    if call.last_reminder_at and now - call.last_reminder_at < gap:
        raise Conflict(_("Reminders were sent on %(date)s; the next may go from %(next)s.") % {
            "date": formats.date_format(timezone.localtime(call.last_reminder_at), "DATETIME_FORMAT"),
            "next": formats.date_format(timezone.localtime(call.last_reminder_at + gap), "DATETIME_FORMAT")})
    people = call_reminder_targets(call)
    bouncing = bouncing_addresses([p.email for p in people])
    sent = skipped = 0
    for person in people:
        if person.mail_disabled_at or person.email.lower() in bouncing:
            skipped += 1
            continue
        email_to_user(person, template="notifications/email/reminder", context={
            "call": call, "n": call.notification, "deadline": call.deadline_wall,
            "url": settings.SITE_URL + call.get_absolute_url()})
        sent += 1
    call.last_reminder_at = now
    call.save(update_fields=["last_reminder_at", "updated_at"])
    return Reminder.objects.create(call=call, sent_at=now, sent_by=actor, recipients=sent, skipped_bouncing=skipped)


def reminders_due(now: dt.datetime | None = None) -> int:
    """The periodic job: calls whose automatic reminder is due get one round."""
    now = now or timezone.now()
    done = 0
    calls = Call.objects.filter(closed_at__isnull=True, reminder_every_days__gt=0, deadline__gt=now,
                                notification__status=Notification.Status.PUBLISHED).select_related("notification")
    for call in calls:
        if call.deadline - now > dt.timedelta(days=call.reminder_start_days):
            continue
        if call.last_reminder_at and now - call.last_reminder_at < dt.timedelta(days=call.reminder_every_days):
            continue
        try:
            call_reminders_send(actor=None, call=call, now=now)
            done += 1
        except Conflict:
            continue
    return done
