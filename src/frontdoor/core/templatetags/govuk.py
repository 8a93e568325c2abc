"""The one form renderer: Django fields as GOV.UK form groups, plus the error summary,
and the date and deadline filters used on every page."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ..calendar import LONDON, get_calendar, is_overdue
from ..fields import date_parts
from ..plain_errors import plain_message

register = template.Library()


def _kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    kind = getattr(widget, "govuk_kind", None)
    if kind:
        return kind
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: test it first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


def _choices(field: forms.BoundField) -> list[dict[str, Any]]:
    value = field.value()
    if isinstance(value, (list, tuple)):
        selected = {str(v) for v in value}
    else:
        selected = {str(value)} if value not in (None, "") else set()
    hints = getattr(field.field, "choice_hints", {}) or {}
    options = []
    for index, (val, label) in enumerate(field.field.choices):
        if val in ("", None) and _kind(field) in ("radios", "checkboxes"):
            continue
        key = str(val.value if hasattr(val, "value") else val)
        options.append(
            {
                "value": key,
                "label": label,
                "id": field.auto_id if not options else f"{field.auto_id}_{index}",
                "checked": key in selected,
                "hint": hints.get(key, ""),
            }
        )
    return options


@register.simple_tag
def govuk_field(field: forms.BoundField, **options: Any) -> SafeString:
    """Render one field as a GOV.UK form group. Options: classes, label_size, page_heading."""
    kind = _kind(field)
    context = {
        "field": field,
        "kind": kind,
        "id": field.auto_id,
        "errors": [plain_message(e, field.field, field.label) for e in field.errors],
        "hint": field.help_text,
        "classes": options.get("classes", ""),
        "label_size": options.get("label_size", "s"),
        "value": field.value() if kind not in ("password",) else "",
        "required": field.field.required,
    }
    if kind in ("radios", "checkboxes", "select"):
        context["options"] = _choices(field)
    if kind in ("date", "datetime"):
        parts = date_parts(field.value(), kind)
        context["parts"] = parts
    if kind == "checkbox":
        context["checked"] = bool(field.value())
    return mark_safe(render_to_string("core/govuk/field.html", context))


@register.simple_tag
def govuk_error_summary(*forms_: forms.BaseForm | forms.BaseFormSet | None) -> SafeString:
    """The GOV.UK error summary for one or more forms (or formsets), each error linked to its field."""
    items: list[dict[str, str]] = []

    def collect(form: forms.BaseForm) -> None:
        for error in form.non_field_errors():
            items.append({"text": error, "href": ""})
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            for error in errors:
                text = plain_message(error, bound.field, bound.label)
                items.append({"text": text, "href": f"#{bound.auto_id}"})

    for item in forms_:
        if item is None:
            continue
        if isinstance(item, forms.BaseFormSet):
            for error in item.non_form_errors():
                items.append({"text": error, "href": ""})
            for sub in item.forms:
                collect(sub)
        elif item.is_bound:
            collect(item)
    if not items:
        return mark_safe("")
    return mark_safe(render_to_string("core/govuk/error_summary.html", {"items": items}))


@register.filter
def ukdate(value: date | datetime | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value, LONDON).date()
    return f"{value.day} {value:%B %Y}"


@register.filter
def ukdatetime(value: datetime | None) -> str:
    if value is None or value == "":
        return ""
    local = timezone.localtime(value, LONDON)
    return f"{local.day} {local:%B %Y, %H:%M}"


# Chronology entries for events known only by their date (an s47 outcome, an ICPC, a review
# conference, a plan's end, an assessment's start or the day a child was seen) are placed at exactly
# midday London time by `child_protection.services.common.moment_on`; they are shown without the
# invented time.
DATE_ONLY_RECORDS = frozenset({"section47enquiry", "childprotectionplan", "assessment"})


@register.filter
def event_when(entry: Any) -> str:
    """When a chronology entry happened: "3 March 2026, 14:05", or "3 March 2026" for an event
    known only by its date."""
    moment = getattr(entry, "occurred_at", None)
    if moment is None:
        return ""
    local = timezone.localtime(moment, LONDON)
    date_only = getattr(entry, "record_type", "") in DATE_ONLY_RECORDS and (
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
    ) == (12, 0, 0, 0)
    return ukdate(moment) if date_only else ukdatetime(moment)


@register.filter
def deadline_words(value: date | datetime | None) -> str:
    return get_calendar().describe(value)


@register.filter
def overdue(value: date | datetime | None) -> bool:
    return is_overdue(value)


@register.inclusion_tag("core/govuk/deadline.html")
def deadline(value: date | datetime | None, done: bool = False) -> dict[str, Any]:
    """A deadline as a date plus plain words, with a red tag when it has passed."""
    return {
        "value": value,
        "is_datetime": isinstance(value, datetime),
        "words": get_calendar().describe(value) if value else "",
        "overdue": (not done) and is_overdue(value),
        "done": done,
    }


@register.filter
def lowerfirst(value: Any) -> str:
    """A label in the middle of a sentence: its first letter lower-cased, unless it starts with an
    abbreviation ("Match confirmed by the MASH" → "match confirmed by the MASH"; "MASH contact"
    stays as it is). Use instead of `|lower`, which turns "the MASH" into "the mash"."""
    text = str(value or "")
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@register.filter
def choice_label(value: Any, choices: Any) -> str:
    return dict(choices).get(value, value or "")
