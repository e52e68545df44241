"""What an issue-based module gathers, each part read through its own app's selectors (what the viewer may see)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from clearinghouse.decisions.models import Decision
from clearinghouse.knowledge import selectors as knowledge_selectors
from clearinghouse.knowledge.models import Record
from clearinghouse.matchmaking import selectors as market
from clearinghouse.matchmaking.models import Need, Offer
from clearinghouse.reporting.models import Answer, Mapping, Question, Report

from .models import Module

LIMIT = 10


def module_decisions(module: Module) -> list[Decision]:
    topics = list(module.topics.values_list("pk", flat=True))
    targets = list(module.targets.values_list("pk", flat=True))
    cond = Q(modules=module)
    if topics:
        cond |= Q(topics__in=topics)
    if targets:
        cond |= Q(targets__in=targets)
    conventions = list(module.conventions.values_list("pk", flat=True))
    qs = Decision.objects.filter(cond)
    if conventions:
        qs = qs.filter(Q(convention_id__in=conventions) | Q(convention__parent_id__in=conventions) | Q(modules=module))
    return list(qs.distinct().select_related("convention").order_by("convention_id", "-adopted_on"))


def module_questions(module: Module) -> list[Question]:
    """The chosen questions and every question mapped to one of them (both ways, one step), by convention."""
    chosen = set(module.questions.values_list("pk", flat=True))
    mapped = set()
    for source, target in Mapping.objects.filter(Q(source__in=chosen) | Q(target__in=chosen)).values_list(
            "source_id", "target_id"):
        mapped.update((source, target))
    return list(Question.objects.filter(pk__in=chosen | mapped)
                .select_related("template__cycle__convention", "section")
                .order_by("template__cycle__convention_id", "template__cycle__opens_on", "position"))


def _post_filter(module: Module) -> Q:
    targets = list(module.targets.values_list("pk", flat=True))
    ecosystems = list(module.ecosystems.values_list("pk", flat=True))
    cond = Q(pk__in=[])
    if targets:
        cond |= Q(targets__in=targets)
    if ecosystems:
        cond |= Q(ecosystems__in=ecosystems)
    return cond


def module_records(module: Module, user) -> list:
    topics = list(module.topics.values_list("pk", flat=True))
    ecosystems = list(module.ecosystems.values_list("pk", flat=True))
    targets = list(module.targets.values_list("pk", flat=True))
    cond = Q(pk__in=[])
    if topics:
        cond |= Q(topics__in=topics)
    if ecosystems:
        cond |= Q(ecosystems__in=ecosystems)
    if targets:
        cond |= Q(targets__in=targets)
    ids = knowledge_selectors.published(user).filter(cond).values("pk")
    return list(Record.objects.filter(pk__in=ids).select_related("country").order_by("-published_at", "-pk")[:LIMIT])


def module_posts(module: Module, user) -> dict[str, list]:
    cond = _post_filter(module)
    return {kind: list(market.visible(model, user).filter(cond).distinct().select_related("country")
                       .order_by("-created_at")[:LIMIT])
            for kind, model in (("needs", Need), ("offers", Offer))}


def module_activities(module: Module, user) -> list:
    """Partnership activities on the module's target elements that the viewer may see."""
    if not module.target_elements:
        return []
    from clearinghouse.partnerships import selectors as partnerships
    from clearinghouse.partnerships.models import Partnership

    out = []
    for partnership in Partnership.objects.filter(elements__code__in=module.target_elements).distinct():
        qs = partnerships.activities_visible(partnership, user).filter(
            elements__code__in=module.target_elements).distinct().select_related("partnership")
        out.extend(qs.order_by("-created_at")[:LIMIT])
    return out[:LIMIT]


def country_answers(questions: list[Question], country_id: str) -> list[dict]:
    """A country's answers to the module's questions from all its published reports, by convention."""
    from clearinghouse.joint.selectors import choice_labels, latest_reports
    from clearinghouse.reporting.values import display

    cycles = {q.template.cycle_id for q in questions}
    latest = latest_reports(cycle_ids=cycles, country_id=country_id, published_only=True)
    reports = {r.pk: r for r in latest.values()}
    labels = choice_labels(questions)
    rows = []
    for answer in (Answer.objects.filter(question__in=questions, report_id__in=list(reports)).exclude(value=None)
                   .select_related("question__template__cycle__convention")):
        rows.append({"question": answer.question, "report": reports[answer.report_id],
                     "text": display(answer.question, answer.value, labels)})
    grouped: dict[str, list] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r["report"].convention_id, r["question"].position)):
        grouped[row["report"].convention_id].append(row)
    return [{"convention": k, "rows": v} for k, v in grouped.items()]


def published_report_count(country_id: str) -> int:
    return Report.objects.filter(country_id=country_id, state=Report.State.PUBLISHED).count()
