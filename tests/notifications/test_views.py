"""Pages of official notifications as their users see them: the archive (search in any language, filters), a
notification in each language, the staff's workflow, a focal point answering a call with a file, the tracker,
the compilation, the inbox and the feeds; query budgets on the lists."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from clearinghouse.notifications import services
from clearinghouse.notifications.models import Notification, Submission
from tests import factories as f

from . import factories as nf

pytestmark = pytest.mark.django_db


def _index(n: Notification) -> None:
    from clearinghouse.search.indexing import index_document

    index_document("notification", n.pk)


def test_archive_finds_by_reference_and_by_words_in_another_language(client):
    n = nf.published(reference="SCBD/STTM/OH/SG/VA/56219", translations={
        "fr": {"subject": "Coopération Sud-Sud en matière de diversité biologique", "body": "Contributions",
               "official": True}})
    nf.published(subject="Fifth national reports", reference="SCBD/OTHER/1")
    _index(n)
    for q in ("56219", "SCBD/STTM/OH/SG/VA/56219", "coopération", "South-South"):
        html = client.get(reverse("notifications:list"), {"q": q}).content.decode()
        assert "SCBD/STTM/OH/SG/VA/56219" in html, q
        assert "Fifth national reports" not in html, q


def test_archive_filters_by_year_convention_and_addressees(client, django_assert_max_num_queries):
    nf.published(subject="Old one", date=__import__("datetime").date(2006, 10, 13))
    nf.published(subject="Nagoya one", convention="NP", codes=("np-nfp",),
                 date=__import__("datetime").date(2014, 5, 16))
    for _ in range(5):
        nf.published(subject="Filler")
    with django_assert_max_num_queries(12):
        html = client.get(reverse("notifications:list")).content.decode()
    assert "Old one" in html and "Nagoya one" in html
    html = client.get(reverse("notifications:list"), {"year": "2006"}).content.decode()
    assert "Old one" in html and "Nagoya one" not in html
    html = client.get(reverse("notifications:list"), {"convention": "NP"}).content.decode()
    assert "Nagoya one" in html and "Old one" not in html
    html = client.get(reverse("notifications:list"), {"group": "np-nfp"}).content.decode()
    assert "Nagoya one" in html and "Old one" not in html


def test_detail_in_each_language_marks_unofficial_translations(client, django_assert_max_num_queries):
    n = nf.published(translations={"es": {"subject": "Cooperación Sur-Sur", "body": "Texto", "official": False},
                                   "fr": {"subject": "Coopération Sud-Sud", "body": "Texte", "official": True}})
    url = n.get_absolute_url()
    with django_assert_max_num_queries(20):
        html = client.get(url, {"lang": "es"}).content.decode()
    assert "Cooperación Sur-Sur" in html and "Unofficial translation" in html
    html = client.get(url, {"lang": "fr"}).content.decode()
    assert "Coopération Sud-Sud" in html and "Unofficial translation" not in html
    assert "Ahmed Djoghlaf" in html


def test_a_draft_is_not_public(client):
    n = nf.draft()
    assert client.get(n.get_absolute_url()).status_code == 404
    client.force_login(f.focal_point("KE"))
    assert client.get(n.get_absolute_url()).status_code == 404


def test_staff_draft_approve_publish_through_the_pages(client, django_capture_on_commit_callbacks):
    drafter, approver = f.secretariat(), f.secretariat()
    fp = f.focal_point("KE")
    nf.groups("cbd-nfp")
    client.force_login(drafter)
    page = client.get(reverse("notifications:create"))
    assert page.status_code == 200
    group = nf.groups("cbd-nfp")[0]
    response = client.post(reverse("notifications:create"), {
        "reference": "SCBD/BS/CG/ET/ps/83555", "date": "2014-05-16", "convention": "CPB", "language": "en",
        "subject": "Invitation to the online discussion", "body": "Madam/Sir, ...", "groups": [group.pk],
        "signatory_name": "Bráulio Ferreira de Souza Dias", "signatory_title": "Executive Secretary"})
    n = Notification.objects.get()
    assert response.status_code == 302 and response["Location"] == n.get_absolute_url()
    client.post(reverse("notifications:action", args=[n.pk, "request"]))
    # the drafter cannot approve their own
    response = client.post(reverse("notifications:action", args=[n.pk, "approve"]), follow=True)
    assert "second member of the secretariat" in response.content.decode()
    client.force_login(approver)
    client.post(reverse("notifications:action", args=[n.pk, "approve"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:action", args=[n.pk, "publish"]), follow=True)
    html = response.content.decode()
    assert "Published." in html
    n.refresh_from_db()
    assert n.status == "published"
    assert n.deliveries.filter(user=fp).exists()
    assert "addressees" in html and "sent" in html  # the counts for the staff


def test_duplicate_reference_in_the_form_keeps_what_was_typed(client):
    nf.published(reference="SCBD/STTM/OH/SG/VA/56219")
    client.force_login(f.secretariat())
    response = client.post(reverse("notifications:create"), {
        "reference": "SCBD/STTM/OH/SG/VA/56219", "date": "2006-10-13", "convention": "CBD", "language": "en",
        "subject": "A subject I typed", "body": "A body I typed", "signatory_name": "Someone"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "already exists" in html and 'href="#id_reference"' in html
    assert "A subject I typed" in html and "A body I typed" in html


def test_focal_point_answers_with_a_file_and_secretariat_tracks_publishes_compiles(client):
    call = nf.open_call()
    fp = f.focal_point("KE")
    client.force_login(fp)
    url = reverse("notifications:submission-edit", args=[call.pk]) + "?country=KE"
    assert client.get(url).status_code == 200
    response = client.post(url, {"country": "KE", "text": "Kenya's contribution on the plan of action",
                                 "summary": "Capacity-building", "language": "en", "consent_publish": "on",
                                 "files": [nf.pdf("kenya.pdf")], "submit": "1"}, follow=True)
    s = Submission.objects.get()
    assert s.status == "submitted" and s.number in response.content.decode()
    staff = call.staff.drafter
    client.force_login(staff)
    html = client.get(reverse("notifications:tracker", args=[call.pk]), {"region": "AF"}).content.decode()
    assert "Kenya" in html and s.number in html and "Morocco" in html
    assert "Mexico" not in html  # another region
    client.post(reverse("notifications:submission-action", args=[s.pk, "publish"]))
    response = client.get(reverse("notifications:compilation", args=[call.pk, "zip"]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "index.html" in names and "index.docx" in names and f"{s.number}/kenya.pdf" in names
    assert "Kenya" in archive.read("index.html").decode()


def test_authorised_user_prepares_but_has_no_submit_button(client):
    call = nf.open_call()
    client.force_login(f.authorised_user("KE"))
    url = reverse("notifications:submission-edit", args=[call.pk]) + "?country=KE"
    html = client.get(url).content.decode()
    assert "Submit to the secretariat" not in html and "national focal point" in html
    response = client.post(url, {"country": "KE", "text": "Prepared", "language": "en", "submit": "1"})
    s = Submission.objects.get()
    assert s.status == "draft" and s.text == "Prepared"
    assert response.status_code in (200, 302)


def test_another_countrys_focal_point_cannot_open_the_form_or_the_draft(client):
    call = nf.open_call()
    s = services.submission_save(actor=f.focal_point("KE"), call=call, country="KE", text="Kenya only")
    client.force_login(f.focal_point("MA"))
    assert client.get(reverse("notifications:submission-edit", args=[call.pk]) + "?country=KE").status_code == 403
    assert client.get(s.get_absolute_url()).status_code == 404


def test_closed_call_refuses_with_a_clear_message_and_keeps_the_draft(client):
    call = nf.open_call()
    fp = f.focal_point("KE")
    services.call_close(actor=call.staff.drafter, call=call)
    client.force_login(fp)
    url = reverse("notifications:submission-edit", args=[call.pk]) + "?country=KE"
    response = client.post(url, {"country": "KE", "text": "Typed after closing", "language": "en", "submit": "1"})
    html = response.content.decode()
    assert "closed this call" in html
    assert Submission.objects.get().text == "Typed after closing"


def test_tracker_query_budget(client, django_assert_max_num_queries):
    call = nf.open_call()
    for cc in ("KE", "MA", "MX", "BR"):
        fp = f.focal_point(cc)
        services.submission_submit(actor=fp, submission=services.submission_save(actor=fp, call=call, country=cc,
                                                                                  text="x"))
    client.force_login(call.staff.drafter)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("notifications:tracker", args=[call.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("state-submitted") == 4


def test_inbox_and_personal_feed(client):
    call = nf.open_call()
    fp = f.focal_point("KE")
    client.force_login(fp)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert call.notification.subject in html and "Open calls you may answer" in html
    client.post(reverse("notifications:follow"), {"email_all": "on"})
    from clearinghouse.notifications.models import Follow

    token = Follow.objects.get(user=fp).feed_token
    client.logout()
    feed = client.get(reverse("notifications:personal-feed", args=[token]))
    assert feed.status_code == 200 and call.notification.reference in feed.content.decode()
    assert client.get(reverse("notifications:personal-feed", args=["wrong"])).status_code == 404


def test_public_atom_feed(client):
    n = nf.published()
    response = client.get(reverse("notifications:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert n.reference in response.content.decode()


def test_official_notifications_on_the_linked_objects_page():
    from clearinghouse.core.related import related_to

    staff = nf.Staff()
    other = nf.published(staff)
    n = nf.draft(staff, subject="About the other one")
    services.link_set(actor=staff.drafter, notification=n, obj=other)
    assert related_to(other, None) == []  # not yet published
    nf.publish(staff, n)
    links = related_to(other, None)
    assert [link.title for link in links] == ["About the other one"]


def test_site_search_names_a_notification_in_the_readers_language(client):
    """The site search's type facet and each result's kind said "notification" in English on an Arabic page."""
    n = nf.published(reference="SCBD/STTM/OH/SG/VA/56219")
    _index(n)
    html = client.get("/search/", {"q": "56219"}, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "SCBD/STTM/OH/SG/VA/56219" in html
    assert "إخطار" in html
    assert ">notification<" not in html.replace(" ", "").replace("\n", "")
