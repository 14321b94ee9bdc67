from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.dashboard_export, name="export"),
    path("executive/", views.executive, name="executive"),
    path("read/<str:reference>/", views.executive_read, name="read"),
    path("subscriptions/", views.report_subscription, name="subscription"),
    path("returns/<str:kind>.xlsx", views.regulator_return, name="return"),
]
