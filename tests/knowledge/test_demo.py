import pytest

from clearinghouse.accounts.models import User
from clearinghouse.knowledge.demo import COUNTRIES, DOMAIN, PASSWORD, THEMES, fitting_places, load_demo
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
    assert_themes_fit_their_places(records)
    assert client.login(email=f"fp.ke@{DOMAIN}", password=PASSWORD) or client.login(
        username=f"fp.ke@{DOMAIN}", password=PASSWORD)
    count = Record.objects.count()
    again = load_demo()
    assert again["created"] == 0 and Record.objects.count() == count
    assert User.objects.filter(email__endswith=DOMAIN).count() == 30  # with one administrator per community
    assert User.objects.get(email=f"secretariat@{DOMAIN}").is_staff  # so the demo can read the /outbox/


def assert_themes_fit_their_places(records) -> None:
    """No record puts a theme in a place where it cannot happen (e.g. mangroves in the Cerrado)."""
    checked = 0
    for record in records.exclude(countries=None).prefetch_related("countries"):
        for country in record.countries.all():
            if country.pk not in COUNTRIES:
                continue
            lang, places, places_en = COUNTRIES[country.pk]
            text = f"{record.title}\n{record.summary}"
            for theme in THEMES:
                if theme[0][record.language].lower() not in text.lower():
                    continue
                names = places if record.language == lang else (places_en or places)
                wrong = [names[i] for i in range(len(names)) if i not in fitting_places(country.pk, theme)]
                assert not [p for p in wrong if p in text], (record.title, theme[0]["en"])
                checked += 1
    assert checked > 100
