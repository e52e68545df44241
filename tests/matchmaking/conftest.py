import numpy as np
import pytest

from clearinghouse.matchmaking import services
from tests.factories import UserFactory, authorised_user, focal_point


@pytest.fixture(scope="session", autouse=True)
def _embedding_memo():
    """Remember the real embedder's vectors by text for the whole session.

    The same sheets are posted in many tests; the model is deterministic, so a text embedded once
    gives the same vector every time. Tests still use the real model for every new text.
    """
    from clearinghouse.search import embedders

    originals = {cls: cls.embed for cls in embedders.EMBEDDERS.values()}
    memo: dict[tuple[str, str], np.ndarray] = {}

    def remembering(original):
        def embed(self, texts):
            texts = list(texts)
            missing = list(dict.fromkeys(t for t in texts if (self.model_id, t) not in memo))
            if missing:
                for t, v in zip(missing, original(self, missing), strict=True):
                    memo[(self.model_id, t)] = v
            if not texts:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.stack([memo[(self.model_id, t)] for t in texts])
        return embed

    for cls, original in originals.items():
        cls.embed = remembering(original)
    yield memo
    for cls, original in originals.items():
        cls.embed = original


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Argon2 is for production; the marketplace tests create many people."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
