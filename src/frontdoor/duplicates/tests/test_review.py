"""The duplicate review through its pages: the batch pass finds pairs by blocking, a practitioner
marks "not the same person" (remembered) or proposes a merge, a manager merges after comparing
(value by value) and undoes it; refusals, stale pages, double submits, audit rows and sealed
records."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.duplicates.finding import find_duplicates
from frontdoor.duplicates.models import DuplicatePair, Merge, PairStatus
from frontdoor.people.access import visible_people
from frontdoor.people.matching import MatchFields
from frontdoor.people.models import Person
from frontdoor.people.selectors import person_match
from frontdoor.people.services import address_add, person_access_grant, person_seal
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db


def _pair() -> tuple[Person, Person, DuplicatePair]:
    a = make_child("Jessica", "Thompson", date(2015, 3, 4))
    b = make_child("Jess", "Thopmson", date(2015, 4, 3))
    find_duplicates()
    return a, b, DuplicatePair.objects.get(person_a=a, person_b=b)


def test_it_finds_likely_duplicates_with_the_evidence_and_not_siblings() -> None:
    a = make_child("Jessica", "Thompson", date(2015, 3, 4))
    b = make_child("Jess", "Thopmson", date(2015, 4, 3))
    make_child("Oliver", "Thompson", date(2015, 3, 4))  # a twin: same surname and birthday
    c = make_child("Maya", "Khan", date(2012, 1, 9), nhs_number="9434765919")
    d = make_child("Mya", "Kahn-Ali", date(2012, 9, 1), nhs_number="9434765919")
    result = find_duplicates()
    pairs = {(p.person_a_id, p.person_b_id): p for p in DuplicatePair.objects.all()}
    assert set(pairs) == {(a.pk, b.pk), (c.pk, d.pk)}
    jess = pairs[(a.pk, b.pk)]
    assert any("nickname" in reason for reason in jess.reasons_for)
    assert "date of birth day and month swapped" in jess.reasons_for
    assert "same NHS number" in pairs[(c.pk, d.pk)].reasons_for
    assert result.new_pairs == 2
    run = AuditEvent.objects.get(action="find_duplicates")
    assert run.detail["people"] == 5
    # Run again: nothing new.
    assert find_duplicates().new_pairs == 0


def test_it_skips_blocks_too_large_to_say_anything(settings: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("frontdoor.duplicates.finding.MAX_BLOCK", 2)
    for n in range(3):
        make_child(f"Sam{'x' * n}", "Jones", date(2015, 3, 4 + n))
    result = find_duplicates()
    assert result.skipped_blocks >= 1


def test_the_queue_lists_pairs_and_leaves_out_a_sealed_record_off_the_list(
    as_user: Any, mash_worker: User, mash_manager: User
) -> None:
    a, b, pair = _pair()
    sealed_a = make_child("Hidden", "Sibling", date(2016, 1, 2))
    sealed_b = make_child("Hiden", "Sibling", date(2016, 1, 2))
    find_duplicates()
    person_seal(actor=mash_manager, person=sealed_a, reason="Adoption", access=[mash_manager])
    page = as_user(mash_worker).get(reverse("duplicates:queue"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Jessica Thompson" in text and "Jess Thopmson" in text
    assert "Hidden" not in text and "Hiden" not in text
    listed = AuditEvent.objects.filter(action="list", record_type="duplicate_pair").last()
    assert sorted(listed.detail["person_ids"]) == sorted([a.pk, b.pk])
    # The manager on the access list sees it.
    assert (
        "Hiden Sibling" in as_user(mash_manager).get(reverse("duplicates:queue")).content.decode()
    )
    # And the pair page itself is refused (404, audited) to anyone off the list.
    hidden = DuplicatePair.objects.get(person_a=sealed_a)
    assert as_user(mash_worker).get(reverse("duplicates:pair", args=[hidden.pk])).status_code == 404
    assert sealed_b.pk != sealed_a.pk


def test_not_the_same_person_is_remembered_and_audited(as_user: Any, mash_worker: User) -> None:
    a, b, pair = _pair()
    page = as_user(mash_worker).get(reverse("duplicates:pair", args=[pair.pk]))
    assert "Evidence they are the same" in page.content.decode()
    response = as_user(mash_worker).post(
        reverse("duplicates:not_same", args=[pair.pk]), {"version": pair.version, "note": "Cousins"}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.decided_by, pair.note) == (
        PairStatus.NOT_SAME,
        mash_worker,
        "Cousins",
    )
    rows = AuditEvent.objects.filter(action="not_same_person", record_id=str(pair.pk))
    assert set(rows.values_list("person_id", flat=True)) == {a.pk, b.pk}
    assert find_duplicates().new_pairs == 0
    assert DuplicatePair.objects.get().status == PairStatus.NOT_SAME


def test_a_decision_on_a_stale_page_is_refused(
    as_user: Any, mash_worker: User, mash_worker2: User
) -> None:
    _a, _b, pair = _pair()
    as_user(mash_worker2).post(reverse("duplicates:propose", args=[pair.pk]), {"version": 1})
    response = as_user(mash_worker).post(
        reverse("duplicates:not_same", args=[pair.pk]), {"version": 1, "note": "typed"}
    )
    assert response.status_code == 409
    assert "after you opened the page" in response.content.decode()
    assert "typed" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == PairStatus.MERGE_PROPOSED
    assert AuditEvent.objects.filter(action="propose_merge").count() == 2


def _merge_data(pair: DuplicatePair, **extra: str) -> dict[str, Any]:
    return {
        "a_version": pair.person_a.version,
        "b_version": pair.person_b.version,
        "keep": "a",
        "reason": "Same child: the school confirmed",
        **extra,
    }


def test_a_manager_merges_choosing_each_value_and_undoes_it(
    as_user: Any, mash_manager: User, mash_worker: User
) -> None:
    a, b, pair = _pair()
    address_add(actor=None, person=b, line1="3 Mill Lane", postcode="DM1 4AB")
    client = as_user(mash_manager)
    form = client.get(reverse("duplicates:merge", args=[pair.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("duplicates:merge", args=[pair.pk]),
        _merge_data(pair, use_name="a", use_date_of_birth="b"),
    )
    merge = Merge.objects.get()
    assert response.url == reverse("duplicates:merge_detail", args=[merge.pk])
    a.refresh_from_db()
    assert (a.first_name, a.date_of_birth) == ("Jessica", date(2015, 4, 3))
    assert a.addresses.get().line1 == "3 Mill Lane"
    assert b.pk not in set(visible_people(mash_worker).values_list("pk", flat=True))
    # The merged record's name now finds the record kept.
    found = person_match(user=mash_worker, query=MatchFields.from_text("Jess Thopmson"))
    assert [r.person.pk for r in found] == [a.pk]
    audit = AuditEvent.objects.filter(action="merge", record_id=str(merge.pk))
    assert set(audit.values_list("person_id", flat=True)) == {a.pk, b.pk}
    assert audit.first().detail["taken"] == ["date_of_birth"]
    detail = client.get(reverse("duplicates:merge_detail", args=[merge.pk]))
    assert (
        "People.Address" in detail.content.decode() or "people.Address" in detail.content.decode()
    )
    undo = client.post(
        reverse("duplicates:undo", args=[merge.pk]),
        {"version": merge.version, "reason": "Two children after all"},
    )
    assert undo.status_code == 302
    a.refresh_from_db()
    assert a.date_of_birth == date(2015, 3, 4)
    assert b.addresses.get().line1 == "3 Mill Lane"
    assert AuditEvent.objects.filter(action="unmerge", record_id=str(merge.pk)).count() == 2
    # A second undo is refused with the reason.
    again = client.post(
        reverse("duplicates:undo", args=[merge.pk]), {"version": "", "reason": "again"}
    )
    assert again.status_code == 400
    assert "already been undone" in again.content.decode()


def test_a_double_submitted_merge_makes_one_merge(as_user: Any, mash_manager: User) -> None:
    _a, _b, pair = _pair()
    client = as_user(mash_manager)
    data = _merge_data(pair, use_name="a", use_date_of_birth="a", form_token="merge-token-1")
    first = client.post(reverse("duplicates:merge", args=[pair.pk]), data)
    second = client.post(reverse("duplicates:merge", args=[pair.pk]), data)
    assert first.status_code == second.status_code == 302
    assert Merge.objects.count() == 1


def test_a_merge_from_a_stale_comparison_is_refused(as_user: Any, mash_manager: User) -> None:
    a, _b, pair = _pair()
    data = _merge_data(pair, use_name="a", use_date_of_birth="a")
    a.first_name = "Jessie"
    a.version += 1
    a.save()
    response = as_user(mash_manager).post(reverse("duplicates:merge", args=[pair.pk]), data)
    assert response.status_code == 409
    assert not Merge.objects.exists()


def test_a_merge_is_refused_with_the_reason(as_user: Any, mash_manager: User) -> None:
    a = make_child("Leo", "Stewart", date(2014, 2, 2), nhs_number="9434765919")
    b = make_child("Leo", "Stewart", date(2014, 2, 2), nhs_number="9434765870")
    Person.objects.filter(pk__in=[a.pk, b.pk]).update(nhs_status="verified", nhs_verified_how="pds")
    pair = DuplicatePair.objects.create(
        person_a=a, person_b=b, score=80, found_at=a.created_at, found_by="test"
    )
    page = as_user(mash_manager).get(reverse("duplicates:merge", args=[pair.pk]))
    assert "different verified NHS numbers (9434765919 and 9434765870)" in page.content.decode()
    response = as_user(mash_manager).post(
        reverse("duplicates:merge", args=[pair.pk]), _merge_data(pair, use_nhs_number="a")
    )
    assert response.status_code == 400
    assert not Merge.objects.exists()
    # An unverified number may be a typo: the manager chooses, and its status comes with it.
    Person.objects.filter(pk=b.pk).update(nhs_status="unverified", nhs_verified_how="")
    pair.refresh_from_db()
    data = _merge_data(pair, use_nhs_number="a")
    response = as_user(mash_manager).post(reverse("duplicates:merge", args=[pair.pk]), data)
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.nhs_number, a.nhs_status) == ("9434765919", "verified")


def test_a_sealed_record_cannot_be_merged_into_one_that_is_not(
    as_user: Any, mash_manager: User
) -> None:
    a, b, pair = _pair()
    person_seal(actor=mash_manager, person=b, reason="Adoption", access=[mash_manager])
    response = as_user(mash_manager).post(
        reverse("duplicates:merge", args=[pair.pk]),
        _merge_data(pair, use_name="a", use_date_of_birth="a"),
    )
    assert response.status_code == 400
    assert "Keep the sealed record" in response.content.decode()
    # Keeping the sealed record is allowed.
    b.refresh_from_db()
    data = _merge_data(pair, keep="b", use_name="b", use_date_of_birth="b")
    data["b_version"] = b.version
    assert (
        as_user(mash_manager).post(reverse("duplicates:merge", args=[pair.pk]), data).status_code
        == 302
    )
    assert Person.objects.get(pk=a.pk).merged_into_id == b.pk


def test_practitioners_cannot_merge(as_user: Any, mash_worker: User) -> None:
    _a, _b, pair = _pair()
    response = as_user(mash_worker).post(
        reverse("duplicates:merge", args=[pair.pk]), _merge_data(pair, use_name="a")
    )
    assert response.status_code == 403
    assert not Merge.objects.exists()


def test_a_sealed_sibling_on_the_list_opens_for_those_listed(
    as_user: Any, mash_manager: User, mash_worker: User
) -> None:
    a, b, pair = _pair()
    person_seal(actor=mash_manager, person=a, reason="Refuge", access=[mash_manager])
    person_access_grant(actor=mash_manager, person=a, user=mash_worker)
    assert as_user(mash_worker).get(reverse("duplicates:pair", args=[pair.pk])).status_code == 200


def test_an_undo_from_a_stale_page_is_refused(as_user: Any, mash_manager: User) -> None:
    _a, _b, pair = _pair()
    as_user(mash_manager).post(
        reverse("duplicates:merge", args=[pair.pk]),
        _merge_data(pair, use_name="a", use_date_of_birth="a"),
    )
    merge = Merge.objects.get()
    opened = merge.version
    Merge.objects.filter(pk=merge.pk).update(version=opened + 1)
    response = as_user(mash_manager).post(
        reverse("duplicates:undo", args=[merge.pk]), {"version": opened, "reason": "typed"}
    )
    assert response.status_code == 409
    assert "typed" in response.content.decode()
    assert Merge.objects.get().undone_at is None


def test_a_pair_marked_not_the_same_is_not_merged_from_the_queue(
    as_user: Any, mash_manager: User, mash_worker: User
) -> None:
    _a, _b, pair = _pair()
    as_user(mash_worker).post(reverse("duplicates:not_same", args=[pair.pk]), {"version": 1})
    page = as_user(mash_manager).get(reverse("duplicates:merge", args=[pair.pk]))
    assert "marked as not the same person" in page.content.decode()
    pair.refresh_from_db()
    response = as_user(mash_manager).post(
        reverse("duplicates:merge", args=[pair.pk]),
        _merge_data(pair, use_name="a", use_date_of_birth="a"),
    )
    assert response.status_code == 400
    assert not Merge.objects.exists()


def test_the_pages_carry_the_version_they_were_opened_with(as_user: Any, mash_worker: User) -> None:
    _a, _b, pair = _pair()
    page = as_user(mash_worker).get(reverse("duplicates:pair", args=[pair.pk])).content.decode()
    assert f'name="version" value="{pair.version}"' in page
