"""mailparse.signatures: "-- " blocks, mobile footers, sign-offs with their name block, disclaimers."""

from __future__ import annotations

import pytest

from clearinghouse.forums.mailparse.signatures import (
    _is_mobile_footer,
    _signoff_line,
    _trim_signature,
    sender_names,
)


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


def _trim(text: str, sender: str | None = None) -> str:
    kept, _removed = _trim_signature(text.split("\n"), sender)
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


@pytest.mark.parametrize(
    "footer",
    [
        "Enviado do meu iPhone",
        "Von meinem iPhone gesendet",
        "Inviato da iPhone",
        "iPhone'umdan gönderildi",
        "Dikirim dari iPhone saya",
        "iPhoneから送信",
        "iPhone에서 보냄",
        "أُرسلت من الـ iPhone",
        "发自我的iPhone",
        "Отправлено с iPhone",
        "Enviado desde mi iPhone",
        "Envoyé de mon iPhone",
        "Sent from my Galaxy",
        "Outlook für Android herunterladen",
        "Sendt fra min iPad",
    ],
)
def test_mobile_footers_in_many_languages(footer: str):
    assert _is_mobile_footer(footer)
    assert _trim(f"We agree.\n\n{footer}") == "We agree."
    assert _trim(f"We agree.\n\nAna\n\n{footer}", "Ana Lima") == "We agree."


def test_a_sentence_about_a_phone_is_not_a_footer():
    assert not _is_mobile_footer("Sent from my desk, is much easier then my mobile phone.")


@pytest.mark.parametrize(
    ("display", "tail"),
    [
        ("Ana Lima", "Ana"),
        ("Ana Lima", "Thanks,\nAna"),
        ("Lima, Ana", "Obrigada,\nAna"),
        ("Ольга Смирнова", "Спасибо,\nОльга"),
        ("أحمد المنصوري", "شكراً،\nأحمد"),
        ("李伟", "谢谢，\n李伟"),
        ("Ana Lima", "Thanks, Ana"),
    ],
)
def test_first_name_sign_off_from_the_display_name(display: str, tail: str):
    assert _trim(f"We agree with the proposal.\n\n{tail}", display) == "We agree with the proposal."


def test_a_name_that_is_not_the_sender_stays():
    assert _trim("Please ask Maria.\n\nMaria", "Ana Lima") == "Please ask Maria.\n\nMaria"


def test_desktop_signature_blocks():
    assert (
        _trim("We agree.\n\n________________________________\nAna Lima | Officer\nT +55 61 2028 1234")
        == "We agree."
    )
    block = "We agree.\n\nAna Lima\nProgramme Officer\nMinistry of Environment\nTel. +55 61 2028-1234"
    assert _trim(block, "Ana Lima") == "We agree."
    assert _trim(block.replace("Ana Lima", "A. Lima")) == "We agree."


def test_sender_names():
    assert sender_names("Lima, Ana") >= {"ana", "ana lima"}
    assert "伟" in sender_names("李伟")
    assert sender_names(None) == set()


def test_inline_pgp_signed_text_is_the_body():
    from clearinghouse.forums.mailparse import split_reply

    text = (
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nWe agree with the proposal.\n\n- -- \nAna Lima\n"
        "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n=Ab12\n-----END PGP SIGNATURE-----\n"
    )
    assert split_reply(text)[0] == "We agree with the proposal."


@pytest.mark.parametrize(
    "footer",
    [
        # "Mail for Windows" in the languages its clients ship
        "Sent from Mail for Windows",
        "Dikirim dari Email untuk Windows",
        "Envoyé à partir de Courrier pour Windows",
        "Enviado desde Correo para Windows",
        "Von Mail für Windows gesendet",
        "Inviato da Posta per Windows",
        "Windows için Posta'dan gönderildi",
        "从 Windows 版邮件发送",
        "Windows 版メールから送信",
        "Windows용 메일에서 보냄",
        "Được gửi từ Thư cho Windows",
        "Windows के लिए मेल से भेजा गया",
        # phones and apps in Swahili, Hindi, Vietnamese, German webmailers, Chinese apps
        "Imetumwa kutoka kwa iPhone yangu",
        "मेरे iPhone से भेजा गया",
        "Gửi từ iPhone của tôi",
        "Diese Nachricht wurde von meinem Android Mobiltelefon mit GMX Mail gesendet.",
        "发自网易邮箱大师",
        "來自我的 iPhone",
        "發自我的 iPhone",
        "Sent from my Android device with K-9 Mail. Please excuse my brevity.",
        "Secured with Tuta Mail:",
        "Sent from Zoho Mail",
        "Sent using Zoho Mail",
        "Nhận Outlook cho iOS",
        "Скачайте Outlook для Android",
        "Holen Sie sich Outlook für Android",
        "Sent via the Samsung Galaxy S23, an AT&T 5G smartphone",
        "Sent from myMail for iOS",
    ],
)
def test_more_mobile_and_app_footers(footer: str):
    assert _is_mobile_footer(footer)
    assert _trim(f"We use drones at 12 sites.\n\n{footer}") == "We use drones at 12 sites."


@pytest.mark.parametrize(
    "line",
    [
        "Sent from my desk, is much easier then my mobile phone.",
        "We sent the Windows installer to the secretariat.",
        "Enviado desde la oficina, con los datos completos de la campaña de este año.",
    ],
)
def test_sentences_about_sending_are_not_footers(line: str):
    assert not _is_mobile_footer(line)


@pytest.mark.parametrize(
    ("display", "tail"),
    [
        ("정하늘", "정하늘 드림"),
        ("김민준", "김민준 올림"),
        ("이서연", "이서연 배상"),
        ("林志明", "林志明 敬上"),
        ("山本 翔太", "山本 拝"),
        ("山本 翔太", "山本より"),
        ("Juma Mwakyusa", "Asante,\nJuma"),
        ("Halima Said", "Wasalaam,\nHalima"),
        ("प्रिया शर्मा", "धन्यवाद,\nप्रिया"),
        ("अमित वर्मा", "सादर,\nअमित"),
        ("Trần Văn Minh", "Kính thư,\nMinh"),
        ("Nguyễn Thị Lan", "Xin cảm ơn,\nLan"),
        ("Felix Braun", "Tschüss\nFelix"),
        ("Klaus Meyer", "Mit freundlichen Grüßen / Kind regards\n\nKlaus Meyer"),
    ],
)
def test_closings_of_more_languages(display: str, tail: str):
    assert _trim(f"We use drones at 12 sites.\n\n{tail}", display) == "We use drones at 12 sites."


def test_a_line_with_a_slash_is_not_a_closing():
    assert not _signoff_line("Regards and/or thanks to the drone team for the survey")
