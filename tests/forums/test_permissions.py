"""Every forum action × every role (DESIGN §3.3)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from clearinghouse.forums import permissions as perms
from clearinghouse.forums import services
from clearinghouse.forums.models import Post
from tests.factories import UserFactory, authorised_user, focal_point, secretariat

from .helpers import joined, make_discussion, make_thread

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unconfirmed", "registered", "participant", "national", "author", "moderator", "secretariat"]

# action -> roles allowed (open, public discussion where only national users may post)
EXPECTED = {
    "view": {"anonymous", "unconfirmed", "registered", "participant", "national", "author", "moderator", "secretariat"},
    "join": {"registered", "moderator", "secretariat"},  # not yet joined
    "post": {"national", "author", "moderator", "secretariat"},
    "create_thread": {"moderator", "secretariat"},
    "edit_post": {"author"},
    "hide_post": {"moderator", "secretariat"},
    "flag_post": {"registered", "participant", "national", "moderator", "secretariat"},
    "pin_thread": {"moderator", "secretariat"},
    "close_thread": {"moderator", "secretariat"},
    "statements": {"moderator", "secretariat"},
    "watch": {"unconfirmed", "registered", "participant", "national", "author", "moderator", "secretariat"},
    "moderation_queue": {"moderator", "secretariat"},
    "create_discussion": {"moderator", "secretariat"},
}


@pytest.fixture
def world():
    discussion = make_discussion(post_audience="national")
    thread = make_thread(discussion)
    author = joined(focal_point("KE"), discussion)
    post = services.post_create(actor=author, thread=thread, body="A post")
    users = {
        "anonymous": AnonymousUser(),
        "unconfirmed": UserFactory(email_confirmed_at=None),
        "registered": UserFactory(),
        "participant": joined(UserFactory(), discussion),
        "national": joined(authorised_user("MX"), discussion),
        "author": author,
        "moderator": discussion.moderators.first(),
        "secretariat": secretariat(),
    }
    return discussion, thread, post, users


def check(action, user, discussion, thread, post) -> bool:
    return {
        "view": lambda: perms.can_view_discussion(user, discussion),
        "join": lambda: perms.can_join_discussion(user, discussion),
        "post": lambda: perms.can_reply_thread(user, thread),
        "create_thread": lambda: perms.can_create_thread(user, discussion),
        "edit_post": lambda: perms.can_edit_post(user, post),
        "hide_post": lambda: perms.can_hide_post(user, post),
        "flag_post": lambda: perms.can_flag_post(user, post),
        "pin_thread": lambda: perms.can_pin_thread(user, thread),
        "close_thread": lambda: perms.can_close_thread(user, thread),
        "statements": lambda: perms.can_edit_statements(user, discussion),
        "watch": lambda: perms.can_watch(user, discussion),
        "moderation_queue": lambda: perms.can_view_moderation_queue(user, discussion),
        "create_discussion": lambda: perms.can_create_discussion(user),
    }[action]()


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_matrix(world, action):
    discussion, thread, post, users = world
    got = {role for role in ROLES if check(action, users[role], discussion, thread, post)}
    assert got == EXPECTED[action]


def test_every_permission_function_is_in_the_matrix():
    names = {n for n in dir(perms) if n.startswith("can_")}
    covered = {"can_view_discussion", "can_join_discussion", "can_reply_thread", "can_create_thread", "can_edit_post",
               "can_hide_post", "can_flag_post", "can_pin_thread", "can_close_thread", "can_edit_statements",
               "can_watch", "can_view_moderation_queue", "can_create_discussion",
               # covered by their own tests below
               "can_moderate_discussion", "can_post_in_discussion", "can_review_post", "can_view_post",
               "can_view_inbound", "can_edit_synthesis", "can_view_synthesis"}
    assert names <= covered, names - covered


def test_registered_only_discussion_is_hidden_from_anonymous(world):
    discussion, thread, post, users = world
    discussion.read_audience = "registered"
    assert not perms.can_view_discussion(users["anonymous"], discussion)
    assert not perms.can_view_post(users["anonymous"], post)
    assert perms.can_view_discussion(users["registered"], discussion)


def test_pending_post_seen_by_its_author_and_moderators_only(world):
    discussion, thread, post, users = world
    post.status = Post.Status.PENDING
    seen = {role for role in ROLES if perms.can_view_post(users[role], post)}
    assert seen == {"author", "moderator", "secretariat"}
    assert {r for r in ROLES if perms.can_review_post(users[r], post)} == {"moderator", "secretariat"}


def test_synthesis_only_after_close_and_by_moderators(world):
    from .helpers import close_now

    discussion, thread, post, users = world
    assert not perms.can_edit_synthesis(users["moderator"], discussion)
    close_now(discussion)
    assert {r for r in ROLES if perms.can_edit_synthesis(users[r], discussion)} == {"moderator", "secretariat"}
    assert {r for r in ROLES if perms.can_view_inbound(users[r])} == {"moderator", "secretariat"}
    assert not perms.can_post_in_discussion(users["moderator"], discussion)


def test_services_enforce_the_permissions(world):
    from django.core.exceptions import PermissionDenied

    discussion, thread, post, users = world
    with pytest.raises(PermissionDenied):
        services.post_hide(actor=users["participant"], post=post, reason="x")
    with pytest.raises(PermissionDenied):
        services.thread_create(actor=users["national"], discussion=discussion, title="Mine")
    with pytest.raises(PermissionDenied):
        services.thread_pin(actor=users["author"], thread=thread)
    with pytest.raises(PermissionDenied):
        services.post_edit(actor=users["national"], post=post, body="not mine")
