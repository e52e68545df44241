"""Re-ranking after an offer changes: one batched pass over the needs, the same scores the needs' own
rankings give, only the affected needs' top suggestions touched, and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clearinghouse.matchmaking import matching, services
from clearinghouse.matchmaking.models import MatchSuggestion, Need, Offer
from tests.factories import authorised_user, focal_point

from .conftest import make_need, make_offer

pytestmark = pytest.mark.django_db

NEED_TEXTS = [
    ("Training in waterbird counts for Ramsar wetlands", "Rangers need training in waterbird counts.", "en"),
    ("Formation au suivi des oiseaux d'eau", "Formation pratique aux comptages d'oiseaux d'eau dans les zones "
     "humides. Nous ne demandons pas de subvention.", "fr"),
    ("Capacitación en monitoreo de manglares", "Necesitamos capacitación en monitoreo de la restauración de "
     "manglares con drones.", "es"),
    ("Coral reef monitoring for the national report", "Support to set up coral reef monitoring; training must "
     "be in French.", "en"),
    ("湿地候鸟监测培训", "我们需要湿地水鸟监测方面的培训。", "zh"),
    ("Grants for community conservation", "We need small grants for community conserved areas.", "en"),
]


def _needs(n: int, start: int = 0) -> list[Need]:
    out = []
    for i in range(start, start + n):
        title, description, lang = NEED_TEXTS[i % len(NEED_TEXTS)]
        out.append(services.need_create(actor=focal_point("MA"), country="MA", data={
            "title": f"{title} ({i})", "description": description, "language": lang, "support_text": "training"}))
    return out


def _active_needs() -> list[Need]:
    return list(Need.objects.active().prefetch_related("targets", "support_types", "ecosystems"))


def _active_offers() -> list[Offer]:
    return list(Offer.objects.active().prefetch_related("targets", "support_types", "ecosystems"))


def test_batched_scores_agree_with_each_needs_own_ranking():
    needs = _needs(6)
    offers = [make_offer(), make_offer(title="Drone mapping of mangrove restoration", description="Training in "
                                       "drone mapping of mangrove restoration sites, English only.")]
    make_offer(title="Grants for coral reef research", description="Research grants for coral reefs.",
               support_text="finance")
    batched = {s.need_id: s for s in matching.rank_offer_for_needs(offers[0], _active_needs(),
                                                                  offers=_active_offers())}
    assert set(batched) == {n.pk for n in needs}
    for need in needs:
        own = {s.offer_id: s for s in matching.rank_for_need(need, _active_offers())}
        assert batched[need.pk].score == pytest.approx(own[offers[0].pk].score, abs=1e-5)
        assert [r["code"] for r in batched[need.pk].reasons] == [r["code"] for r in own[offers[0].pk].reasons]
        assert [r["code"] for r in batched[need.pk].unmet] == [r["code"] for r in own[offers[0].pk].unmet]
    # the French need without grants ranks the training above the grant
    french = needs[1]
    own = matching.rank_for_need(french, _active_offers())
    assert own[0].offer_id == offers[0].pk


def _refresh_queries(offer: Offer, title: str) -> tuple[int, int]:
    services.offer_update(actor=offer.owner, offer=offer, data={"title": title})
    with CaptureQueriesContext(connection) as ctx:
        kept = services.suggestions_refresh_for_offer(offer.pk)
    assert kept == MatchSuggestion.objects.filter(offer=offer).count()
    return len(ctx.captured_queries), kept


def test_refresh_after_one_offer_change_does_not_grow_with_needs(django_assert_max_num_queries,
                                                                 django_capture_on_commit_callbacks):
    offer = make_offer()
    _needs(5)
    services.suggestions_refresh_for_offer(offer.pk)  # needs embedded once, as their own refresh does
    few, kept_few = _refresh_queries(offer, "Training in waterbird counts and wetland bird monitoring")
    _needs(15, start=5)
    services.suggestions_refresh_for_offer(offer.pk)
    many, kept_many = _refresh_queries(offer, "Field training in waterbird counts and wetland monitoring")
    assert kept_few >= 4 and kept_many >= 3 * kept_few  # more needs, more rows written...
    assert many == few  # ...with the same queries
    services.offer_update(actor=offer.owner, offer=offer, data={"title": "Waterbird count training"})
    with django_assert_max_num_queries(few):
        services.suggestions_refresh_for_offer(offer.pk)


def test_only_the_needs_top_suggestions_change(monkeypatch):
    monkeypatch.setattr(services, "SUGGESTIONS_KEPT", 2)
    need = make_need()
    weak = make_offer(title="Wetland management exchange", description="Expert exchange on wetland management.",
                      support_text="expert exchange")
    fair = make_offer(title="Bird monitoring course", description="A course on bird monitoring.")
    for o in (weak, fair):
        services.suggestions_refresh_for_offer(o.pk)
    assert set(MatchSuggestion.objects.filter(need=need).values_list("offer_id", flat=True)) == {weak.pk, fair.pk}
    best = make_offer()  # training in waterbird counts and wetland monitoring: the best answer
    services.suggestions_refresh_for_offer(best.pk)
    stored = dict(MatchSuggestion.objects.filter(need=need).values_list("offer_id", "score"))
    assert best.pk in stored and len(stored) == 2
    assert weak.pk not in stored  # pushed below the cut
    worse = make_offer(owner=authorised_user("ZA"), country="ZA", title="Grants for coral reef research",
                       description="Research grants on coral reefs.", support_text="finance")
    services.suggestions_refresh_for_offer(worse.pk)
    assert worse.pk not in set(MatchSuggestion.objects.filter(need=need).values_list("offer_id", flat=True))
    # an offer that falls out of a need's list leaves the need to be re-ranked in full
    services.offer_update(actor=best.owner, offer=best, data={
        "title": "Grants for coral reef research in the Pacific", "description": "Research grants, reefs only."})
    services.suggestions_refresh_for_offer(best.pk)
    rows = MatchSuggestion.objects.filter(need=need)
    if not rows.filter(offer=best).exists():
        assert all(r.stale for r in rows)
        services.suggestions_refresh_stale()
        assert not MatchSuggestion.objects.filter(need=need, stale=True).exists()
