"""mailparse.quotes: where the quoted history starts (attributions, header blocks, separators)."""

from __future__ import annotations

import pytest

from clearinghouse.forums.mailparse import split_reply
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


@pytest.mark.parametrize(
    "text",
    [
        # Gmail wraps a long attribution inside the address
        "We agree.\n\nOn Mon, Nov 4, 2024 at 9:12 AM CBD Discussions <\nreply+u42.t1@discuss.example.org> wrote:\n\n> old",
        # over three lines, the verb alone on the last one
        "We agree.\n\nLe lun. 4 nov. 2024 à 09:12, Secretariat Forum\n<reply+u42.t1@discuss.example.org> a\nécrit :\n> old",
        # the client broke the line before ">:"
        'We agree.\n\nAm 21.04.2016 17:48 schrieb "Einz Zwei" <noreply@example.org\n>:\n\n> old',
        # a blank line and "mailto:" inside the wrapped address
        "We agree.\n\nOn Thu, 31 Mar 2016 at 11:16 Some One\n\n<\nmailto:Some One <some.one@foo.bar>\n> wrote:\n\nold text",
        # name first, verb in the middle
        "We agree.\n\nMax Mustermann <max@example.org> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:\n\n> old",
        # date first, no verb
        "We agree.\n\n2011/4/7 Nathan Nova <support@example.com>\n\n> old",
    ],
)
def test_wrapped_attributions_keep_the_quote_out(text: str):
    assert split_reply(text)[0] == "We agree."


def test_text_line_above_a_wrapped_attribution_stays():
    text = 'Thanks Thanmai\n On Mar 8, 2012 9:59 AM, "Example.com" <\nr+7f1b@example.com> wrote:\n\n> Blah'
    assert split_reply(text)[0] == "Thanks Thanmai"
    assert (
        split_reply("Hi,\nOn Tue, 2011-03-01 at 18:02 +0530, Abhishek Kona wrote:\n> q\n\nAnswer.")[0]
        == "Hi,\n\nAnswer."
    )


@pytest.mark.parametrize(
    "separator",
    [
        "-----Oprindelig meddelelse-----",
        "*-------- Original Message --------*",
        "-------- オリジナルメッセージ --------",
    ],
)
def test_dash_title_separators_in_any_language(separator: str):
    assert split_reply(f"Reply.\n\n{separator}\nold")[0] == "Reply."


def test_header_block_starting_with_date():
    text = "Blah\nDate: Fri, 28 Sep 2012 10:55:48 +0000\nFrom: tickets@example.com\nTo: bob@example.com\nSubject: x\n\nold"
    assert split_reply(text)[0] == "Blah"


@pytest.mark.parametrize(
    "labels",
    [
        ("差出人", "送信日時", "宛先", "件名"),
        ("보낸 사람", "보낸 날짜", "받는 사람", "제목"),
        ("Dari", "Dikirim", "Kepada", "Perihal"),
    ],
)
def test_outlook_header_blocks_in_more_languages(labels):
    f, s, t, subj = labels
    text = f"Reply.\n\n{f}: A <a@example.org>\n{s}: 2024/11/04 9:12\n{t}: B <b@example.org>\n{subj}: x\n\nold"
    assert split_reply(text)[0] == "Reply."


def test_attribution_glued_to_the_text_line():
    assert split_reply("reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:\n> Hi")[0] == "reply"
    assert split_reply("We met On Monday, 4 Nov 2024 at the office.\nThanks")[0].startswith(
        "We met On Monday"
    )


@pytest.mark.parametrize(
    "line",
    [
        "मंगल, 5 नव॰ 2024 को 9:10 pm बजे Ana Lima <ana@example.org> ने लिखा:",
        "Siku ya Jumanne, 5 Novemba 2024, Ana Lima <ana@example.org> aliandika:",
        # Gmail in Arabic wraps the line in bidi controls, after the colon too
        "\u202bفي الثلاثاء، 5 نوفمبر 2024 في 4:40 م تمت كتابة ما يلي بواسطة \u202aAna Lima\u202c\u200f "
        "<\u202aana@example.org\u202c\u200f>:\u202c",
    ],
)
def test_attributions_in_more_languages(line: str):
    assert _attribution_at([line, "> old"], 0) == 1
    assert split_reply(f"We use drones.\n\n{line}\n> old text")[0] == "We use drones."
