"""What meetings tell the pages of lower apps (``core.related``): a discussion's page, a partnership's or a task
force's page lists the meetings linked to it."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.related import RelatedLink


def meetings_of(obj, user):
    from .models import Meeting

    label = obj._meta.label
    if label == "forums.Discussion":
        qs = Meeting.objects.filter(discussion=obj)
    elif label == "partnerships.Partnership":
        qs = Meeting.objects.filter(Q(partnership=obj) | Q(task_force=obj))
    else:
        return []
    return [RelatedLink(group=_("Meetings"), title=m.tr("title"), url=m.get_absolute_url(),
                        meta=m.starts_on.isoformat(), language=m.shown_language())
            for m in qs.order_by("-starts_on")[:20]]
