from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformeaConfig(AppConfig):
    """The InforMEA harvesting endpoint (OData v2) over reports, meetings and decisions: a top-floor app that
    reads the others and is imported by none."""

    name = "clearinghouse.informea"
    label = "informea"
    verbose_name = _("InforMEA endpoint")
