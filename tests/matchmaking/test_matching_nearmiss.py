"""Near misses on the site: the need's structured country and organisation kind reach the engine, and the
reasons are shown in the reader's language from their stored code and parameters."""

import pytest
from django.utils import translation

from clearinghouse.accounts.models import Organisation
from clearinghouse.matchmaking import matching, services
from clearinghouse.matchmaking.explain import render_reason
from clearinghouse.matchmaking.models import Need, Offer
from tests.factories import OrganisationFactory, authorised_user, focal_point

LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh-hans"]

REASONS = [
    {"code": "eligibility_region", "params": {"regions": ["small island developing States"], "places": ["sids"],
                                              "country": "KE", "clause": "Open to SIDS only."}},
    {"code": "excluded_country", "params": {"country": "CN", "places": ["CN"], "clause": "China is excluded."}},
    {"code": "eligibility_body", "params": {"bodies": ["government"], "need_bodies": ["ngo"],
                                            "clause": "Government bodies only."}},
    {"code": "excluded_body", "params": {"bodies": ["private"], "need_bodies": ["private"],
                                         "clause": "For-profit companies are not eligible."}},
    {"code": "method_mismatch", "params": {"family": "fishing_gear", "need": ["gillnet"], "offer": ["trawl"]}},
    {"code": "instrument_mismatch", "params": {"family": "cbd_protocols", "need": ["nagoya"],
                                               "offer": ["cartagena"]}},
    {"code": "finance_excluded", "params": {"themes": ["equipment", "enforcement"], "clause": "No equipment."}},
    {"code": "finance_only", "params": {"theme": "research", "need_themes": ["restoration"],
                                        "clause": "Research only."}},
    # rows stored before the near-miss codes: English labels and no "places"
    {"code": "eligibility_region", "params": {"regions": ["the Pacific"], "country": "NA", "clause": "Pacific only"}},
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reason", REASONS, ids=[f"{r['code']}-{i}" for i, r in enumerate(REASONS)])
def test_near_miss_reasons_render_in_every_language(reason, language):
    with translation.override(language):
        text = render_reason(reason)
    assert isinstance(text, str) and text and "%(" not in text
    assert reason["params"].get("clause", "") in text


def test_the_excluded_country_is_named_in_the_readers_language():
    reason = REASONS[0]
    with translation.override("en"):
        text = render_reason(reason)
    assert "excludes applicants from Kenya" in text and "small island developing States" in text
    with translation.override("ru"):
        assert "Кения" in render_reason(reason)
    with translation.override("zh-hans"):
        assert "肯尼亚" in render_reason(reason)


def test_codes_read_as_words():
    with translation.override("en"):
        assert "different fishing gear: the need names gillnets, the offer is about trawls" == render_reason(
            REASONS[4])
        assert "the Nagoya Protocol" in render_reason(REASONS[5])
        assert "equipment purchases and law enforcement" in render_reason(REASONS[6])
        assert "government bodies" in render_reason(REASONS[2])


@pytest.mark.django_db
def test_the_needs_organisation_kind_and_country_rule_out_an_offer(django_assert_max_num_queries):
    ngo = OrganisationFactory(kind=Organisation.Kind.NGO)
    owner = focal_point("KE", organisation=ngo)
    need = services.need_create(actor=owner, country="KE", data={
        "title": "Grant to restore mangroves", "language": "en", "support_text": "finance",
        "description": "We need a small grant to replant mangroves with fishing villages."})
    assert need.organisation_id == ngo.pk
    gov_only = services.offer_create(actor=authorised_user("FR"), country="FR", data={
        "title": "Mangrove restoration grants", "language": "en", "support_text": "finance",
        "description": "Grants to replant mangroves with villages. Only government agencies may apply."})
    sids_only = services.offer_create(actor=authorised_user("GB"), country="GB", data={
        "title": "Mangrove replanting grants", "language": "en", "support_text": "finance",
        "description": "Grants to replant mangroves with villages.",
        "eligibility": "Open to applicants from small island developing States (SIDS) only."})
    open_offer = services.offer_create(actor=authorised_user("SN"), country="SN", data={
        "title": "Subventions pour les mangroves", "language": "fr", "support_text": "finance",
        "description": "Subventions pour replanter les mangroves avec les villages d'Afrique."})
    offers = list(Offer.objects.active().prefetch_related("targets", "support_types", "ecosystems"))
    scored = {s.offer_id: s for s in matching.rank_for_need(Need.objects.get(pk=need.pk), offers)}
    gov_codes = [u["code"] for u in scored[gov_only.pk].unmet]
    assert "eligibility_body" in gov_codes
    [region] = [u for u in scored[sids_only.pk].unmet if u["code"] == "eligibility_region"]
    assert region["params"]["country"] == "KE" and region["params"]["places"] == ["sids"]
    assert not scored[open_offer.pk].unmet
    assert scored[open_offer.pk].score > max(scored[gov_only.pk].score, scored[sids_only.pk].score)
    with translation.override("fr"):
        assert "Kenya" in render_reason(region)

    # one offer scored for many needs: the organisations' kinds come in one query, not one per need
    gov = OrganisationFactory(kind=Organisation.Kind.GOVERNMENT)
    needs = [Need.objects.get(pk=need.pk)]
    for i in range(4):
        needs.append(services.need_create(actor=focal_point("FJ", organisation=gov), country="FJ", data={
            "title": f"Mangrove grant {i}", "language": "en", "support_text": "finance",
            "description": "Our ministry needs a grant to replant mangroves."}))
    needs = list(Need.objects.filter(pk__in=[n.pk for n in needs]).prefetch_related(
        "targets", "support_types", "ecosystems"))
    matching.rank_offer_for_needs(gov_only, needs, offers)  # vectors stored on the first pass
    for n in needs:
        n.refresh_from_db()
    needs = list(Need.objects.filter(pk__in=[n.pk for n in needs]).prefetch_related(
        "targets", "support_types", "ecosystems"))
    matching._need_cache.clear()
    with django_assert_max_num_queries(3):
        by_need = {s.need_id: s for s in matching.rank_offer_for_needs(gov_only, needs, offers)}
    assert "eligibility_body" in [u["code"] for u in by_need[need.pk].unmet]
    fiji = [n for n in needs if n.country_id == "FJ"][0]
    assert "eligibility_body" not in [u["code"] for u in by_need[fiji.pk].unmet]
