"""Ofsted Annex A headings and lettered values.

Copied by hand from the Annex A schema (the ILACS data request's column map), so the product
never reads the reference file at run time. Sheets are "List 1" … "List 11"; every heading is
exact, including lists 8–11 that Front Door has no data for (they keep their headings).
"""

from __future__ import annotations

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
TEAM = ["Allocated Team", "Allocated Worker"]

HEADINGS: dict[str, list[str]] = {
    "List 1": [*CHILD, "Date of Contact", "Contact Source"],
    "List 2": [
        *CHILD,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    "List 3": [
        *CHILD,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *TEAM,
    ],
    "List 4": [
        *CHILD,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *TEAM,
    ],
    "List 5": [
        *CHILD,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *TEAM,
    ],
    "List 6": [
        *CHILD,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *TEAM,
    ],
    "List 7": [
        *CHILD,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *TEAM,
    ],
    "List 8": [
        *CHILD,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DISABILITY,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 "
        "months",
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        *TEAM,
    ],
    "List 9": [
        *CHILD,
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
        DISABILITY,
        *TEAM,
        "Allocated Personal Advisor",
        "Eligibility Category",
        "Latest Pathway Plan Review Date",
        "LA in Touch",
        "Latest Date of Contact",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ],
    "List 10": [
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        DISABILITY,
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ],
    "List 11": [
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ],
}

GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"

# Lettered in the Annex A order, which differs from the census order (WOTH before WROM).
ETHNICITY_ORDER = [
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
]
# Refused and not yet obtained share Ofsted's letter "s)" (both "Not stated"): "s) REFU", "s) NOBT".
ETHNICITY = {code: f"{'abcdefghijklmnopqrss'[i]}) {code}" for i, code in enumerate(ETHNICITY_ORDER)}

PRIMARY_NEED = {
    "N1": "a) Abuse or neglect",
    "N2": "b) Child's disability",
    "N3": "c) Parents illness or disability",
    "N4": "d) Family in acute stress",
    "N5": "e) Family dysfunction",
    "N6": "f) Socially unacceptable behaviour",
    "N7": "g) Low income",
    "N8": "h) Absent parenting",
    "N9": "i) Not CIN",
    "N0": "j) Not stated",
}
REASON_FOR_CLOSURE = {
    "RC1": "a) Adopted",
    "RC2": "b) Died",
    "RC3": "c) Residence Order",
    "RC4": "d) Special Guardianship Order",
    "RC5": "e) Transfer to another LA",
    "RC6": "f) Transfer to Adult Social Services",
    "RC7": "g) 'Other' incl. Child no longer in need",
    "RC8": "h) Child not in need after assessment",
    "RC9": "h) Child not in need after assessment",
}
CASE_STATUS = {
    "cla": "a) Looked after child",
    "cpp": "b) Child Protection plan",
    "cin": "c) Child in need plan",
    "assessment": "d) Open assessment",
    "closed": "e) Closed episode",
}
CATEGORY = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "SAB": "c) Sexual abuse",
    "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}

# Referral and contact sources, lettered as the Annex A lists letter them: "a) 1A: Individual" …
# "q) 6: Police" … "u) 10: Unknown". Source 5D (early help), added after the lists were lettered,
# is "p1) 5D: LA services" in Ofsted's list (between 5C and 6).
_LETTERED = [
    "1A",
    "1B",
    "1C",
    "1D",
    "2A",
    "2B",
    "3A",
    "3B",
    "3C",
    "3D",
    "3E",
    "3F",
    "4",
    "5A",
    "5B",
    "5C",
    "6",
    "7",
    "8",
    "9",
    "10",
]
_GROUP = {
    "1A": "Individual",
    "1B": "Individual",
    "1C": "Individual",
    "1D": "Individual",
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health services",
    "3B": "Health services",
    "3C": "Health services",
    "3D": "Health services",
    "3E": "Health services",
    "3F": "Health services",
    "4": "Housing",
    "5A": "LA services",
    "5B": "LA services",
    "5C": "LA services",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}
SOURCE = {
    code: f"{'abcdefghijklmnopqrstu'[i]}) {code}: {_GROUP[code]}"
    for i, code in enumerate(_LETTERED)
}
SOURCE["5D"] = "p1) 5D: LA services"
