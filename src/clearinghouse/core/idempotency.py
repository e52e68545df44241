"""One-time tokens that make create forms (and API create requests) idempotent.

A double click, a reload-and-resubmit or a retried request must not create a second record, post or
invitation. Every create form carries a hidden one-time token (``{% idempotency_token %}``, a builtin tag);
its view is wrapped in ``@idempotent("app.thing_create")`` and tells what it made with
``created(request, obj)``::

    @login_required
    @idempotent("knowledge.record_create")
    def record_create(request, kind):
        ...
        record = services.record_create(...)
        created(request, record)
        return redirect(...)

How it holds under concurrency: the wrapper opens a transaction whose first write inserts the token's row
(``core.IdempotencyKey``, key unique). A second request with the same token blocks on that unique key (PostgreSQL)
or on the write lock (SQLite, ``BEGIN IMMEDIATE``) until the first commits, then fails to insert and finds the row
with the URL of what the first one made: it answers with a redirect there (``HX-Redirect`` for htmx). If the first
made nothing (a form error, an exception), its row is removed or rolled back with it, and the same token may be
sent again. No token (an old page, a script): the view runs as before, unprotected.

The API honours an optional ``Idempotency-Key`` header on every POST in the same way (``api_idempotency``),
replaying the first successful answer; the same key with a different body answers 422.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _

from .models import IdempotencyKey

FIELD = "idempotency_token"
HEADER = "Idempotency-Key"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,100}$")
_API_KEY_RE = re.compile(r"^[\x21-\x7e]{1,255}$")

#: scope -> "module.view" of every view wrapped in ``@idempotent``; tests walk it so a new create form is covered.
REGISTRY: dict[str, str] = {}


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Claim:
    """The running request's hold on its token; the view fills it through ``created``."""

    def __init__(self, row: IdempotencyKey):
        self.row = row
        self.obj = None
        self.url = ""
        self.made = False


def created(request, obj=None, *, url: str = "") -> None:
    """Tell the idempotency wrapper what this request made (and, optionally, where to send a repeat)."""
    claim: Claim | None = getattr(request, "_idempotency_claim", None)
    if claim is None:
        return
    claim.obj, claim.url, claim.made = obj, url or claim.url, True


def _replay(request, row: IdempotencyKey) -> HttpResponse:
    url = row.result_url or request.get_full_path()
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    messages.info(request, _("This form had already been sent: here is what it created. Nothing was added twice."))
    return HttpResponseRedirect(url)


def _result_url(claim: Claim, response) -> str:
    if claim.url:
        return claim.url
    if isinstance(response, HttpResponseRedirect) or response.status_code in (301, 302, 303, 307, 308):
        return response["Location"]
    if response.get("HX-Redirect"):
        return response["HX-Redirect"]
    url = getattr(claim.obj, "get_absolute_url", None)
    return url() if callable(url) else ""


def idempotent(scope: str):
    """Wrap a view that creates something from a POST carrying ``idempotency_token``."""

    def decorator(view):
        REGISTRY[scope] = f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            token = request.POST.get(FIELD, "") if request.method == "POST" else ""
            user = getattr(request, "user", None)
            if not token or not _TOKEN_RE.match(token) or not (user and user.is_authenticated):
                return view(request, *args, **kwargs)
            key = f"form:{user.pk}:{token}"
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        row = IdempotencyKey.objects.create(key=key, scope=scope, user=user)
                except IntegrityError:
                    row = IdempotencyKey.objects.filter(key=key).first()
                else:
                    claim = Claim(row)
                    request._idempotency_claim = claim
                    try:
                        response = view(request, *args, **kwargs)
                    finally:
                        del request._idempotency_claim
                    if claim.made:
                        _finish(row, claim, response)
                    else:
                        row.delete()
                    return response
            if row is None:  # removed between our insert and our read: the first request made nothing
                return view(request, *args, **kwargs)
            return _replay(request, row)

        wrapper.idempotency_scope = scope
        return wrapper

    return decorator


def _finish(row: IdempotencyKey, claim: Claim, response) -> None:
    row.result_url = _result_url(claim, response)[:1000]
    if claim.obj is not None and getattr(claim.obj, "pk", None) is not None:
        row.content_type = ContentType.objects.get_for_model(claim.obj)
        row.object_id = str(claim.obj.pk)
    row.save(update_fields=["result_url", "content_type", "object_id"])


# --- API: the Idempotency-Key header -----------------------------------------------------------------------


def _credential(request) -> str:
    """What the API authenticates this request with: the bearer token, else the session."""
    auth = request.headers.get("Authorization", "")
    if auth:
        return "t:" + hashlib.sha256(auth.encode()).hexdigest()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u:{user.pk}"
    return ""


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() + b" " + request.path.encode() + b"\n")
    digest.update(request.body)
    return digest.hexdigest()


def api_idempotency(view):
    """Wrap the API's Django view: a POST with ``Idempotency-Key`` is carried out once per key and credential;
    a repeat gets the first successful answer again (header ``Idempotent-Replayed: true``)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        client_key = request.headers.get(HEADER)
        if request.method != "POST" or client_key is None:
            return view(request, *args, **kwargs)
        if not _API_KEY_RE.match(client_key):
            return JsonResponse({"detail": _("The Idempotency-Key header must be 1 to 255 visible ASCII "
                                             "characters.")}, status=400)
        credential = _credential(request)
        if not credential:  # anonymous: the endpoint will refuse it anyway
            return view(request, *args, **kwargs)
        key = "api:" + hashlib.sha256(f"{credential}:{client_key}".encode()).hexdigest()
        try:
            fingerprint = _fingerprint(request)
        except RequestDataTooBig:  # the endpoint answers this itself
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = IdempotencyKey.objects.create(key=key, scope="api", fingerprint=fingerprint)
            except IntegrityError:
                row = IdempotencyKey.objects.filter(key=key).first()
            else:
                response = view(request, *args, **kwargs)
                if 200 <= response.status_code < 300 and not getattr(response, "streaming", False):
                    row.response_status = response.status_code
                    row.response_type = response.get("Content-Type", "")[:100]
                    row.response_body = response.content.decode(response.charset or "utf-8", "replace")
                    row.result_url = request.path[:1000]
                    row.save(update_fields=["response_status", "response_type", "response_body", "result_url"])
                else:
                    row.delete()
                return response
        if row is None:
            return view(request, *args, **kwargs)
        if row.fingerprint != fingerprint:
            return JsonResponse({"detail": _("This Idempotency-Key was already used for a different request.")},
                                status=422)
        response = HttpResponse(row.response_body, status=row.response_status,
                                content_type=row.response_type or "application/json")
        response["Idempotent-Replayed"] = "true"
        return response

    return wrapper


def purge(*, older_than_days: int = 7) -> int:
    """Forget keys older than a week: a resubmission after that is a new request."""
    import datetime as dt

    from django.utils import timezone

    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
