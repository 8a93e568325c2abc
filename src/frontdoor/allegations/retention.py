"""How long allegation records are kept, by outcome (DOMAIN.md §5: "Retention is a setting per
outcome"). Override any entry with the Django setting FRONTDOOR_LADO_RETENTION, e.g.

    FRONTDOOR_LADO_RETENTION = {"unfounded": {"from": "conclusion", "years": 6}}

Each rule counts `years` from either the person's date of birth ("birth") or the date the case was
concluded ("conclusion"; for consultations, the date the advice was given). When a rule counts from
birth but the date of birth is not known, `fallback_years` from the conclusion are used instead.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings

DEFAULT_RETENTION: dict[str, dict[str, Any]] = {
    # One council's schedule (DOMAIN.md §5): 100 years from birth for substantiated and
    # unsubstantiated cases; 10 years for false, malicious and unfounded ones.
    "substantiated": {"from": "birth", "years": 100, "fallback_years": 10},
    "unsubstantiated": {"from": "birth", "years": 100, "fallback_years": 10},
    "false": {"from": "conclusion", "years": 10},
    "malicious": {"from": "conclusion", "years": 10},
    "unfounded": {"from": "conclusion", "years": 10},
    "consultation": {"from": "conclusion", "years": 10},
}


def retention_rules() -> dict[str, dict[str, Any]]:
    rules = {key: dict(value) for key, value in DEFAULT_RETENTION.items()}
    for key, value in (getattr(settings, "FRONTDOOR_LADO_RETENTION", None) or {}).items():
        rules.setdefault(key, {}).update(value)
    return rules


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that is not a leap year
        return day.replace(year=day.year + years, day=28)


def retain_until(outcome: str, *, concluded_on: date, date_of_birth: date | None) -> date:
    """The date until which the record is kept, for an outcome (or "consultation")."""
    rule = retention_rules()[outcome]
    if rule.get("from") == "birth":
        if date_of_birth is not None:
            return add_years(date_of_birth, int(rule["years"]))
        return add_years(concluded_on, int(rule.get("fallback_years", 10)))
    return add_years(concluded_on, int(rule["years"]))
