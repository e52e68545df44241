"""The API at /api/v1/notifications/: the archive with its filters, one notification, calls and the submissions
published with consent; drafts and unpublished submissions never leave the server."""

from __future__ import annotations

import datetime as dt

import pytest

from clearinghouse.notifications import services
from tests import factories as f

from . import factories as nf

pytestmark = pytest.mark.django_db
BASE = "/api/v1/notifications/"


def test_list_and_detail_fields(client):
    staff = nf.Staff()
    n = nf.draft(staff, reference="SCBD/STTM/OH/SG/VA/56219", translations={
        "fr": {"subject": "Coopération Sud-Sud", "body": "Texte", "official": True}})
    nf.call(staff, n)
    nf.publish(staff, n)
    nf.draft(staff, subject="A draft")
    data = client.get(BASE).json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["reference"] == "SCBD/STTM/OH/SG/VA/56219"
    assert item["date"] == "2006-10-13"
    assert item["deadline"] == "2007-01-31T23:59:00-05:00"
    assert item["signatory"] == "Ahmed Djoghlaf" and item["language"] == "en"
    assert item["addressees"] == [{"code": "cbd-nfp", "name": "CBD national focal points"}]
    assert item["translations"] == [{"language": "fr", "official": True, "subject": "Coopération Sud-Sud",
                                     "body": "Texte"}]
    assert item["url"].endswith(n.get_absolute_url())
    assert client.get(f"{BASE}{n.pk}/").json()["reference"] == n.reference


def test_filters(client):
    nf.published(subject="Old", date=dt.date(2006, 10, 13))
    nf.published(subject="Nagoya", convention="NP", codes=("np-nfp",), date=dt.date(2014, 5, 16))
    subjects = lambda **params: [i["subject"] for i in client.get(BASE, params).json()["items"]]  # noqa: E731
    assert subjects(year=2006) == ["Old"]
    assert subjects(convention="NP") == ["Nagoya"]
    assert subjects(convention="CBD") == ["Nagoya", "Old"]  # the protocols are the convention's
    assert subjects(addressee="np-nfp") == ["Nagoya"]
    assert subjects(q="Nagoya") == ["Nagoya"]
    assert client.get(BASE, {"year": "x"}).status_code == 422


def test_a_draft_is_not_in_the_api(client):
    n = nf.draft()
    assert client.get(f"{BASE}{n.pk}/").status_code == 404


def test_calls_and_public_submissions(client):
    call = nf.open_call()
    fp, fp2 = f.focal_point("KE"), f.focal_point("MA")
    s = services.submission_submit(actor=fp, submission=services.submission_save(
        actor=fp, call=call, country="KE", text="Published one", consent_publish=True, files=[nf.pdf()]))
    services.submission_submit(actor=fp2, submission=services.submission_save(
        actor=fp2, call=call, country="MA", text="Not published"))
    services.submission_publish(actor=call.staff.drafter, submission=s)
    calls = client.get(f"{BASE}calls/").json()["items"]
    assert [c["id"] for c in calls] == [call.pk]
    detail = client.get(f"{BASE}calls/{call.pk}/").json()
    assert detail["deadline_timezone"] == "America/Montreal" and detail["submissions_published"] == 1
    subs = client.get(f"{BASE}calls/{call.pk}/submissions/").json()["items"]
    assert [x["number"] for x in subs] == [s.number]
    assert subs[0]["files"][0]["name"] == "contribution.pdf"
    assert "Not published" not in str(subs)
