from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "clearinghouse.notifications"
    label = "notifications"
