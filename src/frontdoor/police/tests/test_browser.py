"""Browser journeys: a daily screening meeting, and a MASH practitioner acknowledging an
out-of-hours handover (axe-core on every page)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.conftest import PASSWORD
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.out_of_hours.services import edt_record_create
from frontdoor.people.tests.factories import make_siblings
from frontdoor.police.models import NotificationChild
from frontdoor.testing.browser import sign_in

from .helpers import row, run_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_daily_screening_meeting(page, mash_worker):
    make_siblings("Featherstone")
    now = timezone.now()
    yesterday = timezone.localtime(now - timedelta(days=1))
    run_import(
        [
            row(
                "DP/0001",
                incident_date=f"{yesterday:%d/%m/%Y}",
                incident_time="22:00",
                dash_level="high",
            ),
            row(
                "DP/0001",
                "Ben",
                dob="12/09/2018",
                incident_date=f"{yesterday:%d/%m/%Y}",
                incident_time="22:00",
                dash_level="high",
            ),
        ],
        now=now,
    )
    day = NotificationChild.objects.first().notification.screening_day
    sign_in(page, "mash_worker", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Police notifications"
    ).click()
    page.axe.check()
    page.get_by_role("link", name=f"{day.day} {day:%B %Y}").click()
    page.axe.check()
    assert "MARAC referral needed" in page.content()
    page.get_by_text("Add an attendee").click()
    page.get_by_label("Name").fill("DS Kerry Holt")
    page.get_by_label("Agency").select_option("police")
    page.get_by_role("button", name="Add attendee").click()
    page.axe.check()
    assert page.locator("table", has_text="DS Kerry Holt").count() == 1
    page.get_by_role("link", name="Decide for Amy Featherstone").click()
    page.axe.check()
    page.get_by_role("radio", name="MASH contact for screening").check()
    page.get_by_label("Reason for the decision").fill("High risk; MASH to screen today.")
    page.get_by_role("button", name="Record decision").click()
    page.axe.check()
    assert "Decision recorded for Amy Featherstone" in page.content()
    amy = NotificationChild.objects.get(first_name="Amy")
    assert amy.contact is not None and amy.contact.channel == "police"


def test_an_edt_handover_is_acknowledged(page, edt_worker, mash_worker):
    _, amy, _ = make_siblings("Featherstone")
    received = timezone.now() - timedelta(days=3)
    record = edt_record_create(
        actor=edt_worker,
        person=amy,
        received_at=received,
        caller_name="PC Ray Dean",
        caller_agency="police",
        request="Child found alone.",
        can_wait=False,
        risk_judgement="Could not wait.",
        actions=["visit"],
        rationale="No family reachable.",
    )
    sign_in(page, "mash_worker", PASSWORD)
    page.goto("/out-of-hours/handovers/")
    page.axe.check()
    assert "1 handover not acknowledged in time" in page.content()
    page.get_by_role("link", name="Amy Featherstone").click()
    page.axe.check()
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Acknowledge handover").click()
    page.axe.check()
    assert "Handover acknowledged for Amy Featherstone" in page.content()
    record = EdtRecord.objects.get(pk=record.pk)
    assert record.acknowledged_by == mash_worker and record.contact.channel == "out_of_hours"


def test_a_file_is_uploaded_and_a_long_import_shows_its_progress(page, mash_worker, tmp_path):
    from frontdoor.police.models import PoliceImport

    from .helpers import csv_text

    path = tmp_path / "ppn.csv"
    path.write_text(csv_text([row("DP/0100"), row("DP/0101", dash_level="extreme")]))
    sign_in(page, "mash_worker", PASSWORD)
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/police/import/")
    page.axe.check()
    page.get_by_label("Police notifications file (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Import file").click()
    page.axe.check()
    content = page.content()
    assert "DASH level 'extreme' is not one of: standard, medium, high" in content
    assert "Finished" in content
    running = PoliceImport.objects.create(
        filename="big.csv",
        imported_at=timezone.now(),
        rows_read=10_000,
        rows_done=4_000,
        updated_at=timezone.now(),
    )
    page.goto(page.url.rsplit("/import/", 1)[0] + f"/import/{running.pk}/")
    page.axe.check()
    assert page.locator("progress#import-progress").get_attribute("value") == "4000"
    assert "Importing: 4000 of 10000 rows dealt with." in page.content()
