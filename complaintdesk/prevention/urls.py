from django.urls import path

from . import views

app_name = "prevention"
urlpatterns = [
    path("", views.capa_list, name="list"),
    path("<int:pk>/", views.capa_detail, name="detail"),
    path("<int:pk>/<str:step>/", views.capa_step, name="step"),
]
