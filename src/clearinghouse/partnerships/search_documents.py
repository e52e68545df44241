"""Public activities of partnerships in the site search."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clearinghouse.search.registry import Document, register

from .models import Activity


@register("partnerships.activity", model="partnerships.Activity", label=_("Partnership activity"))
def activity_document(pk: int) -> Document | None:
    a = (Activity.objects.filter(pk=pk).select_related("partnership", "member__organisation", "member__government")
         .prefetch_related("countries__region", "support_types", "partnership__targets").first())
    if a is None or not a.is_public or a.withdrawn_at is not None:
        return None
    translations = a.translations or {}
    body = [a.description, a.subnational, a.beneficiaries, a.partners_involved, a.member.display_name()]
    for values in translations.values():
        body.append(" ".join(str(values.get(f) or "") for f in ("title", "description")))
    countries = list(a.countries.all())
    return Document(
        source="partnerships.activity", source_id=a.pk, public_id=a.public_id, kind="partnerships.activity",
        title=a.title, summary=a.description[:300], body="\n".join(p for p in body if p), language=a.language,
        url=a.get_absolute_url(), countries=[c.code for c in countries],
        regions=sorted({c.region_id for c in countries if c.region_id}),
        targets=[t.code for t in a.partnership.targets.all()], support_types=[s.pk for s in a.support_types.all()],
        languages=[a.language] + [k for k in translations if k != a.language],
        translations={k: {"title": v.get("title", ""), "summary": (v.get("description") or "")[:300]}
                      for k, v in translations.items()},
        published_at=a.created_at,
    )
