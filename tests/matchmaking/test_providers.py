"""Provider profiles (Bio-Bridge profile records): the service, its permission, the pages and the API."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clearinghouse.matchmaking import permissions as perms
from clearinghouse.matchmaking import services
from clearinghouse.matchmaking.models import ProviderProfile
from tests.factories import OrganisationFactory, UserFactory, authorised_user, secretariat

from .conftest import make_offer

pytestmark = pytest.mark.django_db

PROFILE = {"areas": "Wetland monitoring; waterbird counts", "expertise": "Field ornithology, data management",
           "recent_experience": "Trained 40 rangers from six African countries in 2025.", "language": "en",
           "support_types": ["training", "expert-exchange"], "targets": ["3", "GBF-21"]}


def test_save_creates_then_updates_own_profile():
    user = authorised_user("KE")
    profile = services.provider_profile_save(actor=user, data=PROFILE)
    assert profile.user == user and profile.organisation is None
    assert sorted(s.pk for s in profile.support_types.all()) == ["expert-exchange", "training"]
    assert sorted(t.number for t in profile.targets.all()) == [3, 21]
    again = services.provider_profile_save(actor=user, data={"expertise": "Wetland birds"})
    assert again.pk == profile.pk and ProviderProfile.objects.count() == 1
    again.refresh_from_db()
    assert again.expertise == "Wetland birds" and again.areas == PROFILE["areas"]  # untouched keys kept


def test_profile_can_speak_for_the_users_organisation():
    org = OrganisationFactory(name="Kenya Wildlife Service")
    user = authorised_user("KE", organisation=org)
    profile = services.provider_profile_save(actor=user, data={**PROFILE, "for_organisation": True})
    assert profile.organisation == org and profile.display_name == str(org)
    lonely = authorised_user("KE")
    with pytest.raises(ValidationError) as e:
        services.provider_profile_save(actor=lonely, data={**PROFILE, "for_organisation": True})
    assert "for_organisation" in e.value.message_dict
    assert not ProviderProfile.objects.filter(user=lonely).exists()


def test_bad_input_is_refused_with_field_messages():
    user = authorised_user("KE")
    with pytest.raises(ValidationError) as e:
        services.provider_profile_save(actor=user, data={"areas": " ", "expertise": "", "language": "xx",
                                                         "targets": ["99"], "support_types": ["nope"]})
    assert {"areas", "language", "targets", "support_types"} <= set(e.value.message_dict)
    with pytest.raises(ValidationError) as e:
        services.provider_profile_save(actor=user, data={"areas": "x" * 6000})
    assert "6,000" in e.value.message_dict["areas"][0]
    assert not ProviderProfile.objects.exists()


@pytest.mark.parametrize("who,allowed", [("owner", True), ("secretariat", True), ("other", False),
                                         ("unconfirmed_owner", False), ("anonymous", False)])
def test_who_edits_a_profile(who, allowed):
    owner = authorised_user("KE")
    actor = {"owner": owner, "secretariat": secretariat(), "other": UserFactory(),
             "anonymous": AnonymousUser()}.get(who)
    if who == "unconfirmed_owner":
        owner.email_confirmed_at = None
        owner.save()
        actor = owner
    assert perms.can_edit_provider_profile(actor, owner) is allowed
    if allowed:
        services.provider_profile_save(actor=actor, user=owner, data=PROFILE)
        assert ProviderProfile.objects.filter(user=owner).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.provider_profile_save(actor=actor, user=owner, data=PROFILE)


def test_edit_page_saves_and_keeps_text_on_error(client):
    user = authorised_user("KE")
    client.force_login(user)
    url = reverse("matchmaking:provider-edit")
    assert client.get(url).status_code == 200
    long_text = "y" * 6000
    r = client.post(url, {"areas": long_text, "language": "en"})
    assert r.status_code == 200 and 'href="#id_areas"' in r.text and long_text in r.text
    assert not ProviderProfile.objects.exists()
    r = client.post(url, {"areas": "Mangrove restoration", "expertise": "Drone mapping", "language": "en",
                          "support_types": ["training"]}, follow=True)
    profile = ProviderProfile.objects.get(user=user)
    assert r.redirect_chain[-1][0] == profile.get_absolute_url()
    assert "Mangrove restoration" in r.text and "Drone mapping" in r.text
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_public_page_linked_from_offers_never_shows_email(client, django_assert_max_num_queries):
    provider = authorised_user("KE", display_name="Wanjiru Kamau")
    offer = make_offer(owner=provider)
    r = client.get(offer.get_absolute_url())
    assert "Offered by" not in r.text  # no profile yet, no link
    profile = services.provider_profile_save(actor=provider, data=PROFILE)
    with django_assert_max_num_queries(12):
        r = client.get(offer.get_absolute_url())
    assert profile.get_absolute_url() in r.text
    with django_assert_max_num_queries(10):
        r = client.get(profile.get_absolute_url())
    assert r.status_code == 200
    assert "Wanjiru Kamau" in r.text and PROFILE["recent_experience"] in r.text and offer.title in r.text
    assert provider.email not in r.text
    provider.is_active = False
    provider.save()
    assert client.get(profile.get_absolute_url()).status_code == 404


def test_api_lists_and_reads_profiles(client, django_assert_max_num_queries):
    providers = [authorised_user("KE") for _i in range(3)]
    for i, p in enumerate(providers):
        services.provider_profile_save(actor=p, data={**PROFILE, "support_types": ["training"] if i else ["data"]})
    offer = make_offer(owner=providers[0])
    with django_assert_max_num_queries(8):
        r = client.get("/api/v1/marketplace/providers")
    body = r.json()
    assert r.status_code == 200 and body["count"] == 3
    assert "email" not in r.text and providers[0].email not in r.text
    r = client.get("/api/v1/marketplace/providers?support=data")
    assert [x["id"] for x in r.json()["results"]] == [providers[0].provider_profile.pk]
    first = r.json()["results"][0]
    assert first["offers"] == [offer.public_id] and first["targets"] == ["GBF-3", "GBF-21"]
    r = client.get(f"/api/v1/marketplace/providers/{providers[1].provider_profile.pk}")
    assert r.status_code == 200 and r.json()["expertise"] == PROFILE["expertise"]
    assert client.get("/api/v1/marketplace/providers/999999").status_code == 404
