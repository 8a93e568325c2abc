"""Council-wide settings held in the database (local closure days), and the one-time tokens of
create forms."""

from django.db import models


class LocalClosure(models.Model):
    """A day the council's offices are closed (besides weekends and England bank holidays)."""

    day = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d %B %Y}: {self.reason}"


class FormSubmission(models.Model):
    """A create form's one-time token, claimed by the first post that carries it.

    The unique token is the guard: a second post of the same form (a double click, a resent
    request, a second tab) cannot claim it again and is shown the record the first post made.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    path = models.CharField(max_length=200)
    claimed_at = models.DateTimeField()
    result_url = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.path} {self.claimed_at:%Y-%m-%d %H:%M}"
