"""Reads of knowledge records. Public lists come from published snapshots."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.permissions import acting_countries, is_focal_point, is_secretariat

from .kinds import ID_RE
from .models import KIND_PREFIX, Record, RecordEvent, RecordKind, RecordRevision, Status, Visibility


def published(user=None):
    """Records whose published revision the user may see. Who may see it comes from what was published
    (``live_*``), never from the working copy."""
    from clearinghouse.accounts.permissions import member_organisation_ids

    qs = Record.objects.filter(revision__gt=0).exclude(status=Status.ARCHIVED)
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.filter(live_visibility=Visibility.PUBLIC)
    if is_secretariat(user):
        return qs
    restricted = Q(live_restricted_to=user) | Q(owner=user)
    if user.email_confirmed_at:
        restricted |= Q(pending_readers__live=True, pending_readers__email=(user.email or "").lower())
    countries = acting_countries(user)
    if countries:
        restricted |= Q(country_id__in=countries)  # those who work on the records of their country
    orgs = member_organisation_ids(user)
    if orgs:
        restricted |= Q(live_community_id__in=orgs)
    visible = qs.filter(live_visibility__in=[Visibility.PUBLIC, Visibility.REGISTERED]).values("pk")
    chosen = qs.filter(restricted).values("pk")
    return qs.filter(Q(pk__in=visible) | Q(pk__in=chosen))


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


# --- identifiers -------------------------------------------------------------

PREFIX_KIND = {prefix: kind for kind, prefix in KIND_PREFIX.items()}


def parse_identifier(identifier: str) -> tuple[str, str | None, int, int | None] | None:
    """``CHM-GP-KE-00042-2`` -> (kind, country or None for SCBD, number, pinned revision or None)."""
    match = ID_RE.match((identifier or "").strip().upper())
    if not match or match.group(1) not in PREFIX_KIND:
        return None
    prefix, country, number, revision = match.groups()
    return (PREFIX_KIND[prefix], None if country == "SCBD" else country, int(number),
            int(revision) if revision else None)


def record_by_identifier(identifier: str, *, queryset=None) -> tuple[Record | None, int | None]:
    parsed = parse_identifier(identifier)
    if parsed is None:
        return None, None
    kind, country, number, revision = parsed
    qs = queryset if queryset is not None else Record.objects.all()
    record = qs.filter(kind=kind, country_id=country, number=number).select_related("country").first()
    return record, revision


def records_by_identifiers(identifiers: list[str]) -> dict[str, tuple[Record | None, int | None]]:
    """Resolve several ids in one query: {id: (record or None, pinned revision or None)}."""
    parsed = {i: parse_identifier(i) for i in identifiers}
    q = Q(pk__in=[])
    for p in parsed.values():
        if p:
            q |= Q(kind=p[0], country_id=p[1], number=p[2])
    found = {(r.kind, r.country_id, r.number): r for r in Record.objects.filter(q)} if any(parsed.values()) else {}
    return {i: ((found.get(p[:3]), p[3]) if p else (None, None)) for i, p in parsed.items()}


def references_for(data: dict, user) -> list[dict]:
    """The records a snapshot refers to, with a link and title where the viewer may see them."""
    refs = list((data.get("details") or {}).get("references") or [])
    if not refs:
        return []
    found = records_by_identifiers(refs)
    visible = set(published(user).filter(pk__in=[r.pk for r, _ in found.values() if r]).values_list("pk", flat=True))
    out = []
    for ref in refs:
        record, pinned = found.get(ref, (None, None))
        if record is None or record.pk not in visible:
            out.append({"identifier": ref, "url": None, "title": ""})
            continue
        url = record.get_absolute_url()
        if pinned:
            url = reverse("knowledge:revision", kwargs={"identifier": record.base_id, "number": pinned})
        out.append({"identifier": ref, "url": url, "title": record.tr("title")})
    return out


# --- published content ---------------------------------------------------------

def published_page(*, user, kind: str | None = None, country: str | None = None, target: str | None = None,
                   page: int | str = 1, per_page: int = 20):
    """A page of published records, newest first, each with its live snapshot: [{"record", "data"}]."""
    qs = published(user).select_related("country").order_by("-published_at", "-pk")
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(Q(country_id=country.upper()) | Q(countries=country.upper())).distinct()
    if target:
        fw, _sep, num = target.upper().partition("-")
        if num.isdigit():
            qs = qs.filter(targets__framework=fw, targets__number=int(num)).distinct()
    paginator = Paginator(qs, per_page)
    page_obj = paginator.get_page(page)
    records = list(page_obj.object_list)
    revs = {(r.record_id, r.revision): r.data for r in RecordRevision.objects.filter(
        record__in=[r.pk for r in records]).only("record_id", "revision", "data")}
    page_obj.items = [{"record": r, "data": revs.get((r.pk, r.revision), {})} for r in records]
    return page_obj


def revisions_of(record: Record):
    return (RecordRevision.objects.filter(record=record).select_related("published_by")
            .defer("data").order_by("-revision"))


def revision_get(record: Record, number: int) -> RecordRevision | None:
    return RecordRevision.objects.filter(record=record, revision=number).select_related("published_by").first()


def snapshot_languages(data: dict) -> list[str]:
    original = data.get("language") or "en"
    return [original] + sorted(k for k, v in (data.get("translations") or {}).items()
                               if k != original and v and v.get("title"))


def snapshot_text(data: dict, field: str, lang: str | None) -> str:
    """A text field of a snapshot in ``lang`` if translated, else the original."""
    if lang and lang != data.get("language"):
        value = ((data.get("translations") or {}).get(lang) or {}).get(field)
        if value:
            return value
    return data.get(field) or ""


def snapshot_text_language(data: dict, field: str, lang: str | None) -> str:
    """The language of what ``snapshot_text`` shows for these arguments (to mark it in the page)."""
    if lang and lang != data.get("language"):
        if ((data.get("translations") or {}).get(lang) or {}).get(field):
            return lang
    return data.get("language") or ""


def snapshot_labels(data: dict) -> dict[str, list]:
    """Display labels for the vocabularies a snapshot names (a few small queries)."""
    from clearinghouse.core.models import (
        ECOSYSTEM_NAMES,
        REGION_NAMES,
        SUPPORT_TYPE_NAMES,
        Country,
        Target,
        Topic,
    )

    out: dict[str, list] = {}
    codes = data.get("countries") or []
    out["countries"] = list(Country.objects.filter(code__in=codes)) if codes else []
    targets = data.get("targets") or []
    if targets:
        q = Q(pk__in=[])
        for code in targets:
            fw, _sep, num = code.partition("-")
            if num.isdigit():
                q |= Q(framework=fw, number=int(num))
        out["targets"] = list(Target.objects.filter(q))
    else:
        out["targets"] = []
    slugs = data.get("topics") or []
    out["topics"] = list(Topic.objects.filter(slug__in=slugs)) if slugs else []
    out["regions"] = [REGION_NAMES.get(c, c) for c in data.get("regions") or []]
    out["ecosystems"] = [ECOSYSTEM_NAMES.get(c, c) for c in data.get("ecosystems") or []]
    out["support_types"] = [SUPPORT_TYPE_NAMES.get(c, c) for c in data.get("support_types") or []]
    out["conventions"] = list(data.get("conventions") or [])
    return out


# --- working copies ---------------------------------------------------------------

def record_history(record: Record):
    return RecordEvent.objects.filter(record=record).select_related("actor").order_by("-created_at", "-pk")


def attachments_of(record: Record):
    return record.attachments.filter(removed_at__isnull=True).select_related("uploaded_by")


def share_links_of(record: Record):
    return record.share_links.filter(revoked_at__isnull=True).order_by("-created_at")


def requestable_drafts_for(user):
    """Drafts the user may put in a publishing request: their countries', not yet submitted."""
    countries = acting_countries(user)
    return (Record.objects.filter(country__in=countries, status=Status.DRAFT)
            .select_related("country", "owner").order_by("country_id", "-updated_at"))


# --- diffs -------------------------------------------------------------------------

DIFF_FIELDS = ("title", "summary", "body", "language", "countries", "regions", "targets", "conventions", "topics",
               "ecosystems", "support_types", "start_date", "end_date", "url", "contact", "details",
               "translations", "visibility", "consent_statement", "attachments")


def _as_text(value) -> str:
    import json

    if value in (None, "", [], {}):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if isinstance(value, list) and all(isinstance(v, dict) and "name" in v for v in value):
        return "\n".join(v["name"] for v in value)
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def _inline_diff(old: str, new: str) -> str:
    import difflib

    from django.utils.html import escape

    a, b = re.findall(r"\s+|[^\s]+", old), re.findall(r"\s+|[^\s]+", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def revisions_diff(old: dict, new: dict) -> list[dict]:
    """Field-by-field differences between two snapshots: [{"field", "label", "html"}] (escaped, with ins/del)."""
    from django.utils.safestring import mark_safe

    from .models import Record as _R

    labels = {f.name: f.verbose_name for f in _R._meta.get_fields() if hasattr(f, "verbose_name")}
    labels["attachments"] = _("attachments")
    out = []
    for name in DIFF_FIELDS:
        a, b = _as_text(old.get(name)), _as_text(new.get(name))
        if a != b:
            out.append({"field": name, "label": labels.get(name, name), "html": mark_safe(_inline_diff(a, b))})  # noqa: S308
    return out


__all__ = ["published", "live_revision", "records_latest", "records_for_country", "home_stats",
           "review_queue_for", "drafts_for", "is_focal_point", "parse_identifier", "record_by_identifier",
           "records_by_identifiers", "references_for", "published_page", "revisions_of", "revision_get",
           "snapshot_text", "snapshot_languages", "snapshot_labels", "record_history", "attachments_of",
           "share_links_of", "requestable_drafts_for", "revisions_diff"]


def access_log_for_community(organisation, *, page: int | str = 1, per_page: int = 50):
    """Views of the community's restricted records, newest first."""
    from .models import RecordAccess

    qs = (RecordAccess.objects.filter(community=organisation).select_related("record", "record__country", "user")
          .order_by("-at", "-pk"))
    return Paginator(qs, per_page).get_page(page)
