from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "clearinghouse.meetings"
    label = "meetings"

    def ready(self) -> None:
        from clearinghouse.core.related import register

        from . import search_documents  # noqa: F401 - registers the "meeting" search source
        from .related import meetings_of

        register(meetings_of)
