"""The meeting pages as people see them: their own time, registration, documents, exports, bad input."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from clearinghouse.meetings import services
from clearinghouse.meetings.models import Meeting, Registration
from tests.factories import secretariat

from .factories import make_meeting, person, target3
from .test_services import pdf

pytestmark = pytest.mark.django_db


def test_seed_003_page_in_sydney_from_the_profile_with_new_york_beside(client, django_assert_max_num_queries):
    meeting, _first, _second = target3()
    client.force_login(person(timezone="Australia/Sydney"))
    with django_assert_max_num_queries(20):
        html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Times in Australia/Sydney (the time zone of your profile)" in html
    assert "Thursday 30 November 2023, 11:00–12:30" in html and "Friday 1 December 2023, 01:00–02:30" in html
    assert "Wednesday 29 November 2023, 19:00–20:30 America/New_York (EST)" in html
    assert 'datetime="2023-11-30T11:00:00+11:00"' in html


def test_anonymous_viewer_in_nairobi_through_the_browser_cookie_else_utc(client):
    meeting, _first, _second = target3()
    client.cookies["tz"] = "Africa/Nairobi"
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Times in Africa/Nairobi (your browser" in html
    assert "Thursday 30 November 2023, 03:00–04:30" in html and "Thursday 30 November 2023, 17:00–18:30" in html
    client.cookies["tz"] = "Nowhere/Else"
    assert "Times in UTC (UTC: set your time zone" in client.get(meeting.get_absolute_url()).content.decode()


def test_joining_link_only_for_registered_participants(client):
    meeting, first, _second = target3(future=True)
    u = person()
    client.force_login(u)
    assert "WN_first" not in client.get(meeting.get_absolute_url()).content.decode()
    services.registration_create(actor=u, meeting=meeting, session=first)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "WN_first" in html and "WN_second" not in html
    ics = client.get(reverse("meetings:session-ics", args=[meeting.slug, first.pk])).content
    assert b"WN_first" in ics
    client.logout()
    assert b"WN_first" not in client.get(reverse("meetings:session-ics", args=[meeting.slug, first.pk])).content


def test_register_after_capacity_says_waiting_list_and_cancel_gives_the_seat(client):
    meeting, first, _ = target3(capacity=1, future=True)
    a, b = person(), person()
    services.registration_create(actor=a, meeting=meeting, session=first)
    client.force_login(b)
    response = client.post(reverse("meetings:session-register", args=[meeting.slug, first.pk]), follow=True)
    assert "you are on the waiting list, number 1" in response.content.decode()
    client.force_login(a)
    reg = Registration.objects.get(user=a)
    response = client.post(reverse("meetings:cancel", args=[reg.pk]), follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    assert Registration.objects.get(user=b).status == "confirmed"


def test_bad_session_input_is_shown_on_the_form_and_nothing_is_saved(client):
    meeting = make_meeting()
    client.force_login(meeting.managers.first())
    url = reverse("meetings:session-create", args=[meeting.slug])
    html = client.post(url, {"title": "Late", "starts_at": "2023-11-29T19:00", "ends_at": "2023-11-29T18:00",
                             "timezone": "Mars/Olympus"}).content.decode()
    assert "Please correct the following" in html and "The session ends before it starts" not in html
    assert "“Mars/Olympus” is not a time zone we know" in html
    html = client.post(url, {"title": "Late", "starts_at": "2023-11-29T19:00", "ends_at": "2023-11-29T18:00",
                             "timezone": "America/New_York"}).content.decode()
    assert "The session ends before it starts." in html and 'value="Late"' in html
    assert meeting.sessions.count() == 0


def test_french_viewer_gets_a_localised_message_for_a_wrong_file(client):
    meeting = make_meeting()
    client.force_login(meeting.managers.first())
    url = reverse("meetings:document-create", args=[meeting.slug])
    fake = io.BytesIO(b"MZ\x90\x00 this is a program")
    fake.name = "agenda.pdf"
    response = client.post(url, {"symbol": "UNEP/CBD/X/1", "title": "Agenda", "kind": "working", "file_en": fake},
                           HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert response.status_code == 200 and "UNEP/CBD/X/1" in html  # the form keeps what was typed
    assert 'class="error-summary"' in html and 'href="#id_file_en"' in html
    assert meeting.documents.count() == 0


def test_documents_current_version_and_viewer_language_first(client, django_assert_max_num_queries):
    meeting = make_meeting()
    org = meeting.managers.first()
    for i in range(5):
        doc = services.document_create(actor=org, meeting=meeting, symbol=f"UNEP/CBD/TF.HOA/1/{i + 1}",
                                       title=f"Doc {i}", files={"en": pdf(), "fr": pdf("fr.pdf")})
        services.document_version_add(actor=org, document=doc, files={"en": pdf(), "fr": pdf("fr2.pdf")})
    with django_assert_max_num_queries(20):
        html = client.get(meeting.get_absolute_url()).content.decode()
    assert html.count("1 superseded version") == 5 and html.count("Version 2 (current)") == 5
    assert html.index('hreflang="en"') < html.index('hreflang="fr"')
    html = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert html.index('hreflang="fr"') < html.index('hreflang="en"')  # the viewer's language first


def test_participant_list_export_csv_and_xlsx_formula_safe(client):
    meeting = make_meeting(registration="meeting", starts_on=dt.date.today() + dt.timedelta(days=3),
                           ends_on=dt.date.today() + dt.timedelta(days=3), questions="Organisation *")
    services.registration_create(actor=person(display_name="=HYPERLINK(1)"), meeting=meeting,
                                 answers={"q1": "@IUCN"})
    client.force_login(meeting.managers.first())
    csv_text = client.get(reverse("meetings:participants", args=[meeting.slug]) + "?format=csv").content.decode()
    assert "'=HYPERLINK(1)" in csv_text and "'@IUCN" in csv_text and "Organisation" in csv_text
    xlsx = client.get(reverse("meetings:participants", args=[meeting.slug]) + "?format=xlsx").content
    rows = list(load_workbook(io.BytesIO(xlsx)).active.values)
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_attendance_marking(client):
    meeting = make_meeting(registration="meeting", starts_on=dt.date.today(), ends_on=dt.date.today())
    reg = services.registration_create(actor=person(), meeting=meeting)
    client.force_login(meeting.managers.first())
    client.post(reverse("meetings:attendance", args=[reg.pk]), {"attended": "yes"})
    reg.refresh_from_db()
    assert reg.attended is True


def test_public_feed_and_personal_feed_with_reset(client):
    meeting, first, _ = target3(future=True)
    body = client.get(reverse("meetings:feed")).content
    assert body.count(b"BEGIN:VEVENT") == 2 and b"WN_first" not in body
    assert client.get(reverse("meetings:feed-convention", args=["CITES"])).content.count(b"BEGIN:VEVENT") == 0
    u = person()
    services.registration_create(actor=u, meeting=meeting, session=first)
    client.force_login(u)
    html = client.get(reverse("meetings:mine")).content.decode()
    key = services.calendar_key_get(actor=u).key
    assert key in html
    client.logout()
    mine = client.get(reverse("meetings:personal-feed", args=[key])).content
    assert mine.count(b"BEGIN:VEVENT") == 1 and b"WN_first" in mine
    client.force_login(u)
    client.post(reverse("meetings:mine"))
    client.logout()
    assert client.get(reverse("meetings:personal-feed", args=[key])).status_code == 404


def test_create_meeting_form(client):
    client.force_login(secretariat())
    response = client.post(reverse("meetings:create"), {
        "title": "Fifth meeting of the Biodiversity Liaison Group", "kind": "partnership", "status": "held",
        "city": "Gland", "country": "CH", "starts_on": "2006-09-14", "timezone": "Europe/Zurich",
        "registration": "none", "conventions": ["CBD", "RAMSAR"]})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.ends_on == dt.date(2006, 9, 14)
    assert sorted(meeting.conventions.values_list("code", flat=True)) == ["CBD", "RAMSAR"]


def test_list_page(client, django_assert_max_num_queries):
    target3(future=True)
    make_meeting(title="Old one", starts_on=dt.date(2006, 9, 14), ends_on=dt.date(2006, 9, 14))
    with django_assert_max_num_queries(10):
        html = client.get(reverse("meetings:list")).content.decode()
    assert "Virtual information session" in html and "Old one" not in html
    assert "Old one" in client.get(reverse("meetings:list") + "?when=past").content.decode()
