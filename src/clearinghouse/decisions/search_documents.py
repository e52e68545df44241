"""Decisions in the site search, in every language they are written in."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from clearinghouse.search.registry import Document, register

from .models import Decision


@register("decision", model="decisions.Decision", label=_("Decision"))
def decision_document(pk: int) -> Document | None:
    decision = (Decision.objects.filter(pk=pk).select_related("convention")
                .prefetch_related("topics", "targets").first())
    if decision is None:
        return None
    translations = decision.translations or {}
    body = [decision.symbol, decision.number, decision.meeting_title, decision.long_title, decision.summary,
            decision.text]
    for values in translations.values():
        body.extend(str(values.get(f) or "") for f in Decision.TRANSLATABLE_FIELDS)
    return Document(
        source="decision",
        source_id=decision.pk,
        public_id=decision.symbol,
        kind="decision",
        title=f"{decision.symbol}: {decision.title}",
        summary=(decision.summary or decision.long_title)[:300],
        body="\n".join(p for p in body if p),
        language=decision.language,
        url=decision.get_absolute_url(),
        conventions=[decision.convention_id] + ([decision.convention.parent_id] if decision.convention.parent_id else []),
        targets=[t.code for t in decision.targets.all()],
        topics=[t.slug for t in decision.topics.all()],
        languages=decision.available_languages,
        translations={k: {"title": f"{decision.symbol}: {v.get('title', '')}" if v.get("title") else "",
                          "summary": (v.get("summary") or v.get("long_title") or "")[:300]}
                      for k, v in translations.items()},
        published_at=dt.datetime.combine(decision.adopted_on, dt.time(12), tzinfo=dt.UTC),
    )
