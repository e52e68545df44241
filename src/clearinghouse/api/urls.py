"""The public API at /api/v1/: each app contributes a router from its ``api.py``."""

from csp.decorators import csp_update
from django.urls import URLPattern
from ninja import NinjaAPI

from clearinghouse.core.idempotency import HEADER, api_idempotency

from .auth import ApiKeyAuth, SessionOrAnonymous
from .docs import Explorer, ReadableDocs

BAD_REQUEST = {
    "description": "Malformed request: unreadable JSON, or a null character in the input.",
    "content": {"application/json": {"schema": {
        "type": "object", "properties": {"detail": {}}, "required": ["detail"],
    }}},
}


IDEMPOTENCY_KEY = {
    "name": HEADER, "in": "header", "required": False,
    "description": (
        "Optional. A key of your choice (e.g. a UUID) that makes a retry safe: the first request with this key "
        "is carried out once, a repeat with the same key and body gets the first answer again (status and body, "
        "with the header `Idempotent-Replayed: true`), and the same key with a different body is refused with "
        "422. Keys are per token and kept for a week."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]{1,255}$"},
}
KEY_REUSED = {
    "description": "Invalid input, or an Idempotency-Key already used for a different request.",
    "content": {"application/json": {"schema": {
        "type": "object", "properties": {"detail": {}}, "required": ["detail"],
    }}},
}


KEY_REUSED_TOO = "Also answered when an Idempotency-Key was already used for a different request."


def _documents(responses: dict, code: int) -> dict | None:
    """The response documented for ``code``: ninja keys its own by int, JSON and our additions by str. Adding a
    str key beside an int one would write the code twice in the JSON, and the later one would hide the first."""
    return responses.get(code) or responses.get(str(code))


class ClearinghouseAPI(NinjaAPI):
    """Reads are public: their schema says so (the token is optional), unless they document 401.
    Every operation may answer 400 to a malformed request (ninja's body parser, our NUL guard).
    Every POST honours an optional ``Idempotency-Key`` header (``core.idempotency.api_idempotency``)."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = api_idempotency(pattern.callback)
        return patterns

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                if not _documents(responses, 400):
                    responses["400"] = BAD_REQUEST
                if method.lower() == "post":
                    operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
                    documented = _documents(responses, 422)
                    if documented:  # keep its schema; say that a reused key answers it too
                        documented["description"] = f"{documented.get('description', '')} {KEY_REUSED_TOO}".strip()
                    else:
                        responses["422"] = KEY_REUSED
                security = operation.get("security")
                if method.lower() == "get" and security and "401" not in operation.get("responses", {}):
                    if {} not in security:
                        security.append({})
        return schema


api = ClearinghouseAPI(
    title="Clearing-house API",
    version="1",
    description=(
        "Read published records, needs, offers and discussions without an account; "
        "create and submit with a personal API token (`Authorization: Bearer <token>`), "
        "made on your profile page."
    ),
    urls_namespace="api",
    # The docs are a page of the site, rendered on the server from the schema (api/docs.py).
    docs=ReadableDocs(),
    auth=[ApiKeyAuth(), SessionOrAnonymous()],
)


# Swagger UI (served from the ninja package, no CDN) sets inline styles on its widgets.
@csp_update({"style-src": ["'self'", "'unsafe-inline'"]})
def explorer(request):
    """The optional interactive explorer (Swagger UI), linked from the docs page."""
    return Explorer().render_page(request, api)

ROUTERS = [
    ("records", "clearinghouse.knowledge.api"),
    ("search", "clearinghouse.search.api"),
    ("vocabularies", "clearinghouse.core.api"),
    ("accounts", "clearinghouse.accounts.api"),
    ("marketplace", "clearinghouse.matchmaking.api"),
    ("discussions", "clearinghouse.forums.api"),
    ("partnerships", "clearinghouse.partnerships.api"),
    ("meetings", "clearinghouse.meetings.api"),
    ("decisions", "clearinghouse.decisions.api"),
    ("notifications", "clearinghouse.notifications.api"),
    ("reports", "clearinghouse.reporting.api"),
]


def _mount():
    import importlib

    for prefix, module_name in ROUTERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # an app without an API yet
            if exc.name == module_name:
                continue
            raise
        api.add_router(f"/{prefix}/", module.router)


_mount()
