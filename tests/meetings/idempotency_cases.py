"""Double-submit cases of the meetings forms, for tests/core/test_idempotency.py (which lists every scope)."""

from __future__ import annotations

import datetime as dt
import io


def _case(*args, **kwargs):
    from tests.core.test_idempotency import Case

    return Case(*args, **kwargs)


def _pdf(name: str = "doc.pdf"):
    from clearinghouse.meetings.demo import _pdf as make

    f = io.BytesIO(make("A document"))
    f.name = name
    return f


def _meeting():
    from clearinghouse.meetings.models import Meeting
    from tests.factories import secretariat

    return _case(secretariat(), "/meetings/new/", {
        "title": "Expert meeting on South-South cooperation", "kind": "expert", "status": "planned", "online": "on",
        "starts_on": "2027-09-10", "timezone": "America/Toronto", "registration": "none"},
        Meeting.objects.count, again={"title": "Another expert meeting"})


def _session():
    from clearinghouse.meetings.models import Session
    from tests.meetings.factories import make_meeting

    meeting = make_meeting()
    return _case(meeting.managers.first(), f"/meetings/{meeting.slug}/sessions/new/", {
        "title": "Evening", "starts_at": "2027-11-29T19:00", "ends_at": "2027-11-29T20:30",
        "timezone": "America/New_York"}, Session.objects.count)


def _agenda_item():
    from clearinghouse.meetings.models import AgendaItem
    from tests.meetings.factories import make_meeting

    meeting = make_meeting()
    return _case(meeting.managers.first(), f"/meetings/{meeting.slug}/agenda/new/",
                 {"number": "1", "title": "Opening"}, AgendaItem.objects.count, again={"number": "2"})


def _document():
    from clearinghouse.meetings.models import Document
    from tests.meetings.factories import make_meeting

    meeting = make_meeting()
    return _case(meeting.managers.first(), f"/meetings/{meeting.slug}/documents/new/", {
        "symbol": "UNEP/CBD/TF.HOA/1/2", "title": "Work programme", "kind": "working", "file_en": _pdf()},
        Document.objects.count, again={"symbol": "UNEP/CBD/TF.HOA/1/3"})


def _version():
    from clearinghouse.meetings import services
    from clearinghouse.meetings.models import DocumentVersion
    from tests.meetings.factories import make_meeting
    from tests.meetings.test_services import pdf

    meeting = make_meeting()
    org = meeting.managers.first()
    doc = services.document_create(actor=org, meeting=meeting, symbol="UNEP/CBD/TF.HOA/1/2", title="Work programme",
                                   files={"en": pdf()})
    return _case(org, f"/meetings/{meeting.slug}/documents/{doc.pk}/versions/new/",
                 {"note": "Rev.1", "file_en": _pdf("rev.pdf")}, DocumentVersion.objects.count)


def _registration():
    from clearinghouse.meetings.models import Registration
    from tests.meetings.factories import person, target3

    meeting, first, _second = target3(future=True)
    return _case(person(), meeting.get_absolute_url(), {}, Registration.objects.count,
                 url=f"/meetings/{meeting.slug}/sessions/{first.pk}/register/", again=None)


def _nomination():
    from clearinghouse.meetings.models import Nomination
    from tests.factories import focal_point
    from tests.meetings.factories import make_meeting

    meeting = make_meeting(nominations=True, starts_on=dt.date.today() + dt.timedelta(days=30),
                           ends_on=dt.date.today() + dt.timedelta(days=30))
    return _case(focal_point("KE"), f"/meetings/{meeting.slug}/nominate/", {
        "country": "KE", "name": "Wanjiku Kamau", "email": "wanjiku@example.org"}, Nomination.objects.count,
        again={"email": "otieno@example.org", "name": "Otieno"})


CASES = {
    "meetings.meeting_create": _meeting,
    "meetings.session_create": _session,
    "meetings.agenda_item_create": _agenda_item,
    "meetings.document_create": _document,
    "meetings.document_version_create": _version,
    "meetings.registration_create": _registration,
    "meetings.nomination_create": _nomination,
}
