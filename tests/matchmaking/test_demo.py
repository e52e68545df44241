import pytest

from clearinghouse.matchmaking.demo import DOMAIN, load_demo
from clearinghouse.matchmaking.models import Collaboration, Need, Offer, PostStatus, ProviderProfile
from clearinghouse.matchmaking.selectors import suggestions_for_post

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_wall_is_rich_explains_itself_and_loads_once(client):
    result = load_demo()
    assert Need.objects.count() >= 40 and Offer.objects.count() >= 55
    langs = set(Need.objects.values_list("language", flat=True)) | set(Offer.objects.values_list("language",
                                                                                                 flat=True))
    assert {"ar", "en", "es", "fr", "ru", "zh", "pt"} <= langs
    french = Need.objects.get(owner__email=f"fp.ma@{DOMAIN}",
                              title="Formation au suivi des oiseaux d'eau dans les zones humides")
    assert french.status == PostStatus.IN_DISCUSSION  # an accepted introduction, still looking
    top = suggestions_for_post(french, user=None, limit=10)
    assert [s.offer.language for s in top[:2]] in (["en", "es"], ["es", "en"])
    assert {s.offer.country_id for s in top[:3]} >= {"KE", "CO"}
    # near misses are shown with what they do not meet
    assert any(s.unmet for s in top)
    grants = Offer.objects.get(title="Grants for waterbird monitoring in wetlands")
    ranked = [s.offer_id for s in top]
    assert grants.pk not in ranked[:3]
    r = client.get(french.get_absolute_url())
    assert "Watch out:" in r.text and "offer in English, need in French" in r.text
    collab = Collaboration.objects.get(created_by__email__iendswith=DOMAIN)
    assert collab.milestones.count() == 3 and collab.parties.count() == 3
    assert ProviderProfile.objects.count() == result["profiles"] >= 4
    counts = (Need.objects.count(), Offer.objects.count())
    again = load_demo()
    assert again["created"] == 0 and again["profiles"] == 0
    assert (Need.objects.count(), Offer.objects.count()) == counts
    assert Collaboration.objects.count() == 1
