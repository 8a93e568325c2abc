"""The import's batch statements (one array a column on PostgreSQL, a VALUES list elsewhere; the
same-name candidates joined as a list of name pairs) store and find exactly what one at a time
would."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.people.tests.factories import make_adult, make_child
from frontdoor.police.models import MatchStatus, NotificationChild, PoliceNotification

from .helpers import row, run_import

pytestmark = pytest.mark.django_db

AWKWARD = 'She said "no", {twice}; a\\b NULL it\'s é 𝄞\ttab'


def test_awkward_text_is_stored_exactly_as_written():
    run_import(
        [
            row("PPN-700", summary=AWKWARD, victim_name='Mary "M" O\'Neil, {x}'),
            row("PPN-700", "Ben", "NULL", "12/09/2018", child_school='St {Mark}\'s, "Upper"'),
            row("PPN-701", "Cara", "Lee", "02/02/2015", incident_type="other", dash_level=""),
        ]
    )
    first = PoliceNotification.objects.get(police_reference="PPN-700")
    assert first.summary == AWKWARD
    assert first.victim_name == 'Mary "M" O\'Neil, {x}'
    ben = NotificationChild.objects.get(first_name="Ben")
    assert (ben.last_name, ben.school, ben.row_number) == ("NULL", 'St {Mark}\'s, "Upper"', 3)
    assert ben.person_id is None
    assert ben.candidate_ids == []
    other = PoliceNotification.objects.get(police_reference="PPN-701")
    assert (other.incident_type, other.dash_level) == ("other", "")


def test_a_child_with_the_same_name_and_another_date_of_birth_is_offered_as_a_candidate():
    same_name = make_child("Ola", "Nowak", date(2013, 6, 1))
    make_adult("Ola", "Nowak", date(1990, 6, 1))  # an adult is never a candidate
    other = make_child("Ola", "Nowakowska", date(2012, 1, 1))  # another name
    run_import(
        [
            row("PPN-710", "Ola", "Nowak", "04/04/2014"),
            row("PPN-710", "Iga", "Nowak", "05/05/2016"),
        ]
    )
    ola = NotificationChild.objects.get(first_name="Ola")
    assert ola.match_status == MatchStatus.AWAITING_REVIEW
    assert ola.candidate_ids == [same_name.pk]
    assert ola.match_note == "Possible matches in the people index: check before linking"
    iga = NotificationChild.objects.get(first_name="Iga")
    assert iga.candidate_ids == []
    assert iga.match_note == "No match in the people index: check, then add the child"
    assert other.pk not in ola.candidate_ids


def test_each_notification_of_a_batch_gets_its_own_marac_reason():
    run_import(
        [
            row("PPN-720", incident_date="01/06/2026"),
            row("PPN-721", incident_date="01/08/2026", dash_level="high"),
            row("PPN-722", incident_date="01/10/2026"),
            row("PPN-723", victim_name="Jo Bloggs", dash_level="standard"),
        ]
    )
    reasons = dict(PoliceNotification.objects.values_list("police_reference", "marac_reason"))
    assert reasons == {
        "PPN-720": "",
        "PPN-721": "DASH high risk",
        "PPN-722": "3 incidents in 12 months for the same victim or household",
        "PPN-723": "",
    }
