"""The fields each kind of record adds, declared once.

``KIND_FIELDS`` drives the record form (fields rendered and validated from it),
the record page (labels and values shown from it) and the services (which
validate ``Record.details`` against it for every entry point, the API included).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clearinghouse.core.validators import clean_web_url

from .models import RecordKind


@dataclass(frozen=True)
class DetailField:
    """One kind-specific field, stored as ``details[name]``.

    ``type`` is one of: ``text`` (one line), ``textarea`` (Markdown allowed),
    ``lines`` (a list, one item a line), ``choice``, ``multi`` (several choices),
    ``date`` (ISO), ``int``, ``url``, ``countries`` (list of ISO codes).
    """

    name: str
    label: object
    type: str = "text"
    choices: tuple = ()
    help: object = ""
    required: bool = False
    max_length: int = 2000

    @property
    def choice_labels(self) -> dict:
        return dict(self.choices)


SCALE = (
    ("local", _("Local")), ("subnational", _("Subnational")), ("national", _("National")),
    ("regional", _("Regional")), ("global", _("Global")),
)
IMPLEMENTATION = (("planned", _("Planned")), ("ongoing", _("Ongoing")), ("completed", _("Completed")))
RESOURCE_TYPES = (
    ("guidance", _("Guidance")), ("manual", _("Manual or handbook")), ("toolkit", _("Toolkit")),
    ("software", _("Software")), ("database", _("Database or dataset")), ("policy-brief", _("Policy brief")),
    ("training-material", _("Training material")), ("methodology", _("Methodology")), ("video", _("Video")),
    ("report", _("Report")),
)
INITIATIVE_TYPES = (
    ("course", _("Training course")), ("workshop", _("Workshop")), ("online-course", _("Online course")),
    ("mentoring", _("Mentoring")), ("fellowship", _("Fellowship")), ("exchange", _("Exchange programme")),
    ("programme", _("Multi-year programme")),
)
ORGANISATION_TYPES = (
    ("government", _("Government")), ("intergovernmental", _("Intergovernmental organisation")),
    ("ngo", _("Non-governmental organisation")), ("iplc", _("Indigenous peoples and local communities")),
    ("academic", _("Academic or research institution")), ("private", _("Private sector")),
    ("secretariat", _("Convention secretariat")),
)
TK_CATEGORIES = (
    ("agriculture", _("Agricultural practice")), ("medicine", _("Traditional medicine")),
    ("resource-management", _("Resource management")), ("seasonal-calendar", _("Seasonal calendar")),
    ("fishing", _("Fishing and hunting")), ("crafts", _("Crafts and materials")), ("spiritual", _("Sacred sites")),
)

KIND_FIELDS: dict[str, tuple[DetailField, ...]] = {
    RecordKind.GOOD_PRACTICE: (
        DetailField("scale", _("Scale"), "choice", SCALE),
        DetailField("implementation_status", _("Implementation status"), "choice", IMPLEMENTATION),
        DetailField("implementing_organisations", _("Implementing organisations"), "lines",
                    help=_("One a line.")),
        DetailField("results", _("Results"), "textarea", help=_("What changed, with figures where you have them.")),
        DetailField("lessons_learned", _("Lessons learned"), "textarea"),
    ),
    RecordKind.CAPACITY_BUILDING: (
        DetailField("initiative_type", _("Type of initiative"), "choice", INITIATIVE_TYPES),
        DetailField("implementation_status", _("Implementation status"), "choice", IMPLEMENTATION),
        DetailField("target_audience", _("Target audience"), "text", max_length=300),
        DetailField("implementing_organisations", _("Implementing organisations"), "lines",
                    help=_("One a line.")),
        DetailField("participants", _("Number of participants"), "int"),
        DetailField("funding", _("Funding sources"), "lines", help=_("One a line.")),
    ),
    RecordKind.TOOL: (
        DetailField("resource_types", _("Resource types"), "multi", RESOURCE_TYPES, required=True),
        DetailField("authors", _("Authors"), "lines", help=_("One a line.")),
        DetailField("publication_date", _("Publication date"), "date"),
        DetailField("publisher", _("Publisher"), "text", max_length=300),
    ),
    RecordKind.EXPERT: (
        DetailField("expertise", _("Expertise"), "lines", help=_("One area a line."), required=True),
        DetailField("employment", _("Employment"), "lines", help=_("Position, employer and years, one a line.")),
        DetailField("education", _("Education"), "lines", help=_("Degree, institution and year, one a line.")),
        DetailField("languages", _("Languages spoken"), "lines", help=_("One a line.")),
        DetailField("nationalities", _("Nationalities"), "countries",
                    help=_("Two-letter country codes, one a line (e.g. KE).")),
        DetailField("publications", _("Publications"), "lines", help=_("One a line.")),
        DetailField("panels", _("Panels and expert groups served"), "lines", help=_("One a line.")),
    ),
    RecordKind.ORGANISATION: (
        DetailField("organisation_type", _("Type of organisation"), "choice", ORGANISATION_TYPES, required=True),
        DetailField("acronym", _("Acronym"), "text", max_length=40),
        DetailField("headquarters", _("Headquarters"), "text", max_length=200),
        DetailField("areas_of_work", _("Areas of work"), "lines", help=_("One a line.")),
    ),
    RecordKind.NEWS: (
        DetailField("news_date", _("Date of the news"), "date"),
        DetailField("source", _("Source"), "text", max_length=300),
    ),
    RecordKind.TRADITIONAL_KNOWLEDGE: (
        DetailField("category", _("Category"), "choice", TK_CATEGORIES),
        DetailField("holders", _("Holders of the knowledge"), "text", max_length=300,
                    help=_("The community or people who hold it, as they wish to be named."), required=True),
        DetailField("conditions_of_use", _("Conditions of use"), "textarea"),
    ),
}

ID_RE = re.compile(r"^CHM-([A-Z]+)-([A-Z]{2}|SCBD)-(\d{1,7})(?:-(\d+))?$")


def fields_for(kind: str) -> tuple[DetailField, ...]:
    return KIND_FIELDS.get(kind, ())


def _clean_value(spec: DetailField, value):
    """Normalise one value; raise ValueError with a user message when it does not fit."""
    if value in (None, "", [], ()):
        return None
    if spec.type in ("text", "textarea", "url"):
        if not isinstance(value, str):
            raise ValueError(_("Enter text."))
        value = value.strip()
        if len(value) > spec.max_length * (5 if spec.type == "textarea" else 1):
            raise ValueError(_("This text is too long."))
        if spec.type == "url":
            try:
                value = clean_web_url(value)
            except ValidationError as exc:
                raise ValueError(exc.messages[0]) from None
        return value or None
    if spec.type in ("lines", "countries", "multi"):
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, list | tuple):
            raise ValueError(_("Enter a list."))
        items = [str(v).strip() for v in value if str(v).strip()]
        if spec.type == "countries":
            items = [v.upper() for v in items]
            bad = [v for v in items if not re.match(r"^[A-Z]{2}$", v)]
            if bad:
                raise ValueError(_("Not a two-letter country code: %(codes)s.") % {"codes": ", ".join(bad)})
        if spec.type == "multi":
            bad = [v for v in items if v not in spec.choice_labels]
            if bad:
                raise ValueError(_("Unknown choice: %(v)s.") % {"v": ", ".join(bad)})
        return items or None
    if spec.type == "choice":
        if value not in spec.choice_labels:
            raise ValueError(_("Unknown choice: %(v)s.") % {"v": value})
        return value
    if spec.type == "date":
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(_("Enter a date as YYYY-MM-DD."))
    if spec.type == "int":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(_("Enter a whole number."))
        if number < 0:
            raise ValueError(_("Enter a positive number."))
        return number
    raise ValueError(_("Unknown field."))


def clean_details(kind: str, details: dict | None) -> tuple[dict, dict[str, list[str]]]:
    """Validate ``details`` for a kind. Returns the cleaned dict and errors keyed ``details.<name>``."""
    details = dict(details or {})
    specs = {s.name: s for s in fields_for(kind)}
    cleaned: dict = {}
    errors: dict[str, list[str]] = {}
    for name, value in details.items():
        if name == "references":
            refs = value.splitlines() if isinstance(value, str) else list(value or [])
            refs = [str(r).strip().upper() for r in refs if str(r).strip()]
            if refs:
                cleaned["references"] = list(dict.fromkeys(refs))
            continue
        spec = specs.get(name)
        if spec is None:
            errors[f"details.{name}"] = [str(_("This field does not belong to this type of record."))]
            continue
        try:
            clean = _clean_value(spec, value)
        except ValueError as exc:
            errors[f"details.{name}"] = [str(exc)]
            continue
        if clean is not None:
            cleaned[name] = clean
    return cleaned, errors


def missing_required(kind: str, details: dict) -> dict[str, list[str]]:
    """Errors for required kind fields that are empty (checked before submission and publication)."""
    return {f"details.{s.name}": [str(_("This field is required."))]
            for s in fields_for(kind) if s.required and not details.get(s.name)}


def display_details(kind: str, details: dict) -> list[tuple[DetailField, object]]:
    """(field, value shown) pairs for the record page, choices turned into their labels."""
    out = []
    for spec in fields_for(kind):
        value = (details or {}).get(spec.name)
        if value in (None, "", []):
            continue
        if spec.type == "choice":
            value = spec.choice_labels.get(value, value)
        elif spec.type == "multi":
            value = [spec.choice_labels.get(v, v) for v in value]
        out.append((spec, value))
    return out

