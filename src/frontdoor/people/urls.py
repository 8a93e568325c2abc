from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/who-viewed/", views.who_viewed, name="who_viewed"),
    path("<int:pk>/access/", views.access_list, name="access_list"),
]
