"""Service contracts and rules for early help, with frozen clocks where dates matter."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.earlyhelp import guards, services
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.earlyhelp.selectors import (
    assessments_in_range,
    early_help_history,
    episodes_in_range,
)
from frontdoor.intake.models import Contact
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.tests.factories import make_adult, make_child

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


def _request(actor=None, person=None, **kw):
    values = dict(source_type="screening", source_id=41,
                  summary="Mum is struggling with the children's school attendance.",
                  risks_and_protective_factors="Risk: poor attendance. Protective: grandmother "
                                               "nearby, mum engaging.")
    values.update(kw)
    return services.stepdown_request(actor=actor, person=person or make_child(), **values)


def test_stepdown_request_records_pending_with_audit_and_chronology(mash_manager):
    child = make_child("Ava", "Stone")
    stepdown = _request(actor=mash_manager, person=child, at=MONDAY)
    assert isinstance(stepdown, StepDown)
    assert stepdown.status == "pending"
    assert stepdown.source_type == "screening" and stepdown.source_id == "41"
    assert stepdown.requested_at == MONDAY and stepdown.requested_by == mash_manager
    assert AuditEvent.objects.filter(record_type="early_help_stepdown", record_id=str(stepdown.pk),
                                     action="create", person_id=child.pk).exists()
    entry = ChronologyEntry.objects.get(person=child, kind="early_help")
    assert entry.occurred_at == MONDAY and "Step-down to early help requested" in entry.summary


def test_stepdown_request_from_assessment(social_worker):
    stepdown = _request(actor=social_worker, source_type="assessment", source_id="7")
    assert stepdown.get_source_type_display() == "Social work assessment outcome"


def test_stepdown_request_refuses_missing_parts_and_adults(mash_manager):
    with pytest.raises(ValidationError) as error:
        _request(actor=mash_manager, person=make_adult(), source_type="phone", summary=" ",
                 risks_and_protective_factors="")
    messages = error.value.message_dict
    assert set(messages) == {"person", "source_type", "summary", "risks_and_protective_factors"}
    assert StepDown.objects.count() == 0


def test_stepdown_request_twice_from_the_same_record_is_refused(mash_manager):
    child = make_child()
    _request(actor=mash_manager, person=child)
    with pytest.raises(ValidationError) as error:
        _request(actor=mash_manager, person=child)
    assert "already been sent" in error.value.message_dict["source_id"][0]
