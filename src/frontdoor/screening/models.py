"""MASH screening: one screening per child per contact, with its urgency (RAG) history, partner
information requests, consent, the decision and the manager's oversight of it, and what the
referrer was told.

A screening belongs to a practitioner (unallocated until someone takes it). Its decision is kept
with every authorisation, challenge and answer; deadlines are stored when each clock starts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.core.codes import Agency, LevelOfNeed, PrimaryNeed
from frontdoor.core.concurrency import Versioned
from frontdoor.intake.models import Contact, ContactChild
from frontdoor.people.models import Person


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ScreeningStatus(models.TextChoices):
    OPEN = "open", "Screening"
    AWAITING_AUTHORISATION = "awaiting", "Awaiting authorisation"
    RETURNED = "returned", "Returned with a challenge"
    AUTHORISED = "authorised", "Decision authorised"


class ConsentOutcome(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
    NOT_SOUGHT = "not_sought", "Consent not sought"


class DispensationReason(models.TextChoices):
    SIGNIFICANT_HARM = (
        "significant_harm",
        "Seeking consent would place the child at risk of significant harm",
    )
    UNDUE_DELAY = "undue_delay", "Seeking consent would cause undue delay"
    LOSE_EVIDENCE = "lose_evidence", "Seeking consent could lose evidence"
    OTHER = "other", "Another reason (explain)"


class Outcome(models.TextChoices):
    NFA = "nfa", "No further action"
    ADVICE = "advice", "Information, advice or signposting"
    UNIVERSAL = "universal", "Universal services"
    STEP_DOWN = "step_down", "Step-down to early help"
    ASSESSMENT = (
        "assessment",
        "Referral to children's social care for a child and family assessment",
    )
    STRATEGY = "strategy", "Strategy discussion (immediate risk of significant harm)"
    ALLOCATED_WORKER = "allocated_worker", "Pass to the allocated worker of an open case"
    DESIGNATED_OFFICER = (
        "designated_officer",
        "Designated officer (allegation about someone who works with children)",
    )
    TRANSFER = "transfer", "Transfer to another council"


# Short words for the contact's outcome summary, which the referring partner sees.
OUTCOME_SHORT = {
    Outcome.NFA: "No further action",
    Outcome.ADVICE: "Information, advice or signposting",
    Outcome.UNIVERSAL: "Universal services",
    Outcome.STEP_DOWN: "Early help",
    Outcome.ASSESSMENT: "Referred for a social work assessment",
    Outcome.STRATEGY: "Referred for a child protection response",
    Outcome.ALLOCATED_WORKER: "Passed to the allocated social worker",
    Outcome.DESIGNATED_OFFICER: "Passed to the designated officer",
    Outcome.TRANSFER: "Transferred to another council",
}

# Outcomes that open a referral (a CIN episode) when authorised.
REFERRAL_OUTCOMES = {Outcome.ASSESSMENT, Outcome.STRATEGY}
# Outcomes that pass information about the family to another agency or service.
SHARING_OUTCOMES = {
    Outcome.UNIVERSAL,
    Outcome.STEP_DOWN,
    Outcome.ASSESSMENT,
    Outcome.STRATEGY,
    Outcome.ALLOCATED_WORKER,
    Outcome.DESIGNATED_OFFICER,
    Outcome.TRANSFER,
}


class DelayReason(models.TextChoices):
    PARTNER_INFORMATION = "partner_information", "Waiting for essential partner information"
    CONSENT = "consent", "Waiting to speak to the parents about consent"
    VOLUME = "volume", "Volume of work in the team"
    COMPLEXITY = "complexity", "Complexity: more enquiries were needed"
    OTHER = "other", "Another reason (explain)"


class Screening(Versioned):
    contact_child = models.OneToOneField(
        ContactChild, on_delete=models.PROTECT, related_name="screening"
    )
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="screenings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="screenings")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="screenings",
    )
    status = models.CharField(
        max_length=12, choices=ScreeningStatus.choices, default=ScreeningStatus.OPEN
    )
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The current urgency; the history is in RagRating.
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    checks_due_at = models.DateTimeField(null=True, blank=True)
    # Consent to share information (DPA 2018; Working Together: information sharing).
    consent_sought = models.BooleanField(null=True)
    consent_outcome = models.CharField(max_length=10, choices=ConsentOutcome.choices, blank=True)
    consent_reason = models.CharField(max_length=20, choices=DispensationReason.choices, blank=True)
    consent_explanation = models.TextField(blank=True)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_authorised_at = models.DateTimeField(null=True, blank=True)
    consent_authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [
            models.Index(fields=["status", "owner"]),
            models.Index(fields=["person", "started_at"]),
        ]

    def __str__(self) -> str:
        return f"Screening {self.pk}"

    @property
    def without_consent(self) -> bool:
        return self.consent_outcome in (ConsentOutcome.REFUSED, ConsentOutcome.NOT_SOUGHT)


class RagRating(models.Model):
    """Every urgency rating given to a screening, with its rationale and partner-check deadline."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="ratings")
    rating = models.CharField(max_length=5, choices=Rag.choices)
    rationale = models.TextField(blank=True)
    rated_at = models.DateTimeField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checks_due_at = models.DateTimeField()

    class Meta:
        ordering = ["-rated_at", "-id"]


class InformationRequest(Versioned):
    """A request to a partner agency for what it knows, due by the RAG timescale."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="requests")
    agency = models.CharField(max_length=40, choices=Agency.choices)
    question = models.TextField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField()
    received_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(
        max_length=200, blank=True, help_text="Who answered for the agency"
    )
    shared = models.TextField(blank=True, help_text="What the agency shared")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["received_at", "due_at"])]

    @property
    def is_outstanding(self) -> bool:
        return self.received_at is None


class DecisionStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting authorisation"
    RETURNED = "returned", "Returned with a challenge"
    AUTHORISED = "authorised", "Authorised"


class Decision(Versioned):
    """The practitioner's decision for one child, which a manager authorises or challenges."""

    screening = models.OneToOneField(Screening, on_delete=models.CASCADE, related_name="decision")
    level_of_need = models.PositiveSmallIntegerField(choices=LevelOfNeed.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    rationale = models.TextField()
    risks_and_protective_factors = models.TextField()
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    # Reported separately: why a decision came after the one-working-day deadline.
    late = models.BooleanField(default=False)
    delay_reason = models.CharField(max_length=20, choices=DelayReason.choices, blank=True)
    delay_explanation = models.TextField(blank=True)
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.AWAITING
    )
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when the decision was applied from a sibling's ("apply this decision to the siblings").
    applied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What authorisation did: the referral opened or linked (the step-down requested is the
    # reverse of `earlyhelp.StepDown.decision`: `decision.stepdown`).
    referral = models.ForeignKey(
        "cases.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["status", "outcome"])]
        constraints = [
            # One decision per screening is the OneToOne above; one authorised decision per
            # screening, and an authorised decision names an authoriser who is not its maker.
            models.UniqueConstraint(
                fields=["screening"],
                condition=Q(status="authorised"),
                name="one_authorised_decision_per_screening",
            ),
            models.CheckConstraint(
                condition=~Q(status="authorised")
                | (
                    Q(authorised_by__isnull=False, authorised_at__isnull=False)
                    & ~Q(authorised_by=models.F("decided_by"))
                ),
                name="authorised_decision_has_a_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Decision {self.pk} ({self.get_outcome_display()})"

    @property
    def is_strategy(self) -> bool:
        return self.outcome == Outcome.STRATEGY


# What a practitioner records (and may revise when answering a challenge).
DECISION_FIELDS = (
    "level_of_need",
    "outcome",
    "rationale",
    "risks_and_protective_factors",
    "primary_need",
    "delay_reason",
    "delay_explanation",
)


class OversightKind(models.TextChoices):
    AUTHORISED = "authorised", "Authorised"
    CHALLENGE = "challenge", "Returned with a challenge"
    ANSWER = "answer", "Practitioner's answer"


class Oversight(models.Model):
    """Every authorisation, challenge and answer on a decision, in order. Never edited."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="oversight")
    kind = models.CharField(max_length=12, choices=OversightKind.choices)
    text = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]


class UpdateKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    FEEDBACK = "feedback", "Outcome feedback"


class UpdateMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Secure email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    PORTAL = "portal", "Partner portal"


class ReferrerUpdate(models.Model):
    """An acknowledgement or outcome feedback given to the referrer of a contact."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="referrer_updates")
    kind = models.CharField(max_length=16, choices=UpdateKind.choices)
    method = models.CharField(max_length=12, choices=UpdateMethod.choices)
    given_at = models.DateTimeField()
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["given_at", "id"]
        indexes = [models.Index(fields=["contact", "kind"])]
