"""Reads of the joint portal. Only what is published shows: a report's content once the secretariat has
published it; that a report was received (submitted or acknowledged) as a status, without content."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q

from clearinghouse.core.models import Convention, Country
from clearinghouse.reporting.models import Answer, Choice, Cycle, Question, Report
from clearinghouse.reporting.values import display

from .models import ReportDocument

RECEIVED = (Report.State.SUBMITTED, Report.State.ACKNOWLEDGED, Report.State.PUBLISHED)


def latest_reports(*, cycle_ids=None, country_id: str | None = None, published_only: bool = False) -> dict:
    """``{(country, cycle id): report}``: each country's latest received revision per cycle (drafts never)."""
    states = (Report.State.PUBLISHED,) if published_only else RECEIVED
    qs = Report.objects.filter(state__in=states)
    if cycle_ids is not None:
        qs = qs.filter(cycle_id__in=list(cycle_ids))
    if country_id:
        qs = qs.filter(country_id=country_id)
    latest: dict = {}
    for report in qs.select_related("cycle", "convention", "submitted_by").order_by("revision"):
        latest[(report.country_id, report.cycle_id)] = report
    return latest


@dataclass
class ConventionReports:
    convention: Convention
    online: list = field(default_factory=list)  # Report
    documents: list = field(default_factory=list)  # ReportDocument


def country_reports(country: Country) -> list[ConventionReports]:
    """Every convention's reports of one country: the online ones, then the uploaded documents."""
    groups: dict[str, ConventionReports] = {}
    reports = sorted(latest_reports(country_id=country.pk).values(),
                     key=lambda r: (r.convention_id, -(r.cycle.opens_on.toordinal() if r.cycle.opens_on else 0)))
    counts = dict(Answer.objects.filter(report__in=[r.pk for r in reports]).exclude(value=None)
                  .values_list("report_id").annotate(n=Count("id")))
    for report in reports:
        report.answer_count = counts.get(report.pk, 0)
        groups.setdefault(report.convention_id, ConventionReports(report.convention)).online.append(report)
    for doc in (ReportDocument.objects.filter(country=country).select_related("convention")
                .prefetch_related("files")):
        groups.setdefault(doc.convention_id, ConventionReports(doc.convention)).documents.append(doc)
    return [groups[k] for k in sorted(groups)]


def cycles_with_counts():
    """Every cycle, with how many countries have reported (received) and published."""
    return (Cycle.objects.select_related("convention")
            .annotate(received=Count("reports__country", filter=Q(reports__state__in=RECEIVED), distinct=True),
                      published=Count("reports__country", filter=Q(reports__state=Report.State.PUBLISHED),
                                      distinct=True),
                      last=Max("reports__submitted_at"))
            .order_by("convention_id", "-opens_on"))


def cycle_status(cycle: Cycle) -> list[dict]:
    """One row per country that has reported in the cycle, with its report's status."""
    latest = latest_reports(cycle_ids=[cycle.pk])
    countries = {c.pk: c for c in Country.objects.filter(pk__in=[k[0] for k in latest]).select_related("region")}
    rows = [{"country": countries[cc], "report": report, "state": report.state}
            for (cc, _cycle), report in latest.items()]
    return sorted(rows, key=lambda r: r["country"].name)


def choice_labels(questions) -> dict:
    list_ids = {q.choice_list_id for q in questions if q.choice_list_id}
    out: dict = defaultdict(dict)
    for choice in Choice.objects.filter(choice_list_id__in=list_ids):
        out[choice.choice_list_id][choice.value] = choice.text()
    return out


def question_answers(question: Question, *, country_id: str | None = None) -> list[dict]:
    """The answers to one question in published reports: one row per country (its latest published revision),
    or, for one country, one row per cycle of every template that has this question key.

    One query for the answers (values, no model per row) and one per vocabulary: the page across 196 countries
    is built from plain rows."""
    if country_id:
        questions = list(Question.objects.filter(template__cycle__convention=question.template.cycle.convention,
                                                 key=question.key).select_related("template__cycle"))
    else:
        questions = [question]
    by_pk = {q.pk: q for q in questions}
    qs = (Answer.objects.filter(question__in=list(by_pk), report__state=Report.State.PUBLISHED).exclude(value=None)
          .values_list("question_id", "value", "report__country_id", "report__cycle_id", "report__revision",
                       "report__number", "report__template__default_language"))
    if country_id:
        qs = qs.filter(report__country_id=country_id)
    latest: dict = {}
    for row in qs:
        key = (row[2], row[3])
        if key not in latest or row[4] > latest[key][4]:
            latest[key] = row
    labels = choice_labels(questions)
    cycles = {c.pk: c for c in Cycle.objects.filter(pk__in={k[1] for k in latest})}
    names = {c.pk: c for c in Country.objects.all()} if latest else {}  # ~250 rows: cheaper than IN (...)
    rows = []
    for (cc, cycle_id), (qid, value, _c, _cy, _rev, number, lang) in latest.items():
        q = by_pk[qid]
        country = names[cc]
        rows.append({"country": country, "name": country.local_name(), "cycle": cycles[cycle_id],
                     "number_id": number, "value": value, "text": display(q, value, labels),
                     "number": _number(q.qtype, value), "language": lang})
    rows.sort(key=lambda r: (r["name"], r["cycle"].opens_on or r["cycle"].created_at.date()))
    return rows


def _number(qtype: str, value):
    try:
        if qtype in ("integer", "decimal"):
            return float(value)
        if qtype == "indicator" and isinstance(value, dict):
            return float(value.get("value"))
    except (TypeError, ValueError):
        return None
    return None


def distribution(question: Question, rows: list[dict]) -> list[tuple[str, str, int]]:
    """For choice and yes/no questions: ``(value, label, countries)`` for each choice, in the list's order."""
    if question.qtype not in ("yes_no", "select_one", "select_multiple"):
        return []
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        values = row["value"] if isinstance(row["value"], list) else [row["value"]]
        for v in values:
            counts[str(v)] += 1
    labels = choice_labels([question]).get(question.choice_list_id, {})
    order = list(labels) or sorted(counts)
    if question.qtype == "yes_no" and not labels:
        order = ["yes", "no"]
    return [(v, display(question, [v] if question.qtype == "select_multiple" else v, {question.choice_list_id:
                                                                                       labels}), counts.get(v, 0))
            for v in order]


def _answers_by_key(report: Report | None) -> dict[str, str]:
    if report is None:
        return {}
    questions = list(report.template.questions.all())
    labels = choice_labels(questions)
    by_pk = {q.pk: q for q in questions}
    return {by_pk[a.question_id].key: display(by_pk[a.question_id], a.value, labels)
            for a in Answer.objects.filter(report=report, question__in=questions).exclude(value=None)}


def _rows(questions, left: dict, right: dict) -> list[dict]:
    rows = []
    for q in questions:
        if not q.takes_answer:
            continue
        a, b = left.get(q.key, ""), right.get(q.key, "")
        if a or b:
            rows.append({"question": q.text(), "key": q.key, "a": a, "b": b, "changed": a != b})
    return rows


def compare_countries(cycle_id: int, a: str, b: str) -> dict:
    """The published answers of two countries in one cycle, question by question."""
    cycle = Cycle.objects.select_related("convention").get(pk=cycle_id)
    ca, cb = Country.objects.get(pk=a), Country.objects.get(pk=b)
    latest = latest_reports(cycle_ids=[cycle_id], published_only=True)
    ra, rb = latest.get((a, cycle_id)), latest.get((b, cycle_id))
    template = (ra or rb).template if (ra or rb) else cycle.templates.order_by("-version").first()
    questions = list(template.questions.order_by("position")) if template else []
    return {"mode": "countries", "cycle": cycle, "a_label": ca.local_name(), "b_label": cb.local_name(),
            "a_report": ra, "b_report": rb, "rows": _rows(questions, _answers_by_key(ra), _answers_by_key(rb))}


def compare_cycles(country: str, cycle_a: int, cycle_b: int) -> dict:
    """One country's published answers in two cycles, matched by question key (what changed)."""
    the_country = Country.objects.get(pk=country)
    ca, cb = Cycle.objects.get(pk=cycle_a), Cycle.objects.get(pk=cycle_b)
    latest = latest_reports(cycle_ids=[cycle_a, cycle_b], country_id=country, published_only=True)
    ra, rb = latest.get((country, cycle_a)), latest.get((country, cycle_b))
    questions = list(rb.template.questions.order_by("position")) if rb else (
        list(ra.template.questions.order_by("position")) if ra else [])
    return {"mode": "cycles", "country": the_country, "a_label": ca.title, "b_label": cb.title, "a_report": ra,
            "b_report": rb, "rows": _rows(questions, _answers_by_key(ra), _answers_by_key(rb))}
