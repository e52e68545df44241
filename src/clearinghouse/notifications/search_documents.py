"""Official notifications in the site search: published ones, with the text in every language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clearinghouse.core.markdown import markdown_to_text
from clearinghouse.search.registry import Document, register

from .models import Notification


@register("notification", model="notifications.Notification", label=_("Notification"))
def notification_document(pk: int) -> Document | None:
    n = (Notification.objects.filter(pk=pk).select_related("convention")
         .prefetch_related("addressee_groups", "calls").first())
    if n is None or n.status != Notification.Status.PUBLISHED:
        return None
    translations = n.translations or {}
    body = [n.reference, markdown_to_text(n.body), n.addressees_text, n.signatory_name]
    body += [g.name for g in n.addressee_groups.all()]
    for values in translations.values():
        body.append(values.get("subject") or "")
        body.append(markdown_to_text(values.get("body") or ""))
    for call in n.calls.all():
        body.append(call.title)
        body.append(markdown_to_text(call.instructions))
    conventions = [n.convention_id] + ([n.convention.parent_id] if n.convention.parent_id else [])
    return Document(
        source="notification",
        source_id=n.pk,
        public_id=n.reference,
        kind="notification",
        title=n.subject,
        summary=markdown_to_text(n.body)[:300],
        body="\n".join(p for p in body if p),
        language=n.language,
        url=n.get_absolute_url(),
        conventions=conventions,
        languages=[n.language] + [k for k in translations if k != n.language],
        translations={k: {"title": v.get("subject", ""), "summary": markdown_to_text(v.get("body") or "")[:300]}
                      for k, v in translations.items()},
        published_at=n.published_at,
    )
