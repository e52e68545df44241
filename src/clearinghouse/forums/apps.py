from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "clearinghouse.forums"
    label = "forums"

    def ready(self) -> None:
        from anymail.signals import inbound

        from .inbound import anymail_inbound_received

        inbound.connect(anymail_inbound_received, dispatch_uid="forums.anymail_inbound")
