"""/complaints/export/…: the queue as a file (included before the workspace's
/complaints/<reference>/, so that "export" is never read as a reference)."""

from django.urls import path

from . import export_views

app_name = "exports"

urlpatterns = [
    path("csv/", export_views.export_csv, name="csv"),
    path("xlsx/", export_views.export_xlsx, name="xlsx"),
]
