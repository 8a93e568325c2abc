"""Code lists from the DfE CIN census and Ofsted Annex A, in one place (DOMAIN.md §9).

Forms, pages, reports and exports all use these; the value is the official code.
"""

from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Unknown or not recorded"


class ReferralSource(models.TextChoices):
    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance (including neighbours and childminders)"
    SELF = "1C", "Individual: self"
    OTHER_INDIVIDUAL = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    SCHOOL_NURSE = "3C", "Health services: school nurse"
    OTHER_PRIMARY_HEALTH = "3D", "Health services: other primary health services"
    A_AND_E = "3E", "Health services: A&E"
    OTHER_HEALTH = "3F", "Health services: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care (e.g. adult social care)"
    LA_INTERNAL = "5B", "LA services: other internal"
    LA_EXTERNAL = "5C", "LA services: external (e.g. from another LA)"
    EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency (courts, probation, immigration, Cafcass, prison)"
    OTHER = "8", "Other (children's centres, voluntary organisations)"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class PrimaryNeed(models.TextChoices):
    """When two fit, the higher in the list wins (lower number)."""

    N1 = "N1", "Abuse, neglect or exploitation"
    N2 = "N2", "Child's disability or illness"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"
    N0 = "N0", "Not stated"


class ReasonForClosure(models.TextChoices):
    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to another local authority"
    RC6 = "RC6", "Transferred to adult social care"
    RC7 = "RC7", "Services ceased for any other reason"
    RC8 = "RC8", "Closed after assessment, no further action"
    RC9 = "RC9", "Closed after assessment, referred to early help"


class CategoryOfAbuse(models.TextChoices):
    NEG = "NEG", "Neglect"
    PHY = "PHY", "Physical abuse"
    SAB = "SAB", "Sexual abuse"
    EMO = "EMO", "Emotional abuse"
    MUL = "MUL", "Multiple"


class AssessmentFactor(models.TextChoices):
    F1A = "1A", "Alcohol misuse: child"
    F1B = "1B", "Alcohol misuse: parent or carer"
    F1C = "1C", "Alcohol misuse: other person in the household"
    F2A = "2A", "Drug misuse: child"
    F2B = "2B", "Drug misuse: parent or carer"
    F2C = "2C", "Drug misuse: other person in the household"
    F3A = "3A", "Domestic abuse: child"
    F3B = "3B", "Domestic abuse: parent or carer"
    F3C = "3C", "Domestic abuse: other person in the household"
    F4A = "4A", "Mental health: child"
    F4B = "4B", "Mental health: parent or carer"
    F4C = "4C", "Mental health: other person in the household"
    F5A = "5A", "Learning disability: child"
    F5B = "5B", "Learning disability: parent or carer"
    F5C = "5C", "Learning disability: other person in the household"
    F6A = "6A", "Physical disability or illness: child"
    F6B = "6B", "Physical disability or illness: parent or carer"
    F6C = "6C", "Physical disability or illness: other person in the household"
    F7A = "7A", "Young carer"
    F8B = "8B", "Privately fostered: overseas child, parents intend to return"
    F8C = "8C", "Privately fostered: overseas child, parents do not intend to return"
    F8D = "8D", "Privately fostered: UK child in education or holiday placement"
    F8E = "8E", "Privately fostered: UK child, family breakdown"
    F8F = "8F", "Privately fostered: UK child, other"
    F9A = "9A", "Unaccompanied asylum seeking child"
    F10A = "10A", "Going or being missing"
    F11A = "11A", "Child sexual exploitation"
    F12A = "12A", "Trafficking"
    F13A = "13A", "Gangs"
    F14A = "14A", "Socially unacceptable behaviour"
    F15A = "15A", "Self-harm"
    F16A = "16A", "Neglect"
    F17A = "17A", "Emotional abuse"
    F18B = "18B", "Physical abuse: child on child"
    F18C = "18C", "Physical abuse: adult on child"
    F19B = "19B", "Sexual abuse: child on child"
    F19C = "19C", "Sexual abuse: adult on child"
    F20 = "20", "Other"
    F21 = "21", "No factors identified"
    F22A = "22A", "Female genital mutilation"
    F23A = "23A", "Abuse linked to faith or belief"
    F24A = "24A", "Child criminal exploitation"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WROM = "WROM", "Gypsy / Roma"
    WOTH = "WOTH", "Any other white background"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism or Asperger syndrome"
    DDA = "DDA", "Other disability (Equality Act)"


class UPNUnknown(models.TextChoices):
    UN1 = "UN1", "Child not of school age and no UPN yet"
    UN2 = "UN2", "Never attended a maintained school in England"
    UN3 = "UN3", "Educated outside England"
    UN4 = "UN4", "UPN not yet known"
    UN5 = "UN5", "Sources disagree"
    UN7 = "UN7", "Referral with no further action only"


class LevelOfNeed(models.IntegerChoices):
    UNIVERSAL = 1, "Level 1: universal"
    ADDITIONAL = 2, "Level 2: additional needs"
    COMPLEX = 3, "Level 3: complex needs"
    ACUTE = 4, "Level 4: acute or specialist"


class Agency(models.TextChoices):
    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    EARLY_HELP = "early_help", "Early help"
    OTHER_LA = "other_la", "Another council"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    VOLUNTARY = "voluntary", "Voluntary sector"
    FAMILY = "family", "Family"
    OTHER = "other", "Other"
