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
