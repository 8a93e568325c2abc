"""The return's header (DfE CIN census validation rule 100). Front Door writes the header from
the collection year, so this matters for a file read back (`check_cin_census_file`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..census import CensusChild
from .base import Context, Hit, hit, rule, ukdate


@rule("100", "Reference Date is incorrect", module="Header", la=True)
def r100(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """<ReferenceDate> (N00603) must be present and equal 31 March of the collection year."""
    if ctx.stated_ref is not None and ctx.stated_ref != ctx.ref:
        yield hit(
            "", f"The header's reference date is {ukdate(ctx.stated_ref)}, not {ukdate(ctx.ref)}."
        )
