"""Admin for records. Changes of state go through the services, as the admin user; nothing is deleted."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.errors import Conflict

from . import services
from .models import Attachment, PublishingRequest, Record, RecordEvent, RecordRevision, ShareLink


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RevisionInline(ReadOnlyInline):
    model = RecordRevision
    fields = ("revision", "published_at", "published_by", "comment")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = RecordEvent
    fields = ("created_at", "actor", "actor_name", "action", "comment")
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("name", "content_type", "size", "uploaded_by", "removed_at")
    readonly_fields = fields


def _run(modeladmin, request, queryset, fn, done_message):
    ok = 0
    for record in queryset:
        try:
            fn(actor=request.user, record=record)
            ok += 1
        except (PermissionDenied, ValidationError, Conflict) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            modeladmin.message_user(request, f"{record.base_id}: {text}", messages.ERROR)
    if ok:
        modeladmin.message_user(request, done_message % {"n": ok}, messages.SUCCESS)


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ("public_id", "title", "kind", "country", "status", "revision", "updated_at")
    list_filter = ("kind", "status", "country__region", "language")
    search_fields = ("title", "=number", "summary")
    list_select_related = ("country",)
    readonly_fields = ("kind", "number", "country", "status", "revision", "has_unpublished_changes", "owner",
                       "submitted_at", "published_at", "published_by", "locked_by", "locked_at", "uid")
    autocomplete_fields = ()
    filter_horizontal = ("countries", "targets", "topics", "ecosystems", "support_types", "conventions", "regions")
    inlines = [RevisionInline, EventInline, AttachmentInline]
    actions = ["publish_records", "archive_records"]
    exclude = ("restricted_to",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return False  # records are created on the site or the API, so that they get an id and a history

    def has_delete_permission(self, request, obj=None):
        return False  # archive instead: nothing is hard-deleted

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Publish the selected records"))
    def publish_records(self, request, queryset):
        _run(self, request, queryset, services.record_publish, _("%(n)s records published."))

    @admin.action(description=_("Archive the selected records"))
    def archive_records(self, request, queryset):
        _run(self, request, queryset, services.record_archive, _("%(n)s records archived."))

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data
                if name in services.SCALAR_FIELDS or name in services.M2M_FIELDS}
        m2m = {k: v for k, v in data.items() if k in services.M2M_FIELDS}
        scalar = {k: v for k, v in data.items() if k not in services.M2M_FIELDS}
        fresh = Record.objects.get(pk=obj.pk)
        services.record_update(actor=request.user, record=fresh, data={**scalar, **{k: list(v) for k, v in m2m.items()}})

    def save_related(self, request, form, formsets, change):
        # The record's M2M fields were saved by record_update in save_model; the inlines are read-only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(PublishingRequest)
class PublishingRequestAdmin(admin.ModelAdmin):
    list_display = ("created_at", "country", "requested_by", "state")
    list_filter = ("state",)
    readonly_fields = ("country", "requested_by", "message", "records", "state")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ("record", "created_by", "expires_at", "revoked_at")
    readonly_fields = ("record", "token", "created_by", "expires_at", "revoked_at")

    def has_delete_permission(self, request, obj=None):
        return False
