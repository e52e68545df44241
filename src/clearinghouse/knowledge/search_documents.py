"""Knowledge records in the search index: the latest published revision, as the public sees it."""

from __future__ import annotations

from django.conf import settings

from clearinghouse.core.markdown import markdown_to_text
from clearinghouse.search.registry import Document, register

from .models import Record, Status


@register("record")
def record_document(pk: int) -> Document | None:
    from .selectors import live_revision

    record = Record.objects.filter(pk=pk).select_related("country").first()
    if record is None or record.revision == 0 or record.status == Status.ARCHIVED:
        return None
    rev = live_revision(record)
    if rev is None:
        return None
    d = rev.data
    translations = d.get("translations") or {}
    body_parts = [markdown_to_text(d.get("body") or "")]
    for values in translations.values():
        body_parts.append(" ".join(str(values.get(f) or "") for f in ("title", "summary")))
        body_parts.append(markdown_to_text(values.get("body") or ""))
    regions = set(d.get("regions") or [])
    if record.country and record.country.region_id:
        regions.add(record.country.region_id)
    return Document(
        source="record",
        source_id=record.pk,
        public_id=f"{record.base_id}-{rev.revision}",
        kind=record.kind,
        title=d.get("title") or "",
        summary=d.get("summary") or "",
        body="\n".join(p for p in body_parts if p),
        language=d.get("language") or "en",
        url=record.get_absolute_url(),
        visibility=d.get("visibility") or "public",
        countries=list(d.get("countries") or []),
        regions=sorted(regions),
        targets=list(d.get("targets") or []),
        conventions=list(d.get("conventions") or []),
        support_types=list(d.get("support_types") or []),
        ecosystems=list(d.get("ecosystems") or []),
        topics=list(d.get("topics") or []),
        languages=[d.get("language") or "en"] + [k for k in translations if k in dict(settings.CONTENT_LANGUAGES)],
        translations={k: {"title": v.get("title", ""), "summary": v.get("summary", "")} for k, v in translations.items()},
        published_at=rev.published_at,
    )
