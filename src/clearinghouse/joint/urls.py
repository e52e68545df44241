from django.urls import path

from . import views

app_name = "joint"

urlpatterns = [
    path("", views.index, name="index"),
    path("questions/<int:pk>/", views.question, name="question"),
    path("compare/", views.compare, name="compare"),
    path("report/<str:number>.<str:fmt>", views.report_document, name="document"),
    path("cycles/<str:convention>/<slug:code>/", views.cycle, name="cycle"),
    path("<str:code>/", views.country, name="country"),
]
