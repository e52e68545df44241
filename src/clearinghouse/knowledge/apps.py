from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "clearinghouse.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge network")

    def ready(self):
        from . import search_documents  # noqa: F401 - registers the "record" search source
