"""The :class:`Post` record shared by needs and offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

_LANGS = {"ar", "en", "es", "fr", "ru", "zh", "pt"}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return list(value)
    if isinstance(value, str):
        return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
    return [value]


#: Organisation kinds as written by the site (accounts.Organisation.Kind) or by hand, to the engine's codes.
ORGANISATION_TYPES = {
    "government": "government",
    "ngo": "ngo",
    "iplc": "iplc",
    "community": "iplc",
    "academic": "research",
    "research": "research",
    "university": "research",
    "private": "private",
    "business": "private",
    "company": "private",
    "intergovernmental": "intergovernmental",
    "igo": "intergovernmental",
    "secretariat": "intergovernmental",
}


def _eligibility(value: Any) -> list[str]:
    """Eligibility as a list: codes and region names (``"KE, TZ"``) split, prose kept whole."""
    if isinstance(value, str) and len(value.split()) > 3:
        return [value.strip()] if value.strip() else []
    return [str(s) for s in _as_list(value)]


def _as_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _as_code(value: Any) -> str:
    """Country codes stay strings: ``"NA"`` is Namibia, never a missing value."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from a careless loader
        return ""
    return str(value).strip().upper()


@dataclass
class Post:
    """A need or an offer of technical and scientific cooperation."""

    id: str
    title: str = ""
    description: str = ""
    language: str = "en"
    country: str = ""
    region: str | None = None
    targets: list[int] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    ecosystems: list[str] = field(default_factory=list)
    expires_at: dt.date | None = None
    deadline: dt.date | None = None
    delivery_languages: list[str] = field(default_factory=list)
    eligibility: list[str] = field(default_factory=list)
    #: Kind of the poster's organisation: government, ngo, iplc, research, private, intergovernmental.
    organisation_type: str = ""

    @property
    def text(self) -> str:
        """Title and description as one text."""
        title = self.title.strip()
        if title and title[-1] not in ".!?。！？؟":
            title += "."
        return f"{title} {self.description.strip()}".strip()

    @property
    def closing_date(self) -> dt.date | None:
        """The earliest of ``expires_at`` and ``deadline``."""
        dates = [d for d in (self.expires_at, self.deadline) if d]
        return min(dates) if dates else None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Post:
        """Build a post from a JSON-like dict; unknown keys are ignored, optional ones tolerated."""
        if "id" not in data or data["id"] in (None, ""):
            raise ValueError("a post needs an 'id'")
        known = {f.name for f in fields(cls)}
        d = {k: v for k, v in data.items() if k in known}
        targets = []
        for t in _as_list(d.get("targets")):
            try:
                targets.append(int(t))
            except (TypeError, ValueError):
                continue
        language = str(d.get("language") or "en").strip().lower()[:2]
        return cls(
            id=str(d["id"]),
            title=str(d.get("title") or ""),
            description=str(d.get("description") or ""),
            language=language if language in _LANGS else language or "en",
            country=_as_code(d.get("country")),
            region=(str(d["region"]) if d.get("region") else None),
            targets=targets,
            support=[str(s).strip().lower() for s in _as_list(d.get("support"))],
            ecosystems=[str(s).strip().lower() for s in _as_list(d.get("ecosystems"))],
            expires_at=_as_date(d.get("expires_at")),
            deadline=_as_date(d.get("deadline")),
            delivery_languages=[str(s).strip().lower()[:2] for s in _as_list(d.get("delivery_languages"))],
            eligibility=_eligibility(d.get("eligibility")),
            organisation_type=ORGANISATION_TYPES.get(
                str(d.get("organisation_type") or "").strip().lower(), str(d.get("organisation_type") or "")
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable dict (dates as ISO strings)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = v.isoformat() if isinstance(v, dt.date) else v
        return out
