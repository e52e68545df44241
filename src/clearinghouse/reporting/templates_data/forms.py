"""Three real-shaped reporting templates as XLSForm rows (survey / choices / settings), written by the project
from the public structure of the reports (section titles and the kinds of facts they ask), in English and
French:

- ``cbd_nr7``: a CBD-style national report, the sections on national targets and on the GBF headline indicators;
- ``cites_ir``: a CITES-style implementation report, the part on legislative and enforcement measures;
- ``ramsar_nr``: a Ramsar-style national report, the part on wetland inventory, protection and invasive species.

Several questions ask the same facts in each (invasive alien species measures, legislation, capacity needs,
protected-area coverage): the demo maps them, so one answer is offered in the other reports.
"""

from __future__ import annotations

EN, FR = "label::English (en)", "label::French (fr)"
HEN, HFR = "hint::English (en)", "hint::French (fr)"


def q(type_: str, name: str, en: str, fr: str = "", *, hint: str = "", hint_fr: str = "", **extra) -> dict:
    row = {"type": type_, "name": name, EN: en}
    if fr:
        row[FR] = fr
    if hint:
        row[HEN] = hint
    if hint_fr:
        row[HFR] = hint_fr
    row.update({k: v for k, v in extra.items() if v})
    return row


def group(name: str, en: str, fr: str) -> dict:
    return {"type": "begin_group", "name": name, EN: en, FR: fr}


END = {"type": "end_group"}


def choices(list_name: str, items: list[tuple[str, str, str]]) -> list[dict]:
    return [{"list_name": list_name, "name": v, EN: en, FR: fr} for v, en, fr in items]


YES_NO = choices("yes_no", [("yes", "Yes", "Oui"), ("no", "No", "Non")])
CAPACITY = choices("capacity", [
    ("finance", "Financial resources", "Ressources financières"),
    ("staff", "Trained staff", "Personnel formé"),
    ("data", "Data and monitoring systems", "Données et systèmes de suivi"),
    ("technology", "Technology and equipment", "Technologie et équipement"),
    ("legal", "Legal and policy expertise", "Expertise juridique et politique"),
])
PROGRESS = choices("progress", [
    ("on_track", "On track to achieve the target", "En bonne voie"),
    ("some", "Progress, but at an insufficient rate", "Progrès insuffisants"),
    ("none", "No significant change", "Pas de changement notable"),
    ("away", "Moving away from the target", "S'éloigne de la cible"),
    ("unknown", "Unknown", "Inconnu"),
])
DEGREE = choices("degree", [("full", "Fully aligned", "Entièrement alignée"),
                            ("partial", "Partly aligned", "Partiellement alignée"),
                            ("minimal", "Minimally aligned", "Peu alignée")])
GBF = choices("gbf_target", [(f"t{n}", f"GBF Target {n}", f"Cible {n} du CMB") for n in range(1, 24)])

CBD_NR7 = {
    "survey": [
        group("national_targets", "Section I. National targets", "Section I. Cibles nationales"),
        q("select_one yes_no", "has_national_targets", "Has your country adopted national targets aligned with "
          "the Global Biodiversity Framework?", "Votre pays a-t-il adopté des cibles nationales alignées sur le "
          "Cadre mondial de la biodiversité ?", required="yes"),
        q("date", "targets_adopted_on", "On which date were the national targets adopted?",
          "À quelle date les cibles nationales ont-elles été adoptées ?", relevant="${has_national_targets} = 'yes'",
          constraint=". >= '2022-12-19'", **{"constraint_message::English (en)":
                                              "The targets answer the framework adopted on 19 December 2022."}),
        q("begin_repeat", "national_target_list", "National targets and the GBF targets they serve",
          "Cibles nationales et cibles du CMB auxquelles elles contribuent", relevant="${has_national_targets} = 'yes'"),
        q("text", "nt_code", "Code", "Code", required="yes"),
        q("text", "nt_title", "National target", "Cible nationale", required="yes"),
        q("select_one gbf_target", "nt_gbf", "GBF target", "Cible du CMB"),
        q("select_one degree", "nt_degree", "Degree of alignment", "Degré d'alignement"),
        {"type": "end_repeat"},
        q("text", "nbsap_link", "Web address of the national biodiversity strategy and action plan",
          "Adresse web de la stratégie et du plan d'action nationaux pour la biodiversité", appearance="url"),
        q("select_one progress", "overall_progress", "Overall, how would you assess progress towards your "
          "national targets?", "Globalement, comment évaluez-vous les progrès vers vos cibles nationales ?",
          required="yes"),
        END,
        group("headline_indicators", "Section II. GBF headline indicators", "Section II. Indicateurs phares du CMB"),
        q("decimal", "pa_coverage", "Coverage of protected areas and OECMs (indicator 3.1)",
          "Couverture des aires protégées et AMCEZ (indicateur 3.1)", hint="Share of the national land and inland "
          "waters area, with the year, source and method of the value.", indicator="3.1", unit="%",
          constraint=". >= 0 and . <= 100",
          **{"constraint_message::English (en)": "A share lies between 0 and 100 %."}, required="yes"),
        q("decimal", "natural_ecosystem_extent", "Extent of natural ecosystems (indicator A.2)",
          "Étendue des écosystèmes naturels (indicateur A.2)", indicator="A.2", unit="km²",
          constraint=". >= 0"),
        q("select_one yes_no", "ias_measures", "Has your country taken measures to prevent the introduction and "
          "establishment of invasive alien species?", "Votre pays a-t-il pris des mesures pour prévenir "
          "l'introduction et l'établissement d'espèces exotiques envahissantes ?", required="yes"),
        q("text", "ias_description", "Describe the measures on invasive alien species (laws, border controls, "
          "eradication programmes).", "Décrivez les mesures relatives aux espèces exotiques envahissantes.",
          relevant="${ias_measures} = 'yes'", required="yes"),
        q("text", "biodiversity_legislation", "Which laws and regulations give effect to your national targets?",
          "Quelles lois et réglementations mettent en œuvre vos cibles nationales ?"),
        q("select_multiple capacity", "capacity_needs", "Which capacity needs limit implementation?",
          "Quels besoins de capacités limitent la mise en œuvre ?"),
        q("begin_repeat", "finance_sources", "Domestic finance for biodiversity by source (share of the total)",
          "Financement national de la biodiversité par source (part du total)",
          constraint="sum(${fin_share}) <= 100",
          **{"constraint_message::English (en)": "The shares add up to at most 100 %."}),
        q("text", "fin_source", "Source", "Source", required="yes"),
        q("decimal", "fin_share", "Share of the total (%)", "Part du total (%)", constraint=". >= 0 and . <= 100"),
        {"type": "end_repeat"},
        q("file", "indicator_report", "Attach a national indicator report, if any",
          "Joindre un rapport national sur les indicateurs, le cas échéant"),
        END,
    ],
    "choices": YES_NO + PROGRESS + DEGREE + GBF + CAPACITY,
    "settings": [{"form_title": "National report (CBD-style): national targets and headline indicators",
                  "form_id": "cbd_nr7", "version": "2026-1", "default_language": "English (en)",
                  "convention": "CBD", "cycle": "nr7"}],
}

CITES_IR = {
    "survey": [
        group("legislation", "Part A. Legislative and regulatory measures", "Partie A. Mesures législatives et "
              "réglementaires"),
        q("select_one legislation_category", "legislation_category", "Which category does the national "
          "legislation implementing the Convention fall into?", "Dans quelle catégorie se situe la législation "
          "nationale d'application de la Convention ?", required="yes"),
        q("text", "legislation_description", "Name and describe the laws and regulations that implement the "
          "Convention.", "Nommez et décrivez les lois et règlements qui mettent en œuvre la Convention."),
        q("select_one yes_no", "stricter_measures", "Has your country adopted stricter domestic measures than the "
          "Convention requires?", "Votre pays a-t-il adopté des mesures internes plus strictes ?"),
        q("select_one yes_no", "ias_trade_measures", "Are there measures to prevent trade in specimens of invasive "
          "alien species?", "Existe-t-il des mesures pour empêcher le commerce de spécimens d'espèces exotiques "
          "envahissantes ?", required="yes"),
        END,
        group("enforcement", "Part B. Enforcement and capacity", "Partie B. Application et capacités"),
        q("integer", "seizures", "Number of seizures of illegally traded specimens in the period",
          "Nombre de saisies de spécimens commercialisés illégalement", constraint=". >= 0", unit="seizures"),
        q("select_one yes_no", "enforcement_unit", "Is there a dedicated wildlife-trade enforcement unit?",
          "Existe-t-il une unité spécialisée de lutte contre la fraude ?"),
        q("text", "enforcement_unit_agencies", "Which agencies take part in it?", "Quelles agences y participent ?",
          relevant="${enforcement_unit} = 'yes'"),
        q("select_multiple capacity", "capacity_needs_cites", "Which capacity needs limit implementation of the "
          "Convention?", "Quels besoins de capacités limitent la mise en œuvre de la Convention ?"),
        q("text", "permit_system_link", "Web address of the electronic permit system, if any",
          "Adresse web du système électronique de permis", appearance="url"),
        END,
    ],
    "choices": YES_NO + CAPACITY + choices("legislation_category", [
        ("1", "Category 1: meets all requirements", "Catégorie 1 : remplit toutes les conditions"),
        ("2", "Category 2: meets some requirements", "Catégorie 2 : remplit certaines conditions"),
        ("3", "Category 3: does not meet the requirements", "Catégorie 3 : ne remplit pas les conditions")]),
    "settings": [{"form_title": "Implementation report (CITES-style): legislative measures and enforcement",
                  "form_id": "cites_ir", "version": "2026-1", "default_language": "English (en)",
                  "convention": "CITES", "cycle": "ir2026"}],
}

RAMSAR_NR = {
    "survey": [
        group("inventory", "Section 1. Wetland inventory and protection", "Section 1. Inventaire et protection des "
              "zones humides"),
        q("select_one yes_no", "wetland_inventory", "Does your country have a complete national wetland "
          "inventory?", "Votre pays dispose-t-il d'un inventaire national complet des zones humides ?",
          required="yes"),
        q("integer", "inventory_year", "In which year was it last updated?", "En quelle année a-t-il été mis à "
          "jour ?", relevant="${wetland_inventory} = 'yes'", constraint=". >= 1971 and . <= 2100"),
        q("decimal", "wetland_area", "Total wetland area", "Superficie totale des zones humides", unit="km²",
          constraint=". >= 0"),
        q("decimal", "wetland_pa_coverage", "Share of wetlands in protected areas", "Part des zones humides dans "
          "des aires protégées", unit="%", constraint=". >= 0 and . <= 100"),
        q("text", "wetland_legislation", "Which laws protect wetlands?", "Quelles lois protègent les zones "
          "humides ?"),
        END,
        group("threats", "Section 2. Invasive species and other threats", "Section 2. Espèces envahissantes et "
              "autres menaces"),
        q("select_one yes_no", "ias_wetlands", "Are invasive alien species in wetlands being controlled or "
          "managed?", "Les espèces exotiques envahissantes des zones humides sont-elles contrôlées ?",
          required="yes"),
        q("text", "ias_wetlands_description", "Describe the measures.", "Décrivez les mesures.",
          relevant="${ias_wetlands} = 'yes'"),
        q("select_multiple capacity", "capacity_needs_ramsar", "Which capacity needs limit wetland conservation?",
          "Quels besoins de capacités limitent la conservation des zones humides ?"),
        END,
    ],
    "choices": YES_NO + CAPACITY,
    "settings": [{"form_title": "National report (Ramsar-style): inventory, protection and threats",
                  "form_id": "ramsar_nr", "version": "2026-1", "default_language": "English (en)",
                  "convention": "RAMSAR", "cycle": "cop15"}],
}

FORMS = {"cbd_nr7": CBD_NR7, "cites_ir": CITES_IR, "ramsar_nr": RAMSAR_NR}

#: the demo's mappings: (convention, cycle, key) -> (convention, cycle, key), relation, note
MAPPINGS = [
    (("CBD", "nr7", "ias_measures"), ("CITES", "ir2026", "ias_trade_measures"), "broader",
     "Measures on invasive species in general include those on their trade."),
    (("CBD", "nr7", "ias_measures"), ("RAMSAR", "cop15", "ias_wetlands"), "broader",
     "Measures on invasive species in general include those in wetlands."),
    (("CBD", "nr7", "ias_description"), ("RAMSAR", "cop15", "ias_wetlands_description"), "broader", ""),
    (("CBD", "nr7", "biodiversity_legislation"), ("CITES", "ir2026", "legislation_description"), "related", ""),
    (("CBD", "nr7", "biodiversity_legislation"), ("RAMSAR", "cop15", "wetland_legislation"), "related", ""),
    (("CBD", "nr7", "capacity_needs"), ("CITES", "ir2026", "capacity_needs_cites"), "same", ""),
    (("CBD", "nr7", "capacity_needs"), ("RAMSAR", "cop15", "capacity_needs_ramsar"), "same", ""),
    (("CBD", "nr7", "pa_coverage"), ("RAMSAR", "cop15", "wetland_pa_coverage"), "related",
     "Land and inland waters as a whole; the Ramsar question asks for wetlands only."),
]
