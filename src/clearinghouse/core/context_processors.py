from django.conf import settings
from django.utils import translation


def site(request):
    lang = translation.get_language() or "en"
    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from clearinghouse.alerts.models import Notice

        unread = Notice.objects.filter(user=user, read_at__isnull=True).count()
    return {
        "unread_notices": unread,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "UI_LANGUAGE": lang,
    }
