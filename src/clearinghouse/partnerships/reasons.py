"""The detector's reasons (codes with parameters) in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REASONS = {
    "same_countries": _("same country: %(countries)s"),
    "same_place": _("same area: %(place)s"),
    "periods": _("periods overlap by %(months)s months (%(start)s to %(end)s)"),
    "dates_close": _("start and end within %(months)s months of each other"),
    "budget_close": _("budgets of the same size (about %(usd)s USD)"),
    "budget_missing": _("a budget is missing on one side"),
    "support": _("same kind of support: %(support)s"),
    "elements": _("same target elements: %(elements)s"),
    "text": _("descriptions alike (%(similarity)s %%)"),
    "languages": _("written in %(a)s and %(b)s"),
    "partners": _("registered by different partners"),
    "same_partner": _("registered by the same partner"),
}


def texts(reasons: list[dict]) -> list[str]:
    out = []
    for r in reasons or []:
        template = REASONS.get(r.get("code"))
        if template is None:
            continue
        params = dict(r.get("params") or {})
        if "similarity" in params:
            params["similarity"] = round(100 * float(params["similarity"]))
        try:
            out.append(str(template) % params)
        except (KeyError, TypeError, ValueError):
            out.append(str(template).split(":")[0])
    return out
