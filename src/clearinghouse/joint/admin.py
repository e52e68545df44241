from django.contrib import admin

from .models import ReportDocument, ReportDocumentFile


class FileInline(admin.TabularInline):
    model = ReportDocumentFile
    extra = 1
    fields = ("language", "file", "filename")


@admin.register(ReportDocument)
class ReportDocumentAdmin(admin.ModelAdmin):
    """The secretariat adds the reports countries sent as documents (conventions or cycles not reported online)."""

    list_display = ("country", "convention", "cycle", "submitted_on")
    list_filter = ("convention",)
    search_fields = ("country__name", "title", "cycle")
    inlines = [FileInline]
