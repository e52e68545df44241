from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "clearinghouse.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from clearinghouse.core import related

        from . import periodic, search_documents  # noqa: F401 - registers the periodic job and the search source
        from .related import country_partnerships

        related.register(country_partnerships)
