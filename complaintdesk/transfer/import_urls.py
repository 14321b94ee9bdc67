"""/imports/…: historical complaints brought in from another system's files."""

from django.urls import path

from . import import_views

app_name = "imports"

urlpatterns = [
    path("", import_views.import_list, name="list"),
    path("<int:pk>/", import_views.import_run, name="run"),
    path("<int:pk>/progress/", import_views.import_progress, name="progress"),
    path("<int:pk>/problems.csv", import_views.import_problems_csv, name="problems"),
    path("<int:pk>/import/", import_views.import_run_again, name="again"),
]
