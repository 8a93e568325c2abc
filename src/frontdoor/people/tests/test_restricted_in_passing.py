"""A sealed person shown in passing on another person's page (household, relationships, siblings)
reads "Restricted record", without name or date of birth, to anyone not on their access list; and
search results are audited as a list of the people shown."""

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import PersonAccess
from frontdoor.people.selectors import household_of
from frontdoor.people.services import person_seal

from .factories import make_siblings

pytestmark = pytest.mark.django_db


def test_a_sealed_sibling_is_restricted_on_the_brothers_and_sisters_page(as_user, mash_worker):
    mother, older, younger = make_siblings("Stewart")
    person_seal(actor=None, person=younger, reason="Adoption placement")
    response = as_user(mash_worker).get(f"/people/{older.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mary Stewart" in html  # the unsealed mother is shown as before
    assert "Ben Stewart" not in html and "12 September 2018" not in html
    assert html.count("Restricted record") == 1
    assert f'href="/people/{younger.pk}/"' not in html


def test_someone_on_the_access_list_sees_the_sealed_sibling(as_user, mash_worker):
    mother, older, younger = make_siblings("Stewart")
    person_seal(actor=None, person=younger, reason="Adoption placement")
    PersonAccess.objects.create(person=younger, user=mash_worker, granted_at=timezone.now())
    html = as_user(mash_worker).get(f"/people/{older.pk}/").content.decode()
    assert "Ben Stewart" in html and "12 September 2018" in html
    assert "Restricted record" not in html


def test_search_results_are_audited_as_a_list_of_the_people_shown(as_user, mash_worker):
    mother, older, younger = make_siblings("Stewart")
    person_seal(actor=None, person=younger, reason="Adoption placement")
    response = as_user(mash_worker).get("/people/?q=Stewart")
    html = response.content.decode()
    assert response.status_code == 200 and "Amy Stewart" in html and "Ben Stewart" not in html
    listed = AuditEvent.objects.get(actor=mash_worker, action="list", record_type="person_search")
    assert listed.detail == {"person_ids": sorted([mother.pk, older.pk])}
    assert listed.record_id == "2 shown"


def test_household_of_leaves_out_sealed_people_unless_the_page_will_mask_them(mash_worker):
    mother, older, younger = make_siblings("Stewart")
    person_seal(actor=None, person=younger, reason="Adoption placement")
    shown = household_of(user=mash_worker, person=older)
    assert [m.person for m in shown] == [mother]
    masked = household_of(user=mash_worker, person=older, include_restricted=True)
    assert [m.person for m in masked] == [younger, mother]
