import zoneinfo

from django.utils import timezone


class TimezoneMiddleware:
    """Show dates in the viewer's time zone: the profile's, else the ``tz`` cookie, else UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            name = user.timezone or None
        name = name or request.COOKIES.get("tz")
        try:
            timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class RejectNullCharactersMiddleware:
    """Answer 400 to input holding a NUL character.

    No user text ever needs one, PostgreSQL cannot store one (so it would end as a 500 deep in a query),
    and forms already refuse them; this covers query strings and JSON bodies of the API alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseBadRequest
        from django.utils.translation import gettext as _

        bad = "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", "")
        if not bad and request.method in ("POST", "PUT", "PATCH") and "json" in request.content_type:
            body = request.body
            bad = b"\x00" in body or b"\\u0000" in body
        if bad:
            message = _("The request contains a null character, which no text can hold. Remove it and try again.")
            if request.path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
