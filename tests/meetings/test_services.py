"""Registration, waiting list, cancellation, nominations, documents and bad input, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from clearinghouse.core.errors import Conflict
from clearinghouse.meetings import services
from clearinghouse.meetings.demo import _pdf
from clearinghouse.meetings.models import Document, Meeting, Registration
from tests.factories import focal_point, secretariat

from .factories import make_meeting, make_session, person, target3
from .helpers import outbox

pytestmark = pytest.mark.django_db


def pdf(name="doc.pdf", text="A document"):
    return SimpleUploadedFile(name, _pdf(text), content_type="application/pdf")


def test_capacity_then_waiting_list_then_the_freed_seat_goes_to_the_first_waiting(run_on_commit):
    _meeting, first, _second = target3(capacity=2, future=True)
    a, b, c, d = (person() for _ in range(4))
    with run_on_commit():
        regs = [services.registration_create(actor=u, meeting=first.meeting, session=first) for u in (a, b, c, d)]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waiting", "waiting"]
    confirmed_mail = next(m for m in outbox() if m.to == [a.email])
    assert "WN_first" in confirmed_mail.body  # the joining link
    assert confirmed_mail.attachments[0][0].endswith(".ics")
    waiting_mail = next(m for m in outbox() if m.to == [c.email])
    assert "waiting list" in waiting_mail.body and not waiting_mail.attachments
    mail.outbox.clear()
    with run_on_commit():
        services.registration_cancel(actor=b, registration=regs[1])
    assert Registration.objects.get(pk=regs[2].pk).status == "confirmed"  # c waited first
    assert Registration.objects.get(pk=regs[3].pk).status == "waiting"
    assert [m.to for m in outbox()] == [[c.email]]
    assert "seat was freed" in outbox()[0].body and outbox()[0].attachments


def test_registering_twice_and_after_the_session_is_refused():
    _meeting, first, _ = target3(future=True)
    u = person()
    services.registration_create(actor=u, meeting=first.meeting, session=first)
    with pytest.raises(Conflict):
        services.registration_create(actor=u, meeting=first.meeting, session=first)
    _old, past, _ = target3()
    with pytest.raises(Conflict, match="over"):
        services.registration_create(actor=person(), meeting=past.meeting, session=past)


def test_required_questions_are_asked():
    meeting = make_meeting(registration="meeting", starts_on=dt.date.today() + dt.timedelta(days=9),
                           ends_on=dt.date.today() + dt.timedelta(days=9),
                           questions="Organisation you represent *\nDietary needs")
    with pytest.raises(ValidationError) as err:
        services.registration_create(actor=person(), meeting=meeting, answers={"q2": "none"})
    assert "Organisation you represent" in str(err.value)
    reg = services.registration_create(actor=person(), meeting=meeting, answers={"q1": "IUCN"})
    assert reg.answers == {"q1": "IUCN"} and reg.status == "confirmed"


def test_end_before_start_unknown_zone_and_used_symbol_are_refused_and_nothing_is_lost():
    meeting = make_meeting(symbol="UNEP/CBD/TF.HOA/1")
    s = make_session(meeting, title="Kept")
    with pytest.raises(ValidationError) as err:
        make_session(meeting, start=dt.datetime(2023, 11, 29, 19), hours=-1)
    assert "ends before it starts" in str(err.value.message_dict["ends_at"])
    with pytest.raises(ValidationError) as err:
        make_session(meeting, timezone="America/New_Yrok")
    assert "America/New_Yrok" in err.value.message_dict["timezone"][0]
    with pytest.raises(ValidationError) as err:
        make_meeting(symbol="UNEP/CBD/TF.HOA/1")
    assert "already used" in err.value.message_dict["symbol"][0]
    org = meeting.managers.first()
    services.document_create(actor=org, meeting=meeting, symbol="UNEP/CBD/TF.HOA/1/2", title="Work programme",
                             files={"en": pdf()})
    with pytest.raises(ValidationError) as err:
        services.document_create(actor=org, meeting=meeting, symbol="UNEP/CBD/TF.HOA/1/2", title="Again",
                                 files={"en": pdf()})
    assert "already used" in err.value.message_dict["symbol"][0]
    assert list(meeting.sessions.values_list("title", flat=True)) == ["Kept"] and s.pk
    assert Meeting.objects.count() == 1 and Document.objects.count() == 1


def test_a_file_of_the_wrong_type_is_refused_and_the_document_keeps_its_current_version():
    meeting = make_meeting()
    org = meeting.managers.first()
    doc = services.document_create(actor=org, meeting=meeting, symbol="UNEP/CBD/TF.HOA/1/1/Add.1",
                                   title="Annotated agenda", files={"en": pdf(), "fr": pdf("ordre.pdf")})
    fake = SimpleUploadedFile("agenda.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        services.document_version_add(actor=org, document=doc, files={"en": fake})
    assert "en file" in err.value.message_dict["files"][0]
    assert doc.versions.count() == 1 and doc.versions.get().is_current


def test_a_new_version_supersedes_the_previous_one_which_is_kept():
    meeting = make_meeting()
    org = meeting.managers.first()
    doc = services.document_create(actor=org, meeting=meeting, symbol="UNEP/CBD/TF.HOA/1/2", title="Work programme",
                                   files={"en": pdf()})
    services.document_version_add(actor=org, document=doc, files={"en": pdf(), "es": pdf("es.pdf")}, note="Rev.1")
    v2, v1 = doc.versions.all()
    assert (v2.number, v2.is_current, v1.is_current) == (2, True, False)
    assert sorted(v2.files.values_list("language", flat=True)) == ["en", "es"]
    assert v1.files.count() == 1


def test_only_a_focal_point_nominates_and_only_for_its_country_the_nominee_is_told(run_on_commit):
    meeting = make_meeting(nominations=True)
    fp_ke = focal_point("KE")
    with pytest.raises(PermissionDenied):
        services.nomination_create(actor=fp_ke, meeting=meeting, country="BR", name="X", email="x@example.org")
    with pytest.raises(PermissionDenied):
        services.nomination_create(actor=person(country_id="KE"), meeting=meeting, country="KE", name="X",
                                   email="x@example.org")
    with pytest.raises(ValidationError) as err:
        services.nomination_create(actor=fp_ke, meeting=meeting, country="KE", name="Wanjiku", email="w@example.org",
                                   funding_requested=True)
    assert "justification" in err.value.message_dict
    n = services.nomination_create(actor=fp_ke, meeting=meeting, country="KE", name="Wanjiku",
                                   email="w@example.org", funding_requested=True, justification="Travel from Kisumu")
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=fp_ke, nomination=n, status="accepted")
    with run_on_commit():
        services.nomination_decide(actor=secretariat(), nomination=n, status="waitlisted")
    assert n.status == "waitlisted"
    assert [m.to for m in outbox()] == [["w@example.org"]] and "waiting list" in outbox()[0].body


def test_reminders_go_once_to_confirmed_participants_with_the_calendar_file(run_on_commit):
    _meeting, first, _second = target3(capacity=1, future=True)
    a, b = person(), person()
    services.registration_create(actor=a, meeting=first.meeting, session=first)
    services.registration_create(actor=b, meeting=first.meeting, session=first)  # waiting
    mail.outbox.clear()
    soon = first.starts_at - dt.timedelta(hours=2)
    with run_on_commit():
        assert services.reminders_send(now=soon) == 1
    assert services.reminders_send(now=soon) == 0
    assert [m.to for m in outbox()] == [[a.email]]
    assert "WN_first" in outbox()[0].body and outbox()[0].attachments[0][2] == "text/calendar"


def test_cancelling_a_session_tells_the_registered_and_bumps_the_sequence(run_on_commit):
    _meeting, first, _ = target3(future=True)
    u = person()
    services.registration_create(actor=u, meeting=first.meeting, session=first)
    mail.outbox.clear()
    with run_on_commit():
        services.session_cancel(actor=first.meeting.managers.first(), session=first)
    message = outbox()[0]
    assert first.sequence == 1 and "cancelled" in message.subject.lower()
    assert b"STATUS:CANCELLED" in message.attachments[0][1]
