"""Calendar files (RFC 5545) written with ``icalendar``: one per session, one per meeting, feeds.

- UID is stable across edits (built from the row's permanent uuid), SEQUENCE is the row's counter, bumped by
  every change the services make;
- times are written in the organiser's zone (``TZID``) with the VTIMEZONE it needs (``add_missing_timezones``),
  so calendar programs show the same instants and handle daylight-saving time;
- a cancelled session or meeting is kept with ``STATUS:CANCELLED`` (so subscribed calendars remove it);
- a meeting without sessions is an all-day event over its dates.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from .models import Meeting, Session

PRODID = "-//clearinghouse//meetings//EN"


def _calendar(name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _location(meeting: Meeting) -> str:
    if meeting.online:
        return "Online"
    parts = [meeting.venue, meeting.city, meeting.country.name if meeting.country_id else ""]
    return ", ".join(p for p in parts if p)


def session_event(session: Session, meeting: Meeting, *, join_url: bool = False) -> Event:
    zone = zoneinfo.ZoneInfo(session.timezone or "UTC")
    event = Event()
    event.add("uid", session.ics_uid)
    event.add("sequence", session.sequence + meeting.sequence)
    event.add("dtstamp", (session.updated_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC))
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    title = meeting.title if session.title == meeting.title else f"{meeting.title}: {session.title}"
    event.add("summary", title)
    location = _location(meeting)
    if location:
        event.add("location", location)
    url = _url(meeting.get_absolute_url())
    event.add("url", url)
    description = [url]
    if join_url and session.join_url:
        description.insert(0, session.join_url)
    event.add("description", "\n".join(description))
    cancelled = session.is_cancelled or meeting.is_cancelled
    event.add("status", "CANCELLED" if cancelled else ("TENTATIVE" if meeting.status in ("planned", "postponed")
                                                        else "CONFIRMED"))
    return event


def meeting_event(meeting: Meeting) -> Event:
    """An all-day event over the meeting's days (for meetings without timed sessions)."""
    event = Event()
    event.add("uid", f"meeting-{meeting.uid}@clearinghouse")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", (meeting.updated_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC))
    event.add("dtstart", meeting.starts_on)
    event.add("dtend", meeting.ends_on + dt.timedelta(days=1))  # DTEND of a DATE event is exclusive
    event.add("summary", meeting.title)
    location = _location(meeting)
    if location:
        event.add("location", location)
    event.add("url", _url(meeting.get_absolute_url()))
    event.add("status", "CANCELLED" if meeting.is_cancelled else (
        "TENTATIVE" if meeting.status in ("planned", "postponed") else "CONFIRMED"))
    return event


def _meeting_events(meeting: Meeting, sessions: Iterable[Session], *, join_urls: bool = False) -> list[Event]:
    sessions = list(sessions)
    if not sessions:
        return [meeting_event(meeting)]
    return [session_event(s, meeting, join_url=join_urls) for s in sessions]


def _finish(cal: Calendar) -> bytes:
    """Add the VTIMEZONE of each zone used, with its rules over the years the events span (a year either side),
    not the library's default 1970-2038 list of every change."""
    years = [e.decoded("dtstart").year for e in cal.walk("VEVENT")]
    if years:
        cal.add_missing_timezones(first_date=dt.date(min(years) - 1, 1, 1), last_date=dt.date(max(years) + 2, 1, 1))
    return cal.to_ical()


def session_ics(session: Session, *, join_url: bool = False) -> bytes:
    cal = _calendar()
    cal.add("method", "PUBLISH")
    cal.add_component(session_event(session, session.meeting, join_url=join_url))
    return _finish(cal)


def meeting_ics(meeting: Meeting, *, join_urls: bool = False) -> bytes:
    cal = _calendar(meeting.title)
    cal.add("method", "PUBLISH")
    for event in _meeting_events(meeting, meeting.sessions.all(), join_urls=join_urls):
        cal.add_component(event)
    return _finish(cal)


def feed_ics(meetings: Iterable[Meeting], *, name: str, join_urls_for: set[int] | None = None,
             sessions_only: dict[int, set[int]] | None = None) -> bytes:
    """A feed of many meetings (their sessions prefetched as ``meeting.sessions.all()``).

    ``join_urls_for``: session ids whose joining link the feed's owner may see (personal feed);
    ``sessions_only``: for a meeting id, the only sessions to include (a person registered for some of them)."""
    cal = _calendar(name)
    for meeting in meetings:
        sessions = list(meeting.sessions.all())
        if sessions_only is not None and meeting.pk in sessions_only and sessions_only[meeting.pk]:
            sessions = [s for s in sessions if s.pk in sessions_only[meeting.pk]]
        if not sessions:
            cal.add_component(meeting_event(meeting))
            continue
        for s in sessions:
            cal.add_component(session_event(s, meeting, join_url=bool(join_urls_for and s.pk in join_urls_for)))
    return _finish(cal)
