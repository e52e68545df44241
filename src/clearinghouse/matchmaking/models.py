"""The cooperation marketplace: needs and offers, suggestions, introductions,
collaborations, workshops and saved searches.

Needs and offers share :class:`Post`; suggestions are computed by the engine
(``matchmaking/engine``) in tasks and stored in :class:`MatchSuggestion`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import (
    Country,
    Ecosystem,
    Region,
    SupportType,
    Target,
    TimeStampedModel,
    TranslatableModel,
)


class PostStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_DISCUSSION = "in_discussion", _("In discussion")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


#: Statuses in which a post is shown in the marketplace and suggested.
ACTIVE_STATUSES = (PostStatus.OPEN, PostStatus.IN_DISCUSSION)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    REGISTERED = "registered", _("Signed-in users")


class PostQuerySet(models.QuerySet):
    def active(self):
        """Open or in discussion, not withdrawn, not past expiry."""
        return self.filter(status__in=ACTIVE_STATUSES, withdrawn_at__isnull=True).exclude(
            expires_at__lte=timezone.now())


class Post(TimeStampedModel, TranslatableModel):
    """What needs and offers share."""

    KIND = ""
    TRANSLATABLE_FIELDS = ("title", "description")

    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.PROTECT,
                              related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    targets = models.ManyToManyField(Target, verbose_name=_("targets"), blank=True, related_name="+")
    support_types = models.ManyToManyField(SupportType, verbose_name=_("kinds of support"), blank=True,
                                           related_name="+")
    support_text = models.CharField(_("support as written"), max_length=500, blank=True,
                                    help_text=_("Free text; it is mapped onto the list of kinds of support."))
    ecosystems = models.ManyToManyField(Ecosystem, verbose_name=_("ecosystems"), blank=True, related_name="+")
    delivery_languages = models.JSONField(_("languages of delivery"), default=list, blank=True)
    timing = models.CharField(_("timing"), max_length=200, blank=True,
                              help_text=_("When, e.g. “first half of 2027” or “before the NBSAP is adopted”."))
    expires_at = models.DateTimeField(_("expires on"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.OPEN,
                              db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    workshop = models.ForeignKey("matchmaking.Workshop", verbose_name=_("workshop"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    sheet_author = models.CharField(_("name on the sheet"), max_length=200, blank=True,
                                    help_text=_("For sheets imported from a workshop wall."))
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False, default="")
    # The engine's vector of title and description, with the id of the model that made it.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=100, blank=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.public_id} {self.title}"

    @property
    def public_id(self) -> str:
        return f"CHM-{self.KIND.upper()}-{self.country_id or 'XX'}-{self.number:05d}"

    @property
    def kind(self) -> str:
        return self.KIND

    @property
    def is_active(self) -> bool:
        return (self.status in ACTIVE_STATUSES and self.withdrawn_at is None
                and (self.expires_at is None or self.expires_at > timezone.now()))

    def get_absolute_url(self) -> str:
        return reverse(f"matchmaking:{self.KIND}", kwargs={"public_id": self.public_id})


class Need(Post):
    KIND = "need"

    problem = models.TextField(_("problem"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    priorities = models.TextField(_("national priorities addressed"), blank=True)
    geographic_coverage = models.CharField(_("geographic coverage"), max_length=300, blank=True)
    cofinancing = models.CharField(_("co-financing available"), max_length=300, blank=True)
    existing_initiatives = models.TextField(_("existing initiatives"), blank=True)

    class Meta(Post.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [models.UniqueConstraint(fields=["country", "number"], name="need_unique_number")]


class Offer(Post):
    KIND = "offer"

    eligibility = models.TextField(_("who is eligible"), blank=True)
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)

    class Meta(Post.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [models.UniqueConstraint(fields=["country", "number"], name="offer_unique_number")]


class ProviderProfile(TimeStampedModel, TranslatableModel):
    """What a provider of support (person or organisation) can do, as in Bio-Bridge's profile records.

    One per user; with ``organisation`` set the user speaks for their organisation (the one
    their account belongs to), otherwise for themselves as an expert.
    """

    TRANSLATABLE_FIELDS = ("areas", "expertise", "recent_experience")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_profile")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    areas = models.TextField(_("areas of collaboration"), blank=True)
    expertise = models.TextField(_("expertise"), blank=True)
    recent_experience = models.TextField(_("recent experience"), blank=True)
    support_types = models.ManyToManyField(SupportType, verbose_name=_("kinds of support"), blank=True,
                                           related_name="+")
    targets = models.ManyToManyField(Target, verbose_name=_("targets"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("provider profile")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The organisation when the profile speaks for it, else the person's name (never their email)."""
        if self.organisation_id:
            return str(self.organisation)
        name = (self.user.display_name or self.user.get_full_name()).strip()
        return name or gettext("Provider %(n)s") % {"n": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:provider", kwargs={"pk": self.pk})


class MatchSuggestion(models.Model):
    """A stored result of the engine for one need and one offer."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="suggestions")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="suggestions")
    score = models.FloatField()
    reasons = models.JSONField(default=list)  # [{"code", "params", "text"}]
    unmet = models.JSONField(default=list)  # [{"code", "params", "text"}]
    model_id = models.CharField(max_length=100)
    computed_at = models.DateTimeField(default=timezone.now)
    stale = models.BooleanField(default=False)

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="suggestion_unique_pair")]
        indexes = [models.Index(fields=["need", "-score"]), models.Index(fields=["offer", "-score"])]
        verbose_name = _("match suggestion")

    def __str__(self) -> str:
        return f"{self.need_id} ↔ {self.offer_id} ({self.score:.2f})"


class Introduction(TimeStampedModel):
    """A request to be put in touch. Contacts are only shown to both sides once it is accepted."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="introductions")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="introductions")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("introduction")
        constraints = [models.UniqueConstraint(fields=["need", "offer"], condition=models.Q(status="requested"),
                                               name="introduction_one_open_per_pair")]

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:introduction", kwargs={"pk": self.pk})

    def parties(self) -> tuple[int, int]:
        return (self.requester_id, self.recipient_id)


class Conversation(TimeStampedModel):
    """The private thread of two parties after an introduction is accepted."""

    introduction = models.OneToOneField(Introduction, on_delete=models.CASCADE, related_name="conversation")

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:conversation", kwargs={"pk": self.pk})


class Message(TimeStampedModel):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()

    class Meta:
        ordering = ["created_at"]


class Collaboration(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Under way")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("title"), max_length=300)
    introduction = models.ForeignKey(Introduction, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="collaborations")
    need = models.ForeignKey(Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="collaborations")
    offer = models.ForeignKey(Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="collaborations")
    objectives = models.TextField(_("objectives"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="CollaborationParty", related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("collaboration")

    @property
    def public_id(self) -> str:
        return f"CHM-COLLAB-{self.number:05d}"

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:collaboration", kwargs={"pk": self.pk})


class CollaborationParty(models.Model):
    class Role(models.TextChoices):
        REQUESTING = "requesting", _("Requesting party")
        PROVIDING = "providing", _("Providing party")
        FUNDING = "funding", _("Funding partner")
        OTHER = "other", _("Other partner")

    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="parties")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaboration_parties")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    consents_public_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["collaboration", "user"], name="party_unique_user")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Milestone(TimeStampedModel):
    collaboration = models.ForeignKey(Collaboration, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_date = models.DateField(_("due date"))
    responsible = models.ForeignKey(CollaborationParty, verbose_name=_("responsible party"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resources = models.CharField(_("resources"), max_length=500, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]


class Workshop(TimeStampedModel):
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    join_code = models.CharField(max_length=12, unique=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, through="WorkshopParticipant", related_name="+")

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("workshop")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:workshop", kwargs={"pk": self.pk})


class WorkshopParticipant(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workshop", "user"], name="workshop_participant_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.workshop_id}"


class SavedSearch(TimeStampedModel):
    """A marketplace search kept by a user; with ``alert`` the user is told when a new post fits it.

    With ``need`` set it means "tell me when a matching offer appears" for that need.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(max_length=6, choices=[("need", _("Needs")), ("offer", _("Offers"))], default="offer")
    query = models.CharField(_("words"), max_length=300, blank=True)
    filters = models.JSONField(default=dict, blank=True)  # {"target": [...], "region": [...], "support": [...]}
    need = models.ForeignKey(Need, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts")
    min_score = models.FloatField(default=0.5)
    alert = models.BooleanField(_("tell me by email"), default=True)
    last_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class AlertDelivery(models.Model):
    """One post an alert told its user about, so no post is announced twice."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=6)
    post_id = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["saved_search", "kind", "post_id"], name="alert_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.post_id}"
