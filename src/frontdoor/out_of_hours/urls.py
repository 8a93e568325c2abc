from django.urls import path

from . import views as edt

app_name = "out_of_hours"
urlpatterns = [
    path("", edt.home, name="home"),
    path("new/", edt.record_new, name="new"),
    path("<int:pk>/", edt.detail, name="detail"),
    path("handovers/", edt.handovers, name="handovers"),
    path("<int:pk>/acknowledge/", edt.acknowledge, name="acknowledge"),
]
