from django.urls import path

from . import views
from .feeds import DiscussionFeed, ThreadFeed

app_name = "forums"

urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.discussion_create, name="create"),
    path("mail/", views.inbound_list, name="inbound"),
    path("mail/<int:pk>/", views.inbound_detail, name="inbound-detail"),
    path("mail/<int:pk>/reprocess/", views.inbound_reprocess_view, name="inbound-reprocess"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("posts/<uuid:uid>/", views.post_permalink, name="post"),
    path("posts/<uuid:uid>/edit/", views.post_edit, name="post-edit"),
    path("posts/<uuid:uid>/history/", views.post_history, name="post-history"),
    path("posts/<uuid:uid>/files/<int:pk>/", views.post_attachment, name="attachment"),
    path("posts/<uuid:uid>/<str:action>/", views.post_moderate, name="post-moderate"),
    path("flags/<int:pk>/resolve/", views.flag_resolve, name="flag-resolve"),
    path("<slug:slug>/", views.discussion_detail, name="discussion"),
    path("<slug:slug>/join/", views.discussion_join, name="join"),
    path("<slug:slug>/watch/", views.discussion_watch, name="watch"),
    path("<slug:slug>/statement/", views.discussion_statement, name="statement"),
    path("<slug:slug>/feed/", DiscussionFeed(), name="feed"),
    path("<slug:slug>/moderation/", views.moderation, name="moderation"),
    path("<slug:slug>/threads/new/", views.thread_create, name="thread-create"),
    path("<slug:slug>/synthesis/", views.synthesis, name="synthesis"),
    path("<slug:slug>/synthesis/start/", views.synthesis_start, name="synthesis-start"),
    path("<slug:slug>/synthesis/document.<str:fmt>", views.synthesis_document, name="synthesis-document"),
    path("<slug:slug>/<int:number>/", views.thread_detail, name="thread"),
    path("<slug:slug>/<int:number>/watch/", views.thread_watch, name="thread-watch"),
    path("<slug:slug>/<int:number>/feed/", ThreadFeed(), name="thread-feed"),
    path("<slug:slug>/<int:number>/<str:action>/", views.thread_moderate, name="thread-moderate"),
]
