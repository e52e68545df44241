from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "clearinghouse.notifications"
    label = "notifications"

    def ready(self) -> None:
        from clearinghouse.core.related import register

        from . import periodic, search_documents  # noqa: F401 - registers the search source and periodic job
        from .related import notifications_about

        register(notifications_about)
