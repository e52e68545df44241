"""Online discussions: time-bound, moderated, followed and answered by web or email.

A :class:`Discussion` holds :class:`Thread` s of :class:`Post` s. People join (accepting
the consent text) as :class:`Participant` s, follow threads or whole discussions with a
:class:`Watch`, and answer notification mails; every inbound mail is logged as an
:class:`InboundMessage` before anything else happens, so none is lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import Convention, TimeStampedModel, TranslatableModel

EDIT_WINDOW_MINUTES = 30


class Discussion(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title", "description")

    class ReadAudience(models.TextChoices):
        PUBLIC = "public", _("Anyone, without an account")
        REGISTERED = "registered", _("Registered users only")

    class PostAudience(models.TextChoices):
        NATIONAL = "national", _("National focal points, authorised users and invited participants")
        REGISTERED = "registered", _("Any registered participant")

    class State(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(_("permanent address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    convention = models.ForeignKey(
        Convention, verbose_name=_("convention"), null=True, blank=True, on_delete=models.PROTECT
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    read_audience = models.CharField(
        _("who may read"), max_length=12, choices=ReadAudience.choices, default=ReadAudience.PUBLIC
    )
    post_audience = models.CharField(
        _("who may post"), max_length=12, choices=PostAudience.choices, default=PostAudience.REGISTERED
    )
    participant_threads = models.BooleanField(_("participants may open threads"), default=False)
    premoderation = models.BooleanField(
        _("pre-moderate new participants"), default=False,
        help_text=_("The first post of each participant waits for a moderator's approval."),
    )
    consent_text = models.TextField(
        _("consent asked on joining"), blank=True,
        default=_("I agree that my posts may be quoted or summarised, without attribution, in a synthesis of "
                  "the discussion."),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("moderators"), blank=True, related_name="moderated_discussions"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("contact person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    opening_statement = models.TextField(_("opening statement"), blank=True)
    closing_statement = models.TextField(_("closing statement"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("discussion")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:discussion", args=[self.slug])

    def state_at(self, when=None) -> str:
        when = when or timezone.now()
        if self.archived_at and self.archived_at <= when:
            return self.State.ARCHIVED
        if when < self.opens_at:
            return self.State.ANNOUNCED
        if when < self.closes_at:
            return self.State.OPEN
        return self.State.CLOSED

    @property
    def state(self) -> str:
        return self.state_at()

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_read_only(self) -> bool:
        return self.state in (self.State.CLOSED, self.State.ARCHIVED)

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)


class Participant(models.Model):
    class Group(models.TextChoices):
        PARTY = "party", _("Parties")
        GOVERNMENT = "government", _("Other Governments")
        ORGANISATION = "organisation", _("Observers and organisations")
        SECRETARIAT = "secretariat", _("Secretariat and moderators")

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_memberships")
    group = models.CharField(_("group"), max_length=14, choices=Group.choices)
    joined_at = models.DateTimeField(default=timezone.now)
    consent_accepted_at = models.DateTimeField(_("consent accepted at"))
    consent_text = models.TextField(blank=True, help_text=_("The text accepted, as it was then"))

    class Meta:
        ordering = ["group", "joined_at"]
        verbose_name = _("participant")
        constraints = [models.UniqueConstraint(fields=["discussion", "user"], name="participant_unique")]

    def __str__(self) -> str:
        return str(self.user)


class Thread(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title", "description")

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="threads")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pinned = models.BooleanField(_("pinned"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    post_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pinned", "number"]
        verbose_name = _("thread")
        constraints = [models.UniqueConstraint(fields=["discussion", "number"], name="thread_unique_number")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", args=[self.discussion.slug, self.number])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def root_message_id(self) -> str:
        return f"<thread-{self.uid}@{settings.CLEARINGHOUSE_REPLY_DOMAIN}>"


class Post(TimeStampedModel):
    class Via(models.TextChoices):
        WEB = "web", _("web")
        EMAIL = "email", _("email")
        API = "api", _("API")

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        PENDING = "pending", _("Waiting for a moderator")
        HIDDEN = "hidden", _("Hidden by a moderator")
        REJECTED = "rejected", _("Rejected by a moderator")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    body = models.TextField(_("text"), help_text=_("Markdown"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.WEB)
    message_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE, db_index=True)
    moderation_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        indexes = [models.Index(fields=["thread", "status", "created_at"]), models.Index(fields=["author", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.uid}"

    @property
    def outgoing_message_id(self) -> str:
        """The stable Message-ID of the notification mails for this post."""
        return f"<post-{self.uid}@{settings.CLEARINGHOUSE_REPLY_DOMAIN}>"

    def editable_until(self):
        return self.created_at + timezone.timedelta(minutes=EDIT_WINDOW_MINUTES)


class PostRevision(models.Model):
    """The text of a post before each edit: nothing a person wrote is lost."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"


def _attachment_path(instance, filename: str) -> str:
    """A random storage name (the original name is kept in ``name``); files are served by a checked view."""
    from clearinghouse.core.files import private_name

    return private_name("forums", filename)


class PostAttachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:attachment", args=[self.post.uid, self.pk])


class Flag(models.Model):
    """A participant tells the moderators a post needs their attention."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="flag_unique_per_user")]

    def __str__(self) -> str:
        return self.reason[:60]


class Watch(models.Model):
    class Level(models.TextChoices):
        EMAIL = "email", _("Every post by email")
        DIGEST = "digest", _("Daily digest by email")
        WEB = "web", _("Notices on the site only")
        MUTED = "muted", _("Muted")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_watches")
    discussion = models.ForeignKey(Discussion, null=True, blank=True, on_delete=models.CASCADE, related_name="watches")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="watches")
    level = models.CharField(_("level"), max_length=8, choices=Level.choices, default=Level.EMAIL)
    created_at = models.DateTimeField(default=timezone.now)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "discussion"], condition=Q(thread__isnull=True),
                                    name="watch_unique_discussion"),
            models.UniqueConstraint(fields=["user", "thread"], condition=Q(thread__isnull=False),
                                    name="watch_unique_thread"),
            models.CheckConstraint(
                condition=Q(discussion__isnull=False, thread__isnull=True) | Q(discussion__isnull=True, thread__isnull=False),
                name="watch_one_target",
            ),
        ]
        indexes = [models.Index(fields=["thread", "level"]), models.Index(fields=["discussion", "level"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level}"


class InboundMessage(TimeStampedModel):
    """Every mail that arrives, stored raw before anything else so none is ever lost."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        POSTED = "posted", _("Posted")
        REJECTED = "rejected", _("Rejected")
        FAILED = "failed", _("Failed")
        DUPLICATE = "duplicate", _("Duplicate")
        AUTO_REPLY = "auto_reply", _("Automatic reply (dropped)")
        BOUNCE = "bounce", _("Bounce")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed by mail")

    transport = models.CharField(max_length=16)  # smtp, anymail, cli
    envelope_to = models.JSONField(default=list, blank=True)
    raw = models.BinaryField()
    from_addr = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    reply_key = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    error = models.TextField(blank=True)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbound mail")


class MailBounce(models.Model):
    """Delivery failures per address; mail to a person stops after repeated hard bounces."""

    address = models.EmailField(unique=True)
    hard_count = models.PositiveIntegerField(default=0)
    soft_count = models.PositiveIntegerField(default=0)
    last_status = models.CharField(max_length=20, blank=True)
    last_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.address


def _synthesis_path(instance, filename: str) -> str:
    from clearinghouse.core.files import private_name

    return private_name("forums/synthesis", filename)


class Synthesis(TimeStampedModel):
    """The outcome of a discussion: drafted from the posts, edited by a moderator, published as a document."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    discussion = models.OneToOneField(Discussion, on_delete=models.CASCADE, related_name="synthesis")
    draft = models.TextField(_("text"), blank=True, help_text=_("Markdown"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_text = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    document_symbol = models.CharField(_("document symbol"), max_length=80, blank=True)
    docx_file = models.FileField(upload_to=_synthesis_path, blank=True)
    html_file = models.FileField(upload_to=_synthesis_path, blank=True)
    markdown_file = models.FileField(upload_to=_synthesis_path, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("synthesis")

    def get_absolute_url(self) -> str:
        return reverse("forums:synthesis", args=[self.discussion.slug])
