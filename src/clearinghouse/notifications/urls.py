from django.urls import path

from . import views
from .feeds import NotificationFeed, PersonalFeed

app_name = "notifications"

urlpatterns = [
    path("", views.index, name="list"),
    path("feed/", NotificationFeed(), name="feed"),
    path("staff/", views.staff, name="staff"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/follow/", views.follow, name="follow"),
    path("inbox/feed/<str:token>/", PersonalFeed(), name="personal-feed"),
    path("new/", views.notification_create, name="create"),
    path("<int:pk>/", views.notification_detail, name="detail"),
    path("<int:pk>/edit/", views.notification_edit, name="edit"),
    path("<int:pk>/translation/", views.translation_set, name="translation"),
    path("<int:pk>/attachments/", views.attachment_upload, name="attachment-add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/attachments/<int:attachment_pk>/remove/", views.attachment_remove, name="attachment-remove"),
    path("<int:pk>/links/", views.link_set, name="link"),
    path("<int:pk>/links/<int:link_pk>/remove/", views.link_remove, name="link-remove"),
    path("<int:pk>/calls/new/", views.call_create, name="call-create"),
    path("<int:pk>/<str:action>/", views.notification_action, name="action"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/close/", views.call_close, name="call-close"),
    path("calls/<int:pk>/tracker/", views.tracker, name="tracker"),
    path("calls/<int:pk>/reminders/", views.reminders_send, name="reminders"),
    path("calls/<int:pk>/compilation.<str:fmt>", views.compilation, name="compilation"),
    path("calls/<int:pk>/submission/", views.submission_edit, name="submission-edit"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("submissions/<int:pk>/files/<int:file_pk>/", views.submission_file, name="submission-file"),
    path("submissions/<int:pk>/files/<int:file_pk>/remove/", views.submission_file_remove,
         name="submission-file-remove"),
    path("submissions/<int:pk>/<str:action>/", views.submission_action, name="submission-action"),
]
