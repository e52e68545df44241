from django.urls import path

from . import feeds, views

app_name = "partnerships"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<int:pk>/", views.member, name="member"),
    path("<slug:slug>/members/<int:pk>/leave/", views.leave, name="leave"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/requests/", views.requests, name="requests"),
    path("<slug:slug>/digest/", views.digest, name="digest"),
    path("<slug:slug>/activities/", views.activities, name="activities"),
    path("<slug:slug>/activities/new/", views.activity_new, name="activity_new"),
    path("<slug:slug>/activities/import/", views.activity_import, name="activity_import"),
    path("<slug:slug>/activities/feed/", feeds.ActivityFeed(), name="feed"),
    path("<slug:slug>/activities/export.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/activities/<str:public_id>/", views.activity, name="activity"),
    path("<slug:slug>/activities/<str:public_id>/edit/", views.activity_edit, name="activity_edit"),
    path("<slug:slug>/gaps/", views.gaps, name="gaps"),
    path("<slug:slug>/gaps/chart.svg", views.gaps_chart, name="gaps_chart"),
    path("<slug:slug>/gaps/unmatched/", views.unmatched, name="unmatched"),
    path("<slug:slug>/gaps/<str:element>/<str:place>/", views.gap_cell, name="gap_cell"),
    path("<slug:slug>/needs/new/", views.need_new, name="need_new"),
    path("<slug:slug>/overlaps/", views.overlaps, name="overlaps"),
    path("<slug:slug>/work-programme/", views.work_programme, name="work_programme"),
    path("<slug:slug>/founding-document/", views.founding_document, name="founding_document"),
]
