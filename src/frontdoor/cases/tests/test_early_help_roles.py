"""Early help: the manager allocates episodes; an early help practitioner holds and works them but
does not allocate (page refused, service refused, no link), and records no management oversight."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from frontdoor.accounts.roles import Role
from frontdoor.cases.models import Allocation
from frontdoor.cases.services import episode_allocate
from frontdoor.conftest import make_user
from frontdoor.people.tests.factories import make_child

from .factories import early_help_episode

pytestmark = pytest.mark.django_db


def test_a_practitioner_holds_episodes_but_cannot_allocate_them(as_user, early_help_manager):
    team = early_help_manager.team.name
    practitioner = make_user("eh_practitioner", Role.EARLY_HELP_PRACTITIONER, team)
    colleague = make_user("eh_colleague", Role.EARLY_HELP_PRACTITIONER, team)
    episode = early_help_episode(make_child("Help", "Child"))
    assert not practitioner.can("allocate_early_help")
    assert not practitioner.can("management_oversight")
    assert practitioner.can("early_help") and practitioner.can("case_notes")
    # The manager allocates to a practitioner in the team, with the caseloads in view.
    page = as_user(early_help_manager).get(reverse("cases:episode_allocate", args=[episode.pk]))
    assert page.status_code == 200 and practitioner.display_name in page.content.decode()
    episode_allocate(actor=early_help_manager, episode=episode, worker=practitioner)
    episode.refresh_from_db()
    # The practitioner sees the episode, without the allocation link, and cannot allocate.
    client = as_user(practitioner)
    detail = client.get(reverse("earlyhelp:episode_detail", args=[episode.pk])).content.decode()
    assert "Allocate or reallocate this episode" not in detail
    url = reverse("cases:episode_allocate", args=[episode.pk])
    assert client.get(url).status_code == 403
    post = client.post(url, {"worker": colleague.pk, "version": episode.version, "reason": "x"})
    assert post.status_code == 403
    assert client.get(reverse("cases:caseloads")).status_code == 403
    with pytest.raises(ValidationError, match="Only an early help manager can allocate"):
        episode_allocate(actor=practitioner, episode=episode, worker=colleague, reason="Cover")
    assert Allocation.objects.get(episode=episode, end__isnull=True).worker == practitioner
    manager_detail = as_user(early_help_manager).get(
        reverse("earlyhelp:episode_detail", args=[episode.pk])
    )
    assert "Allocate or reallocate this episode" in manager_detail.content.decode()
