"""The police notifications import: bad rows reported by number, good rows imported once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from frontdoor.audit.models import AuditEvent
from frontdoor.cases.services import referral_allocate, referral_open
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.tests.factories import make_child, make_siblings
from frontdoor.police.models import (
    EncompassNotice,
    MatchStatus,
    NotificationChild,
    PoliceNotification,
)

from .helpers import NOW, csv_text, row, run_import

pytestmark = pytest.mark.django_db


def messy_rows() -> list[dict[str, str]]:
    return [
        row("PPN-001"),  # 2 good
        row("PPN-001", "Ben", dob="12/09/2018"),  # 3 good (same notification)
        row("PPN-001", "Ben", dob="12/09/2018"),  # 4 duplicate child
        row("PPN-002", "Zed", "Newchild", "03/03/2016"),  # 5 good
        row("PPN-003", incident_date="31/02/2026"),  # 6 bad date
        row("PPN-004", first=""),  # 7 missing child name
        row("PPN-005", dash_level="very high"),  # 8 unknown DASH level
        row("PPN-002", "Zed", "Newchild", "03/03/2016"),  # 9 reference repeated later
    ]


def test_it_imports_good_rows_and_reports_each_bad_row_by_number(mash_worker):
    make_siblings("Featherstone")
    result = run_import(messy_rows(), actor=mash_worker)

    assert sorted(PoliceNotification.objects.values_list("police_reference", flat=True)) == [
        "PPN-001",
        "PPN-002",
    ]
    assert NotificationChild.objects.count() == 3
    reasons = {e["row"]: e["reason"] for e in result.errors}
    assert reasons == {
        4: "Duplicate: this child is already on row 3 for police reference PPN-001",
        6: "Incident date '31/02/2026' is not a real date: use DD/MM/YYYY, like 21/11/2026",
        7: "Child's first name is missing",
        8: "DASH level 'very high' is not one of: standard, medium, high",
        9: "Police reference PPN-002 is already on row 5; rows for one notification must be next "
        "to each other",
    }
    assert result.record.rows_read == 8
    assert result.record.notifications_added == 2


def test_a_corrected_reimport_adds_only_the_fixed_rows():
    make_siblings("Featherstone")
    run_import(messy_rows())
    corrected = messy_rows()
    corrected[4]["incident_date"] = "21/11/2026"
    corrected[5]["child_first_name"] = "Cara"
    corrected[6]["dash_level"] = "high"
    del corrected[7]
    del corrected[2]

    result = run_import(corrected)

    assert result.errors == []
    assert result.record.notifications_added == 3
    assert result.record.rows_already_imported == 3
    assert PoliceNotification.objects.count() == 5
    assert NotificationChild.objects.count() == 6
    again = run_import(corrected)
    assert again.record.notifications_added == 0
    assert PoliceNotification.objects.count() == 5


def test_a_notification_with_one_bad_row_is_not_half_imported():
    rows = [row("PPN-010"), row("PPN-010", "Ben", dob="not a date")]
    result = run_import(rows)
    assert PoliceNotification.objects.count() == 0
    assert NotificationChild.objects.count() == 0
    assert EncompassNotice.objects.count() == 0
    assert {e["row"]: e["reason"] for e in result.errors} == {
        2: "Not imported because row 3 of the same notification has an error",
        3: "Child's date of birth 'not a date' is not a real date: use DD/MM/YYYY, like 21/11/2026",
    }


def test_it_refuses_a_file_without_the_columns():
    from frontdoor.police.importer import ImportFileError, police_notifications_import

    with pytest.raises(ImportFileError, match="missing these columns: police_reference"):
        police_notifications_import(
            actor=None, stream=io.StringIO("ref,date\nA,B\n"), filename="x.csv", now=NOW
        )


def test_it_links_confident_matches_and_holds_uncertain_ones_for_review():
    _, amy, _ = make_siblings("Featherstone")
    make_child("Zoe", "Twin", date(2016, 3, 3))
    make_child("Zoe", "Twin", date(2016, 3, 3))  # two with the same name and date of birth
    run_import(
        [
            row("PPN-020"),
            row("PPN-020", "Zoe", "Twin", "03/03/2016"),
            row("PPN-020", "Amie", "Featherston", "01/05/2014", child_postcode=""),
        ]
    )
    children = {c.first_name: c for c in NotificationChild.objects.all()}
    assert children["Amy"].person == amy
    assert children["Amy"].match_status == MatchStatus.LINKED
    assert children["Zoe"].person is None
    assert children["Zoe"].match_note == "2 children in the index have this name and date of birth"
    assert children["Amie"].match_status == MatchStatus.AWAITING_REVIEW
    assert amy.pk in children["Amie"].candidate_ids
    assert ChronologyEntry.objects.filter(person=amy, kind="police_notification").count() == 1


def test_an_open_case_is_routed_to_the_allocated_worker(social_worker):
    _, amy, _ = make_siblings("Featherstone")
    referral = referral_open(
        actor=None, person=amy, referral_date=date(2026, 10, 1), source="6", primary_need="N1"
    )
    referral_allocate(actor=None, referral=referral, team=social_worker.team, worker=social_worker)
    run_import([row("PPN-030")])
    child = NotificationChild.objects.get()
    assert child.routed_worker == social_worker
    assert child.routed_referral_id == referral.pk


def test_the_command_names_each_bad_row(tmp_path, capsys):
    path = tmp_path / "ppn.csv"
    path.write_text(csv_text([row("PPN-040"), row("PPN-041", dash_level="extreme")]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_police_notifications", str(path), stdout=out, stderr=err)
    assert (
        "Row 3 (PPN-041): DASH level 'extreme' is not one of: standard, medium, high"
        in err.getvalue()
    )
    assert "1 notifications added" in out.getvalue()
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_police_notifications", str(tmp_path / "missing.csv"))


def test_the_upload_page_imports_and_lists_bad_rows(as_user, mash_worker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_user(mash_worker)
    upload = SimpleUploadedFile(
        "ppn.csv", csv_text([row("PPN-050"), row("PPN-051", first="")]).encode()
    )
    response = client.post("/police/import/", {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Child&#x27;s first name is missing" in page
    assert PoliceNotification.objects.filter(police_reference="PPN-050").exists()
    assert AuditEvent.objects.filter(action="import", record_type="police_import").exists()


def test_partners_cannot_import_or_see_notifications(as_user, police_partner):
    client = as_user(police_partner)
    for url in (
        "/police/",
        "/police/import/",
        "/police/encompass/",
        "/police/day/2026-11-24/",
    ):
        assert client.get(url).status_code == 403


def test_a_failure_while_writing_one_notification_undoes_only_that_one(monkeypatch):
    from django.db import IntegrityError

    from frontdoor.police import import_batch

    real = import_batch._notices

    def failing(plans):  # type: ignore[no-untyped-def]
        if any(p.notification.police_reference == "PPN-061" for p in plans):
            raise IntegrityError("simulated clash with another import")
        return real(plans)

    monkeypatch.setattr(import_batch, "_notices", failing)
    result = run_import(
        [row("PPN-060"), row("PPN-061"), row("PPN-061", "Ben", dob="12/09/2018"), row("PPN-062")]
    )
    assert sorted(PoliceNotification.objects.values_list("police_reference", flat=True)) == [
        "PPN-060",
        "PPN-062",
    ]
    assert not NotificationChild.objects.filter(notification__police_reference="PPN-061").exists()
    assert result.record.notifications_added == 2
    assert [e["row"] for e in result.errors] == [3, 4]
    assert result.errors[0]["reason"].startswith(
        "Not imported: the database refused it; nothing of this notification (rows 3, 4) was saved."
    )
