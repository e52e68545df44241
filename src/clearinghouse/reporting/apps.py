from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "clearinghouse.reporting"
    label = "reporting"
