import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe

from clearinghouse.core.markdown import render_markdown

register = template.Library()


@register.filter
def tr(obj, field):
    """``{{ record|tr:"title" }}``: the field in the viewer's language, else the original."""
    return obj.tr(field)


@register.filter
def tr_lang(obj, field):
    """``{% with lang=record|tr_lang:"summary" %}``: the language the viewer sees that field in (for a
    ``user_text`` after filters such as ``markdown`` that lose what ``tr`` knew)."""
    return obj.tr_language(field)


@register.filter
def web_url(value):
    """The address if it is an http(s) link, else "" (links stored before they were checked are not made links)."""
    from clearinghouse.core.validators import is_safe_web_url

    return value if is_safe_web_url(value) else ""


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


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


_BLOCK_HTML = re.compile(r"<(?:p|div|ul|ol|li|h[1-6]|blockquote|pre|table|dl|figure|section|article|hr)[\s/>]", re.I)
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@register.filter(needs_autoescape=True)
def user_text(value, language="", autoescape=True):
    """User text, marked with its language and direction: the one way templates show it.

    ``{{ post|tr:"title"|user_text:post.shown_language }}`` gives
    ``<span lang="fr" dir="auto" data-user-text>…</span>`` (a ``<div>`` when the value is block
    HTML such as rendered Markdown). ``lang`` tells screen readers and fonts the language (left
    out when unknown); ``dir="auto"`` takes the direction from the text itself, so an English
    summary on an Arabic page, or an Arabic title in an English list, keeps its full stop and
    brackets at the right end. Text straight from ``tr`` carries the language it is in, which wins
    over the argument (a translated title beside an untranslated description). ``data-user-text``
    lets the browser walk check every place that shows user text uses this filter. Plain text is
    escaped; safe HTML (sanitised Markdown) is kept as it is.
    """
    if value is None or value == "":
        return ""
    code = str(getattr(value, "language", "") or language or "").strip()  # ``tr`` knows best
    text = conditional_escape(value) if autoescape else value
    tag = "div" if isinstance(value, SafeData) and _BLOCK_HTML.search(str(value)) else "span"
    if _LANG_TAG.match(code):
        return format_html('<{} lang="{}" dir="auto" data-user-text>{}</{}>', tag, code, text, tag)
    return format_html('<{} dir="auto" data-user-text>{}</{}>', tag, text, tag)


@register.inclusion_tag("core/_related_links.html", takes_context=True)
def related_links(context, obj):
    """``{% related_links meeting %}``: what other apps link to ``obj`` (``core.related``), grouped by heading."""
    from itertools import groupby

    from clearinghouse.core.related import related_to

    links = related_to(obj, context["request"].user)
    groups = [(str(group), list(items)) for group, items in groupby(links, key=lambda link: str(link.group))]
    return {"groups": groups}
