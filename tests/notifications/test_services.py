"""Services of official notifications: the workflow, the mail to every addressee (languages, bounces), calls across
time zones, submissions (receipt, late, closed), reminders, and bad input refused with nothing saved lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from freezegun import freeze_time

from clearinghouse.alerts.models import OutboundEmail
from clearinghouse.core.errors import Conflict
from clearinghouse.forums.models import MailBounce
from clearinghouse.notifications import selectors, services
from clearinghouse.notifications.models import Delivery, Notification, Submission
from tests import factories as f

from . import factories as nf

pytestmark = pytest.mark.django_db


def test_reference_is_numbered_from_the_series_when_approved_and_never_twice():
    from clearinghouse.notifications.models import ReferenceSeries

    staff = nf.Staff()
    series = ReferenceSeries.objects.get(code="scbd")
    first = nf.draft(staff, reference="", series=series, date=dt.date(2023, 11, 6))
    second = nf.draft(staff, reference="", series=series, date=dt.date(2023, 12, 1))
    other_year = nf.draft(staff, reference="", series=series, date=dt.date(2024, 1, 10))
    assert first.reference == ""
    for n in (first, second, other_year):
        services.notification_request_approval(actor=staff.drafter, notification=n)
        services.notification_approve(actor=staff.approver, notification=n)
    assert [first.reference, second.reference, other_year.reference] == [
        "SCBD/NOT/2023/001", "SCBD/NOT/2023/002", "SCBD/NOT/2024/001"]


def test_series_pattern_must_hold_the_number():
    with pytest.raises(ValidationError, match="number"):
        services.series_create(actor=f.secretariat(), code="bad", name="Bad", pattern="SCBD/{year}")


def test_duplicate_reference_is_refused_and_the_first_is_kept():
    staff = nf.Staff()
    first = nf.draft(staff, reference="SCBD/STTM/OH/SG/VA/56219")
    with pytest.raises(ValidationError) as exc:
        nf.draft(staff, reference="scbd/sttm/oh/sg/va/56219", subject="Another")
    assert "already exists" in str(exc.value.message_dict["reference"])
    assert Notification.objects.get().pk == first.pk


def test_publishing_mails_every_addressee_in_their_language_where_a_translation_exists(django_capture_on_commit_callbacks):
    staff = nf.Staff()
    fr = f.focal_point("MA", preferred_language="fr")
    ru = f.focal_point("KZ", preferred_language="ru")
    f.authorised_user("KE")  # not a focal point: not addressed
    n = nf.draft(staff, translations={"fr": {"subject": "Coopération Sud-Sud", "body": "Texte", "official": True}})
    services.notification_request_approval(actor=staff.drafter, notification=n)
    services.notification_approve(actor=staff.approver, notification=n)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_publish(actor=staff.drafter, notification=n)
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {fr.email, ru.email}
    assert n.reference in by_to[fr.email].subject and "Coopération Sud-Sud" in by_to[fr.email].subject
    assert "South-South" in by_to[ru.email].subject  # no Russian text: the original
    counts = selectors.delivery_counts(n)
    assert (counts.total, counts.sent, counts.queued, counts.bounced) == (2, 2, 0, 0)


def test_a_bouncing_address_is_skipped_and_a_later_bounce_is_counted(django_capture_on_commit_callbacks):
    staff = nf.Staff()
    bouncing = f.focal_point("MA")
    good = f.focal_point("KE")
    MailBounce.objects.create(address=bouncing.email, hard_count=3, last_at=timezone.now())
    n = nf.draft(staff)
    services.notification_request_approval(actor=staff.drafter, notification=n)
    services.notification_approve(actor=staff.approver, notification=n)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_publish(actor=staff.drafter, notification=n)
    assert [m.to[0] for m in mail.outbox] == [good.email]
    assert Delivery.objects.get(user=bouncing).status == Delivery.Status.SKIPPED
    MailBounce.objects.create(address=good.email, hard_count=1, last_at=timezone.now() + dt.timedelta(minutes=5))
    counts = selectors.delivery_counts(n)
    assert (counts.total, counts.sent, counts.skipped, counts.bounced) == (2, 1, 1, 1)


def test_fanout_is_batched_and_safe_to_run_again(django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 3)
    staff = nf.Staff()
    people = [f.focal_point("KE") for _ in range(7)]
    n = nf.draft(staff)
    services.notification_request_approval(actor=staff.drafter, notification=n)
    services.notification_approve(actor=staff.approver, notification=n)
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_publish(actor=staff.drafter, notification=n)
    assert OutboundEmail.objects.filter(to__in=[p.email for p in people]).count() == 7
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notification_fanout(n.pk) == 0  # nothing twice
    assert Delivery.objects.filter(notification=n).count() == 7
    n.refresh_from_db()
    assert n.fanout_done_at is not None and n.recipient_total == 7


def test_publish_needs_approval_first():
    staff = nf.Staff()
    n = nf.draft(staff)
    with pytest.raises(Conflict):
        services.notification_publish(actor=staff.drafter, notification=n)
    services.notification_request_approval(actor=staff.drafter, notification=n)
    with pytest.raises(Conflict):
        services.notification_publish(actor=staff.drafter, notification=n)


def test_returned_to_drafter_with_a_comment():
    staff = nf.Staff()
    n = nf.draft(staff)
    services.notification_request_approval(actor=staff.drafter, notification=n)
    with pytest.raises(ValidationError):
        services.notification_return(actor=staff.approver, notification=n, comment="  ")
    services.notification_return(actor=staff.approver, notification=n, comment="Add the French text.")
    n.refresh_from_db()
    assert n.status == "draft" and n.review_comment == "Add the French text."


# --- time zones --------------------------------------------------------------------------------------


def test_a_deadline_at_2359_in_montreal_is_still_open_at_0300_utc_next_day():
    staff = nf.Staff()
    call = nf.call(staff, nf.draft(staff), deadline=dt.datetime(2007, 1, 31, 23, 59), tz="America/Montreal")
    assert call.deadline == dt.datetime(2007, 2, 1, 4, 59, tzinfo=dt.UTC)
    assert not call.is_past_deadline(dt.datetime(2007, 2, 1, 3, 0, tzinfo=dt.UTC))
    assert call.is_past_deadline(dt.datetime(2007, 2, 1, 5, 0, tzinfo=dt.UTC))
    assert call.deadline_wall == dt.datetime(2007, 1, 31, 23, 59)


@pytest.mark.parametrize("when, late", [
    (dt.datetime(2007, 2, 1, 3, 0, tzinfo=dt.UTC), False),  # 22:00 on 31 January in Montreal
    (dt.datetime(2007, 2, 1, 5, 0, tzinfo=dt.UTC), True),  # 00:00 on 1 February in Montreal
])
def test_late_is_decided_in_the_deadlines_time_zone(when, late):
    staff = nf.Staff()
    n = nf.draft(staff)
    call = nf.call(staff, n)
    nf.publish(staff, n)
    fp = f.focal_point("KE")
    s = services.submission_save(actor=fp, call=call, country="KE", text="Contribution")
    s = services.submission_submit(actor=fp, submission=s, now=when)
    assert s.late is late


def test_a_deadline_in_tokyo_and_in_honolulu():
    staff = nf.Staff()
    n = nf.draft(staff, date=dt.date(2025, 1, 1))
    tokyo = nf.call(staff, n, deadline=dt.datetime(2025, 3, 1, 12, 0), tz="Asia/Tokyo")
    honolulu = nf.call(staff, n, deadline=dt.datetime(2025, 3, 1, 12, 0), tz="Pacific/Honolulu")
    assert honolulu.deadline - tokyo.deadline == dt.timedelta(hours=19)


def test_a_deadline_before_the_notifications_date_is_refused_with_nothing_saved():
    staff = nf.Staff()
    n = nf.draft(staff, date=dt.date(2006, 10, 13))
    with pytest.raises(ValidationError) as exc:
        nf.call(staff, n, deadline=dt.datetime(2006, 10, 12, 23, 59))
    assert "before the notification's date" in exc.value.message_dict["deadline"][0]
    assert not n.calls.exists()


def test_an_unknown_time_zone_is_refused():
    staff = nf.Staff()
    with pytest.raises(ValidationError, match="not a time zone"):
        nf.call(staff, nf.draft(staff), tz="Mars/Olympus")


# --- submissions ---------------------------------------------------------------------------------------


def test_receipt_by_email_with_the_submission_number(django_capture_on_commit_callbacks):
    call = nf.open_call()
    fp, au = f.focal_point("KE"), f.authorised_user("KE")
    s = services.submission_save(actor=au, call=call, country="KE", text="Our contribution", files=[nf.pdf()])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        s = services.submission_submit(actor=fp, submission=s)
    assert s.number.startswith("SUB-") and not s.late
    receipts = [m for m in mail.outbox if s.number in m.subject]
    assert {m.to[0] for m in receipts} == {fp.email, au.email}


def test_submission_after_the_call_was_closed_is_refused_and_the_draft_is_kept():
    call = nf.open_call()
    fp = f.focal_point("KE")
    s = services.submission_save(actor=fp, call=call, country="KE", text="Draft text")
    services.call_close(actor=call.staff.drafter, call=call)
    call.refresh_from_db()
    s = services.submission_save(actor=fp, call=call, country="KE", text="Draft text, edited after closing")
    with pytest.raises(Conflict, match="closed this call"):
        services.submission_submit(actor=fp, submission=s)
    s.refresh_from_db()
    assert s.status == "draft" and s.text == "Draft text, edited after closing"


def test_a_submission_is_made_once_and_cannot_be_changed_after():
    call = nf.open_call()
    fp = f.focal_point("KE")
    s = services.submission_submit(actor=fp, submission=services.submission_save(actor=fp, call=call, country="KE",
                                                                                   text="Done"))
    with pytest.raises(Conflict):
        services.submission_save(actor=fp, call=call, country="KE", text="Again")
    with pytest.raises(Conflict):
        services.submission_submit(actor=fp, submission=s)


def test_an_empty_submission_or_a_missing_required_answer_is_refused():
    call = nf.open_call(questions=[{"label": "Is the guidance clear?", "type": "yesno", "required": True}])
    fp = f.focal_point("KE")
    s = services.submission_save(actor=fp, call=call, country="KE", text="")
    with pytest.raises(ValidationError) as exc:
        services.submission_submit(actor=fp, submission=s)
    assert set(exc.value.message_dict) == {"q1", "text"}
    with pytest.raises(ValidationError):
        services.submission_save(actor=fp, call=call, country="KE", text="x", answers={"q1": "maybe"})


def test_wrong_file_type_and_a_file_over_the_limit_are_refused(settings):
    call = nf.open_call()
    fp = f.focal_point("KE")
    s = services.submission_save(actor=fp, call=call, country="KE", text="Text kept")
    with pytest.raises(ValidationError, match="cannot be attached"):
        services.submission_file_add(actor=fp, submission=s, uploaded=SimpleUploadedFile("run.exe", b"MZ\x90\x00"))
    with pytest.raises(ValidationError, match="not what its name says"):
        services.submission_file_add(actor=fp, submission=s, uploaded=SimpleUploadedFile(
            "views.pdf", b"just some text", "application/pdf"))
    settings.CLEARINGHOUSE_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="the limit is"):
        services.submission_file_add(actor=fp, submission=s, uploaded=nf.pdf())
    s.refresh_from_db()
    assert s.text == "Text kept" and not s.files.exists()


def test_publication_needs_the_submitters_consent():
    call = nf.open_call()
    fp = f.focal_point("KE")
    s = services.submission_submit(actor=fp, submission=services.submission_save(
        actor=fp, call=call, country="KE", text="Not for publication", consent_publish=False))
    with pytest.raises(Conflict, match="consent"):
        services.submission_publish(actor=call.staff.drafter, submission=s)
    assert not selectors.submissions_public(call).exists()


# --- reminders -----------------------------------------------------------------------------------------


def test_reminders_go_to_those_who_have_not_submitted_never_to_a_bouncing_address(django_capture_on_commit_callbacks):
    call = nf.open_call(reminder_every_days=7)
    done, waiting, bouncing = f.focal_point("KE"), f.focal_point("MA"), f.focal_point("PE")
    MailBounce.objects.create(address=bouncing.email, hard_count=5, last_at=timezone.now())
    services.submission_submit(actor=done, submission=services.submission_save(
        actor=done, call=call, country="KE", text="Done"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminder = services.call_reminders_send(actor=call.staff.drafter, call=call)
    assert [m.to[0] for m in mail.outbox] == [waiting.email]
    assert (reminder.recipients, reminder.skipped_bouncing) == (1, 1)
    with pytest.raises(Conflict, match="next may go"):
        services.call_reminders_send(actor=call.staff.drafter, call=call)


def test_automatic_reminders_once_per_interval_and_only_before_the_deadline():
    call = nf.open_call(days=10, reminder_every_days=3, reminder_start_days=14)
    f.focal_point("MA")
    now = timezone.now()
    assert services.reminders_due(now) == 1
    assert services.reminders_due(now + dt.timedelta(days=1)) == 0
    assert services.reminders_due(now + dt.timedelta(days=3, minutes=1)) == 1
    assert services.reminders_due(now + dt.timedelta(days=12)) == 0  # past the deadline
    assert call.reminders.count() == 2


def test_authorised_user_cannot_close_or_publish():
    call = nf.open_call()
    au = f.authorised_user("KE")
    with pytest.raises(PermissionDenied):
        services.call_close(actor=au, call=call)


@freeze_time("2026-03-01 12:00:00")
def test_inbox_shows_notifications_to_my_roles_and_open_calls():
    call = nf.open_call()
    fp = f.focal_point("KE")
    other = nf.published(codes=("np-nfp",), subject="Only for Nagoya focal points")
    box = selectors.inbox(fp)
    assert call.notification in list(box["notifications"])
    assert other not in list(box["notifications"])
    assert [item["call"] for item in box["calls"]] == [call]


def test_designated_people_belong_to_their_group():
    staff = nf.Staff()
    person = f.UserFactory(country_id="BR")
    group = nf.groups("sbstta-fp")[0]
    services.designation_add(actor=staff.drafter, group=group, user=person, country="BR")
    assert person.pk in selectors.group_user_ids(group)
    assert group.pk in selectors.user_group_ids(person)


def test_submission_numbers_are_unique_across_calls():
    a, b = nf.open_call(), nf.open_call()
    fp = f.focal_point("KE")
    s1 = services.submission_submit(actor=fp, submission=services.submission_save(actor=fp, call=a, country="KE",
                                                                                    text="1"))
    s2 = services.submission_submit(actor=fp, submission=services.submission_save(actor=fp, call=b, country="KE",
                                                                                    text="2"))
    assert s1.number != s2.number
    assert Submission.objects.filter(status="submitted").count() == 2
