"""Official notifications, their addressee groups, calls for submissions and the submissions.

A *notification* is the numbered letter a secretariat sends to Parties and others (``SCBD/STTM/OH/SG/VA/56219``):
drafted by secretariat staff, approved by a second secretariat user, then published (page, archive, Atom feed,
email to every addressee). Its addressees are *groups*, kept as data: a group is a rule over role assignments
(role + convention scope), organisation kinds and, for designations that no role expresses (SBSTTA focal
points, NBSAP coordinators), a list of designated people. A *call for submissions* hangs on a notification:
who may answer (its groups, on behalf of a country or an organisation), a deadline with its time zone, what is
asked. A *submission* is one country's or organisation's answer, drafted, then submitted by the focal point (or
the organisation's administrator).
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import TimeStampedModel, TranslatableModel


class ReferenceSeries(models.Model):
    """How references are made: a pattern with ``{number}`` (and optionally ``{year}``), a running number
    kept per series, or per series and year (``core.ids.next_number``)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    pattern = models.CharField(
        _("pattern"), max_length=120,
        help_text=_("For example SCBD/{year}/{number:03d} or SCBD/OES/{number}: {number} is required, "
                    "{year} is the year of the notification."))
    per_year = models.BooleanField(_("numbers start again each year"), default=False)
    start_at = models.PositiveIntegerField(_("first number"), default=1)

    class Meta:
        ordering = ["code"]
        verbose_name = _("reference series")
        verbose_name_plural = _("reference series")

    def __str__(self) -> str:
        return self.name

    def sequence_key(self, year: int) -> str:
        return f"notif:{self.code}:{year}" if self.per_year else f"notif:{self.code}"

    def format(self, *, number: int, year: int) -> str:
        return self.pattern.format(number=number, year=year)


class AddresseeGroup(TranslatableModel):
    """A group of addressees, as data: who belongs is resolved from role assignments when a notification is
    published (see ``selectors.group_users``)."""

    class SubmitsAs(models.TextChoices):
        COUNTRY = "country", _("On behalf of a country")
        ORGANISATION = "organisation", _("On behalf of an organisation")
        NONE = "none", _("Individually (no submissions)")

    TRANSLATABLE_FIELDS = ("name",)

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    roles = models.JSONField(_("roles"), default=list, blank=True,
                             help_text=_("People holding one of these roles (accounts.Role values)."))
    convention = models.ForeignKey("core.Convention", verbose_name=_("convention"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   help_text=_("Only role assignments for this convention (or with no "
                                               "convention)."))
    organisation_kinds = models.JSONField(_("organisation kinds"), default=list, blank=True,
                                          help_text=_("Approved members of organisations of these kinds."))
    all_users = models.BooleanField(_("all registered users"), default=False)
    submits_as = models.CharField(_("submits"), max_length=16, choices=SubmitsAs.choices, default=SubmitsAs.NONE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("addressee group")

    def __str__(self) -> str:
        return self.tr("name")


class Designation(TimeStampedModel):
    """A person designated for a group that no role expresses (an SBSTTA focal point, an NBSAP coordinator),
    for a country; kept by the secretariat as Parties nominate them."""

    group = models.ForeignKey(AddresseeGroup, on_delete=models.CASCADE, related_name="designations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey("core.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("designation")
        constraints = [models.UniqueConstraint(fields=["group", "user"], condition=Q(ended_at__isnull=True),
                                               name="notif_designation_unique_active")]


class Notification(TimeStampedModel, TranslatableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    TRANSLATABLE_FIELDS = ("subject", "body")

    reference = models.CharField(_("reference"), max_length=120, blank=True)
    series = models.ForeignKey(ReferenceSeries, verbose_name=_("reference series"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="notifications")
    number = models.PositiveIntegerField(null=True, blank=True)
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    convention = models.ForeignKey("core.Convention", verbose_name=_("convention"), on_delete=models.PROTECT,
                                   related_name="+")
    addressee_groups = models.ManyToManyField(AddresseeGroup, verbose_name=_("addressees"), blank=True,
                                              related_name="notifications")
    addressees_text = models.CharField(_("addressees as written"), max_length=500, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    recipient_total = models.PositiveIntegerField(default=0)
    fanout_done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("official notification")
        constraints = [models.UniqueConstraint(fields=["reference"], condition=~Q(reference=""),
                                               name="notification_unique_reference")]
        indexes = [models.Index(fields=["status", "-date"], name="notif_status_date")]

    def __str__(self) -> str:
        return self.reference or str(_("Notification (no reference yet)"))

    def get_absolute_url(self) -> str:
        return reverse("notifications:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def translation_is_official(self, lang: str) -> bool:
        if lang == self.language:
            return True
        return bool((self.translations or {}).get(lang, {}).get("official"))

    def translation_list(self) -> list[dict]:
        """Every language the text exists in: ``{"language", "official", "original"}``."""
        out = [{"language": self.language, "official": True, "original": True}]
        for lang in sorted(self.translations or {}):
            values = self.translations[lang] or {}
            if lang != self.language and (values.get("subject") or values.get("body")):
                out.append({"language": lang, "official": bool(values.get("official")), "original": False})
        return out


def _attachment_path(instance, filename: str) -> str:
    from clearinghouse.core.files import private_name

    return private_name("notifications", filename)


class Attachment(TimeStampedModel):
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(default=0)
    language = models.CharField(max_length=8, blank=True)
    signed = models.BooleanField(_("signed original"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-signed", "name"]
        verbose_name = _("attachment")


class Link(models.Model):
    """What a notification is about: any object of another app (a discussion, a meeting, a partnership, a
    call), by content type and id, so no app below needs to know this one (``core.related``)."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=500, blank=True)  # as it was when linked, for when the object is gone
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="notif_link_target")]
        constraints = [models.UniqueConstraint(fields=["notification", "content_type", "object_id"],
                                               name="notif_link_unique")]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One addressee of a published notification and the mail sent to them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent: address bounces")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    outbound = models.ForeignKey("alerts.OutboundEmail", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notification", "user"], name="notif_delivery_unique")]
        indexes = [models.Index(fields=["notification", "status"], name="notif_delivery_status")]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"


class Follow(TimeStampedModel):
    """A person who follows official notifications by email (all, or one convention's) and by a private feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email_all = models.BooleanField(_("email me every notification, not only those addressed to me"), default=False)
    convention = models.ForeignKey("core.Convention", verbose_name=_("only this convention"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    feed_token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)


class Call(TimeStampedModel, TranslatableModel):
    """A call for submissions attached to a notification."""

    TRANSLATABLE_FIELDS = ("title", "instructions")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("title"), max_length=300)
    instructions = models.TextField(_("what is asked"))
    groups = models.ManyToManyField(AddresseeGroup, verbose_name=_("who may submit"), related_name="calls")
    deadline = models.DateTimeField(_("deadline"))
    deadline_timezone = models.CharField(_("time zone of the deadline"), max_length=64, default="America/Montreal")
    accepts_files = models.BooleanField(_("files may be attached"), default=True)
    max_files = models.PositiveSmallIntegerField(_("at most this many files"), default=5)
    questions = models.JSONField(_("questions"), default=list, blank=True)
    reminder_every_days = models.PositiveSmallIntegerField(_("remind every (days)"), default=0,
                                                           help_text=_("0: no automatic reminders."))
    reminder_start_days = models.PositiveSmallIntegerField(_("start reminding (days before the deadline)"),
                                                           default=14)
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("call for submissions")

    def __str__(self) -> str:
        return self.tr("title")

    def get_absolute_url(self) -> str:
        return reverse("notifications:call", args=[self.pk])

    @property
    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.deadline_timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC

    @property
    def deadline_local(self) -> dt.datetime:
        return self.deadline.astimezone(self.tzinfo)

    @property
    def deadline_wall(self) -> dt.datetime:
        """The deadline as the clock on the wall reads it in its own time zone (naive: templates would otherwise
        convert it to the viewer's zone)."""
        return self.deadline_local.replace(tzinfo=None)

    def is_closed(self) -> bool:
        return self.closed_at is not None

    def is_past_deadline(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) > self.deadline


def _submission_file_path(instance, filename: str) -> str:
    from clearinghouse.core.files import private_name

    return private_name("submissions", filename)


class Submission(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="submissions")
    country = models.ForeignKey("core.Country", verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("submission number"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    text = models.TextField(_("submission"), blank=True)
    summary = models.CharField(_("summary"), max_length=600, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, choices=settings.CONTENT_LANGUAGES, default="en")
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False)
    consent_publish = models.BooleanField(_("may be published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("submission")
        constraints = [
            models.UniqueConstraint(fields=["call", "country"], condition=Q(country__isnull=False),
                                    name="notif_submission_one_per_country"),
            models.UniqueConstraint(fields=["call", "organisation"], condition=Q(organisation__isnull=False),
                                    name="notif_submission_one_per_organisation"),
            models.CheckConstraint(condition=Q(country__isnull=False) | Q(organisation__isnull=False),
                                   name="notif_submission_has_submitter"),
        ]

    def __str__(self) -> str:
        return self.number or str(_("Draft submission"))

    def get_absolute_url(self) -> str:
        return reverse("notifications:submission", args=[self.pk])

    @property
    def submitter_name(self) -> str:
        if self.country_id:
            return self.country.local_name()
        return self.organisation.name if self.organisation_id else ""

    @property
    def state(self) -> str:
        """Tracker status: draft, submitted or late."""
        if self.status == self.Status.DRAFT:
            return "draft"
        return "late" if self.late else "submitted"


class SubmissionFile(TimeStampedModel):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_submission_file_path, max_length=300)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["pk"]


class Reminder(models.Model):
    """A round of reminders for a call: when, by whom (or the periodic job), to how many, how many skipped."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    recipients = models.PositiveIntegerField(default=0)
    skipped_bouncing = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.call_id} {self.sent_at:%Y-%m-%d}"
