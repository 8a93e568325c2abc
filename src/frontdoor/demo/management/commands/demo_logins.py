from django.conf import settings
from django.core.management.base import BaseCommand

from frontdoor.demo.users import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo logins (one per role)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not settings.DEMO_LOGINS_ALLOWED:
            self.stdout.write("Demo logins do not exist under production settings.")
            return
        self.stdout.write(
            f"\nFront Door is at http://127.0.0.1:8000  — demo logins (password: {DEMO_PASSWORD}):"
        )
        for username, _first, _last, role, *_ in DEMO_LOGINS:
            self.stdout.write(f"  {username:<16} {role.label}")
        self.stdout.write("")
