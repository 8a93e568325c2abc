"""Demo logins: one named MASH manager holds restricted records; a second designated officer exists
to authorise the first's allegation outcomes."""

import pytest

from frontdoor.demo.users import create_demo_users

pytestmark = pytest.mark.django_db


def test_the_named_mash_manager_holds_restricted_records_and_no_one_else_does():
    users = create_demo_users()
    holders = [u.username for u in users.values() if u.restricted_records_manager]
    assert holders == ["mash.manager"]
    assert users["mash.manager"].can("restricted_records")
    assert not users["mash.manager2"].can("restricted_records")


def test_it_is_idempotent_and_keeps_the_flag():
    create_demo_users()
    users = create_demo_users()
    assert users["mash.manager"].restricted_records_manager is True
    assert users["lado2"].can("allegations") and users["lado"].can("allegations")
    assert not users["admin"].can("allegations")


def test_partner_users_belong_to_their_organisation_once():
    create_demo_users()
    users = create_demo_users()
    from frontdoor.administration.models import PartnerOrganisation

    police = PartnerOrganisation.objects.get(name="Demoshire Police")
    assert police.agency == "police"
    assert [m.user.username for m in police.memberships.all()] == ["police.partner"]
    assert users["school.partner"].partner_membership.organisation.name == "Demoton Primary School"
    assert PartnerOrganisation.objects.count() == 2
