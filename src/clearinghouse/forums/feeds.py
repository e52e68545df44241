"""Atom feeds of a discussion and of a thread (django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from clearinghouse.core.markdown import render_markdown

from . import permissions as perms
from . import selectors
from .models import Discussion, Thread


class DiscussionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        discussion = get_object_or_404(Discussion, slug=slug)
        if not perms.can_view_discussion(request.user, discussion):
            raise PermissionDenied
        return discussion

    def title(self, obj):
        return obj.tr("title")

    def link(self, obj):
        return obj.get_absolute_url()

    def subtitle(self, obj):
        return _("New posts in the online discussion")

    def items(self, obj):
        return selectors.posts_for_feed(discussion=obj)

    def item_title(self, item):
        return f"{item.thread.tr('title')} · {item.author}"

    def item_description(self, item):
        return render_markdown(item.body)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return str(item.author)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at


class ThreadFeed(DiscussionFeed):
    def get_object(self, request, slug, number):
        thread = get_object_or_404(Thread.objects.select_related("discussion"), discussion__slug=slug, number=number)
        if not perms.can_view_discussion(request.user, thread.discussion):
            raise PermissionDenied
        return thread

    def title(self, obj):
        return f"{obj.tr('title')} · {obj.discussion.tr('title')}"

    def items(self, obj):
        return selectors.posts_for_feed(thread=obj)
