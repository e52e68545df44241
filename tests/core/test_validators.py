"""Web addresses: only http(s) (and mailto where an address is meant), however the scheme is disguised."""

import pytest
from django.core.exceptions import ValidationError

from clearinghouse.core.validators import clean_web_url, is_safe_web_url

# Every way a browser would still run the script: case, leading spaces or control characters, tabs and
# newlines inside the scheme (browsers drop them), zero-width and bidi characters, entity-free variants.
HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\x00javascript:alert(1)",
    "\x01\x02javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\u200bscript:alert(1)",
    "\u202ejavascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    " VBScript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/file",
    "//evil.example/path",
    "https://exa mple.org/",
    "https://example.org/\x00",
    "mailto:someone@example.org",
    "not a link",
]
GOOD = ["https://www.cbd.int/gbf", "HTTP://Example.org/path?q=1#x", "  https://example.org/ ",
        "https://例え.テスト/", "http://127.0.0.1:8000/records/"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_addresses_are_refused_with_a_message(value):
    with pytest.raises(ValidationError) as exc:
        clean_web_url(value)
    assert "http://" in exc.value.messages[0]
    assert not is_safe_web_url(value)


@pytest.mark.parametrize("value", GOOD)
def test_web_addresses_are_kept_trimmed(value):
    assert clean_web_url(value) == value.strip()


def test_mailto_only_where_an_address_is_meant():
    assert clean_web_url("mailto:focal.point@example.org", allow_mailto=True) == "mailto:focal.point@example.org"
    for value in ("mailto:not-an-address", "MAILTO:x@y.org\njavascript:alert(1)", "javascript:alert(1)"):
        with pytest.raises(ValidationError):
            clean_web_url(value, allow_mailto=True)


def test_empty_stays_empty():
    assert clean_web_url("") == "" and clean_web_url(None) == "" and clean_web_url("   ") == ""
