"""One-time tokens: the same contact or partner concern form posted twice makes one record."""

import pytest

from frontdoor.intake.models import Contact
from frontdoor.people.tests.factories import make_child

from .test_contacts import post_data
from .test_partner import FORM

pytestmark = pytest.mark.django_db


def test_a_contact_form_posted_twice_records_one_contact(as_user, mash_worker):
    child = make_child()
    client = as_user(mash_worker)
    data = post_data([child], received_at_day="1", received_at_month="11") | {
        "form_token": "contact-token-1"
    }
    first = client.post(f"/contacts/new/?person={child.pk}", data)
    second = client.post(f"/contacts/new/?person={child.pk}", data)
    contact = Contact.objects.get()
    assert first.status_code == 302 and second.status_code == 302
    assert first.url == second.url == f"/contacts/{contact.pk}/"
    assert contact.children.count() == 1


def test_two_sends_of_a_two_child_contact_make_one_contact_not_four(as_user, mash_worker):
    from frontdoor.people.tests.factories import make_siblings

    _, amy, ben = make_siblings()
    client = as_user(mash_worker)
    data = post_data([amy, ben], received_at_day="1", received_at_month="11") | {
        "form_token": "contact-token-2"
    }
    client.post(f"/contacts/new/?person={amy.pk}", data)
    client.post(f"/contacts/new/?person={amy.pk}", data)
    assert Contact.objects.count() == 1
    assert Contact.objects.get().children.count() == 2


def test_a_partner_concern_posted_twice_makes_one_contact(as_user, police_partner):
    client = as_user(police_partner)
    data = FORM | {"form_token": "partner-token-1"}
    first = client.post("/contacts/submit/", data)
    second = client.post("/contacts/submit/", data)
    assert Contact.objects.count() == 1
    assert second.url == first.url == f"/contacts/submitted/{Contact.objects.get().pk}/"


def test_a_contact_form_without_a_token_is_refused_and_nothing_saved(as_user, mash_worker):
    from django.test import Client

    child = make_child()
    client = Client()
    client.force_login(mash_worker)
    response = client.post(f"/contacts/new/?person={child.pk}", post_data([child]))
    assert response.status_code == 400 and not Contact.objects.exists()
