from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "clearinghouse.forums"
    label = "forums"
