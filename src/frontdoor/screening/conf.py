"""Local practice settings for screening (DOMAIN.md §3: local rules are settings, not constants).

Each can be overridden in Django settings:

- FRONTDOOR_RAG_HOURS: hours for partner checks by urgency. Default red 4, amber 24, green 72.
- FRONTDOOR_RAG_CLOCK_HOURS: ratings whose timescale runs in clock hours, even out of office
  hours ("red work is finished even out of hours"). Default {"red"}. Others are working hours.
- FRONTDOOR_INFO_AGENCIES: the agencies the MASH may ask for information (core.codes.Agency values).
- FRONTDOOR_THRESHOLD_DESCRIPTORS: the council's threshold descriptor for each level of need 1-4.
"""

from __future__ import annotations

from django.conf import settings

from frontdoor.core.codes import Agency

DEFAULT_RAG_HOURS = {"red": 4, "amber": 24, "green": 72}
DEFAULT_RAG_CLOCK_HOURS = frozenset({"red"})
DEFAULT_INFO_AGENCIES = [
    Agency.POLICE,
    Agency.HEALTH,
    Agency.EDUCATION,
    Agency.PROBATION,
    Agency.HOUSING,
    Agency.EARLY_HELP,
    Agency.OTHER_LA,
]
DEFAULT_THRESHOLD_DESCRIPTORS = {
    1: "Universal: the child's needs are met by universal services (school, GP, health visitor) "
    "with no additional support.",
    2: "Additional needs: the child or family needs extra support from a single agency or early help, "
    "with the family's agreement.",
    3: "Complex needs: several needs that call for a coordinated, targeted early help response "
    "(team around the family), or a child in need assessment.",
    4: "Acute or specialist: the child is in need of protection or has acute needs that call for a "
    "statutory social care response (child and family assessment, strategy discussion, s47).",
}


def rag_hours() -> dict[str, float]:
    return {**DEFAULT_RAG_HOURS, **getattr(settings, "FRONTDOOR_RAG_HOURS", {})}


def rag_clock_hours() -> frozenset[str]:
    return frozenset(getattr(settings, "FRONTDOOR_RAG_CLOCK_HOURS", DEFAULT_RAG_CLOCK_HOURS))


def info_agencies() -> list[tuple[str, str]]:
    values = getattr(settings, "FRONTDOOR_INFO_AGENCIES", DEFAULT_INFO_AGENCIES)
    labels = dict(Agency.choices)
    return [(str(v), labels[str(v)]) for v in values]


def threshold_descriptors() -> dict[int, str]:
    return {
        **DEFAULT_THRESHOLD_DESCRIPTORS,
        **getattr(settings, "FRONTDOOR_THRESHOLD_DESCRIPTORS", {}),
    }
