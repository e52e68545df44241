"""User text: Markdown rendered with markdown-it-py and sanitised with nh3."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table").enable(
    "strikethrough"
)

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "del", "s",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> str:
    """Safe HTML from untrusted Markdown. Raw HTML in the input is shown as text, never run."""
    html = _md.render(text or "")
    # Headings start at h2: h1 is the page title.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )


def markdown_to_text(text: str) -> str:
    """Plain text for indexing and email."""
    return nh3.clean(render_markdown(text), tags=set()).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
