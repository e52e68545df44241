"""Background work of partnerships, enqueued after commit by the services."""

from __future__ import annotations

from django_tasks import task

from clearinghouse.core import queue


@queue.register("partnerships.activity_embed")
@task()
def activity_embed_task(activity_id: int) -> int:
    """Embed a new or changed activity and look for its duplicates and overlaps."""
    from .detection import activity_embed_and_detect

    return activity_embed_and_detect(activity_id)


@task()
def overlaps_refresh_task(partnership_id: int) -> int:
    from .models import Partnership
    from .services import overlaps_refresh

    p = Partnership.objects.filter(pk=partnership_id).first()
    return overlaps_refresh(p) if p else 0
