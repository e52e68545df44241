"""Issue-based modules: one theme (invasive alien species, inland waters...) gathered across conventions.

A module is data the secretariat edits: its themes, ecosystems and GBF targets decide what the page gathers
(decisions, knowledge records, needs and offers, partnership activities), and the reporting questions chosen for it
are widened through the question mappings to every convention that asks the same thing.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import (
    Convention,
    Ecosystem,
    Target,
    TimeStampedModel,
    Topic,
    TranslatableModel,
)


class Module(TimeStampedModel, TranslatableModel):
    TRANSLATABLE_FIELDS = ("title", "description")

    slug = models.SlugField(_("permanent address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    conventions = models.ManyToManyField(Convention, verbose_name=_("conventions"), blank=True, related_name="+")
    topics = models.ManyToManyField(Topic, verbose_name=_("themes"), blank=True, related_name="+")
    ecosystems = models.ManyToManyField(Ecosystem, verbose_name=_("ecosystems"), blank=True, related_name="+")
    targets = models.ManyToManyField(Target, verbose_name=_("GBF targets"), blank=True, related_name="+")
    target_elements = models.JSONField(
        _("partnership target elements"), default=list, blank=True,
        help_text=_("Codes of target elements (e.g. inland_waters): partnership activities on them are gathered."))
    decisions = models.ManyToManyField("decisions.Decision", verbose_name=_("decisions and obligations"),
                                       blank=True, related_name="modules")
    questions = models.ManyToManyField("reporting.Question", verbose_name=_("reporting questions"), blank=True,
                                       related_name="modules")

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("issue-based module")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("modules:detail", args=[self.slug])
