"""`{% one_time_token %}`: the hidden one-time token of a create form (see `frontdoor.core.onetime`)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from frontdoor.core.onetime import FIELD, new_token

register = template.Library()


@register.simple_tag
def one_time_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
