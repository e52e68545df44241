"""Writes of national reporting. Every entry point (pages, API, spreadsheet uploads, demo, tests) calls these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clearinghouse.core.errors import Conflict
from clearinghouse.core.text import clean_text

from . import permissions as perms
from . import values as V
from . import xlsform
from .models import (
    COMPATIBLE_TYPES,
    Answer,
    AnswerRevision,
    Choice,
    ChoiceList,
    Comment,
    Cycle,
    IndicatorValue,
    Mapping,
    NationalTarget,
    Question,
    Report,
    ReportEvent,
    Section,
    SectionAssignment,
    TargetAlignment,
    Template,
)

# --- templates -----------------------------------------------------------------------------------------


def cycle_create(*, actor, convention, code: str, title: str, previous: Cycle | None = None, opens_on=None,
                 due_on=None) -> Cycle:
    if actor is not None and not perms.can_manage_templates(actor):
        raise PermissionDenied
    cycle, _created = Cycle.objects.get_or_create(
        convention=convention, code=code,
        defaults={"title": title, "previous": previous, "opens_on": opens_on, "due_on": due_on})
    return cycle


@transaction.atomic
def template_import(*, actor, cycle: Cycle, spec: dict, source_name: str = "") -> Template:
    """A new version of ``cycle``'s template from a checked spec (``xlsform.spec_from_xlsform`` /
    ``spec_from_json``). The previous versions stay (reports keep theirs)."""
    if actor is not None and not perms.can_manage_templates(actor):
        raise PermissionDenied
    problems = xlsform.check_spec(spec)
    if problems:
        raise ValidationError({"file": [str(p) for p in problems]})
    version = (cycle.templates.aggregate(m=Max("version"))["m"] or 0) + 1
    template = Template.objects.create(
        cycle=cycle, version=version, form_id=spec["form_id"],
        title={spec["default_language"]: spec.get("title", "")} if spec.get("title") else {},
        default_language=spec["default_language"], languages=spec["languages"],
        settings={k: spec.get(k) for k in ("convention", "cycle", "settings")},
        source_name=source_name[:255], created_by=actor)
    lists: dict[str, ChoiceList] = {}
    choices = []
    for name, items in (spec.get("choices") or {}).items():
        lists[name] = ChoiceList.objects.create(template=template, name=name)
        choices.extend(Choice(choice_list=lists[name], value=c["value"], position=i, label=c.get("label") or {},
                              extra=c.get("extra") or {}) for i, c in enumerate(items))
    Choice.objects.bulk_create(choices)
    questions = []
    position = 0
    for s_pos, s in enumerate(spec["sections"]):
        section = Section.objects.create(template=template, key=s["key"], position=s_pos, label=s.get("label") or {},
                                         hint=s.get("hint") or {}, relevant=s.get("relevant") or "",
                                         extra=s.get("extra") or {})
        for q in s["questions"]:
            position += 1
            questions.append(Question(
                template=template, section=section, key=q["key"], position=position, qtype=q["type"],
                label=q.get("label") or {}, hint=q.get("hint") or {}, required=bool(q.get("required")),
                required_message=q.get("required_message") or {}, relevant=q.get("relevant") or "",
                constraint=q.get("constraint") or "", constraint_message=q.get("constraint_message") or {},
                choice_list=lists.get(q.get("list")) if q.get("list") else None, unit=q.get("unit") or "",
                indicator=q.get("indicator") or "", columns=q.get("columns") or [],
                calculation=q.get("calculation") or "", appearance=q.get("appearance") or "",
                extra=q.get("extra") or {}))
    Question.objects.bulk_create(questions)
    cycle.templates.exclude(pk=template.pk).filter(state=Template.State.ACTIVE).update(state=Template.State.RETIRED)
    return template


def template_import_file(*, actor, cycle: Cycle, name: str, content: bytes) -> tuple[Template, list]:
    """From an uploaded .xlsx (XLSForm) or .json; ValidationError lists every problem with its place."""
    if actor is not None and not perms.can_manage_templates(actor):
        raise PermissionDenied
    if name.lower().endswith(".json"):
        result = xlsform.spec_from_json(content)
    else:
        result = xlsform.spec_from_xlsform(content)
    if not result.ok:
        raise ValidationError({"file": [str(p) for p in result.errors]})
    return template_import(actor=actor, cycle=cycle, spec=result.spec, source_name=name), result.notes


# --- mappings ------------------------------------------------------------------------------------------


def mapping_save(*, actor, source: Question, target: Question, relation: str = Mapping.Relation.SAME,
                   direction: str = Mapping.Direction.BOTH, note: str = "") -> Mapping:
    if actor is not None and not perms.can_manage_mappings(actor):
        raise PermissionDenied
    if source.pk == target.pk:
        raise ValidationError({"target": [_("A question cannot be mapped to itself.")]})
    if relation not in Mapping.Relation.values:
        raise ValidationError({"relation": [_("Choose same, broader, narrower or related.")]})
    if direction not in Mapping.Direction.values:
        raise ValidationError({"direction": [_("Choose a direction.")]})
    if not source.takes_answer or not target.takes_answer or target.qtype not in COMPATIBLE_TYPES.get(
            source.qtype, ()):
        raise ValidationError({"target": [_(
            "'%(a)s' (%(at)s) and '%(b)s' (%(bt)s) take answers of types that do not fit each other.") % {
            "a": source.key, "at": source.get_qtype_display(), "b": target.key, "bt": target.get_qtype_display()}]})
    mapping, created = Mapping.objects.get_or_create(
        source=source, target=target,
        defaults={"relation": relation, "direction": direction, "note": clean_text(note), "created_by": actor})
    if not created:
        mapping.relation, mapping.direction, mapping.note = relation, direction, clean_text(note)
        mapping.save(update_fields=["relation", "direction", "note", "updated_at"])
    return mapping


def mapping_delete(*, actor, mapping: Mapping) -> None:
    if not perms.can_manage_mappings(actor):
        raise PermissionDenied
    mapping.delete()


MAPPING_COLUMNS = ["source_convention", "source_cycle", "source_question", "target_convention", "target_cycle",
                   "target_question", "relation", "direction", "note"]


def _current_question(convention: str, cycle_code: str, key: str) -> Question | None:
    return (Question.objects.filter(template__cycle__convention_id=convention, template__cycle__code=cycle_code,
                                    key=key).order_by("-template__version").select_related("template").first())


@transaction.atomic
def mappings_import(*, actor, content: bytes) -> int:
    """Mappings from a sheet (first sheet, columns :data:`MAPPING_COLUMNS`); all or nothing, every bad row named."""
    import io

    import openpyxl

    if not perms.can_manage_mappings(actor):
        raise PermissionDenied
    try:
        ws = openpyxl.load_workbook(io.BytesIO(content), data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001
        raise ValidationError({"file": [_("This is not an Excel (.xlsx) workbook that can be read.")]}) from None
    rows = list(ws.iter_rows(values_only=True))
    header = [str(c or "").strip().lower() for c in (rows[0] if rows else [])]
    missing = [c for c in MAPPING_COLUMNS[:6] if c not in header]
    if missing:
        raise ValidationError({"file": [_("Row 1 lacks the columns: %(c)s.") % {"c": ", ".join(missing)}]})
    idx = {c: header.index(c) for c in MAPPING_COLUMNS if c in header}
    errors, made = [], 0
    for number, row in enumerate(rows[1:], start=2):
        def cell(name, row=row):
            i = idx.get(name)
            return str(row[i]).strip() if i is not None and i < len(row) and row[i] is not None else ""
        if not any(cell(c) for c in MAPPING_COLUMNS):
            continue
        source = _current_question(cell("source_convention"), cell("source_cycle"), cell("source_question"))
        target = _current_question(cell("target_convention"), cell("target_cycle"), cell("target_question"))
        if source is None or target is None:
            errors.append(_("Row %(row)s: no question '%(key)s' in %(conv)s %(cycle)s.") % {
                "row": number, "key": cell("source_question" if source is None else "target_question"),
                "conv": cell("source_convention" if source is None else "target_convention"),
                "cycle": cell("source_cycle" if source is None else "target_cycle")})
            continue
        try:
            mapping_save(actor=actor, source=source, target=target, relation=cell("relation") or "same",
                           direction=cell("direction") or "both", note=cell("note"))
            made += 1
        except ValidationError as exc:
            errors.append(_("Row %(row)s: %(msg)s") % {"row": number, "msg": " ".join(exc.messages)})
    if errors:
        transaction.set_rollback(True)
        raise ValidationError({"file": errors})
    return made


# --- reports -------------------------------------------------------------------------------------------


def _event(report, actor, action, **detail) -> None:
    ReportEvent.objects.create(report=report, actor=actor, action=action, detail=detail)


def report_open(*, actor, country, cycle: Cycle) -> Report:
    """The country's report for the cycle (made on first opening, on the cycle's template in use)."""
    if not perms.can_open_report(actor, country.pk, cycle.convention_id):
        raise PermissionDenied
    existing = Report.objects.filter(country=country, cycle=cycle).order_by("-revision").first()
    if existing:
        return existing
    template = cycle.templates.filter(state=Template.State.ACTIVE).order_by("-version").first()
    if template is None:
        raise Conflict(_("This cycle has no template in use yet."))
    report = Report.objects.create(
        number=f"{cycle.convention_id}-{cycle.code}-{country.pk}-1".upper(), country=country,
        convention_id=cycle.convention_id, cycle=cycle, template=template, opened_by=actor)
    _event(report, actor, "opened")
    return report


def section_assign(*, actor, report: Report, section: Section, user) -> SectionAssignment:
    from clearinghouse.accounts.models import Role
    from clearinghouse.accounts.permissions import has_role

    if not perms.can_assign_sections(actor, report):
        raise PermissionDenied
    if section.template_id != report.template_id:
        raise ValidationError({"section": [_("This section is not in the report's template.")]})
    if not (has_role(user, Role.AUTHORISED_USER, country=report.country_id, convention=report.convention_id)
            or has_role(user, Role.FOCAL_POINT, country=report.country_id, convention=report.convention_id)):
        raise ValidationError({"user": [_("Only the country's authorised users can be given a section.")]})
    assignment, created = SectionAssignment.objects.get_or_create(
        report=report, section=section, user=user, defaults={"assigned_by": actor})
    if created:
        _event(report, actor, "assigned", section=section.key, user=user.pk)
    return assignment


def section_unassign(*, actor, assignment: SectionAssignment) -> None:
    if not perms.can_assign_sections(actor, assignment.report):
        raise PermissionDenied
    _event(assignment.report, actor, "unassigned", section=assignment.section.key, user=assignment.user_id)
    assignment.delete()


def _check_edit(actor, report: Report, question: Question) -> None:
    if report.is_locked:
        raise Conflict(_("This report is submitted and locked; a correction is made as a new revision."))
    if question.template_id != report.template_id:
        raise ValidationError({"question": [_("This question is not in the report's template.")]})
    if not perms.can_edit_section(actor, report, question.section):
        raise PermissionDenied


def answer_save(*, actor, report: Report, question: Question, value, via: str = AnswerRevision.Via.WEB,
                source_answer: Answer | None = None, cleaned: bool = False, keep_source: bool = False) -> Answer:
    """Store an answer (cleaned by its type) and a revision of it. Unchanged values write nothing."""
    _check_edit(actor, report, question)
    if not question.takes_answer:
        raise ValidationError({question.key: [_("This item takes no answer.")]})
    if not cleaned:
        if question.qtype == "table":
            rows = value if isinstance(value, list) else []
            value, errors = V.clean_table(question, rows)
            if errors:
                raise ValidationError({question.key: [f"{_('row')} {i + 1}, {col}: {msg}"
                                                      for (i, col), msg in errors.items()]})
        else:
            try:
                value = V.clean(V.field_of(question), value)
            except ValidationError as exc:
                raise ValidationError({question.key: exc.messages}) from None
    now = timezone.now()
    with transaction.atomic():
        answer = Answer.objects.select_for_update().filter(report=report, question=question).first()
        if answer is None:
            if value is None and source_answer is None:  # an empty field never answered: nothing to keep
                return Answer(report=report, question=question, value=None)
            answer = Answer(report=report, question=question)
        source = answer.source if keep_source else {}
        source_id = answer.source_answer_id if keep_source else None
        if source_answer is not None:
            source = provenance(source_answer)
            source_id = source_answer.pk
        if answer.value == value and answer.source_answer_id == source_id and answer.revision_count:
            return answer
        answer.value = value
        answer.source_answer_id = source_id
        answer.source = source
        answer.updated_by = actor
        answer.updated_at = now
        answer.revision_count += 1
        answer.save()
        AnswerRevision.objects.create(answer=answer, number=answer.revision_count, value=value,
                                      source_answer_id=source_id, author=actor, via=via)
    return answer


def provenance(answer: Answer) -> dict:
    """What an accepted answer remembers of where it came from."""
    report = answer.report
    who = answer.updated_by
    return {
        "report": report.number, "convention": report.convention_id, "cycle": report.cycle.title,
        "question": answer.question.key, "question_label": answer.question.text(),
        "by": (who.get_full_name() or who.email) if who else "", "at": answer.updated_at.isoformat()
        if answer.updated_at else "",
    }


def offer_accept(*, actor, report: Report, question: Question, source_answer: Answer, value=None) -> Answer:
    """Take an offered answer (optionally edited: ``value``); the answer remembers its source."""
    from .selectors import offers_for_report

    offers = offers_for_report(report, questions=[question]).get(question.pk, [])
    offer = next((o for o in offers if o.answer.pk == source_answer.pk), None)
    if offer is None:
        raise ValidationError({question.key: [_("This answer is not offered for this question.")]})
    if value is None:
        return answer_save(actor=actor, report=report, question=question, value=offer.value, cleaned=True,
                           via=AnswerRevision.Via.OFFER, source_answer=source_answer)
    return answer_save(actor=actor, report=report, question=question, value=value, via=AnswerRevision.Via.OFFER,
                       source_answer=source_answer)


def comment_add(*, actor, report: Report, question: Question, body: str) -> Comment:
    if not perms.can_comment(actor, report):
        raise PermissionDenied
    body = clean_text(body)
    if not body:
        raise ValidationError({"body": [_("Write a comment.")]})
    if len(body) > 5000:
        raise ValidationError({"body": [_("A comment has at most 5,000 characters.")]})
    return Comment.objects.create(report=report, question=question, author=actor, body=body)


def report_submit(*, actor, report: Report) -> Report:
    from .selectors import report_issues

    if report.state != Report.State.DRAFT:
        raise Conflict(_("This report is already submitted."))
    if not perms.can_submit_report(actor, report):
        raise PermissionDenied
    issues = report_issues(report)
    if issues:
        raise ValidationError({"report": [f"{i.question.key}: {i.message}" for i in issues]})
    report.state = Report.State.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    report.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
    _event(report, actor, "submitted")
    return report


def report_acknowledge(*, actor, report: Report) -> Report:
    if report.state != Report.State.SUBMITTED:
        raise Conflict(_("Only a submitted report can be acknowledged."))
    if not perms.can_acknowledge_report(actor, report):
        raise PermissionDenied
    report.state = Report.State.ACKNOWLEDGED
    report.acknowledged_at, report.acknowledged_by = timezone.now(), actor
    report.save(update_fields=["state", "acknowledged_at", "acknowledged_by", "updated_at"])
    _event(report, actor, "acknowledged")
    return report


def report_publish(*, actor, report: Report) -> Report:
    if report.state not in (Report.State.SUBMITTED, Report.State.ACKNOWLEDGED):
        raise Conflict(_("Only a submitted report can be published."))
    if not perms.can_publish_report(actor, report):
        raise PermissionDenied
    report.state = Report.State.PUBLISHED
    report.published_at, report.published_by = timezone.now(), actor
    if not report.acknowledged_at:
        report.acknowledged_at, report.acknowledged_by = report.published_at, actor
    report.save(update_fields=["state", "published_at", "published_by", "acknowledged_at", "acknowledged_by",
                               "updated_at"])
    _event(report, actor, "published")
    return report


@transaction.atomic
def report_correct(*, actor, report: Report) -> Report:
    """A correction of a submitted report: a new draft revision holding the same answers (and sources)."""
    if not perms.can_correct_report(actor, report):
        raise PermissionDenied
    new = Report.objects.create(
        number=f"{report.convention_id}-{report.cycle.code}-{report.country_id}-{report.revision + 1}".upper(),
        country_id=report.country_id, convention_id=report.convention_id, cycle=report.cycle,
        template=report.template, revision=report.revision + 1, supersedes=report, opened_by=actor)
    for old in report.answers.exclude(value=None):
        answer = Answer.objects.create(report=new, question_id=old.question_id, value=old.value,
                                       source_answer_id=old.source_answer_id, source=old.source,
                                       updated_by=actor, updated_at=timezone.now(), revision_count=1)
        AnswerRevision.objects.create(answer=answer, number=1, value=old.value, source_answer_id=old.source_answer_id,
                                      author=actor, via=AnswerRevision.Via.COPY)
    for a in report.assignments.all():
        SectionAssignment.objects.create(report=new, section_id=a.section_id, user_id=a.user_id, assigned_by=actor)
    _event(new, actor, "correction", of=report.number)
    return new


# --- national targets, indicator values ---------------------------------------------------------------


def national_target_save(*, actor, country, code: str, title: str, description: str = "",
                         alignments: dict | None = None, language: str = "en") -> NationalTarget:
    """Create or update a national target and its GBF alignments ``{core.Target: degree}``."""
    if not perms.can_manage_country_data(actor, country.pk):
        raise PermissionDenied
    code, title = clean_text(code)[:30], clean_text(title)[:300]
    if not code or not title:
        raise ValidationError({"title" if code else "code": [_("This field is required.")]})
    target, _c = NationalTarget.objects.update_or_create(
        country=country, code=code, defaults={"title": title, "description": clean_text(description),
                                              "language": language, "created_by": actor})
    if alignments is not None:
        bad = [d for d in alignments.values() if d not in TargetAlignment.Degree.values]
        if bad:
            raise ValidationError({"alignments": [_("Unknown degree of alignment: %(d)s") % {"d": bad[0]}]})
        target.alignments.exclude(target__in=list(alignments)).delete()
        for gbf, degree in alignments.items():
            TargetAlignment.objects.update_or_create(national_target=target, target=gbf, defaults={"degree": degree})
    return target


def indicator_value_set(*, actor, country, indicator: str, year, value, unit: str = "", source: str = "",
                        method: str = "") -> IndicatorValue:
    if not perms.can_manage_country_data(actor, country.pk):
        raise PermissionDenied
    cleaned = V.clean(V.Field("indicator"), {"value": value, "year": year, "source": source, "method": method})
    indicator = clean_text(indicator)[:100]
    if not indicator or cleaned is None:
        raise ValidationError({"indicator": [_("Give the indicator and its value.")]})
    row, _c = IndicatorValue.objects.update_or_create(
        country=country, indicator=indicator, year=cleaned["year"],
        defaults={"value": cleaned["value"], "unit": clean_text(unit)[:40], "source": cleaned["source"],
                  "method": cleaned["method"], "entered_by": actor})
    return row
