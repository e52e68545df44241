"""Editing a record at the same time: the open page renews a short lease, a publisher may take over, and a save
checks the version the editor opened, so nobody silently overwrites someone else (knowledge views/services)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from clearinghouse.knowledge import services
from clearinghouse.knowledge.models import Record, RecordEvent
from tests import factories as f

pytestmark = pytest.mark.django_db

VERSION_RE = re.compile(r'name="version" value="([^"]*)"')


def _edit_page(client, record) -> str:
    response = client.get(reverse("knowledge:edit", args=[record.base_id]))
    assert response.status_code == 200
    return response.content.decode()


def _version(html: str) -> str:
    found = VERSION_RE.search(html)
    assert found, "the edit form carries no version"
    return found.group(1)


def test_a_save_over_someone_elses_newer_save_is_refused_and_keeps_the_text(client):
    alice = f.authorised_user("KE", display_name="Alice Wanjiru")
    bob = f.authorised_user("KE", display_name="Bob Otieno")
    record = f.make_record(owner=alice)
    client.force_login(alice)
    opened = _version(_edit_page(client, record))
    services.record_update(actor=bob, record=record, data={"title": "Bob's title"})  # Bob saves meanwhile

    url = reverse("knowledge:edit", args=[record.base_id])
    mine = {"title": "Alice's careful title", "language": "en", "summary": "Alice's summary", "version": opened}
    response = client.post(url, mine)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone saved this record since you opened it (Bob Otieno" in html
    assert "Alice&#x27;s careful title" in html or "Alice's careful title" in html  # her text is still there
    record.refresh_from_db()
    assert record.title == "Bob's title"  # his save is not lost
    # having seen it, she saves again on purpose (the page now carries the current version)
    response = client.post(url, {**mine, "version": _version(html)})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.title == "Alice's careful title"


def test_the_open_page_renews_its_lease_and_is_told_when_someone_else_holds_it(client):
    alice = f.authorised_user("KE", display_name="Alice Wanjiru")
    bob = f.authorised_user("KE")
    record = f.make_record(owner=alice)
    client.force_login(alice)
    html = _edit_page(client, record)
    lease = reverse("knowledge:lease", args=[record.base_id])
    assert f'hx-post="{lease}" hx-trigger="every 60s"' in html
    assert client.post(lease).status_code == 200
    record.refresh_from_db()
    assert record.locked_by == alice and record.locked_at
    client.force_login(bob)
    response = client.post(lease)
    assert "Alice Wanjiru is editing this record until" in response.content.decode()
    record.refresh_from_db()
    assert record.locked_by == alice
    assert client.get(lease).status_code == 405


def test_a_publisher_takes_over_editing_with_a_record_event(client):
    alice = f.authorised_user("KE", display_name="Alice Wanjiru")
    record = f.make_record(owner=alice)
    services.record_lock(actor=alice, record=record)
    take_over = reverse("knowledge:take-over", args=[record.base_id])

    colleague = f.authorised_user("KE")
    client.force_login(colleague)
    draft = client.get(reverse("knowledge:record-draft", args=[record.base_id])).content.decode()
    assert "Take over editing" not in draft
    client.post(take_over)
    record.refresh_from_db()
    assert record.locked_by == alice  # only a publisher may

    fp = f.focal_point("KE", display_name="Focal Point Kenya")
    client.force_login(fp)
    draft = client.get(reverse("knowledge:record-draft", args=[record.base_id])).content.decode()
    assert "Take over editing" in draft
    response = client.post(take_over)
    assert response.status_code == 302 and response.url == reverse("knowledge:edit", args=[record.base_id])
    record.refresh_from_db()
    assert record.locked_by == fp
    event = RecordEvent.objects.filter(record=record, actor=fp).latest("created_at")
    assert "Took over editing from Alice Wanjiru" in event.comment
    # Alice's page learns it at its next renewal, and her save is refused while the lease runs
    client.force_login(alice)
    assert "Focal Point Kenya is editing" in client.post(reverse("knowledge:lease", args=[record.base_id])).content.decode()
    assert Record.objects.get(pk=record.pk).locked_by == fp
