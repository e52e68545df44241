"""Background work of the marketplace. The services enqueue it by name after commit (``core.queue``);
each task calls a service."""

from __future__ import annotations

from django_tasks import task

from clearinghouse.core import queue

from . import services


@queue.register("matchmaking.suggestions_refresh_for_need")
@task()
def suggestions_refresh_for_need_task(need_id: int) -> int:
    return services.suggestions_refresh_for_need(need_id)


@queue.register("matchmaking.suggestions_refresh_for_offer")
@task()
def suggestions_refresh_for_offer_task(offer_id: int) -> int:
    return services.suggestions_refresh_for_offer(offer_id)


@queue.register("matchmaking.workshop_send_matches")
@task()
def workshop_send_matches_task(workshop_id: int) -> int:
    return services.workshop_send_matches(workshop_id)
