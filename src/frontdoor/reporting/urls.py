from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<slug:key>.csv", views.figure_csv, name="figure_csv"),
    path("figures/<slug:key>/<str:row>/", views.drilldown, name="drilldown"),
    path("returns/", views.returns, name="returns"),
    path("returns/health/", views.return_health, name="return_health"),
    path("returns/cin-census/", views.census_check, name="census_check"),
    path("returns/cin-census/download/", views.census_download, name="census_download"),
    path("returns/annex-a/download/", views.annex_a_download, name="annex_a_download"),
]
