from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="list"),
    path("calendar.ics", views.calendar_feed, name="feed"),
    path("calendar/<str:convention>.ics", views.calendar_feed, name="feed-convention"),
    path("my/", views.my_meetings, name="mine"),
    path("my/<str:key>.ics", views.personal_feed, name="personal-feed"),
    path("new/", views.meeting_create, name="create"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("registrations/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.meeting_edit, name="edit"),
    path("<slug:slug>/meeting.ics", views.meeting_ics, name="ics"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/sessions/new/", views.session_create, name="session-create"),
    path("<slug:slug>/sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("<slug:slug>/sessions/<int:pk>/register/", views.register, name="session-register"),
    path("<slug:slug>/sessions/<int:pk>.ics", views.session_ics, name="session-ics"),
    path("<slug:slug>/agenda/new/", views.agenda_item_create, name="agenda-create"),
    path("<slug:slug>/documents/new/", views.document_create, name="document-create"),
    path("<slug:slug>/documents/<int:pk>/versions/new/", views.document_version_create, name="version-create"),
    path("<slug:slug>/files/<int:pk>/", views.document_file, name="file"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/nominate/", views.nominate, name="nominate"),
    path("<slug:slug>/nominations/", views.nominations, name="nominations"),
]
