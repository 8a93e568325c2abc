"""Council-wide settings held in the database: local closure days."""

from django.db import models


class LocalClosure(models.Model):
    """A day the council's offices are closed (besides weekends and England bank holidays)."""

    day = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d %B %Y}: {self.reason}"
