"""What the pages of lower apps show about official notifications (``core.related``): a discussion, a meeting,
a partnership shows the published notifications that link to it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.related import RelatedLink

from .models import Link, Notification

GROUP = _("Official notifications")


def notifications_about(obj, user):
    """Published notifications linked to ``obj`` (two queries; the content type is cached)."""
    pk = getattr(obj, "pk", None)
    if pk is None or not hasattr(obj, "_meta"):
        return []
    ct = ContentType.objects.get_for_model(type(obj))
    links = (Link.objects.filter(content_type=ct, object_id=str(pk),
                                 notification__status=Notification.Status.PUBLISHED)
             .select_related("notification").order_by("-notification__date")[:20])
    out = []
    for link in links:
        n = link.notification
        out.append(RelatedLink(group=GROUP, title=n.tr("subject"), url=n.get_absolute_url(),
                               meta=f"{n.reference} · {formats.date_format(n.date, 'DATE_FORMAT')}",
                               language=n.shown_language()))
    return out
