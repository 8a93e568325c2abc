from django.urls import path

from . import views

app_name = "duplicates"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.pair, name="pair"),
    path("<int:pk>/not-same/", views.not_same, name="not_same"),
    path("<int:pk>/propose/", views.propose, name="propose"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("merges/<int:pk>/", views.merge_detail, name="merge_detail"),
    path("merges/<int:pk>/undo/", views.undo, name="undo"),
]
