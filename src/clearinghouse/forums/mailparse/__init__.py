"""Inbound e-mail parser for reply-by-email in the online discussions.

Pure Python (standard library only), no Django import, no database. The single entry
point is :func:`parse_message`, which turns raw RFC 5322 bytes into a :class:`ParsedMail`:

* header facts: sender address, decoded subject, Message-ID, In-Reply-To, References;
* ``reply_key``: the ``KEY`` of the first ``reply+KEY@domain`` address found in To, Cc,
  Delivered-To, X-Original-To or Envelope-To (in that order), **unverified**;
* ``kind``: ``reply``, ``auto_reply`` or ``bounce`` with bounce details in
  :attr:`ParsedMail.bounces` (see :mod:`.kinds`);
* ``body``: the new text the person wrote, as plain text; quoted history, signatures, mobile
  footers, sign-offs with their name block and disclaimers go to ``quoted``. Greetings are kept.
  Inline replies keep the person's own lines in order. If stripping would leave nothing, the
  unstripped top part is returned instead;
* ``attachments`` (name, type, size, bytes) and ``language`` (ISO 639-1, offline detection).

The parser never raises: any input yields a :class:`ParsedMail` with what could be recovered.

One job per module:

========================  ======================================================================
``model``                 result types (:class:`ParsedMail`, :class:`Attachment`...), kinds, reply markers
``mime``                  charsets, RFC 2047 headers, transfer encodings, the walk over the MIME tree
``parts``                 the walk over the MIME tree: text bodies, delivery reports, other parts
``attachments``           which non-body parts are attachments, and their names
``htmltext``              HTML bodies to text, without the quotes clients mark up
``quotes``                attribution lines, header blocks, separators: where the quoted history starts
``signatures``            "-- " blocks, mobile footers, sign-offs and name blocks, disclaimers
``reply``                 :func:`split_reply`: the new text of a plain-text reply
``kinds``                 auto-replies and bounces
``language``              :func:`detect_language`
``parser``                :func:`parse_message`: composes the above
``cli``                   ``clearinghouse mail parse FILE|-``
========================  ======================================================================
"""

from __future__ import annotations

from .cli import build_cli_parser, mailparse_cli, parse_to_json, read_source
from .htmltext import html_body_to_text
from .language import detect_language
from .model import (
    KIND_AUTO_REPLY,
    KIND_BOUNCE,
    KIND_REPLY,
    REPLY_KEY_HEADERS,
    REPLY_MARKER,
    REPLY_MARKER_AR,
    REPLY_MARKER_ES,
    REPLY_MARKER_FR,
    REPLY_MARKER_RU,
    REPLY_MARKER_ZH,
    REPLY_MARKERS,
    Attachment,
    BounceInfo,
    ParsedMail,
)
from .parser import parse_message
from .reply import split_reply

__all__ = [
    "KIND_AUTO_REPLY",
    "KIND_BOUNCE",
    "KIND_REPLY",
    "REPLY_KEY_HEADERS",
    "REPLY_MARKER",
    "REPLY_MARKERS",
    "REPLY_MARKER_AR",
    "REPLY_MARKER_ES",
    "REPLY_MARKER_FR",
    "REPLY_MARKER_RU",
    "REPLY_MARKER_ZH",
    "Attachment",
    "BounceInfo",
    "ParsedMail",
    "build_cli_parser",
    "detect_language",
    "html_body_to_text",
    "mailparse_cli",
    "parse_message",
    "parse_to_json",
    "read_source",
    "split_reply",
]
