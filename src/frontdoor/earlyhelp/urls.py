from django.urls import path

from . import views

app_name = "earlyhelp"
urlpatterns = [
    path("", views.home, name="home"),
    path("step-downs/<int:pk>/", views.stepdown_detail, name="stepdown_detail"),
    path("step-downs/<int:pk>/accept/", views.stepdown_accept, name="stepdown_accept"),
    path("step-downs/<int:pk>/decline/", views.stepdown_decline, name="stepdown_decline"),
    path("episodes/<int:pk>/", views.episode_detail, name="episode_detail"),
    path("episodes/<int:pk>/assessment/", views.episode_assessment, name="episode_assessment"),
    path("episodes/<int:pk>/end/", views.episode_end, name="episode_end"),
    path("episodes/<int:pk>/step-up/", views.episode_step_up, name="episode_step_up"),
]
