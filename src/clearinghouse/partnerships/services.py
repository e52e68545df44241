"""Writes of the partnerships app: every entry point (pages, API, imports, demo, tests) calls these."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clearinghouse.alerts import services as alerts
from clearinghouse.core.errors import Conflict
from clearinghouse.core.ids import next_number
from clearinghouse.core.models import Country, SupportType
from clearinghouse.core.ratelimit import rate_take
from clearinghouse.core.text import clean_line, clean_text
from clearinghouse.core.validators import clean_web_url

from . import permissions as perms
from .models import (
    Activity,
    ActivityStatus,
    ContactMessage,
    DigestSubscription,
    Level,
    Member,
    NeedStatus,
    OverlapSuggestion,
    Partnership,
    PartnershipNeed,
    TargetElement,
    WorkItem,
)

MAX_TITLE = 300
MAX_DESCRIPTION = 20000
CONTACTS_PER_DAY = 20
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _url(obj) -> str:
    return settings.SITE_URL + obj.get_absolute_url()


# --- partnerships ---------------------------------------------------------------------------------------------


@transaction.atomic
def partnership_create(*, actor, data: dict, elements: list[tuple[str, str, dict]] = (), coordinators=(),
                       targets=()) -> Partnership:
    """A partnership (or task force) with its elements ``[(code, English name, {lang: name})]``."""
    if not perms.can_create_partnership(actor):
        raise PermissionDenied(_("Only the secretariat can create a partnership."))
    name = clean_line(data.get("name"))
    slug = clean_line(data.get("slug")).lower()
    errors = {}
    if not name:
        errors["name"] = [_("Give the partnership a name.")]
    if not re.match(r"^[a-z0-9-]{2,80}$", slug):
        errors["slug"] = [_("Use 2 to 80 lower-case letters, digits and hyphens.")]
    elif Partnership.objects.filter(slug=slug).exists():
        errors["slug"] = [_("This short name is taken.")]
    if errors:
        raise ValidationError(errors)
    p = Partnership.objects.create(
        kind=data.get("kind") or Partnership.Kind.PARTNERSHIP, slug=slug, name=name,
        acronym=clean_line(data.get("acronym"))[:40], purpose=clean_text(data.get("purpose")),
        governance=clean_text(data.get("governance")), terms=clean_text(data.get("terms")),
        language=data.get("language") or "en", translations=data.get("translations") or {},
        auto_accept=bool(data.get("auto_accept")), is_open=data.get("is_open", True),
        founding_title=clean_line(data.get("founding_title")), founded_on=data.get("founded_on"),
        secretariat=data.get("secretariat"), created_by=actor)
    for i, (code, ename, names) in enumerate(elements):
        TargetElement.objects.create(partnership=p, code=code, name=ename, names=names or {}, position=i)
    if coordinators:
        p.coordinators.set(coordinators)
    if targets:
        p.targets.set(targets)
    return p


def partnership_update(*, actor, partnership: Partnership, data: dict) -> Partnership:
    if not perms.can_manage_partnership(actor, partnership):
        raise PermissionDenied(_("Only the coordinators can change the partnership."))
    for f in ("purpose", "governance", "terms"):
        if f in data:
            setattr(partnership, f, clean_text(data[f]))
    if "name" in data:
        partnership.name = clean_line(data["name"]) or partnership.name
    for f in ("auto_accept", "is_open"):
        if f in data:
            setattr(partnership, f, bool(data[f]))
    partnership.save()
    return partnership


# --- members --------------------------------------------------------------------------------------------------


def _clean_levels(levels) -> list[str]:
    valid = set(Level.values)
    out = [v for v in dict.fromkeys(levels or []) if v in valid]
    bad = [v for v in (levels or []) if v not in valid]
    if bad:
        raise ValidationError({"levels": [_("Unknown level: %(v)s.") % {"v": ", ".join(map(str, bad))}]})
    return out


def _countries(codes, field: str = "countries") -> list[Country]:
    codes = [str(c).strip().upper() for c in (codes or []) if str(c).strip()]
    found = {c.code: c for c in Country.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({field: [_("Unknown country code: %(codes)s.") % {"codes": ", ".join(unknown)}]})
    return [found[c] for c in dict.fromkeys(codes)]


def _elements(partnership: Partnership, codes, field: str = "elements") -> list[TargetElement]:
    codes = [str(c).strip() for c in (codes or []) if str(c).strip()]
    found = {e.code: e for e in partnership.elements.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({field: [_("Not an element of this partnership: %(codes)s.") % {
            "codes": ", ".join(unknown)}]})
    return [found[c] for c in dict.fromkeys(codes)]


@transaction.atomic
def member_request(*, actor, partnership: Partnership, organisation=None, government: str | None = None,
                   levels=(), countries=(), elements=(), statement: str = "") -> Member:
    """Ask to join for an organisation (its approved member) or a government (its focal point). Accepted at
    once when the partnership accepts members automatically."""
    if (organisation is None) == (not government):
        raise ValidationError({"party": [_("Join either for an organisation or for a government.")]})
    if not partnership.is_open:
        raise Conflict(_("This partnership is not taking new members."))
    if not perms.can_request_join(actor, partnership, organisation=organisation, government=government):
        raise PermissionDenied(_("Only an approved member of the organisation, or the government's focal point, "
                                 "can ask to join for it."))
    levels = _clean_levels(levels)
    if not levels:
        raise ValidationError({"levels": [_("Say at which levels you work.")]})
    country_objs = _countries(countries)
    element_objs = _elements(partnership, elements)
    kind = Member.Kind.GOVERNMENT if government else Member.Kind.ORGANISATION
    try:
        with transaction.atomic():
            member = Member.objects.create(
                partnership=partnership, kind=kind, organisation=organisation,
                government_id=government.upper() if government else None, levels=levels,
                statement=clean_text(statement)[:5000], requested_by=actor, contact=actor)
    except IntegrityError:
        raise Conflict(_("This organisation or government is already a member, or has already asked.")) from None
    member.countries.set(country_objs or ([member.government] if government else []))
    member.elements.set(element_objs)
    if partnership.auto_accept:
        _member_activate(member, actor=None)
    else:
        for coordinator in partnership.coordinators.all():
            with translation.override(alerts.user_language(coordinator)):
                alerts.notice_create(
                    user=coordinator, verb="partnership-join-requested",
                    text=_("%(party)s asks to join %(partnership)s") % {
                        "party": member.display_name(), "partnership": partnership.name},
                    url=settings.SITE_URL + reverse("partnerships:requests", args=[partnership.slug]))
    return member


@transaction.atomic
def member_add(*, actor, partnership: Partnership, organisation=None, government: str | None = None,
               levels=(), countries=(), elements=(), statement: str = "") -> Member:
    """A coordinator adds a member directly (e.g. the agencies that signed a task force's founding document)."""
    if not perms.can_manage_partnership(actor, partnership):
        raise PermissionDenied(_("Only the coordinators add members directly."))
    if (organisation is None) == (not government):
        raise ValidationError({"party": [_("Join either for an organisation or for a government.")]})
    try:
        with transaction.atomic():
            member = Member.objects.create(
                partnership=partnership, kind=Member.Kind.GOVERNMENT if government else Member.Kind.ORGANISATION,
                organisation=organisation, government_id=government.upper() if government else None,
                levels=_clean_levels(levels), statement=clean_text(statement)[:5000], requested_by=actor)
    except IntegrityError:
        raise Conflict(_("This organisation or government is already a member, or has already asked.")) from None
    member.countries.set(_countries(countries) or ([member.government] if government else []))
    member.elements.set(_elements(partnership, elements))
    _member_activate(member, actor=actor)
    return member


def _member_activate(member: Member, *, actor) -> None:
    now = timezone.now()
    member.state = Member.State.ACTIVE
    member.decided_by, member.decided_at, member.joined_at = actor, now, now
    member.save(update_fields=["state", "decided_by", "decided_at", "joined_at", "updated_at"])


@transaction.atomic
def member_decide(*, actor, member: Member, accept: bool) -> Member:
    member = Member.objects.select_for_update().select_related("partnership").get(pk=member.pk)
    if not perms.can_decide_member(actor, member):
        if member.state != Member.State.REQUESTED:
            raise Conflict(_("This request was already answered."))
        raise PermissionDenied(_("Only the coordinators accept members."))
    if accept:
        _member_activate(member, actor=actor)
    else:
        member.state, member.decided_by, member.decided_at = Member.State.DECLINED, actor, timezone.now()
        member.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    if member.requested_by_id:
        who = member.requested_by
        with translation.override(alerts.user_language(who)):
            text = (_("%(party)s is now a member of %(partnership)s") if accept
                    else _("The request of %(party)s to join %(partnership)s was declined")) % {
                "party": member.display_name(), "partnership": member.partnership.name}
            alerts.notice_create(user=who, verb="partnership-join-decided", text=text,
                                 url=_url(member.partnership))
    return member


@transaction.atomic
def member_leave(*, actor, member: Member) -> Member:
    member = Member.objects.select_for_update().select_related("partnership").get(pk=member.pk)
    if not perms.can_leave(actor, member):
        raise PermissionDenied(_("Only the member itself or a coordinator can end this membership."))
    member.state, member.left_at = Member.State.LEFT, timezone.now()
    member.save(update_fields=["state", "left_at", "updated_at"])
    return member


@transaction.atomic
def member_contact(*, actor, member: Member, subject: str, body: str) -> ContactMessage:
    """Write to a member through the platform: its contact gets the mail with a reply-to of the sender, whose
    address the member sees only in that mail; the sender never sees the member's address."""
    if not perms.can_contact_member(actor, member):
        raise PermissionDenied(_("You cannot write to this member."))
    subject, body = clean_line(subject)[:200], clean_text(body).strip()
    errors = {}
    if not subject:
        errors["subject"] = [_("Give a subject.")]
    if not body:
        errors["body"] = [_("Write a message.")]
    elif len(body) > 5000:
        errors["body"] = [_("The message has %(n)s characters; the limit is 5,000.") % {"n": len(body)}]
    if errors:
        raise ValidationError(errors)
    if not rate_take(f"partnership-contact:{actor.pk}", limit=CONTACTS_PER_DAY, seconds=86400):
        raise Conflict(_("You have written %(n)s messages today. Please wait until tomorrow.")
                       % {"n": CONTACTS_PER_DAY})
    msg = ContactMessage.objects.create(member=member, sender=actor, subject=subject, body=body)
    if member.contact_id and member.contact.is_active:
        alerts.email_to_user(member.contact, template="partnerships/email/contact",
                             context={"message": msg, "member": member, "sender": actor,
                                      "partnership": member.partnership, "url": _url(member.partnership)},
                             reply_to=[actor.email])
    return msg


# --- activities -------------------------------------------------------------------------------------------------


def parse_month(value, field: str) -> dt.date:
    """A month as ``YYYY-MM`` (or a date, or ``YYYY-MM-DD``) -> the first day of that month."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    m = _MONTH.match(str(value or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2200:
        raise ValidationError({field: [_("Give the month as YYYY-MM (for example 2025-03); got “%(v)s”.")
                                       % {"v": str(value or "")[:40]}]})
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def activity_clean(partnership: Partnership, data: dict) -> dict:
    """Check an activity's fields; ValidationError names every wrong field. Used by every entry point."""
    errors: dict[str, list] = {}
    out: dict = {}

    def guard(field, fn):
        try:
            return fn()
        except ValidationError as exc:
            for k, msgs in getattr(exc, "message_dict", {field: exc.messages}).items():
                errors.setdefault(k, []).extend(msgs)
            return None

    title = clean_line(data.get("title"))
    if not title:
        errors["title"] = [_("Give the activity a title.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [_("The title has %(n)s characters; the limit is %(max)s.") % {"n": len(title),
                                                                                        "max": MAX_TITLE}]
    out["title"] = title
    out["description"] = clean_text(data.get("description")).strip()
    if len(out["description"]) > MAX_DESCRIPTION:
        errors["description"] = [_("The description is longer than %(max)s characters.") % {"max": MAX_DESCRIPTION}]
    lang = (data.get("language") or "en").lower()
    if lang not in dict(settings.CONTENT_LANGUAGES):
        errors["language"] = [_("Unknown language code: %(v)s.") % {"v": lang}]
    out["language"] = lang
    out["elements"] = guard("elements", lambda: _elements(partnership, data.get("elements")))
    if out["elements"] == []:
        errors.setdefault("elements", []).append(_("Choose at least one target element."))
    out["countries"] = guard("countries", lambda: _countries(data.get("countries")))
    if out["countries"] == []:
        errors.setdefault("countries", []).append(_("Choose at least one country."))
    codes = [str(c).strip() for c in (data.get("support_types") or []) if str(c).strip()]
    found = {s.code: s for s in SupportType.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        errors["support_types"] = [_("Unknown kind of support: %(v)s.") % {"v": ", ".join(unknown)}]
    elif not codes:
        errors["support_types"] = [_("Choose at least one kind of support.")]
    out["support_types"] = [found[c] for c in dict.fromkeys(codes) if c in found]
    out["start"] = guard("start", lambda: parse_month(data.get("start"), "start"))
    out["end"] = guard("end", lambda: parse_month(data.get("end"), "end"))
    if out["start"] and out["end"] and out["end"] < out["start"]:
        errors.setdefault("end", []).append(_("The end (%(end)s) is before the start (%(start)s).") % {
            "end": out["end"].strftime("%Y-%m"), "start": out["start"].strftime("%Y-%m")})
    level = data.get("level") or Level.NATIONAL
    if level not in Level.values:
        errors["level"] = [_("Unknown level: %(v)s.") % {"v": level}]
    out["level"] = level
    status = data.get("status") or ActivityStatus.ONGOING
    if status not in ActivityStatus.values:
        errors["status"] = [_("Unknown status: %(v)s.") % {"v": status}]
    out["status"] = status
    budget, currency = data.get("budget"), clean_line(data.get("currency")).upper()
    out["budget"], out["currency"] = None, ""
    if budget not in (None, ""):
        try:
            amount = Decimal(str(budget).replace(",", "").replace(" ", ""))
            if amount < 0 or amount >= Decimal("1e14") or not amount.is_finite():
                raise InvalidOperation
            out["budget"] = amount.quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors["budget"] = [_("The budget must be a number of zero or more; got “%(v)s”.") % {
                "v": str(budget)[:40]}]
        if not _CURRENCY.match(currency):
            errors["currency"] = [_("Give the budget's currency as a three-letter code (USD, EUR...).")]
        out["currency"] = currency
    links = []
    for link in data.get("links") or []:
        try:
            url = clean_web_url(link)
        except ValidationError as exc:
            errors.setdefault("links", []).extend(exc.messages)
            continue
        if url:
            links.append(url)
    out["links"] = links[:10]
    out["subnational"] = clean_line(data.get("subnational"))[:300]
    out["beneficiaries"] = clean_line(data.get("beneficiaries"))[:500]
    out["partners_involved"] = clean_line(data.get("partners_involved"))[:500]
    out["iati_identifier"] = clean_line(data.get("iati_identifier"))[:150]
    out["is_public"] = bool(data.get("is_public", True))
    out["translations"] = {k: {f: clean_text(v) for f, v in vals.items() if f in ("title", "description")}
                           for k, vals in (data.get("translations") or {}).items()
                           if k in dict(settings.CONTENT_LANGUAGES) and isinstance(vals, dict)}
    if errors:
        raise ValidationError(errors)
    return out


def _activity_write(activity: Activity, cleaned: dict) -> Activity:
    for f in ("title", "description", "language", "subnational", "level", "status", "start", "end", "budget",
              "currency", "beneficiaries", "partners_involved", "iati_identifier", "is_public", "links",
              "translations"):
        setattr(activity, f, cleaned[f])
    activity.save()
    activity.elements.set(cleaned["elements"])
    activity.countries.set(cleaned["countries"])
    activity.support_types.set(cleaned["support_types"])
    return activity


def _after_activity_change(activity: Activity) -> None:
    from clearinghouse.core import queue
    from clearinghouse.search.services import index_later

    queue.enqueue_on_commit("partnerships.activity_embed", activity.pk)
    index_later("partnerships.activity", activity.pk)


@transaction.atomic
def activity_create(*, actor, member: Member, data: dict, cleaned: dict | None = None) -> Activity:
    if not perms.can_register_activity(actor, member):
        raise PermissionDenied(_("Only the member's own people register its activities."))
    cleaned = cleaned or activity_clean(member.partnership, data)
    number = next_number(f"partnership-activity:{member.partnership_id}")
    activity = Activity(partnership=member.partnership, member=member, created_by=actor,
                        public_id=f"{(member.partnership.acronym or member.partnership.slug).upper()[:12]}-A{number:05d}")
    _activity_write(activity, cleaned)
    _after_activity_change(activity)
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, data: dict) -> Activity:
    if not perms.can_edit_activity(actor, activity):
        raise PermissionDenied(_("Only the member's own people and the coordinators can change this activity."))
    cleaned = activity_clean(activity.partnership, data)
    _activity_write(activity, cleaned)
    activity.embedding = None
    activity.save(update_fields=["embedding"])
    _after_activity_change(activity)
    return activity


@transaction.atomic
def activity_withdraw(*, actor, activity: Activity) -> Activity:
    if not perms.can_edit_activity(actor, activity):
        raise PermissionDenied(_("Only the member's own people and the coordinators can withdraw this activity."))
    activity.withdrawn_at = timezone.now()
    activity.save(update_fields=["withdrawn_at", "updated_at"])
    OverlapSuggestion.objects.filter(state=OverlapSuggestion.State.OPEN).filter(
        a=activity).update(state=OverlapSuggestion.State.DISMISSED)
    OverlapSuggestion.objects.filter(state=OverlapSuggestion.State.OPEN).filter(
        b=activity).update(state=OverlapSuggestion.State.DISMISSED)
    from clearinghouse.search.services import index_later

    index_later("partnerships.activity", activity.pk)
    return activity


# --- needs ------------------------------------------------------------------------------------------------------


@transaction.atomic
def need_create(*, actor, partnership: Partnership, data: dict) -> PartnershipNeed:
    country = str(data.get("country") or "").upper()
    if not perms.can_register_need(actor, partnership, country):
        raise PermissionDenied(_("A country's focal point or authorised user states its needs."))
    title = clean_line(data.get("title"))
    if not title:
        raise ValidationError({"title": [_("Give the need a title.")]})
    countries = _countries([country], "country")
    elements = _elements(partnership, data.get("elements"))
    support = list(SupportType.objects.filter(code__in=data.get("support_types") or []))
    need = PartnershipNeed.objects.create(partnership=partnership, country=countries[0], title=title[:MAX_TITLE],
                                          description=clean_text(data.get("description")),
                                          language=data.get("language") or "en", created_by=actor)
    need.elements.set(elements)
    need.support_types.set(support)
    return need


@transaction.atomic
def need_set_status(*, actor, need: PartnershipNeed, status: str) -> PartnershipNeed:
    if not perms.can_register_need(actor, need.partnership, need.country_id):
        raise PermissionDenied(_("Only the country's people or the coordinators can change this need."))
    if status not in NeedStatus.values:
        raise ValidationError({"status": [_("Unknown status: %(v)s.") % {"v": status}]})
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    return need


# --- overlaps ---------------------------------------------------------------------------------------------------


def overlaps_refresh(partnership: Partnership, *, activity_ids=None) -> int:
    """Run the detector on the partnership's activities (embedding those without a vector first) and store the
    new suggestions. ``activity_ids``: only pairs involving these. Returns how many were added."""
    from .detection import detect_for_partnership

    return detect_for_partnership(partnership, activity_ids=activity_ids)


@transaction.atomic
def overlap_decide(*, actor, suggestion: OverlapSuggestion, decision: str, note: str = "") -> OverlapSuggestion:
    """confirm / dismiss / merge. A confirmed duplicate (and a merge) counts the second activity as the first
    (``duplicate_of``) so gaps count it once; a merge also withdraws the copy. A confirmed overlap invites both
    partners to coordinate (notice and mail)."""
    s = OverlapSuggestion.objects.select_for_update(of=("self",)).select_related(
        "partnership", "a__member__contact", "b__member__contact", "a__member__organisation",
        "b__member__organisation", "a__member__government", "b__member__government").get(pk=suggestion.pk)
    if not perms.can_decide_overlap(actor, s):
        if s.state != OverlapSuggestion.State.OPEN:
            raise Conflict(_("This suggestion was already reviewed."))
        raise PermissionDenied(_("Only the coordinators review overlaps."))
    if decision not in ("confirm", "dismiss", "merge"):
        raise ValidationError({"decision": [_("Unknown decision.")]})
    if decision == "merge" and s.kind != OverlapSuggestion.Kind.DUPLICATE:
        raise Conflict(_("Only a duplicate can be merged; an overlap is two initiatives to coordinate."))
    s.state = {"confirm": s.State.CONFIRMED, "dismiss": s.State.DISMISSED, "merge": s.State.MERGED}[decision]
    s.decided_by, s.decided_at, s.note = actor, timezone.now(), clean_text(note)[:2000]
    s.save(update_fields=["state", "decided_by", "decided_at", "note", "updated_at"])
    if decision in ("confirm", "merge") and s.kind == s.Kind.DUPLICATE:
        keep, copy = (s.a, s.b) if s.a.created_at <= s.b.created_at else (s.b, s.a)
        copy.duplicate_of = keep
        fields = ["duplicate_of", "updated_at"]
        if decision == "merge":
            copy.withdrawn_at = timezone.now()
            fields.append("withdrawn_at")
            keep.translations = {**(keep.translations or {}), **{copy.language: {
                "title": copy.title, "description": copy.description}}} if copy.language != keep.language else keep.translations
            if not keep.iati_identifier and copy.iati_identifier:
                keep.iati_identifier = copy.iati_identifier
            keep.save(update_fields=["translations", "iati_identifier", "updated_at"])
            keep.countries.add(*copy.countries.all())
        copy.save(update_fields=fields)
    if decision == "confirm" and s.kind == s.Kind.OVERLAP:
        _notify_overlap(s)
    return s


def _notify_overlap(s: OverlapSuggestion) -> None:
    for mine, other in ((s.a, s.b), (s.b, s.a)):
        people = _member_people(mine.member)
        for person in people:
            with translation.override(alerts.user_language(person)):
                alerts.notice_create(
                    user=person, verb="partnership-overlap-confirmed",
                    text=_("Your activity “%(mine)s” overlaps with “%(other)s” of %(partner)s: please coordinate")
                    % {"mine": mine.title[:150], "other": other.title[:150], "partner": other.member.display_name()},
                    url=_url(other), email_template="partnerships/email/overlap_confirmed",
                    email_context={"mine": mine, "other": other, "partner": other.member,
                                   "partnership": s.partnership, "url": _url(other),
                                   "contact_url": settings.SITE_URL + other.member.get_absolute_url()})


def _member_people(member: Member) -> list:
    """Who hears for a member: its contact person (and, if none, whoever acts for it)."""
    from clearinghouse.accounts.models import OrganisationMembership, Role, RoleAssignment, User

    if member.contact_id and member.contact.is_active:
        return [member.contact]
    if member.kind == Member.Kind.GOVERNMENT:
        ids = RoleAssignment.objects.active().filter(role=Role.FOCAL_POINT, country_id=member.government_id
                                                     ).values("user_id")
    else:
        ids = OrganisationMembership.objects.filter(organisation_id=member.organisation_id,
                                                    state=OrganisationMembership.State.APPROVED).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True)[:5])


# --- work programme -------------------------------------------------------------------------------------------


@transaction.atomic
def work_item_create(*, actor, partnership: Partnership, data: dict) -> WorkItem:
    if not perms.can_manage_partnership(actor, partnership):
        raise PermissionDenied(_("Only the coordinators shape the work programme."))
    title = clean_line(data.get("title"))
    errors = {}
    if not title:
        errors["title"] = [_("Give the item a title.")]
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts, dt.date):
        errors["starts_on"] = [_("Give a start date.")]
    if not isinstance(ends, dt.date):
        errors["ends_on"] = [_("Give an end date.")]
    elif isinstance(starts, dt.date) and ends < starts:
        errors["ends_on"] = [_("The end is before the start.")]
    lead = data.get("lead")
    if lead is not None and lead.partnership_id != partnership.pk:
        errors["lead"] = [_("The lead must be a member of this body.")]
    if errors:
        raise ValidationError(errors)
    item = WorkItem.objects.create(
        partnership=partnership, number=clean_line(data.get("number"))[:20] or str(partnership.work_items.count() + 1),
        title=title[:MAX_TITLE], outputs=clean_text(data.get("outputs")), lead=lead, starts_on=starts, ends_on=ends,
        status=data.get("status") or WorkItem.Status.PLANNED, progress=int(data.get("progress") or 0),
        language=data.get("language") or "en")
    item.partners.set([m for m in data.get("partners") or [] if m.partnership_id == partnership.pk])
    return item


@transaction.atomic
def work_item_progress(*, actor, item: WorkItem, progress: int, status: str, note: str = "") -> WorkItem:
    if not perms.can_update_work_item(actor, item):
        raise PermissionDenied(_("Only the coordinators and the item's lead report its progress."))
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        progress = -1
    errors = {}
    if not 0 <= progress <= 100:
        errors["progress"] = [_("Give the progress as a whole number from 0 to 100.")]
    if status not in WorkItem.Status.values:
        errors["status"] = [_("Unknown status: %(v)s.") % {"v": status}]
    if errors:
        raise ValidationError(errors)
    item.progress, item.status, item.progress_note = progress, status, clean_text(note)[:5000]
    item.save(update_fields=["progress", "status", "progress_note", "updated_at"])
    return item


# --- digest ---------------------------------------------------------------------------------------------------


def digest_subscribe(*, actor, partnership: Partnership, on: bool = True) -> bool:
    if on and not perms.can_subscribe_digest(actor, partnership):
        raise PermissionDenied(_("The digest is for the people of the partnership's members."))
    if on:
        DigestSubscription.objects.get_or_create(partnership=partnership, user=actor,
                                                 defaults={"last_sent_at": timezone.now()})
    else:
        DigestSubscription.objects.filter(partnership=partnership, user=actor).delete()
    return on


def digests_send(*, now=None, every: dt.timedelta = dt.timedelta(days=7)) -> int:
    """Mail each subscriber who is due (a week since the last digest) what is new since then, in their
    language; nothing new, no mail (but the clock moves on). Idempotent: a second run sends nothing."""
    now = now or timezone.now()
    sent = 0
    due = (DigestSubscription.objects.select_related("partnership", "user")
           .filter(user__is_active=True, last_sent_at__lte=now - every))
    for sub in due[:2000]:
        since = sub.last_sent_at
        with transaction.atomic():
            locked = DigestSubscription.objects.select_for_update().filter(pk=sub.pk, last_sent_at=since).update(
                last_sent_at=now)
            if not locked:
                continue
            if not perms.can_subscribe_digest(sub.user, sub.partnership):
                sub.delete()
                continue
            members = list(sub.partnership.members.filter(state=Member.State.ACTIVE, joined_at__gt=since,
                                                          joined_at__lte=now)
                           .select_related("organisation", "government")[:50])
            activities = list(sub.partnership.activities.filter(
                is_public=True, withdrawn_at__isnull=True, created_at__gt=since, created_at__lte=now)
                .select_related("member__organisation", "member__government")[:50])
            if not members and not activities:
                continue
            alerts.email_to_user(sub.user, template="partnerships/email/digest", context={
                "partnership": sub.partnership, "members": members, "activities": activities,
                "site": settings.SITE_URL, "since": since,
                "url": _url(sub.partnership)})
            sent += 1
    return sent
