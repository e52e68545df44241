"""Record attachments: served only through the record's permission, with private names and safe headers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clearinghouse.accounts.models import Organisation
from clearinghouse.knowledge import services
from clearinghouse.knowledge.models import Attachment
from tests import factories as f
from tests.core.test_files import ELF, HTML, PDF, png

pytestmark = pytest.mark.django_db


def attach(record, name="brief.pdf", content=PDF, ctype="application/pdf"):
    return services.attachment_add(actor=record.owner, record=record,
                                   uploaded=SimpleUploadedFile(name, content, ctype))


def fetch(client, user, attachment):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("knowledge:attachment", args=[attachment.record.base_id, attachment.pk]))


def test_published_attachment_is_served_with_safe_headers_and_linked_from_the_page(client):
    record = f.make_record()
    att = attach(record, name="Plan d’action 2024.pdf")
    record = services.record_publish(actor=f.focal_point("KE"), record=record)
    response = fetch(client, None, att)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("inline;") and "filename*=utf-8''Plan" in \
        response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(record.get_absolute_url()).content.decode()
    assert reverse("knowledge:attachment", args=[record.base_id, att.pk]) in page and "/media/" not in page


def test_stored_name_is_random_not_the_original():
    att = attach(f.make_record(), name="secret-community-map.png", content=png(), ctype="image/png")
    assert "secret" not in att.file.name and att.file.name.startswith("records/")
    assert att.name == "secret-community-map.png"


def test_draft_attachment_refused_to_the_public_and_other_countries_served_to_the_owner(client):
    record = f.make_record(country="KE")
    att = attach(record)
    assert fetch(client, None, att).status_code == 404
    assert fetch(client, f.authorised_user("BR"), att).status_code == 404
    assert fetch(client, f.UserFactory(), att).status_code == 404
    assert fetch(client, record.owner, att).status_code == 200


def test_restricted_traditional_knowledge_attachment_only_for_who_may_see_the_record(client):
    community = f.OrganisationFactory(kind=Organisation.Kind.IPLC)
    record = f.make_record(kind="traditional-knowledge", visibility="restricted", community=community.pk,
                           details={"holders": "Elders"})
    att = attach(record, name="ceremony.txt", content="نص مقدس".encode(), ctype="text/plain")
    services.record_publish(actor=f.focal_point("KE"), record=record)
    for stranger in (None, f.UserFactory(), f.authorised_user("BR"), f.UserFactory(organisation_name="Elders")):
        assert fetch(client, stranger, att).status_code == 404
    response = fetch(client, record.owner, att)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name,content", [("photo.png", HTML), ("brief.pdf", ELF), ("notes.txt", ELF),
                                          ("table.csv", b"#!/bin/sh\nrm -rf ~\n")])
def test_disguised_uploads_refused_through_the_edit_form_and_the_rest_saved(client, name, content):
    record = f.make_record(title="Before")
    client.force_login(record.owner)
    url = reverse("knowledge:edit", args=[record.base_id])
    response = client.post(url, {"title": "After", "language": "en", "summary": "S",
                                 "attachment": SimpleUploadedFile(name, content, "application/octet-stream")})
    text = response.content.decode()
    assert response.status_code == 200 and 'href="#id_attachment"' in text and name in text
    record.refresh_from_db()
    assert record.title == "After" and not Attachment.objects.filter(record=record).exists()


def test_old_guessable_names_are_moved_by_the_migration_and_still_served(client):
    """Files saved under the old names ("records/2024/05/brief.pdf") move to private names; nothing is lost."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from clearinghouse.core.files import rename_stored_files

    record = f.make_record()
    att = attach(record)
    old = default_storage.save("records/2024/05/brief.pdf", ContentFile(PDF))
    Attachment.objects.filter(pk=att.pk).update(file=old)
    assert rename_stored_files(Attachment, "file", "records") == 1
    att.refresh_from_db()
    assert att.file.name != old and att.file.name.startswith("records/") and att.file.read() == PDF
    assert fetch(client, record.owner, att).status_code == 200
