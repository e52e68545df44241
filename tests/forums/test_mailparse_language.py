"""mailparse.language: offline detection by script, stop words and letters."""

from __future__ import annotations

import pytest

from clearinghouse.forums.mailparse.language import detect_language


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wir sind mit dem Vorschlag einverstanden und werden die Daten nachreichen.", "de"),
        ("Siamo d'accordo con la proposta e invieremo i dati della regione.", "it"),
        ("提案に賛成します。データは来週送ります。", "ja"),
        ("제안에 동의합니다. 다음 주에 자료를 보내겠습니다.", "ko"),
        ("", None),
    ],
)
def test_detect(text: str, lang: str | None):
    assert detect_language(text) == lang
