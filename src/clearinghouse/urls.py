from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from clearinghouse.api.urls import api
from clearinghouse.core.views import api_docs

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", include("clearinghouse.core.urls")),
    path("accounts/", include("clearinghouse.accounts.urls")),
    path("records/", include("clearinghouse.knowledge.urls")),
    path("search/", include("clearinghouse.search.urls")),
    path("notices/", include("clearinghouse.notifications.urls")),
    path("marketplace/", include("clearinghouse.matchmaking.urls")),
    path("discussions/", include("clearinghouse.forums.urls")),
    path("mail/anymail/", include("anymail.urls")),
    path("api/v1/", api.urls),
    path("api/", api_docs, name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
