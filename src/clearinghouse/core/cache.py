"""A shared page cache for anonymous visitors of the public pages.

``@public_page_cache(timeout=...)`` stores the HTML a view renders for a visitor who
is not signed in, in Django's cache (``CACHES["default"]``: per-process memory, or
Redis with ``CLEARINGHOUSE_CACHE_URL``), and serves it again without running the view.

The key is the full path with its query string, the UI language, the active time
zone and, for htmx requests, the element being swapped. The entry is also tagged
with a content generation token, read in one indexed query (at most once a second
per thread, see ``generation``):

* ``SearchIndexState('vectors')``, changed by every write to the search index (a
  record published, updated, archived: the search page, the lists and the record
  page change at once);
* ``SearchIndexState('pages')``, changed here whenever a public content model
  (knowledge, core, matchmaking) is saved or deleted, so a page never waits for
  the background indexing task.

A cached page is never served to, or stored from, a signed-in user, a non-GET
request, a request with messages waiting to be shown, or a response that set a
cookie or used a CSRF token (a page with a token in it could not be shared).
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

PAGES_KEY = "pages"
TOKEN_KEYS = ("vectors", PAGES_KEY)
# Apps whose models are shown on the cached pages; their writes change the pages token.
CONTENT_APPS = frozenset({"core", "knowledge", "matchmaking"})
HEADERS_KEPT = ("Content-Type", "Content-Language")
VARY = ("Cookie", "Accept-Language", "HX-Request", "HX-Target")


class _Memo(threading.local):
    value: str | None = None
    at: float = 0.0


_memo = _Memo()


def generation() -> str:
    """The current content generation: changes whenever anything shown on public pages may have.

    Read from the database at most once every ``CLEARINGHOUSE_PAGE_CACHE_TOKEN_TTL`` seconds (1 by
    default; 0: every request) per thread: a write in another process shows within that time,
    one in this process at once (``forget_generation``)."""
    from clearinghouse.search.models import SearchIndexState

    ttl = float(getattr(settings, "CLEARINGHOUSE_PAGE_CACHE_TOKEN_TTL", 1.0))
    now = time.monotonic()
    if ttl > 0 and _memo.value is not None and now - _memo.at < ttl:
        return _memo.value
    rows = dict(SearchIndexState.objects.filter(key__in=TOKEN_KEYS).values_list("key", "version"))
    _memo.value, _memo.at = "-".join(rows.get(k, "") for k in TOKEN_KEYS), now
    return _memo.value


def forget_generation() -> None:
    """Read the token afresh on the next request of this thread (after a write)."""
    _memo.value = None


def _write_pages_token() -> None:
    from clearinghouse.search.models import SearchIndexState

    SearchIndexState.objects.update_or_create(key=PAGES_KEY, defaults={"version": uuid.uuid4().hex})
    forget_generation()


def bump() -> None:
    """Mark every cached public page stale, once the current transaction commits (once per transaction)."""
    conn = transaction.get_connection()
    if conn.in_atomic_block and any(entry[1] is _write_pages_token for entry in conn.run_on_commit):
        return
    transaction.on_commit(_write_pages_token)


def _on_content_write(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if (meta is None or meta.app_label not in CONTENT_APPS or kwargs.get("raw")
            or sender.__module__ == "__fake__"):  # historical models, inside migrations
        return
    bump()


post_save.connect(_on_content_write, dispatch_uid="clearinghouse.core.cache.save")
post_delete.connect(_on_content_write, dispatch_uid="clearinghouse.core.cache.delete")


def cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # len() reads the pending messages without marking them shown.
    return not (hasattr(request, "_messages") and len(get_messages(request)))


def page_key(request: HttpRequest, prefix: str) -> str:
    parts = [
        request.get_full_path(),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"page:{prefix}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def public_page_cache(timeout: int = 300, *, prefix: str = "") -> Callable:
    """Cache a public GET view's page for anonymous visitors (see the module docstring)."""

    def decorator(view: Callable) -> Callable:
        name = prefix or f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not getattr(settings, "CLEARINGHOUSE_PAGE_CACHE", True) or not cacheable_request(request):
                return view(request, *args, **kwargs)
            key = page_key(request, name)
            token = generation()
            entry = cache.get(key)
            if entry is not None and entry[0] == token:
                _token, status, headers, content = entry
                response = HttpResponse(content, status=status)
                for header, value in headers.items():
                    response[header] = value
                response["X-Page-Cache"] = "hit"
                patch_vary_headers(response, VARY)
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            if _storable(request, response):
                headers = {h: response[h] for h in HEADERS_KEPT if response.has_header(h)}
                cache.set(key, (token, response.status_code, headers, response.content), timeout)
                response["X-Page-Cache"] = "miss"
            patch_vary_headers(response, VARY)
            return response

        return wrapped

    return decorator
