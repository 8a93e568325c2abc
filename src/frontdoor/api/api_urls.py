"""/api/v1/: the partner API (django-ninja), its OpenAPI 3.1 description and its readable docs."""

from django.urls import path

from . import views
from .endpoints import api

app_name = "api"
urlpatterns = [path("docs", views.docs, name="docs"), *api.urls[0]]
