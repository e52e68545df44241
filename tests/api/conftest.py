"""Data for the API tests: one of everything the API can show, built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from clearinghouse.accounts import services as accounts
from clearinghouse.matchmaking import services as marketplace
from tests.factories import focal_point, make_record
from tests.forums.helpers import joined, make_discussion, make_thread
from tests.matchmaking.conftest import make_need, make_offer


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories set a password for every person; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Ids of real objects, so generated requests reach past the 404s."""

    writer: object
    key: str
    path_values: dict[str, list]

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture
def world(db, django_capture_on_commit_callbacks) -> World:
    """A confirmed focal point of Kenya with a token, and published content around it."""
    with django_capture_on_commit_callbacks(execute=True):
        writer = focal_point("KE", email="writer@example.org")
        _token, key = accounts.api_token_create(actor=writer, name="schemathesis")
        published = make_record(country="KE", publish=True)
        draft = make_record(owner=writer, country="KE", title="A draft of the writer")
        need_owner = focal_point("MA")
        need = make_need(owner=need_owner)
        offer = make_offer(owner=writer)
        intro = marketplace.introduction_request(actor=writer, need=need, offer=offer, message="Hello")
        intro = marketplace.introduction_accept(actor=need_owner, introduction=intro, message="Welcome")
        collab = marketplace.collaboration_create(actor=writer, introduction=intro, data={"title": "Waterbirds"})
        milestone = marketplace.milestone_add(actor=writer, collaboration=collab, title="First count",
                                              due_date=dt.date.today() + dt.timedelta(days=30))
        provider = marketplace.provider_profile_save(actor=writer, data={
            "language": "en", "areas": "Waterbird monitoring", "expertise": "Counts and training"})
        discussion = make_discussion()
        thread = make_thread(discussion)
        joined(writer, discussion)
    return World(writer=writer, key=key, path_values={
        "identifier": [published.public_id, published.base_id, draft.base_id],
        "public_id": [need.public_id, offer.public_id],
        "pk": [intro.pk, collab.pk, provider.pk],
        "mid": [milestone.pk],
        "slug": [discussion.slug],
        "number": [thread.number],
    })
