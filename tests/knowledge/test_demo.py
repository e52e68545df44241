import pytest

from clearinghouse.accounts.models import User
from clearinghouse.knowledge.demo import DOMAIN, PASSWORD, load_demo
from clearinghouse.knowledge.models import Record, RecordKind, Status

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_load_demo_is_rich_and_idempotent(client):
    result = load_demo()
    records = Record.objects.all()
    assert result["records"] >= 220
    assert set(records.values_list("kind", flat=True)) == set(RecordKind.values)
    assert {"ar", "en", "es", "fr", "ru", "zh", "pt"} <= set(records.values_list("language", flat=True))
    statuses = list(records.values_list("status", flat=True))
    assert statuses.count(Status.PUBLISHED) > len(statuses) * 0.7
    assert {Status.DRAFT, Status.SUBMITTED, Status.ARCHIVED} <= set(statuses)
    assert records.filter(revision=2).exists() and records.exclude(translations={}).exists()
    assert client.login(email=f"fp.ke@{DOMAIN}", password=PASSWORD) or client.login(
        username=f"fp.ke@{DOMAIN}", password=PASSWORD)
    count = Record.objects.count()
    again = load_demo()
    assert again["created"] == 0 and Record.objects.count() == count
    assert User.objects.filter(email__endswith=DOMAIN).count() == 26
