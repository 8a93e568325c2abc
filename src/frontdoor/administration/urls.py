from django.urls import path

from . import views

app_name = "administration"
urlpatterns = [
    path("", views.home, name="home"),
    path("users/", views.users, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path("roles/", views.roles, name="roles"),
    path("teams/", views.teams, name="teams"),
    path("teams/new/", views.team_new, name="team_new"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team_edit"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path(
        "organisations/<int:pk>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path("break-glass/", views.break_glass, name="break_glass"),
    path("break-glass/new/", views.break_glass_new, name="break_glass_new"),
    path("break-glass/end/", views.break_glass_end, name="break_glass_end"),
]
