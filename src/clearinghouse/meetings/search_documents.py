"""Meetings in the site search: every meeting (they are public), with its agenda, sessions and documents, so
that a search for a document's symbol or an agenda item finds the meeting."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from clearinghouse.core.markdown import markdown_to_text
from clearinghouse.search.registry import Document, register

from .models import Meeting


@register("meeting", model="meetings.Meeting", label=_("Meeting"))
def meeting_document(pk: int) -> Document | None:
    meeting = (Meeting.objects.filter(pk=pk).select_related("country")
               .prefetch_related("conventions", "agenda_items", "sessions", "documents").first())
    if meeting is None:
        return None
    translations = meeting.translations or {}
    description = markdown_to_text(meeting.description or "")
    body = [meeting.symbol, description, meeting.organisers, meeting.funders, meeting.margins_of, meeting.venue,
            meeting.city, meeting.country.name if meeting.country else ""]
    for values in translations.values():
        body += [values.get("title") or "", markdown_to_text(values.get("description") or "")]
    for item in meeting.agenda_items.all():
        body.append(f"{item.number}. {item.title}")
        body += [v.get("title") or "" for v in (item.translations or {}).values()]
    body += [session.title for session in meeting.sessions.all()]
    body += [f"{document.symbol} {document.title}" for document in meeting.documents.all()]
    conventions = list(meeting.conventions.all())
    title = f"{meeting.symbol}: {meeting.title}" if meeting.symbol else meeting.title
    return Document(
        source="meeting",
        source_id=meeting.pk,
        public_id=meeting.symbol,  # none without a symbol: its address's slug is no name to show
        kind="meeting",
        title=title,
        summary=description[:300],
        body="\n".join(p for p in body if p),
        language=meeting.language,
        url=meeting.get_absolute_url(),
        countries=[meeting.country_id] if meeting.country_id else [],
        conventions=sorted({c.code for c in conventions} | {c.parent_id for c in conventions if c.parent_id}),
        languages=meeting.available_languages,
        translations={k: {"title": (f"{meeting.symbol}: {v['title']}" if meeting.symbol else v["title"]),
                          "summary": markdown_to_text(v.get("description") or "")[:300]}
                      for k, v in translations.items() if v.get("title")},
        published_at=dt.datetime.combine(meeting.starts_on, dt.time(12), tzinfo=dt.UTC),
    )
