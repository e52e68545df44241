"""Vocabularies in the administration: read-mostly (they are loaded from the project's fixtures)."""

from django.contrib import admin

from .models import Convention, Country, Ecosystem, Region, SupportType, Target, Topic


class VocabularyAdmin(admin.ModelAdmin):
    """Names can be corrected; codes are fixed and nothing is deleted (records refer to them)."""

    def get_readonly_fields(self, request, obj=None):
        pk = self.model._meta.pk.name
        return (pk,) if obj is not None and pk != "id" else ()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(VocabularyAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Country)
class CountryAdmin(VocabularyAdmin):
    list_display = ("code", "name", "region")
    list_filter = ("region",)
    search_fields = ("code", "name")
    list_select_related = ("region",)


@admin.register(Convention)
class ConventionAdmin(VocabularyAdmin):
    list_display = ("code", "name", "parent", "url")
    search_fields = ("code", "name")
    list_select_related = ("parent",)


@admin.register(Target)
class TargetAdmin(VocabularyAdmin):
    list_display = ("framework", "number", "title")
    list_filter = ("framework",)
    search_fields = ("title",)
    ordering = ("framework", "number")

    def get_readonly_fields(self, request, obj=None):
        return ("framework", "number") if obj is not None else ()


@admin.register(SupportType)
class SupportTypeAdmin(VocabularyAdmin):
    list_display = ("code", "name", "synonyms")
    search_fields = ("code", "name")


@admin.register(Ecosystem)
class EcosystemAdmin(VocabularyAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Topic)
class TopicAdmin(VocabularyAdmin):
    list_display = ("slug", "name")
    search_fields = ("slug", "name")
