from django.urls import path

from . import views

app_name = "allegations"
urlpatterns = [
    path("", views.home, name="home"),
    path("consultations/new/", views.consultation_new, name="consultation_new"),
    path("referrals/new/", views.referral_new, name="referral_new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/children/", views.child_add, name="child_add"),
    path(
        "<int:pk>/initial-consideration/", views.initial_consideration, name="initial_consideration"
    ),
    path("<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/outcome/decide/", views.outcome_decide, name="outcome_decide"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/feedback/", views.meeting_feedback, name="meeting_feedback"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("people/", views.subjects, name="subjects"),
    path("people/<int:pk>/", views.subject_detail, name="subject_detail"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_csv, name="report_csv"),
]
