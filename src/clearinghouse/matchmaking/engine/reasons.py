"""Structured, translatable reasons for a suggestion (English is the default rendering)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .constraints import LANGUAGE_NAMES
from .vocab import CONCEPTS

SUPPORT_LABELS = {
    "technical_assistance": "technical assistance",
    "training": "training",
    "expert_exchange": "expert exchange",
    "study_visit": "study visits",
    "joint_research": "joint research",
    "technology_transfer": "technology transfer",
    "data": "data and information",
    "finance": "finance",
    "equipment": "equipment",
    "policy_advice": "policy advice",
}

_TEMPLATES: dict[str, str] = {
    "shared_concepts": "both about {concepts}",
    "similar_text": "the descriptions are close in meaning (similarity {similarity:.2f})",
    "support_match": "offer provides {kinds}, which the need asks for",
    "shared_targets": "both tagged GBF target {targets}",
    "languages": "offer in {offer_language}, need in {need_language}",
    "same_language": "both in {language}",
    "delivery_language": "offer can be delivered in {language}, as the need asks",
    "costs_covered": "offer covers participants' costs",
    # unmet
    "unwanted_support": "need does not want {kind}: “{clause}”",
    "unwanted_topic": "need does not want {concept}: “{clause}”",
    "not_transferable": "offer says its method does not apply to {concept}: “{clause}”",
    "scope_restricted": "offer is specific to {scope}, the need is about {need_concepts}: “{clause}”",
    "language_required": "need requires delivery in {languages}; offer works in {offer_languages}: “{clause}”",
    "language_preferred": "need prefers delivery in {languages}; offer works in {offer_languages}: “{clause}”",
    "eligibility_region": "offer is limited to {regions}: it excludes applicants from {country}: “{clause}”",
    "eligibility_body": "offer is open only to {bodies}: “{clause}”",
    "excluded_body": "offer excludes {bodies}: “{clause}”",
    "deadline_passed": "offer closed on {date}: “{clause}”",
    "cost": "need cannot pay fees or travel, offer charges them: “{clause}”",
    "support_mismatch": "need asks for {wanted}; offer provides {provided}",
    "ecosystem_mismatch": "different ecosystem: need about {need}, offer about {offer}",
    "ecosystem_neighbour": "neighbouring ecosystem: need about {need}, offer about {offer}",
    "taxon_mismatch": "different species group: need about {need}, offer about {offer}",
    "zone_mismatch": "different climate zone: need about {need}, offer about {offer}",
    "offer_closed": "offer is closed: “{clause}”",
    # near misses
    "excluded_country": "offer excludes applicants from {country}: “{clause}”",
    "method_mismatch": "different {family}: the need names {need}, the offer is about {offer}",
    "instrument_mismatch": "another instrument: the need is about {need}, the offer about {offer}",
    "finance_excluded": "offer does not fund {themes}, which the need is about: “{clause}”",
    "finance_only": "offer funds only {theme}; the need is about {need_themes}: “{clause}”",
}


def label(concept_id: str) -> str:
    """English label of a concept or a support kind."""
    if concept_id in SUPPORT_LABELS:
        return SUPPORT_LABELS[concept_id]
    c = CONCEPTS.get(concept_id)
    return c.label if c else concept_id.replace("_", " ")


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def join(items: list) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(i) for i in items if i not in (None, "")]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _shown(code: str, key: str, value: Any) -> Any:
    """English rendering of one parameter: codes of places, bodies, methods... become names."""
    from .ranker import BODY_LABELS, REGION_LABELS  # ranker imports this module
    from .specifics import FAMILY_LABELS, INSTRUMENTS, METHODS, THEMES

    if isinstance(value, list):
        return join([_shown(code, key, v) for v in value])
    if not isinstance(value, str):
        return value
    if key in ("places", "country"):
        return REGION_LABELS.get(value, value)
    if key in ("bodies", "need_bodies"):
        return BODY_LABELS.get(value, value)
    if key == "family":
        return FAMILY_LABELS.get(value, value.replace("_", " "))
    if key in ("need", "offer") and code in ("method_mismatch", "instrument_mismatch"):
        item = METHODS.get(value) or INSTRUMENTS.get(value)
        return item.label if item else value
    if key in ("themes", "theme", "need_themes"):
        return THEMES[value].label if value in THEMES else value
    return value


@dataclass
class Reason:
    """One reason (or one unmet constraint): a code with parameters and its English text."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "info"

    @property
    def text(self) -> str:
        shown = {k: _shown(self.code, k, v) for k, v in self.params.items()}
        if self.code == "shared_targets" and len(self.params.get("targets", [])) > 1:
            return "both tagged GBF targets {targets}".format(**shown)
        try:
            return _TEMPLATES[self.code].format(**shown)
        except (KeyError, ValueError, IndexError):
            return self.code.replace("_", " ")

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params, "severity": self.severity, "text": self.text}


@dataclass
class Suggestion:
    """An offer suggested for a need."""

    offer_id: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    unmet: list[Reason] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)

    def to_dict(self, structured: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.offer_id,
            "score": round(self.score, 4),
            "reasons": [r.text for r in self.reasons],
            "unmet": [r.text for r in self.unmet],
        }
        if structured:
            out["reason_codes"] = [r.to_dict() for r in self.reasons]
            out["unmet_codes"] = [r.to_dict() for r in self.unmet]
        return out
