import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clearinghouse.alerts.models import Notice
from clearinghouse.core.errors import Conflict
from clearinghouse.matchmaking import services
from clearinghouse.matchmaking.models import Introduction, MatchSuggestion, Need, PostStatus
from clearinghouse.matchmaking.selectors import suggestions_for_post
from tests.factories import authorised_user, focal_point

from .conftest import mail_text, make_need, make_offer

pytestmark = pytest.mark.django_db


def test_public_id_and_free_text_support_mapped(pair):
    need, offer = pair
    assert need.public_id == "CHM-NEED-MA-00001"
    assert offer.public_id.startswith("CHM-OFFER-KE-")
    assert [s.pk for s in need.support_types.all()] == ["training"]
    assert need.region_id == "AF"


def test_suggestions_stored_and_shown_on_both_sides(pair):
    need, offer = pair
    s = MatchSuggestion.objects.get(need=need, offer=offer)
    assert 0 < s.score <= 1
    codes = {r["code"] for r in s.reasons}
    assert "support_match" in codes and "languages" in codes
    assert [x.offer_id for x in suggestions_for_post(need, user=None)] == [offer.pk]
    assert [x.need_id for x in suggestions_for_post(offer, user=None)] == [need.pk]
    texts = suggestions_for_post(need, user=None)[0].reason_texts
    assert any("English" in t and "French" in t for t in texts)


def test_change_marks_stale_and_recomputes(pair, django_capture_on_commit_callbacks):
    need, offer = pair
    with django_capture_on_commit_callbacks(execute=False):
        services.offer_update(actor=offer.owner, offer=offer, data={"title": "Grants for coral reef research"})
    assert MatchSuggestion.objects.get(offer=offer).stale
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_update(actor=offer.owner, offer=offer, data={"title": "Waterbird training for wetlands"})
    assert not MatchSuggestion.objects.get(offer=offer).stale


def test_withdrawn_and_expired_posts_stop_being_suggested(pair, django_capture_on_commit_callbacks):
    need, offer = pair
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_withdraw(actor=offer.owner, offer=offer)
    assert not MatchSuggestion.objects.filter(need=need).exists()
    with django_capture_on_commit_callbacks(execute=True):
        offer2 = make_offer(title="Wetland bird monitoring course", country="KE")
    assert MatchSuggestion.objects.filter(need=need, offer=offer2).exists()
    type(offer2).objects.filter(pk=offer2.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.posts_expire() == 1
    assert not MatchSuggestion.objects.filter(need=need).exists()
    offer2.refresh_from_db()
    assert offer2.status == PostStatus.EXPIRED


def test_bad_input_clear_messages():
    fp = focal_point("MA")
    with pytest.raises(ValidationError) as e:
        services.need_create(actor=fp, data={"title": " ", "description": ""}, country="MA")
    assert set(e.value.message_dict) == {"title", "description"}
    with pytest.raises(ValidationError) as e:
        services.need_create(actor=fp, data={"title": "Big", "description": "x" * 1_048_576}, country="MA")
    assert "1,048,576" in e.value.message_dict["description"][0]
    assert Need.objects.count() == 0


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_character_counts_in_messages_are_grouped_the_readers_way(lang):
    # A comma groups thousands in English only: in French "1,048,576" reads as a number with decimals.
    from django.utils import translation

    fp = focal_point("MA")
    with translation.override(lang), pytest.raises(ValidationError) as e:
        services.need_create(actor=fp, data={"title": "Big", "description": "x" * 1_048_576}, country="MA")
    message = e.value.message_dict["description"][0]
    assert "1,048,576" not in message and "20,000" not in message
    assert re.search(r"1\s048\s576", message) and re.search(r"20\s000", message), message


def test_duplicate_post_refused(django_capture_on_commit_callbacks):
    fp = focal_point("MA")
    make_need(owner=fp)
    with pytest.raises(ValidationError) as e:
        make_need(owner=fp)
    assert "CHM-NEED-MA-00001" in e.value.message_dict["title"][0]


def test_introduction_flow_contacts_and_mail(pair, django_capture_on_commit_callbacks):
    need, offer = pair
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        intro = services.introduction_request(actor=need.owner, need=need, offer=offer, message="Bonjour")
    assert intro.recipient == offer.owner
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [offer.owner.email]
    assert "Bonjour" in mail_text(mail.outbox[0]) and need.owner.email not in mail_text(mail.outbox[0])
    assert Notice.objects.filter(user=offer.owner, verb="introduction-requested").exists()
    with pytest.raises(PermissionDenied):
        services.introduction_accept(actor=need.owner, introduction=intro)
    with django_capture_on_commit_callbacks(execute=True):
        services.introduction_accept(actor=offer.owner, introduction=intro)
    intro.refresh_from_db()
    assert intro.status == Introduction.Status.ACCEPTED
    assert intro.conversation.messages.first().body == "Bonjour"
    assert any(need.owner.email in mail_text(m) for m in mail.outbox if m.to == [offer.owner.email])
    with pytest.raises(Conflict):
        services.introduction_decline(actor=offer.owner, introduction=intro)


def test_introduction_rate_limit():
    fp = focal_point("MA")
    need = make_need(owner=fp)
    for i in range(services.INTRODUCTIONS_PER_DAY):
        offer = make_offer(title=f"Offer {i}", description=f"Wetland training number {i}")
        services.introduction_request(actor=fp, need=need, offer=offer)
    offer = make_offer(title="One more", description="Another wetland training")
    with pytest.raises(Conflict):
        services.introduction_request(actor=fp, need=need, offer=offer)


def test_collaboration_with_milestones_and_reminders(pair, django_capture_on_commit_callbacks):
    need, offer = pair
    intro = services.introduction_request(actor=need.owner, need=need, offer=offer)
    with pytest.raises(PermissionDenied):
        services.collaboration_create(actor=need.owner, introduction=intro, data={"title": "Too early"})
    services.introduction_accept(actor=offer.owner, introduction=intro)
    funder = authorised_user("ZA")
    collab = services.collaboration_create(actor=need.owner, introduction=intro, data={"title": "Training"},
                                           funding_partner=funder)
    assert sorted(collab.parties.values_list("role", flat=True)) == ["funding", "providing", "requesting"]
    m = services.milestone_add(actor=offer.owner, collaboration=collab, title="Field course",
                               due_date=timezone.localdate() + dt.timedelta(days=3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.milestones_remind() == 1
    assert len(mail.outbox) == 3
    assert services.milestones_remind() == 0
    services.milestone_complete(actor=funder, milestone=m)
    m.refresh_from_db()
    assert m.done_at is not None


def test_workshop_close_emails_matches(django_capture_on_commit_callbacks):
    fac = focal_point("KE")
    ws = services.workshop_open(actor=fac, data={"title": "NBSAP workshop", "starts_on": timezone.localdate()})
    p1, p2 = focal_point("MA"), authorised_user("ZA")
    services.workshop_join(actor=p1, code=ws.join_code.lower())
    services.workshop_join(actor=p2, code=ws.join_code)
    with django_capture_on_commit_callbacks(execute=True):
        make_need(owner=p1, workshop=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_create(actor=p2, data={"title": "Wetland waterbird training", "description": "Course on "
                              "waterbird counts in wetlands", "support_text": "training"}, country="ZA", workshop=ws)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_close(actor=fac, workshop=ws)
    assert {m.to[0] for m in mail.outbox} == {fac.email, p1.email, p2.email}
    with pytest.raises(Conflict):
        services.workshop_join(actor=focal_point("BR"), code=ws.join_code)
