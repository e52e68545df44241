"""The periodic jobs registry and the mail retry job."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from clearinghouse.alerts.models import OutboundEmail
from clearinghouse.core import periodic


@pytest.mark.django_db
def test_a_registered_job_runs_when_due_and_a_failure_does_not_stop_the_others(monkeypatch):
    monkeypatch.setattr(periodic, "REGISTRY", {})
    calls = []

    @periodic.periodic(every=10, name="fails")
    def fails():
        calls.append("fails")
        raise RuntimeError("boom")

    @periodic.periodic(every=10, name="works")
    def works():
        calls.append("works")
        return "done"

    jobs = list(periodic.REGISTRY.values())
    assert periodic.run_due(jobs, now=0) == ["fails", "works"]
    assert calls == ["fails", "works"]
    assert periodic.run_due(jobs) == []  # not due again for ten seconds
    with pytest.raises(ValueError):
        periodic.periodic(every=0)


def test_autodiscover_finds_the_jobs_of_the_apps():
    jobs = periodic.autodiscover()
    assert "clearinghouse.core.periodic.emails_retry_queued" in jobs


def _queued(minutes_ago: int) -> OutboundEmail:
    msg = EmailMultiAlternatives(subject=f"Stuck {minutes_ago}", body="Hello", to=["someone@example.org"])
    record = OutboundEmail.objects.create(
        to="someone@example.org", subject=msg.subject, raw=msg.message().as_bytes()
    )
    OutboundEmail.objects.filter(pk=record.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return record


@pytest.mark.django_db
def test_mail_still_queued_after_five_minutes_is_sent_again(run_on_commit):
    old, recent = _queued(10), _queued(1)
    with run_on_commit():
        assert periodic.emails_retry_queued() == "1 mail(s) enqueued again"
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == OutboundEmail.Status.SENT
    assert recent.status == OutboundEmail.Status.QUEUED
    assert [m.subject for m in mail.outbox] == ["Stuck 10"]
    assert periodic.emails_retry_queued() == "no mail to retry"
