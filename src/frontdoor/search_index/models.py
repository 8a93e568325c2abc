"""The people index's search keys: derived from `PersonName` rows and the person's date of birth,
rewritten by `indexing.reindex_people` whenever a name or date of birth changes.

A name has several words ("Oscar O'Brien Nunez"), each with its own keys, so the keys are rows of
their own rather than columns of `PersonName`: every lookup is then one range scan of the
(key, name) index, on SQLite and PostgreSQL alike, whatever the size of the index.
"""

from __future__ import annotations

from django.db import models

from frontdoor.people.models import PersonName


class NameKey(models.Model):
    """One search key of one name (see `people.matching.stored_keys`)."""

    name = models.ForeignKey(PersonName, on_delete=models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["key", "name"], name="search_namekey_key_name")]

    def __str__(self) -> str:
        return self.key


class NameWord(models.Model):
    """Every word used in a stored name, once: a typed word is compared with these to find the
    stored spellings one slip of the keyboard away (on PostgreSQL through a trigram index)."""

    word = models.CharField(max_length=100, unique=True)
    length = models.PositiveSmallIntegerField()
    sound = models.CharField(max_length=12, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["length", "word"], name="search_nameword_length")]

    def __str__(self) -> str:
        return self.word
