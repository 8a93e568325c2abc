from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("unallocated/", views.unallocated, name="unallocated"),
    path("caseloads/", views.caseloads, name="caseloads"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/allocate/", views.referral_allocate, name="referral_allocate"),
    path("referrals/<int:pk>/close/", views.referral_close, name="referral_close"),
    path("early-help/<int:pk>/allocate/", views.episode_allocate, name="episode_allocate"),
    path("allegations/<int:pk>/allocate/", views.allegation_allocate, name="allegation_allocate"),
    path("people/<int:person_id>/lead-practitioners/new/", views.lead_add, name="lead_add"),
    path("lead-practitioners/<int:pk>/end/", views.lead_end, name="lead_end"),
]
