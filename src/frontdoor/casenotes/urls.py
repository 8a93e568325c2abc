from django.urls import path

from . import views

app_name = "casenotes"
urlpatterns = [
    path("person/<int:pk>/", views.person_notes, name="person_notes"),
    path("person/<int:pk>/new/", views.note_new, name="new"),
    path("<int:pk>/", views.note_detail, name="detail"),
    path("<int:pk>/edit/", views.note_edit, name="edit"),
    path("<int:pk>/amend/", views.note_amend, name="amend"),
]
