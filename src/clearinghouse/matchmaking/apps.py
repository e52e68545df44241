from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "clearinghouse.matchmaking"
    label = "matchmaking"
    verbose_name = _("Cooperation marketplace")

    def ready(self):
        from . import periodic, search_documents  # noqa: F401 - registers search sources and periodic jobs
