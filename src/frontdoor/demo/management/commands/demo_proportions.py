"""`frontdoor demo_proportions [--year 2026]`: how the seeded data compares with a real front door
(the figures docs/demo-data.md reports). Reads only; for the demo database."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Count

from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.child_protection.selectors import previous_cp_plan_counts
from frontdoor.core.calendar import local_date, within_months
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.intake.models import Contact, ContactChild
from frontdoor.people.models import Person
from frontdoor.police.models import NotificationChild
from frontdoor.preproceedings.models import PreProceedings
from frontdoor.visits.models import CINPlan, StatutoryVisit


def _pct(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.1f}%)" if whole else f"{part} of 0"


class Command(BaseCommand):
    help = "Print the demo data's proportions against national figures (docs/demo-data.md)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--year", type=int, default=2026, help="collection year ending 31 March"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = date(options["year"] - 1, 4, 1), date(options["year"], 3, 31)
        out = self.stdout.write
        out(f"Collection year {start} to {end}")
        days: dict[int, list[date]] = defaultdict(list)
        for person_id, day in Referral.objects.values_list("person_id", "referral_date"):
            days[person_id].append(day)
        in_year = list(
            Referral.objects.filter(referral_date__gte=start, referral_date__lte=end).values_list(
                "pk", "person_id", "referral_date", "nfa"
            )
        )
        again = sum(
            1
            for _, person_id, day, _ in in_year
            if any(d < day and within_months(d, day, 12) for d in days[person_id])
        )
        out(f"Re-referrals within 12 months (England 22.6%): {_pct(again, len(in_year))}")
        out(
            f"Referrals NFA (England 6.5%): {_pct(sum(1 for *_, nfa in in_year if nfa), len(in_year))}"
        )
        contacts = Contact.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
        links = list(
            ContactChild.objects.filter(contact__in=contacts).values_list(
                "person_id", "contact__received_at"
            )
        )
        referred = Referral.objects.filter(
            contact__in=contacts, referral_date__gte=start, referral_date__lte=end
        ).count()
        out(f"Contacts {contacts.count()}; child contacts {len(links)}")
        out(f"Referrals per child contact (England about 23%): {_pct(referred, len(links))}")
        seen: dict[int, list[date]] = defaultdict(list)
        for person_id, received in ContactChild.objects.values_list(
            "person_id", "contact__received_at"
        ):
            seen[person_id].append(local_date(received))
        repeat = sum(
            1
            for person_id, received in links
            if any(
                d < local_date(received) and within_months(d, local_date(received), 12)
                for d in seen[person_id]
            )
        )
        out(f"Child contacts with another in the previous 12 months: {_pct(repeat, len(links))}")
        police = list(
            NotificationChild.objects.filter(person__isnull=False)
            .values("person__household_id")
            .annotate(n=Count("notification_id", distinct=True))
            .values_list("person__household_id", "n")
        )
        out(
            "Households with police notifications: "
            f"{len(police)}; with more than one: {_pct(sum(1 for _, n in police if n > 1), len(police))}"
        )
        out(
            f"Step-downs to early help: {StepDown.objects.count()}; early help episodes "
            f"{EarlyHelpEpisode.objects.count()}; stepped up to social care "
            f"{EarlyHelpEpisode.objects.filter(step_up_contact__isnull=False).count()}"
        )
        plans = list(ChildProtectionPlan.objects.values_list("pk", flat=True))
        previous = previous_cp_plan_counts(plans)
        out(
            f"CP plans: {len(plans)}; second or later plans: {_pct(sum(1 for n in previous.values() if n), len(plans))}"
        )
        with_visits = set(
            StatutoryVisit.objects.filter(cp_plan__isnull=False).values_list(
                "cp_plan_id", flat=True
            )
        )
        out(f"CP plans with statutory visits: {_pct(len(with_visits), len(plans))}")
        cin = CINPlan.objects.count()
        cin_visited = (
            StatutoryVisit.objects.filter(cin_plan__isnull=False)
            .values("cin_plan_id")
            .distinct()
            .count()
        )
        out(
            f"CIN plans: {cin}; with statutory visits: {_pct(cin_visited, cin)}; visits {StatutoryVisit.objects.count()}"
        )
        pre = PreProceedings.objects
        out(
            f"Pre-proceedings: {pre.count()}; FGDM offered {pre.filter(fgdm_meeting_offer=True).count()}; "
            f"FGDM held {pre.filter(fgdm_meeting_fac=True).count()}; stepped up "
            f"{pre.filter(step_decision='step_up').count()}"
        )
        today = local_date(Contact.objects.latest("received_at").received_at)
        school_age = [
            p
            for p in Person.objects.filter(kind="child", date_of_birth__isnull=False).only(
                "date_of_birth", "upn"
            )
            if 5 <= p.age_on(today) <= 16
        ]
        out(
            f"School-age children with a UPN: {_pct(sum(1 for p in school_age if p.upn), len(school_age))}"
        )
