from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "clearinghouse.matchmaking"
    label = "matchmaking"
