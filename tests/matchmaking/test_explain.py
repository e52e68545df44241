"""Reasons of a suggestion in the viewer's language: every stored reason renders, whatever its params hold."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from clearinghouse.matchmaking.explain import render_reason

from .conftest import make_need, make_offer

LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh-hans"]

REASONS = [
    # language names come back from Django as lazy translations (get_language_info's name_translated)
    {"code": "language_required", "params": {"languages": ["French"], "offer_languages": ["English", "Spanish"],
                                             "clause": "training must be in French"}},
    {"code": "language_preferred", "params": {"languages": ["Arabic", "French"], "offer_languages": ["English"],
                                              "clause": "preferably in Arabic or French"}},
    {"code": "delivery_language", "params": {"language": ["English"]}},
    {"code": "languages", "params": {"offer_language": "English", "need_language": "French"}},
    # a lazy string in the params themselves, alone and in a list
    {"code": "shared_concepts", "params": {"concepts": [gettext_lazy("wetlands"), gettext_lazy("birds"), "x"]}},
    {"code": "support_match", "params": {"kinds": gettext_lazy("training")}},
    {"code": "support_mismatch", "params": {"wanted": ["training", "finance"], "provided": ["equipment"]}},
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reason", REASONS, ids=[r["code"] for r in REASONS])
def test_every_reason_renders_as_text_in_every_language(reason, language):
    with translation.override(language):
        text = render_reason(reason)
    assert isinstance(text, str) and text
    assert "%(" not in text


def test_language_list_reads_in_the_viewers_language():
    reason = REASONS[1]
    with translation.override("en"):
        assert render_reason(reason).startswith("the need prefers delivery in Arabic and French;")
    with translation.override("fr"):
        text = render_reason(reason)
    assert "arabe" in text.lower() and "français" in text.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_need_page_and_suggestions_api_show_an_unmet_language_requirement(client, language,
                                                                          django_capture_on_commit_callbacks):
    """A need that requires French and an English-only offer: the page and the API still answer."""
    with django_capture_on_commit_callbacks(execute=True):
        need = make_need(title="Coral reef monitoring for the national report", language="en",
                         description="Support to set up coral reef monitoring; training must be in French.")
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(title="Coral reef monitoring training", language="en",
                   description="Training in coral reef monitoring, delivered in English only.")
    r = client.get(need.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert r.status_code == 200
    api = client.get(f"/api/v1/marketplace/needs/{need.public_id}/suggestions", HTTP_ACCEPT_LANGUAGE=language)
    assert api.status_code == 200
    unmet = [u for s in api.json() for u in s["unmet"] if u["code"] == "language_required"]
    assert unmet, api.json()
    assert unmet[0]["text"] in r.text.replace("&quot;", '"').replace("&#x27;", "'")
