import json

import pytest

from clearinghouse.accounts import services as accounts
from clearinghouse.forums import services
from clearinghouse.forums.models import Post
from tests.factories import UserFactory, focal_point

from .helpers import joined, make_discussion, make_thread

pytestmark = pytest.mark.django_db


def test_list_discussions_threads_and_posts_without_an_account(client):
    discussion = make_discussion()
    make_discussion(title="Members only", read_audience="registered")
    thread = make_thread(discussion)
    author = joined(focal_point(), discussion)
    services.post_create(actor=author, thread=thread, body="Visible")
    hidden = services.post_create(actor=author, thread=thread, body="Hidden one")
    services.post_hide(actor=discussion.moderators.first(), post=hidden, reason="spam")

    items = client.get("/api/v1/discussions/").json()["items"]
    assert [d["slug"] for d in items] == [discussion.slug]
    assert items[0]["state"] == "open"
    threads = client.get(f"/api/v1/discussions/{discussion.slug}/threads/").json()["items"]
    assert threads[0]["title"] == thread.title and threads[0]["post_count"] == 1
    posts = client.get(f"/api/v1/discussions/{discussion.slug}/threads/1/posts/").json()["items"]
    assert [p["body"] for p in posts] == ["Visible"]


def test_post_with_a_token(client):
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    _token, key = accounts.api_token_create(actor=person, name="script")
    url = f"/api/v1/discussions/{discussion.slug}/threads/{thread.number}/posts/"
    response = client.post(url, json.dumps({"body": "From a script"}), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201, response.content
    assert Post.objects.get(uid=response.json()["uid"]).via == Post.Via.API
    # without a token (a session alone is not enough for writes)
    client.force_login(person)
    assert client.post(url, json.dumps({"body": "x"}), content_type="application/json").status_code == 401
    # someone who has not joined
    _t, other_key = accounts.api_token_create(actor=UserFactory(), name="s")
    response = client.post(url, json.dumps({"body": "x"}), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {other_key}")
    assert response.status_code == 403
    response = client.post(url, json.dumps({"body": " "}), content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 422
