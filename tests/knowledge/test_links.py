"""A record's link (and every other stored web address) is http(s) only, whatever door it comes through."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clearinghouse.accounts.models import Organisation
from clearinghouse.core.models import Convention
from clearinghouse.knowledge.kinds import DetailField, _clean_value
from clearinghouse.knowledge.models import Record, RecordRevision
from tests import factories as f
from tests.knowledge.test_api import BASE, PAYLOAD, token_for

pytestmark = pytest.mark.django_db

HOSTILE = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "  javascript:alert(1)",
           "\x01javascript:alert(1)", "java\tscript:alert(1)",
           "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)", "VBSCRIPT:msgbox(1)"]


@pytest.mark.parametrize("url", HOSTILE)
def test_api_create_refuses_script_links(client, url):
    response = client.post(BASE, {**PAYLOAD, "url": url}, content_type="application/json",
                           **token_for(f.authorised_user("KE")))
    assert response.status_code == 422, response.content
    assert "url" in response.json()["errors"]
    assert not Record.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", " data:text/html,<b>x</b>", "\x01vbscript:msgbox(1)"])
def test_api_update_refuses_script_links_and_keeps_the_old_one(client, url):
    au = f.authorised_user("KE")
    record = f.make_record(owner=au, url="https://www.cbd.int/")
    response = client.patch(BASE + record.base_id, {"url": url}, content_type="application/json", **token_for(au))
    assert response.status_code == 422 and "url" in response.json()["errors"]
    record.refresh_from_db()
    assert record.url == "https://www.cbd.int/"


def test_api_accepts_and_trims_a_web_link(client):
    response = client.post(BASE, {**PAYLOAD, "url": "  https://www.cbd.int/gbf  "}, content_type="application/json",
                           **token_for(f.authorised_user("KE")))
    assert response.status_code == 201
    assert Record.objects.get().url == "https://www.cbd.int/gbf"


@pytest.mark.parametrize("url", HOSTILE)
def test_service_refuses_script_links(url):
    with pytest.raises(ValidationError) as exc:
        f.make_record(url=url)
    assert "url" in exc.value.message_dict


@pytest.mark.parametrize("url", ["javascript:alert(1)", "  JAVASCRIPT:alert(1)", "data:text/html,x"])
def test_form_refuses_script_links_with_a_message_at_the_field(client, url):
    au = f.authorised_user("KE")
    client.force_login(au)
    response = client.post(reverse("knowledge:create", args=["good-practice"]) + "?country=KE",
                           {"title": "Seed banks", "language": "en", "url": url})
    assert response.status_code == 200
    assert 'href="#id_url"' in response.content.decode()
    assert not Record.objects.exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/f"])
def test_admin_and_model_forms_refuse_them_too(url):
    """The model fields carry the same check, so the admin's forms (and full_clean) refuse them."""
    record = f.make_record()
    record.url = url
    with pytest.raises(ValidationError) as exc:
        record.full_clean()
    assert "url" in exc.value.message_dict
    org = Organisation(name="NGO", kind=Organisation.Kind.NGO, website=url)
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "website" in exc.value.message_dict
    convention = Convention(code="XX", name="X", url=url)
    with pytest.raises(ValidationError) as exc:
        convention.full_clean()
    assert "url" in exc.value.message_dict


def test_kind_link_fields_use_the_same_check():
    spec = DetailField("homepage", "Homepage", "url")
    assert _clean_value(spec, " https://example.org/x ") == "https://example.org/x"
    for url in HOSTILE:
        with pytest.raises(ValueError):
            _clean_value(spec, url)


def test_a_link_stored_before_the_check_is_shown_as_text_not_as_a_link(client):
    record = f.make_record(url="https://www.cbd.int/", publish=True)
    revision = RecordRevision.objects.get(record=record)
    revision.data = {**revision.data, "url": "javascript:alert(1)"}
    revision.save(update_fields=["data"])
    Record.objects.filter(pk=record.pk).update(url="javascript:alert(1)")
    page = client.get(record.get_absolute_url()).content.decode()
    assert 'href="javascript:' not in page
