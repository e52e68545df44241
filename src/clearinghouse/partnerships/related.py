"""What partnerships show on lower apps' pages (``core.related``): a country's partnership activities."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clearinghouse.core.models import Country


def country_partnerships(obj, user):
    """On a country page: each partnership with public activities in the country, with how many."""
    if not isinstance(obj, Country):
        return []
    from clearinghouse.core.related import RelatedLink

    from .models import Partnership

    rows = (Partnership.objects.filter(activities__countries=obj, activities__is_public=True,
                                       activities__withdrawn_at__isnull=True)
            .annotate(n=Count("activities", distinct=True, filter=Q(activities__countries=obj)))
            .order_by("name")[:10])
    return [RelatedLink(group=_("Partnerships"), title=p.tr("name"),
                        url=reverse("partnerships:activities", args=[p.slug]) + f"?country={obj.code}",
                        meta=ngettext("%(n)s activity", "%(n)s activities", p.n) % {"n": p.n}, language=p.language)
            for p in rows]
