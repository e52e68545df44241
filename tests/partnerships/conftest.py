import numpy as np
import pytest


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
    """Argon2 is for production; the partnership tests create many people."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]




def mail_text(message) -> str:
    """The plain-text part of a sent mail, decoded, as the recipient reads it."""
    parsed = message.message()
    part = parsed.get_body(preferencelist=("plain",)) if hasattr(parsed, "get_body") else None
    return part.get_content() if part is not None else message.body
