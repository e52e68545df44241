"""One activity as the detector reads it, and its checked construction from a JSON object."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ELEMENTS_TARGET_3 = (
    "terrestrial", "inland_waters", "marine_coastal", "important_areas", "protected_areas", "oecm",
    "indigenous_territories", "connectivity", "management_effectiveness", "equitable_governance",
    "sustainable_use", "spatial_planning", "monitoring_reporting",
)
LEVELS = ("local", "subnational", "national", "regional", "global")
#: Free-text kinds of support (as in the sample files) onto the platform's SupportType codes.
SUPPORT_CODES = {
    "technical assistance": "technical-assistance", "training": "training", "expert exchange": "expert-exchange",
    "study visit": "study-visit", "joint research": "joint-research", "technology transfer": "technology-transfer",
    "data and information": "data", "data": "data", "finance": "finance", "equipment": "equipment",
    "policy advice": "policy-advice",
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CC = re.compile(r"^[A-Z]{2}$")
_CUR = re.compile(r"^[A-Z]{3}$")


def month_index(value: str, name: str) -> int:
    """``"2024-03"`` as a month count (year * 12 + month - 1); ValueError names the field."""
    m = _MONTH.match(str(value or ""))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"{name}: expected YYYY-MM, got {value!r}")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def support_code(value: str) -> str:
    v = str(value).strip().lower()
    return SUPPORT_CODES.get(v, v.replace(" ", "-"))


@dataclass
class ActivityRecord:
    id: str
    countries: tuple[str, ...]
    elements: frozenset[str]
    support: frozenset[str]
    start: int  # month index
    end: int
    title: str = ""
    description: str = ""
    language: str = ""
    partner: str = ""
    partner_type: str = ""
    subnational: str = ""
    level: str = ""
    budget: float | None = None
    currency: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return f"{self.title}. {self.description}".strip()

    @classmethod
    def from_dict(cls, row: object) -> ActivityRecord:
        """Check one input object; ValueError says what is wrong, in a sentence."""
        if not isinstance(row, dict):
            raise ValueError("not a JSON object")
        ident = row.get("id")
        if ident is None or str(ident).strip() == "" or isinstance(ident, (dict, list)):
            raise ValueError("id: missing")
        countries = row.get("countries")
        if isinstance(countries, str):
            countries = [countries]
        if not isinstance(countries, list) or not countries:
            raise ValueError("countries: expected a non-empty list of ISO 3166 alpha-2 codes")
        ccs = []
        for c in countries:
            if not isinstance(c, str) or not _CC.match(c.strip().upper()):
                raise ValueError(f"countries: {c!r} is not an ISO 3166 alpha-2 code")
            ccs.append(c.strip().upper())
        elements = row.get("target_elements") or []
        support = row.get("support") or []
        if isinstance(elements, str):
            elements = [elements]
        if isinstance(support, str):
            support = [support]
        if not isinstance(elements, list) or not elements or not all(isinstance(e, str) for e in elements):
            raise ValueError("target_elements: expected a non-empty list of strings")
        if not isinstance(support, list) or not support or not all(isinstance(s, str) for s in support):
            raise ValueError("support: expected a non-empty list of strings")
        start = month_index(row.get("start"), "start")
        end = month_index(row.get("end"), "end")
        if end < start:
            raise ValueError(f"end {row.get('end')} is before start {row.get('start')}")
        budget, currency = None, ""
        b = row.get("budget")
        if b is not None:
            if not isinstance(b, dict):
                raise ValueError("budget: expected {\"amount\": number, \"currency\": code} or null")
            amount = b.get("amount")
            if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0:
                raise ValueError("budget.amount: expected a number of zero or more")
            currency = str(b.get("currency") or "").upper()
            if not _CUR.match(currency):
                raise ValueError(f"budget.currency: {b.get('currency')!r} is not an ISO 4217 code")
            budget = float(amount)
        for name in ("title", "description", "partner", "subnational", "language", "level", "partner_type"):
            if row.get(name) is not None and not isinstance(row.get(name), str):
                raise ValueError(f"{name}: expected text")
        if not (row.get("title") or row.get("description")):
            raise ValueError("title: missing (a title or a description is needed)")
        return cls(
            id=str(ident), countries=tuple(dict.fromkeys(ccs)), elements=frozenset(e.strip() for e in elements),
            support=frozenset(support_code(s) for s in support), start=start, end=end,
            title=row.get("title") or "", description=row.get("description") or "",
            language=row.get("language") or "", partner=row.get("partner") or "",
            partner_type=row.get("partner_type") or "", subnational=row.get("subnational") or "",
            level=row.get("level") or "", budget=budget, currency=currency,
        )
