from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<slug:key>.csv", views.figure_csv, name="figure_csv"),
    path("figures/<slug:key>/<str:row>/", views.drilldown, name="drilldown"),
]
