from django.urls import path

from . import views

app_name = "dataprotection"
urlpatterns = [
    path("", views.review, name="review"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("people/<int:person_id>/legal-hold/", views.hold_place, name="hold_place"),
    path("people/<int:person_id>/legal-hold/release/", views.hold_release, name="hold_release"),
    path("people/<int:person_id>/subject-access/", views.subject_access, name="subject_access"),
]
