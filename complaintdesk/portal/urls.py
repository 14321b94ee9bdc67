from django.urls import path

from .views import submit, track

app_name = "portal"

urlpatterns = [
    path("submit/", submit.submit_choose, name="submit_choose"),
    path("submit/<slug:organisation>/", submit.submit, name="submit"),
    path("submitted/<str:reference>/", submit.submitted, name="submitted"),
    path("track/", track.track_find, name="track_find"),
    path("track/<str:reference>/", track.track, name="track"),
    path("track/<str:reference>/write/", track.track_write, name="track_write"),
    path("track/<str:reference>/answer/", track.track_answer, name="track_answer"),
    path("track/<str:reference>/rate/", track.track_rate, name="track_rate"),
    path("track/<str:reference>/appeal/", track.track_appeal, name="track_appeal"),
    # Last: the link in our mails, whose second part is the code.
    path("track/<str:reference>/<str:code>/", track.track_link, name="track_link"),
]
