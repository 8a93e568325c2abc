"""The administrator's API token pages, under /administration/api-tokens/."""

from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("new", views.token_new, name="new"),
    path("<int:token_id>/", views.token_detail, name="detail"),
    path("<int:token_id>/scopes", views.token_scopes, name="scopes"),
    path("<int:token_id>/revoke", views.token_revoke, name="revoke"),
]
