"""System checks of the deployment (``clearinghouse check --deploy``, ``make deploy-check``).

Registered by ``CoreConfig.ready``. They speak to the operator, in English like Django's own.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_MAIL_BACKENDS = {
    "clearinghouse.alerts.outbox.OutboxBackend": "writes mail to files under var/outbox",
    "django.core.mail.backends.filebased.EmailBackend": "writes mail to files",
    "django.core.mail.backends.console.EmailBackend": "prints mail to the console",
    "django.core.mail.backends.locmem.EmailBackend": "keeps mail in memory",
    "django.core.mail.backends.dummy.EmailBackend": "throws mail away",
}


@register(Tags.compatibility, deploy=True)
def mail_delivery_check(app_configs=None, **kwargs):
    """In production, mail must leave: no local backend, and SMTP needs a mail host that was set on purpose."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    backend = settings.EMAIL_BACKEND
    if backend in LOCAL_MAIL_BACKENDS:
        return [Error(
            f"Production mail is not delivered: EMAIL_BACKEND {backend} {LOCAL_MAIL_BACKENDS[backend]}.",
            hint="Set CLEARINGHOUSE_EMAIL_HOST (SMTP) or CLEARINGHOUSE_EMAIL_BACKEND (a provider through "
                 "django-anymail); see docs/deploy.md.",
            id="clearinghouse.E001",
        )]
    if backend == "django.core.mail.backends.smtp.EmailBackend" and not os.environ.get("CLEARINGHOUSE_EMAIL_HOST"):
        return [Error(
            "Production mail goes by SMTP but no mail host is set (CLEARINGHOUSE_EMAIL_HOST).",
            hint="Set CLEARINGHOUSE_EMAIL_HOST to the SMTP server that delivers the platform's mail.",
            id="clearinghouse.E002",
        )]
    return []
