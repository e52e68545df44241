from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.record_list, name="list"),
    path("review/", views.review_queue, name="review-queue"),
    path("<str:identifier>/", views.record_detail, name="record"),
    path("<str:identifier>/draft/", views.record_draft, name="record-draft"),
]
