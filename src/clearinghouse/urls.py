from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from clearinghouse.api.urls import api, explorer
from clearinghouse.core import urls as core_urls
from clearinghouse.core.views import api_docs
from clearinghouse.portal import urls as portal_urls

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    # The portal's pages (home, country pages) keep the names they had in core (core:home, ...).
    path("", include((portal_urls.urlpatterns + core_urls.urlpatterns, "core"))),
    path("", include(portal_urls)),
    path("accounts/", include("clearinghouse.accounts.urls")),
    path("records/", include("clearinghouse.knowledge.urls")),
    path("search/", include("clearinghouse.search.urls")),
    path("notices/", include("clearinghouse.alerts.urls")),
    path("marketplace/", include("clearinghouse.matchmaking.urls")),
    path("discussions/", include("clearinghouse.forums.urls")),
    path("partnerships/", include("clearinghouse.partnerships.urls")),
    path("meetings/", include("clearinghouse.meetings.urls")),
    path("decisions/", include("clearinghouse.decisions.urls")),
    path("notifications/", include("clearinghouse.notifications.urls")),
    path("reports/", include("clearinghouse.reporting.urls")),
    path("national-reports/", include("clearinghouse.joint.urls")),
    path("modules/", include("clearinghouse.portal.module_urls")),
    path("mail/anymail/", include("anymail.urls")),
    path("api/v1/docs/explorer", explorer, name="api-explorer"),
    path("api/v1/", api.urls),
    path("api/informea/v1/", include("clearinghouse.informea.urls")),
    path("api/", api_docs, name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
