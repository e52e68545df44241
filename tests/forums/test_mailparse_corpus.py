"""The inbound-mail corpus: every message parses to its expected JSON subset.

Each ``mail_corpus/NAME.eml`` has a ``NAME.json`` with the expected subset of
``ParsedMail.as_dict()`` (bodies compared after whitespace normalisation) plus, for bounces,
the expected bounce details. Cases named ``holdout_*`` were written after tuning.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clearinghouse.forums.mailparse import (
    REPLY_MARKER,
    REPLY_MARKERS,
    detect_language,
    html_body_to_text,
    parse_message,
    split_reply,
)
from tests.forums.mailtext import normalise

CORPUS = Path(__file__).parent / "mail_corpus"
CASES = sorted(p.stem for p in CORPUS.glob("*.eml"))


@pytest.fixture(autouse=True)
def _settings():
    """Override the project-wide Django settings fixture: these tests need no Django."""
    return None


def test_corpus_is_big_enough():
    assert len(CASES) >= 60
    assert len([c for c in CASES if c.startswith("holdout_")]) >= 10
    for name in CASES:
        assert (CORPUS / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", CASES)
def test_corpus_message(name: str):
    expected = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    parsed = parse_message((CORPUS / f"{name}.eml").read_bytes())
    got = parsed.as_dict()
    assert got["kind"] == expected["kind"]
    assert got["reply_key"] == expected["reply_key"]
    assert got["from"] == expected["from"]
    assert got["language"] == expected["language"]
    if "body" in expected:
        assert normalise(got["body"]) == normalise(expected["body"])
    if "attachments" in expected:
        assert [a["name"] for a in got["attachments"]] == expected["attachments"]
    if "subject" in expected:
        assert got["subject"] == expected["subject"]
    if "bounce" in expected:
        assert parsed.bounce is not None
        for key, value in expected["bounce"].items():
            assert getattr(parsed.bounce, key) == value, key
    assert parsed.errors == []


def test_as_dict_keys_are_exact():
    parsed = parse_message((CORPUS / "gmail_en_simple.eml").read_bytes())
    assert list(parsed.as_dict()) == [
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
    ]
    json.dumps(parsed.as_dict())


def test_headers_and_quoted_part():
    parsed = parse_message((CORPUS / "gmail_en_simple.eml").read_bytes())
    assert parsed.subject == "Re: [CBD Discussions] Indicators for Target 3"
    assert parsed.message_id and parsed.message_id.startswith("<msg")
    assert parsed.in_reply_to and parsed.in_reply_to.startswith("<post-1187-")
    assert len(parsed.references) == 2
    assert REPLY_MARKER in parsed.quoted
    assert "Best regards" in parsed.quoted


def test_attachments_keep_bytes():
    parsed = parse_message((CORPUS / "gmail_en_attachments.eml").read_bytes())
    png = parsed.attachments[0]
    assert png.content_type == "image/png"
    assert png.data.startswith(b"\x89PNG")
    assert png.size == len(png.data)
    assert "data" not in parsed.as_dict()["attachments"][0]


def test_bounce_counting_helpers():
    hard = parse_message((CORPUS / "bounce_postfix_hard_511.eml").read_bytes())
    soft = parse_message((CORPUS / "bounce_gmail_delay_soft.eml").read_bytes())
    assert hard.is_hard_bounce and hard.bounce_recipient == "nobody@nonexistent.example.com"
    assert hard.bounce_status == "5.1.1"
    assert not soft.is_hard_bounce and soft.bounce_status == "4.4.1"
    assert hard.bounce_dict()[0]["hard"] is True


def test_markers_are_marker_lines():
    assert set(REPLY_MARKERS) >= {"en", "ar", "es", "fr", "ru", "zh"}
    for marker in REPLY_MARKERS.values():
        body, quoted = split_reply(f"Agreed.\n\n{marker}\n\nold post")
        assert body == "Agreed."
        assert marker in quoted


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I think we should report marine and terrestrial areas separately in the next cycle.", "en"),
        ("Je pense que nous devrions séparer les aires marines et terrestres dans le rapport.", "fr"),
        ("Creo que deberíamos informar por separado sobre las áreas marinas y terrestres.", "es"),
        ("Acho que devemos relatar separadamente as áreas marinhas e terrestres no relatório.", "pt"),
        ("Я думаю, что нам следует отчитываться отдельно по морским и наземным районам.", "ru"),
        ("أعتقد أنه ينبغي لنا الإبلاغ عن المناطق البحرية والبرية بشكل منفصل.", "ar"),
        ("我认为我们应该分别报告海洋和陆地保护区。", "zh"),
    ],
)
def test_language_detection(text: str, lang: str):
    assert detect_language(text) == lang


def test_html_body_to_text_drops_client_quotes():
    html = (
        '<div dir="ltr"><div>Hello all,</div><div><br></div><div>I agree &amp; support.</div></div>'
        '<div class="gmail_quote"><div class="gmail_attr">On Mon wrote:</div><blockquote>old</blockquote></div>'
        '<div id="AppleOriginalContents">forwarded</div><div class="moz-cite-prefix">On x wrote:</div>'
    )
    assert html_body_to_text(html) == "Hello all,\n\nI agree & support."
    owa = (
        'New text<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> x</div><div>old</div>'
    )
    assert html_body_to_text(owa) == "New text"
    assert "old" in html_body_to_text(owa, drop_quotes=False)


def test_inline_reply_keeps_new_text_in_order():
    text = (
        "Intro.\n\nOn Mon, 4 Nov 2024 at 09:12, X <x@y.org> wrote:\n> q1\n\nA1\n\n> q2\nA2\n\nThanks,\nBob\n"
    )
    body, quoted = split_reply(text)
    assert body == "Intro.\n\nA1\n\nA2"
    assert "> q1" in quoted and "> q2" in quoted and "Bob" in quoted


def test_never_empty_body_for_text():
    body, _ = split_reply("Best regards,\nMaria")
    assert body == "Best regards,\nMaria"
    body, _ = split_reply("Hi all,\n\nThanks!\n\nMaria")
    assert "Thanks!" in body
    body, _ = split_reply("> only quoted text\n> here")
    assert body


def test_sentence_with_wrote_is_not_a_quote_header():
    body, _ = split_reply("On Monday, the committee wrote:\nwe need more data on coral reefs.\n")
    assert "coral reefs" in body


def test_reply_domain_filter():
    raw = (CORPUS / "gmail_en_simple.eml").read_bytes()
    assert parse_message(raw, reply_domains=["discuss.example.org"]).reply_key
    assert parse_message(raw, reply_domains=["other.example.org"]).reply_key is None


def test_ordinary_reply_mentioning_out_of_office_is_a_reply():
    parsed = parse_message((CORPUS / "out_of_office_mentioned_in_text.eml").read_bytes())
    assert parsed.kind == "reply"
