"""Pages of national reporting: parse, check permission, call a service, render. No logic of their own."""

from __future__ import annotations

import json
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.models import Role, RoleAssignment, User
from clearinghouse.accounts.permissions import acting_countries, focal_point_countries, is_secretariat
from clearinghouse.core.errors import Conflict
from clearinghouse.core.exports import csv_writer
from clearinghouse.core.idempotency import created, idempotent
from clearinghouse.core.models import Country, Target

from . import offline, selectors, services, xlsform
from . import permissions as perms
from . import values as V
from .forms import EXTRA_ROWS, MappingForm, NationalTargetForm, field_name, raw_from_post
from .models import (
    AnswerRevision,
    Comment,
    Cycle,
    IndicatorValue,
    Mapping,
    NationalTarget,
    Question,
    Report,
    SectionAssignment,
    Template,
    pick_label,
)

MAX_UPLOAD = 10 * 1024 * 1024


def _report(request, number) -> Report:
    report = get_object_or_404(Report.objects.select_related("country", "cycle", "convention", "template"),
                               number=number)
    if not perms.can_view_report(request.user, report):
        raise Http404
    return report


def _upload(request, name="file") -> tuple[str, bytes] | None:
    f = request.FILES.get(name)
    if not f:
        return None
    if f.size > MAX_UPLOAD:
        raise ValidationError({name: [_("The file is larger than 10 MB.")]})
    return f.name, f.read()


# --- home ------------------------------------------------------------------------------------------------


def home(request):
    user = request.user
    mine = []
    can_open = []
    if user.is_authenticated:
        mine = list(selectors.visible_reports(user).exclude(state=Report.State.PUBLISHED).order_by(
            "convention_id", "-created_at")[:50]) if not is_secretariat(user) else []
        for cycle in selectors.cycles_open():
            for cc in sorted(focal_point_countries(user)):
                if perms.can_open_report(user, cc, cycle.convention_id):
                    existing = Report.objects.filter(country_id=cc, cycle=cycle).order_by("-revision").first()
                    can_open.append((cycle, cc, existing))
    queue = []
    if is_secretariat(user):
        queue = list(Report.objects.filter(state__in=[Report.State.SUBMITTED, Report.State.ACKNOWLEDGED])
                     .select_related("country", "cycle")[:100])
    published = Paginator(Report.objects.filter(state=Report.State.PUBLISHED).select_related("country", "cycle")
                          .order_by("-published_at"), 25).get_page(request.GET.get("page"))
    return render(request, "reporting/home.html", {
        "mine": mine, "can_open": can_open, "queue": queue, "published": published,
        "templates": selectors.current_templates(), "is_secretariat": is_secretariat(user),
        "country_data": sorted(acting_countries(user)) if user.is_authenticated else [],
    })


@login_required
@require_POST
@idempotent("reporting.report_open")
def report_open(request):
    cycle = get_object_or_404(Cycle, pk=request.POST.get("cycle"))
    country = get_object_or_404(Country, pk=request.POST.get("country", ""))
    try:
        report = services.report_open(actor=request.user, country=country, cycle=cycle)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect("reporting:home")
    url = reverse("reporting:report", args=[report.number])
    created(request, report, url=url)
    return redirect(url)


# --- a report --------------------------------------------------------------------------------------------


def report_detail(request, number):
    report = _report(request, number)
    view = selectors.ReportView(report)
    user = request.user
    assignments = list(report.assignments.select_related("user", "section"))
    progress = []
    for s in view.sections:
        qs = [q for q in view.questions if q.section_id == s.pk and q.takes_answer and view.visible(q)]
        done = sum(1 for q in qs if q.pk in view.answers and not V.is_empty(view.answers[q.pk].value))
        progress.append({"section": s, "done": done, "total": len(qs),
                         "people": [a for a in assignments if a.section_id == s.pk],
                         "can_edit": perms.can_edit_section(user, report, s) if user.is_authenticated else False})
    issues = selectors.report_issues(report, view) if report.state == Report.State.DRAFT and (
        perms.is_country_member(user, report.country_id, report.convention_id)) else []
    team = []
    if perms.can_assign_sections(user, report):
        ids = RoleAssignment.objects.active().filter(
            country_id=report.country_id, role__in=[Role.AUTHORISED_USER, Role.FOCAL_POINT]).filter(
            Q(convention__isnull=True) | Q(convention_id=report.convention_id)).values_list("user_id", flat=True)
        team = list(User.objects.filter(pk__in=ids, is_active=True).order_by("display_name"))
    ctx = {
        "report": report, "view": view, "progress": progress, "issues": issues, "team": team,
        "can_assign": perms.can_assign_sections(user, report), "can_submit": perms.can_submit_report(user, report),
        "can_acknowledge": perms.can_acknowledge_report(user, report),
        "can_publish": perms.can_publish_report(user, report), "can_correct": perms.can_correct_report(user, report),
        "is_member": perms.is_country_member(user, report.country_id, report.convention_id),
        "open_sections": perms.is_country_member(user, report.country_id, report.convention_id)
        or is_secretariat(user),
        "events": report.events.select_related("actor")[:30] if perms.can_view_history(user, report) else [],
        "can_upload": report.state == Report.State.DRAFT and perms.is_country_member(
            user, report.country_id, report.convention_id),
    }
    if report.state == Report.State.PUBLISHED:
        ctx["answers"] = _answer_rows(view)
    return render(request, "reporting/report.html", ctx)


def _answer_rows(view):
    rows = []
    for s in view.sections:
        items = []
        for q in view.questions:
            if q.section_id != s.pk or not q.takes_answer or not view.visible(q):
                continue
            a = view.answers.get(q.pk)
            items.append({"q": q, "text": V.display(q, a.value if a else None, view.choice_labels), "answer": a})
        rows.append((s, items))
    return rows


@login_required
@require_POST
def report_assign(request, number):
    report = _report(request, number)
    if not perms.can_assign_sections(request.user, report):
        raise PermissionDenied
    if request.POST.get("remove"):
        assignment = get_object_or_404(SectionAssignment, pk=request.POST["remove"], report=report)
        services.section_unassign(actor=request.user, assignment=assignment)
        messages.success(request, _("The section is no longer assigned to this person."))
    else:
        section = get_object_or_404(report.template.sections, pk=request.POST.get("section") or 0)
        person = get_object_or_404(User, pk=request.POST.get("user") or 0)
        try:
            services.section_assign(actor=request.user, report=report, section=section, user=person)
            messages.success(request, _("Section assigned."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("reporting:report", number)


@login_required
@require_POST
def report_action(request, number, action):
    report = _report(request, number)
    fn = {"submit": services.report_submit, "acknowledge": services.report_acknowledge,
          "publish": services.report_publish, "correct": services.report_correct}.get(action)
    if fn is None:
        raise Http404
    try:
        result = fn(actor=request.user, report=report)
    except ValidationError:
        messages.error(request, _("The report cannot be submitted yet: see what is missing or wrong below."))
        return redirect(reverse("reporting:report", args=[number]) + "#issues")
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect("reporting:report", number)
    done = {"submit": _("The report is submitted and locked."), "acknowledge": _("Receipt acknowledged."),
            "publish": _("The report is published."),
            "correct": _("A new revision is open for the correction; the submitted one stays as it was.")}[action]
    messages.success(request, done)
    return redirect("reporting:report", result.number)


# --- drafting a section -----------------------------------------------------------------------------------


QUESTIONS_PER_PAGE = 30  # a long section is drafted a page at a time (300 questions with offers: 1.3 MB in one)


def _section_page(request, questions) -> tuple[int, int]:
    """The page of the section asked for (``?page=``, or the one holding question ``?q=``), and how many."""
    pages = max(1, math.ceil(len(questions) / QUESTIONS_PER_PAGE))
    key = request.GET.get("q")
    index = next((i for i, q in enumerate(questions) if q.key == key), None) if key else None
    if index is not None:
        return index // QUESTIONS_PER_PAGE + 1, pages
    try:
        page = int(request.POST.get("page") or request.GET.get("page") or 1)
    except ValueError:
        page = 1
    return max(1, min(page, pages)), pages


def _items(request, report, view, section, questions, errors=None, posted=None):
    user = request.user
    can_edit = user.is_authenticated and perms.can_edit_section(user, report, section)
    offers = selectors.offers_for_report(report, questions=questions, view=view) if can_edit else {}
    comments: dict[int, list] = {}
    show_comments = user.is_authenticated and perms.can_comment(user, report)
    if show_comments:
        for c in Comment.objects.filter(report=report, question__in=questions).select_related("author"):
            comments.setdefault(c.question_id, []).append(c)
    items = []
    for q in questions:
        a = view.answers.get(q.pk)
        value = a.value if a else None
        item = {"q": q, "answer": a, "value": value, "name": field_name(q), "visible": view.visible(q),
                "offers": offers.get(q.pk, []), "comments": comments.get(q.pk, []),
                "errors": (errors or {}).get(q.key, []), "text": V.display(q, value, view.choice_labels),
                "label_lang": "en"}
        if posted is not None and q.key in (errors or {}):
            value = posted.get(q.key, value)
        if q.choice_list_id:
            selected = value if isinstance(value, list) else [value]
            item["choices"] = [(v, view.choice_labels[q.choice_list_id][v], v in selected)
                               for v in view.choice_values[q.choice_list_id]]
        if q.qtype == "indicator":
            item["parts"] = value if isinstance(value, dict) else {}
        if q.qtype == "table":
            rows = value if isinstance(value, list) else []
            cols = []
            for col in q.columns:
                choices = None
                if col.get("list"):
                    cl = next((cl for cl in view.choice_lists.values() if cl.name == col["list"]), None)
                    if cl:
                        choices = [(v, view.choice_labels[cl.pk][v]) for v in view.choice_values[cl.pk]]
                cols.append({"col": col, "label": pick_label(col.get("label"), None, col["key"]), "choices": choices})
            item["cols"] = cols
            item["rows"] = [[{"name": field_name(q, f"{i}__{c['col']['key']}"), "value": (row or {}).get(
                c["col"]["key"]), "col": c} for c in cols] for i, row in enumerate(list(rows) + [{}] * EXTRA_ROWS)]
            item["row_count"] = len(rows) + EXTRA_ROWS
        items.append(item)
    return items, can_edit, show_comments


def section_edit(request, number, section_key):
    report = _report(request, number)
    section = get_object_or_404(report.template.sections, key=section_key)
    if not (perms.is_country_member(request.user, report.country_id, report.convention_id)
            or is_secretariat(request.user)):
        raise Http404
    view = selectors.ReportView(report)
    in_section = [q for q in view.questions if q.section_id == section.pk]
    page, pages = _section_page(request, in_section)
    first = (page - 1) * QUESTIONS_PER_PAGE
    questions = in_section[first : first + QUESTIONS_PER_PAGE]
    errors: dict[str, list] = {}
    posted: dict = {}
    if request.method == "POST":
        if not perms.can_edit_section(request.user, report, section):
            raise PermissionDenied
        saved = 0
        # This page's questions only: the others are not in the form, and a box left unticked there
        # must not read as an answer cleared.
        for q in [q for q in questions if q.takes_answer]:
            raw = raw_from_post(q, request.POST, request.FILES)
            try:
                if q.qtype == "file":
                    if raw is None:
                        continue
                    raw = _store_file(report, raw)
                before = view.answers.get(q.pk)
                answer = services.answer_save(actor=request.user, report=report, question=q, value=raw,
                                              keep_source=True)
                if answer.pk and (before is None or before.revision_count != answer.revision_count):
                    saved += 1
            except ValidationError as exc:
                errors[q.key] = exc.messages
                posted[q.key] = raw
        if not errors:
            messages.success(request, _("Saved (%(n)s answers changed).") % {"n": saved})
            return redirect(request.path + (f"?page={page}" if pages > 1 else ""))
        view = selectors.ReportView(report)
        questions = [q for q in view.questions if q.section_id == section.pk][first : first + QUESTIONS_PER_PAGE]
    items, can_edit, show_comments = _items(request, report, view, section, questions, errors, posted)
    sections = view.sections
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    return render(request, "reporting/section.html", {
        "report": report, "section": section, "items": items, "can_edit": can_edit, "errors": errors,
        "show_comments": show_comments, "previous": sections[index - 1] if index else None,
        "next": sections[index + 1] if index + 1 < len(sections) else None,
        "history": perms.can_view_history(request.user, report),
        "page": page, "pages": range(1, pages + 1) if pages > 1 else None, "page_count": pages,
        "first_shown": first + 1, "last_shown": first + len(questions), "question_count": len(in_section),
    })


def _store_file(report, upload) -> dict:
    from django.core.files.storage import default_storage

    from clearinghouse.core.files import check_upload, private_name
    from clearinghouse.core.text import clean_filename

    if upload.size > MAX_UPLOAD:
        raise ValidationError(_("The file is larger than 10 MB."))
    check_upload(name=upload.name, content=upload, declared_type=getattr(upload, "content_type", ""))
    name = clean_filename(upload.name)
    path = default_storage.save(private_name(f"reporting/{report.pk}", name), upload)
    return {"name": name, "path": path, "size": upload.size}


@login_required
@require_POST
def autosave(request, number, section_key):
    """htmx: save one question when it changes; answers a small status line."""
    report = _report(request, number)
    section = get_object_or_404(report.template.sections, key=section_key)
    question = get_object_or_404(report.template.questions, key=request.POST.get("question", ""), section=section)
    if question.qtype == "file" or not question.takes_answer:
        return HttpResponse(status=204)
    try:
        services.answer_save(actor=request.user, report=report, question=question, keep_source=True,
                             value=raw_from_post(question, request.POST), via=AnswerRevision.Via.AUTOSAVE)
    except ValidationError as exc:
        return render(request, "reporting/_autosave.html", {"error": " ".join(exc.messages), "q": question})
    except (PermissionDenied, Conflict):
        return render(request, "reporting/_autosave.html", {"error": _("Not saved: you cannot edit this."),
                                                            "q": question})
    return render(request, "reporting/_autosave.html", {"saved": True, "q": question})


@login_required
@require_POST
def offer_accept(request, number):
    report = _report(request, number)
    question = get_object_or_404(report.template.questions, key=request.POST.get("question", ""))
    source = get_object_or_404(question.__class__._meta.get_field("answers").related_model,
                               pk=request.POST.get("answer") or 0)
    try:
        services.offer_accept(actor=request.user, report=report, question=question, source_answer=source)
        messages.success(request, _("The offered answer is taken; it remembers where it came from. Edit it if "
                                    "needed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Conflict as exc:
        messages.error(request, exc.message)
    return redirect(reverse("reporting:section", args=[number, question.section.key])
                    + f"?q={question.key}#q-{question.key}")


@login_required
@require_POST
@idempotent("reporting.comment_add")
def comment_add(request, number):
    report = _report(request, number)
    question = get_object_or_404(report.template.questions, key=request.POST.get("question", ""))
    url = reverse("reporting:section", args=[number, question.section.key]) + f"?q={question.key}#q-{question.key}"
    try:
        comment = services.comment_add(actor=request.user, report=report, question=question,
                                       body=request.POST.get("body", ""))
        created(request, comment, url=url)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(url)


def question_history(request, number, key):
    report = _report(request, number)
    if not perms.can_view_history(request.user, report):
        raise Http404
    question = get_object_or_404(report.template.questions, key=key)
    answer = report.answers.filter(question=question).first()
    revisions = list(answer.revisions.select_related("author", "source_answer__report")[:200]) if answer else []
    view = selectors.ReportView(report)
    for r in revisions:
        r.text = V.display(question, r.value, view.choice_labels)
    return render(request, "reporting/history.html", {
        "report": report, "question": question, "answer": answer, "revisions": revisions,
        "comments": Comment.objects.filter(report=report, question=question).select_related("author")})


def report_print(request, number):
    report = _report(request, number)
    view = selectors.ReportView(report)
    return render(request, "reporting/print.html", {"report": report, "rows": _answer_rows_all(view)})


def _answer_rows_all(view):
    rows = []
    for s in view.sections:
        items = []
        for q in view.questions:
            if q.section_id != s.pk:
                continue
            a = view.answers.get(q.pk)
            items.append({"q": q, "text": V.display(q, a.value if a else None, view.choice_labels),
                          "choices": [view.choice_labels[q.choice_list_id][v] for v in view.choice_values[
                              q.choice_list_id]] if q.choice_list_id else []})
        rows.append((s, items))
    return rows


# --- offline -----------------------------------------------------------------------------------------------


def report_xlsx(request, number):
    report = _report(request, number)
    if not (perms.is_country_member(request.user, report.country_id, report.convention_id)
            or is_secretariat(request.user) or report.state == Report.State.PUBLISHED):
        raise Http404
    response = HttpResponse(offline.questionnaire_xlsx(report),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{report.number}.xlsx"'
    return response


@login_required
def report_upload(request, number):
    report = _report(request, number)
    if request.method != "POST":
        return redirect("reporting:report", number)
    result = None
    error = ""
    try:
        upload = _upload(request)
        if upload is None:
            error = _("Choose the filled questionnaire (.xlsx).")
        else:
            result = offline.questionnaire_apply(actor=request.user, report=report, content=upload[1],
                                                 only_valid=bool(request.POST.get("only_valid")))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    except PermissionDenied:
        raise
    if result is not None and result.applied and not result.problems:
        messages.success(request, _("%(n)s answers taken from the spreadsheet.") % {"n": result.applied})
        return redirect("reporting:report", number)
    return render(request, "reporting/upload_result.html", {"report": report, "result": result, "error": error},
                  status=200 if result and result.ok else 422 if (result and result.problems) or error else 200)


# --- templates and mappings (secretariat) -----------------------------------------------------------------


@login_required
@idempotent("reporting.template_import")
def templates(request):
    if not perms.can_manage_templates(request.user):
        raise PermissionDenied
    errors, notes = [], []
    if request.method == "POST":
        cycle = get_object_or_404(Cycle, pk=request.POST.get("cycle") or 0)
        try:
            upload = _upload(request)
            if upload is None:
                errors = [_("Choose an XLSForm (.xlsx) or a template JSON file.")]
            else:
                template, notes = services.template_import_file(actor=request.user, cycle=cycle, name=upload[0],
                                                                content=upload[1])
                url = reverse("reporting:templates")
                created(request, template, url=url)
                messages.success(request, _("Version %(v)s of %(cycle)s imported.") % {"v": template.version,
                                                                                       "cycle": cycle})
                if not notes:
                    return redirect(url)
        except ValidationError as exc:
            errors = exc.messages
    rows = (Template.objects.select_related("cycle").annotate(n=Count("questions"))
            .order_by("cycle__convention_id", "cycle__code", "-version"))
    return render(request, "reporting/templates.html", {
        "rows": rows, "cycles": Cycle.objects.select_related("convention").order_by("convention_id", "code"),
        "errors": errors, "notes": notes}, status=422 if errors else 200)


def template_export(request, pk, fmt):
    template = get_object_or_404(Template, pk=pk)
    spec = selectors.template_spec(template)
    name = f"{template.form_id}-v{template.version}"
    if fmt == "json":
        response = HttpResponse(xlsform.spec_to_json(spec), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(xlsform.spec_to_xlsform(spec),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404


def _question_ref(text: str) -> Question | None:
    parts = text.split()
    if len(parts) != 3:
        return None
    return (Question.objects.filter(template__cycle__convention_id=parts[0].upper(), template__cycle__code=parts[1],
                                    key=parts[2]).order_by("-template__version").first())


@login_required
@idempotent("reporting.mapping_save")
def mappings(request):
    if not perms.can_manage_mappings(request.user):
        raise PermissionDenied
    form = MappingForm(request.POST or None) if request.POST.get("action") != "import" else MappingForm()
    errors = []
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            mapping = get_object_or_404(Mapping, pk=request.POST.get("mapping") or 0)
            services.mapping_delete(actor=request.user, mapping=mapping)
            messages.success(request, _("Mapping removed."))
            return redirect("reporting:mappings")
        if action == "import":
            try:
                upload = _upload(request)
                if upload is None:
                    errors = [_("Choose a sheet (.xlsx).")]
                else:
                    n = services.mappings_import(actor=request.user, content=upload[1])
                    created(request, url=reverse("reporting:mappings"))
                    messages.success(request, _("%(n)s mappings imported.") % {"n": n})
                    return redirect("reporting:mappings")
            except ValidationError as exc:
                errors = exc.messages
        elif form.is_valid():
            source = _question_ref(form.cleaned_data["source_ref"])
            target = _question_ref(form.cleaned_data["target_ref"])
            if source is None:
                form.add_error("source_ref", _("No such question (write: convention cycle key)."))
            if target is None:
                form.add_error("target_ref", _("No such question (write: convention cycle key)."))
            if source and target:
                try:
                    m = services.mapping_save(actor=request.user, source=source, target=target,
                                              relation=form.cleaned_data["relation"],
                                              direction=form.cleaned_data["direction"], note=form.cleaned_data["note"])
                    created(request, m, url=reverse("reporting:mappings"))
                    messages.success(request, _("Mapping saved."))
                    return redirect("reporting:mappings")
                except ValidationError as exc:
                    form.add_error("target_ref", " ".join(exc.messages))
    rows = Paginator(Mapping.objects.select_related("source__template__cycle", "target__template__cycle")
                     .order_by("source__template__cycle__convention_id", "source__key"), 50).get_page(
        request.GET.get("page"))
    return render(request, "reporting/mappings.html", {"form": form, "rows": rows, "errors": errors,
                                                       "columns": services.MAPPING_COLUMNS},
                  status=422 if errors or form.errors else 200)


# --- national targets and indicator values ---------------------------------------------------------------


def _country(request, code):
    country = get_object_or_404(Country, pk=code.upper())
    return country, perms.can_manage_country_data(request.user, country.pk)


def national_targets(request, code):
    country, can_manage = _country(request, code)
    gbf = list(Target.objects.filter(framework="GBF"))
    form = NationalTargetForm(request.POST or None, targets=gbf)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            chosen = [t for t in gbf if str(t.pk) in form.cleaned_data["gbf"]]
            services.national_target_save(actor=request.user, country=country, code=form.cleaned_data["code"],
                                          title=form.cleaned_data["title"],
                                          description=form.cleaned_data["description"],
                                          alignments={t: form.cleaned_data["degree"] for t in chosen})
            messages.success(request, _("National target saved."))
            return redirect("reporting:targets", country.pk)
    targets = NationalTarget.objects.filter(country=country).prefetch_related("alignments__target")
    return render(request, "reporting/targets.html", {"country": country, "targets": targets, "form": form,
                                                      "can_manage": can_manage})


def indicators(request, code):
    country, can_manage = _country(request, code)
    result, error = None, ""
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        try:
            upload = _upload(request)
            if upload is None:
                error = _("Choose the filled indicator sheet (.xlsx).")
            else:
                result = offline.indicators_apply(actor=request.user, country=country, content=upload[1],
                                                  only_valid=bool(request.POST.get("only_valid")))
                if result.ok:
                    messages.success(request, _("%(n)s indicator values saved.") % {"n": result.applied})
                    return redirect("reporting:indicators", country.pk)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    rows = IndicatorValue.objects.filter(country=country)
    return render(request, "reporting/indicators.html", {"country": country, "rows": rows, "can_manage": can_manage,
                                                         "result": result, "error": error},
                  status=422 if error or (result and not result.ok) else 200)


def indicators_xlsx(request, code):
    country, can_manage = _country(request, code)
    response = HttpResponse(offline.indicators_xlsx(country),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="indicators-{country.pk}.xlsx"'
    return response


# --- open data ---------------------------------------------------------------------------------------------

OPEN_COLUMNS = ["report", "country", "convention", "cycle", "revision", "published_at", "question", "type", "value"]


def _open_rows():
    for a in selectors.published_answers().iterator(chunk_size=500):
        r = a.report
        yield [r.number, r.country_id, r.convention_id, r.cycle.code, r.revision,
               r.published_at.isoformat() if r.published_at else "", a.question.key, a.question.qtype,
               a.value if not isinstance(a.value, dict | list) else json.dumps(a.value, ensure_ascii=False)]


class _Echo:
    def write(self, value):
        return value


def open_data(request, fmt):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if fmt == "csv":
        writer = csv_writer(_Echo())

        def lines():
            yield writer.writerow(OPEN_COLUMNS)
            for row in _open_rows():
                yield writer.writerow(row)
        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="published-answers.csv"'
        return response
    if fmt == "json":
        rows = [dict(zip(OPEN_COLUMNS, row, strict=True)) for row in _open_rows()]
        for row in rows:
            if isinstance(row["value"], str) and row["type"] in ("table", "indicator", "file", "select_multiple"):
                try:
                    row["value"] = json.loads(row["value"])
                except ValueError:
                    pass
        return HttpResponse(json.dumps({"answers": rows}, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    raise Http404
