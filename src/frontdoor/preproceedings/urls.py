from django.urls import path

from . import views

app_name = "preproceedings"
urlpatterns = [
    path("referrals/<int:pk>/new/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/fgdm/", views.fgdm, name="fgdm"),
    path("<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/court/", views.court, name="court"),
]
