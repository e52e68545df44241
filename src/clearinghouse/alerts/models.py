from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import TimeStampedModel


class Notice(TimeStampedModel):
    """Something the platform tells one user in the app (and, when asked, by email)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    verb = models.CharField(max_length=60)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("notice")


class OutboundEmail(TimeStampedModel):
    """A mail the platform sends: kept so a failed send is retried and support can see what went out."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField()
    subject = models.CharField(max_length=500)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    raw = models.BinaryField(help_text="The whole RFC 5322 message")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outbound email")
