from django.urls import include, path

urlpatterns = [
    path("", include("frontdoor.core.urls")),
    path("", include("frontdoor.ops.urls")),
    path("jobs/", include("frontdoor.jobs.urls")),
    path("accounts/", include("frontdoor.accounts.urls")),
    path("people/", include("frontdoor.people.urls")),
    path("contacts/", include("frontdoor.intake.urls")),
    path("screening/", include("frontdoor.screening.urls")),
    path("child-protection/", include("frontdoor.child_protection.urls")),
    path("assessments/", include("frontdoor.assessments.urls")),
    path("allegations/", include("frontdoor.allegations.urls")),
    path("police/", include("frontdoor.police.urls")),
    path("out-of-hours/", include("frontdoor.out_of_hours.urls")),
    path("exploitation/", include("frontdoor.exploitation.urls")),
    path("early-help/", include("frontdoor.earlyhelp.urls")),
    path("reports/", include("frontdoor.reporting.urls")),
    path("administration/api-tokens/", include("frontdoor.api.urls")),
    path("administration/", include("frontdoor.administration.urls")),
    path("api/v1/", include("frontdoor.api.api_urls")),
    path("sharing/", include("frontdoor.sharing.urls")),
    path("data-protection/", include("frontdoor.dataprotection.urls")),
]
