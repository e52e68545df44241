from django import template

from ..explain import score_label

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ filters|get_item:name }}``: a value of a dict, or an empty list."""
    return (mapping or {}).get(key, [])


@register.filter
def match_label(score):
    return score_label(float(score or 0))


@register.filter
def percent(score):
    return round(float(score or 0) * 100)
