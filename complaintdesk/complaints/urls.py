from django.urls import path

from complaintdesk.authority.views import approval_decide_view
from complaintdesk.routing.views import complaint_route_view
from complaintdesk.sla.views import clock_extend_view

from .views import actions, pages, records

app_name = "complaints"

urlpatterns = [
    path("", pages.complaint_list, name="list"),
    path("<str:reference>/", pages.complaint_detail, name="detail"),
    path("<str:reference>/actions/<str:action>/", actions.complaint_action, name="action"),
    path("<str:reference>/notes/", actions.complaint_note, name="note"),
    path("<str:reference>/records/<str:kind>/", records.complaint_record, name="record"),
    path("<str:reference>/clocks/<int:clock_id>/extend/", clock_extend_view, name="clock_extend"),
    path(
        "<str:reference>/approvals/<int:request_id>/decide/",
        approval_decide_view,
        name="approval_decide",
    ),
    path("<str:reference>/route/", complaint_route_view, name="route"),
    path(
        "<str:reference>/attachments/<int:pk>/",
        actions.attachment_download,
        name="attachment",
    ),
]
