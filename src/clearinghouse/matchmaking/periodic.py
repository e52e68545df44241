"""Periodic jobs of the marketplace (run by ``clearinghouse periodic`` / ``serve``)."""

from __future__ import annotations

try:
    from clearinghouse.core.periodic import periodic
except ImportError:  # pragma: no cover - older core without the runner
    def periodic(*, every: float, name: str | None = None):  # type: ignore[no-redef]
        return lambda func: func


@periodic(every=3600)
def marketplace_posts_expire() -> str:
    """Expired posts leave the marketplace and stop being suggested."""
    from .services import posts_expire

    return f"{posts_expire()} posts expired"


@periodic(every=6 * 3600)
def marketplace_milestones_remind() -> str:
    from .services import milestones_remind

    return f"{milestones_remind()} milestone reminders"


@periodic(every=900)
def marketplace_suggestions_refresh_stale() -> str:
    from .services import suggestions_refresh_stale

    return f"{suggestions_refresh_stale()} needs re-ranked"
