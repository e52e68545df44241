"""Reasons of a suggestion in the viewer's language, from the engine's ``code`` and ``params``.

The engine stores English labels in the parameters; language names and support kinds are
put back into the viewer's language here. An unknown code falls back to the engine's text.
"""

from __future__ import annotations

from django.utils.translation import get_language_info, gettext, ngettext
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
    "eligibility_region": _("the offer is limited to %(regions)s; the need comes from %(country)s: “%(clause)s”"),
    "eligibility_body": _("the offer is open only to %(bodies)s: “%(clause)s”"),
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
    return f"{', '.join(items[:-1])} {gettext('and')} {items[-1]}"


def render_reason(reason: dict) -> str:
    """One stored reason ({"code", "params", "text"}) as a sentence in the active language."""
    code = reason.get("code", "")
    template = TEMPLATES.get(code)
    params = reason.get("params") or {}
    if template is None:
        return str(reason.get("text") or code.replace("_", " "))
    shown = {k: _join(v) for k, v in params.items()}
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
