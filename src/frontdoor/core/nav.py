"""Navigation by role: each entry shows when the user has its capability."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: str


NAV_ITEMS: list[NavItem] = [
    NavItem("MASH queue", "intake:queue", "view_queue"),
    NavItem("Work trays", "screening:trays", "screen"),
    NavItem("People", "people:search", "view_people"),
    NavItem("Seals to review", "people:seal_review_list", "restricted_records"),
    NavItem("Possible duplicates", "duplicates:queue", "edit_people"),
    NavItem("Child protection", "child_protection:home", "child_protection"),
    NavItem("Police notifications", "police:home", "police_screening"),
    NavItem("Out of hours", "out_of_hours:home", "edt"),
    NavItem("Exploitation", "exploitation:home", "exploitation"),
    NavItem("Early help", "earlyhelp:home", "early_help"),
    NavItem("Allegations", "allegations:home", "allegations"),
    NavItem("My concerns", "intake:partner_home", "submit_concern"),
    NavItem("Performance", "reporting:dashboard", "view_reports"),
    NavItem("Returns", "reporting:returns", "export_returns"),
    NavItem("Data protection", "dataprotection:review", "retention"),
    NavItem("Administration", "administration:home", "admin"),
]


def nav_for(user: object, path: str) -> list[dict[str, object]]:
    items = []
    for item in NAV_ITEMS:
        if not getattr(user, "can", lambda _c: False)(item.capability):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # the area is not installed in this build
        items.append(
            {"label": item.label, "url": url, "current": path.startswith(url) and url != "/"}
        )
    return items
