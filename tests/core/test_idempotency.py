"""A double-submitted create form makes one object, and the second answer leads to it (core.idempotency)."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

import clearinghouse
from clearinghouse.core import idempotency
from tests import factories as f

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="idempotency_token" value="([^"]+)"')


def token_from(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    found = TOKEN_RE.search(response.content.decode())
    assert found, f"the form at {url} has no one-time token ({{% idempotency_token %}})"
    return found.group(1)


# Every create form: how to reach it as someone allowed to use it. Each builder returns
# (user, page that shows the form, url it posts to, data, a function counting what it creates).

def _record():
    from clearinghouse.knowledge.models import Record

    url = reverse("knowledge:create", args=["good-practice"]) + "?country=KE"
    return (f.authorised_user("KE"), url, url, {"title": "Seed banks", "language": "en", "summary": "S"},
            Record.objects.count)


def _publishing_request():
    from clearinghouse.knowledge.models import PublishingRequest

    au = f.authorised_user("KE")
    first, second = f.make_record(owner=au, country="KE"), f.make_record(owner=au, country="KE")
    url = reverse("knowledge:publishing-request")
    return (au, url, url, {"records": [first.pk], "message": "Please"}, PublishingRequest.objects.count,
            {"records": [second.pk]})


def _discussion():
    from clearinghouse.forums.models import Discussion

    url = reverse("forums:create")
    data = {"title": "Wetlands", "description": "Talk", "language": "en", "opens_at": "2024-01-01T10:00",
            "closes_at": "2031-01-01T10:00", "read_audience": "public", "post_audience": "registered",
            "moderation": "post"}
    return f.moderator(), url, url, data, Discussion.objects.count


def _forum_setup():
    from tests.forums.helpers import joined, make_discussion, make_thread

    discussion = make_discussion()
    thread = make_thread(discussion)
    user = f.UserFactory()
    joined(user, discussion)
    return discussion, thread, user


def _thread():
    from clearinghouse.forums.models import Thread

    discussion, _thread, _user = _forum_setup()
    url = reverse("forums:thread-create", args=[discussion.slug])
    return discussion.moderators.first(), url, url, {"title": "A new thread", "body": "Opening words"}, Thread.objects.count


def _reply():
    from clearinghouse.forums.models import Post

    _discussion, thread, user = _forum_setup()
    url = thread.get_absolute_url()
    return user, url, url, {"body": "Once only"}, Post.objects.count


def _need():
    from clearinghouse.matchmaking.models import Need

    url = reverse("matchmaking:need-create")
    data = {"title": "Training in wetland bird counts", "description": "We need field training on counts.",
            "language": "en", "country": "MA", "visibility": "public", "support_types": ["training"]}
    return f.focal_point("MA"), url, url, data, Need.objects.count


CASES = {
    "knowledge.record_create": _record,
    "knowledge.publishing_request_create": _publishing_request,
    "forums.discussion_create": _discussion,
    "forums.thread_create": _thread,
    "forums.post_create": _reply,
    "matchmaking.post_create": _need,
}


@pytest.mark.parametrize("scope", sorted(CASES))
@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_double_submit_creates_one_object_and_leads_to_it(client, scope, htmx):
    user, page, url, data, count, *other = CASES[scope]()
    client.force_login(user)
    before = count()
    data = {**data, "idempotency_token": token_from(client, page)}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    first = client.post(url, data, **headers)
    assert first.status_code in (200, 302), first.content.decode()[:2000]
    assert count() == before + 1, first.content.decode()[:3000]
    second = client.post(url, data, **headers)
    assert count() == before + 1
    target = second["HX-Redirect"] if htmx else second["Location"]
    if not htmx:
        assert second.status_code == 302
        assert target == first["Location"]
    assert target
    # a fresh form makes a second object, as a user who really wants two expects
    again_data = {**data, "title": "Another one", "body": "Other words", **(other[0] if other else {})}
    again = client.post(url, {**again_data, "idempotency_token": token_from(client, page)})
    assert again.status_code in (200, 302)
    assert count() == before + 2
