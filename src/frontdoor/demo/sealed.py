"""Demo stage run last: a few sealed children, as a real front door has (adoption placements, a
family at risk from someone who must not find them, a council employee's child), so the restricted
records queue, "Restricted record" in passing and the yearly seal review all show in the demo.

One sealed child has an empty access list (the restricted-records managers hold it) and a concern
received this morning, which waits in the restricted records queue with its clock running. One seal
is 14 months old, so it is due for review.
"""

from __future__ import annotations

from datetime import timedelta

from frontdoor.cases.models import Referral
from frontdoor.demo.context import SeedContext
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person
from frontdoor.people.services import person_seal

# (reason, who is on the access list, months ago)
SEALS = [
    (
        "Placed for adoption: the birth family must not learn where the child lives.",
        ["sw.assessment"],
        3,
    ),
    (
        "Family in a refuge: the child's father must not find them.",
        ["mash.worker", "sw.assessment"],
        6,
    ),
    ("Child of a council employee who works in children's services.", ["mash.manager"], 9),
    (
        "Subject of a court order restricting who may know the child's identity.",
        ["sw.assessment"],
        14,
    ),
    ("Sealed at the police's request while a criminal investigation runs.", [], 1),
]


def seed(ctx: SeedContext) -> None:
    children = list(
        Person.objects.filter(kind="child", sealed=False, contact_links__isnull=False)
        .distinct()
        .order_by("pk")[:400]
    )
    if len(children) < len(SEALS):
        return
    chosen = ctx.rng.sample(children, len(SEALS))
    for person, (reason, listed, months) in zip(chosen, SEALS, strict=True):
        access = [ctx.users[u] for u in listed if u in ctx.users]
        worker = (
            Referral.objects.filter(person=person, worker__isnull=False)
            .order_by("-referral_date")
            .values_list("worker", flat=True)
            .first()
        )
        if worker is not None and listed:  # the allocated worker stays on a list that has people
            access += [u for u in ctx.users.values() if u.pk == worker and u not in access]
        person_seal(
            actor=None,
            person=person,
            reason=reason,
            access=access,
            at=ctx.now - timedelta(days=30 * months + 2),
        )
        ctx.count("sealed people")
    # The seal with nobody on its list: a concern received this morning waits for the
    # restricted-records managers (the MASH queue says it is held, with no details).
    held = chosen[-1]
    contact_record(
        actor=ctx.users.get("mash.worker"),
        received_at=ctx.now - timedelta(hours=2),
        channel="phone",
        source="2A",
        concerns="The school reports the child arrived upset and said she was frightened to go home.",
        parents_aware="no",
        children=[held],
        categories=["emotional"],
        source_organisation="Demoshire Academy",
        referrer_name="Designated safeguarding lead",
        now=ctx.now,
    )
    ctx.count("restricted contacts")
