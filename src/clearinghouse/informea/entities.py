"""The entity sets this site publishes to InforMEA: what each property is read from.

Only what the public may see is published: national reports once the secretariat has published them, meetings
that exist publicly (every meeting page is public), and decisions. ``updated`` is the last change of the row, so
a harvester that asks ``updated gt`` its last harvest gets exactly what changed.
"""

from __future__ import annotations

import mimetypes

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet

from .odata import EntitySet, Nav, Prop

LANGS = [code for code, _name in settings.LANGUAGES]


def _abs(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path.startswith("/") else path


def _treaty(code: str | None) -> str:
    """InforMEA names treaties in lower case (``cbd``, ``cites``, ``cms``, ``ramsar``, ``whc``)."""
    return (code or "").lower()


def localized(obj, field: str) -> list[dict]:
    """``[{language, value}]`` for the original and each translation of a ``TranslatableModel`` field."""
    rows = []
    original = getattr(obj, field, "") or ""
    if original:
        rows.append({"language": obj.language, "value": original})
    for lang, values in sorted((obj.translations or {}).items()):
        value = (values or {}).get(field)
        if value and lang != obj.language:
            rows.append({"language": lang, "value": value})
    return rows


def _empty(model: str) -> QuerySet | None:
    try:
        return apps.get_model(model).objects.none()
    except LookupError:
        return None


# ----------------------------------------------------------------------------------------------- CountryReports

def _reports() -> QuerySet:
    Report = apps.get_model("reporting", "Report")
    return (Report.objects.filter(state="published").select_related("country", "convention", "cycle")
            .order_by("pk"))


def _report_url(report) -> str:
    from django.urls import reverse

    return reverse("reporting:report", args=[report.number])


def _report_title(report) -> list[dict]:
    return [{"language": "en", "value": f"{report.country.name}: national report to {report.convention_id}, "
                                        f"{report.cycle.title}"}]


def _report_files(report) -> list[dict]:
    files = []
    getter = getattr(report, "informea_files", None)  # uploaded documents, when the reporting app provides them
    if callable(getter):
        for row in getter():
            files.append({"url": _abs(row["url"]), "mimeType": row.get("mimeType") or mimetypes.guess_type(
                row.get("filename", ""))[0] or "application/octet-stream", "language": row.get("language", ""),
                "filename": row.get("filename", "")})
    return files


COUNTRY_REPORTS = EntitySet(
    name="CountryReports", type_name="CountryReport", queryset=_reports, key=lambda r: f"report-{r.pk}",
    props=[
        Prop("id", "Edm.String", lambda r: f"report-{r.pk}", None, nullable=False),
        Prop("treaty", "Edm.String", lambda r: _treaty(r.convention_id), "convention_id", nullable=False,
             literal=str.upper),
        Prop("country", "Edm.String", lambda r: r.country_id, "country_id", nullable=False, literal=str.upper),
        Prop("submission", "Edm.DateTime", lambda r: r.submitted_at, "submitted_at"),
        Prop("url", "Edm.String", lambda r: _abs(_report_url(r)), None, nullable=False),
        Prop("updated", "Edm.DateTime", lambda r: r.updated_at, "updated_at"),
    ],
    navs=[Nav("titles", "LocalizableString", _report_title), Nav("files", "File", _report_files)],
)

# ----------------------------------------------------------------------------------------------------- Meetings


def _meetings() -> QuerySet:
    Meeting = apps.get_model("meetings", "Meeting")
    return Meeting.objects.select_related("country").prefetch_related("conventions").order_by("pk")


def _meeting_treaty(meeting) -> str:
    codes = sorted(c.pk for c in meeting.conventions.all())
    return _treaty(codes[0]) if codes else ""


MEETINGS = EntitySet(
    name="Meetings", type_name="Meeting", queryset=_meetings, key=lambda m: f"meeting-{m.pk}",
    props=[
        Prop("id", "Edm.String", lambda m: f"meeting-{m.pk}", None, nullable=False),
        Prop("treaty", "Edm.String", _meeting_treaty, None),
        Prop("url", "Edm.String", lambda m: _abs(m.get_absolute_url()), None, nullable=False),
        Prop("start", "Edm.DateTime", lambda m: m.starts_on, "starts_on", nullable=False),
        Prop("end", "Edm.DateTime", lambda m: m.ends_on, "ends_on"),
        Prop("kind", "Edm.String", lambda m: m.kind, "kind"),
        Prop("type", "Edm.String", lambda m: m.get_kind_display(), None),
        Prop("access", "Edm.String", lambda m: "public", None),
        Prop("status", "Edm.String", lambda m: m.status, "status"),
        Prop("location", "Edm.String", lambda m: m.venue or ("online" if m.online else ""), None),
        Prop("city", "Edm.String", lambda m: m.city, "city"),
        Prop("country", "Edm.String", lambda m: m.country_id or "", "country_id"),
        Prop("virtual", "Edm.Boolean", lambda m: m.online, "online"),
        Prop("updated", "Edm.DateTime", lambda m: m.updated_at, "updated_at"),
    ],
    navs=[Nav("titles", "LocalizableString", lambda m: localized(m, "title")),
          Nav("descriptions", "LocalizableString", lambda m: localized(m, "description"))],
)

# ---------------------------------------------------------------------------------------------------- Decisions


def _decisions() -> QuerySet:
    Decision = apps.get_model("decisions", "Decision")
    return Decision.objects.select_related("convention").order_by("pk")


def _decision_files(decision) -> list[dict]:
    if not decision.url:
        return []
    return [{"url": decision.url, "mimeType": "text/html", "language": decision.language, "filename": ""}]


DECISIONS = EntitySet(
    name="Decisions", type_name="Decision", queryset=_decisions, key=lambda d: f"decision-{d.pk}",
    props=[
        Prop("id", "Edm.String", lambda d: f"decision-{d.pk}", None, nullable=False),
        Prop("treaty", "Edm.String", lambda d: _treaty(d.convention_id), "convention_id", nullable=False,
             literal=str.upper),
        Prop("number", "Edm.String", lambda d: d.number, "number", nullable=False),
        Prop("type", "Edm.String", lambda d: d.kind, "kind"),
        Prop("status", "Edm.String", lambda d: d.status, "status"),
        Prop("published", "Edm.DateTime", lambda d: d.adopted_on, "adopted_on"),
        Prop("updated", "Edm.DateTime", lambda d: d.updated_at, "updated_at"),
        Prop("meeting", "Edm.String", lambda d: d.meeting_symbol or d.meeting_title, None),
        Prop("meetingTitle", "Edm.String", lambda d: d.meeting_title, None),
        Prop("url", "Edm.String", lambda d: _abs(d.get_absolute_url()), None, nullable=False),
    ],
    navs=[Nav("titles", "LocalizableString", lambda d: localized(d, "title")),
          Nav("longTitles", "LocalizableString", lambda d: localized(d, "long_title")),
          Nav("summaries", "LocalizableString", lambda d: localized(d, "summary")),
          Nav("content", "LocalizableString", lambda d: localized(d, "text")),
          Nav("files", "File", _decision_files)],
)


def entity_sets() -> list:
    """The sets whose app is installed (each app may be absent from a deployment)."""
    out = []
    for es, model in ((COUNTRY_REPORTS, "reporting.Report"), (MEETINGS, "meetings.Meeting"),
                      (DECISIONS, "decisions.Decision")):
        try:
            apps.get_model(model)
        except LookupError:
            continue
        out.append(es)
    return out
