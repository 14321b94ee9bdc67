from django.contrib import admin
from django.urls import include, path

from complaintdesk.analytics.views import landing
from complaintdesk.api.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Executives land on what reached the top, everyone else on the queue.
    path("", landing, name="home"),
    path("", include("complaintdesk.accounts.urls")),
    # The complainant's side, no login: /submit/ and /track/.
    path("", include("complaintdesk.portal.urls")),
    # Before the workspace's "complaints/<reference>/": "export" is not a reference.
    path("complaints/export/", include("complaintdesk.transfer.export_urls")),
    path("complaints/", include("complaintdesk.workspace.urls")),
    path("imports/", include("complaintdesk.transfer.import_urls")),
    path("notifications/", include("complaintdesk.workspace.inbox_urls")),
    path("tasks/", include("complaintdesk.workspace.task_urls")),
    path("incidents/", include("complaintdesk.workspace.incident_urls")),
    path("dashboard/", include("complaintdesk.analytics.urls")),
    path("prevention/", include("complaintdesk.prevention.urls")),
    path("people/", include("complaintdesk.people.urls")),
]
