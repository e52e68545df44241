"""Decisions, resolutions and recommendations of the conventions' governing bodies.

A :class:`Decision` is what a Conference of the Parties (or a subsidiary body) adopted: its symbol as the
convention writes it ("CBD decision 15/13", "CMS Resolution 8.11", "Ramsar Resolution XIII.7", "CITES Res.
Conf. 10.10"), the convention, the meeting, the titles and a summary or the text (in several languages), its
status, and the themes and GBF targets it concerns. Issue-based modules, official notifications and national
report questions link to decisions; the InforMEA endpoint publishes them.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import Convention, Target, TimeStampedModel, Topic, TranslatableModel


class Decision(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title", "long_title", "summary", "text")

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        RESOLUTION = "resolution", _("Resolution")
        RECOMMENDATION = "recommendation", _("Recommendation")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        AMENDED = "amended", _("Amended")
        REVISED = "revised", _("Revised")
        RETIRED = "retired", _("Retired")

    symbol = models.CharField(
        _("symbol"), max_length=80, unique=True,
        help_text=_("As the convention writes it, e.g. CBD decision 15/13 or CMS Resolution 8.11."),
    )
    convention = models.ForeignKey(Convention, verbose_name=_("convention"), on_delete=models.PROTECT,
                                   related_name="decisions")
    number = models.CharField(_("number"), max_length=30, help_text=_("e.g. 15/13, VII/26, 8.11"))
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.DECISION)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    meeting_title = models.CharField(
        _("meeting"), max_length=200, help_text=_("e.g. Fifteenth meeting of the Conference of the Parties")
    )
    meeting_symbol = models.CharField(_("meeting symbol"), max_length=60, blank=True, help_text=_("e.g. COP-15"))
    adopted_on = models.DateField(_("adopted on"))
    title = models.CharField(_("title"), max_length=300)
    long_title = models.CharField(_("long title"), max_length=600, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown"))
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown: the operative text, or leave empty and link it."))
    url = models.URLField(_("official text"), blank=True, help_text=_("The convention's page of the decision."))
    supersedes = models.ForeignKey("self", verbose_name=_("supersedes"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="superseded_by")
    topics = models.ManyToManyField(Topic, verbose_name=_("themes"), blank=True, related_name="decisions")
    targets = models.ManyToManyField(Target, verbose_name=_("GBF targets"), blank=True, related_name="decisions")

    class Meta:
        ordering = ["-adopted_on", "symbol"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.symbol

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.pk])
