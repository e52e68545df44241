"""Reads of the marketplace. Lists are bounded; callers paginate."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, Min, Prefetch, Q
from django.utils import timezone

from clearinghouse.accounts.permissions import acting_countries, focal_point_countries, is_secretariat

from . import permissions as perms
from .explain import render_reason
from .models import (
    Collaboration,
    CollaborationParty,
    Introduction,
    MatchSuggestion,
    Milestone,
    Need,
    Offer,
    PostStatus,
    ProviderProfile,
    SavedSearch,
    Visibility,
    Workshop,
)

FACETS = ("target", "region", "support", "language", "country")


def visible(model, user):
    """Active posts the user may see."""
    qs = model.objects.active()
    if not (user and user.is_authenticated):
        qs = qs.filter(visibility=Visibility.PUBLIC)
    return qs


def _filtered(qs, *, query: str = "", filters: dict | None = None):
    filters = filters or {}
    if query:
        for word in query.split()[:8]:
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    for value in filters.get("target") or []:
        fw, _s, num = str(value).partition("-")
        if num.isdigit():
            qs = qs.filter(targets__framework=fw.upper(), targets__number=int(num))
    if filters.get("region"):
        qs = qs.filter(region_id__in=filters["region"])
    if filters.get("country"):
        qs = qs.filter(country_id__in=[c.upper() for c in filters["country"]])
    for value in filters.get("support") or []:
        qs = qs.filter(support_types__code=value)
    if filters.get("language"):
        qs = qs.filter(language__in=filters["language"])
    return qs.distinct()


def posts_list(*, kind: str, user, query: str = "", filters: dict | None = None):
    model = Need if kind == "need" else Offer
    return (_filtered(visible(model, user), query=query, filters=filters)
            .select_related("country", "region", "owner").prefetch_related("targets", "support_types")
            .order_by("-created_at"))


def facet_counts(*, kind: str, user, query: str = "", filters: dict | None = None) -> dict[str, list[tuple]]:
    """Counts per facet value for the current search (each facet ignores its own selection)."""
    from clearinghouse.core.models import SUPPORT_TYPE_NAMES, Region, Target

    model = Need if kind == "need" else Offer
    out: dict[str, list[tuple]] = {}
    filters = filters or {}

    def base(skip: str):
        return _filtered(visible(model, user), query=query, filters={k: v for k, v in filters.items() if k != skip})

    ids = base("target").values("pk")
    through = model.targets.through
    rows = (through.objects.filter(**{f"{kind}_id__in": ids}).values("target__framework", "target__number")
            .annotate(n=Count("pk")).order_by("-n")[:23])
    out["target"] = [(f"{r['target__framework']}-{r['target__number']}",
                      str(Target(framework=r["target__framework"], number=r["target__number"])), r["n"]) for r in rows]
    names = {r.code: str(r) for r in Region.objects.all()}
    rows = base("region").exclude(region__isnull=True).values("region_id").annotate(n=Count("pk")).order_by("-n")
    out["region"] = [(r["region_id"], names.get(r["region_id"], r["region_id"]), r["n"]) for r in rows]
    through = model.support_types.through
    rows = (through.objects.filter(**{f"{kind}_id__in": base("support").values("pk")}).values("supporttype_id")
            .annotate(n=Count("pk")).order_by("-n"))
    out["support"] = [(r["supporttype_id"], str(SUPPORT_TYPE_NAMES.get(r["supporttype_id"], r["supporttype_id"])),
                       r["n"]) for r in rows]
    from django.conf import settings

    lang_names = dict(settings.CONTENT_LANGUAGES)
    rows = base("language").values("language").annotate(n=Count("pk")).order_by("-n")
    out["language"] = [(r["language"], str(lang_names.get(r["language"], r["language"])), r["n"]) for r in rows]
    return out


def post_matches_filters(post, *, query: str = "", filters: dict | None = None) -> bool:
    """Whether one post fits a saved search (used by alerts)."""
    model = type(post)
    return _filtered(model.objects.filter(pk=post.pk), query=query, filters=filters).exists()


def post_by_public_id(kind: str, public_id: str):
    """``CHM-NEED-KE-00012`` → the need, or None."""
    model = Need if kind == "need" else Offer
    parts = (public_id or "").upper().split("-")
    if len(parts) != 4 or parts[0] != "CHM" or parts[1] != kind.upper() or not parts[3].isdigit():
        return None
    country = None if parts[2] == "XX" else parts[2]
    return (model.objects.filter(country_id=country, number=int(parts[3]))
            .select_related("country", "region", "owner__provider_profile__organisation", "organisation",
                            "workshop")
            .prefetch_related("targets", "support_types", "ecosystems").first())


def _with_text(suggestions):
    for s in suggestions:
        s.reason_texts = [render_reason(r) for r in (s.reasons or [])]
        s.unmet_texts = [render_reason(r) for r in (s.unmet or [])]
    return suggestions


#: Statuses in which a post shows no suggestion: it found its partner or was closed.
SETTLED_STATUSES = (PostStatus.MATCHED, PostStatus.CLOSED)


def suggestions_for_post(post, *, user, limit: int = 10) -> list[MatchSuggestion]:
    """Stored suggestions of a need (offers) or an offer (needs), visible to the user, best first.

    None for a post that is matched or closed: its page shows the collaboration instead.
    """
    if post.status in SETTLED_STATUSES:
        return []
    if post.KIND == "need":
        other_model, other = Offer, "offer"
        qs = MatchSuggestion.objects.filter(need=post)
    else:
        other_model, other = Need, "need"
        qs = MatchSuggestion.objects.filter(offer=post)
    qs = (qs.filter(**{f"{other}__in": visible(other_model, user)})
          .select_related(f"{other}__country", f"{other}__owner").order_by("-score")[:limit])
    return _with_text(list(qs))


def provider_profiles():
    """Profiles of active accounts, newest first, ready to show (callers paginate)."""
    return (ProviderProfile.objects.filter(user__is_active=True)
            .select_related("user__country", "organisation").prefetch_related("support_types", "targets"))


def provider_profile(pk: int) -> ProviderProfile | None:
    return provider_profiles().filter(pk=pk).first()


def provider_profile_of(user) -> ProviderProfile | None:
    if not (user and user.is_authenticated):
        return None
    return provider_profiles().filter(user=user).first()


def offers_of_provider(profile: ProviderProfile, *, user, limit: int = 20) -> list[Offer]:
    """The provider's open offers the viewer may see, newest first."""
    return list(visible(Offer, user).filter(owner_id=profile.user_id).select_related("country")
                .order_by("-created_at")[:limit])


def introductions_for(user):
    return (Introduction.objects.filter(Q(requester=user) | Q(recipient=user))
            .select_related("requester", "recipient", "need__country", "offer__country").order_by("-created_at"))


def introduction_between(need, offer, user) -> Introduction | None:
    if not (user and user.is_authenticated):
        return None
    return (Introduction.objects.filter(need=need, offer=offer).filter(Q(requester=user) | Q(recipient=user))
            .order_by("-created_at").first())


def collaborations_of_post(post, *, user) -> list[Collaboration]:
    """The collaborations a need or an offer led to, each marked with what the viewer may open:
    ``viewer_is_party`` (the private page) and ``is_public`` (the public summary every party agreed to)."""
    collabs = list(Collaboration.objects.filter(**{post.KIND: post}).order_by("-created_at")
                   .prefetch_related(Prefetch("parties", queryset=CollaborationParty.objects.select_related(
                       "country")))[:10])
    for c in collabs:
        c.viewer_may_open = perms.can_view_collaboration(user, c)
        c.is_public = perms.can_view_public_summary(user, c)
    return collabs


def collaborations_for(user):
    return (Collaboration.objects.filter(parties__user=user).distinct()
            .prefetch_related(Prefetch("parties", queryset=CollaborationParty.objects.select_related("user")))
            .order_by("-created_at"))


def collaboration_detail(pk: int) -> Collaboration | None:
    return (Collaboration.objects.filter(pk=pk)
            .prefetch_related(Prefetch("parties", queryset=CollaborationParty.objects.select_related("user",
                                                                                                    "country")),
                              Prefetch("milestones", queryset=Milestone.objects.select_related("responsible__user")))
            .select_related("need", "offer").first())


def my_posts(user):
    """Needs and offers the user can manage: own, and as focal point their country's."""
    fp = focal_point_countries(user)
    cond = Q(owner=user) | Q(country__in=fp)
    needs = Need.objects.filter(cond).select_related("country").order_by("-created_at")[:50]
    offers = Offer.objects.filter(cond).select_related("country").order_by("-created_at")[:50]
    return list(needs), list(offers)


def posts_for_country(*, country, user, limit: int = 20) -> dict:
    """The country's open needs and offers (for the country page)."""
    code = getattr(country, "pk", country)
    needs = list(visible(Need, user).filter(country_id=code).select_related("country").order_by("-created_at")[:limit])
    offers = list(visible(Offer, user).filter(country_id=code).select_related("country")
                  .order_by("-created_at")[:limit])
    return {"needs": needs, "offers": offers}


def workshops_for(user):
    if is_secretariat(user):
        return Workshop.objects.all()[:50]
    return Workshop.objects.filter(Q(facilitator=user) | Q(memberships__user=user)).distinct()[:50]


def workshop_wall(workshop: Workshop) -> dict:
    needs = list(Need.objects.filter(workshop=workshop, withdrawn_at__isnull=True).select_related("country")
                 .order_by("country_id", "pk"))
    offers = list(Offer.objects.filter(workshop=workshop, withdrawn_at__isnull=True).select_related("country")
                  .order_by("country_id", "pk"))
    matches = _with_text(list(
        MatchSuggestion.objects.filter(need__workshop=workshop, offer__workshop=workshop)
        .select_related("need__country", "offer__country").order_by("-score")[:300]))
    matches_by_need: dict[int, list] = {}
    for m in matches:
        matches_by_need.setdefault(m.need_id, []).append(m)
    for n in needs:
        n.wall_matches = matches_by_need.get(n.pk, [])[:5]
    return {"needs": needs, "offers": offers, "matches": matches}


def saved_searches_for(user):
    return SavedSearch.objects.filter(user=user).select_related("need")


def metrics() -> dict:
    """Dashboard figures. They feed the gap analysis of partnerships later."""
    from clearinghouse.core.models import Region

    now = timezone.now()
    open_needs = Need.objects.active()
    by_target = (Need.targets.through.objects.filter(need_id__in=open_needs.values("pk"))
                 .values("target__framework", "target__number").annotate(n=Count("pk"))
                 .order_by("target__framework", "target__number"))
    names = {r.code: str(r) for r in Region.objects.all()}
    by_region = [(names.get(r["region_id"], r["region_id"] or "—"), r["n"])
                 for r in open_needs.values("region_id").annotate(n=Count("pk")).order_by("-n")]
    accepted = Introduction.objects.filter(status=Introduction.Status.ACCEPTED)
    first_match = (accepted.values("need_id").annotate(first=Min("decided_at")))
    created = dict(Need.objects.filter(pk__in=[r["need_id"] for r in first_match]).values_list("pk", "created_at"))
    delays = sorted((r["first"] - created[r["need_id"]]).total_seconds() / 86400 for r in first_match
                    if r["need_id"] in created and r["first"])
    median = delays[len(delays) // 2] if delays else None
    matched_needs = set(accepted.values_list("need_id", flat=True))
    stale = open_needs.filter(created_at__lte=now - dt.timedelta(days=90)).exclude(pk__in=matched_needs)
    return {
        "open_needs": open_needs.count(),
        "open_offers": Offer.objects.active().count(),
        "by_target": [(f"{r['target__framework']} {r['target__number']}", r["n"]) for r in by_target],
        "by_region": by_region,
        "suggestions": MatchSuggestion.objects.count(),
        "introductions": Introduction.objects.count(),
        "matches_made": accepted.count(),
        "collaborations": Collaboration.objects.count(),
        "median_days_to_first_match": round(median, 1) if median is not None else None,
        "unmatched_after_90_days": stale.count(),
        "statuses": Counter(dict(Need.objects.values_list("status").annotate(n=Count("pk")))),
    }


__all__ = ["posts_list", "facet_counts", "post_by_public_id", "suggestions_for_post", "posts_for_country",
           "workshop_wall", "metrics", "perms", "acting_countries", "PostStatus"]
