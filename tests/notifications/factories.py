"""Factories for official notifications: every object is made through the services, as the site makes it."""

from __future__ import annotations

import datetime as dt
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from clearinghouse.core.models import Convention
from clearinghouse.notifications import services
from clearinghouse.notifications.groups import ensure
from clearinghouse.notifications.models import AddresseeGroup, Call, Notification
from tests import factories as f

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
_refs = itertools.count(1)


def pdf(name: str = "contribution.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def groups(*codes: str) -> list[AddresseeGroup]:
    ensure()
    return list(AddresseeGroup.objects.filter(code__in=codes))


class Staff:
    """Two secretariat users: one drafts, the other approves."""

    def __init__(self):
        self.drafter = f.secretariat()
        self.approver = f.secretariat()


def draft(staff: Staff | None = None, *, codes=("cbd-nfp",), date=dt.date(2006, 10, 13), reference: str | None = None,
          subject: str = "South-South Cooperation on Biological Diversity", convention: str = "CBD",
          body: str = "Parties are invited to submit contributions before **31 January 2007**.",
          **kwargs) -> Notification:
    staff = staff or Staff()
    ensure()
    return services.notification_create(
        actor=staff.drafter, reference=f"SCBD/TEST/{next(_refs):05d}" if reference is None else reference,
        date=date, convention=Convention.objects.get(pk=convention), subject=subject, body=body,
        groups=groups(*codes), addressees_text="CBD National Focal Points", signatory_name="Ahmed Djoghlaf",
        signatory_title="Executive Secretary", **kwargs)


def publish(staff: Staff, notification: Notification) -> Notification:
    services.notification_request_approval(actor=staff.drafter, notification=notification)
    services.notification_approve(actor=staff.approver, notification=notification)
    services.notification_publish(actor=staff.drafter, notification=notification)
    notification.refresh_from_db()
    return notification


def published(staff: Staff | None = None, **kwargs) -> Notification:
    staff = staff or Staff()
    return publish(staff, draft(staff, **kwargs))


def call(staff: Staff, notification: Notification, *, deadline=dt.datetime(2007, 1, 31, 23, 59),
         tz: str = "America/Montreal", codes=("cbd-nfp",), **kwargs) -> Call:
    return services.call_create(
        actor=staff.drafter, notification=notification, title="Contributions on a multi-year plan of action",
        instructions="Send contributions on elements and structure.", deadline_local=deadline,
        deadline_timezone=tz, groups=groups(*codes), **kwargs)


def open_call(staff: Staff | None = None, *, days: int = 30, **kwargs) -> Call:
    """A published notification dated today with a call whose deadline is ``days`` ahead (Montreal time)."""
    from django.utils import timezone

    staff = staff or Staff()
    today = timezone.localdate()
    n = draft(staff, date=today)
    c = call(staff, n, deadline=dt.datetime.combine(today + dt.timedelta(days=days), dt.time(23, 59)), **kwargs)
    publish(staff, n)
    c.refresh_from_db()
    c.staff = staff
    return c
