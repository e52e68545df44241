"""Links between objects of different apps, without imports across floors.

A higher app that links to objects of a lower one (an official notification about a meeting, a meeting of a task
force, a module gathering needs and reports) registers a *provider*: a function ``(obj, user) -> iterable of
RelatedLink`` that returns what it holds about ``obj``. The lower app's page asks ``related_to(obj, user)`` (or the
``{% related_links obj %}`` tag) and never imports the higher app. Providers must check what ``user`` may see and
must cost a bounded number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class RelatedLink:
    group: str | Promise  # heading, e.g. "Official notifications" (translated lazily)
    title: str  # user text: shown through ``user_text``
    url: str
    meta: str = ""  # e.g. a reference or a date, shown beside the title
    language: str = ""  # the title's language, if known


Provider = Callable[[object, object], Iterable[RelatedLink]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Register a provider (usable as a decorator); call it from the app's ``AppConfig.ready``."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def related_to(obj, user) -> list[RelatedLink]:
    """Every link the registered providers hold about ``obj`` that ``user`` may see, grouped in provider order."""
    links: list[RelatedLink] = []
    for provider in _providers:
        links.extend(provider(obj, user))
    return links
