"""``{% idempotency_token %}``: the hidden one-time token every create form carries (a builtin tag, no load)."""

from django import template
from django.utils.html import format_html

from clearinghouse.core.idempotency import FIELD, new_token

register = template.Library()


@register.simple_tag
def idempotency_token():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
