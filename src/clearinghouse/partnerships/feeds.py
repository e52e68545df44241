"""Atom feed of a partnership's new public activities."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Partnership


class ActivityFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Partnership, slug=slug)

    def title(self, obj):
        return _("New activities: %(name)s") % {"name": obj.tr("name")}

    def link(self, obj):
        return obj.get_absolute_url()

    def subtitle(self, obj):
        return _("Support registered by the members of the partnership")

    def items(self, obj):
        return (obj.activities.filter(is_public=True, withdrawn_at__isnull=True)
                .select_related("member__organisation", "member__government", "partnership")
                .order_by("-created_at")[:50])

    def item_title(self, item):
        return f"{item.public_id} {item.title}"

    def item_description(self, item):
        return item.description[:2000]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.member.display_name()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
