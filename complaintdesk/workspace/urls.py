from django.urls import path

from .views import (
    actions,
    approvals,
    capture,
    clocks,
    complainants,
    incidents,
    letters,
    pages,
    queue,
    records,
    replies,
    routing,
    tasks,
    triage,
)

app_name = "complaints"

urlpatterns = [
    path("", queue.complaint_list, name="list"),
    path("views/counts/", queue.queue_view_counts, name="view_counts"),
    path("bulk/", queue.queue_bulk, name="bulk"),
    path("views/", queue.saved_queue_create, name="saved_queue_create"),
    path("views/<int:pk>/delete/", queue.saved_queue_remove, name="saved_queue_remove"),
    # Before "<reference>/": "new" is a page, not a reference.
    path("new/", capture.complaint_new, name="new"),
    path("new/complainants/", capture.complainant_lookup, name="complainant_lookup"),
    path("new/triage/", triage.capture_triage, name="capture_triage"),
    path("new/complainants/<int:pk>/", capture.complainant_pick, name="complainant_pick"),
    path("<str:reference>/", pages.complaint_detail, name="detail"),
    path("<str:reference>/actions/<str:action>/", actions.complaint_action, name="action"),
    path("<str:reference>/notes/", actions.complaint_note, name="note"),
    path("<str:reference>/records/<str:kind>/", records.complaint_record, name="record"),
    path(
        "<str:reference>/clocks/<int:clock_id>/extend/",
        clocks.clock_extend_view,
        name="clock_extend",
    ),
    path(
        "<str:reference>/extensions/<int:request_id>/decide/",
        clocks.extension_decide_view,
        name="extension_decide",
    ),
    path(
        "<str:reference>/approvals/<int:request_id>/decide/",
        approvals.approval_decide_view,
        name="approval_decide",
    ),
    path("<str:reference>/route/", routing.complaint_route_view, name="route"),
    path("<str:reference>/triage/", triage.complaint_triage_answer, name="triage_answer"),
    path("<str:reference>/triage/again/", triage.complaint_triage_again, name="triage_again"),
    path("<str:reference>/tasks/", tasks.complaint_task_ask, name="task_ask"),
    path("<str:reference>/incident/", incidents.complaint_incident_link, name="incident_link"),
    path("<str:reference>/letters/new/", letters.letter_compose, name="letter_compose"),
    path("<str:reference>/reply/", replies.reply_compose, name="reply"),
    path("<str:reference>/letters/<int:pk>/pdf/", letters.letter_pdf, name="letter_pdf"),
    path(
        "<str:reference>/complainant/",
        complainants.complainant_edit,
        name="complainant_edit",
    ),
    path(
        "<str:reference>/identity/",
        pages.complainant_identity_reveal,
        name="identity_reveal",
    ),
    path(
        "<str:reference>/attachments/<int:pk>/",
        actions.attachment_download,
        name="attachment",
    ),
]
