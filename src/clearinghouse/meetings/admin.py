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


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("symbol", "title", "kind", "meeting")
    search_fields = ("symbol", "title")


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
