from django.urls import path

from . import views

app_name = "visits"
urlpatterns = [
    path("overdue/", views.overdue, name="overdue"),
    path("referrals/<int:pk>/cin-plan/new/", views.cin_plan_new, name="cin_plan_new"),
    path("cin-plans/<int:pk>/", views.cin_plan_detail, name="cin_plan_detail"),
    path("cin-plans/<int:pk>/review/", views.cin_plan_review, name="cin_plan_review"),
    path("cin-plans/<int:pk>/end/", views.cin_plan_end, name="cin_plan_end"),
    path("cin-plans/<int:pk>/visits/new/", views.cin_visit_new, name="cin_visit_new"),
    path("cp-plans/<int:pk>/", views.cp_visits, name="cp_visits"),
    path("cp-plans/<int:pk>/visits/new/", views.cp_visit_new, name="cp_visit_new"),
]
