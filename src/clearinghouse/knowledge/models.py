"""Knowledge records: good practices, capacity-building initiatives, tools and
guidance, experts, organisations, news and traditional knowledge.

One table for all kinds: the fields every record shares are columns (they are
filtered, faceted and shown everywhere); the fields one kind adds live in
``details``, validated by that kind's form (see ``forms.KIND_FIELDS``), as CKAN
keeps dataset extras.

The row holds the working copy. Each publication stores a full snapshot in
:class:`RecordRevision`; the public sees the latest published snapshot, so a
published record can be edited without taking it offline (as Wagtail pages do).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.models import Organisation
from clearinghouse.core.models import (
    Convention,
    Country,
    Ecosystem,
    Region,
    SupportType,
    Target,
    TimeStampedModel,
    Topic,
    TranslatableModel,
)
from clearinghouse.core.validators import validate_web_url


class RecordKind(models.TextChoices):
    GOOD_PRACTICE = "good-practice", _("Good-practice case")
    CAPACITY_BUILDING = "capacity-building", _("Capacity-building initiative")
    TOOL = "tool", _("Tool or guidance")
    EXPERT = "expert", _("Expert")
    ORGANISATION = "organisation", _("Organisation")
    NEWS = "news", _("News")
    TRADITIONAL_KNOWLEDGE = "traditional-knowledge", _("Traditional knowledge")


KIND_PREFIX = {
    RecordKind.GOOD_PRACTICE: "GP",
    RecordKind.CAPACITY_BUILDING: "CB",
    RecordKind.TOOL: "TG",
    RecordKind.EXPERT: "EX",
    RecordKind.ORGANISATION: "ORG",
    RecordKind.NEWS: "NEWS",
    RecordKind.TRADITIONAL_KNOWLEDGE: "TK",
}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for publishing")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    REGISTERED = "registered", _("Registered users")
    RESTRICTED = "restricted", _("The contributing community and the people it chooses")


class Record(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title", "summary", "body")

    kind = models.CharField(_("type"), max_length=24, choices=RecordKind.choices, db_index=True)
    number = models.PositiveIntegerField(editable=False)
    country = models.ForeignKey(
        Country, verbose_name=_("contributed for"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="records", help_text=_("Empty for records of the secretariat"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    revision = models.PositiveIntegerField(_("revision"), default=0, help_text=_("Latest published revision"))
    has_unpublished_changes = models.BooleanField(default=True)

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    body = models.TextField(_("description"), blank=True, help_text=_("Markdown"))

    countries = models.ManyToManyField(Country, verbose_name=_("countries"), blank=True, related_name="+")
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), blank=True)
    targets = models.ManyToManyField(Target, verbose_name=_("targets"), blank=True)
    conventions = models.ManyToManyField(Convention, verbose_name=_("conventions"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    ecosystems = models.ManyToManyField(Ecosystem, verbose_name=_("ecosystems"), blank=True)
    support_types = models.ManyToManyField(SupportType, verbose_name=_("support types"), blank=True)

    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500, validators=[validate_web_url])
    contact = models.TextField(_("contact"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC)
    consent_statement = models.TextField(_("consent statement"), blank=True)
    community = models.ForeignKey(
        Organisation, verbose_name=_("contributing community or organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="records",
    )
    restricted_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("people who may see it"), blank=True, related_name="+"
    )

    # Who may see the published revision. Set only by the publish service from the working copy at the moment
    # of publication (and by nothing else): editing the draft never changes who sees what is published.
    live_visibility = models.CharField(max_length=12, choices=Visibility.choices, blank=True, db_index=True,
                                       editable=False)
    live_community = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    live_restricted_to = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", editable=False,
    )

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="records")
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("record")
        constraints = [models.UniqueConstraint(fields=["kind", "country", "number"], name="record_unique_number",
                                               nulls_distinct=False)]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["country", "status"])]

    def __str__(self) -> str:
        return f"{self.public_id}: {self.title}"

    @property
    def base_id(self) -> str:
        return f"CHM-{KIND_PREFIX[self.kind]}-{self.country_id or 'SCBD'}-{self.number:05d}"

    @property
    def public_id(self) -> str:
        return f"{self.base_id}-{self.revision}" if self.revision else self.base_id

    @property
    def is_published(self) -> bool:
        return self.revision > 0 and self.status != Status.ARCHIVED

    def get_absolute_url(self) -> str:
        return reverse("knowledge:record", kwargs={"identifier": self.base_id})


class RecordRevision(models.Model):
    """A published revision: the full content as the public saw it."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    data = models.JSONField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [models.UniqueConstraint(fields=["record", "revision"], name="revision_unique")]

    def __str__(self) -> str:
        return f"{self.record.base_id}-{self.revision}"


class PendingReader(models.Model):
    """An address a restricted record names that has no account yet. It is held, not refused (refusing would
    tell the contributor whether the address has an account); it starts to count when a person confirms an
    account with that address. ``live`` rows are the published list, set only by the publish service."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="pending_readers")
    email = models.EmailField()
    live = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "email", "live"], name="pending_reader_unique")]
        indexes = [models.Index(fields=["email", "live"])]

    def __str__(self) -> str:
        return self.email


class RecordAccess(models.Model):
    """One view of a restricted record (its page, a revision, a diff, the API, an attachment), kept for the
    community that contributed it."""

    class Channel(models.TextChoices):
        PAGE = "page", _("record page")
        REVISION = "revision", _("revision page")
        DIFF = "diff", _("comparison of revisions")
        API = "api", _("API")
        ATTACHMENT = "attachment", _("attachment download")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="accesses")
    community = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    revision = models.PositiveIntegerField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["community", "-at"])]

    def __str__(self) -> str:
        return f"{self.record_id} {self.user_id} {self.channel} {self.at}"


class RecordEvent(models.Model):
    """The record's history: every state change and review comment, shown to the people who work on it."""

    class Action(models.TextChoices):
        CREATED = "created", _("created the draft")
        EDITED = "edited", _("edited")
        SUBMITTED = "submitted", _("submitted for publishing")
        RETURNED = "returned", _("returned it with comments")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")
        RESTORED = "restored", _("restored")
        COMMENTED = "commented", _("commented")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_name = models.CharField(max_length=150, blank=True, help_text="For comments through a share link")
    action = models.CharField(max_length=12, choices=Action.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.actor or self.actor_name} {self.get_action_display()}"


def attachment_upload_to(instance, filename: str) -> str:
    """A random storage name (the original name is kept in ``name``); files are served by a checked view."""
    from clearinghouse.core.files import private_name

    return private_name("records", filename)


class Attachment(TimeStampedModel):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, max_length=300)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def get_absolute_url(self) -> str:
        return reverse("knowledge:attachment", args=[self.record.base_id, self.pk])


class PublishingRequest(TimeStampedModel):
    """An authorised user asks their focal point to publish one or more records."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    country = models.ForeignKey(Country, on_delete=models.PROTECT)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), blank=True)
    records = models.ManyToManyField(Record, related_name="publishing_requests")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)

    class Meta:
        ordering = ["-created_at"]


class ShareLink(TimeStampedModel):
    """A link that lets someone without an account read a draft and comment, until it expires."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
