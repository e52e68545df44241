from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("read/", views.notices_read, name="read"),
]
