"""The demo: the three seed notifications with their real references and dates, found by reference and by words
in another language; the seed 000 call with answers from demo focal points; loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from clearinghouse.notifications import demo, selectors
from clearinghouse.notifications.models import Notification, Submission

pytestmark = pytest.mark.django_db


def test_demo_holds_the_seeds_and_is_idempotent(settings, monkeypatch):
    from clearinghouse.search.indexing import index_many

    # as `clearinghouse demo` does: index once at the end, without vectors; a fast hasher for the demo people
    monkeypatch.setattr("clearinghouse.search.services.index_later", lambda source, pk: None)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load_demo()
    n000 = Notification.objects.get(reference="SCBD/STTM/OH/SG/VA/56219")
    n001 = Notification.objects.get(reference="SCBD/BS/CG/ET/ps/83555")
    n003 = Notification.objects.get(subject=demo.SUBJECT_003)
    assert n000.date == dt.date(2006, 10, 13) and n000.signatory_title == "Executive Secretary"
    assert n001.date == dt.date(2014, 5, 16) and n001.signatory_name == "Bráulio Ferreira de Souza Dias"
    assert n003.signatory_name == "David Cooper" and n003.reference
    assert all(n.status == "published" for n in (n000, n001, n003))
    call = n000.calls.get()
    assert call.deadline_wall == dt.datetime(2007, 1, 31, 23, 59) and call.deadline_timezone == "America/Montreal"
    subs = Submission.objects.filter(call=call, status="submitted")
    assert subs.count() == 5
    assert set(subs.filter(late=True).values_list("country_id", flat=True)) == {"MX"}  # MA at 22:00 Montreal
    assert Notification.objects.count() >= 30
    years = set(Notification.objects.values_list("date__year", flat=True))
    assert len(years) >= 15
    index_many("notification", Notification.objects.values_list("pk", flat=True), vectors=False)
    assert n000.pk in selectors.search_ids("Sud-Sud")
    assert n000 in selectors.notifications_archive(q="56219")
    count = Notification.objects.count()
    demo.load_demo()
    assert Notification.objects.count() == count
