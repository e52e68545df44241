"""The one text normaliser (core/text.py) and its use by the services that create records, posts and threads."""

import pytest
from django.core.exceptions import ValidationError

from clearinghouse.core.text import clean_filename, clean_line, clean_text, clean_title


def test_clean_text_removes_nul_and_control_characters_keeps_newlines_and_tabs():
    assert clean_text("a\x00b\x07c\x1b[0m\r\nd\te\rf\x7f\x85") == "abc[0m\nd\te\nf"


def test_clean_text_is_nfc():
    assert clean_text("e\u0301cole") == "\u00e9cole"


@pytest.mark.parametrize("title", ["", "   ", "\u200b\u200c\u200d", "\ufeff \u2060\n\t", "\x00\x00"])
def test_an_empty_or_invisible_title_is_refused_with_a_clear_message(title):
    assert clean_line(title) == ""
    with pytest.raises(ValidationError) as e:
        clean_title(title)
    assert "invisible" in str(e.value.message_dict["title"])


def test_a_title_is_one_trimmed_line():
    assert clean_title("\u200b  Wetland\nbirds\t counts \u200b") == "Wetland birds  counts"


@pytest.mark.parametrize("name, shown", [
    ("invoice\u202efdp.exe", "invoicefdp.exe"),
    ("report\u2066\u2069.pdf", "report.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\x\\a\x00b.txt", "ab.txt"),
    ("\u202e", "file"),
])
def test_file_names_lose_bidi_overrides_paths_and_control_characters(name, shown):
    assert clean_filename(name) == shown


@pytest.mark.django_db
def test_services_store_no_nul_and_refuse_invisible_titles():
    from clearinghouse.matchmaking import services
    from tests.factories import focal_point

    fp = focal_point("KE")
    need = services.need_create(actor=fp, country="KE", data={
        "title": "Wet\x00lands\u200b", "description": "Training\x00 in counts", "language": "en"})
    need.refresh_from_db()
    assert need.title == "Wetlands" and need.description == "Training in counts"
    with pytest.raises(ValidationError) as e:
        services.need_create(actor=fp, country="KE", data={"title": "\u200b\u200b", "description": "x"})
    assert "title" in e.value.message_dict
