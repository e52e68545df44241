from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "clearinghouse.decisions"
    label = "decisions"
    verbose_name = _("Decisions and resolutions")

    def ready(self):
        from . import search_documents  # noqa: F401 - registers the "decision" search source
