"""/api/v1/meetings/: the list, and a meeting with its sessions (ISO 8601 with offset, IANA zone, ICS URL) and
documents (symbols, languages)."""

from __future__ import annotations

import pytest

from clearinghouse.meetings import services

from .factories import make_meeting, target3
from .test_services import pdf

pytestmark = pytest.mark.django_db


def test_list_and_detail(client):
    meeting, first, second = target3()
    tf = make_meeting(title="Task force", symbol="UNEP/CBD/TF.HOA/1", timezone="Europe/Zurich")
    services.document_create(actor=tf.managers.first(), meeting=tf, symbol="UNEP/CBD/TF.HOA/1/1/Add.1",
                             title="Annotated agenda", files={"en": pdf(), "fr": pdf("fr.pdf")})
    data = client.get("/api/v1/meetings/").json()
    assert data["count"] == 2 and {m["slug"] for m in data["items"]} == {meeting.slug, tf.slug}
    detail = client.get(f"/api/v1/meetings/{meeting.slug}/").json()
    assert detail["timezone"] == "America/New_York"
    s1, s2 = detail["sessions"]
    assert s1["start"] == "2023-11-29T19:00:00-05:00" and s2["start"] == "2023-11-30T09:00:00-05:00"
    assert s1["timezone"] == "America/New_York" and s1["ics_url"].endswith(f"/sessions/{first.pk}.ics")
    assert "join_url" not in s1  # joining links are for registered participants only
    doc = client.get(f"/api/v1/meetings/{tf.slug}/").json()["documents"][0]
    assert doc["symbol"] == "UNEP/CBD/TF.HOA/1/1/Add.1" and doc["languages"] == ["en", "fr"] and doc["version"] == 1


def test_unknown_meeting_is_404(client):
    assert client.get("/api/v1/meetings/nope/").status_code == 404
