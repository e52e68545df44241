from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "clearinghouse.meetings"
    label = "meetings"
