from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.performance, name="performance"),
    path("decide/", views.decide, name="decide"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
]
