"""The NHS number as the child's consistent identifier: its status, how it was verified and, when
missing on a child's record, why. Existing people are carried over: a recorded number becomes
"recorded but not verified"; an unborn child without one "not applicable: unborn"; any other child
without one "not yet known: not yet checked with health"."""

from django.db import migrations, models


def carry_over(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Person.objects.exclude(nhs_number="").update(nhs_status="unverified", nhs_missing_reason="")
    Person.objects.filter(nhs_number="", kind="unborn").update(
        nhs_status="not_applicable", nhs_missing_reason="unborn"
    )
    Person.objects.filter(nhs_number="", kind="adult").update(nhs_missing_reason="")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_address_country_merged_into"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="nhs_status",
            field=models.CharField(
                choices=[
                    ("verified", "Verified"),
                    ("unverified", "Recorded but not verified"),
                    ("not_known", "Not yet known"),
                    ("not_applicable", "Not applicable"),
                ],
                default="not_known",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="nhs_verified_how",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pds", "Traced on the NHS Personal Demographics Service (PDS)"),
                    (
                        "health",
                        "Confirmed by a health professional (GP, health visitor, school nurse)",
                    ),
                    ("document", "Seen on an NHS document (letter, red book, hospital record)"),
                ],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="nhs_missing_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("not_checked", "Not yet checked with health: the child was added without one"),
                    (
                        "delay",
                        "Finding it now would cause unreasonable delay to protecting the child",
                    ),
                    ("no_trace", "Traced on the NHS Personal Demographics Service: no match found"),
                    ("not_registered", "Not registered with the NHS (for example, newly arrived)"),
                    ("other_uk", "Has a Scottish CHI or Northern Irish H&C number instead"),
                    ("unborn", "Unborn child: an NHS number is given at birth"),
                ],
                default="not_checked",
                max_length=16,
            ),
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("nhs_status", "verified"), _negated=True),
                    models.Q(
                        models.Q(("nhs_number", ""), _negated=True),
                        models.Q(("nhs_verified_how", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="person_nhs_verified_has_number_and_how",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("nhs_status__in", ["verified", "unverified"]), _negated=True),
                    models.Q(("nhs_number", ""), _negated=True),
                    _connector="OR",
                ),
                name="person_nhs_status_recorded_has_number",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind__in", ["child", "unborn"]), ("nhs_number", ""), _negated=True),
                    models.Q(("nhs_missing_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="person_child_without_nhs_number_has_reason",
            ),
        ),
    ]
