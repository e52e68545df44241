"""Partnerships (and task forces), their target elements, members, activities, needs, overlap suggestions,
work programmes and digest subscriptions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clearinghouse.core.models import Country, SupportType, Target, TimeStampedModel, TranslatableModel


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    SUBNATIONAL = "subnational", _("Subnational")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class Partnership(TimeStampedModel, TranslatableModel):
    """A voluntary partnership for one or more targets, or a task force of agencies (``kind``)."""

    TRANSLATABLE_FIELDS = ("name", "purpose", "governance", "terms")

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("Partnership")
        TASK_FORCE = "task_force", _("Task force")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PARTNERSHIP)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    governance = models.TextField(_("governance"), blank=True)
    terms = models.TextField(_("terms of participation"), blank=True)
    targets = models.ManyToManyField(Target, verbose_name=_("targets"), blank=True, related_name="+")
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("coordinators"), blank=True,
                                          related_name="coordinated_partnerships")
    secretariat = models.ForeignKey("accounts.Organisation", verbose_name=_("secretariat"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    auto_accept = models.BooleanField(_("accept members automatically"), default=False)
    is_open = models.BooleanField(_("open for joining"), default=True)
    founding_document = models.FileField(_("founding document"), upload_to="partnerships/", blank=True)
    founding_title = models.CharField(_("founding document title"), max_length=300, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", args=[self.slug])


class TargetElement(models.Model):
    """A part of a target a partnership works on (Target 3: terrestrial, marine and coastal, OECMs ...): data,
    so each partnership defines its own. ``names`` holds the name per content language."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="elements")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    names = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partnership", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"], name="partnership_element_code")]
        verbose_name = _("target element")

    def __str__(self) -> str:
        return self.local_name()

    def local_name(self, lang: str | None = None) -> str:
        from django.utils import translation

        from clearinghouse.core.models import content_language

        return (self.names or {}).get(content_language(lang or translation.get_language())) or self.name


class Member(TimeStampedModel):
    """An organisation or a government in a partnership. A government is acted for by its focal point."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        GOVERNMENT = "government", _("Government")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACTIVE = "active", pgettext_lazy("membership", "Active")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    kind = models.CharField(_("member type"), max_length=16, choices=Kind.choices)
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    government = models.ForeignKey(Country, verbose_name=_("government of"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    levels = models.JSONField(_("levels"), default=list, blank=True)
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), blank=True, related_name="+")
    elements = models.ManyToManyField(TargetElement, verbose_name=_("target elements"), blank=True, related_name="+")
    statement = models.TextField(_("what you bring"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.REQUESTED,
                             db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("contact person"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(_("joined on"), null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-joined_at", "pk"]
        verbose_name = _("member")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="partnership_member_org_once",
                                    condition=Q(state__in=["requested", "active"], organisation__isnull=False)),
            models.UniqueConstraint(fields=["partnership", "government"], name="partnership_member_gov_once",
                                    condition=Q(state__in=["requested", "active"], government__isnull=False)),
            models.CheckConstraint(name="partnership_member_one_party", condition=(
                Q(kind="organisation", organisation__isnull=False, government__isnull=True)
                | Q(kind="government", government__isnull=False, organisation__isnull=True))),
        ]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self) -> str:
        if self.kind == self.Kind.GOVERNMENT and self.government_id:
            return str(_("Government of %(country)s") % {"country": self.government.local_name()})
        return str(self.organisation) if self.organisation_id else "?"

    @property
    def type_label(self) -> str:
        if self.kind == self.Kind.GOVERNMENT:
            return str(_("Government"))
        return self.organisation.get_kind_display() if self.organisation_id else ""

    def get_absolute_url(self) -> str:
        return reverse("partnerships:member", args=[self.partnership.slug, self.pk])


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(TimeStampedModel, TranslatableModel):
    """Support a member runs or plans. ``start``/``end`` are the first day of their month."""

    TRANSLATABLE_FIELDS = ("title", "description")

    public_id = models.CharField(_("identifier"), max_length=40, unique=True)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="activities")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    elements = models.ManyToManyField(TargetElement, verbose_name=_("target elements"), related_name="activities")
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), related_name="+")
    subnational = models.CharField(_("subnational area"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.NATIONAL)
    support_types = models.ManyToManyField(SupportType, verbose_name=_("kinds of support"), related_name="+")
    start = models.DateField(_("start month"))
    end = models.DateField(_("end month"))
    budget = models.DecimalField(_("budget"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    beneficiaries = models.CharField(_("beneficiaries"), max_length=500, blank=True)
    partners_involved = models.CharField(_("partners involved"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices,
                              default=ActivityStatus.ONGOING, db_index=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    iati_identifier = models.CharField(_("IATI identifier"), max_length=150, blank=True, db_index=True)
    is_public = models.BooleanField(_("public"), default=True, db_index=True)
    duplicate_of = models.ForeignKey("self", verbose_name=_("same activity as"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="duplicates")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=100, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [models.CheckConstraint(name="partnership_activity_period", condition=Q(end__gte=models.F("start")))]

    def __str__(self) -> str:
        return f"{self.public_id} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:activity", args=[self.partnership.slug, self.public_id])


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    CLOSED = "closed", _("Closed")


class PartnershipNeed(TimeStampedModel, TranslatableModel):
    """A country's need for support registered in the partnership (beside the marketplace's needs)."""

    TRANSLATABLE_FIELDS = ("title", "description")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="needs")
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    elements = models.ManyToManyField(TargetElement, verbose_name=_("target elements"), blank=True, related_name="+")
    support_types = models.ManyToManyField(SupportType, verbose_name=_("kinds of support"), blank=True,
                                           related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=NeedStatus.choices, default=NeedStatus.OPEN,
                              db_index=True)
    met_by = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("need")

    def __str__(self) -> str:
        return self.title


class OverlapSuggestion(TimeStampedModel):
    """A pair of activities the detector thinks are one activity twice, or overlapping initiatives."""

    class Kind(models.TextChoices):
        DUPLICATE = "duplicate", _("Duplicate")
        OVERLAP = "overlap", _("Overlap")

    class State(models.TextChoices):
        OPEN = "open", _("To review")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")
        MERGED = "merged", _("Merged")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="overlaps")
    a = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    score = models.FloatField(_("score"))
    reasons = models.JSONField(default=list)  # [{"code": ..., "params": {...}}]
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("overlap suggestion")
        constraints = [models.UniqueConstraint(fields=["a", "b"], name="partnership_overlap_pair_once")]

    def __str__(self) -> str:
        return f"{self.a_id}~{self.b_id} {self.kind} {self.score:.2f}"


class WorkItem(TimeStampedModel, TranslatableModel):
    """An item of a (multi-year) work programme: a lead, partners, dates, status, outputs, progress."""

    TRANSLATABLE_FIELDS = ("title", "outputs")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DELAYED = "delayed", _("Delayed")
        DROPPED = "dropped", _("Dropped")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="work_items")
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    outputs = models.TextField(_("outputs"), blank=True)
    lead = models.ForeignKey(Member, verbose_name=_("lead"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="led_items")
    partners = models.ManyToManyField(Member, verbose_name=_("partners"), blank=True, related_name="+")
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.TextField(_("progress note"), blank=True)

    class Meta:
        ordering = ["partnership", "starts_on", "number"]
        verbose_name = _("work programme item")
        constraints = [models.CheckConstraint(name="partnership_workitem_progress", condition=Q(progress__lte=100))]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def expected_progress(self) -> int:
        """Where the item should be by today if work went evenly (for "behind schedule")."""
        today = timezone.localdate()
        span = (self.ends_on - self.starts_on).days or 1
        return max(0, min(100, round(100 * (today - self.starts_on).days / span)))


class DigestSubscription(models.Model):
    """A person who asked for the periodic digest of new members and activities of a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="digest_subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "user"], name="partnership_digest_once")]

    def __str__(self) -> str:
        return f"{self.user_id} / {self.partnership_id}"


class ContactMessage(TimeStampedModel):
    """A message to a member through the platform: the member's contact gets it by mail, no address shown."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))

    def __str__(self) -> str:
        return self.subject


class ImportDraft(TimeStampedModel):
    """An uploaded activity file between its preview and the member's choice (all or only the valid lines)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)  # table | iati
    content = models.BinaryField()
    options = models.JSONField(default=dict, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.filename
