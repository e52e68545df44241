"""mailparse.attachments: which parts the reader gets as files."""

from __future__ import annotations

import base64

import pytest

from clearinghouse.forums.mailparse import parse_message


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 40).decode()


def test_named_attachment_keeps_name_type_and_bytes():
    raw = (
        "From: a@example.org\nTo: reply+k@f.example.org\nSubject: Re: x\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee file.\n'
        '--b\nContent-Type: image/png; name="map.png"\nContent-Disposition: attachment; filename="map.png"\n'
        f"Content-Transfer-Encoding: base64\n\n{PNG}\n--b--\n"
    ).encode()
    parsed = parse_message(raw)
    assert [a.name for a in parsed.attachments] == ["map.png"]
    assert parsed.attachments[0].data.startswith(b"\x89PNG")


def test_unnamed_part_gets_a_name_from_its_type():
    raw = (
        "From: a@example.org\nTo: reply+k@f.example.org\nSubject: Re: x\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee.\n'
        f"--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n{PNG}\n--b--\n"
    ).encode()
    assert [a.name for a in parse_message(raw).attachments] == ["attachment-1.pdf"]


def _signed(protocol: str, sig_type: str, sig_name: str) -> bytes:
    return (
        "From: a@example.org\nTo: reply+k@f.example.org\nSubject: Re: x\n"
        f'Content-Type: multipart/signed; protocol="{protocol}"; micalg=sha-256; boundary="s"\n\n'
        "--s\nContent-Type: text/plain; charset=utf-8\n\nSigned text.\n"
        f'--s\nContent-Type: {sig_type}; name="{sig_name}"\nContent-Disposition: attachment; filename="{sig_name}"\n'
        f"Content-Transfer-Encoding: base64\n\n{PNG}\n--s--\n"
    ).encode()


@pytest.mark.parametrize(
    ("protocol", "name"),
    [
        ("application/pgp-signature", "signature.asc"),
        ("application/pgp-signature", "OpenPGP_signature.asc"),
        ("application/pkcs7-signature", "smime.p7s"),
        ("application/x-pkcs7-signature", "smime.p7s"),
    ],
)
def test_signed_mail_signature_is_not_an_attachment(protocol: str, name: str):
    parsed = parse_message(_signed(protocol, protocol, name))
    assert parsed.attachments == []
    assert parsed.body == "Signed text."


def _related(html: str, name: str = "image001.png", cid: str = "image001.png@01DB2E4F") -> bytes:
    return (
        "From: Ana Lima <a@example.org>\nTo: reply+k@f.example.org\nSubject: Re: x\n"
        'Content-Type: multipart/related; boundary="r"\n\n'
        f"--r\nContent-Type: text/html; charset=utf-8\n\n{html}\n"
        f'--r\nContent-Type: image/png; name="{name}"\nContent-Disposition: inline; filename="{name}"\n'
        f"Content-ID: <{cid}>\nContent-Transfer-Encoding: base64\n\n{PNG}\n--r--\n"
    ).encode()


def test_signature_logo_is_not_an_attachment():
    html = (
        "<p>We agree.</p><p>Kind regards,</p><p>Ana Lima<br>Programme Officer</p>"
        '<p><img src="cid:image001.png@01DB2E4F"></p>'
    )
    assert parse_message(_related(html)).attachments == []
    gmail = '<div>We agree.</div><div class="gmail_signature"><img src="cid:ii_abc"></div>'
    assert parse_message(_related(gmail, "logo.png", "ii_abc")).attachments == []


def test_image_pasted_in_the_text_stays_an_attachment():
    html = '<div>Here is the chart <img src="cid:ii_chart"> as discussed.</div>'
    parsed = parse_message(_related(html, "chart.png", "ii_chart"))
    assert [a.name for a in parsed.attachments] == ["chart.png"]
    assert "cidimg" not in parsed.body
