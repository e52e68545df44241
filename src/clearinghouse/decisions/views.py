"""Public pages of decisions: a filtered list and one decision with everything that links to it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from clearinghouse.core.models import Convention, Topic

from . import selectors
from .models import Decision

PAGE_SIZE = 25


def decision_list(request):
    filters = {name: request.GET.get(name, "").strip()[:80]
               for name in ("q", "convention", "kind", "status", "topic", "target")}
    qs = selectors.decision_list(**filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "decisions/list.html", {
        "page": page, "filters": filters,
        "conventions": Convention.objects.filter(decisions__isnull=False).distinct().order_by("code"),
        "topics": Topic.objects.filter(decisions__isnull=False).distinct(),
        "kinds": Decision.Kind.choices, "statuses": Decision.Status.choices,
    })


def decision_detail(request, pk: int):
    decision = get_object_or_404(
        Decision.objects.select_related("convention", "supersedes").prefetch_related("topics", "targets",
                                                                                     "superseded_by"), pk=pk)
    return render(request, "decisions/detail.html", {"decision": decision})
