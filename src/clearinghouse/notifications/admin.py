from django.contrib import admin

from .models import AddresseeGroup, Call, Designation, Notification, ReferenceSeries, Submission


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("reference", "date", "subject", "convention", "status")
    list_filter = ("status", "convention")
    search_fields = ("reference", "subject")
    readonly_fields = ("status", "drafted_by", "approved_by", "approved_at", "published_by", "published_at")


@admin.register(AddresseeGroup)
class AddresseeGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "convention", "submits_as", "all_users")


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title", "deadline", "deadline_timezone", "closed_at")


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("number", "call", "country", "organisation", "status", "late", "published_at")
    list_filter = ("status", "late")


admin.site.register(ReferenceSeries)
admin.site.register(Designation)
