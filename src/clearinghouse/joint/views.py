"""Pages of the joint reporting portal (all public; they show published content only)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clearinghouse.core.exports import table_response
from clearinghouse.core.maps import MapValue, scale_class, world_map
from clearinghouse.core.models import Country
from clearinghouse.reporting.models import Cycle, Question, Report

from . import selectors

EXPORTS = ("csv", "xlsx", "json")


def index(request):
    code = (request.GET.get("country") or "").strip()
    if code:
        return redirect("joint:country", code=code[:2])
    cycles = list(selectors.cycles_with_counts())
    return render(request, "joint/index.html", {"cycles": cycles, "countries": Country.objects.order_by("name")})


def country(request, code: str):
    country = Country.objects.filter(pk=code.upper()).first()
    if country is None or len(code) != 2:
        raise Http404(_("No country has the code %(code)s.") % {"code": code})
    groups = selectors.country_reports(country)
    return render(request, "joint/country.html", {"country": country, "groups": groups})


def cycle(request, convention: str, code: str):
    cycle = Cycle.objects.select_related("convention").filter(convention_id=convention.upper(), code=code).first()
    if cycle is None:
        raise Http404(_("The convention %(convention)s has no reporting cycle %(cycle)s.")
                      % {"convention": convention, "cycle": code})
    rows = selectors.cycle_status(cycle)
    fmt = request.GET.get("format")
    if fmt in EXPORTS:
        return table_response(fmt, f"{cycle.convention_id}-{cycle.code}-status",
                              ["country", "country_name", "status", "submitted", "published", "report"],
                              [[r["country"].pk, r["country"].name, r["state"],
                                r["report"].submitted_at.date().isoformat() if r["report"].submitted_at else "",
                                r["report"].published_at.date().isoformat() if r["report"].published_at else "",
                                r["report"].number] for r in rows])
    css = {Report.State.PUBLISHED: "m-yes", Report.State.ACKNOWLEDGED: "m-partial", Report.State.SUBMITTED: "m-partial"}
    values = {r["country"].pk: MapValue(css[r["state"]], f"{r['country'].local_name()}: {r['report'].get_state_display()}")
              for r in rows}
    the_map = world_map(values, title=_("Who has reported: %(cycle)s") % {"cycle": cycle},
                        description=_("%(n)s countries have reported; the table below lists them.") % {"n": len(rows)},
                        legend=[("m-yes", _("Published")), ("m-partial", _("Received, not yet published")),
                                ("m-land", _("Not received"))])
    return render(request, "joint/cycle.html", {"cycle": cycle, "rows": rows, "map": the_map})


def question(request, pk: int):
    question = get_object_or_404(Question.objects.select_related("template__cycle__convention", "section"), pk=pk)
    country_code = (request.GET.get("country") or "").upper()[:2]
    one_country = Country.objects.filter(pk=country_code).first() if country_code else None
    if country_code and one_country is None:
        raise Http404(_("No country has the code %(code)s.") % {"code": country_code})
    rows = selectors.question_answers(question, country_id=one_country.pk if one_country else None)
    fmt = request.GET.get("format")
    if fmt in EXPORTS:
        return table_response(fmt, f"{question.template.cycle.convention_id}-{question.key}",
                              ["country", "country_name", "cycle", "report", "answer", "value"],
                              [[r["country"].pk, r["country"].name, r["cycle"].code, r["number_id"], r["text"],
                                r["number"] if r["number"] is not None else r["value"]] for r in rows])
    distribution = selectors.distribution(question, rows)
    the_map = None
    if not one_country and rows:
        the_map = _question_map(question, rows, distribution)
    top = max((n for _v, _l, n in distribution), default=0)
    return render(request, "joint/question.html", {
        "question": question, "rows": rows, "country": one_country, "distribution": distribution,
        "top": top, "map": the_map,
    })


def _question_map(question, rows, distribution):
    numbers = [r["number"] for r in rows if r["number"] is not None]
    if numbers:
        top = max(numbers)
        values = {r["country"].pk: MapValue(scale_class(r["number"] or 0, top), f"{r['name']}: {r['text']}")
                  for r in rows}
        legend = [(f"m-{i}", f"≤ {top * i / 5:g}") for i in range(1, 6)]
    elif distribution:
        classes = {v: c for (v, _l, _n), c in zip(distribution, ["m-5", "m-no", "m-partial", "m-2", "m-gap", "m-3"],
                                                  strict=False)}
        values = {}
        for r in rows:
            first = r["value"][0] if isinstance(r["value"], list) and r["value"] else r["value"]
            values[r["country"].pk] = MapValue(classes.get(str(first), "m-1"), f"{r['name']}: {r['text']}")
        legend = [(classes[v], label) for v, label, _n in distribution if v in classes]
    else:
        return None
    legend.append(("m-land", _("No published answer")))
    return world_map(values, title=question.text(), description=_(
        "The answers of %(n)s countries; the table below gives each answer.") % {"n": len(rows)}, legend=legend)


def report_document(request, number: str, fmt: str):
    """A published report as DOCX or PDF, in the reader's language where the template has it."""
    from django.http import HttpResponse

    from .documents import report_docx, report_pdf

    report = get_object_or_404(Report.objects.select_related("country", "cycle", "template"), number=number,
                               state=Report.State.PUBLISHED)
    if fmt == "docx":
        body, kind = report_docx(report), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        body, kind = report_pdf(report), "application/pdf"
    else:
        raise Http404(_("Reports are available as PDF and DOCX."))
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{report.number}.{fmt}"'
    return response


def compare(request):
    """Two countries side by side in one cycle, or one country's two cycles (what changed)."""
    cycles = list(Cycle.objects.select_related("convention").order_by("convention_id", "-opens_on"))
    countries = list(Country.objects.order_by("name"))
    params = {k: (request.GET.get(k) or "").strip()[:20] for k in ("cycle", "a", "b", "country", "cycle_a", "cycle_b")}
    result = None
    try:
        if params["cycle"] and params["a"] and params["b"]:
            result = selectors.compare_countries(int(params["cycle"]), params["a"].upper(), params["b"].upper())
        elif params["country"] and params["cycle_a"] and params["cycle_b"]:
            result = selectors.compare_cycles(params["country"].upper(), int(params["cycle_a"]),
                                              int(params["cycle_b"]))
    except (ValueError, LookupError):
        raise Http404(_("Choose a cycle and two countries, or a country and two cycles, from the lists.")) from None
    fmt = request.GET.get("format")
    if result and fmt in EXPORTS:
        return table_response(fmt, "comparison", ["question", "key", result["a_label"], result["b_label"], "changed"],
                              [[r["question"], r["key"], r["a"], r["b"], r["changed"]] for r in result["rows"]])
    return render(request, "joint/compare.html", {"cycles": cycles, "countries": countries, "params": params,
                                                  "result": result})
