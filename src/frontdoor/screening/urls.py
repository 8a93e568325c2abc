from django.urls import path

from . import views

app_name = "screening"
urlpatterns = [
    path("", views.trays, name="trays"),
    path("late/", views.late, name="late"),
    path("restricted/", views.restricted, name="restricted"),
    path("contact/<int:pk>/start/", views.contact_start, name="contact_start"),
    path("contact/<int:pk>/referrer/", views.referrer_update, name="referrer_update"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/take/", views.take, name="take"),
    path("<int:pk>/rag/", views.rag, name="rag"),
    path("<int:pk>/requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request_answer"),
    path("<int:pk>/consent/", views.consent, name="consent"),
    path("<int:pk>/consent/authorise/", views.consent_authorise, name="consent_authorise"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/siblings/", views.siblings, name="siblings"),
    path("<int:pk>/referral-nfa/", views.referral_nfa, name="referral_nfa"),
]
