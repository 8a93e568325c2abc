"""Person search: identifiers exactly; names with typos, sound-alikes, nicknames and swaps; dates; postcodes."""

from datetime import date

import pytest

from frontdoor.people.selectors import person_likely_duplicates, person_search
from frontdoor.people.services import person_update

from .factories import make_child

pytestmark = pytest.mark.django_db


def names(results):
    return [r.person.full_name for r in results]


@pytest.fixture
def people(db):
    return {
        "john": make_child(
            "John",
            "Smith",
            date(2016, 2, 3),
            nhs_number="9434765919",
            address={"line1": "1 Elm Grove", "postcode": "DM1 2AB"},
        ),
        "jon": make_child("Jonathan", "Smithers", date(2012, 6, 1)),
        "william": make_child("William", "Taylor", date(2014, 7, 9), upn="B801200005001"),
        "katie": make_child(
            "Katherine",
            "Price",
            date(2017, 1, 20),
            address={"line1": "3 Vale Street", "postcode": "DM9 4XY"},
        ),
        "other": make_child("Amelia", "Stone", date(2016, 2, 3)),
    }


def test_a_misspelt_name_finds_the_person(people, mash_worker):
    results = person_search(user=mash_worker, text="Jonh Smyth")
    assert names(results)[0] == "John Smith"
    assert "surname sounds alike" in results[0].reasons


def test_swapped_first_and_last_names_are_found(people, mash_worker):
    results = person_search(user=mash_worker, text="Smith John")
    assert names(results)[0] == "John Smith"
    assert "first and last names swapped" in results[0].reasons


def test_nicknames_are_found(people, mash_worker):
    results = person_search(user=mash_worker, text="Bill Taylor")
    assert names(results) == ["William Taylor"]
    assert "first name is a known nickname" in results[0].reasons
    assert names(person_search(user=mash_worker, text="Katie Price")) == ["Katherine Price"]


def test_exact_match_ranks_above_sound_alikes(people, mash_worker):
    make_child("John", "Smyth", date(2015, 1, 1))
    results = person_search(user=mash_worker, text="John Smith")
    assert names(results)[:2] == ["John Smith", "John Smyth"]
    assert results[0].score > results[1].score


def test_nhs_number_and_upn_are_matched_exactly(people, mash_worker):
    assert names(person_search(user=mash_worker, text="943 476 5919")) == ["John Smith"]
    assert names(person_search(user=mash_worker, text="b801200005001")) == ["William Taylor"]
    assert person_search(user=mash_worker, text="943 476 5918") == []


def test_date_of_birth_exact_and_range(people, mash_worker):
    assert sorted(names(person_search(user=mash_worker, dob=date(2016, 2, 3)))) == [
        "Amelia Stone",
        "John Smith",
    ]
    found = person_search(user=mash_worker, dob_from=date(2014, 1, 1), dob_to=date(2016, 12, 31))
    assert sorted(names(found)) == ["Amelia Stone", "John Smith", "William Taylor"]
    assert names(person_search(user=mash_worker, text="Smith", dob=date(2016, 2, 3))) == [
        "John Smith"
    ]


def test_postcode_search_ignores_spacing_and_case(people, mash_worker):
    assert names(person_search(user=mash_worker, postcode="dm94xy")) == ["Katherine Price"]


def test_previous_names_are_searched(people, mash_worker):
    person_update(actor=mash_worker, person=people["other"], last_name="Brook")
    results = person_search(user=mash_worker, text="Amelia Stone")
    assert names(results) == ["Amelia Brook"]
    assert "matched a previous or other name" in results[0].reasons


def test_unrelated_names_are_not_returned(people, mash_worker):
    assert person_search(user=mash_worker, text="Zebedee Quartermaine") == []


def test_a_partner_finds_nobody(people, police_partner):
    assert person_search(user=police_partner, text="John Smith") == []


def test_likely_duplicates_are_found_before_creation(people, mash_worker):
    dupes = person_likely_duplicates(
        user=mash_worker, first_name="Jon", last_name="Smith", date_of_birth=date(2016, 2, 3)
    )
    assert names(dupes)[0] == "John Smith"
    assert "same date of birth" in dupes[0].reasons


def test_search_page_shows_the_reason_for_each_match(people, as_user, mash_worker):
    body = as_user(mash_worker).get("/people/", {"q": "Jonh Smyth"}).content.decode()
    assert "John Smith" in body and "surname sounds alike" in body


def test_search_page_explains_an_empty_search(as_user, mash_worker):
    body = as_user(mash_worker).get("/people/", {"q": ""}).content.decode()
    assert "Enter a name, NHS number, UPN, date of birth or postcode to search" in body


def test_transposed_letters_are_found(people, mash_worker):
    make_child("Katie", "Thompson", date(2013, 3, 3))
    results = person_search(user=mash_worker, text="Ktaie Thopmson")
    assert names(results) == ["Katie Thompson"]
    assert "surname spelt similarly" in results[0].reasons
