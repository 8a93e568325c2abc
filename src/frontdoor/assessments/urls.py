from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("referrals/<int:pk>/guidance/new/", views.guidance_new, name="guidance_new"),
    path("referrals/<int:pk>/new/", views.assessment_new, name="assessment_new"),
    path("referrals/<int:pk>/mappings/new/", views.mapping_new, name="mapping_new"),
    path(
        "referrals/<int:pk>/group-supervisions/new/", views.supervision_new, name="supervision_new"
    ),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/print/", views.assessment_print, name="assessment_print"),
    path("<int:pk>/visits/new/", views.assessment_visit, name="assessment_visit"),
    path("<int:pk>/child-voice/", views.assessment_voice, name="assessment_voice"),
    path(
        "<int:pk>/engagement/<int:see_pk>/",
        views.assessment_engagement,
        name="assessment_engagement",
    ),
    path("<int:pk>/outcome/", views.assessment_conclude, name="assessment_conclude"),
    path("<int:pk>/sign-off/", views.assessment_signoff, name="assessment_signoff"),
    path("mappings/<int:pk>/", views.mapping_detail, name="mapping_detail"),
    path("mappings/<int:pk>/edit/", views.mapping_edit, name="mapping_edit"),
    path("mappings/<int:pk>/safety-plan/", views.safety_plan, name="safety_plan"),
    path("group-supervisions/<int:pk>/", views.supervision_detail, name="supervision_detail"),
    path("group-supervisions/<int:pk>/decision/", views.supervision_edit, name="supervision_edit"),
    # Last, so the access matrix builds its objects for the assessment pages first.
    path("guidance/<int:pk>/", views.guidance_detail, name="guidance_detail"),
    path("guidance/<int:pk>/edit/", views.guidance_edit, name="guidance_edit"),
]
