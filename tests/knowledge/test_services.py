import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from clearinghouse.accounts.models import Organisation
from clearinghouse.core.errors import Conflict
from clearinghouse.knowledge import selectors, services
from clearinghouse.knowledge.models import PublishingRequest, Record, RecordEvent, RecordRevision, Status
from clearinghouse.knowledge.permissions import can_view_record
from tests import factories as f

pytestmark = pytest.mark.django_db


def mail_text(message) -> str:
    """The plain-text part of a sent mail, decoded, as the recipient reads it."""
    parsed = message.message()
    part = parsed.get_body(preferencelist=("plain",)) if hasattr(parsed, "get_body") else None
    return part.get_content() if part is not None else message.body


def test_publish_snapshots_and_increments_revision():
    fp = f.focal_point("KE")
    record = f.make_record(title="Mangroves of Kwale", targets=["GBF-2", "AICHI-11"], topics=["restoration"])
    assert record.public_id == record.base_id == f"CHM-GP-KE-{record.number:05d}"
    record = services.record_publish(actor=fp, record=record)
    assert record.revision == 1 and record.public_id.endswith("-1")
    rev = RecordRevision.objects.get(record=record, revision=1)
    assert rev.data["title"] == "Mangroves of Kwale"
    assert rev.data["targets"] == ["AICHI-11", "GBF-2"] or sorted(rev.data["targets"]) == ["AICHI-11", "GBF-2"]
    record = services.record_update(actor=fp, record=record, data={"title": "Mangroves of Kwale County"})
    record = services.record_publish(actor=fp, record=record, comment="Title fixed")
    assert record.revision == 2
    assert [r.revision for r in record.revisions.all()] == [2, 1]
    assert RecordRevision.objects.get(record=record, revision=1).data["title"] == "Mangroves of Kwale"


def test_edit_of_published_record_keeps_published_revision_online():
    record = f.make_record(title="Original title", publish=True)
    au = record.owner
    services.record_update(actor=au, record=record, data={"title": "Work in progress"})
    record.refresh_from_db()
    assert record.title == "Work in progress" and record.has_unpublished_changes
    assert selectors.published().filter(pk=record.pk).exists()
    assert selectors.live_revision(record).data["title"] == "Original title"


def test_return_with_comment_notifies_owner_by_email(run_on_commit, mailoutbox):
    fp = f.focal_point("KE")
    record = f.make_record()
    services.record_submit(actor=record.owner, record=record, notify_publishers=False)
    with run_on_commit():
        services.record_return(actor=fp, record=record, comment="Please add figures on the area restored.")
    record.refresh_from_db()
    assert record.status == Status.DRAFT
    mails = [m for m in mailoutbox if record.owner.email in m.to]
    assert len(mails) == 1
    assert "Please add figures on the area restored." in mail_text(mails[0])
    assert record.base_id in mail_text(mails[0])
    assert RecordEvent.objects.filter(record=record, action="returned").exists()


def test_return_needs_a_comment():
    fp = f.focal_point("KE")
    record = f.make_record()
    services.record_submit(actor=record.owner, record=record)
    with pytest.raises(ValidationError) as exc:
        services.record_return(actor=fp, record=record, comment="  ")
    assert "comment" in exc.value.message_dict


def test_publishing_request_batch(run_on_commit, mailoutbox):
    fp = f.focal_point("KE")
    au = f.authorised_user("KE")
    one, two = f.make_record(owner=au, title="First practice"), f.make_record(owner=au, title="Second practice")
    with run_on_commit():
        request = services.publishing_request_create(actor=au, records=[one, two], message="Both ready for COP.")
    assert set(request.records.all()) == {one, two}
    assert set(Record.objects.filter(pk__in=[one.pk, two.pk]).values_list("status", flat=True)) == {Status.SUBMITTED}
    to_fp = [m for m in mailoutbox if fp.email in m.to]
    assert len(to_fp) == 1, "one mail for the batch, not one per record"
    text = mail_text(to_fp[0])
    assert "First practice" in text and "Second practice" in text
    assert "Both ready for COP." in text
    services.record_publish(actor=fp, record=one)
    request.refresh_from_db()
    assert request.state == PublishingRequest.State.OPEN
    services.record_publish(actor=fp, record=two)
    request.refresh_from_db()
    assert request.state == PublishingRequest.State.DONE


def test_publishing_request_covers_one_country():
    au = f.authorised_user("KE")
    f.grant(au, "authorised_user", "BR")
    with pytest.raises(ValidationError):
        services.publishing_request_create(actor=au, records=[f.make_record(owner=au),
                                                             f.make_record(owner=au, country="BR")])


def test_lock_conflict():
    alice, bob = f.authorised_user("KE", display_name="Alice"), f.authorised_user("KE", display_name="Bob")
    record = f.make_record(owner=alice)
    services.record_lock(actor=alice, record=record)
    with pytest.raises(Conflict) as exc:
        services.record_lock(actor=bob, record=record)
    assert "Alice" in str(exc.value)
    with pytest.raises(Conflict):
        services.record_update(actor=bob, record=record, data={"title": "Bob's version"})
    services.record_update(actor=alice, record=record, data={"title": "Alice's version"})
    services.record_lock(actor=bob, record=record)  # saving released the lock


def test_stale_lock_expires():
    alice, bob = f.authorised_user("KE"), f.authorised_user("KE")
    record = f.make_record(owner=alice)
    services.record_lock(actor=alice, record=record)
    Record.objects.filter(pk=record.pk).update(locked_at=timezone.now() - dt.timedelta(minutes=services.LOCK_MINUTES + 1))
    services.record_lock(actor=bob, record=record)


def test_archive_never_deletes():
    fp = f.focal_point("KE")
    record = f.make_record(publish=True, publisher=fp)
    services.record_archive(actor=fp, record=record, comment="Outdated")
    record.refresh_from_db()
    assert record.status == Status.ARCHIVED
    assert RecordRevision.objects.filter(record=record).count() == 1
    assert not selectors.published().filter(pk=record.pk).exists()
    services.record_restore(actor=fp, record=record)
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED and selectors.published().filter(pk=record.pk).exists()


def test_share_link_expiry_and_revocation():
    record = f.make_record()
    link = services.share_link_create(actor=record.owner, record=record, days=3)
    assert services.share_link_check(record=record, token=link.token) == link
    services.record_comment(actor=None, record=record, comment="Looks good", share_token=link.token,
                            actor_name="A reviewer")
    assert record.events.filter(action="commented", actor_name="A reviewer").exists()
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    link.save()
    assert services.share_link_check(record=record, token=link.token) is None
    with pytest.raises(PermissionDenied):
        services.record_comment(actor=None, record=record, comment="Late", share_token=link.token)
    other = services.share_link_create(actor=record.owner, record=record)
    services.share_link_revoke(actor=record.owner, link=other)
    assert services.share_link_check(token=other.token) is None


def test_restricted_traditional_knowledge_visibility():
    community = f.OrganisationFactory(kind=Organisation.Kind.IPLC)
    member = f.member_of(community)
    chosen = f.UserFactory()
    record = f.make_record(kind="traditional-knowledge", visibility="restricted", community=community.pk,
                           restricted_to=[chosen.email], details={"holders": "Elders' council"}, publish=True)
    assert not can_view_record(f.UserFactory(), record)
    from django.contrib.auth.models import AnonymousUser

    assert not can_view_record(AnonymousUser(), record)
    assert can_view_record(member, record)
    assert can_view_record(chosen, record)
    assert can_view_record(f.secretariat(), record)
    assert not selectors.published(None).filter(pk=record.pk).exists()
    assert selectors.published(member).filter(pk=record.pk).exists()


def test_traditional_knowledge_needs_consent_and_restricted_needs_community():
    au = f.authorised_user("KE")
    with pytest.raises(ValidationError) as exc:
        services.record_create(actor=au, kind="traditional-knowledge", country="KE",
                               data={"title": "Rain signs", "visibility": "restricted"})
    assert {"consent_statement", "community"} <= set(exc.value.message_dict)


@pytest.mark.parametrize("name,content,message", [
    ("report.exe", b"MZ....", "cannot be attached"),
    ("report.pdf", b"<html>not a pdf</html>", "not what its name says"),
    ("big.pdf", b"%PDF-1.7" + b"0" * 200, "limit"),
])
def test_attachment_rejected_with_message_and_record_intact(settings, name, content, message):
    settings.CLEARINGHOUSE_MAX_UPLOAD_BYTES = 100
    record = f.make_record(title="Keep me")
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(actor=record.owner, record=record,
                                uploaded=SimpleUploadedFile(name, content, "application/octet-stream"))
    assert message in " ".join(exc.value.message_dict["file"])
    record.refresh_from_db()
    assert record.title == "Keep me" and record.attachments.count() == 0


def test_attachment_accepted_and_in_snapshot():
    record = f.make_record()
    services.attachment_add(actor=record.owner, record=record,
                            uploaded=SimpleUploadedFile("brief.pdf", b"%PDF-1.7 tiny", "application/pdf"))
    record = services.record_publish(actor=f.focal_point("KE"), record=record)
    assert [a["name"] for a in selectors.live_revision(record).data["attachments"]] == ["brief.pdf"]


def test_unknown_country_code():
    with pytest.raises(ValidationError) as exc:
        services.record_create(actor=f.secretariat(), kind="good-practice", country="XX", data={"title": "T"})
    assert "XX" in exc.value.message_dict["country"][0]


def test_duplicate_submission_is_a_conflict():
    record = f.make_record()
    services.record_submit(actor=record.owner, record=record)
    with pytest.raises(Conflict) as exc:
        services.record_submit(actor=record.owner, record=record)
    assert "already waiting" in str(exc.value)


def test_details_are_validated_against_the_kind():
    au = f.authorised_user("KE")
    with pytest.raises(ValidationError) as exc:
        services.record_create(actor=au, kind="good-practice", country="KE",
                               data={"title": "T", "details": {"scale": "galactic", "colour": "green"}})
    assert set(exc.value.message_dict) == {"details.scale", "details.colour"}
    record = services.record_create(actor=au, kind="expert", country="KE", data={
        "title": "Dr Wanjiru Kamau", "summary": "Ecologist",
        "details": {"expertise": "Mangroves\nFisheries", "nationalities": ["ke"]}})
    assert record.details == {"expertise": ["Mangroves", "Fisheries"], "nationalities": ["KE"]}


def test_required_kind_fields_are_checked_at_submission():
    au = f.authorised_user("KE")
    record = services.record_create(actor=au, kind="tool", country="KE", data={"title": "A manual", "summary": "S"})
    with pytest.raises(ValidationError) as exc:
        services.record_submit(actor=au, record=record)
    assert "details.resource_types" in exc.value.message_dict


def test_references_resolve_and_unknown_ids_are_field_errors():
    target = f.make_record(publish=True)
    au = f.authorised_user("KE")
    record = services.record_create(actor=au, kind="good-practice", country="KE", data={
        "title": "Follow-up", "details": {"references": [target.base_id.lower() + "-1"]}})
    assert record.details["references"] == [f"{target.base_id}-1"]
    for bad, text in [("CHM-GP-KE-09999", "No record"), (f"{target.base_id}-5", "no published revision"),
                      ("not-an-id", "No record")]:
        with pytest.raises(ValidationError) as exc:
            services.record_update(actor=au, record=record, data={"details": {"references": [bad]}})
        assert text in exc.value.message_dict["details.references"][0]


def test_parse_identifier():
    assert selectors.parse_identifier("CHM-GP-KE-00042-2") == ("good-practice", "KE", 42, 2)
    assert selectors.parse_identifier("chm-tg-scbd-00007") == ("tool", None, 7, None)
    assert selectors.parse_identifier("CHM-XX-KE-1") is None


def test_revisions_diff_marks_insertions_and_deletions():
    changes = selectors.revisions_diff({"title": "Old mangrove title", "targets": ["GBF-2"]},
                                       {"title": "New mangrove title", "targets": ["GBF-2", "GBF-8"]})
    by_field = {c["field"]: str(c["html"]) for c in changes}
    assert "<del>Old</del>" in by_field["title"] and "<ins>New</ins>" in by_field["title"]
    assert "<ins>" in by_field["targets"]
    assert "<script>" not in str(selectors.revisions_diff({"body": ""}, {"body": "<script>x</script>"})[0]["html"])
