import pytest

from clearinghouse.matchmaking import services
from tests.factories import UserFactory, authorised_user, focal_point


def make_need(owner=None, country="MA", **data):
    owner = owner or focal_point(country)
    data.setdefault("title", "Formation au suivi des oiseaux d'eau dans les zones humides")
    data.setdefault("description", "Nous cherchons une formation pratique aux comptages d'oiseaux d'eau dans les "
                                   "zones humides. Nous ne demandons pas de subvention.")
    data.setdefault("language", "fr")
    data.setdefault("targets", ["3"])
    data.setdefault("support_text", "formation")
    return services.need_create(actor=owner, data=data, country=country)


def make_offer(owner=None, country="KE", **data):
    owner = owner or authorised_user(country)
    data.setdefault("title", "Training in waterbird counts and wetland monitoring")
    data.setdefault("description", "Two-week field training on waterbird counts and wetland bird monitoring.")
    data.setdefault("language", "en")
    data.setdefault("targets", ["3"])
    data.setdefault("support_text", "training")
    return services.offer_create(actor=owner, data=data, country=country)


@pytest.fixture
def pair(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        need = make_need()
    with django_capture_on_commit_callbacks(execute=True):
        offer = make_offer()
    return need, offer


@pytest.fixture
def stranger():
    return UserFactory(country_id="FR")


def mail_text(message) -> str:
    """The plain-text part of a sent mail, decoded, as the recipient reads it."""
    parsed = message.message()
    part = parsed.get_body(preferencelist=("plain",)) if hasattr(parsed, "get_body") else None
    return part.get_content() if part is not None else message.body
