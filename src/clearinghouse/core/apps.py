from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clearinghouse.core"
    label = "core"
