"""Sessions as viewers in other time zones live them (seed 003), across DST changes and the date line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from clearinghouse.meetings.timezones import instant, session_time, viewer_zone

from .factories import make_meeting, make_session, target3

pytestmark = pytest.mark.django_db


def _local(session, zone):
    return session_time(session.starts_at, session.ends_at, session.timezone, zone)


def test_seed_003_sessions_in_sydney_and_nairobi():
    _meeting, first, second = target3()
    assert first.starts_at == dt.datetime(2023, 11, 30, 0, 0, tzinfo=dt.UTC)  # 7:00 p.m. EST = 00:00 UTC
    sydney = [_local(s, "Australia/Sydney").start for s in (first, second)]
    assert [(d.strftime("%a %d %b"), d.hour) for d in sydney] == [("Thu 30 Nov", 11), ("Fri 01 Dec", 1)]
    nairobi = [_local(s, "Africa/Nairobi").start for s in (first, second)]
    assert [(d.day, d.month, d.hour) for d in nairobi] == [(30, 11, 3), (30, 11, 17)]
    t = _local(first, "Australia/Sydney")
    assert t.original_start.hour == 19 and t.original_start.day == 29 and t.day_shift == 1


def test_session_across_a_dst_change_keeps_its_instants():
    """New York leaves daylight time on 5 Nov 2023 at 02:00: a 01:00-04:00 session lasts four hours."""
    meeting = make_meeting()
    s = make_session(meeting, start=dt.datetime(2023, 11, 5, 1, 0), hours=3, title="Night")  # wall clock 01-04
    assert s.ends_at == instant(dt.datetime(2023, 11, 5, 4, 0), "America/New_York")
    assert s.ends_at - s.starts_at == dt.timedelta(hours=4)
    t = _local(s, "America/New_York")
    assert t.start.utcoffset() == dt.timedelta(hours=-4) and t.end.utcoffset() == dt.timedelta(hours=-5)


def test_a_time_the_clocks_skip_is_refused_with_a_message():
    meeting = make_meeting()
    with pytest.raises(ValidationError) as err:
        make_session(meeting, start=dt.datetime(2024, 3, 10, 2, 30))  # 02:00-03:00 does not exist in New York
    assert "does not exist" in str(err.value.message_dict["starts_at"])


def test_the_date_line_kiribati_and_samoa_live_different_days():
    """Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart: the same instant is two dates away."""
    _meeting, first, _second = target3()
    kiribati, samoa = _local(first, "Pacific/Kiritimati").start, _local(first, "Pacific/Pago_Pago").start
    assert (kiribati.day, kiribati.hour) == (30, 14) and (samoa.day, samoa.hour) == (29, 13)
    assert kiribati.date() - samoa.date() == dt.timedelta(days=1)


def test_viewer_zone_profile_then_browser_then_utc(django_user_model):
    class Anonymous:
        is_authenticated = False

    assert viewer_zone(Anonymous(), "Africa/Nairobi").source == "browser"
    assert viewer_zone(Anonymous(), "Mars/Olympus").source == "utc"
    user = django_user_model(timezone="Australia/Sydney")
    assert viewer_zone(user, "Africa/Nairobi") == viewer_zone(user, None)
    assert viewer_zone(user, None).name == "Australia/Sydney" and viewer_zone(user, None).source == "profile"
