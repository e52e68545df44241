from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "clearinghouse.search"
    label = "search"
