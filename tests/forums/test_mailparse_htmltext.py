"""mailparse.htmltext: HTML bodies to text without client-marked quotes."""

from __future__ import annotations

import pytest

from clearinghouse.forums.mailparse.htmltext import _html_split, html_body_to_text


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


def test_blocks_and_breaks_become_lines():
    assert html_body_to_text("<p>One</p><p>Two<br>three</p><ul><li>a</li><li>b</li></ul>") == (
        "One\n\nTwo\nthree\n\n- a\n- b"
    )


@pytest.mark.parametrize(
    "quote",
    [
        '<div class="gmail_quote">On Mon wrote:<blockquote>old</blockquote></div>',
        '<div class="moz-cite-prefix">On Mon wrote:</div><blockquote type="cite">old</blockquote>',
        '<div id="divRplyFwdMsg"><b>From:</b> x</div><div>old</div>',
        '<div class="yahoo_quoted">old</div>',
        '<blockquote type="cite"><div>old</div></blockquote>',
    ],
)
def test_client_quotes_are_split_off(quote: str):
    new, quoted = _html_split(f"<div>New text</div>{quote}")
    assert new == "New text"
    assert "old" in quoted


def test_broken_html_never_raises():
    assert "x" in html_body_to_text("<div><p>x<table><tr><td>")


def test_blockquote_citing_a_web_source_is_the_writers_text():
    html = '<p>As Huxley put it:</p><blockquote cite="https://example.org/four.html"><p>Words can be like X-rays.</p></blockquote>'
    assert html_body_to_text(html) == "As Huxley put it:\n\nWords can be like X-rays."
    assert "old" not in html_body_to_text('<p>New</p><blockquote type="cite" cite="mid:x@y">old</blockquote>')
