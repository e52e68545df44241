"""Reads of decisions: filtered, bounded lists and one decision with what it links to."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Decision


def decision_list(*, q: str = "", convention: str = "", kind: str = "", status: str = "", topic: str = "",
                  target: str = "") -> QuerySet[Decision]:
    qs = Decision.objects.select_related("convention").prefetch_related("topics", "targets")
    if convention:
        qs = qs.filter(Q(convention_id=convention) | Q(convention__parent_id=convention))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if topic:
        qs = qs.filter(topics__slug=topic)
    if target:
        framework, _, number = target.partition("-")
        if number.isdigit():
            qs = qs.filter(targets__framework=framework, targets__number=int(number))
    if q:
        words = q.split()[:8]
        for word in words:
            qs = qs.filter(Q(symbol__icontains=word) | Q(title__icontains=word) | Q(number__icontains=word)
                           | Q(long_title__icontains=word) | Q(summary__icontains=word))
    return qs.distinct()


def decision_by_symbol(symbol: str) -> Decision | None:
    return Decision.objects.filter(symbol__iexact=symbol.strip()).select_related("convention").first()
