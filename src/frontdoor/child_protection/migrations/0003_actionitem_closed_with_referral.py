"""Actions close with their referral: a flag for actions closed that way, and existing open
actions of referrals already closed are closed now, on the referral's closure date (issue 13: the
social worker's tray showed actions "overdue by 431 working days" on referrals closed months ago)."""

from django.db import migrations, models
from django.db.models import Q


def close_actions_of_closed_referrals(apps, schema_editor):  # type: ignore[no-untyped-def]
    ActionItem = apps.get_model("child_protection", "ActionItem")
    Referral = apps.get_model("cases", "Referral")
    closed = Referral.objects.filter(closure_date__isnull=False)
    for referral_id, closure_date in closed.values_list("pk", "closure_date").iterator():
        ActionItem.objects.filter(done_date__isnull=True).filter(
            Q(discussion__referral_id=referral_id) | Q(supervision__referral_id=referral_id)
        ).update(done_date=closure_date, closed_with_referral=True)


def reopen(apps, schema_editor):  # type: ignore[no-untyped-def]
    ActionItem = apps.get_model("child_protection", "ActionItem")
    ActionItem.objects.filter(closed_with_referral=True).update(done_date=None)


class Migration(migrations.Migration):
    dependencies = [
        ("child_protection", "0002_versions"),
        ("cases", "0002_versioned_one_open_referral"),
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="actionitem",
            name="closed_with_referral",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(close_actions_of_closed_referrals, reopen),
    ]
