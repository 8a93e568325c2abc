from django.urls import path

from . import views

app_name = "printing"
urlpatterns = [
    path("contacts/<int:pk>/", views.contact_print, name="contact"),
    path("people/<int:person_id>/chronology/", views.chronology_print, name="chronology"),
    path("strategy-discussions/<int:pk>/", views.strategy_print, name="strategy"),
    path("icpc/<int:pk>/", views.icpc_print, name="icpc"),
    path("lado-meetings/<int:pk>/", views.lado_meeting_print, name="lado_meeting"),
]
