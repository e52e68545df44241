from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "clearinghouse.meetings"
    label = "meetings"

    def ready(self) -> None:
        from clearinghouse.core.related import register

        from .related import meetings_of

        register(meetings_of)
