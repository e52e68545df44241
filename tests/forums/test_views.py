"""Pages, feeds and the unsubscribe link, as a person (or a mail client) uses them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.urls import reverse

from clearinghouse.forums import services
from clearinghouse.forums.keys import unsubscribe_token
from clearinghouse.forums.models import Post, Watch
from tests.factories import UserFactory, focal_point

from .helpers import close_now, joined, make_discussion, make_thread

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def busy():
    discussion = make_discussion(translations={"fr": {"title": "Discussion en ligne sur le Protocole de Cartagena"}})
    threads = [make_thread(discussion, title=f"Thread {i}") for i in range(5)]
    people = [joined(focal_point(cc), discussion) for cc in ("KE", "MX", "FR", "CN")]
    for i in range(30):
        services.post_create(actor=people[i % 4], thread=threads[i % 2], body=f"Post **{i}** on biosafety.",
                             attachments=[("note.txt", b"hello", "text/plain")] if i % 5 == 0 else ())
    return discussion, threads, people


def test_list_shows_open_upcoming_and_closed(client):
    open_d = make_discussion(title="Open one")
    make_discussion(title="Later one", opens_in_hours=48, closes_in_hours=96)
    close_now(make_discussion(title="Old one"))
    page = client.get(reverse("forums:list")).content.decode()
    assert page.index("Open one") < page.index("Later one") < page.index("Old one")
    assert open_d.get_absolute_url() in page


def test_discussion_page_in_viewer_language_and_time_zone_within_budget(client, busy, django_assert_max_num_queries):
    discussion, threads, people = busy
    client.cookies["tz"] = "America/Mexico_City"
    client.cookies["django_language"] = "fr"
    with django_assert_max_num_queries(12):
        response = client.get(discussion.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "Discussion en ligne sur le Protocole de Cartagena" in page
    assert "America/Mexico_City" in page
    assert "Thread 4" in page


def test_thread_page_within_budget_and_posts_in_order(client, busy, django_assert_max_num_queries):
    discussion, threads, people = busy
    client.force_login(people[0])
    with django_assert_max_num_queries(16):
        response = client.get(threads[0].get_absolute_url())
    page = response.content.decode()
    assert page.index("<strong>0</strong>") < page.index("<strong>2</strong>") < page.index("<strong>28</strong>")
    assert "note.txt" in page
    assert 'id="reply-form"' in page


def test_reply_from_the_web_and_htmx_partial(client, busy):
    discussion, threads, people = busy
    client.force_login(people[1])
    url = threads[0].get_absolute_url()
    response = client.post(url, {"body": "From the *web*"})
    assert response.status_code == 302
    response = client.post(url, {"body": "With htmx"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "With htmx" in html and 'hx-swap-oob="true"' in html and "<html" not in html
    response = client.post(url, {"body": "  "}, HTTP_HX_REQUEST="true")
    assert "error-summary" in response.content.decode()
    assert Post.objects.filter(thread=threads[0], author=people[1]).count() == 2


def test_watch_control_saves_levels(client, busy):
    discussion, threads, people = busy
    reader = UserFactory()
    client.force_login(reader)
    response = client.post(reverse("forums:thread-watch", args=[discussion.slug, threads[0].number]),
                           {"level": "digest"}, HTTP_HX_REQUEST="true")
    assert 'value="digest" selected' in response.content.decode()
    assert Watch.objects.get(user=reader, thread=threads[0]).level == "digest"
    client.post(reverse("forums:watch", args=[discussion.slug]), {"level": "email"})
    assert Watch.objects.get(user=reader, discussion=discussion).level == "email"
    client.post(reverse("forums:watch", args=[discussion.slug]), {"level": ""})
    assert not Watch.objects.filter(user=reader, discussion=discussion).exists()


def test_one_click_unsubscribe_without_login(client, busy, run_on_commit):
    discussion, threads, people = busy
    reader = UserFactory()
    services.watch_set(actor=reader, level="email", discussion=discussion)
    token = unsubscribe_token(user_id=reader.pk, discussion_id=discussion.pk)
    url = reverse("forums:unsubscribe", args=[token])
    page = client.get(url)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and Watch.objects.get(user=reader).level == "email"
    response = client.post(url, {"List-Unsubscribe": "One-Click"})  # RFC 8058, no session, no CSRF token
    assert response.status_code == 200
    assert Watch.objects.get(user=reader, discussion=discussion).level == Watch.Level.MUTED
    with run_on_commit():
        services.post_create(actor=people[0], thread=threads[0], body="After unsubscribing")
    assert reader.email not in [m.to[0] for m in mail.outbox]
    assert client.post(reverse("forums:unsubscribe", args=[token + "x"])).status_code == 400


def test_atom_feeds_are_valid(client, busy):
    discussion, threads, people = busy
    for url in (reverse("forums:feed", args=[discussion.slug]),
                reverse("forums:thread-feed", args=[discussion.slug, threads[1].number])):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ET.fromstring(response.content)
        assert root.tag == f"{ATOM}feed"
        entries = root.findall(f"{ATOM}entry")
        assert entries and all(e.find(f"{ATOM}id") is not None and e.find(f"{ATOM}updated") is not None
                               for e in entries)


def test_moderation_queue_approve_and_reject(client):
    discussion = make_discussion(premoderation=True)
    thread = make_thread(discussion)
    newcomer = joined(focal_point(), discussion)
    first = services.post_create(actor=newcomer, thread=thread, body="Pending one")
    second = services.post_create(actor=newcomer, thread=thread, body="Pending two")
    reader = UserFactory()
    client.force_login(reader)
    assert "Pending one" not in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(reverse("forums:moderation", args=[discussion.slug])).status_code == 403
    client.force_login(discussion.moderators.first())
    queue = client.get(reverse("forums:moderation", args=[discussion.slug])).content.decode()
    assert "Pending one" in queue and "Pending two" in queue
    client.post(reverse("forums:post-moderate", args=[first.uid, "approve"]))
    client.post(reverse("forums:post-moderate", args=[second.uid, "reject"]), {"reason": "Duplicate"})
    client.force_login(reader)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Pending one" in page and "Pending two" not in page
    assert newcomer.notices.filter(verb="forum.post_rejected").exists()


def test_closed_discussion_is_read_only_at_its_permanent_address(client, busy):
    discussion, threads, people = busy
    close_now(discussion)
    client.force_login(people[0])
    page = client.get(threads[0].get_absolute_url()).content.decode()
    assert 'id="reply-form"' not in page
    assert "no longer answered" in page
    client.post(threads[0].get_absolute_url(), {"body": "late"})
    assert not Post.objects.filter(body="late").exists()


def test_anonymous_cannot_read_registered_only_discussion(client):
    discussion = make_discussion(read_audience="registered")
    assert client.get(discussion.get_absolute_url()).status_code == 403
    assert client.get(reverse("forums:feed", args=[discussion.slug])).status_code == 403
