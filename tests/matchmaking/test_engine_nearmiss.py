"""Near misses: an offer on the need's topic that contradicts one specific of it, in six UN languages and Portuguese.

Each case is a need, an offer that fits and an offer on the same topic that cannot be used (another gear
or technique, a sibling instrument, an eligibility rule that excludes the need's country or organisation,
a fund that does not finance the need's theme). The near miss gets the reason code, the other does not,
and the fitting offer ranks first.
"""

from __future__ import annotations

import pytest

from clearinghouse.matchmaking.engine import Post
from clearinghouse.matchmaking.engine.specifics import countries_in, finance_scope, find

from .test_engine import post, suggestions_for


def check(need: Post, good: Post, near: Post, code: str):
    ranked = suggestions_for(need, [near, good])
    (rank_good, s_good), (rank_near, s_near) = ranked[good.id], ranked[near.id]
    codes_near = [u.code for u in s_near.unmet]
    assert code in codes_near, f"{code} not in {codes_near}"
    assert code not in [u.code for u in s_good.unmet]
    assert rank_good < rank_near and s_good.score > s_near.score
    return next(u for u in s_near.unmet if u.code == code)


# -- gear, technique, species group -----------------------------------------------------------------
GEAR = {
    "en": (
        ("Turtle bycatch in our bottom gillnets", "Green turtles drown in the bottom gillnets of our fishers; "
         "we need a low-cost fix and gear for trials."),
        ("LED lights for gillnets", "We provide LED lights for set gillnets to cut sea turtle bycatch."),
        ("Turtle excluder devices for trawls", "We donate turtle excluder devices for shrimp trawl nets to cut sea "
         "turtle bycatch by fishers, with gear for trials."),
    ),
    "fr": (
        ("Captures d'oiseaux marins par nos palangriers", "Nos palangriers capturent des puffins sur les hameçons."),
        ("Lignes d'effarouchement pour palangres", "Nous fournissons des lignes d'effarouchement pour les palangres "
         "afin de réduire les captures d'oiseaux marins."),
        ("Oiseaux marins et filets maillants", "Nous testons des panneaux pour filets maillants afin de réduire les "
         "captures d'oiseaux marins par les pêcheurs."),
    ),
    "es": (
        ("Cámaras trampa para jaguares", "Queremos estimar la población de jaguares con cámaras trampa."),
        ("Diseño de muestreos con cámaras trampa", "Capacitación en cámaras trampa para estimar la población de "
         "jaguares y otros felinos."),
        ("Collares GPS para jaguares", "Capacitación en la colocación de collares GPS a jaguares para estudiar su "
         "población."),
    ),
    "ru": (
        ("Учёт сайгаков с беспилотников", "Нам нужно освоить учёт сайгаков с помощью дронов."),
        ("Учёт копытных с дронов", "Обучаем учёту сайгаков и других копытных с беспилотников."),
        ("Спутниковые снимки для учёта сайгаков", "Обучаем учёту сайгаков и копытных по спутниковым снимкам."),
    ),
    "ar": (
        ("رصد الحيوانات بالكاميرات الفخية", "نريد رصد النمر العربي باستخدام الكاميرات الفخية في الجبال."),
        ("تدريب على الكاميرات الفخية", "ندرب الفرق على استخدام الكاميرات الفخية لرصد النمر العربي."),
        ("تتبع النمر بالأطواق", "ندرب الفرق على تركيب الأطواق لتتبع النمر العربي ورصده."),
    ),
    "zh": (
        ("减少延绳钓渔业中的海龟误捕", "我们的延绳钓船队经常误捕海龟，需要改进渔具。"),
        ("延绳钓圆形钩", "我们为延绳钓船队提供圆形钩，减少海龟误捕。"),
        ("拖网海龟释放装置", "我们为拖网渔船提供海龟释放装置，减少海龟误捕。"),
    ),
    "pt": (
        ("Golfinhos nas redes de emalhar", "Os pescadores usam redes de emalhar e capturam golfinhos por acidente."),
        ("Pingers para redes de emalhar", "Emprestamos pingers acústicos para redes de emalhar e reduzir a captura "
         "de golfinhos."),
        ("Pesca de cerco sem golfinhos", "Assessoramos frotas de pesca de cerco para reduzir a captura de golfinhos."),
    ),
}


@pytest.mark.parametrize("lang", sorted(GEAR))
def test_another_gear_or_technique_is_a_near_miss(lang):
    (nt, nd), (gt, gd), (mt, md) = GEAR[lang]
    u = check(post("N", nt, nd, lang), post("G", gt, gd, lang), post("M", mt, md, lang), "method_mismatch")
    assert u.severity == "hard"
    assert u.params["family"] in ("fishing_gear", "survey_method")
    assert "different" in u.text


def test_an_offer_naming_both_gears_is_not_a_near_miss():
    need = post("N", "Turtle bycatch in gillnets", "Turtles drown in our gillnets.")
    both = post("O", "Bycatch in gillnets and trawls", "We cut turtle bycatch in gillnets and in trawls.")
    _, s = suggestions_for(need, [both])["O"]
    assert "method_mismatch" not in [u.code for u in s.unmet]


def test_another_species_group_with_the_same_technique_is_a_near_miss():
    need = post("N", "Counting saiga from drones", "We need to count saiga antelopes with drones.")
    seals = post("S", "Counting seals from drones", "We train drone pilots to count seals on haul-outs.")
    _, s = suggestions_for(need, [seals])["S"]
    assert "taxon_mismatch" in [u.code for u in s.unmet]


# -- sibling instruments ----------------------------------------------------------------------------
INSTRUMENTS = {
    "en": (
        ("Permits under the Nagoya Protocol", "We need help with access and benefit-sharing permits under the "
         "Nagoya Protocol."),
        ("Nagoya Protocol permits", "We help authorities issue permits under the Nagoya Protocol."),
        ("Cartagena Protocol permits", "We help authorities issue permits under the Cartagena Protocol."),
    ),
    "fr": (
        ("Rapport national du Protocole de Cartagena", "Nous devons préparer le rapport national du Protocole de "
         "Cartagena."),
        ("Rapports sur le Protocole de Cartagena", "Appui aux rapports nationaux du Protocole de Cartagena."),
        ("Rapports sur le Protocole de Nagoya", "Appui aux rapports nationaux du Protocole de Nagoya."),
    ),
    "es": (
        ("Implementar el Acuerdo de Escazú", "Queremos asesoría para aplicar el Acuerdo de Escazú y la participación "
         "pública."),
        ("Asesoría sobre el Acuerdo de Escazú", "Asesoramos a gobiernos sobre el Acuerdo de Escazú y la "
         "participación pública."),
        ("Asesoría sobre el Convenio de Aarhus", "Asesoramos a gobiernos sobre el Convenio de Aarhus y la "
         "participación pública."),
    ),
    "ru": (
        ("Доклад по AEWA", "Нам нужна помощь с национальным докладом по AEWA о водоплавающих птицах."),
        ("Доклады по AEWA", "Помогаем с национальными докладами по AEWA о водоплавающих птицах."),
        ("Доклады по EUROBATS", "Помогаем с национальными докладами по EUROBATS о птицах и мышах."),
    ),
    "ar": (
        ("تنفيذ اتفاق ACCOBAMS", "نحتاج إلى دعم فني لتنفيذ اتفاق ACCOBAMS لحماية الدلافين."),
        ("دعم اتفاق ACCOBAMS", "نقدم دعما فنيا لتنفيذ اتفاق ACCOBAMS لحماية الدلافين."),
        ("دعم اتفاق ASCOBANS", "نقدم دعما فنيا لتنفيذ اتفاق ASCOBANS لحماية الدلافين."),
    ),
    "zh": (
        ("《名古屋议定书》能力建设", "我们需要培训，以落实《名古屋议定书》的惠益分享。"),
        ("《名古屋议定书》培训", "我们提供落实《名古屋议定书》惠益分享的培训。"),
        ("《卡塔赫纳生物安全议定书》培训", "我们提供落实《卡塔赫纳生物安全议定书》的培训。"),
    ),
}


@pytest.mark.parametrize("lang", sorted(INSTRUMENTS))
def test_a_sibling_instrument_is_a_near_miss(lang):
    (nt, nd), (gt, gd), (mt, md) = INSTRUMENTS[lang]
    u = check(post("N", nt, nd, lang), post("G", gt, gd, lang), post("M", mt, md, lang), "instrument_mismatch")
    assert u.params["need"] != u.params["offer"]
    assert "another instrument" in u.text


def test_a_need_about_the_convention_is_not_a_near_miss_for_its_protocol():
    need = post("N", "Biosafety law", "We are revising our biosafety law under the Cartagena Protocol and the CBD.")
    offer = post("O", "Biosafety legislation", "Advice on biosafety legislation for the Cartagena Protocol.")
    _, s = suggestions_for(need, [offer])["O"]
    assert "instrument_mismatch" not in [u.code for u in s.unmet]


# -- eligibility: countries, regions, nationality, organisation type ----------------------------------
ELIGIBILITY_PLACES = [
    # (language, need country, offer eligibility sentence, country that may apply)
    ("en", "KE", "Open to applicants from small island developing States (SIDS) only.", "FJ"),
    ("fr", "CM", "Seuls les ressortissants des États membres de l'Union européenne peuvent postuler.", "FR"),
    ("es", "PE", "Exclusivamente para ciudadanos de los países del Caribe.", "JM"),
    ("ru", "KZ", "Участвовать могут только граждане Российской Федерации.", "RU"),
    ("ar", "MR", "المنح متاحة فقط لمواطني دول مجلس التعاون الخليجي.", "OM"),
    ("zh", "CN", "仅限非洲国家的研究机构申请。", "KE"),
    ("en", "VN", "Only applicants from Kenya, Uganda and Tanzania may apply.", "UG"),
]


@pytest.mark.parametrize("lang,country,sentence,eligible", ELIGIBILITY_PLACES)
def test_an_offer_closed_to_the_needs_country_says_so(lang, country, sentence, eligible):
    need = post("N", "Mangrove restoration grant", "We need a grant to restore mangroves.", lang, country=country)
    offer = post("O", "Mangrove restoration grants", "Grants to restore mangroves. " + sentence, lang, country="GB")
    _, s = suggestions_for(need, [offer])["O"]
    [u] = [u for u in s.unmet if u.code == "eligibility_region"]
    assert u.params["country"] == country and u.severity == "hard"
    assert f"excludes applicants from {country}" in u.text
    ok = post("N2", need.title, need.description, lang, country=eligible)
    _, s_ok = suggestions_for(ok, [offer])["O"]
    assert not [u for u in s_ok.unmet if u.code == "eligibility_region"]
    assert s_ok.score > s.score


def test_eligibility_written_in_the_eligibility_field_is_read_as_prose():
    need = post("N", "Ranger scholarships", "We need ranger training scholarships.", country="PE")
    offer = post("O", "Ranger scholarships", "Ranger training scholarships.", country="DO",
                 eligibility="Exclusively for citizens of Caribbean countries.")
    _, s = suggestions_for(need, [offer])["O"]
    assert "eligibility_region" in [u.code for u in s.unmet]


def test_an_offer_excluding_a_named_country_says_so():
    need = post("N", "Wetland grant", "We need a wetland grant.", country="CN")
    offer = post("O", "Wetland grants", "Wetland grants worldwide. Applicants from China are not eligible.")
    _, s = suggestions_for(need, [offer])["O"]
    [u] = [u for u in s.unmet if u.code == "excluded_country"]
    assert u.text.startswith("offer excludes applicants from CN")


ELIGIBILITY_BODIES = [
    # (language, need organisation type, offer sentence)
    ("es", "iplc", "Fondo para el manejo forestal. Solo pueden postular instituciones gubernamentales y municipalidades."),
    ("ar", "ngo", "برنامج دعم الأراضي الرطبة. المنحة مخصصة فقط للوزارات والهيئات الحكومية."),
    ("ru", "ngo", "Гранты на восстановление лесов. Заявки принимаются только от государственных органов."),
    ("fr", "ngo", "Formation au suivi des tortues. Seuls les organismes publics peuvent s'inscrire."),
    ("en", "private", "Grants for guide training. For-profit companies are not eligible."),
    ("zh", "government", "森林防火项目资助。政府机构不得申请。"),
]


@pytest.mark.parametrize("lang,org,sentence", ELIGIBILITY_BODIES)
def test_an_offer_closed_to_the_needs_kind_of_organisation_says_so(lang, org, sentence):
    need = post("N", "Support", "We need support for our work.", lang, organisation_type=org)
    offer = post("O", "Support", sentence, lang)
    _, s = suggestions_for(need, [offer])["O"]
    codes = [u.code for u in s.unmet]
    assert "eligibility_body" in codes or "excluded_body" in codes, codes
    other = {"iplc": "government", "ngo": "government", "private": "ngo", "government": "ngo"}[org]
    if org in ("iplc", "ngo"):  # the same offer is open to a government
        gov = post("N2", need.title, need.description, lang, organisation_type=other)
        _, s_gov = suggestions_for(gov, [offer])["O"]
        assert not {"eligibility_body", "excluded_body"} & {u.code for u in s_gov.unmet}


def test_a_non_governmental_organisation_is_not_read_as_a_government():
    need = post("N", "دعم", "نحن جمعية غير حكومية في الأردن ونبحث عن منحة.", "ar", country="JO")
    offer = post("O", "منحة", "المنحة مخصصة فقط للوزارات والهيئات الحكومية.", "ar")
    _, s = suggestions_for(need, [offer])["O"]
    assert "eligibility_body" in [u.code for u in s.unmet]


@pytest.mark.parametrize(
    "text,codes",
    [
        ("Участвовать могут только граждане Российской Федерации", {"RU"}),
        ("Seuls les ressortissants du Sénégal et du Mali", {"SN", "ML"}),
        ("مفتوحة لمواطني كينيا", {"KE"}),
        ("仅限肯尼亚和坦桑尼亚", {"KE", "TZ"}),
        ("Solo para ciudadanos de Kenia", {"KE"}),
    ],
)
def test_country_names_are_read_in_every_language(text, codes):
    assert countries_in(text) == codes


# -- finance scope ------------------------------------------------------------------------------------
FINANCE = {
    "en": ("Equipment for ranger patrols", "We need funding to equip anti-poaching ranger patrols with radios.",
           "We fund protected area management in Africa. The fund does not finance equipment purchases or law "
           "enforcement activities.", "finance_excluded"),
    "fr": ("Restaurer les terres dégradées", "Nous cherchons un financement pour restaurer des terres dégradées.",
           "Le fonds finance uniquement des projets de recherche sur les terres dégradées.", "finance_only"),
    "es": ("Construir un centro de rescate", "Necesitamos fondos para construir un centro de rescate de fauna.",
           "Apoyamos centros de rescate de fauna. No financiamos infraestructura ni construcción.",
           "finance_excluded"),
    "ru": ("Адаптация горных сообществ", "Нужно финансирование экосистемной адаптации горных сообществ.",
           "Гранты для горных районов. Фонд финансирует только проекты по сохранению редких видов.",
           "finance_only"),
    "ar": ("تمويل السياحة البيئية", "نريد تمويلا لتطوير السياحة البيئية في الواحة.",
           "يمول الصندوق مشاريع حماية الواحات. لا يمول الصندوق الأنشطة السياحية.", "finance_excluded"),
    "zh": ("生态农业项目资金", "我们希望获得资金推广生态农业。", "本基金资助湿地保护项目。本基金不资助农业生产活动。",
           "finance_excluded"),
    "pt": ("Pesquisa sobre polinizadores", "Queremos financiamento para uma pesquisa sobre abelhas nativas.",
           "Apoiamos a conservação de abelhas nativas. O fundo não financia pesquisa científica.",
           "finance_excluded"),
}


@pytest.mark.parametrize("lang", sorted(FINANCE))
def test_a_fund_that_does_not_finance_the_needs_theme_says_so(lang):
    title, need_text, offer_text, code = FINANCE[lang]
    need = post("N", title, need_text, lang, support=["finance"])
    offer = post("O", title, offer_text, lang, support=["finance"])
    _, s = suggestions_for(need, [offer])["O"]
    [u] = [u for u in s.unmet if u.code == code]
    assert u.severity == "hard" and u.params["clause"]
    assert u.text.startswith("offer does not fund" if code == "finance_excluded" else "offer funds only")


def test_a_fund_limited_to_the_needs_theme_is_not_a_near_miss():
    need = post("N", "Research on pollinators", "We want funding for research on native bees.", support=["finance"])
    offer = post("O", "Research grants", "The fund finances only research projects on pollinators.")
    _, s = suggestions_for(need, [offer])["O"]
    assert not {"finance_only", "finance_excluded"} & {u.code for u in s.unmet}


def test_finance_scope_reads_the_theme_before_and_after_the_cue():
    fin = finance_scope(["Grants for coastal communities.",
                         "The fund supports marine protected area management exclusively; waste and pollution "
                         "projects are out of scope."])
    assert fin.only and fin.only[0] == "protected_areas"
    assert "pollution" in fin.excluded


def test_terms_match_at_word_starts_only():
    assert find("methods", "the trawlers use trawls") == {"trawl": 4}
    assert "cbd" not in find("instruments", "cbdx abc")
    assert find("instruments", "Нагойского протокола")  # Russian declension
