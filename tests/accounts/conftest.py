import re
from urllib.parse import urlparse

import pytest


def mail_text(message) -> str:
    """The plain-text body of a sent mail (stored mails are sent as parsed messages)."""
    msg = message.message()
    part = msg.get_body(preferencelist=("plain",)) if hasattr(msg, "get_body") else None
    return part.get_content() if part is not None else message.body


def link_in(message, fragment: str) -> str:
    """The path of the first link in a mail that contains ``fragment``."""
    for url in re.findall(r"https?://\S+", mail_text(message)):
        if fragment in url:
            return urlparse(url).path
    raise AssertionError(f"no link with {fragment!r} in:\n{mail_text(message)}")


@pytest.fixture
def mails():
    from django.core import mail

    return mail.outbox
