from django.contrib import admin

from .models import Discussion, Flag, InboundMessage, MailBounce, Participant, Post, Synthesis, Thread, Watch


@admin.register(Discussion)
class DiscussionAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "opens_at", "closes_at", "read_audience", "post_audience")
    search_fields = ("title", "slug")
    filter_horizontal = ("moderators",)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ("title", "discussion", "number", "pinned", "closed_at", "post_count")
    list_select_related = ("discussion",)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("thread", "author", "via", "status", "created_at")
    list_filter = ("status", "via")
    list_select_related = ("thread", "author")
    raw_id_fields = ("thread", "author", "parent", "moderated_by")
    readonly_fields = ("message_id", "in_reply_to")


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "transport", "from_addr", "subject", "status", "error")
    list_filter = ("status", "transport")
    search_fields = ("from_addr", "subject", "message_id")
    exclude = ("raw",)
    raw_id_fields = ("post", "thread")


admin.site.register(Participant)
admin.site.register(Watch)
admin.site.register(Flag)
admin.site.register(MailBounce)
admin.site.register(Synthesis)
