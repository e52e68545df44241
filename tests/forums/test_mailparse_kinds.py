"""mailparse.kinds: auto-replies and bounces, told apart from human replies."""

from __future__ import annotations

import pytest

from clearinghouse.forums.mailparse import parse_message


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


def _mail(headers: str, body: str = "Text.") -> bytes:
    return (
        "From: Ana <ana@example.org>\nTo: reply+k1@forum.example.org\n" + headers + "\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
    ).encode()


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        ("Subject: Re: x", "reply"),
        ("Subject: Out of office\nAuto-Submitted: auto-replied", "auto_reply"),
        ("Subject: Re: x\nX-Autoreply: yes", "auto_reply"),
        ("Subject: Re: x\nX-Auto-Response-Suppress: DR, OOF, AutoReply", "reply"),
        ("Subject: Réponse automatique : x", "auto_reply"),
        ("Subject: Re: x\nPrecedence: bulk", "auto_reply"),
    ],
)
def test_kind_from_headers(headers: str, kind: str):
    assert parse_message(_mail(headers)).kind == kind


def test_dsn_is_a_hard_bounce():
    raw = (
        b"From: MAILER-DAEMON@mx.example.org\nTo: bounces@forum.example.org\nSubject: Undelivered Mail\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nfailed\n"
        b"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
        b"Final-Recipient: rfc822; gone@example.net\nAction: failed\nStatus: 5.1.1\n\n--b--\n"
    )
    parsed = parse_message(raw)
    assert parsed.kind == "bounce"
    assert parsed.is_hard_bounce and parsed.bounce_recipient == "gone@example.net"
