from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import selectors
from .cache import public_page_cache


@require_GET
@public_page_cache(timeout=600)
def countries(request):
    return render(request, "core/countries.html", {"regions": selectors.countries_by_region()})


@require_GET
def language_set(request):
    """Choose the interface language with a plain link or GET form: ``/language/?lang=fr&next=/path``.

    A GET (not Django's POST ``set_language``) so that pages carry no CSRF token and can be
    cached and shared between anonymous visitors. ``next`` must be a path of this site."""
    lang = request.GET.get("lang", "")
    target = request.GET.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if lang in dict(settings.LANGUAGES) and check_for_language(lang):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, lang, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@cache_control(max_age=0, no_store=True)
def healthz(request):
    """A trivial view: liveness check, and the baseline of the throughput benchmark."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def api_docs(request):
    return redirect("api:openapi-view")


def _outbox_entry(path, *, body: bool = False) -> dict:
    import email
    from email import policy

    with path.open("rb") as fh:
        msg = email.message_from_binary_file(fh, policy=policy.default)
    entry = {"name": path.name, "to": msg.get("To", ""), "subject": msg.get("Subject", ""),
             "date": msg.get("Date", ""), "from": msg.get("From", "")}
    if body:
        part = msg.get_body(preferencelist=("plain", "html"))
        entry["body"] = part.get_content() if part is not None else ""
    return entry


@require_GET
def outbox(request, name=None):
    """Development only: the mails the local outbox backend wrote, as a person would read them.

    Staff only (the demo secretariat is staff): the mails hold confirmation and password-reset links."""
    if not settings.DEBUG or "OutboxBackend" not in settings.EMAIL_BACKEND:
        raise Http404
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not (request.user.is_active and request.user.is_staff):
        from django.utils.translation import gettext as _

        return HttpResponse(_("The outbox is for staff accounts only: log in as the demo secretariat."),
                            status=403, content_type="text/plain; charset=utf-8")
    from clearinghouse.alerts.outbox import outbox_messages

    files = outbox_messages(100)
    if name:
        match = [f for f in files if f.name == name]
        if not match:
            raise Http404
        if request.GET.get("raw"):
            return HttpResponse(match[0].read_bytes(), content_type="text/plain; charset=utf-8")
        return render(request, "core/outbox.html", {"message": _outbox_entry(match[0], body=True)})
    return render(request, "core/outbox.html", {"entries": [_outbox_entry(f) for f in files]})


def world_map_svg(request):
    """The country shapes every map of the site references (``core.maps``), cached for a year: the address
    carries the shapes' version."""
    from django.http import HttpResponse

    from .maps import base_map_svg

    response = HttpResponse(base_map_svg(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
