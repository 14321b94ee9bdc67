from django.urls import path

from .views import incidents as views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/link/", views.incident_link_view, name="link"),
    path("<int:pk>/unlink/<str:reference>/", views.incident_unlink_view, name="unlink"),
    path("<int:pk>/run/", views.incident_run_view, name="run"),
    path("<int:pk>/resolve/", views.incident_resolve_view, name="resolve"),
]
