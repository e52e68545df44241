from django.contrib import admin

from .models import AgendaItem, Document, Meeting, Nomination, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ("title", "starts_at", "ends_at", "timezone", "status", "capacity")
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "symbol", "kind", "status", "starts_on", "city", "online")
    list_filter = ("kind", "status", "online")
    search_fields = ("title", "symbol", "city")
    readonly_fields = ("sequence", "slug")
    inlines = [SessionInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from clearinghouse.search.services import index_later

        index_later("meeting", form.instance.pk)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("symbol", "title", "kind", "meeting")
    search_fields = ("symbol", "title")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from clearinghouse.search.services import index_later

        index_later("meeting", obj.meeting_id)  # the meeting's search document lists its documents


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("user", "meeting", "session", "status", "created_at", "attended")
    list_filter = ("status",)
    raw_id_fields = ("user", "meeting", "session")


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "meeting", "status", "funding_requested")
    list_filter = ("status",)


admin.site.register(AgendaItem)
