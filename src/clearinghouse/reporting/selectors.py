"""Reads of national reporting: template specs, a report's state (visible questions, issues), offers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from . import expressions
from . import values as V
from .models import (
    Answer,
    Choice,
    ChoiceList,
    Cycle,
    Mapping,
    Question,
    Report,
    Template,
    pick_label,
)

# --- templates -------------------------------------------------------------------------------------------


def template_spec(template: Template) -> dict:
    """The template as a spec (``xlsform`` module): the JSON export and the XLSForm export's source."""
    lists = {cl.pk: cl for cl in template.choice_lists.prefetch_related("choices")}
    sections = []
    questions = list(template.questions.all())
    for s in template.sections.all():
        sections.append({
            "key": s.key, "label": s.label, "hint": s.hint, "relevant": s.relevant, "extra": s.extra,
            "questions": [{
                "key": q.key, "type": q.qtype, "label": q.label, "hint": q.hint, "required": q.required,
                "required_message": q.required_message, "relevant": q.relevant, "constraint": q.constraint,
                "constraint_message": q.constraint_message,
                "list": lists[q.choice_list_id].name if q.choice_list_id else "", "unit": q.unit,
                "indicator": q.indicator, "columns": q.columns, "calculation": q.calculation,
                "appearance": q.appearance, "extra": q.extra,
            } for q in questions if q.section_id == s.pk],
        })
    settings = template.settings or {}
    return {
        "format": 1, "form_id": template.form_id, "title": template.title.get(template.default_language, ""),
        "default_language": template.default_language, "languages": template.languages,
        "convention": settings.get("convention") or "", "cycle": settings.get("cycle") or "",
        "settings": settings.get("settings") or {},
        "sections": sections,
        "choices": {cl.name: [{"value": c.value, "label": c.label, "extra": c.extra} for c in cl.choices.all()]
                    for cl in sorted(lists.values(), key=lambda cl: cl.pk)},
    }


def current_templates():
    return (Template.objects.filter(state=Template.State.ACTIVE)
            .select_related("cycle", "cycle__convention").order_by("cycle__convention_id", "cycle__code"))


def cycles_open():
    return Cycle.objects.filter(templates__state=Template.State.ACTIVE).distinct().select_related("convention")


# --- a report's questions and answers ----------------------------------------------------------------------


class ReportView:
    """Everything a report page needs, loaded in a fixed number of queries."""

    def __init__(self, report: Report):
        self.report = report
        template = report.template
        self.sections = list(template.sections.all())
        self.questions = list(template.questions.all())
        by_id = {s.pk: s for s in self.sections}
        for q in self.questions:  # q.section without a query each (issue lists, links)
            q.section = by_id[q.section_id]
        self.by_key = {q.key: q for q in self.questions}
        self.choice_lists = {cl.pk: cl for cl in ChoiceList.objects.filter(template=template).prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position")))}
        self.choice_values: dict = {}
        self.choice_labels: dict = {}
        for cl in self.choice_lists.values():
            items = list(cl.choices.all())
            self.choice_values[cl.pk] = [c.value for c in items]
            self.choice_values[("name", template.pk, cl.name)] = [c.value for c in items]
            self.choice_labels[cl.pk] = {c.value: c.text() for c in items}
        self.answers = {a.question_id: a for a in report.answers.select_related("updated_by")}
        self._visible: dict[str, bool] = {}

    def field(self, question, column=None) -> V.Field:
        return V.field_of(question, column, self.choice_values)

    def value(self, key: str):
        q = self.by_key.get(key)
        if q is None:
            return None
        a = self.answers.get(q.pk)
        return V.for_expression(q.qtype, a.value if a else None)

    def _lookup(self, key: str):
        v = self.value(key)
        if isinstance(v, str | int):
            return v
        return v

    def section_visible(self, section) -> bool:
        if not section.relevant:
            return True
        try:
            return expressions.truthy(expressions.evaluate(section.relevant, self._lookup))
        except (expressions.ExpressionError, ArithmeticError):
            return True

    def visible(self, question) -> bool:
        key = question.key
        if key not in self._visible:
            self._visible[key] = True  # guards against a cycle that slipped through
            shown = self.section_visible(next(s for s in self.sections if s.pk == question.section_id))
            if shown and question.relevant:
                try:
                    refs = expressions.references(question.relevant)
                    shown = all(self.visible(self.by_key[r]) for r in refs if r in self.by_key) and \
                        expressions.truthy(expressions.evaluate(question.relevant, self._lookup))
                except (expressions.ExpressionError, ArithmeticError):
                    shown = True
            self._visible[key] = shown
        return self._visible[key]


@dataclass
class Issue:
    question: Question
    message: str
    row: int | None = None
    column: str = ""


def _rule_ok(expr: str, lookup, self_value) -> bool:
    try:
        return expressions.truthy(expressions.evaluate(expr, lookup, self_value))
    except (expressions.ExpressionError, ArithmeticError):
        return True


def report_issues(report: Report, view: ReportView | None = None) -> list[Issue]:
    """What is missing or wrong, in question order (only questions that are shown)."""
    view = view or ReportView(report)
    issues: list[Issue] = []
    for q in view.questions:
        if not q.takes_answer or not view.visible(q):
            continue
        answer = view.answers.get(q.pk)
        value = answer.value if answer else None
        if V.is_empty(value):
            if q.required:
                issues.append(Issue(q, pick_label(q.required_message) or _("An answer is required.")))
            continue
        if q.qtype == "table":
            rows = value if isinstance(value, list) else []
            for i, row in enumerate(rows):
                for col in q.columns:
                    cell = row.get(col["key"])
                    if V.is_empty(cell):
                        if col.get("required"):
                            issues.append(Issue(q, _("Row %(row)s, %(col)s: an answer is required.") % {
                                "row": i + 1, "col": pick_label(col.get("label"), None, col["key"])}, i + 1,
                                col["key"]))
                        continue
                    if col.get("constraint") and not _rule_ok(
                            col["constraint"], lambda k, row=row: row.get(k, view.value(k)), cell):
                        issues.append(Issue(q, _("Row %(row)s, %(col)s: %(msg)s") % {
                            "row": i + 1, "col": pick_label(col.get("label"), None, col["key"]),
                            "msg": pick_label(col.get("constraint_message")) or _("does not meet the rule %(r)s") % {
                                "r": col["constraint"]}}, i + 1, col["key"]))
            column_keys = {c["key"] for c in q.columns}

            def table_lookup(k, rows=rows, column_keys=column_keys):
                if k in column_keys:
                    return [r.get(k) for r in rows]
                return view.value(k)
            if q.constraint and not _rule_ok(q.constraint, table_lookup, None):
                issues.append(Issue(q, pick_label(q.constraint_message) or _("The table does not meet the rule "
                                                                             "%(r)s.") % {"r": q.constraint}))
            continue
        if q.constraint and not _rule_ok(q.constraint, view._lookup, V.for_expression(q.qtype, value)):
            issues.append(Issue(q, pick_label(q.constraint_message) or _("The answer does not meet the rule %(r)s.")
                                % {"r": q.constraint}))
    return issues


# --- offers ------------------------------------------------------------------------------------------------


@dataclass
class Offer:
    answer: Answer
    kind: str  # "previous" (previous cycle, same key) or "mapped"
    value: object
    text: str
    relation: str = ""
    note: str = ""
    source_question: Question | None = None
    extra: dict = field(default_factory=dict)

    @property
    def relation_label(self) -> str:
        return str(Mapping.Relation(self.relation).label) if self.relation in Mapping.Relation.values else ""


def _latest_reports(country_id: str, cycle_ids) -> dict[int, Report]:
    latest: dict[int, Report] = {}
    for r in Report.objects.filter(country_id=country_id, cycle_id__in=cycle_ids).select_related(
            "cycle").order_by("cycle_id", "-revision"):
        latest.setdefault(r.cycle_id, r)
    return latest


def offers_for_report(report: Report, *, questions=None, view: ReportView | None = None) -> dict[int, list[Offer]]:
    """For each question: answers of the same country offered beside it, from the previous cycle (same key) and
    from questions mapped to it (other conventions, other cycles), newest report revision only."""
    view = view or ReportView(report)
    questions = [q for q in (questions or view.questions) if q.takes_answer]
    by_key = {q.key: q for q in questions}
    wanted: dict[tuple[int, str], list[tuple[Question, str, str, str]]] = {}
    prev_id = report.cycle.previous_id
    if prev_id:
        for q in questions:
            wanted.setdefault((prev_id, q.key), []).append((q, "previous", "same", ""))
    mappings = Mapping.objects.filter(
        Q(target__template__cycle_id=report.cycle_id, target__key__in=by_key)
        | Q(source__template__cycle_id=report.cycle_id, source__key__in=by_key)
    ).select_related("source__template", "target__template")
    for m in mappings:
        if m.target.template.cycle_id == report.cycle_id and m.target.key in by_key and m.direction in ("both",
                                                                                                       "forward"):
            wanted.setdefault((m.source.template.cycle_id, m.source.key), []).append(
                (by_key[m.target.key], "mapped", m.relation, m.note))
        if m.source.template.cycle_id == report.cycle_id and m.source.key in by_key and m.direction in ("both",
                                                                                                       "backward"):
            inverse = {"broader": "narrower", "narrower": "broader"}.get(m.relation, m.relation)
            wanted.setdefault((m.target.template.cycle_id, m.target.key), []).append(
                (by_key[m.source.key], "mapped", inverse, m.note))
    if not wanted:
        return {}
    reports = _latest_reports(report.country_id, {c for c, _k in wanted})
    reports.pop(report.cycle_id, None)
    if not reports:
        return {}
    answers = (Answer.objects.filter(report__in=list(reports.values()),
                                     question__key__in={k for _c, k in wanted})
               .exclude(value=None)
               .select_related("question", "question__choice_list", "report", "report__cycle", "updated_by"))
    offers: dict[int, list[Offer]] = {}
    labels_cache: dict = {}
    for a in answers:
        targets = wanted.get((a.report.cycle_id, a.question.key), [])
        for q, kind, relation, note in targets:
            converted = V.convert(a.value, a.question.qtype, view.field(q))
            if converted is None:
                continue
            current = view.answers.get(q.pk)
            if current is not None and current.value == converted:
                continue
            if a.question.choice_list_id and a.question.choice_list_id not in labels_cache:
                labels_cache[a.question.choice_list_id] = {
                    c.value: c.text() for c in a.question.choice_list.choices.all()}
            offers.setdefault(q.pk, []).append(Offer(
                answer=a, kind=kind, value=converted, relation=relation, note=note, source_question=a.question,
                text=V.display(a.question, a.value, labels_cache)))
    return offers


def visible_reports(user):
    """Reports a user may see: published ones, and their countries' drafts (or all, for the secretariat)."""
    from clearinghouse.accounts.permissions import _roles, is_secretariat

    qs = Report.objects.select_related("country", "cycle", "convention")
    if is_secretariat(user):
        return qs
    cond = Q(state=Report.State.PUBLISHED)
    for role, country, convention in _roles(user):
        if role in ("focal_point", "authorised_user") and country:
            c = Q(country_id=country)
            if convention:
                c &= Q(convention_id=convention)
            cond |= c
    return qs.filter(cond)


def published_answers():
    return (Answer.objects.filter(report__state=Report.State.PUBLISHED).exclude(value=None)
            .select_related("report", "report__cycle", "question").order_by("report__number", "question__position"))
