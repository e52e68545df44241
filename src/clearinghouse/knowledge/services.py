"""Every change to a knowledge record goes through these functions: pages, API,
admin actions, demo data and test factories alike."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clearinghouse.accounts.models import Role, RoleAssignment
from clearinghouse.alerts import services as notify
from clearinghouse.core.errors import Conflict
from clearinghouse.core.files import check_upload
from clearinghouse.core.ids import next_number
from clearinghouse.core.markdown import render_markdown
from clearinghouse.core.models import Convention, Country, Ecosystem, Region, SupportType, Target, Topic
from clearinghouse.core.text import clean_filename, clean_line, clean_text
from clearinghouse.core.validators import clean_web_url

from . import permissions as perms
from .kinds import clean_details, missing_required
from .models import (
    Attachment,
    PendingReader,
    PublishingRequest,
    Record,
    RecordAccess,
    RecordEvent,
    RecordKind,
    RecordRevision,
    ShareLink,
    Status,
    Visibility,
)

LOCK_MINUTES = 5  # a lease: taken by a save that keeps the edit page open, renewed by the next

SCALAR_FIELDS = (
    "title", "summary", "body", "language", "translations", "start_date", "end_date", "url", "contact",
    "details", "visibility", "consent_statement", "community",
)
M2M_FIELDS = {
    "countries": Country,
    "regions": Region,
    "targets": Target,
    "conventions": Convention,
    "topics": Topic,
    "ecosystems": Ecosystem,
    "support_types": SupportType,
}


def _validate(record: Record, data: dict) -> dict:
    """Check data for a draft; return it with ``details`` normalised. Raise ValidationError({field: [msg]})."""
    data = dict(data)
    errors: dict[str, list[str]] = {}
    for key, value in data.items():  # one normaliser at the boundary (NUL, control characters, NFC)
        if isinstance(value, str):
            data[key] = clean_line(value) if key == "title" else clean_text(value)
    title = (data.get("title", record.title) or "").strip()
    if not title:
        errors.setdefault("title", []).append(_("Give the record a title."))
    if len(title) > 300:
        errors.setdefault("title", []).append(_("A title has at most 300 characters."))
    lang = data.get("language", record.language)
    if lang not in dict(settings.CONTENT_LANGUAGES):
        errors.setdefault("language", []).append(_("Choose the language the record is written in."))
    for lang_code in (data.get("translations") or {}):
        if lang_code not in dict(settings.CONTENT_LANGUAGES):
            errors.setdefault("translations", []).append(
                _("“%(code)s” is not a language records can be translated into.") % {"code": lang_code})
    start, end = data.get("start_date", record.start_date), data.get("end_date", record.end_date)
    if start and end and end < start:
        errors.setdefault("end_date", []).append(_("The end date is before the start date."))
    kind = data.get("kind", record.kind)
    visibility = data.get("visibility", record.visibility)
    if kind == RecordKind.TRADITIONAL_KNOWLEDGE:
        if not (data.get("consent_statement", record.consent_statement) or "").strip():
            errors.setdefault("consent_statement", []).append(
                _("Traditional knowledge needs a statement of the prior and informed consent of its holders."))
    if visibility not in Visibility.values:
        errors.setdefault("visibility", []).append(_("Choose who may see the record."))
    if visibility == Visibility.RESTRICTED and not (data.get("community") or record.community_id):
        errors.setdefault("community", []).append(_("Restricted records name the community that may see them."))
    if "url" in data:  # the one check for every entry point (form, API, admin, imports): http(s) only
        try:
            data["url"] = clean_web_url(data.get("url"))
        except ValidationError as exc:
            errors.setdefault("url", []).extend(exc.messages)
    if "details" in data:
        cleaned, detail_errors = clean_details(kind, data.get("details"))
        for key, messages in detail_errors.items():
            errors.setdefault(key, []).extend(messages)
        ref_errors = _check_references(cleaned.get("references") or [], record)
        if ref_errors:
            errors.setdefault("details.references", []).extend(ref_errors)
        data["details"] = cleaned
    if errors:
        raise ValidationError(errors)
    return data


def _check_references(refs: list[str], record: Record) -> list[str]:
    """Every reference names an existing record (and, when pinned, one of its published revisions)."""
    from .selectors import records_by_identifiers

    found = records_by_identifiers(refs)
    problems = []
    for ref in refs:
        target, pinned = found.get(ref, (None, None))
        if target is None:
            problems.append(_("No record has the id “%(id)s”.") % {"id": ref})
        elif record.pk and target.pk == record.pk:
            problems.append(_("A record cannot refer to itself."))
        elif pinned is not None and not (1 <= pinned <= target.revision):
            problems.append(_("Record %(id)s has no published revision %(n)s.") % {"id": target.base_id, "n": pinned})
    return problems


def _validate_complete(record: Record) -> None:
    """What a record needs before it can be submitted or published, beyond what a draft needs."""
    errors = missing_required(record.kind, record.details or {})
    if not (record.summary or "").strip():
        errors["summary"] = [_("Write a short summary: it is shown in lists and search results.")]
    if errors:
        raise ValidationError(errors)


def _resolve_people(values: Iterable) -> tuple[list, list[str]]:
    """People who may see a restricted record, named by account or email address: (users, pending addresses).

    An address without an account is held as pending, never refused: the answer is the same whether or not the
    address has an account (refusing it told the contributor who is registered). It starts to count when
    someone confirms an account with that address."""
    from clearinghouse.accounts.models import User

    values = list(values or [])
    users = [v for v in values if isinstance(v, User)]
    emails = []
    for value in values:
        if isinstance(value, User) or not str(value).strip():
            continue
        email = str(value).strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"restricted_to": [
                _("“%(value)s” is not an email address.") % {"value": str(value).strip()[:100]}]}) from None
        if email not in emails:
            emails.append(email)
    found = {u.email.lower(): u for u in User.objects.filter(email__in=emails, is_active=True)} if emails else {}
    users += [found[e] for e in emails if e in found]
    return users, [e for e in emails if e not in found]


def _resolve_m2m(name: str, values: Iterable) -> list:
    model = M2M_FIELDS[name]
    values = list(values or [])
    objs = [v for v in values if isinstance(v, model)]
    keys = [v for v in values if not isinstance(v, model)]
    if keys:
        if model is Target:
            found = []
            for key in keys:
                fw, _sep, num = str(key).partition("-")
                if not num:
                    fw, num = "GBF", fw
                try:
                    found.append(Target.objects.get(framework=fw.upper(), number=int(num)))
                except (Target.DoesNotExist, ValueError):
                    raise ValidationError({name: [_("Unknown target “%(t)s”.") % {"t": key}]}) from None
            objs += found
        else:
            keys = [str(k).upper() if model is Country else str(k) for k in keys]
            found = {str(o.pk): o for o in model.objects.filter(pk__in=keys)}
            missing = [k for k in keys if k not in found]
            if missing:
                raise ValidationError({name: [_("Unknown code: %(codes)s.") % {"codes": ", ".join(missing)}]})
            objs += [found[k] for k in keys]
    return objs


def _apply(record: Record, data: dict) -> dict:
    m2m = {}
    for key, value in data.items():
        if key == "restricted_to":
            m2m[key], m2m["_pending"] = _resolve_people(value)
        elif key in M2M_FIELDS:
            m2m[key] = _resolve_m2m(key, value)
        elif key == "community":
            record.community_id = getattr(value, "pk", value) or None
        elif key in SCALAR_FIELDS:
            setattr(record, key, value.strip() if isinstance(value, str) and key != "body" else value)
        elif key not in ("kind", "country"):
            raise ValidationError({key: [_("Unknown field.")]})
    return m2m


def _set_m2m(record: Record, m2m: dict) -> None:
    pending = m2m.pop("_pending", None)
    for name, objs in m2m.items():
        getattr(record, name).set(objs)
    if pending is not None:
        PendingReader.objects.filter(record=record, live=False).delete()
        PendingReader.objects.bulk_create([PendingReader(record=record, email=e, live=False) for e in pending])


def _set_live_access(record: Record) -> None:
    """Who may see the published revision: copied from the working copy at publication, and only then."""
    record.live_visibility = record.visibility
    record.live_community_id = record.community_id
    record.live_restricted_to.set(record.restricted_to.all())
    PendingReader.objects.filter(record=record, live=True).delete()
    PendingReader.objects.bulk_create([
        PendingReader(record=record, email=email, live=True)
        for email in PendingReader.objects.filter(record=record, live=False).values_list("email", flat=True)])


def record_access_log(*, actor, record: Record, channel: str, revision: int | None = None) -> None:
    """Note a view of a restricted record, for the community that contributed it (any other record: nothing)."""
    if not perms.is_restricted(record):
        return
    RecordAccess.objects.create(record=record, community_id=record.live_community_id or record.community_id,
                                user=actor if getattr(actor, "pk", None) else None, channel=channel,
                                revision=revision)


def _event(record, actor, action, comment="", actor_name=""):
    return RecordEvent.objects.create(record=record, actor=actor if getattr(actor, "pk", None) else None,
                                      action=action, comment=comment, actor_name=actor_name)


@transaction.atomic
def record_create(*, actor, kind: str, country: str | Country | None = None, data: dict) -> Record:
    country_code = country.pk if isinstance(country, Country) else (country.upper() if country else None)
    if kind not in RecordKind.values:
        raise ValidationError({"kind": [_("Unknown record type.")]})
    if country_code and not Country.objects.filter(pk=country_code).exists():
        raise ValidationError({"country": [_("Unknown country code “%(c)s”.") % {"c": country_code}]})
    if not perms.can_create_record(actor, kind=kind, country=country_code):
        raise PermissionDenied(_("You cannot contribute records for this country."))
    record = Record(kind=kind, country_id=country_code, owner=actor)
    data = _validate(record, {**data, "kind": kind})
    m2m = _apply(record, data)
    record.number = next_number(f"record:{kind}:{country_code or 'SCBD'}")
    record.save()
    _set_m2m(record, m2m)
    if country_code and "countries" not in m2m:
        record.countries.add(country_code)
    _event(record, actor, RecordEvent.Action.CREATED)
    return record


def record_lock_holder(record: Record, *, other_than=None):
    """(user, until) while someone's edit lease on the record runs (someone other than ``other_than``), else None."""
    if not (record.locked_by_id and record.locked_at):
        return None
    until = record.locked_at + dt.timedelta(minutes=LOCK_MINUTES)
    if until <= timezone.now() or (other_than is not None and record.locked_by_id == other_than.pk):
        return None
    return record.locked_by, until


def _check_lock(actor, record: Record) -> None:
    holder = record_lock_holder(record, other_than=actor)
    if holder:
        raise Conflict(_("%(name)s is editing this record until %(time)s. Try again later.") % {
            "name": holder[0], "time": timezone.localtime(holder[1]).strftime("%H:%M")})


@transaction.atomic
def record_lock(*, actor, record: Record) -> Record:
    record = Record.objects.select_for_update().get(pk=record.pk)
    if not perms.can_edit_record(actor, record):
        raise PermissionDenied(_("You cannot edit this record."))
    _check_lock(actor, record)
    Record.objects.filter(pk=record.pk).update(locked_by=actor, locked_at=timezone.now())
    record.locked_by, record.locked_at = actor, timezone.now()
    return record


def record_unlock(*, actor, record: Record) -> None:
    Record.objects.filter(pk=record.pk, locked_by=actor).update(locked_by=None, locked_at=None)


@transaction.atomic
def record_lock_break(*, actor, record: Record) -> Record:
    """A publisher takes over editing: someone else's lease ends (their page is told at its next renewal, and
    their next save is checked against the version they opened, so nothing saved is overwritten unseen)."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    if not perms.can_break_lock(actor, record):
        raise PermissionDenied(_("Only a publisher of this record can take over editing."))
    holder = record_lock_holder(record, other_than=actor)
    Record.objects.filter(pk=record.pk).update(locked_by=actor, locked_at=timezone.now())
    record.locked_by, record.locked_at = actor, timezone.now()
    if holder:
        _event(record, actor, RecordEvent.Action.COMMENTED,
               comment=_("Took over editing from %(name)s.") % {"name": holder[0]})
    return record


def record_version(record: Record) -> str:
    """What an edit form carries to detect that someone saved the record since it was opened."""
    return record.updated_at.isoformat() if record.updated_at else ""


@transaction.atomic
def record_update(*, actor, record: Record, data: dict, version: str | None = None) -> Record:
    """``version``: the ``record_version`` the editor opened; a save since then by anyone is a Conflict."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    if not perms.can_edit_record(actor, record):
        raise PermissionDenied(_("You cannot edit this record."))
    _check_lock(actor, record)
    if version is not None and version != record_version(record):
        last = record.events.filter(action=RecordEvent.Action.EDITED).select_related("actor").first()
        raise Conflict(_("Someone saved this record since you opened it (%(name)s at %(time)s). Your text is "
                         "still in the form: compare it with the working copy, then save again to replace "
                         "their version.") % {
            "name": (last.actor if last and last.actor else _("someone")),
            "time": timezone.localtime(record.updated_at).strftime("%H:%M")})
    data = _validate(record, data)
    m2m = _apply(record, data)
    if record.status in (Status.SUBMITTED, Status.PUBLISHED):
        # A change after submission or publication is a new draft; the published revision stays online.
        record.status = Status.DRAFT
    record.has_unpublished_changes = True
    record.locked_by, record.locked_at = None, None
    record.save()
    _set_m2m(record, m2m)
    _event(record, actor, RecordEvent.Action.EDITED)
    return record


def _publishers(record: Record):
    from clearinghouse.accounts.models import User

    qs = RoleAssignment.objects.active()
    if record.country_id:
        qs = qs.filter(role=Role.FOCAL_POINT, country_id=record.country_id)
    else:
        qs = qs.filter(role=Role.SECRETARIAT)
    return User.objects.filter(pk__in=qs.values("user_id"), is_active=True)


def _review_url(record: Record) -> str:
    return settings.SITE_URL + reverse("knowledge:record-draft", kwargs={"identifier": record.base_id})


@transaction.atomic
def record_submit(*, actor, record: Record, comment: str = "", notify_publishers: bool = True) -> Record:
    record = Record.objects.select_for_update().get(pk=record.pk)
    if record.status == Status.SUBMITTED:
        raise Conflict(_("This record is already waiting for publication."))
    if not perms.can_submit_record(actor, record):
        raise PermissionDenied(_("You cannot submit this record."))
    _validate(record, {})
    _validate_complete(record)
    record.status = Status.SUBMITTED
    record.submitted_at = timezone.now()
    record.save(update_fields=["status", "submitted_at", "updated_at"])
    _event(record, actor, RecordEvent.Action.SUBMITTED, comment)
    if notify_publishers:
        for person in _publishers(record):
            if person.pk != actor.pk:
                notify.notice_create(
                    user=person, verb="record-submitted",
                    text=_("%(who)s submitted “%(title)s” for publishing") % {"who": actor, "title": record.title},
                    url=_review_url(record), email_template="knowledge/email/submitted",
                    email_context={"record": record, "actor": actor, "comment": comment, "url": _review_url(record)},
                )
    return record


@transaction.atomic
def publishing_request_create(*, actor, records: list[Record], message: str = "") -> PublishingRequest:
    """Submit several records at once to the focal point, with a message."""
    if not records:
        raise ValidationError({"records": [_("Choose at least one record.")]})
    countries = {r.country_id for r in records}
    if len(countries) != 1 or None in countries:
        raise ValidationError({"records": [_("A publishing request covers records of one country.")]})
    request = PublishingRequest.objects.create(country_id=countries.pop(), requested_by=actor, message=message)
    for record in records:
        record_submit(actor=actor, record=record, comment=message, notify_publishers=False)
    request.records.set(records)
    first = records[0]
    for person in _publishers(first):
        if person.pk != actor.pk:
            url = settings.SITE_URL + reverse("knowledge:review-queue")
            notify.notice_create(
                user=person, verb="publishing-request",
                text=_("%(who)s asks you to publish %(n)s records") % {"who": actor, "n": len(records)},
                url=url, email_template="knowledge/email/publishing_request",
                email_context={"request": request, "records": records, "actor": actor, "url": url},
            )
    return request


def record_snapshot(record: Record) -> dict:
    """The full content of a record as plain data, as stored in each published revision."""
    return {
        "kind": record.kind,
        "country": record.country_id,
        "title": record.title,
        "summary": record.summary,
        "body": record.body,
        "language": record.language,
        "translations": record.translations or {},
        "countries": sorted(record.countries.values_list("code", flat=True)),
        "regions": sorted(record.regions.values_list("code", flat=True)),
        "targets": [t.code for t in record.targets.all()],
        "conventions": sorted(record.conventions.values_list("code", flat=True)),
        "topics": sorted(record.topics.values_list("slug", flat=True)),
        "ecosystems": sorted(record.ecosystems.values_list("code", flat=True)),
        "support_types": sorted(record.support_types.values_list("code", flat=True)),
        "start_date": record.start_date.isoformat() if record.start_date else None,
        "end_date": record.end_date.isoformat() if record.end_date else None,
        "url": record.url,
        "contact": record.contact,
        "details": record.details or {},
        "visibility": record.visibility,
        "consent_statement": record.consent_statement,
        "community": record.community_id,
        "attachments": [
            {"id": a.pk, "name": a.name, "size": a.size, "type": a.content_type}
            for a in record.attachments.filter(removed_at__isnull=True)
        ],
        "owner": record.owner_id,
    }


@transaction.atomic
def record_publish(*, actor, record: Record, comment: str = "") -> Record:
    record = Record.objects.select_for_update().get(pk=record.pk)
    if not perms.can_publish_record(actor, record):
        raise PermissionDenied(_("Only the focal point of the country or the secretariat can publish this record."))
    if record.status == Status.PUBLISHED and not record.has_unpublished_changes:
        raise Conflict(_("This revision is already published."))
    _validate(record, {})
    _validate_complete(record)
    now = timezone.now()
    record.revision += 1
    record.status = Status.PUBLISHED
    record.has_unpublished_changes = False
    record.published_at, record.published_by = now, actor
    record.locked_by, record.locked_at = None, None
    _set_live_access(record)
    record.save()
    RecordRevision.objects.create(record=record, revision=record.revision, data=record_snapshot(record),
                                  published_by=actor, published_at=now, comment=comment)
    _event(record, actor, RecordEvent.Action.PUBLISHED, comment)
    PublishingRequest.objects.filter(state=PublishingRequest.State.OPEN, records=record).exclude(
        records__status=Status.SUBMITTED).update(state=PublishingRequest.State.DONE)
    if record.owner_id != actor.pk:
        url = settings.SITE_URL + record.get_absolute_url()
        notify.notice_create(
            user=record.owner, verb="record-published",
            text=_("“%(title)s” is published as %(id)s") % {"title": record.title, "id": record.public_id},
            url=url, email_template="knowledge/email/published",
            email_context={"record": record, "actor": actor, "url": url, "comment": comment},
        )
    _reindex(record)
    return record


@transaction.atomic
def record_return(*, actor, record: Record, comment: str) -> Record:
    """Send a submitted record back to its authors with review comments."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    if not perms.can_return_record(actor, record):
        raise PermissionDenied(_("You cannot review this record."))
    if not (comment or "").strip():
        raise ValidationError({"comment": [_("Tell the authors what to change.")]})
    record.status = Status.DRAFT
    record.save(update_fields=["status", "updated_at"])
    _event(record, actor, RecordEvent.Action.RETURNED, comment)
    notify.notice_create(
        user=record.owner, verb="record-returned",
        text=_("%(who)s returned “%(title)s” with comments") % {"who": actor, "title": record.title},
        url=_review_url(record), email_template="knowledge/email/returned",
        email_context={"record": record, "actor": actor, "comment": comment, "url": _review_url(record)},
    )
    return record


@transaction.atomic
def record_archive(*, actor, record: Record, comment: str = "") -> Record:
    record = Record.objects.select_for_update().get(pk=record.pk)
    if not perms.can_archive_record(actor, record):
        raise PermissionDenied(_("You cannot archive this record."))
    record.status = Status.ARCHIVED
    record.save(update_fields=["status", "updated_at"])
    _event(record, actor, RecordEvent.Action.ARCHIVED, comment)
    _reindex(record)
    return record


@transaction.atomic
def record_restore(*, actor, record: Record) -> Record:
    record = Record.objects.select_for_update().get(pk=record.pk)
    if not perms.can_restore_record(actor, record):
        raise PermissionDenied(_("You cannot restore this record."))
    record.status = Status.PUBLISHED if record.revision else Status.DRAFT
    record.save(update_fields=["status", "updated_at"])
    _event(record, actor, RecordEvent.Action.RESTORED)
    _reindex(record)
    return record


def record_comment(*, actor, record: Record, comment: str, share_token: str | None = None,
                   actor_name: str = "") -> RecordEvent:
    if not (comment or "").strip():
        raise ValidationError({"comment": [_("Write a comment.")]})
    if share_token:
        link = share_link_check(record=record, token=share_token)
        if not link:
            raise PermissionDenied(_("This link has expired. Ask the author for a new one."))
        return _event(record, None, RecordEvent.Action.COMMENTED, comment.strip(),
                      actor_name=(actor_name or _("Reviewer through a shared link"))[:150])
    if not perms.can_comment_record(actor, record):
        raise PermissionDenied(_("You cannot comment on this record."))
    return _event(record, actor, RecordEvent.Action.COMMENTED, comment.strip())


def attachment_add(*, actor, record: Record, uploaded) -> Attachment:
    if not perms.can_edit_record(actor, record):
        raise PermissionDenied(_("You cannot edit this record."))
    name = clean_filename(Path(uploaded.name or "file").name)[:255]
    ext = Path(name).suffix.lower()
    allowed = settings.CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES
    if ext not in allowed:
        raise ValidationError({"file": [_("Files of type “%(ext)s” cannot be attached. Allowed: %(list)s.") % {
            "ext": ext or "?", "list": ", ".join(sorted(allowed))}]})
    limit = settings.CLEARINGHOUSE_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError({"file": [_("The file is %(size)s MB; the limit is %(limit)s MB.") % {
            "size": round(uploaded.size / 1048576, 1), "limit": round(limit / 1048576)}]})
    try:  # the content, not the name: see core.files
        content_type = check_upload(name=name, content=uploaded,
                                    declared_type=getattr(uploaded, "content_type", "") or "")
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    attachment = Attachment(record=record, name=name, size=uploaded.size, uploaded_by=actor,
                            content_type=content_type)
    attachment.file.save(name, uploaded, save=False)
    attachment.save()
    Record.objects.filter(pk=record.pk).update(has_unpublished_changes=True)
    return attachment


def attachment_remove(*, actor, attachment: Attachment) -> None:
    if not perms.can_edit_record(actor, attachment.record):
        raise PermissionDenied(_("You cannot edit this record."))
    attachment.removed_at = timezone.now()
    attachment.save(update_fields=["removed_at"])


def share_link_create(*, actor, record: Record, days: int = 14) -> ShareLink:
    if not perms.can_share_record(actor, record):
        raise PermissionDenied(_("You cannot share this record."))
    days = max(1, min(int(days), 90))
    return ShareLink.objects.create(record=record, created_by=actor, token=secrets.token_urlsafe(24),
                                    expires_at=timezone.now() + dt.timedelta(days=days))


def share_link_check(*, record: Record | None = None, token: str) -> ShareLink | None:
    qs = ShareLink.objects.filter(token=token, revoked_at__isnull=True, expires_at__gt=timezone.now())
    if record is not None:
        qs = qs.filter(record=record)
    return qs.select_related("record").first()


def share_link_revoke(*, actor, link: ShareLink) -> None:
    if not perms.can_share_record(actor, link.record):
        raise PermissionDenied(_("You cannot share this record."))
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])


def _reindex(record: Record) -> None:
    from clearinghouse.search.services import index_later

    index_later("record", record.pk)


def record_render_body(data: dict, lang: str | None = None) -> str:
    body = data.get("body") or ""
    if lang and lang != data.get("language"):
        body = (data.get("translations") or {}).get(lang, {}).get("body") or body
    return render_markdown(body)
