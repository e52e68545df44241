from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "clearinghouse.alerts"
    label = "alerts"
