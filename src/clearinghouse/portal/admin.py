from django.contrib import admin

from .models import Module


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    """The secretariat edits the issue-based modules: what each gathers is decided by these fields."""

    list_display = ("title", "slug", "position")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("conventions", "topics", "ecosystems", "targets", "decisions")
    raw_id_fields = ("questions",)
