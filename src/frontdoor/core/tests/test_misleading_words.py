"""Words that misled (issue 13, part 10), each with a test: refusals are not "Success", the search
box is on every page for those who may search, no GOV.UK Transport font, "the MASH" keeps its
capitals, the safety plan's bottom lines read as sentences, and an unsealed record is not called
sealed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.api import add_message
from django.contrib.messages.storage.cookie import CookieStorage
from django.template import Context, Template
from django.template.context import RequestContext
from django.template.loader import render_to_string
from django.test import RequestFactory

from frontdoor.assessments.models import BottomLine
from frontdoor.core.templatetags.govuk import lowerfirst
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db


def page_with(level: int, text: str) -> str:
    """A page as the base template renders it after a view added one message."""
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    add_message(request, level, text)
    template = Template('{% extends "core/base.html" %}{% block content %}<h1>x</h1>{% endblock %}')
    return template.render(RequestContext(request, {}))


def test_a_refusal_is_shown_as_a_problem_not_a_success():
    body = page_with(constants.ERROR, "Only a manager can authorise this decision")
    assert "govuk-error-summary" in body and "This could not be done" in body
    assert "Only a manager can authorise this decision" in body
    assert "Success" not in body
    done = page_with(constants.SUCCESS, "Decision recorded")
    assert "govuk-notification-banner--success" in done and "Success" in done
    note = page_with(constants.INFO, "This form was already sent")
    assert "Important" in note and "Success" not in note


def test_the_header_search_box_is_for_those_who_may_search_people(
    as_user, mash_worker, police_partner, analyst
):
    body = as_user(mash_worker).get("/").content.decode()
    assert 'role="search"' in body and 'action="/people/"' in body and 'name="q"' in body
    for user in (police_partner, analyst):
        assert 'role="search"' not in as_user(user).get("/").content.decode()
    results = as_user(mash_worker).get("/people/", {"q": "Nobody Here"})
    assert results.status_code == 200


def test_no_page_asks_for_the_gds_transport_font():
    css = Path(__file__).parents[1] / "static" / "vendor" / "govuk" / "govuk-frontend.min.css"
    if css.exists():  # built by scripts/build_assets.sh
        text = css.read_text()
        assert "GDS Transport" not in text and "/assets/fonts/" not in text
    ours = (Path(__file__).parents[1] / "static" / "frontdoor" / "frontdoor.css").read_text()
    assert "GDS Transport" not in ours
    script = (Path(__file__).parents[4] / "scripts" / "build_assets.sh").read_text()
    assert "@font-face{font-family:GDS Transport" in script


def test_labels_mid_sentence_keep_their_abbreviations():
    assert lowerfirst("Match confirmed by the MASH") == "match confirmed by the MASH"
    assert lowerfirst("MASH contact for screening") == "MASH contact for screening"
    assert lowerfirst("") == ""
    rendered = render_to_string(
        "assessments/_bottom_lines.html",
        {
            "lines": [
                BottomLine(
                    trigger="If Gareth drinks while caring for the children.",
                    who_acts="The allocated social worker",
                    agency_action="Will call a strategy discussion",
                    how_quickly="the same day.",
                    family_must="Call Aunt Sue to collect the children",
                )
            ]
        },
    )
    text = " ".join(rendered.split())
    assert "If</strong> Gareth drinks while caring for the children," in text
    assert (
        "then</strong> the allocated social worker will call a strategy discussion "
        "<strong>the same day</strong>." in text
    )
    assert "If If" not in text and "then The" not in text and "will Will" not in text


def test_an_unsealed_record_is_not_called_sealed(as_user, mash_manager):
    child = make_child("Open", "Record")
    body = as_user(mash_manager).get(f"/people/{child.pk}/access/").content.decode()
    assert "record is not sealed" in body and "Open Record's record is sealed" not in body


def test_template_context_is_plain():
    assert Template("{{ x|lowerfirst }}").render(Context({"x": "Added by the MASH"})) == (
        "added by the MASH"
    )


def test_a_date_only_chronology_event_shows_no_invented_time(as_user, social_worker):
    from datetime import date

    from frontdoor.child_protection import services
    from frontdoor.child_protection.tests.helpers import discuss, open_referral

    referral = open_referral(social_worker)
    s47 = discuss(social_worker, referral).s47
    services.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="I am fine",
        outcome="not_substantiated",
        outcome_date=date(2026, 11, 23),
    )
    body = as_user(social_worker).get(f"/people/{referral.person_id}/").content.decode()
    assert "23 November 2026</td>" in body
    assert "23 November 2026, 12:00" not in body
    assert "20 November 2026, 09:30" in body  # the strategy discussion: a real time, kept
