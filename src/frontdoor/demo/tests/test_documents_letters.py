"""The documents and letters demo stage: documents and letters on recent cases, made through the
services, the same for the same seed; the first documents are on children's records."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import transaction

from frontdoor.core.calendar import LONDON
from frontdoor.demo.management.commands import seed_demo as command
from frontdoor.demo.management.commands.seed_demo import seed_demo
from frontdoor.documents import storage
from frontdoor.documents.models import Document
from frontdoor.letters.models import Letter

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.FRONTDOOR_DOCUMENT_ROOT = tmp_path / "documents"


@pytest.fixture(autouse=True)
def stages(monkeypatch):
    """The stages this one builds on (contacts, screening, protection, allegations, sealing), so
    this test says whether this stage works whatever other stages are doing."""
    monkeypatch.setattr(
        command,
        "STAGES",
        [
            f"frontdoor.demo.{name}"
            for name in (
                "people_contacts",
                "screening",
                "protection",
                "allegations",
                "sealed",
                "documents_letters",
            )
        ],
    )


def _seeded() -> tuple[list, list]:
    """What the stage made, with each record named by its place in the seed rather than by its
    database id (PostgreSQL's sequences move on after a rolled-back seed; SQLite's do not)."""
    from frontdoor.allegations.models import Allegation
    from frontdoor.assessments.models import Assessment
    from frontdoor.intake.models import Contact
    from frontdoor.people.models import Person

    with transaction.atomic():
        seed_demo(contacts=60, seed=7, now=NOW)
        first = {
            model: (model.objects.order_by("pk").values_list("pk", flat=True).first() or 0)
            for model in (Person, Contact, Assessment, Allegation)
        }

        def place(model, pk):
            return None if pk is None else pk - first[model]

        documents = [
            (
                title,
                place(Person, p),
                place(Contact, c),
                place(Assessment, a),
                place(Allegation, al),
                None if al else sha,  # an allegation's document names its id-based reference
            )
            for title, p, c, a, al, sha in Document.objects.order_by("pk").values_list(
                "title", "person_id", "contact_id", "assessment_id", "allegation_id", "sha256"
            )
        ]
        letters = [
            (kind, method, place(Person, p), subject)
            for kind, method, p, subject in Letter.objects.order_by("pk").values_list(
                "kind", "method", "person_id", "subject"
            )
        ]
        first_documents = Document.objects.order_by("pk")[:6]
        assert all(d.person_id for d in first_documents)
        assert len({d.person_id for d in first_documents}) == 6
        assert all(storage.path_of(d.stored_name).exists() for d in first_documents)
        transaction.set_rollback(True)
    return documents, letters


def test_the_stage_attaches_documents_and_files_letters_reproducibly():
    documents, letters = _seeded()
    kinds = {
        "person" if d[1] else "contact" if d[2] else "assessment" if d[3] else "allegation"
        for d in documents
    }
    assert kinds == {"person", "contact", "assessment", "allegation"}
    assert {k for k, *_ in letters} >= {"referrer_acknowledgement", "icpc_invitation"}
    assert {m for _, m, *_ in letters} == {"email", "print"}
    assert len({p for _, _, p, _ in letters}) >= 4
    assert (documents, letters) == _seeded()
