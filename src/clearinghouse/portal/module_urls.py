from django.urls import path

from . import views

app_name = "modules"

urlpatterns = [
    path("", views.module_list, name="list"),
    path("<slug:slug>/", views.module_detail, name="detail"),
]
