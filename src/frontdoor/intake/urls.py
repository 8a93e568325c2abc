from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("new/", views.contact_new, name="contact_new"),
    path("<int:pk>/", views.contact_detail, name="contact_detail"),
    path("submitted/", views.partner_home, name="partner_home"),
    path("submitted/<int:pk>/", views.partner_submission, name="partner_submission"),
    path("submit/", views.partner_submit, name="partner_submit"),
]
