"""Pages that gather from several apps: the home page and a country's page.

They moved here from ``core`` (which imports no domain app) when they were next touched, as
DESIGN.md §2 says; their URL names (``core:home``, ``core:country``) stay as they were.
"""

from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from clearinghouse.accounts.permissions import can_view_authorised_users
from clearinghouse.core import selectors as core_selectors
from clearinghouse.core.cache import public_page_cache
from clearinghouse.core.models import Country, Target, content_language
from clearinghouse.knowledge import selectors as knowledge_selectors
from clearinghouse.knowledge.models import RecordRevision
from clearinghouse.matchmaking.selectors import posts_for_country


@require_GET
@public_page_cache(timeout=300)
def home(request):
    lang = content_language(translation.get_language())
    latest = knowledge_selectors.records_latest(user=request.user, limit=6)
    for item in latest:
        data = item["data"]
        item["title"] = knowledge_selectors.snapshot_text(data, "title", lang) or item["record"].title
        item["title_lang"] = knowledge_selectors.snapshot_text_language(data, "title", lang)
        item["summary"] = knowledge_selectors.snapshot_text(data, "summary", lang)
        item["summary_lang"] = knowledge_selectors.snapshot_text_language(data, "summary", lang)
    return render(request, "portal/home.html", {
        "latest": latest,
        "stats": knowledge_selectors.home_stats(),
        "targets": Target.objects.filter(framework="GBF"),
    })


def _published_titles(records: list, lang: str) -> list:
    """The public sees the published snapshot, not the working copy: give each record its snapshot's title."""
    snapshots = {(r.record_id, r.revision): r.data for r in RecordRevision.objects.filter(
        record__in=[r.pk for r in records]).only("record_id", "revision", "data")} if records else {}
    for r in records:
        data = snapshots.get((r.pk, r.revision)) or {}
        r.shown_title = knowledge_selectors.snapshot_text(data, "title", lang) or r.tr("title")
        r.shown_title_language = (knowledge_selectors.snapshot_text_language(data, "title", lang)
                                  if data else r.shown_language())
    return records


@require_GET
@public_page_cache(timeout=300)
def country(request, code):
    country = get_object_or_404(Country.objects.select_related("region"), pk=code.upper())
    lang = content_language(translation.get_language())
    records = _published_titles(
        list(knowledge_selectors.records_for_country(country=country, user=request.user, limit=20)), lang)
    return render(request, "portal/country.html", {
        "country": country,
        "focal_points": list(core_selectors.focal_points_of(country)),
        "records": records,
        "can_manage": can_view_authorised_users(request.user, country.pk),
        "posts": posts_for_country(country=country, user=request.user, limit=20),
    })


@require_GET
def module_list(request):
    from .models import Module

    return render(request, "portal/module_list.html", {"modules": Module.objects.prefetch_related("conventions")})


@require_GET
def module_detail(request, slug: str):
    from . import modules as gather
    from .models import Module

    module = get_object_or_404(Module.objects.prefetch_related("conventions", "topics", "ecosystems", "targets"),
                               slug=slug)
    lang = content_language(translation.get_language())
    questions = gather.module_questions(module)
    by_convention: dict[str, list] = {}
    for q in questions:
        by_convention.setdefault(q.template.cycle.convention_id, []).append(q)
    code = (request.GET.get("country") or "").upper()[:2]
    answer_country = Country.objects.filter(pk=code).first() if code else None
    if code and answer_country is None:
        from django.http import Http404

        raise Http404(translation.gettext("No country has the code %(code)s.") % {"code": code})
    return render(request, "portal/module_detail.html", {
        "module": module,
        "decisions": gather.module_decisions(module),
        "questions": by_convention,
        "records": _published_titles(gather.module_records(module, request.user), lang),
        "posts": gather.module_posts(module, request.user),
        "activities": gather.module_activities(module, request.user),
        "answer_country": answer_country,
        "answers": gather.country_answers(questions, answer_country.pk) if answer_country else None,
        "countries": Country.objects.filter(national_reports__state="published").distinct().order_by("name"),
    })


@require_GET
def target(request, code: str):
    """A GBF target across the platform: its headline indicators with every country's latest value (a map and a
    table, from the indicator data countries enter once), the national targets aligned with it, the decisions
    on it, and what the knowledge network, the marketplace and the partnerships hold on it."""
    from django.http import Http404

    from clearinghouse.core.maps import MapValue, scale_class, world_map
    from clearinghouse.core.vocab import gbf_indicators_for_target
    from clearinghouse.decisions.models import Decision
    from clearinghouse.reporting.models import IndicatorValue, TargetAlignment

    framework, _sep, number = code.upper().partition("-")
    the_target = Target.objects.filter(framework=framework, number=int(number) if number.isdigit() else -1).first()
    if the_target is None:
        raise Http404(translation.gettext("No target has the code %(code)s.") % {"code": code})
    names = {c.pk: c.local_name() for c in Country.objects.all()}
    indicators = []
    for indicator in gbf_indicators_for_target(the_target.number) if framework == "GBF" else []:
        latest: dict[str, IndicatorValue] = {}
        for row in IndicatorValue.objects.filter(indicator=indicator["code"]).order_by("year"):
            latest[row.country_id] = row
        rows = sorted(latest.values(), key=lambda r: names.get(r.country_id, r.country_id))
        the_map = None
        if rows:
            top = max(float(r.value) for r in rows) or 1.0
            the_map = world_map(
                {r.country_id: MapValue(scale_class(float(r.value), top),
                                        f"{names.get(r.country_id, r.country_id)}: {r.value:g} {r.unit} ({r.year})")
                 for r in rows},
                title=f"{indicator['code']} {indicator['title']}",
                description=translation.gettext("The latest value of %(n)s countries; the table gives each.")
                % {"n": len(rows)},
                legend=[(f"m-{i}", f"≤ {top * i / 5:g}") for i in range(1, 6)]
                + [("m-land", translation.gettext("No value"))])
        indicators.append({"indicator": indicator, "rows": [{"row": r, "name": names.get(r.country_id)} for r in rows],
                           "map": the_map})
    alignments = list(TargetAlignment.objects.filter(target=the_target)
                      .select_related("national_target__country").order_by("national_target__country_id"))
    return render(request, "portal/target.html", {
        "target": the_target,
        "indicators": indicators,
        "alignments": alignments,
        "decisions": Decision.objects.filter(targets=the_target).select_related("convention"),
    })
