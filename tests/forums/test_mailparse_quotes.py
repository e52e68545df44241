"""mailparse.quotes: where the quoted history starts (attributions, header blocks, separators)."""

from __future__ import annotations

import pytest

from clearinghouse.forums.mailparse.quotes import _attribution_at, _hard_cut


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


@pytest.mark.parametrize(
    "line",
    [
        "On Mon, 4 Nov 2024 at 09:12, Ana Lima <ana@example.org> wrote:",
        "Le lun. 4 nov. 2024 à 09:12, Ana Lima <ana@example.org> a écrit :",
        "El lun, 4 nov 2024 a las 9:12, Ana Lima (<ana@example.org>) escribió:",
        "Am 04.11.2024 um 09:12 schrieb Ana Lima <ana@example.org>:",
        "在 2024年11月4日 09:12，Ana Lima <ana@example.org> 写道：",
        "4 нояб. 2024 г., в 09:12, Ana Lima <ana@example.org> написал(а):",
    ],
)
def test_one_line_attributions(line: str):
    assert _attribution_at([line, "> old"], 0) == 1


def test_sentence_is_not_an_attribution():
    assert _attribution_at(["On Monday, the committee wrote:", "we need data"], 0, strict=True) == 0


def test_outlook_header_block_is_a_hard_cut():
    lines = [
        "New text",
        "",
        "From: Ana <ana@example.org>",
        "Sent: Monday",
        "To: list",
        "Subject: Re: x",
        "",
        "old",
    ]
    assert _hard_cut(lines) == (2, "header")


def test_original_message_separator():
    assert _hard_cut(["ok", "-----Original Message-----", "old"]) == (1, "separator")
