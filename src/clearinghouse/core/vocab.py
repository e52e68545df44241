"""Reference data helpers: country names in the viewer's language, support-type synonyms."""

from __future__ import annotations

import gettext
import json
from functools import lru_cache
from pathlib import Path

import pycountry
from django.utils import translation

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_json(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def _country_catalog(lang: str):
    locale = {"zh": "zh_CN", "zh-hans": "zh_CN"}.get(lang, lang)
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return None


def country_name(code: str, english: str, lang: str | None = None) -> str:
    lang = (lang or translation.get_language() or "en").lower()
    if lang.startswith("en"):
        return english
    catalog = _country_catalog(lang)
    if catalog is None:
        return english
    c = pycountry.countries.get(alpha_2=code)
    source = getattr(c, "name", english) if c else english
    return catalog.gettext(source)


@lru_cache(maxsize=1)
def support_synonyms() -> dict[str, str]:
    """Map a lower-cased synonym (any language) to a support type code."""
    out: dict[str, str] = {}
    for item in load_json("support_types.json"):
        out[item["code"]] = item["code"]
        out[item["name"].lower()] = item["code"]
        for s in item["synonyms"]:
            out[s.lower()] = item["code"]
    return out


def support_code_from_text(text: str) -> str | None:
    """The support type a free-text label names, or None."""
    text = (text or "").strip().lower()
    syn = support_synonyms()
    if text in syn:
        return syn[text]
    for word, code in sorted(syn.items(), key=lambda kv: -len(kv[0])):
        if len(word) > 3 and word in text:
            return code
    return None


ECOSYSTEMS = [
    ("forest", "Forests"), ("inland-waters", "Inland waters"), ("wetlands", "Wetlands"),
    ("marine-coastal", "Marine and coastal"), ("dry-subhumid", "Dry and sub-humid lands"),
    ("mountain", "Mountains"), ("island", "Islands"), ("agricultural", "Agricultural land"),
    ("urban", "Cities and urban areas"), ("polar", "Polar regions"),
]
REGIONS = [
    ("AF", "Africa"), ("AP", "Asia-Pacific"), ("EE", "Central and Eastern Europe"),
    ("GRULAC", "Latin America and the Caribbean"), ("WEOG", "Western Europe and others"),
]
TOPICS = [
    ("protected-areas", "Protected areas and OECMs"), ("restoration", "Ecosystem restoration"),
    ("invasive-species", "Invasive alien species"), ("spatial-planning", "Spatial planning"),
    ("species-recovery", "Species recovery"), ("wildlife-trade", "Wildlife trade"),
    ("pollution", "Pollution"), ("climate", "Climate change and biodiversity"),
    ("agrobiodiversity", "Agricultural biodiversity"), ("fisheries", "Fisheries"),
    ("urban-nature", "Urban nature"), ("abs", "Access and benefit-sharing"), ("biosafety", "Biosafety"),
    ("finance", "Biodiversity finance"), ("business", "Business and biodiversity"),
    ("traditional-knowledge", "Traditional knowledge"), ("capacity-building", "Capacity-building"),
    ("gender", "Gender"), ("monitoring", "Monitoring and reporting"), ("nbsap", "NBSAPs"),
    ("mainstreaming", "Mainstreaming"), ("education", "Communication, education and public awareness"),
    ("health", "Biodiversity and health"), ("migratory-species", "Migratory species"),
]


def load_vocabularies(apps=None, stdout=None) -> None:
    """Create or update every vocabulary. Idempotent; used by a migration and by `clearinghouse demo`."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    Region = apps.get_model("core", "Region")
    Country = apps.get_model("core", "Country")
    Convention = apps.get_model("core", "Convention")
    Target = apps.get_model("core", "Target")
    SupportType = apps.get_model("core", "SupportType")
    Ecosystem = apps.get_model("core", "Ecosystem")
    Topic = apps.get_model("core", "Topic")

    for code, name in REGIONS:
        Region.objects.update_or_create(code=code, defaults={"name": name})
    region_of = {cc: region for region, codes in load_json("un_regional_groups.json").items() for cc in codes}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        Country.objects.update_or_create(code=c.alpha_2, defaults={"name": name, "region_id": region_of.get(c.alpha_2)})
    conventions = load_json("conventions.json")
    for item in conventions:
        Convention.objects.update_or_create(code=item["code"], defaults={"name": item["name"], "url": item["url"]})
    for item in conventions:
        if item["parent"]:
            Convention.objects.filter(code=item["code"]).update(parent_id=item["parent"])
    for framework, items in load_json("targets.json").items():
        for number, title in items:
            Target.objects.update_or_create(framework=framework, number=number, defaults={"title": title})
    for item in load_json("support_types.json"):
        SupportType.objects.update_or_create(code=item["code"], defaults={"name": item["name"],
                                                                         "synonyms": item["synonyms"]})
    for code, name in ECOSYSTEMS:
        Ecosystem.objects.update_or_create(code=code, defaults={"name": name})
    for slug, name in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name})


@lru_cache(maxsize=1)
def gbf_indicators() -> list[dict]:
    """The headline indicators of the GBF monitoring framework (decision 15/5): code, goal, targets, title."""
    return load_json("gbf_indicators.json")


def gbf_indicators_for_target(number: int) -> list[dict]:
    return [i for i in gbf_indicators() if number in i["targets"]]
