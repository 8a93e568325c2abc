"""The search index tables, filled from every existing name; on PostgreSQL a trigram index on the
vocabulary (pg_trgm) for finding the stored spellings one slip of the keyboard from a typed word."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Index every existing name (carries existing people over: search finds them at once)."""
    from frontdoor.people.matching import meta, stored_keys, stored_words

    PersonName = apps.get_model("people", "PersonName")
    NameKey = apps.get_model("search_index", "NameKey")
    NameWord = apps.get_model("search_index", "NameWord")
    vocabulary: set[str] = set()
    batch = []
    rows = PersonName.objects.values_list(
        "pk", "first_name", "last_name", "person__date_of_birth"
    ).iterator(chunk_size=5000)
    for name_id, first, last, dob in rows:
        batch += [NameKey(name_id=name_id, key=k) for k in sorted(stored_keys(first, last, dob))]
        vocabulary |= stored_words(first, last)
        if len(batch) >= 5000:
            NameKey.objects.bulk_create(batch)
            batch = []
    NameKey.objects.bulk_create(batch)
    NameWord.objects.bulk_create(
        [NameWord(word=w[:100], length=len(w), sound=meta(w)) for w in sorted(vocabulary) if w],
        batch_size=2000,
        ignore_conflicts=True,
    )


def trigram_on(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_nameword_trgm ON search_index_nameword "
            "USING gin (word gin_trgm_ops)"
        )


def trigram_off(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_nameword_trgm")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("people", "0002_corrections_seals"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=100, unique=True)),
                ("length", models.PositiveSmallIntegerField()),
                ("sound", models.CharField(db_index=True, max_length=12)),
            ],
            options={
                "indexes": [models.Index(fields=["length", "word"], name="search_nameword_length")],
            },
        ),
        migrations.CreateModel(
            name="NameKey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=40)),
                (
                    "name",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_keys",
                        to="people.personname",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["key", "name"], name="search_namekey_key_name")],
            },
        ),
        migrations.RunPython(trigram_on, trigram_off),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
