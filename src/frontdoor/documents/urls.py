from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("people/<int:person_id>/", views.person_documents, name="person"),
    path("people/<int:person_id>/new/", views.person_document_new, name="person_new"),
    path("contacts/<int:pk>/", views.contact_documents, name="contact"),
    path("contacts/<int:pk>/new/", views.contact_document_new, name="contact_new"),
    path("assessments/<int:pk>/", views.assessment_documents, name="assessment"),
    path("assessments/<int:pk>/new/", views.assessment_document_new, name="assessment_new"),
    path("allegations/<int:pk>/", views.allegation_documents, name="allegation"),
    path("allegations/<int:pk>/new/", views.allegation_document_new, name="allegation_new"),
    path("<int:pk>/download/", views.download, name="download"),
]
