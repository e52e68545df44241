from django import template
from django.utils.safestring import mark_safe

from clearinghouse.core.markdown import render_markdown

register = template.Library()


@register.filter
def tr(obj, field):
    """``{{ record|tr:"title" }}``: the field in the viewer's language, else the original."""
    return obj.tr(field)


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3
@register.filter
def web_url(value):
    """The address if it is an http(s) link, else "" (links stored before they were checked are not made links)."""
    from clearinghouse.core.validators import is_safe_web_url

    return value if is_safe_web_url(value) else ""




@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for facets and pages)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    if "page" not in kwargs:
        params.pop("page", None)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def query_toggle(context, key, value):
    """Add or remove one value of a multi-valued facet parameter."""
    params = context["request"].GET.copy()
    values = params.getlist(key)
    value = str(value)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(key, values)
    params.pop("page", None)
    return "?" + params.urlencode()
