"""Marketplace API at /api/v1/marketplace/: the same services as the pages.

Reads are public (within visibility); writes need a personal token. Contacts appear only in
an accepted introduction, to its two parties.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status

from clearinghouse.api.errors import service_error as _error
from clearinghouse.api.errors import writer_required as _writer
from clearinghouse.core.errors import Conflict

from . import permissions as perms
from . import selectors, services
from .models import Collaboration, Introduction, Milestone, Need, Offer

router = Router(tags=["marketplace"])


class MarketplaceErrorOut(Schema):  # not ErrorOut: records have one (one schema per name)
    detail: str | list[dict] = Field(description="A message; for a malformed request, the list of problems")
    errors: dict[str, list[str]] | None = None


DbId = Annotated[int, Field(ge=1, le=2**63 - 1)]  # a larger id is a 422, not a database overflow
ERRORS = {401: MarketplaceErrorOut, 403: MarketplaceErrorOut, 404: MarketplaceErrorOut, 409: MarketplaceErrorOut,
          422: MarketplaceErrorOut}


class PostOut(Schema):
    id: str
    kind: str
    title: str
    description: str
    language: str
    country: str | None
    region: str | None
    targets: list[str]
    support_types: list[str]
    ecosystems: list[str]
    status: str
    expires_at: dt.datetime | None
    url: str
    created_at: dt.datetime


class PostPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[PostOut]


class PostIn(Schema):
    title: str
    description: str
    language: str = "en"
    country: str | None = None
    targets: list[str] = []
    support_types: list[str] = []
    support_text: str = ""
    ecosystems: list[str] = []
    delivery_languages: list[str] = []
    timing: str = ""
    expires_at: dt.datetime | None = None
    visibility: str = "public"
    # need
    problem: str | None = None
    objectives: str | None = None
    priorities: str | None = None
    geographic_coverage: str | None = None
    cofinancing: str | None = None
    existing_initiatives: str | None = None
    # offer
    eligibility: str | None = None
    beneficiaries: str | None = None
    application_process: str | None = None
    deadline: dt.date | None = None


class PostPatch(Schema):
    title: str | None = None
    description: str | None = None
    language: str | None = None
    targets: list[str] | None = None
    support_types: list[str] | None = None
    support_text: str | None = None
    ecosystems: list[str] | None = None
    timing: str | None = None
    expires_at: dt.datetime | None = None
    visibility: str | None = None


class ReasonOut(Schema):
    code: str
    params: dict
    text: str


class SuggestionOut(Schema):
    need: str
    offer: str
    title: str
    score: float
    reasons: list[ReasonOut]
    unmet: list[ReasonOut]
    computed_at: dt.datetime


class IntroductionIn(Schema):
    need: str
    offer: str
    message: str = ""


class DecisionIn(Schema):
    message: str = ""


class ContactOut(Schema):
    name: str
    email: str
    organisation: str
    country: str


class IntroductionOut(Schema):
    id: int
    need: str
    offer: str
    status: str
    requested_by_me: bool
    created_at: dt.datetime
    decided_at: dt.datetime | None
    contact: ContactOut | None = None


class CollaborationIn(Schema):
    introduction: int
    title: str
    objectives: str = ""
    activities: str = ""


class MilestoneIn(Schema):
    title: str
    due_date: dt.date
    resources: str = ""


class MilestoneOut(Schema):
    id: int
    title: str
    due_date: dt.date
    done: bool


class CollaborationOut(Schema):
    id: str
    pk: int
    title: str
    status: str
    objectives: str
    activities: str
    parties: list[dict]
    milestones: list[MilestoneOut]


class ProviderOut(Schema):
    id: int
    name: str
    organisation: str | None
    country: str | None
    language: str
    areas: str
    expertise: str
    recent_experience: str
    support_types: list[str]
    targets: list[str]
    offers: list[str]
    url: str
    updated_at: dt.datetime


class ProviderPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ProviderOut]


# --- helpers -------------------------------------------------------------------






def _post_out(p) -> dict:
    return {
        "id": p.public_id, "kind": p.KIND, "title": p.title, "description": p.description, "language": p.language,
        "country": p.country_id, "region": p.region_id, "targets": [t.code for t in p.targets.all()],
        "support_types": [s.pk for s in p.support_types.all()], "ecosystems": [e.pk for e in p.ecosystems.all()],
        "status": p.status, "expires_at": p.expires_at, "url": settings.SITE_URL + p.get_absolute_url(),
        "created_at": p.created_at,
    }


def _get(kind: str, public_id: str, user):
    post = selectors.post_by_public_id(kind, public_id)
    if post is None or not perms.can_view_post(user, post):
        return None
    return post


def _intro_out(intro: Introduction, user) -> dict:
    contact = None
    if perms.can_see_contacts(user, intro):
        other = intro.recipient if user.pk == intro.requester_id else intro.requester
        contact = services.contact_of(other)
    return {"id": intro.pk, "need": intro.need.public_id, "offer": intro.offer.public_id, "status": intro.status,
            "requested_by_me": intro.requester_id == user.pk, "created_at": intro.created_at,
            "decided_at": intro.decided_at, "contact": contact}


def _collab_out(c: Collaboration) -> dict:
    return {"id": c.public_id, "pk": c.pk, "title": c.title, "status": c.status, "objectives": c.objectives,
            "activities": c.activities,
            "parties": [{"name": str(p.user), "role": p.role, "country": p.country_id} for p in c.parties.all()],
            "milestones": [{"id": m.pk, "title": m.title, "due_date": m.due_date, "done": m.done_at is not None}
                           for m in c.milestones.all()]}


def _list(kind: str, request, q: str, target: str | None, region: str | None, support: str | None, page: int):
    filters = {k: [v] for k, v in (("target", target), ("region", region), ("support", support)) if v}
    qs = selectors.posts_list(kind=kind, user=request.user, query=q, filters=filters)
    p = Paginator(qs, settings.NINJA_PAGINATION_PER_PAGE).get_page(page)
    return {"count": p.paginator.count, "page": p.number, "pages": p.paginator.num_pages,
            "results": [_post_out(x) for x in p.object_list]}


def _create(kind: str, request, payload: PostIn):
    if (denied := _writer(request)) is not None:
        return denied
    data = payload.dict()
    country = data.pop("country")
    keep = services.COMMON_FIELDS + (services.NEED_FIELDS if kind == "need" else services.OFFER_FIELDS) + (
        "targets", "support_types", "ecosystems")
    data = {k: v for k, v in data.items() if k in keep and v is not None}
    try:
        post = services.post_create(actor=request.user, kind=kind, data=data, country=country)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(201, _post_out(post))


def _update(kind: str, request, public_id: str, payload: PostPatch):
    if (denied := _writer(request)) is not None:
        return denied
    post = _get(kind, public_id, request.user)
    if post is None:
        return Status(404, {"detail": _("Nothing has this id.")})
    try:
        post = services.post_update(actor=request.user, post=post, data=payload.dict(exclude_unset=True))
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(200, _post_out(post))


def _suggestions(kind: str, request, public_id: str):
    post = _get(kind, public_id, request.user)
    if post is None:
        return Status(404, {"detail": _("Nothing has this id.")})
    out = []
    for s in selectors.suggestions_for_post(post, user=request.user, limit=20):
        other = s.offer if kind == "need" else s.need
        out.append({"need": (post if kind == "need" else other).public_id,
                    "offer": (other if kind == "need" else post).public_id, "title": other.title,
                    "score": round(s.score, 4), "computed_at": s.computed_at,
                    "reasons": [{"code": r.get("code", ""), "params": r.get("params") or {}, "text": t}
                                for r, t in zip(s.reasons, s.reason_texts, strict=False)],
                    "unmet": [{"code": r.get("code", ""), "params": r.get("params") or {}, "text": t}
                              for r, t in zip(s.unmet, s.unmet_texts, strict=False)]})
    return Status(200, out)


# --- needs and offers -----------------------------------------------------------------


@router.get("/needs", response=PostPageOut, summary="Open needs")
def need_list(request, q: str = "", target: str | None = None, region: str | None = None,
              support: str | None = None, page: int = 1):
    return _list("need", request, q, target, region, support, page)


@router.get("/offers", response=PostPageOut, summary="Open offers")
def offer_list(request, q: str = "", target: str | None = None, region: str | None = None,
               support: str | None = None, page: int = 1):
    return _list("offer", request, q, target, region, support, page)


@router.get("/needs/{public_id}", response={200: PostOut, **ERRORS},
            summary="One need")
def need_retrieve(request, public_id: str):
    post = _get("need", public_id, request.user)
    return Status(200, _post_out(post)) if post else Status(404, {"detail": _("Nothing has this id.")})


@router.get("/offers/{public_id}", response={200: PostOut, **ERRORS},
            summary="One offer")
def offer_retrieve(request, public_id: str):
    post = _get("offer", public_id, request.user)
    return Status(200, _post_out(post)) if post else Status(404, {"detail": _("Nothing has this id.")})


@router.post("/needs", response={201: PostOut, **ERRORS}, summary="Post a need")
def need_create(request, payload: PostIn):
    return _create("need", request, payload)


@router.post("/offers", response={201: PostOut, **ERRORS}, summary="Post an offer")
def offer_create(request, payload: PostIn):
    return _create("offer", request, payload)


@router.patch("/needs/{public_id}", response={200: PostOut, **ERRORS},
              summary="Change a need you posted")
def need_update(request, public_id: str, payload: PostPatch):
    return _update("need", request, public_id, payload)


@router.patch("/offers/{public_id}", response={200: PostOut, **ERRORS},
              summary="Change an offer you posted")
def offer_update(request, public_id: str, payload: PostPatch):
    return _update("offer", request, public_id, payload)


@router.get("/needs/{public_id}/suggestions", response={200: list[SuggestionOut], **ERRORS},
            summary="Offers suggested for a need, with reasons")
def need_suggestions(request, public_id: str):
    return _suggestions("need", request, public_id)


@router.get("/offers/{public_id}/suggestions", response={200: list[SuggestionOut], **ERRORS},
            summary="Needs suggested for an offer, with reasons")
def offer_suggestions(request, public_id: str):
    return _suggestions("offer", request, public_id)


# --- provider profiles --------------------------------------------------------------------


def _provider_out(profile, offer_ids: list[str]) -> dict:
    """A public profile: never the email address of its owner."""
    return {"id": profile.pk, "name": profile.display_name,
            "organisation": str(profile.organisation) if profile.organisation_id else None,
            "country": profile.user.country_id, "language": profile.language, "areas": profile.areas,
            "expertise": profile.expertise, "recent_experience": profile.recent_experience,
            "support_types": [st.pk for st in profile.support_types.all()],
            "targets": [t.code for t in profile.targets.all()], "offers": offer_ids,
            "url": settings.SITE_URL + profile.get_absolute_url(), "updated_at": profile.updated_at}


@router.get("/providers", response=ProviderPageOut, summary="Provider profiles")
def provider_list(request, support: str | None = None, target: str | None = None, page: int = 1):
    qs = selectors.provider_profiles()
    if support:
        qs = qs.filter(support_types__code=support)
    if target:
        fw, _sep, num = target.partition("-")
        if num.isdigit():
            qs = qs.filter(targets__framework=fw.upper(), targets__number=int(num))
    p = Paginator(qs.distinct().order_by("-updated_at", "pk"), settings.NINJA_PAGINATION_PER_PAGE).get_page(page)
    profiles = list(p.object_list)
    offers: dict[int, list[str]] = {}
    for o in selectors.visible(Offer, request.user).filter(owner_id__in=[x.user_id for x in profiles]) \
            .order_by("-created_at"):
        offers.setdefault(o.owner_id, []).append(o.public_id)
    return {"count": p.paginator.count, "page": p.number, "pages": p.paginator.num_pages,
            "results": [_provider_out(x, offers.get(x.user_id, [])) for x in profiles]}


@router.get("/providers/{pk}", response={200: ProviderOut, **ERRORS}, summary="One provider profile")
def provider_retrieve(request, pk: int):
    profile = selectors.provider_profile(pk)
    if profile is None or not perms.can_view_provider_profile(request.user, profile):
        return Status(404, {"detail": _("Nothing has this id.")})
    offers = selectors.offers_of_provider(profile, user=request.user)
    return Status(200, _provider_out(profile, [o.public_id for o in offers]))


# --- introductions -----------------------------------------------------------------------


@router.get("/introductions", response={200: list[IntroductionOut], **ERRORS},
            summary="Your introductions")
def introduction_list(request):
    if not request.user.is_authenticated:
        return Status(401, {"detail": _("Sign in or use a token.")})
    return Status(200, [_intro_out(i, request.user) for i in selectors.introductions_for(request.user)[:100]])


@router.post("/introductions", response={201: IntroductionOut, **ERRORS}, summary="Ask to be put in touch")
def introduction_request(request, payload: IntroductionIn):
    if (denied := _writer(request)) is not None:
        return denied
    need = _get("need", payload.need, request.user)
    offer = _get("offer", payload.offer, request.user)
    if need is None or offer is None:
        return Status(404, {"detail": _("Nothing has this id.")})
    try:
        intro = services.introduction_request(actor=request.user, need=need, offer=offer, message=payload.message)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(201, _intro_out(intro, request.user))


def _decide(request, pk: int, payload: DecisionIn, accept: bool):
    if (denied := _writer(request)) is not None:
        return denied
    intro = Introduction.objects.filter(pk=pk).select_related("need", "offer", "requester", "recipient").first()
    if intro is None or not perms.can_view_introduction(request.user, intro):
        return Status(404, {"detail": _("Nothing has this id.")})
    try:
        if accept:
            intro = services.introduction_accept(actor=request.user, introduction=intro, message=payload.message)
        else:
            intro = services.introduction_decline(actor=request.user, introduction=intro, reason=payload.message)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(200, _intro_out(intro, request.user))


@router.post("/introductions/{pk}/accept", response={200: IntroductionOut, **ERRORS},
             summary="Accept an introduction")
def introduction_accept(request, pk: int, payload: DecisionIn):
    return _decide(request, pk, payload, True)


@router.post("/introductions/{pk}/decline", response={200: IntroductionOut, **ERRORS},
             summary="Decline an introduction")
def introduction_decline(request, pk: int, payload: DecisionIn):
    return _decide(request, pk, payload, False)


# --- collaborations ------------------------------------------------------------------------


@router.post("/collaborations", response={201: CollaborationOut, **ERRORS},
             summary="Start a collaboration from an accepted introduction")
def collaboration_create(request, payload: CollaborationIn):
    if (denied := _writer(request)) is not None:
        return denied
    intro = Introduction.objects.filter(pk=payload.introduction).select_related("need", "offer").first()
    if intro is None or not perms.can_view_introduction(request.user, intro):
        return Status(404, {"detail": _("Nothing has this id.")})
    try:
        collab = services.collaboration_create(actor=request.user, introduction=intro, data=payload.dict())
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(201, _collab_out(selectors.collaboration_detail(collab.pk)))


@router.get("/collaborations/{pk}", response={200: CollaborationOut, **ERRORS},
            summary="One collaboration")
def collaboration_retrieve(request, pk: int):
    collab = selectors.collaboration_detail(pk)
    if collab is None or not perms.can_view_collaboration(request.user, collab):
        return Status(404, {"detail": _("Nothing has this id.")})
    return Status(200, _collab_out(collab))


@router.post("/collaborations/{pk}/milestones", response={201: MilestoneOut, **ERRORS},
             summary="Add a milestone")
def milestone_add(request, pk: int, payload: MilestoneIn):
    if (denied := _writer(request)) is not None:
        return denied
    collab = selectors.collaboration_detail(pk)
    if collab is None or not perms.can_view_collaboration(request.user, collab):
        return Status(404, {"detail": _("Nothing has this id.")})
    try:
        m = services.milestone_add(actor=request.user, collaboration=collab, title=payload.title,
                                   due_date=payload.due_date, resources=payload.resources)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(201, {"id": m.pk, "title": m.title, "due_date": m.due_date, "done": False})


@router.post("/collaborations/{pk}/milestones/{mid}/done", response={200: MilestoneOut, **ERRORS},
             summary="Mark a milestone done")
def milestone_complete(request, pk: Path[DbId], mid: Path[DbId]):
    if (denied := _writer(request)) is not None:
        return denied
    m = Milestone.objects.filter(pk=mid, collaboration_id=pk).select_related("collaboration").first()
    if m is None or not perms.can_view_collaboration(request.user, m.collaboration):
        return Status(404, {"detail": _("Nothing has this id.")})
    try:
        m = services.milestone_complete(actor=request.user, milestone=m)
    except (PermissionDenied, ValidationError, Conflict) as exc:
        return _error(exc)
    return Status(200, {"id": m.pk, "title": m.title, "due_date": m.due_date, "done": True})


__all__ = ["router", "Need", "Offer"]
