"""Property tests: the inbound-mail parser never raises and keeps what matters."""

from __future__ import annotations

import json
from email.header import Header
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearinghouse.forums.mailparse import parse_message, split_reply

CORPUS = Path(__file__).parent / "mail_corpus"
RAWS = [p.read_bytes() for p in sorted(CORPUS.glob("*.eml"))]
KEYS = (
    "from",
    "subject",
    "message_id",
    "in_reply_to",
    "references",
    "reply_key",
    "kind",
    "body",
    "quoted",
    "attachments",
    "language",
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _settings():
    """Override the project-wide Django settings fixture: these tests need no Django."""
    return None


def check(raw: bytes):
    parsed = parse_message(raw)
    data = parsed.as_dict()
    assert tuple(data) == KEYS
    json.dumps(data, ensure_ascii=False)
    assert data["kind"] in ("reply", "auto_reply", "bounce")
    return parsed


@FUZZ
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_raise(raw: bytes):
    check(raw)


@FUZZ
@given(st.text(max_size=3000))
def test_arbitrary_text_never_raises(text: str):
    check(text.encode("utf-8", "surrogatepass"))
    split_reply(text)


@st.composite
def mutated(draw):
    raw = bytearray(draw(st.sampled_from(RAWS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "insert", "flip", "truncate", "dup", "longline"]))
        if not raw:
            break
        i = draw(st.integers(0, len(raw) - 1))
        if op == "cut":
            j = draw(st.integers(i, min(len(raw), i + 200)))
            del raw[i:j]
        elif op == "insert":
            raw[i:i] = draw(st.binary(min_size=1, max_size=60))
        elif op == "flip":
            raw[i] = draw(st.integers(0, 255))
        elif op == "truncate":
            del raw[i:]
        elif op == "dup":
            j = draw(st.integers(i, min(len(raw), i + 300)))
            raw[i:i] = raw[i:j]
        else:
            raw[i:i] = b"x" * draw(st.integers(1000, 60000))
    return bytes(raw)


@FUZZ
@given(mutated())
def test_mutated_corpus_messages_never_raise(raw: bytes):
    check(raw)


def test_pathological_inputs():
    for raw in (
        b"",
        b"\x00" * 100,
        b"Content-Type: multipart/mixed; boundary=x\n\n--x\n" * 200,
        b'Content-Type: multipart/mixed; boundary="a"\n\n--a\nContent-Type: multipart/mixed; boundary="a"\n\n'
        * 50,
        b"From: a@b\nSubject: =?utf-8?b?////?=\nContent-Type: text/plain; charset=no-such-charset\n\n\xff\xfe\xfa",
        b"Subject: x\nContent-Transfer-Encoding: base64\n\n!!!!====\n",
        b"Subject: x\nContent-Type: text/html\n\n" + b"<div>" * 5000 + b"hi",
        b"To: reply+k@x.org\n\n" + b"a" * 2_000_000,
        b"To: reply+k@x.org\n\n" + (b"> " * 10000 + b"On x wrote:\n") * 3,
    ):
        check(raw)


KEY_ST = st.from_regex(r"[A-Za-z0-9._=-]{1,40}", fullmatch=True)
BODY_ST = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), min_size=1, max_size=400
).filter(lambda t: any(ch.isalnum() for ch in t))


@FUZZ
@given(KEY_ST, BODY_ST)
def test_valid_reply_keeps_key_and_body(key: str, text: str):
    msg = MIMEText(text, "plain", "utf-8")
    msg["From"] = "Someone <someone@example.org>"
    msg["To"] = f"CBD Discussions <reply+{key}@discuss.example.org>"
    msg["Subject"] = "Re: [CBD Discussions] Indicators"
    parsed = check(msg.as_bytes())
    assert parsed.reply_key == key
    assert parsed.kind == "reply"
    assert parsed.body.strip()


AUTO_SIGNALS = [
    ("Auto-Submitted", "auto-replied"),
    ("Auto-Submitted", "auto-generated"),
    ("Auto-Submitted", "auto-notified; owner-email=x@y"),
    ("X-Autoreply", "yes"),
    ("X-Autorespond", "Vacation"),
    ("Precedence", "bulk"),
    ("Precedence", "junk"),
    ("Precedence", "auto_reply"),
    ("Precedence", "list"),
    ("X-Auto-Response-Suppress", "All"),
    ("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent"),
]
AUTO_SUBJECTS = [
    "Out of Office: ",
    "Automatic reply: ",
    "Réponse automatique : ",
    "Respuesta automática: ",
    "Автоответ: ",
    "自动回复: ",
    "رد تلقائي: ",
    "Auto: ",
    "Resposta automática: ",
]


@FUZZ
@given(
    st.lists(st.sampled_from(AUTO_SIGNALS), max_size=3),
    st.one_of(st.none(), st.sampled_from(AUTO_SUBJECTS)),
    st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s),
    BODY_ST,
    KEY_ST,
)
def test_auto_replies_are_never_replies(signals, prefix, subject, text, key):
    if not signals and prefix is None:
        signals = [AUTO_SIGNALS[0]]
    msg = MIMEText(text, "plain", "utf-8")
    msg["From"] = "Away <away@example.org>"
    msg["To"] = f"reply+{key}@discuss.example.org"
    msg["Subject"] = Header((prefix or "Re: ") + subject, "utf-8")
    for name, value in signals:
        msg[name] = value
    parsed = check(msg.as_bytes())
    assert parsed.kind != "reply"
    assert parsed.reply_key == key
