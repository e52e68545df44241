from django.urls import path

from . import views

app_name = "portal"

# Mounted twice by the project's urls.py: in the ``portal`` namespace and, so that the names
# the templates have always used keep working, in ``core`` (core:home, core:country).
urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:code>/", views.country, name="country"),
    path("targets/<str:code>/", views.target, name="target"),
]
