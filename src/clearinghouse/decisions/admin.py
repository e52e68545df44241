from django.contrib import admin

from .models import Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """The secretariat keeps decisions here (saving goes through the model's validation; the index follows)."""

    list_display = ("symbol", "convention", "kind", "status", "adopted_on")
    list_filter = ("convention", "kind", "status", "topics")
    search_fields = ("symbol", "title", "number")
    filter_horizontal = ("topics", "targets")
    autocomplete_fields = ("supersedes",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from clearinghouse.search.services import index_later

        index_later("decision", form.instance.pk)
