from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("people/<int:person_id>/", views.person_letters, name="person"),
    path("people/<int:person_id>/new/", views.letter_new, name="new"),
    path("<int:pk>/", views.letter_detail, name="detail"),
    path("<int:pk>/pdf/", views.letter_pdf, name="pdf"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
]
