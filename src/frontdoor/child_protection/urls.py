from django.urls import path

from . import views

app_name = "child_protection"
urlpatterns = [
    path("", views.home, name="home"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/strategy-discussions/new/", views.strategy_new, name="strategy_new"),
    path("strategy-discussions/<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("strategy-discussions/<int:pk>/edit/", views.strategy_edit, name="strategy_edit"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("s47/<int:pk>/", views.s47_detail, name="s47_detail"),
    path("s47/<int:pk>/findings/", views.s47_findings, name="s47_findings"),
    path("s47/<int:pk>/icpc/", views.icpc_new, name="icpc_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/review/", views.plan_review, name="plan_review"),
    path("plans/<int:pk>/end/", views.plan_end, name="plan_end"),
]
