"""Demo: the returns health page has today's results. The checks run once for the collection year
being recorded and the one before it, exactly as the nightly `run_return_checks` does (stored
results and today's counts; no invented history, so the trend starts today)."""

from __future__ import annotations

from frontdoor.core.calendar import local_date
from frontdoor.reporting.forms import current_census_year
from frontdoor.reporting.services import check_results_refresh

from .context import SeedContext


def seed(ctx: SeedContext) -> None:
    year = current_census_year(local_date(ctx.now))
    for census in (year - 1, year):
        check_results_refresh(actor=None, year=census)
