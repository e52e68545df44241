from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "clearinghouse.partnerships"
    label = "partnerships"
