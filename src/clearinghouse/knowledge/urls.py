from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.record_list, name="list"),
    path("review/", views.review_queue, name="review-queue"),
    path("contribute/", views.contribute, name="contribute"),
    path("new/<slug:kind>/", views.record_create, name="create"),
    path("requests/new/", views.publishing_request, name="publishing-request"),
    path("shared/<str:token>/", views.shared_draft, name="shared"),
    path("communities/<int:pk>/access-log/", views.community_access_log, name="community-access-log"),
    path("<str:identifier>/", views.record_detail, name="record"),
    path("<str:identifier>/draft/", views.record_draft, name="record-draft"),
    path("<str:identifier>/edit/", views.record_edit, name="edit"),
    path("<str:identifier>/cancel/", views.record_cancel, name="cancel"),
    path("<str:identifier>/lease/", views.record_lease, name="lease"),
    path("<str:identifier>/take-over/", views.record_take_over, name="take-over"),
    path("<str:identifier>/do/<slug:action>/", views.record_action, name="action"),
    path("<str:identifier>/revisions/<int:number>/", views.record_revision, name="revision"),
    path("<str:identifier>/diff/", views.record_diff, name="diff"),
    path("<str:identifier>/files/<int:pk>/", views.attachment_download, name="attachment"),
]
