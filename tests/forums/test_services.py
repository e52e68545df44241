import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clearinghouse.core.errors import Conflict
from clearinghouse.forums import services
from clearinghouse.forums.models import Participant, Post, PostRevision, Watch
from tests.factories import UserFactory, authorised_user, focal_point

from .helpers import close_now, joined, make_discussion, make_thread, sent

pytestmark = pytest.mark.django_db


def test_post_from_the_web_mails_every_watcher_with_threading_headers(run_on_commit):
    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point("KE"), discussion)
    watcher = joined(UserFactory(preferred_language="fr"), discussion)
    services.watch_set(actor=watcher, level=Watch.Level.EMAIL, discussion=discussion)
    with run_on_commit():
        first = services.post_create(actor=author, thread=thread, body="Kenya integrated biosafety in 2015.")
    with run_on_commit():
        services.post_create(actor=author, thread=thread, body="A follow-up.", parent=first)
    assert len(mail.outbox) == 2
    from clearinghouse.forums.outgoing import RawEmail

    assert isinstance(mail.outbox[1], RawEmail)  # rendered once per language, stamped per recipient
    msg, text = sent(mail.outbox[1])
    assert msg["To"] == watcher.email
    assert msg["Subject"] == f"[{discussion.title}] {thread.title}"
    assert msg["In-Reply-To"].strip() == first.outgoing_message_id
    assert msg["References"].split() == [thread.root_message_id, first.outgoing_message_id]
    assert msg["Reply-To"].startswith("reply+")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/discussions/unsubscribe/" in msg["List-Unsubscribe"]
    assert "Veuillez écrire votre réponse" in text  # the marker in the watcher's language
    web, mailto = msg["List-Unsubscribe"].split(", ")
    assert web.strip("<> ") in text  # the same link in the text
    assert mailto.startswith("<mailto:unsubscribe+")
    assert author.email not in [m.to[0] for m in mail.outbox]


def test_join_needs_consent_and_groups_the_participant():
    discussion = make_discussion()
    person = focal_point("KE")
    with pytest.raises(ValidationError):
        services.discussion_join(actor=person, discussion=discussion, consent=False)
    participant = services.discussion_join(actor=person, discussion=discussion, consent=True)
    assert participant.group == Participant.Group.PARTY
    assert participant.consent_text == discussion.consent_text


def test_national_audience_keeps_other_registered_users_out():
    discussion = make_discussion(post_audience="national")
    thread = make_thread(discussion)
    outsider = joined(UserFactory(), discussion)
    with pytest.raises(PermissionDenied):
        services.post_create(actor=outsider, thread=thread, body="Hello")
    insider = joined(authorised_user("MX"), discussion)
    assert services.post_create(actor=insider, thread=thread, body="Hola").status == Post.Status.VISIBLE


def test_closed_discussion_refuses_posts():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    close_now(discussion)
    thread.refresh_from_db()
    with pytest.raises(Conflict):
        services.post_create(actor=person, thread=thread, body="Too late")


def test_premoderated_post_is_invisible_until_approved(run_on_commit):
    discussion = make_discussion(premoderation=True)
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    watcher = joined(UserFactory(), discussion)
    services.watch_set(actor=watcher, level="email", thread=thread)
    with run_on_commit():
        post = services.post_create(actor=person, thread=thread, body="My first post")
    assert post.status == Post.Status.PENDING
    assert mail.outbox == []
    with run_on_commit():
        services.post_approve(actor=discussion.moderators.first(), post=post)
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE
    assert len(mail.outbox) == 1
    second = services.post_create(actor=person, thread=thread, body="Second post goes straight through")
    assert second.status == Post.Status.VISIBLE


def test_rate_limit():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    for i in range(services.RATE_LIMIT_POSTS):
        services.post_create(actor=person, thread=thread, body=f"Post {i}")
    with pytest.raises(ValidationError) as exc:
        services.post_create(actor=person, thread=thread, body="One too many")
    assert "wait" in str(exc.value)


def test_edit_keeps_history_and_closes_after_the_window():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    post = services.post_create(actor=person, thread=thread, body="Frist version")
    services.post_edit(actor=person, post=post, body="First version")
    assert PostRevision.objects.get(post=post).body == "Frist version"
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=31))
    post.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.post_edit(actor=person, post=post, body="Third version")


def test_hide_needs_a_reason_and_attachments_are_checked():
    discussion = make_discussion()
    thread = make_thread(discussion)
    person = joined(focal_point(), discussion)
    post = services.post_create(actor=person, thread=thread, body="Text",
                                attachments=[("report.pdf", b"%PDF-1.4 x", "application/pdf")])
    assert post.attachments.get().size == 10
    with pytest.raises(ValidationError):
        services.post_create(actor=person, thread=thread, body="Text", attachments=[("x.exe", b"MZ", "application/x")])
    moderator = discussion.moderators.first()
    with pytest.raises(ValidationError):
        services.post_hide(actor=moderator, post=post, reason=" ")
    services.post_hide(actor=moderator, post=post, reason="Off topic")
    assert Post.objects.get(pk=post.pk).status == Post.Status.HIDDEN


def test_digest_watcher_gets_one_daily_mail(run_on_commit):
    from clearinghouse.forums.tasks import digest_send_due

    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point(), discussion)
    reader = joined(UserFactory(), discussion)
    services.watch_set(actor=reader, level=Watch.Level.DIGEST, discussion=discussion)
    Watch.objects.filter(user=reader).update(created_at=timezone.now() - timezone.timedelta(hours=1))
    with run_on_commit():
        services.post_create(actor=author, thread=thread, body="One")
        services.post_create(actor=author, thread=thread, body="Two")
    assert mail.outbox == []  # nothing per post
    assert digest_send_due() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [reader.email]
    assert "One" in mail.outbox[0].body and "Two" in mail.outbox[0].body
    assert digest_send_due() == 0  # once a day
    later = timezone.now() + timezone.timedelta(hours=25)
    assert digest_send_due(now=later) == 0  # nothing new: no mail


def test_web_level_gets_a_notice_and_no_mail(run_on_commit):
    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point(), discussion)
    reader = joined(UserFactory(), discussion)
    services.watch_set(actor=reader, level=Watch.Level.WEB, thread=thread)
    muted = joined(UserFactory(), discussion)
    services.watch_set(actor=muted, level=Watch.Level.EMAIL, discussion=discussion)
    services.watch_set(actor=muted, level=Watch.Level.MUTED, thread=thread)
    with run_on_commit():
        services.post_create(actor=author, thread=thread, body="News")
    assert mail.outbox == []
    assert reader.notices.count() == 1
    assert muted.notices.count() == 0
