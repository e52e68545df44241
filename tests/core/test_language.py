"""Choosing the interface language with a plain GET form: no JavaScript, no CSRF token."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_switcher_is_a_get_form_that_works_without_javascript(client):
    body = client.get("/records/?type=tool").content.decode()
    assert '<form action="/language/" method="get" class="lang-switch">' in body
    assert 'name="next" type="hidden" value="/records/?type=tool"' in body
    assert '<select id="lang-select" name="lang">' in body
    # Submitting the form, as a browser would without scripts:
    response = client.get("/language/", {"next": "/records/?type=tool", "lang": "fr"})
    assert response.status_code == 302 and response["Location"] == "/records/?type=tool"
    assert response.cookies["django_language"].value == "fr"
    assert "Connexion" in client.get(response["Location"]).content.decode()


def test_language_cookie_wins_over_the_browser(client):
    client.get(reverse("core:language"), {"lang": "ru", "next": "/"})
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Войти" in body and "Connexion" not in body


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)",
                                    "http://testserver.evil.example/"])
def test_foreign_next_is_refused(client, target):
    response = client.get(reverse("core:language"), {"lang": "fr", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["django_language"].value == "fr"


def test_unknown_language_changes_nothing(client):
    response = client.get(reverse("core:language"), {"lang": "xx", "next": "/records/"})
    assert response["Location"] == "/records/"
    assert "django_language" not in response.cookies


def test_post_is_not_allowed(client):
    assert client.post(reverse("core:language"), {"lang": "fr"}).status_code == 405
