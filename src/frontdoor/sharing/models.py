"""The information-sharing record: every share of information about a child, and every decision
not to share, with whom, why, how and who decided (DOMAIN.md §11 and §12).

Children's Wellbeing and Schools Act 2026 s4 (new s16LA Children Act 2004): a relevant person must
disclose information relevant to a child's welfare unless that would be more detrimental to the
child than not disclosing; s16LC: the child's consistent identifier (the NHS number) is included
whenever information about the child is processed. Working Together 2023: record what was shared,
with whom and why. A record is never edited: a correction is a new record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.intake.models import Contact
from frontdoor.people.models import Person


class Purpose(models.TextChoices):
    """The lawful basis and purpose of a share (or of the decision not to share)."""

    S47 = "s47", "Safeguarding: child protection enquiries (Children Act 1989 s47)"
    S17 = "s17", "Child in need (Children Act 1989 s17)"
    S16LA = "s16la", "Duty to share information about a child's welfare (Children Act 2004 s16LA)"
    MASH_CHECKS = "mash_checks", "Multi-agency checks at the front door (Working Together 2023)"
    REFERRER_FEEDBACK = "referrer_feedback", "Feedback to the referrer (Working Together 2023)"
    ENCOMPASS = "encompass", "Operation Encompass: telling the school or health visitor"
    MARAC = "marac", "MARAC: high-risk domestic abuse (Crime and Disorder Act 1998 s115)"
    SUBJECT_ACCESS = "subject_access", "Subject access request (UK GDPR Article 15)"
    PUBLIC_TASK = "public_task", "Public task or legal obligation (UK GDPR Article 6(1)(c) or (e))"


class SharingChannel(models.TextChoices):
    PHONE = "phone", "Phone"
    SECURE_EMAIL = "secure_email", "Secure email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"
    MEETING = "meeting", "Meeting"
    PORTAL = "portal", "Secure portal"
    API = "api", "Partner API"
    EXPORT = "export", "Subject access export"
    NOT_RECORDED = "not_recorded", "Not recorded by the sending path"


class Direction(models.TextChoices):
    SENT = "sent", "We shared"
    RECEIVED = "received", "Shared with us"


class NhsNumberAbsent(models.TextChoices):
    """Why a share carries no NHS number: the two exceptions in s16LC."""

    NOT_KNOWN = "not_known", "Not known, and finding it would cause unreasonable delay"
    DETRIMENTAL = "detrimental", "Left out: including it would be more detrimental to the child"


# The records a share can come from: one at most, each a real foreign key.
SOURCES = ("information_request", "referrer_update", "encompass_notice", "marac_notification")


def _at_most_one_source() -> Q:
    none = Q(**{f"{name}__isnull": True for name in SOURCES})
    condition = none
    for chosen in SOURCES:
        condition |= Q(
            **{f"{name}__isnull": name != chosen for name in SOURCES},
        )
    return condition


class SharingRecord(models.Model):
    # Null only for an Operation Encompass notice about a child the police named but the MASH has
    # not matched yet; the child's page finds it through the notice once matched.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="sharing_records"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="sharing_records"
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.SENT)
    shared = models.BooleanField(default=True)
    what = models.CharField(
        max_length=500, help_text="A summary of what was shared, never the record"
    )
    recipient = models.CharField(max_length=200)
    recipient_agency = models.CharField(max_length=200)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    note = models.TextField(blank=True)
    reason_not_shared = models.TextField(blank=True)
    channel = models.CharField(max_length=20, choices=SharingChannel.choices)
    at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    # The consistent identifier as it was at the time of the share, or why it was not included.
    nhs_number = models.CharField(max_length=10, blank=True)
    nhs_number_absent = models.CharField(max_length=12, choices=NhsNumberAbsent.choices, blank=True)
    information_request = models.ForeignKey(
        "screening.InformationRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sharing_records",
    )
    referrer_update = models.ForeignKey(
        "screening.ReferrerUpdate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sharing_records",
    )
    encompass_notice = models.ForeignKey(
        "police.EncompassNotice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sharing_records",
    )
    marac_notification = models.ForeignKey(
        "police.PoliceNotification",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="marac_sharing_records",
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person", "at"]),
            models.Index(fields=["at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(shared=True) & Q(reason_not_shared=""))
                | (Q(shared=False) & ~Q(reason_not_shared="")),
                name="sharing_reason_only_when_not_shared",
            ),
            models.CheckConstraint(
                condition=(~Q(nhs_number="") & Q(nhs_number_absent=""))
                | (Q(nhs_number="") & ~Q(nhs_number_absent="")),
                name="sharing_nhs_number_or_why_not",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(encompass_notice__isnull=False),
                name="sharing_about_a_child",
            ),
            models.CheckConstraint(condition=_at_most_one_source(), name="sharing_one_source"),
            # Each sending path writes exactly one record per child and event.
            models.UniqueConstraint(
                fields=["information_request", "direction"],
                condition=Q(information_request__isnull=False),
                name="unique_sharing_information_request",
            ),
            models.UniqueConstraint(
                fields=["referrer_update", "person"],
                condition=Q(referrer_update__isnull=False),
                name="unique_sharing_referrer_update",
            ),
            models.UniqueConstraint(
                fields=["encompass_notice"],
                condition=Q(encompass_notice__isnull=False),
                name="unique_sharing_encompass_notice",
            ),
            models.UniqueConstraint(
                fields=["marac_notification", "person"],
                condition=Q(marac_notification__isnull=False),
                name="unique_sharing_marac_referral",
            ),
        ]

    def __str__(self) -> str:
        verb = "Shared with" if self.shared else "Decided not to share with"
        return f"{verb} {self.recipient} ({self.recipient_agency})"
