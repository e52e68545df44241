"""National reporting API: templates (as the JSON spec), published reports and their answers, indicator values.

Reads only and public: drafts never leave the country's pages. Writing answers through the API is left to the
joint reporting portal (issue 16), which builds on the same services.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from clearinghouse.forums.api import BoundedPagination
from clearinghouse.knowledge.api import ErrorOut

from . import selectors
from .models import IndicatorValue, Report, Template

router = Router(tags=["reports"])


class TemplateOut(Schema):
    id: int
    convention: str
    cycle: str
    cycle_title: str
    version: int
    form_id: str
    state: str
    languages: list[str]


class ReportOut(Schema):
    number: str
    country: str
    convention: str
    cycle: str
    revision: int
    template_version: int
    state: str
    published_at: str | None


class AnswerOut(Schema):
    question: str
    type: str
    value: Any
    source: dict


class ReportDetail(ReportOut):
    answers: list[AnswerOut]


class IndicatorOut(Schema):
    country: str
    indicator: str
    year: int
    value: str
    unit: str
    source: str
    method: str


def _template(t: Template) -> TemplateOut:
    return TemplateOut(id=t.pk, convention=t.cycle.convention_id, cycle=t.cycle.code, cycle_title=t.cycle.title,
                       version=t.version, form_id=t.form_id, state=t.state, languages=t.languages)


def _report(r: Report) -> dict:
    return {"number": r.number, "country": r.country_id, "convention": r.convention_id, "cycle": r.cycle.code,
            "revision": r.revision, "template_version": r.template.version, "state": r.state,
            "published_at": r.published_at.isoformat() if r.published_at else None}


@router.get("/templates", response=list[TemplateOut], auth=None, summary="Reporting templates (every version)")
@paginate(BoundedPagination)
def templates(request):
    return [_template(t) for t in Template.objects.select_related("cycle").order_by("cycle__convention_id",
                                                                                      "cycle__code", "-version")]


@router.get("/templates/{template_id}", response={200: dict, 404: ErrorOut}, auth=None,
            summary="One template as its JSON spec (the same as the JSON export; lossless with XLSForm)")
def template_detail(request, template_id: int):
    return selectors.template_spec(get_object_or_404(Template, pk=template_id))


@router.get("/published", response=list[ReportOut], auth=None, summary="Published national reports")
@paginate(BoundedPagination)
def published(request, country: str | None = None, convention: str | None = None):
    qs = Report.objects.filter(state=Report.State.PUBLISHED).select_related("cycle", "template").order_by(
        "-published_at")
    if country:
        qs = qs.filter(country_id=country.upper())
    if convention:
        qs = qs.filter(convention_id=convention.upper())
    return [_report(r) for r in qs[:1000]]


@router.get("/published/{number}", response={200: ReportDetail, 404: ErrorOut}, auth=None,
            summary="A published report with its answers (and where each accepted answer came from)")
def published_detail(request, number: str):
    report = get_object_or_404(Report.objects.select_related("cycle", "template"), number=number,
                               state=Report.State.PUBLISHED)
    answers = [AnswerOut(question=a.question.key, type=a.question.qtype, value=a.value, source=a.source or {})
               for a in report.answers.exclude(value=None).select_related("question").order_by("question__position")]
    return ReportDetail(**_report(report), answers=answers)


@router.get("/indicators", response=list[IndicatorOut], auth=None, summary="National indicator values")
@paginate(BoundedPagination)
def indicators(request, country: str | None = None, indicator: str | None = None):
    qs = IndicatorValue.objects.all()
    if country:
        qs = qs.filter(country_id=country.upper())
    if indicator:
        qs = qs.filter(indicator=indicator)
    return [IndicatorOut(country=v.country_id, indicator=v.indicator, year=v.year, value=format(v.value.normalize(), "f"),
                         unit=v.unit, source=v.source, method=v.method) for v in qs]
