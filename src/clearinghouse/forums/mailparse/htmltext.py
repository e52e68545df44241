"""HTML bodies to plain text, leaving out the quoted history and signatures that clients mark up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from .text import _clean_text

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen command".split()
)
_BLOCK = frozenset(
    """address article aside blockquote center dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table
    tbody thead tfoot tr ul body html title""".split()
)
_SKIP = frozenset("script style head title noscript template xml".split())


class _Node:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[_Node | str] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def node_id(self) -> str:
        return self.attrs.get("id", "")


class _TreeBuilder(HTMLParser):
    """A forgiving HTML tree builder on top of the standard library tokenizer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack: list[_Node] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if len(self.stack) > 400:
            return
        if tag == "p" and self.stack[-1].tag == "p":
            self.stack.pop()
        if tag == "li":
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t == "li":
                    del self.stack[i:]
                    break
                if t in ("ul", "ol"):
                    break
        node = _Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID and self.stack[-1].tag == tag.lower() and len(self.stack) > 1:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _parse_html(html: str) -> _Node:
    builder = _TreeBuilder()
    try:
        builder.feed(html)
        builder.close()
    except Exception:  # noqa: S110 - the tokenizer is forgiving, but never trust it fully
        pass
    return builder.root


def _is_quote_node(node: _Node) -> bool:
    """Nodes holding quoted history, a quote attribution or a client signature."""
    if node.tag == "blockquote":
        # <blockquote cite="https://…">: the writer quoting a web source, not mail history
        cite = node.attrs.get("cite", "")
        return not (cite.startswith(("http://", "https://")) and node.attrs.get("type", "").lower() != "cite")
    classes = node.classes
    nid = node.node_id
    for c in classes:
        if c in (
            "gmail_quote",
            "gmail_quote_container",
            "gmail_attr",
            "gmail_signature",
            "moz-cite-prefix",
            "moz-signature",
            "moz-forward-container",
            "OutlookMessageHeader",
            "protonmail_quote",
            "zmail_extra",
            "ms-outlook-mobile-reference-message",
        ) or c.startswith("yahoo_quoted"):
            return True
    if nid.startswith("yahoo_quoted") or nid in (
        "AppleOriginalContents",
        "Signature",
        "ms-outlook-mobile-signature",
    ):
        return True
    return False


def _cuts_rest(node: _Node) -> bool:
    """Nodes after which (in document order) everything is quoted history."""
    nid = node.node_id
    if nid in (
        "divRplyFwdMsg",
        "appendonsend",
        "mail-editor-reference-message-container",
        "stopSpelling",
        "x_divRplyFwdMsg",
        "OLK_SRC_BODY_SECTION",
    ):
        return True
    if node.tag == "a" and node.attrs.get("name") == "_MailOriginal":
        return True
    return False


def _extract_quotes(root: _Node) -> list[_Node]:
    """Detach quoted subtrees from ``root`` and return them in document order."""
    removed: list[_Node] = []
    cut = [False]

    def walk(node: _Node) -> None:
        kept: list[_Node | str] = []
        for child in node.children:
            if cut[0]:
                if isinstance(child, _Node):
                    removed.append(child)
                elif child.strip():
                    holder = _Node("span", {}, None)
                    holder.children.append(child)
                    removed.append(holder)
                continue
            if isinstance(child, _Node):
                if _cuts_rest(child):
                    cut[0] = True
                    # an <hr> just before the Outlook reply header belongs to the quote
                    while kept and (
                        (isinstance(kept[-1], _Node) and kept[-1].tag == "hr")
                        or (isinstance(kept[-1], str) and not kept[-1].strip())
                    ):
                        kept.pop()
                    removed.append(child)
                    continue
                if _is_quote_node(child):
                    removed.append(child)
                    continue
                walk(child)
            kept.append(child)
        node.children = kept

    walk(root)
    return removed


class _TextWriter:
    """Accumulates rendered text with block-level line handling."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, s: str) -> None:
        if s:
            self.parts.append(s)

    def newline(self, count: int = 1) -> None:
        tail = "".join(self.parts[-4:])
        have = len(tail) - len(tail.rstrip("\n")) if tail.strip("\n") or self.parts else 0
        if not self.parts:
            return
        if have < count:
            self.parts.append("\n" * (count - have))

    def br(self) -> None:
        self.parts.append("\n")

    def value(self) -> str:
        return "".join(self.parts)


def _render(node: _Node, out: _TextWriter, pre: bool = False, depth: int = 0) -> None:
    if depth > 450:
        return
    for child in node.children:
        if isinstance(child, str):
            if pre:
                out.text(child)
            else:
                out.text(re.sub(r"[ \t\r\n\f]+", " ", child))
            continue
        tag = child.tag
        if tag in _SKIP or tag.startswith("o:") and not child.children:
            continue
        if tag == "br":
            out.br()
            continue
        if tag == "hr":
            out.newline(1)
            continue
        if tag == "img":
            continue
        is_p = tag == "p" and "MsoNormal" not in child.classes and "MsoPlainText" not in child.classes
        if tag in _BLOCK:
            out.newline(2 if is_p else 1)
        if tag == "li":
            out.text("- ")
        if tag in ("td", "th"):
            out.text(" ")
        _render(child, out, pre or tag == "pre", depth + 1)
        if tag in _BLOCK:
            out.newline(2 if is_p else 1)


def _node_text(nodes: Iterable[_Node]) -> str:
    out = _TextWriter()
    for n in nodes:
        holder = _Node("div", {}, None)
        holder.children.append(n)
        _render(holder, out)
    return _clean_text(out.value())


def _html_split(html: str) -> tuple[str, str]:
    """Return ``(new_text, quoted_text)`` for an HTML body."""
    root = _parse_html(html)
    removed = _extract_quotes(root)
    out = _TextWriter()
    _render(root, out)
    return _clean_text(out.value()), _node_text(removed)


def html_body_to_text(html: str, drop_quotes: bool = True) -> str:
    """Convert an HTML mail body to readable plain text.

    With ``drop_quotes`` (the default) the quoted parts that mail clients mark up
    (``<blockquote>``, Gmail ``gmail_quote``, Outlook ``divRplyFwdMsg`` and everything after it,
    Thunderbird ``moz-cite-prefix``, Apple ``AppleOriginalContents``, Yahoo ``yahoo_quoted``)
    are left out. Never raises.
    """
    try:
        if drop_quotes:
            return _html_split(html or "")[0]
        out = _TextWriter()
        _render(_parse_html(html or ""), out)
        return _clean_text(out.value())
    except Exception:
        return _clean_text(re.sub(r"<[^>]*>", " ", html or ""))
