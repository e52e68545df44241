"""Reads: addressee groups resolved from role assignments, the archive, the inbox, the tracker."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from clearinghouse.accounts.models import Organisation, OrganisationMembership, RoleAssignment
from clearinghouse.accounts.permissions import _roles, is_secretariat
from clearinghouse.core.models import Country

from .models import AddresseeGroup, Call, Delivery, Designation, Follow, Notification, Submission

# --- groups ------------------------------------------------------------------------


def _role_q(group: AddresseeGroup) -> Q | None:
    if not group.roles:
        return None
    q = Q(role__in=group.roles)
    if group.convention_id:
        q &= Q(convention_id=group.convention_id) | Q(convention__isnull=True)
    return q


def group_user_ids(group: AddresseeGroup) -> set[int]:
    """Every active person in ``group`` today, resolved from role assignments, memberships and designations."""
    User = get_user_model()
    if group.all_users:
        return set(User.objects.filter(is_active=True).values_list("pk", flat=True))
    ids: set[int] = set()
    role_q = _role_q(group)
    if role_q is not None:
        ids.update(RoleAssignment.objects.active().filter(role_q, user__is_active=True)
                   .values_list("user_id", flat=True))
    if group.organisation_kinds:
        ids.update(OrganisationMembership.objects.filter(
            state=OrganisationMembership.State.APPROVED, organisation__kind__in=group.organisation_kinds,
            user__is_active=True).values_list("user_id", flat=True))
    ids.update(Designation.objects.filter(group=group, ended_at__isnull=True, user__is_active=True)
               .values_list("user_id", flat=True))
    return ids


def notification_recipient_ids(notification: Notification) -> list[int]:
    """Addressees of the notification, and the people who follow every notification (of its convention)."""
    ids: set[int] = set()
    for group in notification.addressee_groups.all():
        ids |= group_user_ids(group)
    ids.update(Follow.objects.filter(email_all=True, user__is_active=True)
               .filter(Q(convention__isnull=True) | Q(convention_id=notification.convention_id))
               .values_list("user_id", flat=True))
    return sorted(ids)


def user_group_ids(user) -> set[int]:
    """The groups ``user`` belongs to (a bounded number of queries, whatever the number of groups)."""
    if user is None or not user.is_authenticated:
        return set()
    roles = _roles(user)
    kinds = set(OrganisationMembership.objects.filter(user=user, state=OrganisationMembership.State.APPROVED)
                .values_list("organisation__kind", flat=True))
    designated = set(Designation.objects.filter(user=user, ended_at__isnull=True).values_list("group_id", flat=True))
    out: set[int] = set(designated)
    for group in AddresseeGroup.objects.all():
        if group.all_users:
            out.add(group.pk)
        elif group.roles and any(r in group.roles and (not group.convention_id or conv in (None, group.convention_id))
                                 for r, _c, conv in roles):
            out.add(group.pk)
        elif group.organisation_kinds and kinds & set(group.organisation_kinds):
            out.add(group.pk)
    return out


# --- notifications -------------------------------------------------------------------


def _listing(qs: QuerySet) -> QuerySet:
    return (qs.select_related("convention")
            .prefetch_related("addressee_groups", Prefetch("calls", queryset=Call.objects.order_by("deadline"))))


def notifications_published() -> QuerySet:
    return Notification.objects.filter(status=Notification.Status.PUBLISHED)


def notifications_archive(*, q: str = "", year: int | None = None, convention: str = "", group: str = "",
                          user=None) -> QuerySet:
    """The public archive, filtered. ``q`` goes through the site search (every language) and matches references."""
    qs = notifications_published()
    if year:
        qs = qs.filter(date__year=year)
    if convention:
        qs = qs.filter(Q(convention_id=convention) | Q(convention__parent_id=convention))
    if group:
        qs = qs.filter(addressee_groups__code=group)
    q = (q or "").strip()
    if q:
        ids = search_ids(q, user=user)
        qs = qs.filter(Q(pk__in=ids) | Q(reference__icontains=q) | Q(subject__icontains=q))
    return _listing(qs.distinct()).order_by("-date", "-pk")


def search_ids(q: str, *, user=None, limit_pages: int = 4) -> list[int]:
    """Ids of notifications whose text (in any language) matches ``q``, through the site search index."""
    from clearinghouse.search.selectors import MAX_PER_PAGE, search

    ids: list[int] = []
    for page in range(1, limit_pages + 1):
        results = search(query=q, filters={"type": ["notification"]}, mode="keyword", page=page, user=user,
                         per_page=MAX_PER_PAGE)
        ids.extend(h_id for h_id in _source_ids(results.hits))
        if not results.has_next:
            break
    return ids


def _source_ids(hits) -> list[int]:
    from clearinghouse.search.models import SearchDocument

    doc_ids = [h.id for h in hits if h.source == "notification"]
    return list(SearchDocument.objects.filter(pk__in=doc_ids).values_list("source_id", flat=True))


def archive_years() -> list[int]:
    return sorted({d.year for d in notifications_published().dates("date", "year")}, reverse=True)


def notifications_for_staff() -> QuerySet:
    return _listing(Notification.objects.exclude(status=Notification.Status.PUBLISHED)).order_by("-updated_at")


def notification_detail(pk: int) -> Notification:
    return (Notification.objects.select_related("convention", "series", "drafted_by", "approved_by", "published_by")
            .prefetch_related("addressee_groups", "attachments", "links__content_type", "calls__groups").get(pk=pk))


@dataclass
class DeliveryCounts:
    total: int  # addressees
    queued: int  # not handed to the mail server yet (or being retried)
    sent: int  # accepted by the mail server
    failed: int  # given up after the retries
    bounced: int  # sent, and the address bounced since
    skipped: int  # not sent: the address bounces


def delivery_counts(notification: Notification) -> DeliveryCounts:
    """Where the mail of a published notification stands, from the outbox (alerts.OutboundEmail) and the bounces
    the mail-in pipeline counts (forums.MailBounce)."""
    from clearinghouse.forums.models import MailBounce

    bounced_since = MailBounce.objects.filter(address__iexact=OuterRef("email"), last_at__gte=OuterRef("sent_at"),
                                              hard_count__gt=0)
    row = Delivery.objects.filter(notification=notification).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(outbound__status="sent")),
        failed=Count("pk", filter=Q(outbound__status="failed")),
        skipped=Count("pk", filter=Q(status=Delivery.Status.SKIPPED)),
        bounced=Count("pk", filter=Q(Exists(bounced_since), outbound__status="sent")),
    )
    queued = row["total"] - row["sent"] - row["failed"] - row["skipped"]
    return DeliveryCounts(total=row["total"], queued=queued, sent=row["sent"], failed=row["failed"],
                          bounced=row["bounced"], skipped=row["skipped"])


def bouncing_addresses(emails) -> set[str]:
    """Addresses mail must not go to: hard bounces at the limit the mail-in pipeline uses."""
    from clearinghouse.forums.inbound import HARD_BOUNCE_LIMIT
    from clearinghouse.forums.models import MailBounce

    emails = [e.lower() for e in emails]
    out: set[str] = set()
    for start in range(0, len(emails), 500):
        chunk = emails[start:start + 500]
        out.update(a.lower() for a in MailBounce.objects.filter(address__in=chunk, hard_count__gte=HARD_BOUNCE_LIMIT)
                   .values_list("address", flat=True))
    return out


# --- inbox -----------------------------------------------------------------------------


def inbox(user) -> dict:
    """What a signed-in person sees: notifications addressed to their roles, and open calls they may answer."""
    from . import permissions as perms

    groups = user_group_ids(user)
    notes = (notifications_published()
             .filter(Q(addressee_groups__in=groups) | Q(deliveries__user=user)).distinct())
    notes = _listing(notes).order_by("-date", "-pk")[:50]
    calls = (Call.objects.filter(notification__status=Notification.Status.PUBLISHED, closed_at__isnull=True,
                                 groups__in=groups).distinct()
             .select_related("notification").prefetch_related("groups").order_by("deadline"))
    open_calls = []
    for call in calls[:50]:
        countries = perms.countries_user_prepares_for(user, call)
        organisations = [o for o in user_organisations(user) if perms.organisation_is_invited(call, o)]
        if countries or organisations:
            mine = {(s.country_id or s.organisation_id): s for s in Submission.objects.filter(call=call).filter(
                Q(country_id__in=countries) | Q(organisation__in=organisations))}
            open_calls.append({"call": call, "countries": sorted(countries), "organisations": organisations,
                               "submissions": mine})
    return {"notifications": notes, "calls": open_calls}


def user_organisations(user) -> list[Organisation]:
    if user is None or not user.is_authenticated:
        return []
    cache = getattr(user, "_notif_orgs", None)
    if cache is None:
        cache = list(Organisation.objects.filter(memberships__user=user,
                                                 memberships__state=OrganisationMembership.State.APPROVED))
        user._notif_orgs = cache
    return cache


def follow_for(user) -> Follow | None:
    if user is None or not user.is_authenticated:
        return None
    return Follow.objects.filter(user=user).first()


# --- calls and the tracker ---------------------------------------------------------------


def call_submits_as(call: Call) -> set[str]:
    return {g.submits_as for g in call.groups.all()}


def call_countries(call: Call) -> QuerySet:
    """Every eligible Party: the countries of the UN regional groups, when the call is answered by countries."""
    if "country" not in call_submits_as(call):
        return Country.objects.none()
    return Country.objects.filter(region__isnull=False).select_related("region").order_by("name")


def call_organisations(call: Call) -> QuerySet:
    """Every invited organisation: those of the kinds the call's organisation groups name, and those whose
    members hold the groups' roles (partner organisations)."""
    q = Q(pk__in=[])
    for group in call.groups.all():
        if group.submits_as != AddresseeGroup.SubmitsAs.ORGANISATION:
            continue
        if group.organisation_kinds:
            q |= Q(kind__in=group.organisation_kinds)
        if group.roles:
            holders = RoleAssignment.objects.active().filter(role__in=group.roles).values("user_id")
            q |= Q(pk__in=OrganisationMembership.objects.filter(
                state=OrganisationMembership.State.APPROVED, user_id__in=holders).values("organisation_id"))
    return Organisation.objects.filter(q).order_by("name")


@dataclass
class TrackerRow:
    kind: str  # country | organisation
    key: str
    name: str
    region: str
    region_code: str
    submission: Submission | None

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else "not_started"


TRACKER_STATES = ("not_started", "draft", "submitted", "late")


def tracker(call: Call, *, region: str = "", state: str = "") -> dict:
    """Every eligible Party and organisation with the state of its submission; filter by region and state."""
    subs = list(Submission.objects.filter(call=call).select_related("country", "organisation", "submitted_by"))
    by_country = {s.country_id: s for s in subs if s.country_id}
    by_org = {s.organisation_id: s for s in subs if s.organisation_id}
    rows: list[TrackerRow] = []
    countries = call_countries(call)
    for country in countries:
        rows.append(TrackerRow("country", country.code, country.local_name(),
                               str(country.region) if country.region_id else "", country.region_id or "",
                               by_country.get(country.code)))
    for org in call_organisations(call).select_related("country__region"):
        region_code = org.country.region_id if org.country_id and org.country.region_id else ""
        rows.append(TrackerRow("organisation", str(org.pk), str(org), str(org.country.region) if region_code else "",
                               region_code, by_org.get(org.pk)))
    counts = dict.fromkeys(TRACKER_STATES, 0)
    for row in rows:
        counts[row.state] += 1
    if region:
        rows = [r for r in rows if r.region_code == region]
    if state in TRACKER_STATES:
        rows = [r for r in rows if r.state == state]
    return {"rows": rows, "counts": counts, "total": sum(counts.values())}


def calls_for_staff() -> QuerySet:
    return (Call.objects.select_related("notification")
            .annotate(submitted=Count("submissions", filter=Q(submissions__status=Submission.Status.SUBMITTED)),
                      drafts=Count("submissions", filter=Q(submissions__status=Submission.Status.DRAFT)))
            .order_by("-deadline"))


def call_reminder_targets(call: Call) -> list:
    """People to remind: those who may prepare for an eligible country or organisation that has not submitted."""
    User = get_user_model()
    done = Submission.objects.filter(call=call, status=Submission.Status.SUBMITTED)
    done_countries = set(done.exclude(country__isnull=True).values_list("country_id", flat=True))
    done_orgs = set(done.exclude(organisation__isnull=True).values_list("organisation_id", flat=True))
    ids: set[int] = set()
    if "country" in call_submits_as(call):
        conv = call.notification.convention
        ok = [None, conv.pk, conv.parent_id]
        ids.update(RoleAssignment.objects.active()
                   .filter(role="focal_point", country__region__isnull=False)
                   .filter(Q(convention__isnull=True) | Q(convention_id__in=[c for c in ok if c]))
                   .exclude(country_id__in=done_countries).values_list("user_id", flat=True))
    orgs = call_organisations(call).exclude(pk__in=done_orgs).values("pk")
    ids.update(OrganisationMembership.objects.filter(
        organisation_id__in=orgs, state=OrganisationMembership.State.APPROVED,
        role=OrganisationMembership.MemberRole.ADMINISTRATOR).values_list("user_id", flat=True))
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def submissions_public(call: Call) -> QuerySet:
    return (Submission.objects.filter(call=call, status=Submission.Status.SUBMITTED, published_at__isnull=False)
            .select_related("country", "organisation").prefetch_related("files").order_by("submitted_at"))


def calls_open_now() -> QuerySet:
    return Call.objects.filter(closed_at__isnull=True, notification__status=Notification.Status.PUBLISHED,
                               deadline__gte=timezone.now())


def can_see_staff(user) -> bool:
    return is_secretariat(user)
