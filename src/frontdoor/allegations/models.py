"""The designated officer's (LADO) records: approaches, the people they are about, initial
considerations, allegation management meetings (with decisions and actions) and outcomes.

The person an allegation is about is an adult who works with children; they are held here, never in
the children's people index. Children involved are linked to `people.Person`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.core.concurrency import Versioned


class Sector(models.TextChoices):
    EDUCATION = "education", "Education"
    EARLY_YEARS = "early_years", "Early years"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    FAITH = "faith", "Faith"
    SPORT = "sport", "Sport and leisure"
    TRANSPORT = "transport", "Transport"
    FOSTER_CARE = "foster_care", "Foster care"
    RESIDENTIAL = "residential", "Residential care"
    VOLUNTARY = "voluntary", "Voluntary"
    SOCIAL_CARE = "social_care", "Social care"
    OTHER = "other", "Other"


class ApproachKind(models.TextChoices):
    CONSULTATION = "consultation", "Consultation"
    REFERRAL = "referral", "Referral"


class ReferrerType(models.TextChoices):
    EMPLOYER = "employer", "Employer"
    POLICE = "police", "Police"
    SOCIAL_CARE = "social_care", "Children's social care"
    PARENT = "parent", "Parent or carer"
    OTHER = "other", "Other"


class HarmLimb(models.TextChoices):
    """The harm test (KCSIE Part 4 / Working Together; DOMAIN.md §5)."""

    HARMED = "harmed", "Behaved in a way that has harmed, or may have harmed, a child"
    OFFENCE = "offence", "Possibly committed a criminal offence against or related to a child"
    RISK = "risk", "Behaved towards a child in a way that indicates they may pose a risk of harm"
    SUITABILITY = (
        "suitability",
        ("Behaved in a way that indicates they may not be suitable to work with children"),
    )


HARM_LIMB_SHORT = {
    "harmed": "Harmed or may have harmed a child",
    "offence": "Possible criminal offence",
    "risk": "May pose a risk of harm",
    "suitability": "May not be suitable (transferable risk)",
}


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", "Substantiated"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"
    UNFOUNDED = "unfounded", "Unfounded"


# DOMAIN.md §5 (KCSIE Part 4 definitions), shown beside each choice.
OUTCOME_DEFINITIONS = {
    "substantiated": "There is sufficient evidence to prove the allegation.",
    "unsubstantiated": "There is insufficient evidence either to prove or disprove the allegation. "
    "The term does not imply guilt or innocence.",
    "false": "There is sufficient evidence to disprove the allegation.",
    "malicious": "There is sufficient evidence to disprove the allegation and there has been a "
    "deliberate act to deceive.",
    "unfounded": "There is no evidence or proper basis which supports the allegation being made.",
}


class EmployerAction(models.TextChoices):
    NONE = "none", "No action"
    TRAINING = "training", "Training or guidance"
    WARNING = "warning", "Warning"
    DISMISSAL = "dismissal", "Dismissal"
    RESIGNED = "resigned", "Resigned"
    OTHER = "other", "Other"


class DbsReferral(models.TextChoices):
    NONE = "none", "Not referred"
    DUTY = "duty", "Referred by the employer under its duty"
    POWER = "power", "Referred by the council under its power"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    CONCLUDED = "concluded", "Concluded"
    CLOSED = "closed", "Advice given"


class StayInRole(models.TextChoices):
    YES = "yes", "Yes, stays in role"
    ALTERNATIVES = "alternatives", "Stays at work with alternative arrangements"
    SUSPENDED = "suspended", "Suspended or removed from working with children"
    NOT_WORKING = "not_working", "Not currently working"


class AllegationSubject(models.Model):
    """The adult an allegation is about (held here, not in the children's people index)."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    job_role = models.CharField(max_length=200, blank=True)
    employer = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    regulated_activity = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Allegation(Versioned):
    """One approach to the designated officer: a consultation (advice) or a referral. Versioned:
    its follow-up work is allocated to an officer (`cases.Allocation`) from its page."""

    kind = models.CharField(max_length=20, choices=ApproachKind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    subject = models.ForeignKey(
        AllegationSubject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allegations",
    )
    # The setting, kept on the approach so unnamed consultations still count by sector.
    sector = models.CharField(max_length=20, choices=Sector.choices)
    employer = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField()  # when it reached the designated officer
    employer_learned_on = models.DateField(null=True, blank=True)
    working_days_to_report = models.PositiveIntegerField(null=True, blank=True)
    reported_late = models.BooleanField(default=False)
    referrer_type = models.CharField(max_length=20, choices=ReferrerType.choices)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    harm_limbs = models.JSONField(default=list, blank=True)
    summary = models.TextField()
    advice_given = models.TextField(blank=True)
    initial_consideration_due = models.DateTimeField(null=True, blank=True)
    # Outcome (referrals).
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    working_days_to_conclusion = models.PositiveIntegerField(null=True, blank=True)
    employer_action = models.CharField(max_length=20, choices=EmployerAction.choices, blank=True)
    employer_action_detail = models.CharField(max_length=300, blank=True)
    dbs_referral = models.CharField(max_length=10, choices=DbsReferral.choices, blank=True)
    dbs_referred_on = models.DateField(null=True, blank=True)
    regulator = models.CharField(max_length=200, blank=True)
    regulator_referred_on = models.DateField(null=True, blank=True)
    retain_until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["received_at"]),
            models.Index(fields=["concluded_on"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"LADO-{self.pk:05d}" if self.pk else "LADO-new"

    @property
    def is_referral(self) -> bool:
        return self.kind == ApproachKind.REFERRAL

    @property
    def subject_name(self) -> str:
        return self.subject.full_name if self.subject_id and self.subject else "Not named"

    @property
    def harm_limb_labels(self) -> list[str]:
        return [HARM_LIMB_SHORT.get(limb, limb) for limb in self.harm_limbs]


class AllegationChild(models.Model):
    """A child involved, linked to the people index (chosen under its access rules)."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="child_links")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["allegation", "person"], name="allegation_child_once")
        ]

    def __str__(self) -> str:
        return f"Child {self.person_id} in allegation {self.allegation_id}"


class InitialConsideration(models.Model):
    """Within one working day of receipt (DOMAIN.md §5; KCSIE Part 4)."""

    allegation = models.OneToOneField(
        Allegation, on_delete=models.CASCADE, related_name="initial_consideration"
    )
    nature_and_context = models.TextField()
    history = models.TextField()
    police_needed = models.BooleanField()
    s47_needed = models.BooleanField()
    stay_in_role = models.CharField(max_length=20, choices=StayInRole.choices)
    alternatives_considered = models.TextField(blank=True)
    hold_meeting = models.BooleanField()
    rationale = models.TextField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Initial consideration of allegation {self.allegation_id}"

    @property
    def on_time(self) -> bool:
        due = self.allegation.initial_consideration_due
        return due is None or self.recorded_at <= due


class MeetingKind(models.TextChoices):
    INITIAL = "initial", "Initial allegation management meeting"
    REVIEW = "review", "Review meeting"


class Meeting(Versioned):
    """An allegation management meeting. Draft until finalised; final records cannot change
    (except recording when feedback arrived). Versioned: two people editing one draft never
    overwrite each other."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField(null=True, blank=True)
    attendees = models.TextField(blank=True)
    key_issues = models.TextField(blank=True)
    support_provider = models.CharField(max_length=200, blank=True)
    support_description = models.TextField(blank=True)
    no_support_reason = models.TextField(blank=True)
    feedback_due_on = models.DateField(null=True, blank=True)
    feedback_received_on = models.DateField(null=True, blank=True)
    final = models.BooleanField(default=False)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({'final' if self.final else 'draft'})"


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField()
    decision = models.TextField(blank=True)
    rationale = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"Decision {self.position}"


class MeetingAction(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField()
    description = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"Action {self.position}"


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", "Awaiting authorisation"
    RETURNED = "returned", "Returned for changes"
    AUTHORISED = "authorised", "Authorised"


class OutcomeProposal(Versioned):
    """The outcome a designated officer proposes for a referral. It takes effect (the allegation is
    concluded) only when a second designated officer authorises it: four eyes on every allegation
    outcome. A second officer may instead return it with a reason (a challenge); whoever changes it
    after that is also barred from authorising it."""

    allegation = models.OneToOneField(
        Allegation, on_delete=models.CASCADE, related_name="outcome_proposal"
    )
    state = models.CharField(
        max_length=20, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    concluded_on = models.DateField()
    employer_action = models.CharField(max_length=20, choices=EmployerAction.choices)
    employer_action_detail = models.CharField(max_length=300, blank=True)
    dbs_referral = models.CharField(max_length=10, choices=DbsReferral.choices)
    dbs_referred_on = models.DateField(null=True, blank=True)
    regulator = models.CharField(max_length=200, blank=True)
    regulator_referred_on = models.DateField(null=True, blank=True)
    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The author and everyone who changed the proposal: none of them may authorise it.
    involved = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    returned_reason = models.TextField(blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="authorised") | models.Q(authorised_by__isnull=False),
                name="allegation_outcome_authorised_has_authoriser",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="authorised")
                | ~models.Q(authorised_by=models.F("proposed_by")),
                name="allegation_outcome_not_authorised_by_proposer",
            ),
        ]

    def __str__(self) -> str:
        return f"Outcome proposal for allegation {self.allegation_id} ({self.state})"
