from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import selectors
from .models import Country, Target


@require_GET
def home(request):
    from clearinghouse.knowledge.selectors import home_stats, records_latest

    return render(request, "core/home.html", {
        "latest": records_latest(user=request.user, limit=6),
        "stats": home_stats(),
        "targets": Target.objects.filter(framework="GBF"),
    })


@require_GET
def countries(request):
    return render(request, "core/countries.html", {"regions": selectors.countries_by_region()})


@require_GET
def country(request, code):
    from clearinghouse.knowledge.selectors import records_for_country

    country = get_object_or_404(Country.objects.select_related("region"), pk=code.upper())
    context = {
        "country": country,
        "focal_points": selectors.focal_points_of(country),
        "records": records_for_country(country=country, user=request.user, limit=20),
    }
    try:
        from clearinghouse.matchmaking.selectors import posts_for_country

        context["posts"] = posts_for_country(country=country, user=request.user, limit=20)
    except ImportError:
        context["posts"] = None
    return render(request, "core/country.html", context)


@require_GET
@cache_control(max_age=0, no_store=True)
def healthz(request):
    """A trivial view: liveness check, and the baseline of the throughput benchmark."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def api_docs(request):
    return redirect("api:openapi-view")


@require_GET
def outbox(request, name=None):
    """Development only: the mails the local outbox backend wrote, as a person would read them."""
    if not settings.DEBUG or "OutboxBackend" not in settings.EMAIL_BACKEND:
        raise Http404
    from clearinghouse.notifications.outbox import outbox_messages

    files = outbox_messages(100)
    if name:
        match = [f for f in files if f.name == name]
        if not match:
            raise Http404
        return HttpResponse(match[0].read_bytes(), content_type="text/plain; charset=utf-8")
    return render(request, "core/outbox.html", {"files": files})
