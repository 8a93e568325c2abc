from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("people/<int:person_id>/", views.person, name="person"),
    path("people/<int:person_id>/not-shared/", views.not_shared_new, name="not_shared_new"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_csv, name="report_csv"),
]
