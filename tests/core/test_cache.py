"""The public page cache: anonymous visitors share pages, nothing else is cached."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from clearinghouse.core.cache import public_page_cache
from tests.factories import UserFactory, make_record

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/countries/", "/countries/KE/", "/records/", "/search/?q=mangrove", "/search/"]


@pytest.fixture
def record(run_on_commit):
    with run_on_commit():
        return make_record(country="KE", publish=True, title="Mangrove nurseries run by fishers")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_second_anonymous_visit_is_served_from_the_cache(client, record, path, django_assert_max_num_queries):
    first = client.get(path)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the content generation token, nothing else
        second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    vary = second["Vary"]
    assert "Cookie" in vary and "Accept-Language" in vary


def test_record_page_is_cached_for_anonymous_visitors(client, record, django_assert_max_num_queries):
    url = record.get_absolute_url()
    assert "Mangrove nurseries run by fishers" in client.get(url).content.decode()
    with django_assert_max_num_queries(1):
        assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_cached_pages_carry_no_csrf_token(client, record, path):
    client.get(path)
    body = client.get(path).content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert 'action="/language/" method="get"' in body  # the language switcher still works


def test_signed_in_people_are_never_served_cached_pages(client, record):
    client.get("/")  # an anonymous copy is in the cache
    user = UserFactory(display_name="Amina Njeri")
    client.force_login(user)
    for _ in range(2):
        response = client.get("/")
        assert "X-Page-Cache" not in response
        body = response.content.decode()
        assert "Amina Njeri" in body
        # The log-out form is still a protected POST.
        assert 'action="/accounts/logout/"' in body and "csrfmiddlewaretoken" in body


def test_a_publication_shows_at_once(client, record, run_on_commit):
    for path in ("/", "/records/", "/search/?q=seagrass"):
        client.get(path)
    with run_on_commit():
        make_record(country="KE", publish=True, title="Seagrass meadows mapped by divers")
    for path in ("/", "/records/", "/search/?q=seagrass"):
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss"
        assert "meadows mapped by divers" in response.content.decode()  # "Seagrass" may be <mark>ed


def test_each_language_has_its_own_copy(client, record):
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Connexion" in french and "Connexion" not in english
    again = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert again["X-Page-Cache"] == "hit" and "Connexion" in again.content.decode()
    client.cookies["django_language"] = "ru"
    russian = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Войти" in russian


def test_htmx_fragment_and_full_page_are_kept_apart(client, record):
    full = client.get("/search/?q=mangrove").content.decode()
    fragment = client.get("/search/?q=mangrove", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-page")
    assert "<html" in full and "<html" not in fragment.content.decode()


def _request_with_storage(path="/x/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_pending_messages_bypass_the_cache():
    calls = []

    @public_page_cache(timeout=60)
    def view(request):
        calls.append(1)
        body = engines["django"].from_string("{% for m in messages %}{{ m }}{% endfor %}").render(
            {"messages": messages.get_messages(request)})
        return HttpResponse(f"page {len(calls)} {body}")

    view(_request_with_storage())
    assert view(_request_with_storage()).content == b"page 1 "  # cached
    request = _request_with_storage()
    messages.success(request, "Saved.")
    assert view(request).content == b"page 2 Saved."
    assert view(_request_with_storage()).content == b"page 1 "  # the message page was not stored


def test_post_and_non_200_responses_are_not_cached():
    @public_page_cache(timeout=60)
    def view(request):
        return HttpResponse("not found", status=404)

    view(_request_with_storage())
    request = _request_with_storage()
    assert "X-Page-Cache" not in view(request)
    post = RequestFactory().post("/x/")
    post.user = AnonymousUser()
    assert "X-Page-Cache" not in view(post)


def test_switching_language_link_keeps_the_page(client):
    response = client.get(reverse("core:language"), {"lang": "fr", "next": "/records/"})
    assert response.status_code == 302 and response["Location"] == "/records/"


def test_a_write_from_another_process_shows_within_the_token_lifetime(client, record, settings):
    from clearinghouse.search.models import SearchIndexState

    settings.CLEARINGHOUSE_PAGE_CACHE_TOKEN_TTL = 60  # 1 s by default: long enough on a loaded machine
    client.get("/")
    # Another process published something: it changed the token, this process was not told.
    SearchIndexState.objects.update_or_create(key="pages", defaults={"version": "elsewhere"})
    assert client.get("/")["X-Page-Cache"] == "hit"  # within the token's lifetime
    settings.CLEARINGHOUSE_PAGE_CACHE_TOKEN_TTL = 0
    assert client.get("/")["X-Page-Cache"] == "miss"
