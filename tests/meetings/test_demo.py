"""The demo holds the seed meetings with their real dates, places and symbols, and loads twice without change."""

from __future__ import annotations

import datetime as dt

import pytest

from clearinghouse.meetings import demo
from clearinghouse.meetings.models import Document, Meeting, Session

pytestmark = pytest.mark.django_db


def test_seed_meetings_and_idempotent():
    demo.load_demo()
    counts = (Meeting.objects.count(), Session.objects.count(), Document.objects.count())
    demo.load_demo()
    assert (Meeting.objects.count(), Session.objects.count(), Document.objects.count()) == counts
    montreal = Meeting.objects.get(kind="brainstorming")
    assert (montreal.city, montreal.starts_on, montreal.ends_on) == ("Montreal", dt.date(2006, 11, 6),
                                                                      dt.date(2006, 11, 8))
    assert "Netherlands" in montreal.funders
    t3 = Meeting.objects.get(starts_on=dt.date(2023, 11, 29))
    starts = [s.starts_at.astimezone(s.zone) for s in t3.sessions.all()]
    assert [(d.day, d.hour, d.tzname()) for d in starts] == [(29, 19, "EST"), (30, 9, "EST")]
    assert t3.registration == "session" and t3.tr("title", "fr").startswith("Séance")
    unea = Meeting.objects.get(starts_on=dt.date(2024, 2, 22))
    assert unea.city == "Nairobi" and "UNEA-6" in unea.margins_of and unea.ends_on == dt.date(2024, 2, 23)
    assert Meeting.objects.get(symbol="BLG-5").starts_on == dt.date(2006, 9, 14)
    tf = Meeting.objects.get(symbol="UNEP/CBD/TF.HOA/1")
    assert tf.starts_on == dt.date(2006, 9, 15) and tf.city == "Gland"
    assert sorted(tf.documents.values_list("symbol", flat=True)) == ["UNEP/CBD/TF.HOA/1/1/Add.1",
                                                                      "UNEP/CBD/TF.HOA/1/2"]
    ahead = Meeting.objects.get(title__contains="(demo)")
    assert ahead.starts_on > dt.date.today() and ahead.nominations


def test_links_to_the_partnerships_demo_when_it_is_loaded():
    from clearinghouse.partnerships import services as partnerships
    from tests.factories import secretariat

    actor = secretariat()
    partnerships.partnership_create(actor=actor, data={
        "slug": "target-3", "name": "Global Partnership for Target 3 of the Kunming-Montreal GBF"})
    partnerships.partnership_create(actor=actor, data={
        "slug": "hoa-tf", "kind": "task_force", "name": "Heads of Agencies Task Force on the 2010 Target"})
    demo.load_demo()
    t3 = Meeting.objects.get(starts_on=dt.date(2023, 11, 29))
    assert t3.partnership is not None and "Target 3" in t3.partnership.name
    tf = Meeting.objects.get(symbol="UNEP/CBD/TF.HOA/1")
    assert tf.task_force is not None and tf.task_force.kind == "task_force"
