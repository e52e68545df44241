"""Notices and outgoing mail in the administration: support can see what went out and retry."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Notice, OutboundEmail


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("user", "verb", "text", "created_at", "read_at")
    list_filter = ("verb", ("read_at", admin.EmptyFieldListFilter))
    search_fields = ("user__email", "text")
    list_select_related = ("user",)
    readonly_fields = ("user", "verb", "text", "url", "created_at", "read_at")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ("to", "subject", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "created_at")
    search_fields = ("to", "subject", "message_id")
    date_hierarchy = "created_at"
    readonly_fields = ("to", "subject", "message_id", "status", "attempts", "last_error", "created_at", "sent_at",
                       "message_text")
    fields = readonly_fields
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD") and super().has_change_permission(request, obj)

    @admin.display(description=_("message"))
    def message_text(self, obj):
        return bytes(obj.raw).decode("utf-8", errors="replace")

    @admin.action(description=_("Send the selected mails again"))
    def retry(self, request, queryset):
        from .tasks import email_send_task

        ids = list(queryset.exclude(status=OutboundEmail.Status.SENT).values_list("pk", flat=True))
        OutboundEmail.objects.filter(pk__in=ids).update(status=OutboundEmail.Status.QUEUED)
        for pk in ids:
            transaction.on_commit(lambda pk=pk: email_send_task.enqueue(pk))
        self.message_user(request, ngettext("%d mail queued again.", "%d mails queued again.", len(ids)) % len(ids))
