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
