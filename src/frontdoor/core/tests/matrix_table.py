"""The access matrix's table: which roles reach each URL pattern, and how (see
test_access_matrix.py). One entry per URL name; each says which capability opens the page."""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.accounts.roles import CAPABILITIES, Role

ANONYMOUS = "anonymous"
ROLES = [str(r) for r in Role] + [ANONYMOUS]


def who(*capabilities: str) -> frozenset[str]:
    """The roles holding any of these capabilities."""
    return frozenset(str(r) for r, caps in CAPABILITIES.items() if caps & set(capabilities))


EVERYONE = frozenset(str(r) for r in Role)


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    obj: bool = False  # the pattern takes an object id (pk / person_id)
    like: str = ""  # find the object through this pattern (same id) when this one is POST-only
    public: bool = False  # no sign-in needed (login page, health check)
    get_ok: int = 200  # what an allowed GET answers (302 for redirecting pages, 405 POST-only)
    # The record is the user's own (a partner's submission), not a child's: "another" is someone
    # else's and answers 404; sealing the child does not change it, as the page shows only what the
    # user sent and the outcome, never the child's record.
    own: bool = False
    # POST-only: a GET answers `get_ok` (405, or 302 back to the record) before it looks at the id.
    post_only: bool = False
    # The record is about an adult (an allegation against someone who works with children): a
    # sealed child linked to it is shown as "Restricted record" (name absent from the page), not a
    # reason to refuse the designated officer the record (allegations/access.py).
    masks_sealed: bool = False
    # The record is about no child (a police import, a person who works with children): only the
    # one, another and missing variants apply.
    no_child: bool = False
    # A partner API endpoint (frontdoor.api): only a partner system's token opens it, so every
    # session, signed in or not, gets 401 (audited) before any id is looked at.
    api: bool = False
    # The methods an API endpoint serves; another method answers 405 before the token is read
    # (nothing is looked up or refused, so there is no audit row).
    methods: tuple[str, ...] = ("GET", "POST")
    # Nothing is served here, to anyone: 404 by GET and POST, signed in or not (django-ninja's
    # root path, there only so the API can reverse its own paths). Not a refusal: no audit row.
    absent: bool = False


def page(*caps: str, get_ok: int = 200) -> Rule:
    return Rule(who(*caps), get_ok=get_ok)


def record(*caps: str, like: str = "", get_ok: int = 200) -> Rule:
    return Rule(who(*caps), obj=True, like=like, get_ok=get_ok)


def action(*caps: str, like: str, get_ok: int = 405) -> Rule:
    """A POST-only action on a record: GET answers 405 (or a redirect to the record) to anyone."""
    return Rule(who(*caps), obj=True, like=like, get_ok=get_ok, post_only=True)


def allegation(like: str = "", get_ok: int = 200) -> Rule:
    """An allegation page: designated officers only; sealed children linked to it are masked."""
    return Rule(
        who("allegations"),
        obj=True,
        like=like,
        get_ok=get_ok,
        masks_sealed=True,
        post_only=get_ok == 405,
    )


TABLE: dict[str, Rule] = {
    # Core and accounts: the home page shows each role what needs them today.
    "core:home": Rule(EVERYONE),
    "core:health": Rule(EVERYONE, public=True),
    "ops:ready": Rule(EVERYONE, public=True),
    # Background jobs: seen by whoever holds the capability the job's kind needs (the matrix's
    # jobs are census exports); their files can hold children's data, so everyone else gets 404.
    "jobs:list": page("export_returns", "police_screening", "retention"),
    "jobs:start_cin_census": page("export_returns"),
    "jobs:start_annex_a": page("export_returns"),
    "jobs:start_retention": page("retention"),
    "jobs:detail": Rule(who("export_returns"), obj=True, no_child=True),
    "jobs:download": Rule(who("export_returns"), obj=True, no_child=True, like="jobs:detail"),
    "jobs:cancel": Rule(
        who("export_returns"),
        obj=True,
        no_child=True,
        like="jobs:detail",
        get_ok=405,
        post_only=True,
    ),
    "accounts:login": Rule(EVERYONE, public=True, get_ok=302),
    "accounts:logout": Rule(EVERYONE, get_ok=405),
    # Your own account, password and second factor: everyone signed in. The code page sends anyone
    # with nothing to verify on (302); a reset link works without signing in (an empty one answers
    # "this link does not work"). The sign-in security pages are the administrator's.
    "accounts:account": Rule(EVERYONE),
    "accounts:password_change": Rule(EVERYONE),
    "accounts:password_reset": Rule(EVERYONE, public=True),
    "accounts:two_factor_verify": Rule(EVERYONE, get_ok=302),
    "accounts:two_factor_setup": Rule(EVERYONE),
    "accounts:backup_codes": Rule(EVERYONE),
    "accounts:keep_alive": Rule(EVERYONE, get_ok=405),
    # Passkeys: JSON POSTs; a session not at that step gets a 400 saying why (not a 403).
    "accounts:passkey_verify_begin": Rule(EVERYONE, get_ok=405),
    "accounts:passkey_verify": Rule(EVERYONE, get_ok=405),
    "accounts:passkey_add_begin": Rule(EVERYONE, get_ok=405),
    "accounts:passkey_add": Rule(EVERYONE, get_ok=405),
    "accounts:passkey_remove": Rule(EVERYONE, get_ok=405),
    "accounts:admin_accounts": page("admin"),
    "accounts:admin_two_factor_reset": Rule(who("admin"), get_ok=405),
    "accounts:admin_reset_link": Rule(who("admin"), get_ok=405),
    "accounts:admin_locked": page("admin"),
    # People: practitioners open records; partner, analyst and administrator never do.
    "people:search": page("view_people"),
    "people:create": page("edit_people"),
    # The administrator is refused here: break-glass (a one-hour grant for one person, with a
    # reason, audited) is the documented exception, and the matrix's administrator holds no grant;
    # administration/tests/test_break_glass.py tests what a grant opens (this page and who-viewed,
    # never a sealed person) and nothing more.
    "people:detail": record("view_people"),
    # Who has viewed a child, and a child's access list, show the child: the role must also open
    # people's records, so the administrator (audit and access lists, but no casework) is refused.
    "people:who_viewed": Rule(who("view_audit") & who("view_people"), obj=True),
    "people:access_list": Rule(who("manage_access") & who("view_people"), obj=True),
    "people:correct": record("edit_people", like="people:detail"),
    "people:address_change": record("edit_people", like="people:detail"),
    # The child's consistent identifier (docs/people.md): recorded by those who edit people; the
    # tray of children with open work and no NHS number lists only children the user may open.
    "people:identifier": record("edit_people", like="people:detail"),
    "people:missing_identifiers": page("edit_people"),
    # Sealing and unsealing: MASH managers, and restricted-records managers (a flag on named users,
    # not a role; people/tests/test_sealing.py covers them). A sealed record's page shows the
    # refusal ("already sealed", "not sealed") to those allowed in.
    "people:seal": Rule(who("manage_access") & who("view_people"), obj=True, like="people:detail"),
    "people:unseal": Rule(
        who("manage_access") & who("view_people"), obj=True, like="people:detail"
    ),
    # The yearly review of seals: restricted-records managers only (no role holds it, so every
    # matrix role is refused; people/tests/test_seal_review.py lets a flagged manager in).
    "people:seal_review_list": page("restricted_records"),
    "people:seal_review": action("restricted_records", like="people:detail"),
    # Case notes (docs/case-notes.md): read by the roles that read chronologies, written by those
    # holding case_notes; a note's own page goes through its gate (sealed children: 404).
    "casenotes:person_notes": record("view_chronology", like="people:detail"),
    "casenotes:new": record("case_notes", like="people:detail"),
    "casenotes:detail": record("view_chronology"),
    "casenotes:edit": record("case_notes", like="casenotes:detail"),
    "casenotes:amend": record("case_notes", like="casenotes:detail"),
    # A child's household and relationships (docs/people-records.md): practitioners read, those who
    # edit people start a household, add family members and end relationships. A relationship's
    # page needs both of its people visible (sealed: 404).
    "people:family": record("view_people", like="people:detail"),
    "people:household_start": action("edit_people", like="people:detail"),
    "people:family_member_add": record("edit_people", like="people:detail"),
    "people:relationship_end": record("edit_people"),
    # Duplicate review and merge (docs/people.md): a pair or merge opens for someone who may see
    # both people; merging and undoing are the managers' (merge_people).
    "duplicates:queue": page("edit_people"),
    "duplicates:pair": record("edit_people"),
    "duplicates:not_same": action("edit_people", like="duplicates:pair"),
    "duplicates:propose": action("edit_people", like="duplicates:pair"),
    "duplicates:merge": record("merge_people", like="duplicates:pair"),
    "duplicates:merge_detail": record("edit_people"),
    "duplicates:undo": action("merge_people", like="duplicates:merge_detail"),
    # The legacy people import: the administrator's, its report names no one.
    "peopleimport:upload": page("admin"),
    "peopleimport:detail": Rule(who("admin"), obj=True, no_child=True),
    # Intake: contacts by staff; partners submit and see only their own submissions.
    "intake:queue": page("view_queue"),
    "intake:contact_new": page("record_contact"),
    # Contacts belong to the MASH queue: the designated officer, EDT worker and exploitation
    # specialist open children's records in their own areas, not the queue's contacts.
    "intake:contact_detail": record("view_queue"),
    "intake:partner_home": page("submit_concern"),
    "intake:partner_submit": page("submit_concern"),
    "intake:partner_submission": Rule(who("submit_concern"), obj=True, own=True),
    # Screening.
    "screening:trays": page("screen"),
    "screening:late": page("authorise"),  # the managers' view of late decisions and why
    # Restricted-records managers (a flag on named users, not a role) and anyone on a sealed
    # person's access list who screens. Every matrix user is on the access lists of the
    # sealed_listed people, so every screening role is allowed here; screening/tests/
    # test_restricted.py refuses a screener on no list.
    "screening:restricted": page("screen"),
    "screening:contact_start": action("screen", like="intake:contact_detail"),
    "screening:referrer_update": record("give_feedback", like="intake:contact_detail"),
    "screening:detail": record("screen"),
    "screening:take": action("screen", like="screening:detail"),
    "screening:rag": record("screen", like="screening:detail"),
    "screening:request_new": record("request_information", like="screening:detail"),
    "screening:request_answer": record("request_information"),
    "screening:consent": record("screen", like="screening:detail"),
    "screening:consent_authorise": action("authorise", like="screening:detail"),
    # Pages that answer only in one workflow state (no decision yet; a decision awaiting review)
    # find their own objects (by GET answering 200) instead of borrowing the detail page's.
    "screening:decision": record("screen"),
    # Urgency, consent and decision on one page (screening/views/one_page.py): a screening
    # without a decision, like the decision page.
    "screening:complete": record("screen"),
    "screening:review": record("authorise"),
    "screening:siblings": record("screen", like="screening:detail"),
    "screening:referral_nfa": record("authorise"),
    # Child protection and assessments.
    "child_protection:home": page("child_protection"),
    "child_protection:referral_detail": record("child_protection"),
    "child_protection:strategy_new": record(
        "child_protection", like="child_protection:referral_detail"
    ),
    "child_protection:strategy_detail": record("child_protection"),
    "child_protection:strategy_edit": record(
        "child_protection", like="child_protection:strategy_detail"
    ),
    "child_protection:action_done": action(
        "child_protection", like="child_protection:strategy_detail"
    ),
    "child_protection:s47_detail": record("child_protection"),
    "child_protection:s47_findings": record("child_protection", like="child_protection:s47_detail"),
    "child_protection:icpc_new": record("child_protection", like="child_protection:s47_detail"),
    "child_protection:plan_detail": record("child_protection"),
    "child_protection:plan_review": record("child_protection", like="child_protection:plan_detail"),
    "child_protection:plan_end": record("child_protection", like="child_protection:plan_detail"),
    # Pre-proceedings and FGDM; child in need plans and statutory visits (issue 16).
    "preproceedings:start": record("child_protection", like="child_protection:referral_detail"),
    "preproceedings:detail": record("child_protection"),
    "preproceedings:letter": record("child_protection", like="preproceedings:detail"),
    "preproceedings:fgdm": record("child_protection", like="preproceedings:detail"),
    "preproceedings:meeting_new": record("child_protection", like="preproceedings:detail"),
    "preproceedings:decision": record("child_protection", like="preproceedings:detail"),
    "preproceedings:court": record("child_protection", like="preproceedings:detail"),
    "visits:overdue": page("child_protection"),
    "visits:cin_plan_new": record("child_protection", like="child_protection:referral_detail"),
    "visits:cin_plan_detail": record("child_protection"),
    "visits:cin_plan_review": record("child_protection", like="visits:cin_plan_detail"),
    "visits:cin_plan_end": record("child_protection", like="visits:cin_plan_detail"),
    "visits:cin_visit_new": record("child_protection", like="visits:cin_plan_detail"),
    "visits:cp_visits": record("child_protection", like="child_protection:plan_detail"),
    "visits:cp_visit_new": record("child_protection", like="child_protection:plan_detail"),
    "assessments:guidance_new": record("guide_assessment", like="child_protection:referral_detail"),
    "assessments:assessment_new": record("assess", like="child_protection:referral_detail"),
    "assessments:mapping_new": record("child_protection", like="child_protection:referral_detail"),
    "assessments:supervision_new": record(
        "child_protection", like="child_protection:referral_detail"
    ),
    "assessments:guidance_detail": record("assess", "guide_assessment"),
    "assessments:guidance_edit": record("guide_assessment", like="assessments:guidance_detail"),
    "assessments:assessment_detail": record("assess", "guide_assessment"),
    "assessments:assessment_print": record("assess", "guide_assessment"),
    "assessments:assessment_visit": record("assess", like="assessments:assessment_detail"),
    "assessments:assessment_voice": record("assess", like="assessments:assessment_detail"),
    "assessments:assessment_engagement": record("assess"),
    "assessments:assessment_conclude": record("assess", like="assessments:assessment_detail"),
    "assessments:assessment_signoff": record(
        "guide_assessment", like="assessments:assessment_detail"
    ),
    "assessments:mapping_detail": record("assess", "guide_assessment"),
    "assessments:safety_plan": record("child_protection", like="assessments:mapping_detail"),
    "assessments:mapping_edit": record("child_protection", like="assessments:mapping_detail"),
    "assessments:supervision_detail": record("assess", "guide_assessment"),
    "assessments:supervision_edit": record(
        "guide_assessment", like="assessments:supervision_detail"
    ),
    # Allegations: the designated officer only.
    "allegations:home": page("allegations"),
    "allegations:consultation_new": page("allegations"),
    "allegations:referral_new": page("allegations"),
    "allegations:detail": allegation(),
    "allegations:child_add": allegation(like="allegations:detail"),
    "allegations:initial_consideration": allegation(),
    "allegations:meeting_new": allegation(),
    "allegations:outcome": allegation(),
    # Authorising or returning the outcome is a POST; a GET goes back to the allegation (after
    # the gate), as does a POST when no outcome is proposed yet.
    "allegations:outcome_decide": allegation(like="allegations:detail", get_ok=302),
    "allegations:meeting": allegation(),
    # Recording feedback is a POST; a GET goes back to the meeting (after the gate).
    "allegations:meeting_feedback": allegation(like="allegations:meeting", get_ok=302),
    "allegations:action_done": allegation(like="allegations:meeting", get_ok=405),
    "allegations:subjects": page("allegations"),
    # A person who works with children: a record about no child, so nothing to seal.
    "allegations:subject_detail": Rule(who("allegations"), obj=True, no_child=True),
    "allegations:report": page("allegations"),
    "allegations:report_csv": page("allegations"),
    # Police notifications.
    "police:home": page("police_screening"),
    "police:upload": page("police_screening"),
    "police:import": Rule(who("police_screening"), obj=True, no_child=True),
    "police:day": page("police_screening"),
    "police:child": record("police_screening"),
    "police:child_confirm": record("police_screening", like="police:child"),
    "police:school_nurse": record("police_screening", like="police:child"),
    "police:marac": record("police_screening"),
    "police:review": page("police_screening"),
    # Notifications routed to the user: anyone who opens children's records may have some.
    "police:my_cases": page("view_people"),
    "police:encompass": page("police_screening"),
    "police:encompass_record": record("police_screening"),
    # Out of hours.
    "out_of_hours:home": page("edt"),  # the EDT's own records; the MASH sees handovers
    "out_of_hours:new": page("edt"),
    "out_of_hours:detail": record("edt", "acknowledge_handover"),
    "out_of_hours:handovers": page("acknowledge_handover"),
    "out_of_hours:acknowledge": record("acknowledge_handover", like="out_of_hours:detail"),
    # Exploitation.
    "exploitation:home": page("exploitation"),
    "exploitation:new": record("exploitation", like="people:detail"),
    "exploitation:detail": record("exploitation"),
    "exploitation:history": record("exploitation", like="people:detail"),
    # Early help.
    "earlyhelp:home": page("early_help"),
    "earlyhelp:stepdown_detail": record("early_help"),
    "earlyhelp:stepdown_accept": action("early_help", like="earlyhelp:stepdown_detail", get_ok=302),
    "earlyhelp:stepdown_decline": action(
        "early_help", like="earlyhelp:stepdown_detail", get_ok=302
    ),
    "earlyhelp:episode_detail": record("early_help"),
    "earlyhelp:episode_assessment": record("early_help", like="earlyhelp:episode_detail"),
    "earlyhelp:episode_end": record("early_help", like="earlyhelp:episode_detail"),
    "earlyhelp:episode_step_up": record("early_help", like="earlyhelp:episode_detail"),
    # Allocation, caseloads and lead practitioners (cases) and notifications (issue 13).
    "cases:unallocated": page("allocate"),
    "cases:caseloads": page("allocate", "allocate_early_help", "allocate_allegations"),
    "cases:referral_detail": record("allocate", "child_protection", "screen"),
    "cases:referral_allocate": record("allocate", like="cases:referral_detail"),
    "cases:referral_close": record("allocate", like="cases:referral_detail"),
    "cases:episode_allocate": record("allocate_early_help", like="earlyhelp:episode_detail"),
    # An allegation's follow-up work, allocated by a designated officer who allocates: masked
    # like the allegation's own page.
    "cases:allegation_allocate": Rule(
        who("allocate_allegations"), obj=True, like="allegations:detail", masks_sealed=True
    ),
    "cases:lead_add": record("allocate", "child_protection", "early_help", like="people:detail"),
    "cases:lead_end": record("allocate", "child_protection", "early_help"),
    "notifications:list": Rule(EVERYONE),
    "notifications:open": Rule(EVERYONE, get_ok=302),
    "notifications:read_all": Rule(EVERYONE, get_ok=302),
    "notifications:preferences": Rule(EVERYONE),
    # Reporting: figures and returns, no casework.
    "reporting:dashboard": page("view_reports"),
    "reporting:figure_csv": page("view_reports"),
    "reporting:drilldown": page("view_reports"),
    "reporting:returns": page("export_returns"),
    "reporting:census_check": page("export_returns"),
    "reporting:return_health": page("view_reports"),
    "reporting:census_download": page("export_returns", get_ok=405),
    "reporting:annex_a_download": page("export_returns", get_ok=405),
    # Information sharing: the child's page and a decision not to share need the child's record;
    # the information-governance report needs the audit trail (names masked by who may see them).
    "sharing:person": record("view_people"),
    "sharing:not_shared_new": record("view_people", like="sharing:person"),
    "sharing:report": page("view_audit"),
    "sharing:report_csv": page("view_audit"),
    # Data protection (docs/data-protection.md): the retention review and legal holds need
    # "retention", the subject access review and export "subject_access"; a person's page either.
    "dataprotection:review": page("retention"),
    "dataprotection:person": record("retention", "subject_access"),
    "dataprotection:hold_place": record("retention", like="dataprotection:person"),
    "dataprotection:hold_release": action("retention", like="dataprotection:person"),
    "dataprotection:subject_access": record("subject_access", like="dataprotection:person"),
    # Documents (docs/documents.md): each record's documents page and its attach form answer to
    # the roles that open the record itself, through its gate; a download through the gate of the
    # record the document is attached to (the demo's first documents are on children's records).
    "documents:person": record("view_people", like="people:detail"),
    "documents:person_new": record("edit_people", like="documents:person"),
    "documents:contact": record(
        "view_queue", "screen", "record_contact", like="intake:contact_detail"
    ),
    "documents:contact_new": record(
        "view_queue", "screen", "record_contact", like="documents:contact"
    ),
    "documents:assessment": record(
        "child_protection", "assess", like="assessments:assessment_detail"
    ),
    "documents:assessment_new": record("child_protection", "assess", like="documents:assessment"),
    "documents:allegation": allegation(like="allegations:detail"),
    "documents:allegation_new": allegation(like="documents:allegation"),
    "documents:download": record("view_people"),
    # Letters (docs/letters.md): written by those who screen and work cases, about a child they
    # may see; the templates are the administrator's (no child: one, another and missing only).
    "letters:person": record("screen", like="people:detail"),
    "letters:new": record("screen", like="people:detail"),
    "letters:detail": record("screen"),
    "letters:pdf": record("screen", like="letters:detail"),
    "letters:templates": page("admin"),
    "letters:template_edit": Rule(who("admin"), obj=True, no_child=True),
    # Printable pages (docs/letters.md, "Print"): each through its record's gate, for the roles
    # that open the record.
    "printing:contact": record(
        "view_queue", "screen", "record_contact", like="intake:contact_detail"
    ),
    "printing:chronology": record("view_chronology", like="people:detail"),
    "printing:strategy": record(
        "child_protection", "assess", like="child_protection:strategy_detail"
    ),
    "printing:icpc": record("child_protection", "assess", like="child_protection:s47_detail"),
    "printing:lado_meeting": allegation(like="allegations:meeting"),
    # The partner API under /api/v1/ authenticates a partner system's token, never a session: a
    # staff member's or partner user's signed-in browser must not act as their organisation's
    # system (no scopes, no CSRF on the API). So every session role, and an anonymous visitor,
    # gets 401 problem details, audited, before any id is read (api=True). api/tests test each
    # token, scope and organisation. Its description and docs are public; its tokens are managed
    # by the administrator (api_tokens:*).
    "api:docs": Rule(EVERYONE, public=True),
    "api:openapi-json": Rule(EVERYONE, public=True),
    "api:concerns": Rule(frozenset(), api=True),  # POST; GET on the same path is the list
    "api:concern_list": Rule(frozenset(), api=True),
    "api:api-root": Rule(frozenset(), absent=True),
    "api:concern": Rule(frozenset(), api=True, methods=("GET",)),
    "api:police_notifications": Rule(frozenset(), api=True, methods=("POST",)),
    "api:encompass_notices": Rule(frozenset(), api=True, methods=("GET",)),
    "api:encompass_acknowledge": Rule(frozenset(), api=True, methods=("POST",)),
    "api:information_requests": Rule(frozenset(), api=True, methods=("GET",)),
    "api:information_answer": Rule(frozenset(), api=True, methods=("POST",)),
    # Administration (docs/administration.md): accounts, teams, roles and partner organisations are
    # the administrator's, and no child's record; break-glass needs its own capability.
    "administration:home": page("admin"),
    "administration:users": page("admin"),
    "administration:user_new": page("admin"),
    "administration:user_detail": Rule(who("admin"), obj=True, no_child=True),
    "administration:user_edit": Rule(
        who("admin"), obj=True, no_child=True, like="administration:user_detail"
    ),
    "administration:user_deactivate": Rule(
        who("admin"),
        obj=True,
        no_child=True,
        like="administration:user_detail",
        get_ok=405,
        post_only=True,
    ),
    "administration:user_reactivate": Rule(
        who("admin"),
        obj=True,
        no_child=True,
        like="administration:user_detail",
        get_ok=405,
        post_only=True,
    ),
    "administration:roles": page("admin"),
    "administration:teams": page("admin"),
    "administration:team_new": page("admin"),
    "administration:team_edit": Rule(who("admin"), obj=True, no_child=True),
    "administration:organisations": page("admin"),
    "administration:organisation_new": page("admin"),
    "administration:organisation_edit": Rule(who("admin"), obj=True, no_child=True),
    "administration:break_glass": page("break_glass"),
    "administration:break_glass_new": page("break_glass"),
    "administration:break_glass_end": Rule(who("break_glass"), get_ok=405),
    "api_tokens:list": page("admin"),
    "api_tokens:new": page("admin"),
    "api_tokens:detail": Rule(who("admin"), obj=True, no_child=True),
    "api_tokens:scopes": Rule(who("admin"), obj=True, no_child=True, like="api_tokens:detail"),
    "api_tokens:revoke": Rule(
        who("admin"), obj=True, no_child=True, like="api_tokens:detail", get_ok=405, post_only=True
    ),
}

VARIANTS = ("one", "another", "sealed", "sealed_listed", "missing")
NO_CHILD_VARIANTS = ("one", "another", "missing")


def variants_of(rule: Rule) -> tuple[str, ...]:
    return NO_CHILD_VARIANTS if rule.no_child else VARIANTS
