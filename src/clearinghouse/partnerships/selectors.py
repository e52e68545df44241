"""Reads of the partnerships app: lists (bounded), the member directory, the gap matrix and its cells."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from clearinghouse.core.models import Country

from . import permissions as perms
from .engine.gaps import ANY_ELEMENT, GapActivity, GapNeed, gap_cells
from .models import Activity, Member, NeedStatus, OverlapSuggestion, Partnership, PartnershipNeed

#: Marketplace needs carry ecosystems, not elements: the ecosystems that say which element they are about.
ECOSYSTEM_ELEMENTS = {"marine-coastal": "marine_coastal", "inland-waters": "inland_waters",
                      "wetlands": "inland_waters", "forest": "terrestrial", "mountain": "terrestrial",
                      "dry-subhumid": "terrestrial"}


def partnerships_list():
    return Partnership.objects.annotate(
        n_members=Count("members", filter=Q(members__state=Member.State.ACTIVE), distinct=True)).order_by("kind", "name")


def partnership_by_slug(slug: str) -> Partnership:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Partnership.objects.prefetch_related("elements", "targets"), slug=slug)


def members_directory(partnership: Partnership, *, kind: str = "", country: str = "", level: str = "",
                      element: str = ""):
    qs = (partnership.members.filter(state=Member.State.ACTIVE)
          .select_related("organisation", "government")
          .prefetch_related("countries", "elements"))
    if kind in ("government",):
        qs = qs.filter(kind=Member.Kind.GOVERNMENT)
    elif kind:
        qs = qs.filter(organisation__kind=kind)
    if country:
        qs = qs.filter(countries__code=country)
    if level:
        qs = qs.filter(levels__contains=[level]) if _json_contains() else qs.filter(levels__icontains=f'"{level}"')
    if element:
        qs = qs.filter(elements__code=element)
    return qs.distinct().order_by("organisation__name", "government__name", "pk")


def _json_contains() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def activities_visible(partnership: Partnership, user):
    """Public activities (plus the user's own members' and, for coordinators, all) not withdrawn."""
    qs = partnership.activities.filter(withdrawn_at__isnull=True)
    if not perms.is_coordinator(user, partnership):
        mine = perms.acting_members(user, partnership).values("pk")
        qs = qs.filter(Q(is_public=True) | Q(member__in=mine))
    return qs


def activities_list(partnership: Partnership, user, *, country: str = "", element: str = "", support: str = "",
                    q: str = "", member: int | None = None):
    qs = activities_visible(partnership, user)
    if country:
        qs = qs.filter(countries__code=country)
    if element:
        qs = qs.filter(elements__code=element)
    if support:
        qs = qs.filter(support_types__code=support)
    if member:
        qs = qs.filter(member_id=member)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(public_id__iexact=q))
    return (qs.distinct().select_related("member__organisation", "member__government", "partnership")
            .prefetch_related("countries", "support_types", "elements").order_by("-created_at", "-pk"))


def public_activities_for_export(partnership: Partnership):
    return (partnership.activities.filter(is_public=True, withdrawn_at__isnull=True)
            .select_related("member__organisation", "member__government")
            .prefetch_related("countries", "support_types", "elements").order_by("public_id"))


# --- gap analysis ------------------------------------------------------------------------------------------------


def _year_range(start: dt.date, end: dt.date) -> tuple[int, int]:
    return start.year, end.year


def gap_inputs(partnership: Partnership, user=None) -> tuple[list[GapActivity], list[GapNeed]]:
    """The partnership's countable activities (public, not withdrawn, a confirmed duplicate counted once) and the
    needs stated for its targets (partnership needs, open marketplace needs the user may see), in a fixed number
    of queries."""
    from clearinghouse.matchmaking.models import Need, Visibility

    acts = partnership.activities.filter(is_public=True, withdrawn_at__isnull=True, duplicate_of__isnull=True)
    ids = acts.values("pk")
    elements: dict[int, list[str]] = defaultdict(list)
    for aid, code in Activity.elements.through.objects.filter(activity_id__in=ids).values_list(
            "activity_id", "targetelement__code"):
        elements[aid].append(code)
    countries: dict[int, list[str]] = defaultdict(list)
    for aid, cc in Activity.countries.through.objects.filter(activity_id__in=ids).values_list(
            "activity_id", "country_id"):
        countries[aid].append(cc)
    support: dict[int, list[str]] = defaultdict(list)
    for aid, code in Activity.support_types.through.objects.filter(activity_id__in=ids).values_list(
            "activity_id", "supporttype_id"):
        support[aid].append(code)
    activities = [GapActivity(id=pk, partner=member, elements=tuple(elements[pk]), countries=tuple(countries[pk]),
                              support=tuple(support[pk]), start_year=start.year, end_year=end.year)
                  for pk, member, start, end in acts.values_list("pk", "member_id", "start", "end")]
    needs: list[GapNeed] = []
    pneeds = partnership.needs.filter(status=NeedStatus.OPEN)
    pel: dict[int, list[str]] = defaultdict(list)
    for nid, code in PartnershipNeed.elements.through.objects.filter(partnershipneed__in=pneeds).values_list(
            "partnershipneed_id", "targetelement__code"):
        pel[nid].append(code)
    psu: dict[int, list[str]] = defaultdict(list)
    for nid, code in PartnershipNeed.support_types.through.objects.filter(partnershipneed__in=pneeds).values_list(
            "partnershipneed_id", "supporttype_id"):
        psu[nid].append(code)
    for pk, cc, created in pneeds.values_list("pk", "country_id", "created_at"):
        needs.append(GapNeed(id=f"p{pk}", country=cc, elements=tuple(pel[pk]), support=tuple(psu[pk]),
                             year=created.year))
    targets = list(partnership.targets.values_list("pk", flat=True))
    if targets:
        own = {e.code for e in partnership.elements.all()}
        mneeds = Need.objects.active().filter(targets__in=targets, country__isnull=False).distinct()
        if not (user is not None and user.is_authenticated):
            mneeds = mneeds.filter(visibility=Visibility.PUBLIC)
        msu: dict[int, list[str]] = defaultdict(list)
        for nid, code in Need.support_types.through.objects.filter(need__in=mneeds).values_list(
                "need_id", "supporttype_id"):
            msu[nid].append(code)
        mel: dict[int, set[str]] = defaultdict(set)
        for nid, eco in Need.ecosystems.through.objects.filter(need__in=mneeds).values_list("need_id",
                                                                                               "ecosystem_id"):
            if ECOSYSTEM_ELEMENTS.get(eco) in own:
                mel[nid].add(ECOSYSTEM_ELEMENTS[eco])
        for pk, cc, created in mneeds.values_list("pk", "country_id", "created_at"):
            needs.append(GapNeed(id=f"m{pk}", country=cc, elements=tuple(sorted(mel[pk])), support=tuple(msu[pk]),
                                 year=created.year))
    return activities, needs


def region_of() -> dict[str, str]:
    return dict(Country.objects.filter(region__isnull=False).values_list("code", "region_id"))


def gap_matrix(partnership: Partnership, user=None, *, geo: str = "country", support: str = "",
               year: int | None = None) -> dict:
    """What the gaps page shows: places (rows) x elements (columns), with totals and the gaps."""
    activities, needs = gap_inputs(partnership, user)
    cells = gap_cells(activities, needs, geo_of=region_of() if geo == "region" else None,
                      support=support or None, year=year)
    elements = [(e.code, e.local_name()) for e in partnership.elements.all()] + [(ANY_ELEMENT, None)]
    places = sorted({p for (_e, p) in cells}, key=lambda p: (-len(cells.get((ANY_ELEMENT, p)).activities)
                                                                if (ANY_ELEMENT, p) in cells else 0, p))
    years = sorted({y for a in activities for y in range(a.start_year, a.end_year + 1)})
    return {"cells": cells, "elements": elements, "places": places, "years": years,
            "gaps": sorted(((e, p) for (e, p), c in cells.items() if c.is_gap), key=lambda k: (k[1], k[0])),
            "n_activities": len(activities), "n_needs": len(needs)}


def gap_cell_detail(partnership: Partnership, user, *, element: str, place: str, geo: str = "country",
                    support: str = "", year: int | None = None) -> dict:
    """The activities and needs behind one cell (the same rules as ``gap_cells``)."""
    from clearinghouse.matchmaking.models import Need, Visibility

    acts = partnership.activities.filter(is_public=True, withdrawn_at__isnull=True, duplicate_of__isnull=True)
    pneeds = partnership.needs.filter(status=NeedStatus.OPEN)
    place_q = Q(countries__region_id=place) if geo == "region" else Q(countries__code=place)
    acts = acts.filter(place_q)
    pneeds = pneeds.filter(country__region_id=place) if geo == "region" else pneeds.filter(country_id=place)
    if element != ANY_ELEMENT:
        acts = acts.filter(elements__code=element)
        pneeds = pneeds.filter(elements__code=element)
    else:
        pneeds = pneeds.filter(elements__isnull=True)
    if support:
        acts = acts.filter(support_types__code=support)
        pneeds = pneeds.filter(Q(support_types__code=support) | Q(support_types__isnull=True))
    if year:
        acts = acts.filter(start__lte=dt.date(year, 12, 31), end__gte=dt.date(year, 1, 1))
        pneeds = pneeds.filter(created_at__year__lte=year)
    mneeds = Need.objects.none()
    targets = list(partnership.targets.values_list("pk", flat=True))
    if targets:
        mneeds = Need.objects.active().filter(targets__in=targets)
        mneeds = mneeds.filter(country__region_id=place) if geo == "region" else mneeds.filter(country_id=place)
        if not (user is not None and user.is_authenticated):
            mneeds = mneeds.filter(visibility=Visibility.PUBLIC)
        if support:
            mneeds = mneeds.filter(Q(support_types__code=support) | Q(support_types__isnull=True))
        if year:
            mneeds = mneeds.filter(created_at__year__lte=year)
        own = {e.code for e in partnership.elements.all()}
        ecos = [eco for eco, el in ECOSYSTEM_ELEMENTS.items() if el in own]
        if element != ANY_ELEMENT:
            mneeds = mneeds.filter(ecosystems__code__in=[eco for eco, el in ECOSYSTEM_ELEMENTS.items()
                                                         if el == element])
        else:
            mneeds = mneeds.exclude(ecosystems__code__in=ecos)
    return {
        "activities": acts.distinct().select_related("member__organisation", "member__government")
        .prefetch_related("countries").order_by("-start")[:200],
        "needs": pneeds.distinct().select_related("country")[:200],
        "market_needs": mneeds.distinct().select_related("country")[:200],
    }


def needs_unmatched(partnership: Partnership, user=None, *, months: int = 6):
    """Open needs stated more than ``months`` ago with no current activity in their country for their element
    (any element if they name none) and kind of support."""
    activities, needs = gap_inputs(partnership, user)
    cutoff = timezone.now() - dt.timedelta(days=round(months * 30.44))
    this_year = timezone.now().year
    covered: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in activities:
        if a.end_year < this_year:
            continue
        for c in a.countries:
            for e in (*a.elements, ANY_ELEMENT):
                covered[(c, e)].update(a.support)
    unmatched = []
    for n in needs:
        supports = covered.get((n.country, ANY_ELEMENT), set()) if not n.elements else set().union(
            *(covered.get((n.country, e), set()) for e in n.elements))
        if not supports or (n.support and not supports & set(n.support)):
            unmatched.append(n.id)
    pids = [int(i[1:]) for i in unmatched if i.startswith("p")]
    mids = [int(i[1:]) for i in unmatched if i.startswith("m")]
    from clearinghouse.matchmaking.models import Need

    return {
        "needs": PartnershipNeed.objects.filter(pk__in=pids, created_at__lte=cutoff).select_related("country")
        .prefetch_related("support_types", "elements").order_by("created_at")[:200],
        "market_needs": Need.objects.filter(pk__in=mids, created_at__lte=cutoff).select_related("country")
        .prefetch_related("support_types").order_by("created_at")[:200],
        "months": months,
    }


def overlap_queue(partnership: Partnership, *, state: str = OverlapSuggestion.State.OPEN):
    return (partnership.overlaps.filter(state=state)
            .select_related("a__member__organisation", "a__member__government", "b__member__organisation",
                            "b__member__government", "decided_by")
            .prefetch_related("a__countries", "b__countries").order_by("-score", "pk"))
