"""The posting limit under real concurrency: parallel threads, each with its own database connection.

Before the limit was one conditional UPDATE, each post counted the author's recent posts and then
inserted: 15 of 20 parallel posts got through a limit of 10.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from clearinghouse.core.models import RateCounter
from clearinghouse.core.ratelimit import rate_count, rate_take
from clearinghouse.forums import services
from clearinghouse.forums.models import Post
from tests.factories import focal_point
from tests.parallel import PARALLEL, file_database, in_parallel, vocabularies  # noqa: F401 - fixtures

from .helpers import joined, make_discussion, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("file_database")]


def test_parallel_posts_stop_exactly_at_the_limit():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)

    results = in_parallel(lambda i: services.post_create(actor=person, thread=thread, body=f"Parallel post {i}"))

    posted = [r for r in results if isinstance(r, Post)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    others = [r for r in results if not isinstance(r, (Post, ValidationError))]
    assert others == []
    assert len(posted) == services.RATE_LIMIT_POSTS
    assert len(refused) == PARALLEL - services.RATE_LIMIT_POSTS
    assert all("wait a little" in " ".join(e.messages) for e in refused)
    assert Post.objects.filter(author=person).count() == services.RATE_LIMIT_POSTS
    thread.refresh_from_db()
    assert thread.post_count == services.RATE_LIMIT_POSTS


def test_a_refused_or_failed_post_does_not_use_up_the_limit():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    services.post_create(actor=person, thread=thread, body="First", message_id="<same@example.org>")
    with pytest.raises(Exception):  # noqa: B017, PT011 - the duplicate Message-ID rolls the post back
        services.post_create(actor=person, thread=thread, body="Again", message_id="<same@example.org>")
    with pytest.raises(ValidationError):
        services.post_create(actor=person, thread=thread, body="  ")  # refused before counting
    assert rate_count(f"forum-post:{person.pk}", seconds=services.RATE_LIMIT_MINUTES * 60) == 1


def test_rate_take_counts_atomicallyin_parallel():
    results = in_parallel(lambda i: rate_take("test:parallel", limit=7, seconds=3600))
    assert results.count(True) == 7 and results.count(False) == PARALLEL - 7
    assert RateCounter.objects.get(key="test:parallel").count == 7
