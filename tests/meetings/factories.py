"""Meetings built through the services, as the site builds them."""

from __future__ import annotations

import datetime as dt

from clearinghouse.meetings import services
from tests.factories import UserFactory, secretariat


def make_meeting(*, actor=None, **data):
    actor = actor or secretariat()
    data.setdefault("title", "Virtual information session on Target 3")
    data.setdefault("kind", "information")
    data.setdefault("online", True)
    data.setdefault("starts_on", dt.date(2023, 11, 29))
    data.setdefault("ends_on", dt.date(2023, 11, 30))
    data.setdefault("timezone", "America/New_York")
    return services.meeting_create(actor=actor, **data)


def make_session(meeting, *, actor=None, start=dt.datetime(2023, 11, 29, 19, 0), hours: float = 1.5, **data):
    actor = actor or meeting.managers.first()
    data.setdefault("timezone", meeting.timezone)
    data.setdefault("title", "Session")
    return services.session_create(actor=actor, meeting=meeting, starts_at=start,
                                   ends_at=start + dt.timedelta(hours=hours), **data)


def target3(*, capacity: int | None = None, future: bool = False):
    """Seed 003: two sessions, 29 Nov 2023 7:00 p.m. and 30 Nov 2023 9:00 a.m. New York time (or the same
    wall-clock times a year ahead when ``future``, so registration is open)."""
    year = dt.date.today().year + 1 if future else 2023
    meeting = make_meeting(registration="session", starts_on=dt.date(year, 11, 29), ends_on=dt.date(year, 11, 30))
    first = make_session(meeting, start=dt.datetime(year, 11, 29, 19, 0), title="First session", capacity=capacity,
                         join_url="https://zoom.us/webinar/register/WN_first")
    second = make_session(meeting, start=dt.datetime(year, 11, 30, 9, 0), title="Second session", capacity=capacity,
                          join_url="https://zoom.us/webinar/register/WN_second")
    return meeting, first, second


def person(**kwargs):
    return UserFactory(**kwargs)
