"""Discussions in the API: list discussions, threads and posts; post with a token."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from clearinghouse.core.errors import Conflict

from . import permissions as perms
from . import selectors, services
from .models import Discussion, Post, Thread

router = Router(tags=["discussions"])


class DiscussionOut(Schema):
    slug: str
    title: str
    description: str
    language: str
    translations: dict
    state: str
    opens_at: datetime
    closes_at: datetime
    url: str

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class ThreadOut(Schema):
    number: int
    title: str
    description: str
    pinned: bool
    closed: bool
    post_count: int
    last_post_at: datetime | None
    url: str

    @staticmethod
    def resolve_closed(obj):
        return obj.is_closed

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class DiscussionPostOut(Schema):  # not PostOut: the marketplace has one (one schema per name)
    uid: UUID
    author: str
    body: str
    language: str
    via: str
    parent: UUID | None
    created_at: datetime
    edited_at: datetime | None
    url: str

    @staticmethod
    def resolve_author(obj):
        return str(obj.author)

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.uid if obj.parent_id else None

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class DiscussionPostIn(Schema):
    body: str
    parent: UUID | None = None


class DiscussionErrorOut(Schema):
    detail: str | list[dict] = Field(description="A message; for a malformed request, the list of problems")


READ_ERRORS = {403: DiscussionErrorOut, 404: DiscussionErrorOut, 422: DiscussionErrorOut}
WRITE_ERRORS = {401: DiscussionErrorOut, **READ_ERRORS, 409: DiscussionErrorOut}


class BoundedPagination(LimitOffsetPagination):
    """Limit and offset a database can take: a huge number is a 422, not a server error."""

    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=100)
        offset: int = Field(0, ge=0, le=10**9)


def _discussion(request, slug: str) -> Discussion:
    discussion = get_object_or_404(Discussion, slug=slug)
    if not perms.can_view_discussion(request.user, discussion):
        raise HttpError(403, _("Log in to read this discussion."))
    return discussion


@router.get("/", response={200: list[DiscussionOut], 422: DiscussionErrorOut}, summary="List discussions")
@paginate(BoundedPagination)
def discussion_list(request):
    return selectors.discussions_visible(request.user).order_by("-opens_at")


@router.get("/{slug}/", response={200: DiscussionOut, **READ_ERRORS}, summary="One discussion")
def discussion_get(request, slug: str):
    return _discussion(request, slug)


@router.get("/{slug}/threads/", response={200: list[ThreadOut], **READ_ERRORS}, summary="Threads of a discussion")
@paginate(BoundedPagination)
def thread_list(request, slug: str):
    return _discussion(request, slug).threads.order_by("-pinned", "number")


@router.get("/{slug}/threads/{number}/posts/", response={200: list[DiscussionPostOut], **READ_ERRORS},
            summary="Visible posts of a thread")
@paginate(BoundedPagination)
def post_list(request, slug: str, number: int):
    thread = get_object_or_404(Thread, discussion=_discussion(request, slug), number=number)
    return (Post.objects.filter(thread=thread, status=Post.Status.VISIBLE)
            .select_related("author", "parent").order_by("created_at", "pk"))


@router.post("/{slug}/threads/{number}/posts/", response={201: DiscussionPostOut, **WRITE_ERRORS},
             summary="Post in a thread (token)")
def post_create(request, slug: str, number: int, payload: DiscussionPostIn):
    if not request.user.is_authenticated:
        raise HttpError(401, _("Writes need a personal API token: Authorization: Bearer <token>."))
    thread = get_object_or_404(Thread.objects.select_related("discussion"), discussion=_discussion(request, slug),
                               number=number)
    parent = None
    if payload.parent:
        parent = Post.objects.filter(uid=payload.parent, thread=thread).first()
        if parent is None:
            raise HttpError(422, "The post answered is not in this thread.")
    try:
        post = services.post_create(actor=request.user, thread=thread, body=payload.body, parent=parent,
                                    via=Post.Via.API)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You cannot do this.")) from exc
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    except Conflict as exc:
        raise HttpError(409, str(exc.message)) from exc
    return Status(201, post)
