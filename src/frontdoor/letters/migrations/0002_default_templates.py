"""The five letters a council starts with; the administrator edits them afterwards."""

from django.db import migrations

from frontdoor.letters.defaults import DEFAULT_TEMPLATES

TEMPLATES = DEFAULT_TEMPLATES


def create(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, (subject, body) in TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, defaults={"subject": subject, "body": body})


def remove(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind__in=list(TEMPLATES)).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
