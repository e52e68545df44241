from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("countries/", views.countries, name="countries"),
    path("language/", views.language_set, name="language"),
    path("healthz", views.healthz, name="healthz"),
    path("maps/world.svg", views.world_map_svg, name="world-map"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<str:name>", views.outbox, name="outbox-message"),
]
