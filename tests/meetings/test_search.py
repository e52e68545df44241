"""Meetings in the site search, indexed by the services' own after-commit task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clearinghouse.meetings import services

from .factories import make_meeting, make_session

pytestmark = pytest.mark.django_db


def test_a_meeting_is_found_by_its_title_agenda_and_documents_symbols(client, run_on_commit):
    with run_on_commit():
        meeting = make_meeting(title="Regional workshop on invasive alien species", symbol="CBD/IAS/WS/2027/1",
                               city="Nairobi", starts_on=dt.date(2027, 3, 2), ends_on=dt.date(2027, 3, 4))
    actor = meeting.managers.first()
    with run_on_commit():
        services.agenda_item_add(actor=actor, meeting=meeting, number="4", title="Biocontrol of water hyacinth")
        make_session(meeting, title="Field visit to Lake Naivasha", start=dt.datetime(2027, 3, 3, 9, 0))
        services.document_create(actor=actor, meeting=meeting, symbol="CBD/IAS/WS/2027/1/INF/3",
                                 title="Pathways of introduction", files={"en": SimpleUploadedFile(
                                     "inf3.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")})

    for query in ("invasive workshop", "hyacinth", "Naivasha", "CBD/IAS/WS/2027/1/INF/3", "pathways introduction"):
        html = client.get("/search/", {"q": query, "mode": "keyword"}).content.decode()
        assert meeting.get_absolute_url() in html, query
    page = client.get("/search/", {"q": "hyacinth"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<span class="tag">Réunion</span>' in page  # its kind, in the reader's language


def test_a_renamed_meeting_is_found_by_its_new_title(client, run_on_commit):
    with run_on_commit():
        meeting = make_meeting(title="Expert meeting on peatlands")
    with run_on_commit():
        services.meeting_update(actor=meeting.managers.first(), meeting=meeting, title="Expert meeting on mangroves")
    assert meeting.get_absolute_url() in client.get("/search/", {"q": "mangroves", "mode": "keyword"}).content.decode()
    assert meeting.get_absolute_url() not in client.get("/search/", {"q": "peatlands", "mode": "keyword"}).content.decode()


def test_on_an_arabic_page_a_meetings_symbol_reads_left_to_right_and_a_meeting_without_one_shows_no_slug(
        client, run_on_commit):
    """The browser walk found the slug "2027-01-target-3-partnership-follow-up-..." laid out right to left
    in an Arabic results list: identifiers are isolated left to right, and a slug is not shown as a name."""
    with run_on_commit():
        with_symbol = make_meeting(title="Peatland restoration workshop", symbol="CBD/PEAT/WS/1")
        without = make_meeting(title="Peatland information session")
    html = client.get("/search/", {"q": "peatland", "mode": "keyword"}, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<bdi dir="ltr">CBD/PEAT/WS/1</bdi>' in html
    assert without.get_absolute_url() in html and without.slug not in html.replace(without.get_absolute_url(), "")
    assert with_symbol.get_absolute_url() in html
