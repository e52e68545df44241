"""Development mail backend: each message is written as an .eml file under var/outbox,
which the site lists at /outbox/ in development so a person can read what went out."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.CLEARINGHOUSE_OUTBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        count = 0
        for message in email_messages:
            name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
            # The bytes a mail server would receive (as_bytes, as Django's SMTP backend asks for
            # them), with LF line ends: a message rendered earlier (RawMIME) is written as stored.
            data = message.message().as_bytes().replace(b"\r\n", b"\n")
            (folder / name).write_bytes(data)
            count += 1
        return count


def outbox_messages(limit: int = 50) -> list[Path]:
    folder = Path(settings.CLEARINGHOUSE_OUTBOX_DIR)
    if not folder.exists():
        return []
    return sorted(folder.glob("*.eml"), reverse=True)[:limit]
