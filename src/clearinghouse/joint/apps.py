from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JointConfig(AppConfig):
    """The joint reporting portal: every convention's national reports per country, who has reported per
    cycle, and the answers to one question across countries and cycles. Reads ``reporting``; imported by none."""

    name = "clearinghouse.joint"
    label = "joint"
    verbose_name = _("Joint reporting portal")
