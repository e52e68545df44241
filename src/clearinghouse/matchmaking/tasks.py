"""Background work of the marketplace, enqueued after commit by the services."""

from __future__ import annotations

from django_tasks import task


@task()
def suggestions_refresh_for_need_task(need_id: int) -> int:
    from .services import suggestions_refresh_for_need

    return suggestions_refresh_for_need(need_id)


@task()
def suggestions_refresh_for_offer_task(offer_id: int) -> int:
    from .services import suggestions_refresh_for_offer

    return suggestions_refresh_for_offer(offer_id)


@task()
def workshop_send_matches_task(workshop_id: int) -> int:
    from .services import workshop_send_matches

    return workshop_send_matches(workshop_id)
