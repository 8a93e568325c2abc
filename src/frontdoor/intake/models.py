"""Contacts: every approach to children's social care about a child, with the clock from receipt."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.core.codes import ReferralSource
from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    ONLINE = "online", "Online form"
    POLICE = "police", "Police notification"
    OUT_OF_HOURS = "out_of_hours", "Out of hours (emergency duty team)"
    OTHER = "other", "Other"


class ConcernCategory(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    EXPLOITATION = "exploitation", "Exploitation (sexual or criminal)"
    MENTAL_HEALTH = "mental_health", "Mental health (child or parent)"
    SUBSTANCE = "substance", "Substance misuse"
    MISSING = "missing", "Going missing"
    DISABILITY = "disability", "Disability or illness"
    FAMILY_STRESS = "family_stress", "Family in acute stress"
    BEHAVIOUR = "behaviour", "Behaviour"
    ALLEGATION = "allegation", "Allegation about someone who works with children"
    OTHER = "other", "Other"


class ParentsAware(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class ContactStatus(models.TextChoices):
    OPEN = "open", "Awaiting decision"
    DECIDED = "decided", "Decided"


# Sources whose referrer is a member of the public: the identity is confidential from the family.
NON_PROFESSIONAL_SOURCES = {"1A", "1B", "1C", "1D", "9", "10"}


class Contact(Versioned):
    received_at = models.DateTimeField(
        help_text="When the contact was received: the clock starts here."
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    source = models.CharField(max_length=3, choices=ReferralSource.choices)
    source_organisation = models.CharField(max_length=200, blank=True)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_email = models.EmailField(blank=True)
    anonymous = models.BooleanField(default=False)
    referrer_confidential = models.BooleanField(default=False)
    concerns = models.TextField(help_text="The concerns in the referrer's own words.")
    categories = models.JSONField(default=list)
    parents_aware = models.CharField(max_length=10, choices=ParentsAware.choices)
    status = models.CharField(
        max_length=10, choices=ContactStatus.choices, default=ContactStatus.OPEN
    )
    # Working Together: a decision within one working day of receipt. Stored when the clock starts.
    decision_due_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A partner agency user who submitted the concern online: they see this contact and its outcome only.
    submitted_by_partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_contacts",
    )
    # What a partner typed about the child, kept as submitted (the child is matched or created).
    partner_child_details = models.JSONField(default=dict, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome_summary = models.CharField(max_length=200, blank=True)

    # Set by intake.selectors.mash_queue: the children on the contact this user may see.
    visible_children: list[Person]
    # The route that made a contact keeps the link on its own side (a police notification child's
    # `contact`, an EDT record's `contact`, an early help episode's `step_up_contact`).

    class Meta:
        ordering = ["decision_due_at"]
        indexes = [
            models.Index(fields=["status", "decision_due_at"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk} received {self.received_at:%d/%m/%Y %H:%M}"

    @property
    def referrer_display(self) -> str:
        if self.anonymous:
            return "Anonymous"
        return ", ".join(
            p for p in (self.referrer_name, self.referrer_role, self.source_organisation) if p
        )


class ContactChild(models.Model):
    """One child on a contact. A contact about several children of a household records each."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="children")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contact_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="unique_contact_child")
        ]
