"""Forum attachments: served by a view that checks the post's permission (nothing serves /media/)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clearinghouse.forums import services
from clearinghouse.forums.models import PostAttachment
from tests.core.test_files import ELF, HTML, PDF, png
from tests.factories import UserFactory, focal_point
from tests.forums.helpers import joined, make_discussion, make_thread

pytestmark = pytest.mark.django_db


def post_with_file(discussion=None, name="Rapport d’atelier.pdf", content=PDF, ctype="application/pdf"):
    discussion = discussion or make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point(), discussion)
    post = services.post_create(actor=author, thread=thread, body="Our report is attached.",
                                attachments=[(name, content, ctype)])
    return post, post.attachments.get()


def test_the_thread_links_to_a_file_that_downloads(client):
    post, att = post_with_file()
    page = client.get(post.thread.get_absolute_url()).content.decode()
    url = reverse("forums:attachment", args=[post.uid, att.pk])
    assert url in page and "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "filename*=utf-8''Rapport" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "forums/" in att.file.name and "Rapport" not in att.file.name and "atelier" not in att.file.name


def test_hidden_post_file_only_for_moderators(client):
    post, att = post_with_file(name="map.png", content=png(), ctype="image/png")
    moderator = post.thread.discussion.moderators.first()
    services.post_hide(actor=moderator, post=post, reason="Off topic")
    url = reverse("forums:attachment", args=[post.uid, att.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_registered_only_discussion_file_refused_to_anonymous_visitors(client):
    post, att = post_with_file(make_discussion(read_audience="registered"))
    url = reverse("forums:attachment", args=[post.uid, att.pk])
    assert client.get(url).status_code == 404
    client.force_login(post.author)
    assert client.get(url).status_code == 200


def test_a_file_of_another_post_is_not_reachable_through_this_one(client):
    post, _att = post_with_file()
    _other, other_att = post_with_file()
    assert client.get(reverse("forums:attachment", args=[post.uid, other_att.pk])).status_code == 404


@pytest.mark.parametrize("name,content", [("photo.png", HTML), ("minutes.pdf", ELF), ("notes.txt", ELF),
                                          ("list.csv", b"#!/usr/bin/env python3\nimport os\n")])
def test_disguised_files_refused_and_nothing_posted(name, content):
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    with pytest.raises(ValidationError) as exc:
        services.post_create(actor=person, thread=thread, body="See attached",
                             attachments=[(name, content, "application/octet-stream")])
    assert name in " ".join(exc.value.message_dict["attachments"])
    assert not thread.posts.exists() and not PostAttachment.objects.exists()


def test_mail_links_large_files_to_the_checked_view(settings, monkeypatch):
    from clearinghouse.forums import outgoing

    post, att = post_with_file()
    monkeypatch.setattr(outgoing, "ATTACH_INLINE_MAX_BYTES", 1)  # linked, not attached
    messages = outgoing.post_mail_messages(post, [UserFactory()])
    body = messages[0].message().as_string()
    assert reverse("forums:attachment", args=[post.uid, att.pk]) in body
    assert "/media/" not in body
