from django.urls import path

from . import views

app_name = "protection"
urlpatterns = [
    path("", views.home, name="home"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/strategy-discussions/new/", views.strategy_new, name="strategy_new"),
    path("referrals/<int:pk>/guidance/new/", views.guidance_new, name="guidance_new"),
    path("referrals/<int:pk>/assessments/new/", views.assessment_new, name="assessment_new"),
    path("referrals/<int:pk>/mappings/new/", views.mapping_new, name="mapping_new"),
    path(
        "referrals/<int:pk>/group-supervisions/new/", views.supervision_new, name="supervision_new"
    ),
    path("strategy-discussions/<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("s47/<int:pk>/", views.s47_detail, name="s47_detail"),
    path("s47/<int:pk>/findings/", views.s47_findings, name="s47_findings"),
    path("s47/<int:pk>/icpc/", views.icpc_new, name="icpc_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/review/", views.plan_review, name="plan_review"),
    path("plans/<int:pk>/end/", views.plan_end, name="plan_end"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/print/", views.assessment_print, name="assessment_print"),
    path("assessments/<int:pk>/visits/new/", views.assessment_visit, name="assessment_visit"),
    path("assessments/<int:pk>/child-voice/", views.assessment_voice, name="assessment_voice"),
    path(
        "assessments/<int:pk>/engagement/<int:see_pk>/",
        views.assessment_engagement,
        name="assessment_engagement",
    ),
    path("assessments/<int:pk>/outcome/", views.assessment_conclude, name="assessment_conclude"),
    path("assessments/<int:pk>/sign-off/", views.assessment_signoff, name="assessment_signoff"),
    path("mappings/<int:pk>/", views.mapping_detail, name="mapping_detail"),
    path("mappings/<int:pk>/safety-plan/", views.safety_plan, name="safety_plan"),
    path("group-supervisions/<int:pk>/", views.supervision_detail, name="supervision_detail"),
]
