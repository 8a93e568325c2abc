"""Demo teams and logins: one login per role, password `frontdoor-demo`, never in production."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from frontdoor.accounts.models import Team, User
from frontdoor.accounts.roles import Role
from frontdoor.administration.models import PartnerMembership, PartnerOrganisation
from frontdoor.audit.services import audit_record

DEMO_PASSWORD = "frontdoor-demo"

TEAMS = {
    "MASH": "mash",
    "Assessment Team North": "assessment",
    "Assessment Team South": "assessment",
    "Early Help Hub": "early_help",
    "Designated Officer Service": "lado",
    "Emergency Duty Team": "edt",
    "Exploitation Hub": "exploitation",
    "Performance and Intelligence": "performance",
    "Systems Support": "admin",
}

# (username, first, last, role, team, job title, agency, organisation)
DEMO_LOGINS = [
    (
        "mash.worker",
        "Morgan",
        "Ashby",
        Role.MASH_PRACTITIONER,
        "MASH",
        "MASH social worker",
        "",
        "",
    ),
    ("mash.manager", "Priya", "Desai", Role.MASH_MANAGER, "MASH", "MASH team manager", "", ""),
    (
        "sw.assessment",
        "Sam",
        "Okoro",
        Role.ASSESSMENT_SOCIAL_WORKER,
        "Assessment Team North",
        "Social worker",
        "",
        "",
    ),
    (
        "eh.manager",
        "Jo",
        "Whitfield",
        Role.EARLY_HELP_MANAGER,
        "Early Help Hub",
        "Early help manager",
        "",
        "",
    ),
    (
        "lado",
        "Alex",
        "Fairbairn",
        Role.DESIGNATED_OFFICER,
        "Designated Officer Service",
        "Designated officer",
        "",
        "",
    ),
    (
        "edt.worker",
        "Chris",
        "Vance",
        Role.EDT_WORKER,
        "Emergency Duty Team",
        "EDT social worker",
        "",
        "",
    ),
    (
        "police.partner",
        "Dana",
        "Holt",
        Role.PARTNER,
        None,
        "Police officer, public protection unit",
        "police",
        "Demoshire Police",
    ),
    (
        "school.partner",
        "Lee",
        "Marsh",
        Role.PARTNER,
        None,
        "Designated safeguarding lead",
        "education",
        "Demoton Primary School",
    ),
    (
        "analyst",
        "Robin",
        "Sato",
        Role.ANALYST,
        "Performance and Intelligence",
        "Performance analyst",
        "",
        "",
    ),
    ("admin", "Kim", "Adeyemi", Role.ADMIN, "Systems Support", "System administrator", "", ""),
    # A second designated officer: authorises the outcomes the first proposes (four eyes).
    (
        "lado2",
        "Morgan",
        "Ashby",
        Role.DESIGNATED_OFFICER,
        "Designated Officer Service",
        "Designated officer",
        "",
        "",
    ),
    # Must set up two-factor sign-in at first sign-in: shows the enrolment journey in the demo.
    (
        "new.starter",
        "Ava",
        "Newman",
        Role.MASH_PRACTITIONER,
        "MASH",
        "New MASH social worker",
        "",
        "",
    ),
]

# More staff so allocations and caseloads look real; they cannot sign in (unusable password).
EXTRA_STAFF = [
    ("mash.worker2", "Ellis", "Grant", Role.MASH_PRACTITIONER, "MASH"),
    ("mash.worker3", "Rowan", "Pike", Role.MASH_PRACTITIONER, "MASH"),
    ("mash.manager2", "Harriet", "Lowe", Role.MASH_MANAGER, "MASH"),
    ("sw.north2", "Taylor", "Quinn", Role.ASSESSMENT_SOCIAL_WORKER, "Assessment Team North"),
    ("sw.south1", "Jordan", "Reyes", Role.ASSESSMENT_SOCIAL_WORKER, "Assessment Team South"),
    ("sw.south2", "Casey", "Nguyen", Role.ASSESSMENT_SOCIAL_WORKER, "Assessment Team South"),
    (
        "exploitation.specialist",
        "Frankie",
        "Doyle",
        Role.EXPLOITATION_SPECIALIST,
        "Exploitation Hub",
    ),
]


@transaction.atomic
def create_demo_users() -> dict[str, User]:
    """Create the demo teams and users (idempotent). Refused under production settings."""
    if not settings.DEMO_LOGINS_ALLOWED:
        raise ImproperlyConfigured("Demo logins are never created under production settings.")
    teams = {
        name: Team.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in TEAMS.items()
    }
    users: dict[str, User] = {}
    for username, first, last, role, team, title, agency, org in DEMO_LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                role=role,
                team=teams[team] if team else None,
                job_title=title,
                agency=agency,
                organisation=org,
                email=f"{username}@example.org",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            audit_record(
                actor=None,
                action="create",
                record_type="user",
                record_id=user.pk,
                detail={"demo": True},
            )
        users[username] = user
    # Partner users belong to their organisation (the administration area lists them by it).
    for username, _f, _l, role, _t, _title, agency, org in DEMO_LOGINS:
        if role == Role.PARTNER:
            organisation, made = PartnerOrganisation.objects.get_or_create(
                name=org, defaults={"agency": agency}
            )
            if made:
                audit_record(
                    actor=None,
                    action="create",
                    record_type="partner_organisation",
                    record_id=organisation.pk,
                    detail={"demo": True},
                )
            PartnerMembership.objects.get_or_create(
                user=users[username], defaults={"organisation": organisation}
            )
    # The named MASH manager who holds restricted records (contacts about sealed people).
    holder = users["mash.manager"]
    if not holder.restricted_records_manager:
        holder.restricted_records_manager = True
        holder.save(update_fields=["restricted_records_manager"])
    starter = users["new.starter"]
    if not starter.two_factor_required:
        starter.two_factor_required = True
        starter.save(update_fields=["two_factor_required"])
    for username, first, last, role, team in EXTRA_STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                role=role,
                team=teams[team],
                email=f"{username}@example.org",
            )
            user.set_unusable_password()
            user.save()
        users[username] = user
    return users
