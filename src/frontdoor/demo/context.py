"""What every demo seeder shares: the random generator, the clock and the demo users."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class SeedContext:
    rng: random.Random
    now: datetime
    contacts_wanted: int
    users: dict[str, Any] = field(default_factory=dict)  # username -> User
    staff: dict[str, list[Any]] = field(default_factory=dict)  # role -> users (for allocation)
    contacts: list[Any] = field(default_factory=list)  # Contact objects created, oldest first
    counts: dict[str, int] = field(default_factory=dict)
    # Contacts a stage leaves open on purpose (recent work waiting in the queue).
    keep_open: set[int] = field(default_factory=set)
    log: Any = None

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def pick_staff(self, role: str) -> Any:
        return self.rng.choice(self.staff[role])
