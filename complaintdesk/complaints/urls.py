from django.urls import path

from .views import actions, pages, records

app_name = "complaints"

urlpatterns = [
    path("", pages.complaint_list, name="list"),
    path("<str:reference>/", pages.complaint_detail, name="detail"),
    path("<str:reference>/actions/<str:action>/", actions.complaint_action, name="action"),
    path("<str:reference>/notes/", actions.complaint_note, name="note"),
    path("<str:reference>/records/<str:kind>/", records.complaint_record, name="record"),
    path(
        "<str:reference>/attachments/<int:pk>/",
        actions.attachment_download,
        name="attachment",
    ),
]
