"""Reasons of a suggestion in the viewer's language, from the engine's ``code`` and ``params``.

The engine stores English labels in the parameters; language names and support kinds are
put back into the viewer's language here. An unknown code falls back to the engine's text.
"""

from __future__ import annotations

from django.utils.translation import get_language_info, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import SUPPORT_TYPE_NAMES

TEMPLATES = {
    "shared_concepts": _("both about %(concepts)s"),
    "similar_text": _("the descriptions are close in meaning"),
    "support_match": _("the offer provides %(kinds)s, which the need asks for"),
    "shared_targets": _("both contribute to GBF target %(targets)s"),
    "languages": _("offer in %(offer_language)s, need in %(need_language)s"),
    "same_language": _("both in %(language)s"),
    "delivery_language": _("the offer can be delivered in %(language)s, as the need asks"),
    "costs_covered": _("the offer covers participants' costs"),
    "unwanted_support": _("the need does not want %(kind)s: “%(clause)s”"),
    "unwanted_topic": _("the need does not want %(concept)s: “%(clause)s”"),
    "not_transferable": _("the offer says its method does not apply to %(concept)s: “%(clause)s”"),
    "scope_restricted": _("the offer is specific to %(scope)s, the need is about %(need_concepts)s: “%(clause)s”"),
    "language_required": _("the need requires delivery in %(languages)s; the offer works in %(offer_languages)s: "
                           "“%(clause)s”"),
    "language_preferred": _("the need prefers delivery in %(languages)s; the offer works in %(offer_languages)s: "
                            "“%(clause)s”"),
    "eligibility_region": _("the offer is limited to %(regions)s: it excludes applicants from %(country)s: "
                            "“%(clause)s”"),
    "excluded_country": _("the offer excludes applicants from %(country)s: “%(clause)s”"),
    "eligibility_body": _("the offer is open only to %(bodies)s: “%(clause)s”"),
    "method_mismatch": _("different %(family)s: the need names %(need)s, the offer is about %(offer)s"),
    "instrument_mismatch": _("another instrument: the need is about %(need)s, the offer about %(offer)s"),
    "finance_excluded": _("the offer does not fund %(themes)s, which the need is about: “%(clause)s”"),
    "finance_only": _("the offer funds only %(theme)s; the need is about %(need_themes)s: “%(clause)s”"),
    "excluded_body": _("the offer excludes %(bodies)s: “%(clause)s”"),
    "deadline_passed": _("the offer closed on %(date)s: “%(clause)s”"),
    "cost": _("the need cannot pay fees or travel and the offer charges them: “%(clause)s”"),
    "support_mismatch": _("the need asks for %(wanted)s; the offer provides %(provided)s"),
    "ecosystem_mismatch": _("different ecosystem: the need is about %(need)s, the offer about %(offer)s"),
    "ecosystem_neighbour": _("neighbouring ecosystem: the need is about %(need)s, the offer about %(offer)s"),
    "taxon_mismatch": _("different species group: the need is about %(need)s, the offer about %(offer)s"),
}

_LANG_CODES = {"Arabic": "ar", "English": "en", "Spanish": "es", "French": "fr", "Russian": "ru",
               "Chinese": "zh-hans", "Portuguese": "pt"}
_SUPPORT = {
    "technical assistance": "technical-assistance", "training": "training", "expert exchange": "expert-exchange",
    "study visits": "study-visit", "joint research": "joint-research", "technology transfer": "technology-transfer",
    "data and information": "data", "finance": "finance", "equipment": "equipment", "policy advice": "policy-advice",
}


#: Codes the engine stores in the parameters of near-miss reasons, by parameter.
_REGIONS = {
    "africa": _("Africa"), "pacific": _("the Pacific"), "caribbean": _("the Caribbean"),
    "latin_america": _("Latin America"), "asia": _("Asia"), "central_asia": _("Central Asia"),
    "arab": _("the Arab States"), "europe": _("Europe"), "ldc": _("least developed countries"),
    "sids": _("small island developing States"), "west_africa": _("West Africa"), "east_africa": _("East Africa"),
    "central_africa": _("Central Africa"), "north_africa": _("North Africa"),
    "southern_africa": _("Southern Africa"), "central_america": _("Central America"),
    "southeast_asia": _("South-East Asia"), "south_asia": _("South Asia"), "caucasus": _("the Caucasus"),
    "mediterranean": _("the Mediterranean"), "eu": _("the European Union"),
    "gcc": _("the Gulf Cooperation Council"),
}
_BODIES = {
    "government": _("government bodies"), "ngo": _("non-governmental organisations"),
    "community": _("community and indigenous organisations"), "research": _("research and academic institutions"),
    "private": _("private companies"), "intergovernmental": _("intergovernmental organisations"),
}
_FAMILIES = {"fishing_gear": _("fishing gear"), "survey_method": _("survey technique")}
_METHODS = {
    "gillnet": _("gillnets"), "trawl": _("trawls"), "longline": _("longlines"), "purse_seine": _("purse seines"),
    "beach_seine": _("beach seines"), "camera_trap": _("camera traps"), "telemetry": _("telemetry collars and tags"),
    "drone": _("drones"), "satellite_imagery": _("satellite images"), "edna": _("environmental DNA"),
    "acoustic": _("acoustic recorders"),
}
_INSTRUMENTS = {
    "cartagena": _("the Cartagena Protocol on Biosafety"), "nagoya": _("the Nagoya Protocol"),
    "supplementary": _("the Nagoya – Kuala Lumpur Supplementary Protocol"),
    "itpgrfa": _("the International Treaty on Plant Genetic Resources"), "aarhus": _("the Aarhus Convention"),
    "escazu": _("the Escazú Agreement"), "aewa": _("AEWA (African-Eurasian waterbirds)"),
    "raptors_mou": _("the CMS Raptors MoU"), "eurobats": "EUROBATS", "ascobans": "ASCOBANS", "accobams": "ACCOBAMS",
    "acap": _("ACAP (albatrosses and petrels)"), "iosea": _("the IOSEA Marine Turtle MoU"),
    "abidjan_mou": _("the Abidjan Memorandum on Atlantic marine turtles"), "sharks_mou": _("the CMS Sharks MoU"),
    "unfccc": _("the UNFCCC"), "unccd": _("the UNCCD"), "cbd": _("the Convention on Biological Diversity"),
    "basel": _("the Basel Convention"), "rotterdam": _("the Rotterdam Convention"),
    "stockholm": _("the Stockholm Convention"), "minamata": _("the Minamata Convention"),
}
_THEMES = {
    "research": _("research"), "infrastructure": _("infrastructure and construction"),
    "equipment": _("equipment purchases"), "enforcement": _("law enforcement"), "tourism": _("tourism"),
    "agriculture": _("agricultural production"), "monitoring": _("monitoring and surveys"),
    "restoration": _("restoration work"), "species": _("threatened species"), "adaptation": _("climate adaptation"),
    "pollution": _("waste and pollution"), "protected_areas": _("protected areas"), "training": _("training"),
    "livelihoods": _("livelihoods and income"),
}


def _place(code: str) -> str:
    """A region code or an ISO country code in the active language."""
    if code in _REGIONS:
        return str(_REGIONS[code])
    if len(code) == 2 and code.isalpha():
        import pycountry

        from clearinghouse.core.vocab import country_name

        c = pycountry.countries.get(alpha_2=code.upper())
        return country_name(code.upper(), c.name if c else code) if c else code
    return code


def _coded(code: str, key: str, value):
    """Parameters holding codes (places, bodies, methods, instruments, themes) as words, else None."""
    table = None
    if key in ("places", "country") or (code == "excluded_country" and key == "places"):
        table = _place
    elif key in ("bodies", "need_bodies") and code in ("eligibility_body", "excluded_body"):
        table = lambda v: str(_BODIES.get(v, v))  # noqa: E731
    elif key == "family":
        table = lambda v: str(_FAMILIES.get(v, v))  # noqa: E731
    elif key in ("need", "offer") and code == "method_mismatch":
        table = lambda v: str(_METHODS.get(v, v))  # noqa: E731
    elif key in ("need", "offer") and code == "instrument_mismatch":
        table = lambda v: str(_INSTRUMENTS.get(v, v))  # noqa: E731
    elif key in ("themes", "theme", "need_themes"):
        table = lambda v: str(_THEMES.get(v, v))  # noqa: E731
    if table is None:
        return None
    if isinstance(value, (list, tuple)):
        return _join([table(str(v)) for v in value])
    return table(str(value))


def _word(value) -> str:
    """One parameter value as plain text in the active language.

    Always a ``str``: Django's ``name_translated`` and the vocabulary names are lazy translation
    proxies, which ``str.join`` refuses (it raised ``TypeError``, a 500 on every page showing them).
    """
    text = str(value)
    if text in _LANG_CODES:
        try:
            return str(get_language_info(_LANG_CODES[text])["name_translated"])
        except KeyError:
            return text
    if text in _SUPPORT:
        return str(SUPPORT_TYPE_NAMES[_SUPPORT[text]]).lower()
    return text


def _join(values) -> str:
    if not isinstance(values, (list, tuple)):
        return _word(values)
    items = [_word(v) for v in values if v is not None and str(v) != ""]
    if len(items) <= 1:
        return "".join(items)
    separator = pgettext("between the items of a list", ", ")
    return gettext("%(items)s and %(last)s") % {"items": separator.join(items[:-1]), "last": items[-1]}


def render_reason(reason: dict) -> str:
    """One stored reason ({"code", "params", "text"}) as a sentence in the active language."""
    code = reason.get("code", "")
    template = TEMPLATES.get(code)
    params = reason.get("params") or {}
    if template is None:
        return str(reason.get("text") or code.replace("_", " "))
    shown = {}
    for k, v in params.items():
        coded = _coded(code, k, v)
        shown[k] = coded if coded is not None else _join(v)
    if code == "eligibility_region" and params.get("places"):
        shown["regions"] = shown["places"]
    try:
        return str(template) % shown
    except (KeyError, TypeError, ValueError):
        return str(reason.get("text") or code)


def score_label(score: float) -> str:
    if score >= 0.7:
        return gettext("strong match")
    if score >= 0.45:
        return gettext("good match")
    return gettext("possible match")


def count_label(n: int) -> str:
    return ngettext("%(n)s suggestion", "%(n)s suggestions", n) % {"n": n}
