"""The letters a council starts with (the administrator edits them on /letters/templates/)."""

from __future__ import annotations

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "referrer_acknowledgement": (
        "We have received your concern about $child_name",
        """Dear $recipient_name,

Thank you for contacting $council_name's children's services on $contact_date about $child_name (born $child_date_of_birth, NHS number $nhs_number).

A practitioner in our multi-agency safeguarding hub is looking at what you told us, with what other agencies know, and a decision about what happens next will be made within one working day. We will write to you again to tell you what was decided.

If you are worried that $child_first_name is in immediate danger, call the police on 999.

Yours sincerely,

$worker_name
$council_name""",
    ),
    "referrer_outcome": (
        "What happened after your concern about $child_name",
        """Dear $recipient_name,

On $contact_date you told us about your concerns for $child_name (born $child_date_of_birth, NHS number $nhs_number). Thank you.

We looked at what you told us with what other agencies know. The outcome is: $outcome.

If anything changes, or you have new worries about $child_first_name, please contact us again.

Yours sincerely,

$worker_name
$council_name""",
    ),
    "family_consent": (
        "Sharing information to help $child_first_name",
        """Dear $recipient_name,

We have been told about some worries for $child_name (born $child_date_of_birth). To understand how best to help, we would like to talk to other people who know your family, such as $child_first_name's school and GP, and share what they tell us with the people who can help.

We will only share what is needed, and we will keep it safe. You can say no, and you can change your mind later. Please tell me whether you agree by replying to this letter or calling me.

Yours sincerely,

$worker_name
$council_name""",
    ),
    "family_outcome": (
        "What happens next for $child_first_name",
        """Dear $recipient_name,

We were contacted on $contact_date about $child_name (born $child_date_of_birth). We have looked at the worries carefully, with what other agencies know.

What we decided: $outcome.

If you would like to talk about this decision, or you do not agree with it, please contact me. You can also ask for a copy of what we hold about your family.

Yours sincerely,

$worker_name
$council_name""",
    ),
    "icpc_invitation": (
        "Invitation to a child protection conference about $child_first_name",
        """Dear $recipient_name,

You are invited to an initial child protection conference about $child_name (born $child_date_of_birth, NHS number $nhs_number) on $icpc_date.

At the conference, you, the professionals who know $child_first_name and an independent chair will talk about what is going well, what we are worried about, and what needs to happen to keep $child_first_name safe. Your views matter: you can bring a friend or supporter, and you can ask for an interpreter. I will meet you before the conference to go through the report with you.

Please tell me whether you can come.

Yours sincerely,

$worker_name
$council_name""",
    ),
}
