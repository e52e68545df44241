"""Atom feeds: every published notification (optionally one convention's), and a person's private feed of the
notifications addressed to them (a secret address, so a feed reader needs no password)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from clearinghouse.core.markdown import render_markdown

from . import selectors
from .models import Follow


class NotificationFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        return {"convention": (request.GET.get("convention") or "")[:12]}

    def title(self, obj):
        return _("Official notifications")

    def link(self, obj):
        return reverse("notifications:list")

    def subtitle(self, obj):
        return _("Notifications of the secretariats to Parties and partners")

    def items(self, obj):
        return selectors.notifications_archive(convention=obj["convention"])[:50]

    def item_title(self, item):
        return f"{item.reference} · {item.tr('subject')}"

    def item_description(self, item):
        return render_markdown(item.tr("body"))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.signatory_name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class PersonalFeed(NotificationFeed):
    def get_object(self, request, token):
        follow = Follow.objects.filter(feed_token=token).select_related("user").first()
        if follow is None or not follow.user.is_active:
            raise Http404
        return {"user": follow.user}

    def title(self, obj):
        return _("Official notifications addressed to %(name)s") % {"name": obj["user"]}

    def items(self, obj):
        return selectors.inbox(obj["user"])["notifications"]
