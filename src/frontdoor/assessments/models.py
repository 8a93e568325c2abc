"""Assessments: manager guidance, the child and family assessment, Signs of Safety mapping.

Manager guidance at the outset (with the people to see), the assessment and the visits where the
child was seen, Signs of Safety case mappings (danger statements, safety goals, next steps, scaling,
bottom lines) and group supervision. Every record links to the referral (the episode) and the child.
Census names in comments: AssessmentActualStartDate, AssessmentAuthorisationDate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.core.codes import Agency
from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person

USER = settings.AUTH_USER_MODEL


class AssessmentGuidance(Versioned):
    """The manager's guidance at the outset of an assessment (focus, who to see, timescale)."""

    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="assessment_guidance"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessment_guidance")
    manager = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField()
    focus = models.TextField()
    lines_of_enquiry = models.TextField()
    due_date = models.DateField()  # at most 45 working days from the referral date
    max_due_date = models.DateField()  # the 45-working-day limit, stored when guidance is given
    # Inspectors found absent parents overlooked: the manager must say whether there is one.
    absent_parent = models.CharField(
        max_length=10,
        choices=[
            ("named", "Yes: named in the list below (does not live with the child)"),
            ("none", "No: every parent lives with the child"),
            ("unknown", "Not known yet"),
        ],
    )
    absent_parent_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]


class SeeRelationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Other parent or carer with parental responsibility"
    STEP_PARENT = "step_parent", "Step-parent or parent's partner"
    SIGNIFICANT = "significant", "Significant other (family or network)"

    @classmethod
    def parents(cls) -> set[str]:
        return {cls.MOTHER, cls.FATHER, cls.PARENT}


class PersonToSee(models.Model):
    """Someone the manager said must be seen, and (during the assessment) whether they engaged."""

    guidance = models.ForeignKey(
        AssessmentGuidance, on_delete=models.CASCADE, related_name="people_to_see"
    )
    name = models.CharField(max_length=200)
    # The person's record, when they are in the people index: a sealed parent (e.g. in a refuge) is
    # shown as "Restricted record" to anyone not on their access list.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    relationship = models.CharField(max_length=20, choices=SeeRelationship.choices)
    lives_with_child = models.BooleanField(default=True)
    engaged = models.BooleanField(null=True, blank=True)
    not_engaged_reason = models.TextField(blank=True)
    attempts = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    @property
    def is_parent(self) -> bool:
        return self.relationship in SeeRelationship.parents()


class AssessmentOutcome(models.TextChoices):
    NFA = "nfa", "No further action"
    STEP_DOWN = "step_down", "Step down to early help"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY = "strategy", "Strategy discussion"
    CHILD_PROTECTION = "child_protection", "Child protection"
    ACCOMMODATION = "accommodation", "Request for accommodation"


class DirectWorkTool(models.TextChoices):
    THREE_HOUSES = "three_houses", "Three Houses"
    WORDS_AND_PICTURES = "words_and_pictures", "Words and Pictures"
    FAIRY_WIZARD = "fairy_wizard", "Fairy/Wizard"
    SAFETY_HOUSE = "safety_house", "Safety House"
    OTHER = "other", "Other"


class Assessment(Versioned):
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="assessments"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    guidance = models.OneToOneField(
        AssessmentGuidance, on_delete=models.PROTECT, related_name="assessment"
    )
    worker = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField()  # AssessmentActualStartDate
    due_date = models.DateField()  # from the manager's guidance
    direct_work = models.JSONField(default=list, blank=True)
    direct_work_other = models.CharField(max_length=200, blank=True)
    child_voice = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    factors = models.JSONField(default=list, blank=True)  # core.codes.AssessmentFactor
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)
    authorised_date = models.DateField(
        null=True, blank=True
    )  # AssessmentAuthorisationDate = completion
    authorised_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late_reason = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            # CIN census: at most one open assessment per episode (the guard says so readably;
            # two workers starting one at the same moment meet this).
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(authorised_date__isnull=True),
                name="one_open_assessment_per_referral",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.authorised_date is None


class ChildSeen(models.Model):
    """A visit in which the child was seen (and whether alone)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="visits")
    seen_on = models.DateField()
    seen_alone = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["seen_on", "id"]


class CaseMapping(Versioned):
    """A Signs of Safety case mapping (DOMAIN.md §4), on an assessment or standalone."""

    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="mappings"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mappings")
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="mappings"
    )
    held_on = models.DateField()
    harm = models.TextField()
    complicating_factors = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    existing_safety = models.TextField(blank=True)
    grey_areas = models.TextField(blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]


class DangerStatement(models.Model):
    """A danger statement, always paired with its safety goal."""

    mapping = models.ForeignKey(CaseMapping, on_delete=models.CASCADE, related_name="dangers")
    danger = models.TextField()
    safety_goal = models.TextField()

    class Meta:
        ordering = ["id"]


class NextStep(models.Model):
    mapping = models.ForeignKey(CaseMapping, on_delete=models.CASCADE, related_name="next_steps")
    who = models.CharField(max_length=200)
    what = models.TextField()
    by_when = models.DateField()

    class Meta:
        ordering = ["by_when", "id"]


class ScaleRole(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    FAMILY = "family", "Family"
    NETWORK = "network", "Network"
    CHILD = "child", "Child"


class ScalingScore(models.Model):
    """One participant's safety scale: 0 = the child cannot live at home, 10 = safe enough to close."""

    mapping = models.ForeignKey(CaseMapping, on_delete=models.CASCADE, related_name="scores")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=ScaleRole.choices)
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["id"]


class BottomLine(models.Model):
    """A structured contingency plan: every part is required so it cannot be vague."""

    mapping = models.ForeignKey(CaseMapping, on_delete=models.CASCADE, related_name="bottom_lines")
    trigger = models.TextField()
    agency_action = models.TextField()
    who_acts = models.CharField(max_length=200)
    how_quickly = models.CharField(max_length=200)
    family_must = models.TextField()

    class Meta:
        ordering = ["id"]

    # The plan reads "If <trigger>, then <who acts> will <action> <how quickly>." People often type
    # the joining words themselves ("If Gareth drinks…", "The allocated social worker", "Will
    # call…"): the sentence is built from the parts without repeating or capitalising them.
    @property
    def trigger_clause(self) -> str:
        return _lower_article(_strip_lead(self.trigger, ("if ",)).rstrip(" ,.;"))

    @property
    def who_acts_clause(self) -> str:
        return _lower_article(_strip_lead(self.who_acts, ("then ",)).rstrip(" ,.;"))

    @property
    def agency_action_clause(self) -> str:
        return _strip_lead(self.agency_action, ("will ",)).rstrip(" ,.;")

    @property
    def how_quickly_clause(self) -> str:
        return self.how_quickly.strip().rstrip(" ,.;")


_ARTICLES = ("The", "A", "An", "Our", "Their", "His", "Her", "Your", "Any", "Every")


def _strip_lead(text: str, leads: tuple[str, ...]) -> str:
    text = text.strip()
    for lead in leads:
        if text.lower().startswith(lead):
            text = text[len(lead) :].lstrip()
    return text


def _lower_article(text: str) -> str:
    """Mid-sentence, "The allocated social worker" becomes "the allocated social worker"; names and
    abbreviations ("Gareth", "MASH") keep their capitals."""
    first, _, rest = text.partition(" ")
    if first in _ARTICLES:
        return f"{first.lower()} {rest}".rstrip()
    return text


class GroupSupervision(Versioned):
    """A group supervision / multi-agency mapping meeting about one child."""

    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="group_supervisions"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="group_supervisions")
    held_on = models.DateField()
    chair = models.CharField(max_length=200)
    presenter = models.CharField(max_length=200)
    mapping = models.ForeignKey(
        CaseMapping, null=True, blank=True, on_delete=models.PROTECT, related_name="supervisions"
    )
    decision = models.TextField()
    accountable_manager = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]


class SupervisionParticipant(models.Model):
    supervision = models.ForeignKey(
        GroupSupervision, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=30, choices=Agency.choices)
    role = models.CharField(max_length=200)
    contribution = models.TextField()
    scale = models.PositiveSmallIntegerField()
