"""A realistic day at the front door, for Locust (docs/performance.md, "Load test").

    .venv/bin/pip install -r bench/load/requirements.txt   # not needed by make test
    .venv/bin/locust -f bench/load/locustfile.py --host http://127.0.0.1:8000 \
        --headless --users 50 --spawn-rate 5 --run-time 5m --csv var/load

Against the production server (gunicorn, deploy/gunicorn.conf.py) on PostgreSQL with demo data
(the database seeded with `frontdoor seed_demo`). Each simulated person signs in with a demo login and works as
their role does, with think time between pages:

- MASH practitioners (most of the load): home page, the MASH queue, search for a child by a
  misspelt name, open a person, open a screening from the trays;
- MASH managers: home page (authorisations first), trays, the late decisions list, a screening;
- social workers: home page, child protection home, a referral, a person;
- partner agency users: their concerns, and the form to raise one;
- the performance analyst: the dashboard for a quarter.

Pages are named by pattern (`/people/[id]/`) so the statistics group them per page, not per record.
"""

from __future__ import annotations

import random
import re
from typing import Any

from locust import HttpUser, between, task

PASSWORD = "frontdoor-demo"
SURNAMES = ["Smtih", "Jonse", "Wiliams", "Tayler", "Browne", "Davis", "Evens", "Wilson", "Robinsn"]
LINKS = {
    "person": re.compile(r'href="/people/(\d+)/"'),
    "screening": re.compile(r'href="/screening/(\d+)/"'),
    "referral": re.compile(r'href="/child-protection/referrals/(\d+)/"'),
}


class FrontDoorUser(HttpUser):
    abstract = True
    username = ""
    wait_time = between(2, 8)  # reading and typing between pages

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.username,
                "password": PASSWORD,
            },
            name="/accounts/login/ (sign in)",
        )
        self.seen: dict[str, list[str]] = {k: [] for k in LINKS}

    def get(self, path: str, name: str | None = None) -> Any:
        response = self.client.get(path, name=name or path)
        for kind, pattern in LINKS.items():
            found = pattern.findall(response.text or "")
            if found:
                self.seen[kind] = found[:50]
        return response

    def open_one(self, kind: str, path: str) -> None:
        if self.seen[kind]:
            record = random.choice(self.seen[kind])
            self.get(path.format(record), name=path.format("[id]"))


class MashPractitioner(FrontDoorUser):
    weight = 6
    username = "mash.worker"

    @task(3)
    def home(self) -> None:
        self.get("/")

    @task(3)
    def queue(self) -> None:
        self.get("/contacts/queue/")

    @task(4)
    def search(self) -> None:
        surname = random.choice(SURNAMES)
        self.get(f"/people/?q={surname}", name="/people/?q=[misspelt surname]")

    @task(3)
    def person(self) -> None:
        self.open_one("person", "/people/{}/")

    @task(2)
    def trays(self) -> None:
        self.get("/screening/")

    @task(3)
    def screening(self) -> None:
        self.open_one("screening", "/screening/{}/")


class MashManager(FrontDoorUser):
    weight = 2
    username = "mash.manager"

    @task(3)
    def home(self) -> None:
        self.get("/")

    @task(2)
    def trays(self) -> None:
        self.get("/screening/")

    @task(1)
    def late(self) -> None:
        self.get("/screening/late/")

    @task(2)
    def screening(self) -> None:
        self.open_one("screening", "/screening/{}/")


class SocialWorker(FrontDoorUser):
    weight = 2
    username = "sw.assessment"

    @task(3)
    def home(self) -> None:
        self.get("/")

    @task(2)
    def child_protection(self) -> None:
        self.get("/child-protection/")

    @task(2)
    def referral(self) -> None:
        self.open_one("referral", "/child-protection/referrals/{}/")

    @task(2)
    def person(self) -> None:
        self.open_one("person", "/people/{}/")


class PartnerUser(FrontDoorUser):
    weight = 1
    username = "police.partner"

    @task(2)
    def concerns(self) -> None:
        self.get("/contacts/submitted/")

    @task(1)
    def form(self) -> None:
        self.get("/contacts/submit/")


class Analyst(FrontDoorUser):
    weight = 1
    username = "analyst"

    @task
    def dashboard(self) -> None:
        self.get("/reports/")
