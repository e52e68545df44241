import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from clearinghouse.knowledge import services
from clearinghouse.knowledge.models import Record, Status
from tests import factories as f

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_list_shows_published_records_within_query_budget(client, django_assert_max_num_queries):
    fp = f.focal_point("KE")
    for n in range(25):
        f.make_record(title=f"Practice number {n}", publish=True, publisher=fp)
    f.make_record(title="Secret draft")
    with django_assert_max_num_queries(4):  # count, page, its snapshots (+1 slack)
        response = client.get(reverse("knowledge:list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Practice number 24" in text and "Secret draft" not in text
    assert "Page 1 of 2" in text
    tools = client.get(reverse("knowledge:list") + "?type=tool").content.decode()
    assert "Practice number" not in tools


def test_record_page_within_query_budget_shows_live_revision(client, django_assert_max_num_queries):
    record = f.make_record(title="Mangroves of Kwale", targets=["GBF-2"], topics=["restoration"],
                           ecosystems=["marine-coastal"], countries=["KE", "TZ"], publish=True)
    services.record_update(actor=record.owner, record=record, data={"title": "Unpublished new title"})
    with django_assert_max_num_queries(7):  # record, revision, vocabularies, revision list (+1 slack)
        response = client.get(record.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert "Mangroves of Kwale" in text and "Unpublished new title" not in text
    assert f"{record.base_id}-1" in text  # citation with the permanent id
    assert "GBF Target 2" in text and "Tanzania" in text


def test_drafts_are_invisible_to_the_public(client):
    record = f.make_record(title="Draft only")
    assert client.get(record.get_absolute_url()).status_code == 404
    assert client.get(reverse("knowledge:record-draft", args=[record.base_id])).status_code == 302  # to login
    login(client, f.UserFactory())
    assert client.get(reverse("knowledge:record-draft", args=[record.base_id])).status_code == 404
    assert client.get(record.get_absolute_url()).status_code == 404


def test_owner_opening_a_draft_record_page_goes_to_the_working_copy(client):
    record = f.make_record()
    login(client, record.owner)
    response = client.get(record.get_absolute_url())
    assert response.status_code == 302 and response.url.endswith("/draft/")


def test_pinned_identifier_redirects_to_revision(client):
    record = f.make_record(publish=True)
    response = client.get(f"/records/{record.base_id}-1/")
    assert response.status_code == 302 and response.url.endswith("/revisions/1/")
    assert client.get(response.url).status_code == 200
    assert client.get(f"/records/{record.base_id}/revisions/7/").status_code == 404


def test_language_switcher_shows_translation(client):
    record = f.make_record(title="Mangrove restoration", language="en",
                           translations={"fr": {"title": "Restauration des mangroves", "summary": "", "body": ""}},
                           publish=True)
    text = client.get(record.get_absolute_url() + "?lang=fr").content.decode()
    assert "Restauration des mangroves" in text
    assert 'hreflang="en"' in text
    text = client.get(record.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Restauration des mangroves" in text


def test_body_markdown_is_sanitised(client):
    record = f.make_record(body="**bold** <script>alert(1)</script>", publish=True)
    text = client.get(record.get_absolute_url()).content.decode()
    assert "<strong>bold</strong>" in text and "<script>alert(1)" not in text


def test_create_form_errors_link_to_fields(client):
    au = f.authorised_user("KE")
    login(client, au)
    url = reverse("knowledge:create", args=["good-practice"]) + "?country=KE"
    response = client.post(url, {"title": "", "language": "en", "start_date": "2024-05-01",
                                 "end_date": "2023-01-01", "references": "CHM-GP-KE-09999"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_title"' in text
    assert Record.objects.count() == 0


def test_create_then_service_errors_link_to_fields(client):
    au = f.authorised_user("KE")
    login(client, au)
    url = reverse("knowledge:create", args=["good-practice"]) + "?country=KE"
    response = client.post(url, {"title": "Ok", "language": "en", "start_date": "2024-05-01",
                                 "end_date": "2023-01-01", "references": "CHM-GP-KE-09999"})
    text = response.content.decode()
    assert 'href="#id_end_date"' in text and 'href="#id_references"' in text
    assert "CHM-GP-KE-09999" in text


def test_create_good_practice_with_details_and_translation(client):
    au = f.authorised_user("KE")
    login(client, au)
    url = reverse("knowledge:create", args=["good-practice"]) + "?country=KE"
    response = client.post(url, {
        "title": "Seed banks in Makueni", "summary": "Farmers keep seed.", "body": "## Context", "language": "en",
        "targets": ["GBF-4", "AICHI-13"], "d_scale": "local", "d_implementing_organisations": "KEFRI\nSeed Savers",
        "new_language": "fr", "new_title": "Banques de semences à Makueni",
    })
    assert response.status_code == 302
    record = Record.objects.get()
    assert record.details == {"scale": "local", "implementing_organisations": ["KEFRI", "Seed Savers"]}
    assert record.translations["fr"]["title"] == "Banques de semences à Makueni"
    assert {t.code for t in record.targets.all()} == {"GBF-4", "AICHI-13"}
    assert record.owner == au and record.country_id == "KE"


def test_cannot_create_for_another_country(client):
    login(client, f.authorised_user("KE"))
    assert client.get(reverse("knowledge:create", args=["good-practice"]) + "?country=BR").status_code == 403


def test_edit_locks_and_others_see_who_edits(client):
    alice = f.authorised_user("KE", display_name="Alice Wanjiru")
    bob = f.authorised_user("KE")
    record = f.make_record(owner=alice)
    login(client, alice)
    services.record_lock(actor=alice, record=record)  # her lease (a save that kept the page open)
    login(client, bob)
    response = client.get(reverse("knowledge:record-draft", args=[record.base_id]))
    assert "Alice Wanjiru is editing" in response.content.decode()
    login(client, alice)
    client.post(reverse("knowledge:cancel", args=[record.base_id]))
    record.refresh_from_db()
    assert record.locked_by is None


def test_bad_upload_keeps_the_other_changes(client):
    record = f.make_record(title="Before")
    login(client, record.owner)
    url = reverse("knowledge:edit", args=[record.base_id])
    client.get(url)
    response = client.post(url, {"title": "After", "language": "en", "summary": "S",
                                 "attachment": SimpleUploadedFile("fake.pdf", b"GIF89a not a pdf", "application/pdf")})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_attachment"' in text and "not what its name says" in text
    record.refresh_from_db()
    assert record.title == "After" and record.attachments.count() == 0


def test_draft_page_actions_submit_and_publish(client, mailoutbox):
    fp = f.focal_point("KE")
    record = f.make_record()
    login(client, record.owner)
    page = client.get(reverse("knowledge:record-draft", args=[record.base_id])).content.decode()
    assert "Submit for publishing" in page and ">Publish<" not in page
    client.post(reverse("knowledge:action", args=[record.base_id, "submit"]))
    record.refresh_from_db()
    assert record.status == Status.SUBMITTED
    login(client, fp)
    page = client.get(reverse("knowledge:record-draft", args=[record.base_id])).content.decode()
    assert "Return to the authors" in page
    client.post(reverse("knowledge:action", args=[record.base_id, "publish"]))
    record.refresh_from_db()
    assert record.revision == 1


def test_returned_draft_shows_review_comment_to_submitter(client):
    fp = f.focal_point("KE")
    record = f.make_record()
    services.record_submit(actor=record.owner, record=record)
    login(client, fp)
    client.post(reverse("knowledge:action", args=[record.base_id, "return"]), {"comment": "Add the results."})
    login(client, record.owner)
    page = client.get(reverse("knowledge:record-draft", args=[record.base_id])).content.decode()
    assert "Add the results." in page and "returned it with comments" in page


def test_forbidden_action_shows_message_not_error(client):
    record = f.make_record()
    login(client, f.authorised_user("KE"))
    response = client.post(reverse("knowledge:action", args=[record.base_id, "publish"]), follow=True)
    assert "Only the focal point" in response.content.decode()
    record.refresh_from_db()
    assert record.revision == 0


def test_review_queue_publishes_several(client):
    fp = f.focal_point("KE")
    records = [f.make_record() for _ in range(3)]
    for r in records:
        services.record_submit(actor=r.owner, record=r)
    login(client, fp)
    page = client.get(reverse("knowledge:review-queue")).content.decode()
    assert all(r.base_id in page for r in records)
    client.post(reverse("knowledge:review-queue"), {"records": [records[0].pk, records[1].pk]})
    assert [Record.objects.get(pk=r.pk).revision for r in records] == [1, 1, 0]


def test_publishing_request_page(client):
    fp = f.focal_point("KE")
    au = f.authorised_user("KE")
    one, two = f.make_record(owner=au), f.make_record(owner=au)
    login(client, au)
    response = client.post(reverse("knowledge:publishing-request"),
                           {"records": [one.pk, two.pk], "message": "Please publish before the COP."})
    assert response.status_code == 302
    login(client, fp)
    page = client.get(reverse("knowledge:review-queue")).content.decode()
    assert "Please publish before the COP." in page


def test_share_link_page_comment_and_expiry(client):
    record = f.make_record(title="Draft for comment")
    link = services.share_link_create(actor=record.owner, record=record, days=2)
    url = reverse("knowledge:shared", args=[link.token])
    assert "Draft for comment" in client.get(url).content.decode()
    client.post(url, {"name": "Prof. Reviewer", "comment": "Cite the 2019 survey."})
    assert record.events.filter(actor_name="Prof. Reviewer", comment="Cite the 2019 survey.").exists()
    link.expires_at = timezone.now() - dt.timedelta(minutes=1)
    link.save()
    response = client.get(url)
    assert response.status_code == 410 and "Draft for comment" not in response.content.decode()


def test_diff_page(client):
    fp = f.focal_point("KE")
    record = f.make_record(title="Old title", publish=True, publisher=fp)
    services.record_update(actor=fp, record=record, data={"title": "New title"})
    services.record_publish(actor=fp, record=record)
    text = client.get(reverse("knowledge:diff", args=[record.base_id]) + "?from=1&to=2").content.decode()
    assert "<del>Old</del>" in text and "<ins>New</ins>" in text


def test_restricted_attachment_is_not_served_to_strangers(client):
    from clearinghouse.accounts.models import Organisation

    community = f.OrganisationFactory(kind=Organisation.Kind.IPLC)
    record = f.make_record(kind="traditional-knowledge", visibility="restricted", community=community.pk,
                           details={"holders": "Elders"})
    att = services.attachment_add(actor=record.owner, record=record,
                                  uploaded=SimpleUploadedFile("notes.txt", b"sacred"))
    record = services.record_publish(actor=f.focal_point("KE"), record=record)
    url = reverse("knowledge:attachment", args=[record.base_id, att.pk])
    assert client.get(url).status_code == 404
    login(client, f.member_of(community))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"sacred"


def test_arabic_pages_render(client):
    record = f.make_record(publish=True)
    client.cookies["django_language"] = "ar"
    response = client.get(record.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()


@pytest.mark.parametrize("kind", ["good-practice", "capacity-building", "tool", "expert", "organisation", "news",
                                  "traditional-knowledge"])
def test_each_kind_form_shows_its_own_fields(client, kind):
    from clearinghouse.knowledge.forms import KIND_FIELDS

    login(client, f.secretariat())
    text = client.get(reverse("knowledge:create", args=[kind])).content.decode()
    for spec in KIND_FIELDS[kind]:
        assert f'id="id_d_{spec.name}' in text
    assert ('id="id_consent_statement"' in text) == (kind == "traditional-knowledge")


def test_contribute_offers_the_countries_the_user_acts_for(client):
    au = f.authorised_user("KE")
    login(client, au)
    page = client.get(reverse("knowledge:contribute")).content.decode()
    assert 'value="KE"' in page and 'value="BR"' not in page
    response = client.post(reverse("knowledge:contribute"), {"kind": "good-practice", "country": "KE"})
    assert response.status_code == 302 and response.url.endswith("/records/new/good-practice/?country=KE")
    response = client.post(reverse("knowledge:contribute"), {"kind": "news", "country": ""})
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_opening_the_edit_page_takes_no_lock_a_save_takes_a_short_lease(client):
    alice = f.authorised_user("KE", display_name="Alice Wanjiru")
    bob = f.authorised_user("KE")
    record = f.make_record(owner=alice)
    login(client, alice)
    assert client.get(reverse("knowledge:edit", args=[record.base_id])).status_code == 200
    record.refresh_from_db()
    assert record.locked_by is None  # GET never locks
    # a save that needs correcting keeps the page open: it takes a short lease, shown to others
    client.post(reverse("knowledge:edit", args=[record.base_id]), {"title": "", "language": "en"})
    record.refresh_from_db()
    assert record.locked_by == alice
    login(client, bob)
    page = client.get(reverse("knowledge:record-draft", args=[record.base_id])).content.decode()
    assert "Alice Wanjiru is editing this record until" in page
    Record.objects.filter(pk=record.pk).update(
        locked_at=timezone.now() - dt.timedelta(minutes=services.LOCK_MINUTES, seconds=1))
    page = client.get(reverse("knowledge:record-draft", args=[record.base_id])).content.decode()
    assert "is editing this record" not in page  # the lease ran out
