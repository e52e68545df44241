"""Needs and offers in the site search: active posts as the public sees them."""

from __future__ import annotations

from clearinghouse.search.registry import Document, register

from .models import Need, Offer


def _document(model, pk: int) -> Document | None:
    post = (model.objects.filter(pk=pk).select_related("country", "region")
            .prefetch_related("targets", "support_types", "ecosystems").first())
    if post is None or not post.is_active:
        return None
    extra = []
    if isinstance(post, Need):
        extra = [post.problem, post.objectives, post.priorities, post.existing_initiatives]
    else:
        extra = [post.eligibility, post.beneficiaries, post.application_process]
    translations = post.translations or {}
    body = [post.description, *extra]
    for values in translations.values():
        body.append(" ".join(str(values.get(f) or "") for f in ("title", "description")))
    regions = [post.region_id] if post.region_id else []
    return Document(
        source=post.KIND,
        source_id=post.pk,
        public_id=post.public_id,
        kind=post.KIND,
        title=post.title,
        summary=post.description[:300],
        body="\n".join(p for p in body if p),
        language=post.language,
        url=post.get_absolute_url(),
        visibility=post.visibility,
        countries=[post.country_id] if post.country_id else [],
        regions=regions,
        targets=[t.code for t in post.targets.all()],
        support_types=[s.pk for s in post.support_types.all()],
        ecosystems=[e.pk for e in post.ecosystems.all()],
        topics=[],
        languages=[post.language] + [k for k in translations if k != post.language],
        translations={k: {"title": v.get("title", ""), "summary": (v.get("description") or "")[:300]}
                      for k, v in translations.items()},
        published_at=post.created_at,
    )


@register("need")
def need_document(pk: int) -> Document | None:
    return _document(Need, pk)


@register("offer")
def offer_document(pk: int) -> Document | None:
    return _document(Offer, pk)
