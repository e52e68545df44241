from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.index, name="home"),
    path("mine/", views.my_marketplace, name="mine"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("needs/new/", views.post_create, {"kind": "need"}, name="need-create"),
    path("offers/new/", views.post_create, {"kind": "offer"}, name="offer-create"),
    path("needs/<str:public_id>/", views.post_detail, {"kind": "need"}, name="need"),
    path("offers/<str:public_id>/", views.post_detail, {"kind": "offer"}, name="offer"),
    path("needs/<str:public_id>/edit/", views.post_edit, {"kind": "need"}, name="need-edit"),
    path("offers/<str:public_id>/edit/", views.post_edit, {"kind": "offer"}, name="offer-edit"),
    path("needs/<str:public_id>/<str:action>/", views.post_action, {"kind": "need"}, name="need-action"),
    path("offers/<str:public_id>/<str:action>/", views.post_action, {"kind": "offer"}, name="offer-action"),
    path("providers/me/", views.provider_profile_edit, name="provider-edit"),
    path("providers/<int:pk>/", views.provider_profile, name="provider"),
    path("introductions/", views.introductions, name="introductions"),
    path("introductions/request/", views.introduction_request, name="introduction-request"),
    path("introductions/<int:pk>/", views.introduction_detail, name="introduction"),
    path("introductions/<int:intro_pk>/collaborate/", views.collaboration_create, name="collaboration-create"),
    path("conversations/<int:pk>/", views.conversation, name="conversation"),
    path("collaborations/<int:pk>/", views.collaboration_detail, name="collaboration"),
    path("collaborations/<int:pk>/summary/", views.collaboration_public, name="collaboration-public"),
    path("searches/save/", views.search_save, name="search-save"),
    path("searches/<int:pk>/delete/", views.search_delete, name="search-delete"),
    path("workshops/new/", views.workshop_open, name="workshop-open"),
    path("workshops/join/", views.workshop_join, name="workshop-join"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop"),
    path("workshops/<int:pk>/table/", views.workshop_table, name="workshop-table"),
    path("workshops/<int:pk>/matches.csv", views.wall_csv, name="workshop-csv"),
    path("workshops/<int:pk>/import/", views.workshop_import, name="workshop-import"),
    path("workshops/<int:pk>/close/", views.workshop_close, name="workshop-close"),
]
