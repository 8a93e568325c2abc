"""The URLs these tests need, without areas still being built by others in the same tree (an
unfinished area's urls.py must not break this area's tests). The real site includes the same
`frontdoor.allegations.urls` at the same prefix."""

from django.urls import include, path

urlpatterns = [
    path("", include("frontdoor.core.urls")),
    path("accounts/", include("frontdoor.accounts.urls")),
    path("audit/", include("frontdoor.audit.urls")),
    path("people/", include("frontdoor.people.urls")),
    path("contacts/", include("frontdoor.intake.urls")),
    path("allegations/", include("frontdoor.allegations.urls")),
]
