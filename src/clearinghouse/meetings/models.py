"""Meetings, their sessions across time zones, agenda items, documents with official symbols, registration,
nominations by focal points and personal calendar keys.

Instants are stored in UTC (``USE_TZ``); each meeting and session also keeps the organiser's IANA time zone, so
a session is shown in the viewer's zone *and* in the organiser's original time, and its calendar entry carries
the organiser's zone (VTIMEZONE). Links to partnerships and task forces (a lower floor) are FKs by string.
"""

from __future__ import annotations

import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clearinghouse.core.models import TimeStampedModel, TranslatableModel


class Meeting(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title", "description")

    class Kind(models.TextChoices):
        EXPERT = "expert", _("Expert meeting")
        BRAINSTORMING = "brainstorming", _("Brainstorming session")
        INFORMATION = "information", _("Information session")
        PARTNERSHIP = "partnership", _("Partnership meeting")
        TASK_FORCE = "task_force", _("Task force meeting")
        SIDE_EVENT = "side_event", _("Side event on the margins of another meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("meeting", "Planned")
        CONFIRMED = "confirmed", pgettext_lazy("meeting", "Confirmed")
        POSTPONED = "postponed", pgettext_lazy("meeting", "Postponed")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")
        HELD = "held", pgettext_lazy("meeting", "Held")

    class Registration(models.TextChoices):
        NONE = "none", _("No registration")
        MEETING = "meeting", _("Registration for the whole meeting")
        SESSION = "session", _("Registration for each session")

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    symbol = models.CharField(_("symbol"), max_length=80, blank=True, db_index=True,
                              help_text=_("Official symbol or short name, e.g. UNEP/CBD/TF.HOA/1"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED,
                              db_index=True)
    organisers = models.CharField(_("organisers"), max_length=500, blank=True)
    funders = models.CharField(_("funders"), max_length=500, blank=True)
    margins_of = models.CharField(_("on the margins of"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey("core.Country", verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC",
                                help_text=_("The organiser's time zone (IANA name, e.g. America/New_York)"))
    conventions = models.ManyToManyField("core.Convention", verbose_name=_("conventions"), blank=True,
                                         related_name="+")
    discussion = models.ForeignKey("forums.Discussion", verbose_name=_("discussion"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    partnership = models.ForeignKey("partnerships.Partnership", verbose_name=_("partnership"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+",
                                    limit_choices_to={"kind": "partnership"})
    task_force = models.ForeignKey("partnerships.Partnership", verbose_name=_("task force"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", limit_choices_to={"kind": "task_force"})
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("organisers with access"),
                                      blank=True, related_name="meetings_managed")
    registration = models.CharField(_("registration"), max_length=10, choices=Registration.choices,
                                    default=Registration.NONE)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True,
                                           help_text=_("Empty: no limit. When full, people join the waiting list."))
    questions = models.JSONField(_("registration questions"), default=list, blank=True)
    nominations = models.BooleanField(_("nominations by focal points"), default=False)
    sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE, bumped on each change
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("meeting")
        constraints = [
            models.UniqueConstraint(fields=["symbol"], condition=~Q(symbol=""), name="meeting_unique_symbol"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.slug])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone or "UTC")

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class AgendaItem(TranslatableModel):
    TRANSLATABLE_FIELDS = ("title",)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(_("item"), max_length=12)
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Session(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title",)

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("session", "Scheduled")
        CANCELLED = "cancelled", pgettext_lazy("session", "Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("time zone"), max_length=64,
                                help_text=_("The organiser's time zone (IANA name, e.g. America/New_York)"))
    join_url = models.URLField(_("joining link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone or "UTC")

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def ics_uid(self) -> str:
        return f"session-{self.uid}@clearinghouse"


class Document(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title",)

    class Kind(models.TextChoices):
        WORKING = "working", _("Working document")
        INFORMATION = "information", _("Information document")
        IN_SESSION = "in_session", _("In-session document")
        REPORT = "report", _("Report")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    symbol = models.CharField(_("symbol"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.WORKING)
    agenda_item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="documents")

    class Meta:
        ordering = ["symbol"]
        verbose_name = _("document")

    def __str__(self) -> str:
        return self.symbol


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


def _document_path(instance, filename: str) -> str:
    from clearinghouse.core.files import private_name

    return private_name("meetings", filename)


class DocumentFile(models.Model):
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=8, choices=settings.CONTENT_LANGUAGES)
    file = models.FileField(upload_to=_document_path, max_length=300)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["version", "language"], name="document_file_one_per_language")]

    def __str__(self) -> str:
        return self.name


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration", "Confirmed")
        WAITING = "waiting", pgettext_lazy("registration", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="registrations")
    #: "m<meeting id>" or "s<session id>": what the seat is for (one active registration per person and target)
    target = models.CharField(max_length=24)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_registrations")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    answers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(fields=["user", "target"], condition=~Q(status="cancelled"),
                                    name="registration_one_active_per_target"),
        ]
        indexes = [models.Index(fields=["target", "status", "created_at"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.target} {self.status}"


class Nomination(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("nomination", "Waiting for the secretariat")
        ACCEPTED = "accepted", pgettext_lazy("nomination", "Accepted")
        DECLINED = "declined", pgettext_lazy("nomination", "Declined")
        WAITLISTED = "waitlisted", pgettext_lazy("nomination", "On the waiting list")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="nomination_set")
    country = models.ForeignKey("core.Country", on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nominee's name"), max_length=200)
    email = models.EmailField(_("nominee's email"))
    position = models.CharField(_("position and institution"), max_length=300, blank=True)
    funding_requested = models.BooleanField(_("financial support requested"), default=False)
    justification = models.TextField(_("why support is needed"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("nomination")
        constraints = [models.UniqueConstraint(fields=["meeting", "email"], name="nomination_unique_email")]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"


class CalendarKey(models.Model):
    """The secret in the address of a person's own calendar feed; reset to cut off an old subscription."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_calendar")
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar key of {self.user_id}"

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
