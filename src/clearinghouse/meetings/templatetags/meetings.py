"""``{% load meetings %}``: a session's time as a viewer lives it, with the organiser's original time."""

from __future__ import annotations

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from ..timezones import is_zone, session_time, zone_abbreviation

register = template.Library()


def _span(start, end) -> str:
    day = formats.date_format(start, "l j F Y")
    if end.date() == start.date():
        return _("%(day)s, %(start)s–%(end)s") % {"day": day, "start": formats.time_format(start, "H:i"),
                                                  "end": formats.time_format(end, "H:i")}
    return _("%(day)s %(start)s to %(end_day)s %(end)s") % {
        "day": day, "start": formats.time_format(start, "H:i"),
        "end_day": formats.date_format(end, "l j F Y"), "end": formats.time_format(end, "H:i")}


@register.simple_tag
def session_when_text(session, user=None) -> str:
    """Plain text for mails: in the recipient's zone (profile) if known, with the organiser's time beside it."""
    zone = getattr(user, "timezone", "") if user is not None else ""
    original = session.timezone or "UTC"
    t = session_time(session.starts_at, session.ends_at, original, zone if is_zone(zone) else original)
    mine = f"{_span(t.start, t.end)} ({t.viewer_zone}, {zone_abbreviation(t.start)})"
    if t.same_zone:
        return mine
    return _("%(mine)s; organiser's time: %(theirs)s") % {
        "mine": mine, "theirs": f"{_span(t.original_start, t.original_end)} ({original}, "
                                f"{zone_abbreviation(t.original_start)})"}
