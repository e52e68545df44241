"""mailparse.signatures: "-- " blocks, mobile footers, sign-offs with their name block, disclaimers."""

from __future__ import annotations

import pytest

from clearinghouse.forums.mailparse.signatures import _signoff_line, _trim_signature


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


def _trim(text: str) -> str:
    kept, _removed = _trim_signature(text.split("\n"))
    return "\n".join(kept).strip()


@pytest.mark.parametrize(
    "line", ["Best regards,", "Cordialement", "С уважением,", "مع أطيب التحيات", "此致", "Saludos"]
)
def test_signoff_lines(line: str):
    assert _signoff_line(line)


def test_dash_dash_signature_is_removed():
    assert _trim("We agree.\n-- \nAna Lima\nMinistry of Environment") == "We agree."


def test_mobile_footer_is_removed():
    assert _trim("We agree.\n\nSent from my iPhone") == "We agree."


def test_signoff_with_name_block_is_removed():
    assert _trim("We agree.\n\nBest regards,\nAna Lima\nFocal point") == "We agree."


def test_disclaimer_is_removed():
    text = "We agree.\n\nThis e-mail is confidential and intended solely for the addressee."
    assert _trim(text) == "We agree."
