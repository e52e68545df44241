from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top floor: pages that gather from several apps (home, country pages). Nothing imports it."""

    name = "clearinghouse.portal"
    label = "portal"
