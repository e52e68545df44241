"""Calendar files parsed back with icalendar: the same instants, stable UID, SEQUENCE, cancelled sessions."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from clearinghouse.meetings import calendars, services
from clearinghouse.meetings.selectors import meetings_for_feed

from .factories import make_meeting, target3

pytestmark = pytest.mark.django_db


def events(data: bytes):
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_seed_003_feed_carries_both_sessions_at_the_right_instants():
    meeting, first, second = target3()
    cal = Calendar.from_ical(calendars.feed_ics(meetings_for_feed(), name="Meetings"))
    found = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    start1, start2 = found[first.ics_uid].decoded("dtstart"), found[second.ics_uid].decoded("dtstart")
    assert start1 == dt.datetime(2023, 11, 30, 0, 0, tzinfo=dt.UTC)
    assert start2 == dt.datetime(2023, 11, 30, 14, 0, tzinfo=dt.UTC)
    assert found[first.ics_uid]["dtstart"].params["TZID"] == "America/New_York"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert meeting.title in str(found[first.ics_uid]["summary"])


def test_uid_stable_sequence_bumped_and_cancelled_status():
    meeting, first, _second = target3(future=True)
    before = events(calendars.session_ics(first))[0]
    org = meeting.managers.first()
    local = first.starts_at.astimezone(first.zone).replace(tzinfo=None)
    services.session_update(actor=org, session=first, starts_at=local + dt.timedelta(hours=1),
                            ends_at=local + dt.timedelta(hours=2))
    after = events(calendars.session_ics(first))[0]
    assert after["uid"] == before["uid"] and int(after["sequence"]) > int(before["sequence"])
    assert after.decoded("dtstart").astimezone(dt.UTC) - before.decoded("dtstart").astimezone(dt.UTC) == \
        dt.timedelta(hours=1)
    services.session_cancel(actor=org, session=first)
    cancelled = events(calendars.session_ics(first))[0]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) > int(after["sequence"])


def test_a_meeting_without_sessions_is_an_all_day_event_over_its_days():
    meeting = make_meeting(title="Brainstorming", online=False, city="Montreal", country="CA",
                           starts_on=dt.date(2006, 11, 6), ends_on=dt.date(2006, 11, 8), timezone="America/Toronto")
    event = events(calendars.meeting_ics(meeting))[0]
    assert event.decoded("dtstart") == dt.date(2006, 11, 6) and event.decoded("dtend") == dt.date(2006, 11, 9)
    assert "Montreal" in str(event["location"])


def test_a_session_across_the_dst_change_keeps_its_length_in_the_file():
    meeting = make_meeting()
    s = services.session_create(actor=meeting.managers.first(), meeting=meeting, title="Night",
                                starts_at=dt.datetime(2023, 11, 5, 1, 0), ends_at=dt.datetime(2023, 11, 5, 4, 0),
                                timezone="America/New_York")
    e = events(calendars.session_ics(s))[0]
    start, end = e.decoded("dtstart").astimezone(dt.UTC), e.decoded("dtend").astimezone(dt.UTC)
    assert end - start == dt.timedelta(hours=4)  # 01:00 EDT to 04:00 EST (same-zone subtraction is wall clock)
    assert (start, end) == (s.starts_at, s.ends_at)
