"""National reports that were not made online: uploaded documents, one file per language."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.models import TimeStampedModel


class ReportDocument(TimeStampedModel):
    """A national report submitted as a document (a convention or cycle not reported online here)."""

    country = models.ForeignKey("core.Country", verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="report_documents")
    convention = models.ForeignKey("core.Convention", verbose_name=_("convention"), on_delete=models.PROTECT,
                                   related_name="report_documents")
    cycle = models.CharField(_("reporting cycle"), max_length=80, help_text=_("e.g. Sixth national report, 2019"))
    title = models.CharField(_("title"), max_length=300)
    submitted_on = models.DateField(_("submitted on"))
    url = models.URLField(_("the convention's page"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        ordering = ["country_id", "convention_id", "-submitted_on"]
        verbose_name = _("national report document")

    def __str__(self) -> str:
        return f"{self.country_id} {self.convention_id} {self.cycle}"


class ReportDocumentFile(models.Model):
    document = models.ForeignKey(ReportDocument, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=8, choices=settings.CONTENT_LANGUAGES)
    file = models.FileField(_("file"), upload_to="national-reports/%Y/")
    filename = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    mime_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["document_id", "language"]
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="joint_docfile_one_per_lang")]

    def __str__(self) -> str:
        return self.filename
