from django.urls import path, re_path

from . import views

app_name = "informea"

urlpatterns = [
    path("", views.service, name="service"),
    path("$metadata", views.metadata, name="metadata"),
    re_path(r"^(?P<name>[A-Za-z]+)(?P<rest>\(.*)?$", views.collection, name="collection"),
]
