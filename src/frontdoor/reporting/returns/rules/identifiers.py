"""Child identifiers and characteristics: LA child ID, UPN, dates of birth and death, sex,
ethnicity and disability (DfE CIN census 2025-26 validation rules)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

from frontdoor.core.calendar import months_before
from frontdoor.core.codes import Disability, Ethnicity

from ..census import CensusChild
from .base import Context, Hit, hit, rule, ukdate

M = "ChildIdentifiers"
CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def _ranges(*spans: tuple[int, int]) -> frozenset[str]:
    return frozenset(f"{n:03d}" for a, b in spans for n in range(a, b + 1))


# Post-April 1998 LA codes and the DfE's pseudo-LA codes (rule 1530's list).
LA_CODES = _ranges(
    (1, 5),
    (201, 213),
    (301, 320),
    (330, 336),
    (340, 344),
    (350, 359),
    (370, 373),
    (380, 384),
    (390, 394),
    (420, 420),
    (660, 681),
    (701, 708),
    (800, 803),
    (805, 808),
    (810, 813),
    (815, 816),
    (820, 823),
    (825, 826),
    (830, 831),
    (835, 841),
    (845, 846),
    (850, 852),
    (855, 857),
    (860, 861),
    (865, 896),
    (908, 909),
    (916, 916),
    (919, 919),
    (921, 921),
    (925, 926),
    (928, 929),
    (931, 931),
    (933, 933),
    (935, 938),
    (940, 941),
)


def upn_check_letter(upn: str) -> str | None:
    """The check letter for characters 2-13 (digits only), or None when they are not all digits."""
    tail = upn[1:]
    if len(upn) != 13 or not tail.isdigit():
        return None
    total = sum(int(ch) * weight for weight, ch in enumerate(tail, start=2))
    return CHECK_LETTERS[total % 23]


@rule("1510", "UPN invalid (wrong check letter at character 1)", module=M)
def r1510(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <UPN> (N00001) is present it must contain the correct check letter: characters 2-13
    multiplied by weights 2-13, summed, remainder on division by 23 mapped to A-Z without I, O, S."""
    expected = upn_check_letter(c.upn) if c.upn else None
    if expected and c.upn[0] != expected:
        yield hit(c.url, f"UPN {c.upn} should start with the check letter {expected}.")


@rule("1520", "More than one record with the same UPN.", module=M, la=True)
def r1520(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """Each pupil <UPN> (N00001) must be unique across all pupils in the extract."""
    counts = Counter(c.upn for c in children if c.upn)
    for c in children:
        if c.upn and counts[c.upn] > 1:
            yield hit(c.url, f"UPN {c.upn} is also recorded for another child in this return.")


@rule("1530", "UPN invalid (characters 2-4 not a recognised LA code)", module=M)
def r1530(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <UPN> (N00001) is present, characters 2-4 must be a valid post April 1998 LA code or a
    recognised pseudo LA code."""
    if c.upn and c.upn[1:4] not in LA_CODES:
        yield hit(c.url, f"UPN {c.upn}: {c.upn[1:4]} is not a local authority code.")


@rule("1540", "UPN invalid (characters 5-12 not all numeric)", module=M)
def r1540(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <UPN> (N00001) is present, characters 5-12 must be numeric."""
    if c.upn and not (len(c.upn) >= 12 and c.upn[4:12].isdigit()):
        yield hit(c.url, f"UPN {c.upn}: characters 5 to 12 must be digits.")


@rule("1550", "UPN invalid (character 13 not a recognised value)", module=M)
def r1550(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <UPN> (N00001) is present, character 13 must be numeric or A-Z omitting I, O and S."""
    if c.upn and not (len(c.upn) == 13 and re.fullmatch(r"[0-9A-HJ-NP-RT-Z]", c.upn[12])):
        yield hit(c.url, f"UPN {c.upn}: it must be 13 characters, the last a digit or letter.")


@rule(
    "1560Q",
    "Please check and either amend or provide a reason: Former UPN wrongly formatted",
    module=M,
)
def r1560q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<FormerUPN> (N00002) where present should be in the correct format: a letter, then 12
    characters of which 11 are digits and the last a digit or letter."""
    if c.former_upn and not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", c.former_upn):
        yield hit(c.url, f"Former UPN {c.former_upn} is not in the UPN format.")


@rule("1570", "LA Child ID must not be longer than 20 characters", module=M)
def r1570(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<LAchildID> (N00097) must be no longer than 20 characters."""
    if len(c.la_child_id) > 20:
        yield hit(c.url, f"LA child ID {c.la_child_id} is longer than 20 characters.")


@rule("1580", "LA Child ID must not contain any non-alphanumeric characters", module=M)
def r1580(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<LAchildID> (N00097) must contain only letters and digits."""
    if c.la_child_id and not c.la_child_id.isalnum():
        yield hit(c.url, f"LA child ID {c.la_child_id} has characters other than letters/digits.")


@rule(
    "2886Q",
    "Please check and either amend or provide a reason: Percentage of children with no sex "
    "recorded is more than 2% (excluding unborns)",
    module=M,
    la=True,
)
def r2886q(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """The number of child records where <Sex> (N00783) is U (not known) or missing and
    <ExpectedPersonBirthDate> (N00098) is missing, divided by all child records, should be at most
    0.02. Triggered at LA level."""
    unknown = [c for c in children if c.sex in ("", "U") and not c.expected_birth_date]
    if children and len(unknown) / len(children) > 0.02:
        yield hit(
            "",
            f"{len(unknown)} of {len(children)} children (born) have no sex recorded: "
            "record it where known.",
        )


@rule(
    "2887Q",
    "Please check and either amend or provide a reason: Less than 8 disability codes have been "
    "used in your return",
    module="Disabilities",
    la=True,
)
def r2887q(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """Excluding NONE, the number of different <Disability> (N00099) codes used by the LA should
    be more than 7. Triggered at LA level."""
    used = {d for c in children for d in c.person.disabilities or [] if d != "NONE"}
    if len(used) < 8:
        yield hit("", f"Only {len(used)} different disability codes are used in the return.")


@rule(
    "2888Q",
    "Please check and either amend or provide a reason: Only one disability code is recorded per "
    "child and multiple disabilities should be recorded where possible.",
    module="Disabilities",
    la=True,
)
def r2888q(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """Excluding NONE, one or more children should have more than one <Disability> (N00099).
    Triggered at LA level when every child with a disability has exactly one code."""
    counts = [len([d for d in c.person.disabilities or [] if d != "NONE"]) for c in children]
    if any(counts) and max(counts) == 1:
        yield hit("", "No child in the return has more than one disability recorded.")


@rule("4180", "Sex must be provided and equal M, F, or U", module=M)
def r4180(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<Sex> (N00783) must be present and one of M, F, U."""
    if c.sex not in ("M", "F", "U"):
        yield hit(c.url, f"Sex {c.sex!r} is not M, F or U.")


@rule("4220", "Ethnicity is missing or invalid (see Ethnicity table)", module="Characteristics")
def r4220(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<Ethnicity> (N00177) must be present and a valid code."""
    if c.person.ethnicity not in Ethnicity.values:
        yield hit(c.url, f"Ethnicity {c.person.ethnicity!r} is not a DfE code.")


@rule("8500", "LA Child ID missing", module=M)
def r8500(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<LAchildID> (N00097) must be present."""
    if not c.la_child_id:
        yield hit(c.url, "The child has no LA child ID.")


@rule("8510", "More than one child record with the same LA Child ID", module=M, la=True)
def r8510(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """Each <LAchildID> (N00097) must be unique across all children within the same LA return."""
    counts = Counter(c.la_child_id for c in children)
    for c in children:
        if c.la_child_id and counts[c.la_child_id] > 1:
            yield hit(c.url, f"LA child ID {c.la_child_id} is used for more than one child.")


@rule(
    "8520",
    "Date of Birth is after data collection period (must be on or before the end of the census "
    "period)",
    module=M,
)
def r8520(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<PersonBirthDate> (N00066) must be on or before <ReferenceDate> (N00603) or null."""
    if c.birth_date and c.birth_date > ctx.ref:
        yield hit(c.url, f"Date of birth {ukdate(c.birth_date)} is after the reference date.")


@rule(
    "8525Q",
    "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
    module=M,
)
def r8525q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Exactly one of <PersonBirthDate> (N00066) and <ExpectedPersonBirthDate> (N00098)."""
    if bool(c.birth_date) == bool(c.expected_birth_date):
        yield hit(c.url, "Record the date of birth, or for an unborn child the expected date.")


@rule(
    "8530Q",
    "Please check and either amend data or provide a reason: Expected Date of Birth is outside "
    "the expected range for this census (March to December of the Census Year end)",
    module=M,
)
def r8530q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<ExpectedPersonBirthDate> (N00098) should be between [<ReferenceDate> minus 30 days] and
    [<ReferenceDate> plus 9 months]."""
    due = c.expected_birth_date
    if due and not (ctx.ref - timedelta(days=30) <= due <= months_before(ctx.ref, -9)):
        yield hit(c.url, f"Expected date of birth {ukdate(due)} is outside March to December.")


@rule(
    "8535Q",
    "Please check and either amend data or provide a reason: Child’s date of death should not "
    "be prior to the date of birth",
    module=M,
)
def r8535q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<PersonDeathDate> (N00108) must be on or after <PersonBirthDate> (N00066)."""
    if c.death_date and c.birth_date and c.death_date < c.birth_date:
        yield hit(c.url, "The date of death is before the date of birth.")


@rule(
    "8540", "Child’s disability is missing or invalid (see Disability table)", module="Disabilities"
)
def r8540(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <PersonBirthDate> (N00066) is present and at least one <ReferralNFA> (N00112) is false,
    one or more <Disability> (N00099) must be present and every one a valid code (the writer sends
    NONE when none is recorded)."""
    codes = list(c.person.disabilities or ["NONE"])
    if c.birth_date and any(e.nfa is False for e in c.episodes):
        bad = [code for code in codes if code not in Disability.values]
        if bad:
            yield hit(c.url, f"Disability code {', '.join(bad)} is not on the DfE list.")


@rule(
    "8545Q",
    "Please check and either amend data or provide a reason: Child's date of death should be "
    "within the census year",
    module=M,
)
def r8545q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present, <PersonDeathDate> (N00108) must be within [Period_of_Census]."""
    if c.death_date and not ctx.in_year(c.death_date):
        yield hit(c.url, f"Date of death {ukdate(c.death_date)} is before the census year.")


@rule("8590", "Child does not have a recorded CIN episode.", module=M)
def r8590(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Each child must have at least one <CINdetails> group."""
    if not c.episodes:
        yield hit(c.url, "The child has no referral in the census year.")


@rule("8750", "Sex must equal U for an unborn child", module=M)
def r8750(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ExpectedPersonBirthDate> (N00098) is present and <PersonBirthDate> (N00066) is blank,
    <Sex> (N00783) must be U."""
    if c.expected_birth_date and not c.birth_date and c.sex != "U":
        yield hit(c.url, "The child was unborn on the reference date: sex must be U.")


@rule(
    "8770Q",
    "Please check and either amend data or provide a reason: UPN is missing or reason UPN is "
    "missing or is UN1 for a child who is of school age.",
    module=M,
)
def r8770q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If any <ReferralNFA> (N00112) is false and the child is of school age (born on or before
    31 August six years before the reference year's September), then <UPN> (N00001) or a valid
    <UPNunknown> (N00135) other than UN1 should be present."""
    school_age_born_by = months_before(months_before(ctx.ref, -4) + timedelta(days=31), 72)
    if (
        c.birth_date
        and c.birth_date <= school_age_born_by
        and any(e.nfa is False for e in c.episodes)
        and not c.upn
        and c.upn_unknown not in ("UN2", "UN3", "UN4", "UN5", "UN6")
    ):
        yield hit(c.url, "The child is of school age: record their UPN or why it is unknown.")


@rule(
    "8772",
    "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is "
    "a referral going on to further action",
    module=M,
)
def r8772(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <UPNunknown> (N00135) is UN7 then every <ReferralNFA> (N00112) must be true."""
    if c.upn_unknown == "UN7" and any(not e.nfa for e in c.episodes):
        yield hit(c.url, "UPN unknown reason UN7 is only for a child whose referrals were NFA.")


@rule(
    "8775Q",
    "Please check and either amend data or provide a reason: Child is over 25 years old",
    module=M,
)
def r8775q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<PersonBirthDate> (N00066) is before <ReferenceDate> minus 25 years and a <CINclosureDate>
    (N00102) is after the 25th birthday or missing."""
    born = c.birth_date
    if born and born < months_before(ctx.ref, 300):
        turned_25 = months_before(born, -300)
        if any(e.closure_date is None or e.closure_date > turned_25 for e in c.episodes):
            yield hit(c.url, f"Born {ukdate(born)}: the child is over 25.")


@rule("8790", "Disability information includes both None and other values", module="Disabilities")
def r8790(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <Disability> (N00099) is NONE it must be the only disability."""
    codes = list(c.person.disabilities or [])
    if "NONE" in codes and len(codes) > 1:
        yield hit(c.url, "Disability NONE is recorded with other disabilities.")


@rule("8794", "Child has two or more disabilities with the same code", module="Disabilities")
def r8794(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """No <Disability> (N00099) code may appear more than once for a child."""
    codes = list(c.person.disabilities or [])
    if len(codes) != len(set(codes)):
        yield hit(c.url, "A disability code is recorded twice.")
