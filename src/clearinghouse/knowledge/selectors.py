"""Reads of knowledge records. Public lists come from published snapshots."""

from __future__ import annotations

from django.db.models import Q

from clearinghouse.accounts.permissions import acting_countries, is_focal_point, is_secretariat

from .models import Record, RecordKind, RecordRevision, Status, Visibility


def published(user=None):
    qs = Record.objects.filter(revision__gt=0).exclude(status=Status.ARCHIVED)
    if user is None or not user.is_authenticated:
        return qs.filter(visibility=Visibility.PUBLIC)
    if is_secretariat(user):
        return qs
    return qs.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.REGISTERED])
        | Q(community_id=user.organisation_id, community__isnull=False)
        | Q(restricted_to=user)
        | Q(owner=user)
    ).distinct()


def live_revision(record: Record) -> RecordRevision | None:
    if record.revision == 0:
        return None
    return RecordRevision.objects.filter(record=record, revision=record.revision).first()


def records_latest(*, user, limit: int = 6) -> list[dict]:
    qs = published(user).select_related("country").order_by("-published_at")[:limit]
    revs = {(r.record_id, r.revision): r for r in RecordRevision.objects.filter(
        record__in=[r.pk for r in qs]).only("record_id", "revision", "data")}
    out = []
    for record in qs:
        rev = revs.get((record.pk, record.revision))
        out.append({"record": record, "data": rev.data if rev else {}})
    return out


def records_for_country(*, country, user, limit: int = 20):
    return (published(user).filter(Q(country=country) | Q(countries=country)).distinct()
            .select_related("country").order_by("-published_at")[:limit])


def home_stats() -> dict:
    from django.db.models import Count

    base = Record.objects.filter(revision__gt=0).exclude(status=Status.ARCHIVED)
    by_kind = dict(base.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return {
        "records": sum(by_kind.values()),
        "good_practices": by_kind.get(RecordKind.GOOD_PRACTICE, 0),
        "experts": by_kind.get(RecordKind.EXPERT, 0),
        "tools": by_kind.get(RecordKind.TOOL, 0),
        "countries": base.exclude(country__isnull=True).values("country").distinct().count(),
    }


def review_queue_for(user):
    """Submitted records this user may publish."""
    qs = Record.objects.filter(status=Status.SUBMITTED).select_related("owner", "country")
    if is_secretariat(user):
        return qs.order_by("submitted_at")
    from clearinghouse.accounts.permissions import focal_point_countries

    return qs.filter(country__in=focal_point_countries(user)).order_by("submitted_at")


def drafts_for(user):
    """Working copies the user can edit: own, and their countries'."""
    countries = acting_countries(user)
    return (Record.objects.filter(Q(owner=user) | Q(country__in=countries))
            .exclude(status=Status.ARCHIVED).filter(has_unpublished_changes=True)
            .select_related("country").order_by("-updated_at"))


__all__ = ["published", "live_revision", "records_latest", "records_for_country", "home_stats",
           "review_queue_for", "drafts_for", "is_focal_point"]
