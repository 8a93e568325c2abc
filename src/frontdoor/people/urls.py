from django.urls import path

from . import family_views, identifier_views, views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.person_create, name="create"),
    path("seals/review/", views.seal_review_list, name="seal_review_list"),
    path("no-nhs-number/", identifier_views.missing_identifiers, name="missing_identifiers"),
    path("seals/<int:pk>/review/", views.seal_review, name="seal_review"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/who-viewed/", views.who_viewed, name="who_viewed"),
    path("<int:pk>/access/", views.access_list, name="access_list"),
    path("<int:pk>/correct/", views.person_correct, name="correct"),
    path("<int:pk>/address/", views.address_change, name="address_change"),
    path("<int:pk>/nhs-number/", identifier_views.identifier_record, name="identifier"),
    path("<int:pk>/seal/", views.person_seal, name="seal"),
    path("<int:pk>/unseal/", views.person_unseal, name="unseal"),
    path("<int:pk>/family/", family_views.family, name="family"),
    path("<int:pk>/family/household/", family_views.household_start, name="household_start"),
    path("<int:pk>/family/add/", family_views.member_add, name="family_member_add"),
    path("relationships/<int:pk>/end/", family_views.relationship_end, name="relationship_end"),
]
