"""Pages of official notifications, calls for submissions and submissions. Each view parses, checks permission
(``permissions.py``, again in the services), calls one service and renders."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.models import Organisation
from clearinghouse.core.errors import Conflict
from clearinghouse.core.files import serve_file
from clearinghouse.core.idempotency import created, idempotent
from clearinghouse.core.models import Country, Region

from . import permissions as perms
from . import selectors, services
from .forms import (
    ArchiveFilterForm,
    AttachmentForm,
    CallForm,
    FollowForm,
    LinkForm,
    NotificationForm,
    ReviewForm,
    SubmissionForm,
    TranslationForm,
    parse_questions,
)
from .models import Attachment, Call, Link, Notification, Submission, SubmissionFile


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _notification(request, pk: int) -> Notification:
    try:
        notification = selectors.notification_detail(pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if not perms.can_view_notification(request.user, notification):
        raise Http404
    return notification


def _call(request, pk: int) -> Call:
    call = get_object_or_404(Call.objects.select_related("notification__convention").prefetch_related("groups"),
                             pk=pk)
    if not perms.can_view_call(request.user, call):
        raise Http404
    return call


# --- archive, inbox, following ---------------------------------------------------------------


def index(request):
    years = selectors.archive_years()
    form = ArchiveFilterForm(request.GET or None, years=years)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"q": data.get("q") or "", "year": data.get("year"),
                   "convention": data["convention"].code if data.get("convention") else "",
                   "group": data["group"].code if data.get("group") else ""}
    page = Paginator(selectors.notifications_archive(user=request.user, **filters), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/index.html", {
        "form": form, "page": page, "filtered": any(filters.values()),
        "can_draft": perms.can_draft_notification(request.user),
    })


def staff(request):
    if not perms.can_draft_notification(request.user):
        raise PermissionDenied
    return render(request, "notifications/staff.html", {
        "notifications": selectors.notifications_for_staff()[:100],
        "calls": selectors.calls_for_staff()[:100],
    })


@login_required
def inbox(request):
    follow = selectors.follow_for(request.user)
    return render(request, "notifications/inbox.html", {
        **selectors.inbox(request.user), "follow": follow,
        "follow_form": FollowForm(initial={"email_all": follow.email_all if follow else False,
                                           "convention": follow.convention_id if follow else None}),
    })


@login_required
@require_POST
def follow(request):
    form = FollowForm(request.POST)
    if request.POST.get("reset_feed"):
        services.follow_feed_reset(actor=request.user)
        messages.success(request, _("Your private feed has a new address; the old one no longer works."))
    elif form.is_valid():
        services.follow_set(actor=request.user, email_all=form.cleaned_data["email_all"],
                            convention=form.cleaned_data["convention"])
        messages.success(request, _("Your choices are saved."))
    return redirect("notifications:inbox")


# --- notifications ----------------------------------------------------------------------------


@login_required
@idempotent("notifications.notification_create")
def notification_create(request):
    if not perms.can_draft_notification(request.user):
        raise PermissionDenied
    form = NotificationForm(request.POST or None, initial={"convention": "CBD", "language": "en"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            notification = services.notification_create(actor=request.user, **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            created(request, notification)
            messages.success(request, _("The draft is saved. Add translations, the signed PDF and what it is "
                                        "about, then send it for approval."))
            return redirect(notification)
    return render(request, "notifications/form.html", {"form": form, "title": _("New official notification")})


@login_required
def notification_edit(request, pk):
    notification = _notification(request, pk)
    if not perms.can_edit_notification(request.user, notification):
        raise PermissionDenied
    initial = {f: getattr(notification, f) for f in ("reference", "series", "date", "convention", "language",
                                                       "subject", "body", "addressees_text", "signatory_name",
                                                       "signatory_title")}
    initial["groups"] = list(notification.addressee_groups.all())
    form = NotificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        groups = data.pop("groups")
        try:
            services.notification_update(actor=request.user, notification=notification, groups=groups, **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(notification)
    return render(request, "notifications/form.html", {"form": form, "title": _("Edit the notification"),
                                                       "notification": notification})


def notification_detail(request, pk):
    notification = _notification(request, pk)
    user = request.user
    lang = request.GET.get("lang") or ""
    languages = [t["language"] for t in notification.translation_list()]
    shown = lang if lang in languages else notification.shown_language()
    is_staff = perms.can_view_deliveries(user, notification)
    return render(request, "notifications/detail.html", {
        "n": notification, "shown": shown, "subject": notification.tr("subject", shown),
        "body": notification.tr("body", shown), "official": notification.translation_is_official(shown),
        "translations": notification.translation_list(),
        "links": [_link_view(link) for link in notification.links.all()],
        "calls": list(notification.calls.all()),
        "counts": selectors.delivery_counts(notification) if is_staff and notification.is_published else None,
        "is_staff": is_staff,
        "can_edit": perms.can_edit_notification(user, notification),
        "can_request": perms.can_request_approval(user, notification),
        "can_approve": perms.can_approve_notification(user, notification),
        "can_publish": perms.can_publish_notification(user, notification),
        "can_add_call": perms.can_create_call(user, notification),
        "review_form": ReviewForm(), "translation_form": TranslationForm(), "attachment_form": AttachmentForm(),
        "link_form": LinkForm(),
    })


def _link_view(link: Link) -> dict:
    try:
        target = link.target
    except (ObjectDoesNotExist, LookupError, AttributeError):
        target = None
    url = getattr(target, "get_absolute_url", None)
    return {"link": link, "title": services._object_title(target) if target is not None else link.title,
            "url": url() if callable(url) else "", "kind": link.content_type.name}


@login_required
@require_POST
def notification_action(request, pk, action):
    notification = _notification(request, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
    actions = {
        "request": (lambda: services.notification_request_approval(actor=request.user, notification=notification),
                    _("Sent for approval: a second member of the secretariat approves it.")),
        "approve": (lambda: services.notification_approve(actor=request.user, notification=notification,
                                                          comment=comment),
                    _("Approved. It can now be published.")),
        "return": (lambda: services.notification_return(actor=request.user, notification=notification,
                                                        comment=comment),
                   _("Returned to its drafter with your comment.")),
        "publish": (lambda: services.notification_publish(actor=request.user, notification=notification),
                    _("Published. The mail to every addressee is on its way; the counts below follow it.")),
    }
    if action not in actions:
        raise Http404
    run, done = actions[action]
    try:
        run()
    except (ValidationError, Conflict, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, done)
    return redirect(notification)


def _error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, Conflict):
        return str(exc.message)
    return str(exc) or _("You cannot do this.")


@login_required
@require_POST
def translation_set(request, pk):
    notification = _notification(request, pk)
    form = TranslationForm(request.POST)
    if form.is_valid():
        try:
            services.notification_translation_set(actor=request.user, notification=notification,
                                                  **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The translation is saved."))
    else:
        messages.error(request, _("Choose the language of the translation."))
    return redirect(notification)


@login_required
@idempotent("notifications.attachment_add")
def attachment_upload(request, pk):
    notification = _notification(request, pk)
    if not perms.can_edit_notification(request.user, notification):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(actor=request.user, notification=notification, uploaded=form.cleaned_data["file"],
                                    signed=form.cleaned_data["signed"], language=form.cleaned_data["language"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            created(request, url=notification.get_absolute_url())
            messages.success(request, _("The file is attached."))
            return redirect(notification)
    return render(request, "notifications/attachment_form.html", {"form": form, "n": notification})


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    notification = _notification(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, notification=notification)
    try:
        services.attachment_remove(actor=request.user, attachment=attachment)
    except PermissionDenied as exc:
        messages.error(request, _error_text(exc))
    return redirect(notification)


def attachment_download(request, pk, attachment_pk):
    notification = _notification(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, notification=notification)
    return serve_file(attachment.file, name=attachment.name, content_type=attachment.content_type)


def _link_target(kind: str, identifier: str):
    try:
        model = apps.get_model(kind)
    except (LookupError, ValueError):
        return None
    identifier = identifier.strip().strip("/").rsplit("/", 1)[-1]
    fields = {f.name for f in model._meta.get_fields()}
    if "slug" in fields:
        found = model.objects.filter(slug=identifier).first()
        if found is not None:
            return found
    if identifier.isdigit():
        return model.objects.filter(pk=int(identifier)).first()
    return None


@login_required
@require_POST
def link_set(request, pk):
    notification = _notification(request, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        target = _link_target(form.cleaned_data["kind"], form.cleaned_data["identifier"])
        try:
            services.link_set(actor=request.user, notification=notification, obj=target)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Linked."))
    else:
        messages.error(request, _("Say what the notification is about and give its address or number."))
    return redirect(notification)


@login_required
@require_POST
def link_remove(request, pk, link_pk):
    notification = _notification(request, pk)
    link = get_object_or_404(Link, pk=link_pk, notification=notification)
    try:
        services.link_remove(actor=request.user, link=link)
    except PermissionDenied as exc:
        messages.error(request, _error_text(exc))
    return redirect(notification)


# --- calls ---------------------------------------------------------------------------------------


@login_required
@idempotent("notifications.call_create")
def call_create(request, pk):
    notification = _notification(request, pk)
    if not perms.can_create_call(request.user, notification):
        raise PermissionDenied
    form = CallForm(request.POST or None, initial={"groups": [g for g in notification.addressee_groups.all()
                                                              if g.submits_as != "none"]})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["questions"] = parse_questions(data.pop("questions"))
        try:
            call = services.call_create(actor=request.user, notification=notification, **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            created(request, call)
            messages.success(request, _("The call is open."))
            return redirect(call)
    return render(request, "notifications/call_form.html", {"form": form, "n": notification})


def call_detail(request, pk):
    call = _call(request, pk)
    user = request.user
    countries = sorted(perms.countries_user_prepares_for(user, call))
    organisations = [o for o in selectors.user_organisations(user) if perms.organisation_is_invited(call, o)]
    from django.db.models import Q

    mine = {(s.country_id or s.organisation_id): s for s in Submission.objects.filter(call=call).filter(
        Q(country_id__in=countries) | Q(organisation__in=organisations))}
    base = reverse("notifications:submission-edit", args=[call.pk])
    rows = []
    for label, key, query in ([(Country.objects.get(pk=cc).local_name(), cc, f"country={cc}") for cc in countries]
                              + [(str(o), o.pk, f"organisation={o.pk}") for o in organisations]):
        s = mine.get(key)
        done = s is not None and s.status == Submission.Status.SUBMITTED
        rows.append({"label": label, "submission": s, "url": s.get_absolute_url() if done else f"{base}?{query}",
                     "state": s.state if s else "not_started",
                     "state_label": dict(_state_labels())[s.state if s else "not_started"]})
    return render(request, "notifications/call.html", {
        "call": call, "n": call.notification, "mine": rows,
        "public": selectors.submissions_public(call),
        "can_track": perms.can_track_call(user, call), "can_close": perms.can_close_call(user, call),
        "past_deadline": call.is_past_deadline(),
    })


@login_required
@require_POST
def call_close(request, pk):
    call = _call(request, pk)
    try:
        if request.POST.get("reopen"):
            services.call_reopen(actor=request.user, call=call)
            messages.success(request, _("The call is open again."))
        else:
            services.call_close(actor=request.user, call=call)
            messages.success(request, _("The call is closed: submissions are refused from now on; drafts are "
                                        "kept."))
    except PermissionDenied as exc:
        messages.error(request, _error_text(exc))
    return redirect(call)


def tracker(request, pk):
    call = _call(request, pk)
    if not perms.can_track_call(request.user, call):
        raise PermissionDenied
    region = request.GET.get("region", "")
    state = request.GET.get("state", "")
    data = selectors.tracker(call, region=region, state=state)
    return render(request, "notifications/tracker.html", {
        "call": call, "n": call.notification, **data, "regions": Region.objects.all(), "region": region,
        "state": state, "states": _state_labels(), "reminders": call.reminders.all()[:5],
        "state_counts": [(label, data["counts"][code]) for code, label in _state_labels()],
    })


def _state_labels() -> list[tuple[str, str]]:
    return [("not_started", _("Not started")), ("draft", _("Draft")), ("submitted", _("Submitted")),
            ("late", _("Late"))]


@login_required
@require_POST
def reminders_send(request, pk):
    call = _call(request, pk)
    try:
        reminder = services.call_reminders_send(actor=request.user, call=call)
    except (Conflict, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Reminders sent to %(n)s people; %(s)s skipped (their address bounces).")
                         % {"n": reminder.recipients, "s": reminder.skipped_bouncing})
    return redirect("notifications:tracker", pk=call.pk)


def compilation(request, pk, fmt):
    from . import compilation as comp

    call = _call(request, pk)
    if not perms.can_download_compilation(request.user, call):
        raise PermissionDenied
    if fmt == "zip":
        response = HttpResponse(comp.compilation_zip(call), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="compilation-call-{call.pk}.zip"'
    elif fmt == "docx":
        response = HttpResponse(comp.index_docx(call), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        response["Content-Disposition"] = f'attachment; filename="compilation-call-{call.pk}.docx"'
    elif fmt == "html":
        return render(request, "notifications/compilation.html", {"call": call, "n": call.notification,
                                                                   "index": comp.index_html(call)})
    else:
        raise Http404
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- submissions ----------------------------------------------------------------------------------


def _submitter(request, call: Call) -> dict:
    country = (request.GET.get("country") or request.POST.get("country") or "").upper()[:2]
    org = request.GET.get("organisation") or request.POST.get("organisation") or ""
    if country:
        return {"country": country}
    if org.isdigit():
        organisation = Organisation.objects.filter(pk=int(org)).first()
        if organisation is not None:
            return {"organisation": organisation}
    raise Http404


@login_required
def submission_edit(request, pk):
    call = _call(request, pk)
    who = _submitter(request, call)
    if not perms.can_prepare_submission(request.user, call, **who):
        raise PermissionDenied(_("You cannot prepare a submission for this country or organisation."))
    lookup = {"country_id": who["country"]} if "country" in who else {"organisation": who["organisation"]}
    submission = Submission.objects.filter(call=call, **lookup).first()
    if submission is not None and submission.status != Submission.Status.DRAFT:
        return redirect(submission)
    initial = {}
    if submission is not None:
        initial = {"text": submission.text, "summary": submission.summary, "language": submission.language,
                   "consent_publish": submission.consent_publish, **(submission.answers or {})}
    form = SubmissionForm(request.POST or None, request.FILES or None, call=call, initial=initial)
    may_submit = perms.can_submit_for(request.user, call, **who)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submission_save(
                actor=request.user, call=call, text=data["text"], summary=data["summary"], answers=form.answers(),
                consent_publish=data["consent_publish"], language=data["language"], files=data.get("files") or (),
                **who)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, _error_text(exc))
        else:
            if request.POST.get("submit"):
                try:
                    submission = services.submission_submit(actor=request.user, submission=submission)
                except ValidationError as exc:
                    _apply_errors(form, exc)
                    form.add_error(None, _("Your draft is saved, but it was not submitted."))
                except (Conflict, PermissionDenied) as exc:
                    form.add_error(None, _error_text(exc))
                else:
                    messages.success(request, _("Submitted: your submission number is %(n)s. A receipt is on its "
                                                "way by email.") % {"n": submission.number})
                    return redirect(submission)
            else:
                messages.success(request, _("Your draft is saved."))
                return redirect(request.path + "?" + request.GET.urlencode())
    return render(request, "notifications/submission_form.html", {
        "call": call, "n": call.notification, "form": form, "submission": submission, "may_submit": may_submit,
        "who": who, "closed": call.closed_at is not None,
        "who_name": (Country.objects.get(pk=who["country"]).local_name() if "country" in who
                     else str(who["organisation"])), "past_deadline": call.is_past_deadline(),
        "closed_message": services.closed_message(call) if call.closed_at else "",
    })


def _submission(request, pk) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("call__notification", "country",
                                                                     "organisation", "submitted_by"), pk=pk)
    if not perms.can_view_submission(request.user, submission):
        raise Http404
    return submission


def submission_detail(request, pk):
    submission = _submission(request, pk)
    user = request.user
    return render(request, "notifications/submission.html", {
        "s": submission, "call": submission.call, "n": submission.call.notification,
        "files": submission.files.all(),
        "can_edit": perms.can_edit_submission(user, submission),
        "can_publish": perms.can_publish_submission(user, submission),
        "can_acknowledge": perms.can_acknowledge_submission(user, submission),
        "can_track": perms.can_track_call(user, submission.call),
        "edit_query": f"country={submission.country_id}" if submission.country_id
        else f"organisation={submission.organisation_id}",
    })


@login_required
@require_POST
def submission_action(request, pk, action):
    submission = _submission(request, pk)
    actions = {
        "acknowledge": (services.submission_acknowledge, _("Acknowledged; the submitter is told by email.")),
        "publish": (services.submission_publish, _("Published: it is on the call's page and in the compilation.")),
        "unpublish": (services.submission_unpublish, _("No longer published.")),
    }
    if action not in actions:
        raise Http404
    run, done = actions[action]
    try:
        run(actor=request.user, submission=submission)
    except (Conflict, PermissionDenied, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, done)
    if request.POST.get("next") == "tracker":
        return redirect("notifications:tracker", pk=submission.call_id)
    return redirect(submission)


def submission_file(request, pk, file_pk):
    submission = _submission(request, pk)
    row = get_object_or_404(SubmissionFile, pk=file_pk, submission=submission)
    return serve_file(row.file, name=row.name, content_type=row.content_type)


@login_required
@require_POST
def submission_file_remove(request, pk, file_pk):
    submission = _submission(request, pk)
    row = get_object_or_404(SubmissionFile, pk=file_pk, submission=submission)
    try:
        services.submission_file_remove(actor=request.user, file=row)
    except PermissionDenied as exc:
        messages.error(request, _error_text(exc))
    query = f"country={submission.country_id}" if submission.country_id else \
        f"organisation={submission.organisation_id}"
    return redirect(reverse("notifications:submission-edit", args=[submission.call_id]) + "?" + query)
