"""Meetings in a real browser: register for a session, see it in your own time zone (the browser's, then the
profile's), download the calendar file, cancel, and the first person waiting gets the seat (and is told)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from clearinghouse.meetings import services
from clearinghouse.meetings.models import Registration
from tests.factories import UserFactory, secretariat

from .conftest import login, logout, mail_text

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_register_own_time_ics_cancel_and_the_waiting_person_gets_the_seat(page, site, tmp_path):
    org = secretariat()
    year = dt.date.today().year + 1
    meeting = services.meeting_create(
        actor=org, title="Target 3 information session", kind="information", online=True,
        starts_on=dt.date(year, 11, 29), ends_on=dt.date(year, 11, 30), timezone="America/New_York",
        registration="session")
    session = services.session_create(actor=org, meeting=meeting, title="Evening session",
                                      starts_at=dt.datetime(year, 11, 29, 19, 0),
                                      ends_at=dt.datetime(year, 11, 29, 20, 30), timezone="America/New_York",
                                      join_url="https://zoom.example.org/j/evening", capacity=1)
    amina = UserFactory(email="amina@example.org", display_name="Amina")  # no time zone in her profile
    waiting = UserFactory(email="li@example.org", display_name="Li Wei", timezone="Asia/Shanghai")
    page.context.add_cookies([{"name": "tz", "value": "Africa/Nairobi", "url": site}])  # as site.js sets it

    login(page, site, amina.email, PASSWORD)
    page.goto(f"{site}{meeting.get_absolute_url()}")
    main = page.inner_text("main")
    assert "Times in Africa/Nairobi (your browser" in main
    local = session.starts_at.astimezone(dt.timezone(dt.timedelta(hours=3)))  # Nairobi: UTC+3 all year
    assert f"{local:%A} {local.day} {local:%B} {local.year}, {local:%H:%M}" in main  # the next day, 03:00
    assert f"Organiser's time: {session.starts_at.astimezone(session.zone):%A} 29 November {year}, 19:00" in main
    assert "zoom.example.org" not in page.content()  # the link is for registered participants
    page.get_by_role("button", name="Register for this session").click()
    page.wait_for_load_state()
    assert "You are registered" in page.inner_text("main")
    assert page.get_by_role("link", name="Join the session").get_attribute("href") == "https://zoom.example.org/j/evening"

    with page.expect_download() as info:
        page.get_by_role("link", name="Calendar file (ICS)").click()
    path = tmp_path / "session.ics"
    info.value.save_as(path)
    event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(dt.UTC) == session.starts_at
    assert "zoom.example.org/j/evening" in str(event["description"])
    logout(page)

    services.registration_create(actor=waiting, meeting=meeting, session=session)
    assert Registration.objects.get(user=waiting).status == "waiting"
    mail.outbox.clear()

    login(page, site, amina.email, PASSWORD)
    page.goto(f"{site}{meeting.get_absolute_url()}")
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    assert "Your registration is cancelled" in page.inner_text("main")
    assert Registration.objects.get(user=waiting).status == "confirmed"
    told = [m for m in mail.outbox if m.to == [waiting.email]]
    assert told and "A seat was freed" in mail_text(told[0])
    assert "Shanghai" in mail_text(told[0])  # her own time zone, from her profile
    logout(page)

    login(page, site, waiting.email, PASSWORD)
    page.goto(f"{site}{meeting.get_absolute_url()}")
    main = page.inner_text("main")
    assert "Times in Asia/Shanghai (the time zone of your profile)" in main and "You are registered" in main
    assert not page.js_errors
