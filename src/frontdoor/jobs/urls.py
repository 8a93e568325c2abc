from django.urls import path

from . import views
from .kinds import KINDS_IN_URLS

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/cancel", views.job_cancel, name="cancel"),
    path("<int:pk>/download", views.job_download, name="download"),
] + [
    path(f"new/{key.replace('_', '-')}/", views.job_start, {"kind": key}, name=f"start_{key}")
    for key in KINDS_IN_URLS
]
