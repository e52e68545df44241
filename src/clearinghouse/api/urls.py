"""The public API at /api/v1/: each app contributes a router from its ``api.py``."""

from csp.decorators import csp_update
from ninja import NinjaAPI

from .auth import ApiKeyAuth, SessionOrAnonymous

BAD_REQUEST = {
    "description": "Malformed request: unreadable JSON, or a null character in the input.",
    "content": {"application/json": {"schema": {
        "type": "object", "properties": {"detail": {}}, "required": ["detail"],
    }}},
}


class ClearinghouseAPI(NinjaAPI):
    """Reads are public: their schema says so (the token is optional), unless they document 401.
    Every operation may answer 400 to a malformed request (ninja's body parser, our NUL guard)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                operation.setdefault("responses", {}).setdefault("400", BAD_REQUEST)
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
    # Swagger UI (served from the ninja package, no CDN) sets inline styles on its widgets.
    docs_decorator=csp_update({"style-src": ["'self'", "'unsafe-inline'"]}),
    auth=[ApiKeyAuth(), SessionOrAnonymous()],
)

ROUTERS = [
    ("records", "clearinghouse.knowledge.api"),
    ("search", "clearinghouse.search.api"),
    ("vocabularies", "clearinghouse.core.api"),
    ("accounts", "clearinghouse.accounts.api"),
    ("marketplace", "clearinghouse.matchmaking.api"),
    ("discussions", "clearinghouse.forums.api"),
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
