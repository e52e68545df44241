import pytest
from django.urls import reverse

from clearinghouse.accounts.models import User
from clearinghouse.knowledge import services
from clearinghouse.knowledge.models import Record, Status
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser(email="root@example.org", username="root", password="x" * 12)
    client.force_login(user)
    return client


def test_changelist_and_actions_use_services(admin_client):
    submitted = f.make_record(title="Waiting")
    services.record_submit(actor=submitted.owner, record=submitted)
    published = f.make_record(title="Online", publish=True)
    url = reverse("admin:knowledge_record_changelist")
    page = admin_client.get(url).content.decode()
    assert submitted.base_id in page and published.public_id in page
    admin_client.post(url, {"action": "publish_records", "_selected_action": [submitted.pk]})
    submitted.refresh_from_db()
    assert submitted.revision == 1 and submitted.events.filter(action="published").exists()
    admin_client.post(url, {"action": "archive_records", "_selected_action": [published.pk]})
    published.refresh_from_db()
    assert published.status == Status.ARCHIVED
    assert "delete_selected" not in admin_client.get(url).content.decode()
    assert Record.objects.count() == 2


def test_change_page_shows_revisions_read_only(admin_client):
    record = f.make_record(title="Online", publish=True)
    page = admin_client.get(reverse("admin:knowledge_record_change", args=[record.pk])).content.decode()
    assert "Online" in page and "revision" in page.lower()


def test_admin_edit_goes_through_the_service(admin_client):
    record = f.make_record(title="Online", publish=True)
    url = reverse("admin:knowledge_record_change", args=[record.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"title": "Online, corrected", "language": "en", "visibility": "public", "details": "{}",
                 "translations": "{}", "countries": ["KE"]})
    for prefix in ("revisions", "events", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert record.title == "Online, corrected" and record.has_unpublished_changes
    assert record.events.filter(action="edited").exists()
    assert selectors_live_title(record) == "Online"


def selectors_live_title(record):
    from clearinghouse.knowledge.selectors import live_revision

    return live_revision(record).data["title"]
