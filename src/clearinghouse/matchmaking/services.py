"""Every change in the marketplace goes through these functions: pages, API, workshop
import, demo data and test factories alike (DESIGN §3.1).

Side effects (suggestions, search index, mail) run in tasks after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from clearinghouse.alerts import services as notify
from clearinghouse.core import queue
from clearinghouse.core.errors import Conflict
from clearinghouse.core.ids import next_number
from clearinghouse.core.models import Country, Ecosystem, SupportType, Target
from clearinghouse.core.text import clean_line, clean_text

from . import permissions as perms
from .models import (
    AlertDelivery,
    Collaboration,
    CollaborationParty,
    Conversation,
    Introduction,
    Message,
    Milestone,
    Need,
    Offer,
    PostStatus,
    ProviderProfile,
    SavedSearch,
    Visibility,
    Workshop,
    WorkshopParticipant,
)

Post = Need | Offer

MAX_TITLE = 300
MAX_DESCRIPTION = 20_000  # characters; a sheet or a call fits, a whole report does not
DEFAULT_LIFETIME_DAYS = 365
INTRODUCTIONS_PER_DAY = 10
MESSAGES_PER_HOUR = 60
SUGGESTIONS_KEPT = 20  # per post
SUGGESTION_MIN_SCORE = 0.15

COMMON_FIELDS = ("title", "description", "language", "translations", "timing", "expires_at", "visibility",
                 "support_text", "delivery_languages", "sheet_author")
NEED_FIELDS = ("problem", "objectives", "priorities", "geographic_coverage", "cofinancing", "existing_initiatives")
OFFER_FIELDS = ("eligibility", "beneficiaries", "application_process", "deadline")
M2M = {"targets": Target, "support_types": SupportType, "ecosystems": Ecosystem}
FK = {"organisation", "region"}


# --- helpers -----------------------------------------------------------------


def _model_of(kind: str):
    return {"need": Need, "offer": Offer}[kind]


def _fingerprint(title: str, description: str) -> str:
    norm = re.sub(r"\W+", " ", f"{title}\n{description}".lower()).strip()
    return hashlib.sha256(norm.encode()).hexdigest()


def support_codes_from_text(text: str) -> list[str]:
    """Map free text ("training; help with GIS maps, fellowships") onto support type codes.

    Each comma/semicolon/line-separated item goes first through the platform's synonym list
    (``core.vocab``), then through the engine's multilingual concept vocabulary.
    """
    from clearinghouse.core.vocab import support_code_from_text

    from .engine.text import concepts_in
    from .engine.vocab import CONCEPTS, support_code

    codes: list[str] = []
    for item in re.split(r"[,;\n/]+| and | et | y | и ", text or ""):
        item = item.strip()
        if not item:
            continue
        code = support_code_from_text(item)
        if code is None:
            engine_code = support_code(item)
            if engine_code is None:
                found = [c for c in concepts_in(item) if CONCEPTS[c].category == "support"]
                engine_code = found[0] if found else None
            code = engine_code.replace("_", "-") if engine_code else None
        if code and code not in codes:
            codes.append(code)
    return codes


def _resolve_targets(values: Iterable) -> list[Target]:
    out = []
    for key in values or []:
        if isinstance(key, Target):
            out.append(key)
            continue
        fw, _sep, num = str(key).strip().partition("-")
        if not num:
            fw, num = "GBF", fw
        try:
            out.append(Target.objects.get(framework=fw.upper(), number=int(num)))
        except (Target.DoesNotExist, ValueError):
            raise ValidationError({"targets": [_("Unknown target “%(t)s”.") % {"t": key}]}) from None
    return out


def _resolve_m2m(name: str, values: Iterable) -> list:
    if name == "targets":
        return _resolve_targets(values)
    model = M2M[name]
    values = list(values or [])
    objs = [v for v in values if isinstance(v, model)]
    keys = [str(v) for v in values if not isinstance(v, model)]
    found = {str(o.pk): o for o in model.objects.filter(pk__in=keys)}
    missing = [k for k in keys if k not in found]
    if missing:
        raise ValidationError({name: [_("Unknown code: %(codes)s.") % {"codes": ", ".join(missing)}]})
    return objs + [found[k] for k in keys]


def _validate(post: Post, data: dict) -> None:
    errors: dict[str, list[str]] = {}
    for key, value in data.items():  # one normaliser at the boundary (NUL, control characters, NFC)
        if isinstance(value, str):
            data[key] = clean_line(value) if key == "title" else clean_text(value)
    title = str(data.get("title", post.title) or "").strip()
    description = str(data.get("description", post.description) or "").strip()
    if not title:
        errors.setdefault("title", []).append(_("Give a short title."))
    elif len(title) > MAX_TITLE:
        errors.setdefault("title", []).append(
            _("The title has %(n)s characters; the limit is %(max)s.") % {"n": len(title), "max": MAX_TITLE})
    if not description:
        errors.setdefault("description", []).append(_("Describe what is needed or offered."))
    elif len(description) > MAX_DESCRIPTION:
        errors.setdefault("description", []).append(
            _("The description has %(n)s characters; the limit is %(max)s. Shorten it: keep what a partner "
              "needs to know to answer, and link to the full document.") % {"n": number_format(len(description), force_grouping=True),
                                                                            "max": number_format(MAX_DESCRIPTION, force_grouping=True)})
    lang = data.get("language", post.language)
    if lang not in dict(settings.CONTENT_LANGUAGES):
        errors.setdefault("language", []).append(_("Choose the language the text is written in."))
    for code in data.get("delivery_languages") or []:
        if code not in dict(settings.CONTENT_LANGUAGES):
            errors.setdefault("delivery_languages", []).append(_("Unknown language “%(c)s”.") % {"c": code})
    expires = data.get("expires_at", None)
    if expires is not None:
        if isinstance(expires, dt.date) and not isinstance(expires, dt.datetime):
            expires = timezone.make_aware(dt.datetime.combine(expires, dt.time(23, 59)))
            data["expires_at"] = expires
        if expires <= timezone.now():
            errors.setdefault("expires_at", []).append(_("The expiry date is in the past."))
    if data.get("visibility", post.visibility) not in Visibility.values:
        errors.setdefault("visibility", []).append(_("Choose who can see the post."))
    if errors:
        raise ValidationError(errors)


def _apply(post: Post, data: dict) -> dict:
    allowed = COMMON_FIELDS + (NEED_FIELDS if isinstance(post, Need) else OFFER_FIELDS)
    m2m: dict[str, list] = {}
    for key, value in data.items():
        if key in M2M:
            m2m[key] = _resolve_m2m(key, value)
        elif key in FK:
            setattr(post, f"{key}_id", getattr(value, "pk", value) or None)
        elif key in allowed:
            if isinstance(value, str):
                value = value.strip()
            if value is None and key not in ("expires_at", "deadline"):
                value = ""
            setattr(post, key, value)
        elif key not in ("country", "workshop"):
            raise ValidationError({key: [_("Unknown field.")]})
    if "support_text" in data:
        mapped = support_codes_from_text(post.support_text)
        chosen = {s.pk for s in m2m.get("support_types", [])}
        extra = [c for c in mapped if c not in chosen]
        if extra:
            m2m["support_types"] = list(m2m.get("support_types", [])) + list(SupportType.objects.filter(pk__in=extra))
    if post.region_id is None and post.country_id:
        post.region_id = Country.objects.filter(pk=post.country_id).values_list("region_id", flat=True).first()
    return m2m


def _after_change(post: Post) -> None:
    """Reindex and recompute suggestions once the change is committed."""
    from clearinghouse.search.services import index_later

    index_later(post.KIND, post.pk)
    if post.KIND == "need":
        queue.enqueue_on_commit("matchmaking.suggestions_refresh_for_need", post.pk)
    else:
        queue.enqueue_on_commit("matchmaking.suggestions_refresh_for_offer", post.pk)


def _mark_stale(post: Post) -> None:
    from .models import MatchSuggestion

    MatchSuggestion.objects.filter(**{post.KIND: post}).update(stale=True)


# --- needs and offers ----------------------------------------------------------


@transaction.atomic
def post_create(*, actor, kind: str, data: dict, country: str | Country | None = None,
                workshop: Workshop | None = None) -> Post:
    model = _model_of(kind)
    country_code = country.pk if isinstance(country, Country) else (str(country).upper() if country else None)
    if country_code and not Country.objects.filter(pk=country_code).exists():
        raise ValidationError({"country": [_("Unknown country code “%(c)s”.") % {"c": country_code}]})
    if not perms.can_create_post(actor, country=country_code, workshop=workshop):
        if workshop is not None and not workshop.is_open:
            raise Conflict(_("This workshop is closed."))
        raise PermissionDenied(_("You cannot post for this country."))
    data = dict(data)
    post = model(owner=actor, country_id=country_code, workshop=workshop)
    _validate(post, data)
    m2m = _apply(post, data)
    post.fingerprint = _fingerprint(post.title, post.description)
    duplicate = model.objects.active().filter(owner=actor, fingerprint=post.fingerprint).first()
    if duplicate:
        raise ValidationError({"title": [_("You already posted this as %(id)s. Edit that post instead.") % {
            "id": duplicate.public_id}]})
    if post.expires_at is None:
        post.expires_at = timezone.now() + dt.timedelta(days=DEFAULT_LIFETIME_DAYS)
    if post.organisation_id is None:
        post.organisation_id = actor.organisation_id
    post.number = next_number(f"{kind}:{country_code or 'XX'}")
    post.save()
    for name, objs in m2m.items():
        getattr(post, name).set(objs)
    _after_change(post)
    return post


@transaction.atomic
def post_update(*, actor, post: Post, data: dict) -> Post:
    post = type(post).objects.select_for_update().get(pk=post.pk)
    if not perms.can_edit_post(actor, post):
        raise PermissionDenied(_("Only the person who posted this, or the focal point of its country, can edit it."))
    data = dict(data)
    _validate(post, data)
    m2m = _apply(post, data)
    post.fingerprint = _fingerprint(post.title, post.description)
    if "title" in data or "description" in data:
        post.embedding, post.embedding_model = None, ""
    post.save()
    for name, objs in m2m.items():
        getattr(post, name).set(objs)
    _mark_stale(post)
    _after_change(post)
    return post


@transaction.atomic
def post_withdraw(*, actor, post: Post, reason: str = "") -> Post:
    post = type(post).objects.select_for_update().get(pk=post.pk)
    if not perms.can_withdraw_post(actor, post):
        if post.withdrawn_at is not None:
            raise Conflict(_("This post is already withdrawn."))
        raise PermissionDenied(_("Only the person who posted this, or the focal point of its country, can withdraw it."))
    post.withdrawn_at = timezone.now()
    post.status = PostStatus.CLOSED
    post.save(update_fields=["withdrawn_at", "status", "updated_at"])
    _drop_suggestions(post)
    _after_change(post)
    return post


@transaction.atomic
def post_renew(*, actor, post: Post, days: int = DEFAULT_LIFETIME_DAYS) -> Post:
    post = type(post).objects.select_for_update().get(pk=post.pk)
    if not perms.can_renew_post(actor, post):
        raise PermissionDenied(_("Only the person who posted this, or the focal point of its country, can renew it."))
    days = max(1, min(int(days), 2 * DEFAULT_LIFETIME_DAYS))
    post.expires_at = timezone.now() + dt.timedelta(days=days)
    if post.status in (PostStatus.EXPIRED, PostStatus.CLOSED):
        post.status = PostStatus.OPEN
    post.save(update_fields=["expires_at", "status", "updated_at"])
    _after_change(post)
    return post


@transaction.atomic
def post_set_status(*, actor, post: Post, status: str) -> Post:
    if not perms.can_edit_post(actor, post):
        raise PermissionDenied(_("Only the person who posted this, or the focal point of its country, can change it."))
    if status not in PostStatus.values or status == PostStatus.EXPIRED:
        raise ValidationError({"status": [_("Choose a status.")]})
    type(post).objects.filter(pk=post.pk).update(status=status, updated_at=timezone.now())
    post.status = status
    if not post.is_active:
        _drop_suggestions(post)
    _after_change(post)
    return post


def need_create(*, actor, data: dict, country=None, workshop=None) -> Need:
    return post_create(actor=actor, kind="need", data=data, country=country, workshop=workshop)


def offer_create(*, actor, data: dict, country=None, workshop=None) -> Offer:
    return post_create(actor=actor, kind="offer", data=data, country=country, workshop=workshop)


def need_update(*, actor, need: Need, data: dict) -> Need:
    return post_update(actor=actor, post=need, data=data)


def offer_update(*, actor, offer: Offer, data: dict) -> Offer:
    return post_update(actor=actor, post=offer, data=data)


def need_withdraw(*, actor, need: Need, reason: str = "") -> Need:
    return post_withdraw(actor=actor, post=need, reason=reason)


def offer_withdraw(*, actor, offer: Offer, reason: str = "") -> Offer:
    return post_withdraw(actor=actor, post=offer, reason=reason)


def need_renew(*, actor, need: Need, days: int = DEFAULT_LIFETIME_DAYS) -> Need:
    return post_renew(actor=actor, post=need, days=days)


def offer_renew(*, actor, offer: Offer, days: int = DEFAULT_LIFETIME_DAYS) -> Offer:
    return post_renew(actor=actor, post=offer, days=days)


def posts_expire(*, now: dt.datetime | None = None) -> int:
    """Mark open posts past their expiry as expired; they stop being suggested. Periodic job."""
    now = now or timezone.now()
    n = 0
    for model in (Need, Offer):
        for post in model.objects.filter(status__in=[PostStatus.OPEN, PostStatus.IN_DISCUSSION],
                                         expires_at__lte=now):
            with transaction.atomic():
                model.objects.filter(pk=post.pk).update(status=PostStatus.EXPIRED)
                _drop_suggestions(post)
                from clearinghouse.search.services import index_later

                index_later(post.KIND, post.pk)
            n += 1
    Introduction.objects.filter(status=Introduction.Status.REQUESTED,
                                created_at__lte=now - dt.timedelta(days=30)).update(
        status=Introduction.Status.EXPIRED, decided_at=now)
    return n


def _drop_suggestions(post: Post) -> None:
    from .models import MatchSuggestion

    MatchSuggestion.objects.filter(**{post.KIND: post}).delete()


# --- suggestions ---------------------------------------------------------------


def _store(need_offer_scores: list, keep_pairs: set[tuple[int, int]], *, side: str, post: Post,
           model_id: str) -> int:
    """Replace the stored suggestions of one post with the engine's ranking."""
    from .models import MatchSuggestion

    now = timezone.now()
    with transaction.atomic():
        existing = {(s.need_id, s.offer_id): s for s in MatchSuggestion.objects.filter(**{side: post})}
        seen = set()
        for s in need_offer_scores:
            pair = (s.need_id, s.offer_id)
            if pair not in keep_pairs and not (pair in existing and s.score >= SUGGESTION_MIN_SCORE):
                continue
            seen.add(pair)
            row = existing.get(pair)
            values = {"score": s.score, "reasons": s.reasons, "unmet": s.unmet, "model_id": model_id,
                      "computed_at": now, "stale": False}
            if row is None:
                MatchSuggestion.objects.update_or_create(need_id=pair[0], offer_id=pair[1], defaults=values)
            else:
                for k, v in values.items():
                    setattr(row, k, v)
                row.save()
        MatchSuggestion.objects.filter(**{side: post}).exclude(
            pk__in=[r.pk for p, r in existing.items() if p in seen]).filter(computed_at__lt=now).delete()
    return len(seen)


def _keep(scored: list, *, post: Post, other_attr: str, workshop_ids: dict[int, int | None]) -> set:
    """The top suggestions of a post, plus every good enough pair on the same workshop wall."""
    good = [s for s in scored if s.score >= SUGGESTION_MIN_SCORE]
    keep = {(s.need_id, s.offer_id) for s in good[:SUGGESTIONS_KEPT]}
    if post.workshop_id:
        for s in good:
            if workshop_ids.get(getattr(s, other_attr)) == post.workshop_id:
                keep.add((s.need_id, s.offer_id))
    return keep


def _active_offers() -> list[Offer]:
    return list(Offer.objects.active().prefetch_related("targets", "support_types", "ecosystems"))


def suggestions_refresh_for_need(need_id: int) -> int:
    """Rank every active offer for one need and store the best. Returns how many are kept."""
    from . import matching

    need = Need.objects.filter(pk=need_id).first()
    if need is None:
        return 0
    if not need.is_active:
        _drop_suggestions(need)
        return 0
    offers = _active_offers()
    scored = matching.rank_for_need(need, offers)
    keep = _keep(scored, post=need, other_attr="offer_id", workshop_ids={o.pk: o.workshop_id for o in offers})
    kept = _store(scored, keep, side="need", post=need, model_id=matching.model_id())
    alerts_for_need(need)
    return kept


def suggestions_refresh_for_offer(offer_id: int) -> int:
    """Score a new or changed offer for every active need in one batched pass, and put it into the
    stored suggestions of the needs where it is now among the best (``SUGGESTIONS_KEPT``), or on the
    same workshop wall. Only those needs' rows are written; the number of queries does not grow
    with the number of needs. Returns for how many needs the offer is kept."""
    from . import matching

    offer = Offer.objects.filter(pk=offer_id).first()
    if offer is None:
        return 0
    if not offer.is_active:
        _drop_suggestions(offer)
        return 0
    needs = list(Need.objects.active().exclude(owner_id=offer.owner_id).prefetch_related(
        "targets", "support_types", "ecosystems"))
    scored = matching.rank_offer_for_needs(offer, needs, offers=_active_offers())
    kept = _store_offer_in_needs(offer, scored, needs=needs, model_id=matching.model_id())
    alerts_for_offer(offer)
    return kept


def _store_offer_in_needs(offer: Offer, scored: list, *, needs: list[Need], model_id: str) -> int:
    """Update only the affected needs' top suggestions with the offer's new scores.

    For each need the offer enters (good enough and better than the need's ``SUGGESTIONS_KEPT``-th
    stored offer, or on the same workshop wall) its row is written and an offer pushed below the
    cut is dropped; where it no longer qualifies its row is removed, and that need is marked for a
    full re-ranking (the periodic job), since the next offer in line is not stored.
    """
    from .models import MatchSuggestion

    workshop_of = {n.pk: n.workshop_id for n in needs}
    good = {s.need_id: s for s in scored if s.score >= SUGGESTION_MIN_SCORE}
    now = timezone.now()
    with transaction.atomic():
        rows: dict[int, list[tuple[int, float, bool]]] = {}
        had_offer: set[int] = set()
        for pk, need_id, offer_id, score, offer_ws in MatchSuggestion.objects.filter(
                need_id__in=list(good) or [0]).values_list("pk", "need_id", "offer_id", "score",
                                                           "offer__workshop_id"):
            if offer_id == offer.pk:
                had_offer.add(need_id)
                continue
            same_wall = offer_ws is not None and offer_ws == workshop_of.get(need_id)
            rows.setdefault(need_id, []).append((pk, score, same_wall))
        entered: list = []
        pushed_out: list[int] = []
        for need_id, s in good.items():
            same_wall = offer.workshop_id is not None and offer.workshop_id == workshop_of.get(need_id)
            ranked = sorted((r for r in rows.get(need_id, []) if not r[2]), key=lambda r: -r[1])
            if not same_wall and len(ranked) >= SUGGESTIONS_KEPT and ranked[SUGGESTIONS_KEPT - 1][1] >= s.score:
                continue
            entered.append(s)
            if not same_wall:
                pushed_out.extend(r[0] for r in ranked[SUGGESTIONS_KEPT - 1:])
        MatchSuggestion.objects.bulk_create(
            [MatchSuggestion(need_id=s.need_id, offer_id=s.offer_id, score=s.score, reasons=s.reasons,
                             unmet=s.unmet, model_id=model_id, computed_at=now, stale=False) for s in entered],
            update_conflicts=True, unique_fields=["need", "offer"],
            update_fields=["score", "reasons", "unmet", "model_id", "computed_at", "stale"], batch_size=500)
        left = MatchSuggestion.objects.filter(offer=offer).exclude(need_id__in=[s.need_id for s in entered])
        dropped = set(left.values_list("need_id", flat=True))
        MatchSuggestion.objects.filter(Q(pk__in=pushed_out) | Q(pk__in=left.values("pk"))).delete()
        # A need that lost this offer may have a next-best offer that is not stored: re-rank it later.
        relist = dropped & set(workshop_of)
        if relist:
            MatchSuggestion.objects.filter(need_id__in=relist).update(stale=True)
    return len(entered)


def suggestions_refresh_stale(*, limit: int = 200) -> int:
    """Recompute suggestions marked stale (a side changed) or made by another engine model. Periodic job."""
    from . import matching
    from .models import MatchSuggestion

    stale = MatchSuggestion.objects.filter(Q(stale=True) | ~Q(model_id=matching.model_id()))
    need_ids = list(stale.values_list("need_id", flat=True).distinct()[:limit])
    for pk in need_ids:
        suggestions_refresh_for_need(pk)
    return len(need_ids)


def suggestions_refresh_all() -> int:
    """Recompute every active post's suggestions (demo, after an engine upgrade)."""
    n = 0
    for pk in Need.objects.active().values_list("pk", flat=True):
        suggestions_refresh_for_need(pk)
        n += 1
    for pk in Offer.objects.active().values_list("pk", flat=True):
        suggestions_refresh_for_offer(pk)
        n += 1
    return n


# --- introductions and conversations ----------------------------------------------


def _url(obj) -> str:
    return settings.SITE_URL + obj.get_absolute_url()


@transaction.atomic
def introduction_request(*, actor, need: Need, offer: Offer, message: str = "") -> Introduction:
    if not perms.can_request_introduction(actor, need, offer):
        if not (need.is_active and offer.is_active):
            raise Conflict(_("One of the two posts is no longer open."))
        raise PermissionDenied(_("You can ask for an introduction only from a need or an offer you posted."))
    since = timezone.now() - dt.timedelta(days=1)
    if Introduction.objects.filter(requester=actor, created_at__gte=since).count() >= INTRODUCTIONS_PER_DAY:
        raise Conflict(_("You have asked for %(n)s introductions in the last 24 hours. Please wait until tomorrow.")
                       % {"n": INTRODUCTIONS_PER_DAY})
    if Introduction.objects.filter(need=need, offer=offer, status__in=[Introduction.Status.REQUESTED,
                                                                        Introduction.Status.ACCEPTED]).exists():
        raise Conflict(_("An introduction between these two posts is already requested or accepted."))
    message = (message or "").strip()
    if len(message) > 5000:
        raise ValidationError({"message": [_("The message has %(n)s characters; the limit is 5,000.")
                                           % {"n": len(message)}]})
    # The requester speaks for the side they can edit; the other side's owner decides.
    recipient = offer.owner if perms.can_edit_post(actor, need) else need.owner
    try:
        with transaction.atomic():
            intro = Introduction.objects.create(requester=actor, recipient=recipient, need=need, offer=offer,
                                                message=message)
    except IntegrityError:
        raise Conflict(_("An introduction between these two posts is already requested.")) from None
    notify.notice_create(
        user=recipient, verb="introduction-requested",
        text=_("%(who)s asks to be put in touch about “%(title)s”") % {
            "who": actor, "title": (need if recipient == need.owner else offer).title},
        url=_url(intro), email_template="matchmaking/email/introduction_requested",
        email_context={"intro": intro, "requester": actor, "need": need, "offer": offer, "url": _url(intro)},
    )
    return intro


@transaction.atomic
def introduction_accept(*, actor, introduction: Introduction, message: str = "") -> Introduction:
    intro = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if not perms.can_decide_introduction(actor, intro):
        if intro.recipient_id == getattr(actor, "pk", None):
            raise Conflict(_("This request was already answered."))
        raise PermissionDenied(_("Only the person asked can answer this request."))
    intro.status = Introduction.Status.ACCEPTED
    intro.decided_at = timezone.now()
    intro.save(update_fields=["status", "decided_at", "updated_at"])
    conversation = Conversation.objects.create(introduction=intro)
    if intro.message:
        Message.objects.create(conversation=conversation, author=intro.requester, body=intro.message)
    if (message or "").strip():
        Message.objects.create(conversation=conversation, author=actor, body=message.strip()[:5000])
    for model, pk in ((Need, intro.need_id), (Offer, intro.offer_id)):
        model.objects.filter(pk=pk, status=PostStatus.OPEN).update(status=PostStatus.IN_DISCUSSION)
    notify.notice_create(
        user=intro.requester, verb="introduction-accepted",
        text=_("%(who)s accepted your request to be put in touch") % {"who": actor},
        url=_url(conversation), email_template="matchmaking/email/introduction_accepted",
        email_context={"intro": intro, "other": actor, "url": _url(conversation)},
    )
    notify.email_to_user(actor, template="matchmaking/email/introduction_accepted",
                         context={"intro": intro, "other": intro.requester, "url": _url(conversation)})
    return intro


@transaction.atomic
def introduction_decline(*, actor, introduction: Introduction, reason: str = "") -> Introduction:
    intro = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if not perms.can_decide_introduction(actor, intro):
        if intro.recipient_id == getattr(actor, "pk", None):
            raise Conflict(_("This request was already answered."))
        raise PermissionDenied(_("Only the person asked can answer this request."))
    intro.status = Introduction.Status.DECLINED
    intro.decided_at = timezone.now()
    intro.decline_reason = (reason or "").strip()[:2000]
    intro.save(update_fields=["status", "decided_at", "decline_reason", "updated_at"])
    notify.notice_create(
        user=intro.requester, verb="introduction-declined",
        text=_("Your request to be put in touch about “%(title)s” was declined") % {"title": intro.offer.title},
        url=_url(intro), email_template="matchmaking/email/introduction_declined",
        email_context={"intro": intro, "url": _url(intro)},
    )
    return intro


def contact_of(user) -> dict:
    """What the other side sees once an introduction is accepted."""
    org = user.organisation.name if user.organisation_id else user.organisation_name
    return {"name": str(user), "email": user.email, "organisation": org or "",
            "country": str(user.country) if user.country_id else ""}


@transaction.atomic
def message_post(*, actor, conversation: Conversation, body: str) -> Message:
    if not perms.can_post_message(actor, conversation):
        raise PermissionDenied(_("Only the two people introduced can write here."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    if len(body) > 10_000:
        raise ValidationError({"body": [_("The message has %(n)s characters; the limit is 10,000.") % {"n": len(body)}]})
    if Message.objects.filter(author=actor, created_at__gte=timezone.now() - dt.timedelta(hours=1)).count() \
            >= MESSAGES_PER_HOUR:
        raise Conflict(_("You have sent many messages in the last hour. Please wait a little."))
    msg = Message.objects.create(conversation=conversation, author=actor, body=body)
    intro = conversation.introduction
    other = intro.recipient if actor.pk == intro.requester_id else intro.requester
    notify.notice_create(user=other, verb="message", text=_("New message from %(who)s") % {"who": actor},
                         url=_url(conversation))
    return msg


# --- collaborations -------------------------------------------------------------


@transaction.atomic
def collaboration_create(*, actor, introduction: Introduction, data: dict,
                         funding_partner=None) -> Collaboration:
    introduction = Introduction.objects.select_related("need__owner", "offer__owner").get(pk=introduction.pk)
    if not perms.can_create_collaboration(actor, introduction):
        raise PermissionDenied(_("A collaboration starts from an accepted introduction you are part of."))
    title = (data.get("title") or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Give the collaboration a title.")]
    elif len(title) > 300:
        errors["title"] = [_("A title has at most 300 characters.")]
    if errors:
        raise ValidationError(errors)
    collab = Collaboration.objects.create(
        number=next_number("collaboration"), title=title, introduction=introduction,
        need_id=introduction.need_id, offer_id=introduction.offer_id, created_by=actor,
        objectives=(data.get("objectives") or "").strip(), activities=(data.get("activities") or "").strip(),
        status=Collaboration.Status.ACTIVE,
    )
    need, offer = introduction.need, introduction.offer
    CollaborationParty.objects.create(collaboration=collab, user=need.owner, role=CollaborationParty.Role.REQUESTING,
                                      country_id=need.country_id)
    CollaborationParty.objects.create(collaboration=collab, user=offer.owner, role=CollaborationParty.Role.PROVIDING,
                                      country_id=offer.country_id)
    if funding_partner is not None:
        collaboration_party_add(actor=actor, collaboration=collab, user=funding_partner,
                                role=CollaborationParty.Role.FUNDING)
    Need.objects.filter(pk=need.pk).update(status=PostStatus.MATCHED)
    for party in collab.parties.exclude(user=actor).select_related("user"):
        notify.notice_create(user=party.user, verb="collaboration",
                             text=_("%(who)s started the collaboration “%(title)s”") % {"who": actor, "title": title},
                             url=_url(collab))
    return collab


@transaction.atomic
def collaboration_party_add(*, actor, collaboration: Collaboration, user, role: str) -> CollaborationParty:
    if not perms.can_edit_collaboration(actor, collaboration):
        raise PermissionDenied(_("Only the parties can change this collaboration."))
    if role not in CollaborationParty.Role.values:
        raise ValidationError({"role": [_("Choose a role.")]})
    party, created = CollaborationParty.objects.get_or_create(
        collaboration=collaboration, user=user, defaults={"role": role, "country_id": user.country_id})
    if not created:
        raise Conflict(_("%(who)s is already a party.") % {"who": user})
    collaboration.__dict__.pop("_party_ids", None)
    # A new party has not agreed to a public summary yet.
    notify.notice_create(user=user, verb="collaboration",
                         text=_("You were added to the collaboration “%(title)s”") % {"title": collaboration.title},
                         url=_url(collaboration))
    return party


@transaction.atomic
def collaboration_update(*, actor, collaboration: Collaboration, data: dict) -> Collaboration:
    if not perms.can_edit_collaboration(actor, collaboration):
        raise PermissionDenied(_("Only the parties can change this collaboration."))
    for key in ("title", "objectives", "activities", "outcomes", "public_summary", "status"):
        if key in data:
            value = (data[key] or "").strip()
            if key == "status" and value not in Collaboration.Status.values:
                raise ValidationError({"status": [_("Choose a status.")]})
            if key == "title" and not value:
                raise ValidationError({"title": [_("Give the collaboration a title.")]})
            setattr(collaboration, key, value)
    collaboration.save()
    if "public_summary" in data:
        # The text changed: everyone agrees again to what is published.
        collaboration.parties.exclude(user=actor).update(consents_public_at=None)
    return collaboration


def collaboration_consent_public(*, actor, collaboration: Collaboration, consent: bool = True) -> CollaborationParty:
    if not perms.is_party(actor, collaboration):
        raise PermissionDenied(_("Only the parties can agree to a public summary."))
    party = collaboration.parties.get(user=actor)
    party.consents_public_at = timezone.now() if consent else None
    party.save(update_fields=["consents_public_at"])
    return party


@transaction.atomic
def milestone_add(*, actor, collaboration: Collaboration, title: str, due_date: dt.date,
                  responsible: CollaborationParty | None = None, resources: str = "") -> Milestone:
    if not perms.can_edit_collaboration(actor, collaboration):
        raise PermissionDenied(_("Only the parties can change this collaboration."))
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Name the milestone.")]
    if not isinstance(due_date, dt.date):
        errors["due_date"] = [_("Give a due date (YYYY-MM-DD).")]
    if responsible is not None and responsible.collaboration_id != collaboration.pk:
        errors["responsible"] = [_("The responsible party must be one of the parties.")]
    if errors:
        raise ValidationError(errors)
    return Milestone.objects.create(collaboration=collaboration, title=title.strip()[:300], due_date=due_date,
                                    responsible=responsible, resources=(resources or "").strip()[:500])


def milestone_complete(*, actor, milestone: Milestone, done: bool = True) -> Milestone:
    if not perms.can_edit_collaboration(actor, milestone.collaboration):
        raise PermissionDenied(_("Only the parties can change this collaboration."))
    milestone.done_at = timezone.now() if done else None
    milestone.save(update_fields=["done_at", "updated_at"])
    return milestone


def milestones_remind(*, today: dt.date | None = None, days_ahead: int = 7) -> int:
    """Email the parties of milestones due within a week (or overdue) and not yet reminded. Periodic job."""
    today = today or timezone.localdate()
    due = (Milestone.objects.filter(done_at__isnull=True, reminded_at__isnull=True,
                                    due_date__lte=today + dt.timedelta(days=days_ahead))
           .select_related("collaboration", "responsible__user"))
    n = 0
    for m in due:
        with transaction.atomic():
            for party in m.collaboration.parties.select_related("user"):
                notify.notice_create(
                    user=party.user, verb="milestone-due",
                    text=_("Milestone “%(title)s” is due on %(date)s") % {"title": m.title, "date": m.due_date},
                    url=_url(m.collaboration), email_template="matchmaking/email/milestone_reminder",
                    email_context={"milestone": m, "collaboration": m.collaboration, "url": _url(m.collaboration)},
                )
            Milestone.objects.filter(pk=m.pk).update(reminded_at=timezone.now())
        n += 1
    return n


# --- workshops -------------------------------------------------------------------


def _join_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a room
    return "".join(secrets.choice(alphabet) for _i in range(6))


@transaction.atomic
def workshop_open(*, actor, data: dict) -> Workshop:
    if not perms.can_open_workshop(actor):
        raise PermissionDenied(_("Focal points, authorised users, partners and the secretariat can open a workshop."))
    errors = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = [_("Give the workshop a title.")]
    starts, ends = data.get("starts_on"), data.get("ends_on") or data.get("starts_on")
    if not isinstance(starts, dt.date):
        errors["starts_on"] = [_("Give the first day (YYYY-MM-DD).")]
    elif isinstance(ends, dt.date) and ends < starts:
        errors["ends_on"] = [_("The last day is before the first day.")]
    if errors:
        raise ValidationError(errors)
    code = _join_code()
    while Workshop.objects.filter(join_code=code).exists():
        code = _join_code()
    ws = Workshop.objects.create(facilitator=actor, title=title[:300], description=(data.get("description") or ""),
                                 place=(data.get("place") or "")[:200], starts_on=starts, ends_on=ends,
                                 join_code=code)
    WorkshopParticipant.objects.create(workshop=ws, user=actor)
    return ws


def workshop_by_code(code: str) -> Workshop | None:
    code = re.sub(r"[\s-]", "", code or "").upper()
    return Workshop.objects.filter(join_code=code).first() if code else None


def workshop_join(*, actor, code: str) -> Workshop:
    ws = workshop_by_code(code)
    if ws is None:
        raise ValidationError({"code": [_("No workshop has this code. Check it with the facilitator.")]})
    if not perms.can_join_workshop(actor, ws):
        if not ws.is_open:
            raise Conflict(_("This workshop is closed."))
        raise PermissionDenied(_("Confirm your email address before joining a workshop."))
    WorkshopParticipant.objects.get_or_create(workshop=ws, user=actor)
    return ws


@transaction.atomic
def workshop_close(*, actor, workshop: Workshop) -> Workshop:
    """Close the wall; every participant gets their matches by email after commit."""
    ws = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if not perms.can_manage_workshop(actor, ws):
        raise PermissionDenied(_("Only the facilitator can close the workshop."))
    if ws.closed_at:
        raise Conflict(_("This workshop is already closed."))
    ws.closed_at = timezone.now()
    ws.save(update_fields=["closed_at", "updated_at"])
    queue.enqueue_on_commit("matchmaking.workshop_send_matches", ws.pk)
    return ws


def workshop_send_matches(workshop_id: int) -> int:
    """Email each participant the suggestions for the posts they put on the wall."""
    from .selectors import suggestions_for_post

    ws = Workshop.objects.get(pk=workshop_id)
    sent = 0
    for membership in ws.memberships.select_related("user"):
        user = membership.user
        items = []
        for model in (Need, Offer):
            for post in model.objects.filter(workshop=ws, owner=user, withdrawn_at__isnull=True):
                items.append({"post": post, "suggestions": list(suggestions_for_post(post, user=user, limit=5))})
        notify.email_to_user(user, template="matchmaking/email/workshop_matches",
                             context={"workshop": ws, "items": items, "url": _url(ws)})
        sent += 1
    return sent


# --- provider profiles ------------------------------------------------------------------

PROFILE_TEXT_FIELDS = ("areas", "expertise", "recent_experience")
MAX_PROFILE_TEXT = 5_000


@transaction.atomic
def provider_profile_save(*, actor, data: dict, user=None) -> ProviderProfile:
    """Create or update the provider profile of ``user`` (default: the actor).

    ``data`` may hold ``areas``, ``expertise``, ``recent_experience``, ``language``,
    ``translations``, ``support_types``, ``targets`` and ``for_organisation`` (the profile then
    speaks for the organisation of the user's account). Keys left out keep their value.
    """
    owner = user or actor
    if not perms.can_edit_provider_profile(actor, owner):
        raise PermissionDenied(_("You can edit only your own provider profile."))
    profile = ProviderProfile.objects.select_for_update().filter(user=owner).first() or ProviderProfile(user=owner)
    errors: dict[str, list[str]] = {}
    for key in data:
        if key not in PROFILE_TEXT_FIELDS + ("language", "translations", "support_types", "targets",
                                             "for_organisation"):
            errors.setdefault(key, []).append(_("Unknown field."))
    for key in PROFILE_TEXT_FIELDS:
        if key in data:
            value = str(data[key] or "").strip()
            if len(value) > MAX_PROFILE_TEXT:
                errors.setdefault(key, []).append(_("This text has %(n)s characters; the limit is %(max)s.") % {
                    "n": number_format(len(value), force_grouping=True), "max": number_format(MAX_PROFILE_TEXT, force_grouping=True)})
            setattr(profile, key, value)
    if "language" in data:
        if data["language"] not in dict(settings.CONTENT_LANGUAGES):
            errors.setdefault("language", []).append(_("Choose the language the text is written in."))
        profile.language = data["language"]
    if "translations" in data:
        profile.translations = {lang: {k: str(v).strip() for k, v in (fields or {}).items()
                                       if k in PROFILE_TEXT_FIELDS and str(v).strip()}
                                for lang, fields in (data["translations"] or {}).items()
                                if lang in dict(settings.CONTENT_LANGUAGES)}
    if "for_organisation" in data:
        if data["for_organisation"] and not owner.organisation_id:
            errors.setdefault("for_organisation", []).append(
                _("Your account is not linked to an organisation of the directory, so the profile can only "
                  "speak for you."))
        profile.organisation_id = owner.organisation_id if data["for_organisation"] else None
    elif profile.pk is None:
        profile.organisation_id = None
    if not any((profile.areas, profile.expertise, profile.recent_experience)):
        errors.setdefault("areas", []).append(
            _("Say at least what you can collaborate on or what your expertise is."))
    m2m = {}
    for key in ("support_types", "targets"):
        if key in data:
            try:
                m2m[key] = _resolve_m2m(key, data[key])
            except ValidationError as exc:
                for msg in exc.message_dict.get(key, exc.messages):
                    errors.setdefault(key, []).append(msg)
    if errors:
        raise ValidationError(errors)
    profile.save()
    for key, objs in m2m.items():
        getattr(profile, key).set(objs)
    return profile


# --- saved searches and alerts ---------------------------------------------------------


def saved_search_create(*, actor, name: str, kind: str = "offer", query: str = "", filters: dict | None = None,
                        need: Need | None = None, alert: bool = True) -> SavedSearch:
    if not perms.can_save_search(actor):
        raise PermissionDenied(_("Sign in with a confirmed address to save a search."))
    if need is not None and not perms.can_edit_post(actor, need):
        raise PermissionDenied(_("You can set alerts only on your own needs."))
    if kind not in ("need", "offer"):
        raise ValidationError({"kind": [_("Choose needs or offers.")]})
    name = (name or query or (need.title if need else "")).strip()[:200] or _("My search")
    clean = {k: [str(v) for v in vals] for k, vals in (filters or {}).items()
             if k in ("target", "region", "support", "language", "country") and vals}
    return SavedSearch.objects.create(user=actor, name=name, kind=kind, query=(query or "").strip()[:300],
                                      filters=clean, need=need, alert=alert)


def saved_search_delete(*, actor, saved_search: SavedSearch) -> None:
    if saved_search.user_id != actor.pk:
        raise PermissionDenied(_("This is not your saved search."))
    saved_search.delete()


def _deliver(search: SavedSearch, post: Post, text: str) -> bool:
    try:
        with transaction.atomic():
            AlertDelivery.objects.create(saved_search=search, kind=post.KIND, post_id=post.pk)
    except IntegrityError:
        return False
    notify.notice_create(user=search.user, verb="alert", text=text, url=_url(post),
                         email_template="matchmaking/email/alert" if search.alert else None,
                         email_context={"search": search, "post": post, "url": _url(post)})
    SavedSearch.objects.filter(pk=search.pk).update(last_alerted_at=timezone.now())
    return True


def alerts_for_offer(offer: Offer) -> int:
    """Tell people whose need alerts or saved searches fit a new or changed offer."""
    from .models import MatchSuggestion
    from .selectors import post_matches_filters

    n = 0
    pairs = MatchSuggestion.objects.filter(offer=offer, need__alerts__isnull=False).select_related("need")
    for s in pairs:
        for search in SavedSearch.objects.filter(need=s.need, min_score__lte=s.score).select_related("user"):
            n += _deliver(search, offer, _("A new offer matches your need “%(title)s”: %(offer)s") % {
                "title": s.need.title, "offer": offer.title})
    n += _alerts_by_filters(offer, post_matches_filters)
    return n


def alerts_for_need(need: Need) -> int:
    from .selectors import post_matches_filters

    return _alerts_by_filters(need, post_matches_filters)


def _alerts_by_filters(post: Post, matcher) -> int:
    n = 0
    if not post.is_active or post.visibility != Visibility.PUBLIC:
        return 0
    for search in SavedSearch.objects.filter(kind=post.KIND, need__isnull=True).exclude(user=post.owner_id) \
            .select_related("user"):
        if matcher(post, query=search.query, filters=search.filters):
            n += _deliver(search, post, _("New post for your search “%(name)s”: %(title)s") % {
                "name": search.name, "title": post.title})
    return n


__all__ = [name for name in dir() if name.endswith(("_create", "_update", "_withdraw", "_renew", "_request",
                                                      "_accept", "_decline", "_add", "_complete", "_open",
                                                      "_join", "_close", "_post", "_save"))]
