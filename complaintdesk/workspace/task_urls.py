from django.urls import path

from .views import tasks as views

app_name = "tasks"

urlpatterns = [
    path("", views.task_queue_page, name="queue"),
    path("<int:pk>/done/", views.task_close, {"how": "done"}, name="done"),
    path("<int:pk>/cancel/", views.task_close, {"how": "cancel"}, name="cancel"),
]
