"""Pages of the knowledge network. Views parse, check permission, call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clearinghouse.accounts.permissions import acting_countries, is_secretariat
from clearinghouse.core.cache import public_page_cache
from clearinghouse.core.errors import Conflict
from clearinghouse.core.files import serve_file
from clearinghouse.core.idempotency import created, idempotent
from clearinghouse.core.markdown import render_markdown
from clearinghouse.core.models import Country, content_language

from . import permissions as perms
from . import selectors, services
from .forms import (
    CommentForm,
    ContributeForm,
    PublishingRequestForm,
    RecordForm,
    ReturnForm,
    SharedCommentForm,
    ShareLinkForm,
    service_errors_to_form,
)
from .kinds import display_details
from .models import Attachment, PublishingRequest, Record, RecordKind, ShareLink, Status

PER_PAGE = 20


def _record_or_404(identifier: str) -> tuple[Record, int | None]:
    record, pinned = selectors.record_by_identifier(identifier)
    if record is None:
        raise Http404(_("No record has this id."))
    return record, pinned


def _viewer_lang(request, data: dict) -> str:
    """The language to show a snapshot in: ?lang= if available, else the UI language, else the original."""
    available = selectors.snapshot_languages(data)
    wanted = request.GET.get("lang") or content_language(translation.get_language())
    return wanted if wanted in available else (data.get("language") or "en")


def _snapshot_context(request, record: Record, data: dict) -> dict:
    lang = _viewer_lang(request, data)
    names = dict(settings.CONTENT_LANGUAGES)
    return {
        "data": data,
        "shown_lang": lang,
        "languages": [(code, names.get(code, code)) for code in selectors.snapshot_languages(data)],
        "title": selectors.snapshot_text(data, "title", lang),
        "summary": selectors.snapshot_text(data, "summary", lang),
        "body_html": mark_safe(render_markdown(selectors.snapshot_text(data, "body", lang))),  # noqa: S308
        "labels": selectors.snapshot_labels(data),
        "details": display_details(record.kind, data.get("details") or {}),
        "references": selectors.references_for(data, request.user),
        "kind_label": RecordKind(record.kind).label,
    }


# --- public pages -------------------------------------------------------------------------

@require_GET
@public_page_cache(timeout=300)
def record_list(request):
    kind = request.GET.get("type") or ""
    if kind and kind not in RecordKind.values:
        kind = ""
    country = (request.GET.get("country") or "").upper()[:2]
    page = selectors.published_page(user=request.user, kind=kind or None, country=country or None,
                                    target=request.GET.get("target") or None, page=request.GET.get("page", 1),
                                    per_page=PER_PAGE)
    lang = content_language(translation.get_language())
    rows = [{"record": it["record"], "title": selectors.snapshot_text(it["data"], "title", lang),
             "title_lang": selectors.snapshot_text_language(it["data"], "title", lang),
             "summary": selectors.snapshot_text(it["data"], "summary", lang),
             "summary_lang": selectors.snapshot_text_language(it["data"], "summary", lang), "data": it["data"]}
            for it in page.items]
    return render(request, "knowledge/list.html", {
        "page": page, "rows": rows, "kind": kind, "kinds": RecordKind.choices, "country": country,
        "can_contribute": request.user.is_authenticated,
    })


@require_GET
@public_page_cache(timeout=600)
def record_detail(request, identifier):
    record, pinned = _record_or_404(identifier)
    if pinned:
        return redirect("knowledge:revision", identifier=record.base_id, number=pinned)
    if identifier != record.base_id:
        return redirect(record.get_absolute_url())
    if not perms.can_view_record(request.user, record) or record.revision == 0:
        if perms.can_view_draft(request.user, record):
            return redirect("knowledge:record-draft", identifier=record.base_id)
        raise Http404(_("No record has this id."))
    if record.status == Status.ARCHIVED and not perms.can_view_draft(request.user, record):
        raise Http404(_("No record has this id."))
    revision = selectors.live_revision(record)
    if revision is None:
        raise Http404
    services.record_access_log(actor=request.user, record=record, channel="page", revision=revision.revision)
    return _render_revision(request, record, revision, live=True)


def _render_revision(request, record, revision, *, live: bool):
    context = _snapshot_context(request, record, revision.data)
    context.update({
        "record": record, "revision": revision, "live": live,
        "revisions": selectors.revisions_of(record),
        "can_edit": perms.can_edit_record(request.user, record),
        "can_view_draft": perms.can_view_draft(request.user, record),
        "public_id": f"{record.base_id}-{revision.revision}",
        "permalink": settings.SITE_URL + reverse("knowledge:revision", kwargs={
            "identifier": record.base_id, "number": revision.revision}),
    })
    return render(request, "knowledge/detail.html", context)


@require_GET
def record_revision(request, identifier, number):
    record, _pinned = _record_or_404(identifier)
    if not perms.can_view_record(request.user, record):
        raise Http404(_("No record has this id."))
    revision = selectors.revision_get(record, number)
    if revision is None:
        raise Http404(_("This record has no such revision."))
    services.record_access_log(actor=request.user, record=record, channel="revision", revision=revision.revision)
    return _render_revision(request, record, revision, live=revision.revision == record.revision)


@require_GET
def record_diff(request, identifier):
    record, _pinned = _record_or_404(identifier)
    if not perms.can_view_record(request.user, record):
        raise Http404(_("No record has this id."))
    try:
        old_n = int(request.GET.get("from") or max(record.revision - 1, 1))
        new_n = int(request.GET.get("to") or record.revision)
    except ValueError:
        raise Http404 from None
    old, new = selectors.revision_get(record, old_n), selectors.revision_get(record, new_n)
    if old is None or new is None:
        raise Http404(_("This record has no such revision."))
    services.record_access_log(actor=request.user, record=record, channel="diff", revision=new.revision)
    return render(request, "knowledge/diff.html", {
        "record": record, "old": old, "new": new, "changes": selectors.revisions_diff(old.data, new.data),
        "revisions": selectors.revisions_of(record), "title": record.tr("title"),
    })


@require_GET
def attachment_download(request, identifier, pk):
    """Serve an attachment to whoever may see the record (restricted records stay restricted)."""
    record, _pinned = _record_or_404(identifier)
    attachment = get_object_or_404(Attachment, pk=pk, record=record)
    if perms.can_view_draft(request.user, record):
        allowed = True
    else:
        live = selectors.live_revision(record) if perms.can_view_record(request.user, record) else None
        allowed = bool(live) and any(a.get("id") == attachment.pk for a in live.data.get("attachments") or [])
    if not allowed:
        raise Http404
    services.record_access_log(actor=request.user, record=record, channel="attachment")
    return serve_file(attachment.file, name=attachment.name, content_type=attachment.content_type)


# --- contributing --------------------------------------------------------------------------

def _country_choices(user) -> list[tuple[str, str]]:
    codes = acting_countries(user)
    if is_secretariat(user) and not codes:
        return []
    return [(c.code, str(c)) for c in Country.objects.filter(code__in=codes)]


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request):
    countries = _country_choices(request.user)
    form = ContributeForm(request.POST or None, countries=countries, allow_none=True)
    if request.method == "POST" and form.is_valid():
        kind, country = form.cleaned_data["kind"], form.cleaned_data["country"] or None
        if not perms.can_create_record(request.user, kind=kind, country=country):
            form.add_error("country" if country else "kind",
                           _("You cannot contribute this type of record without a country. Ask your focal "
                             "point to make you an authorised user."))
        else:
            url = reverse("knowledge:create", kwargs={"kind": kind})
            return redirect(f"{url}?country={country}" if country else url)
    return render(request, "knowledge/contribute.html", {
        "form": form, "drafts": selectors.drafts_for(request.user)[:50],
        "queue_size": selectors.review_queue_for(request.user).count(),
        "can_request": bool(acting_countries(request.user)),
    })


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("knowledge.record_create")
def record_create(request, kind):
    if kind not in RecordKind.values:
        raise Http404
    country = (request.GET.get("country") or "").upper() or None
    if not perms.can_create_record(request.user, kind=kind, country=country):
        raise PermissionDenied(_("You cannot contribute records for this country."))
    form = RecordForm(request.POST or None, request.FILES or None, kind=kind,
                      initial={"language": content_language(translation.get_language()),
                               "visibility": "public"})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                record = services.record_create(actor=request.user, kind=kind, country=country,
                                                data=form.to_service_data())
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        else:
            created(request, record)
            if _attach_upload(request, form, record):
                messages.success(request, _("Draft saved as %(id)s.") % {"id": record.base_id})
                return redirect("knowledge:record-draft", identifier=record.base_id)
            request.session["knowledge_upload_error"] = " ".join(form.errors.get("attachment", []))
            messages.warning(request, _("Your draft is saved, but the file could not be attached."))
            return redirect("knowledge:edit", identifier=record.base_id)
    return render(request, "knowledge/form.html", {
        "form": form, "kind": kind, "kind_label": RecordKind(kind).label,
        "country": Country.objects.filter(pk=country).first() if country else None,
    })


def _attach_upload(request, form, record) -> bool:
    upload = form.cleaned_data.get("attachment")
    if not upload:
        return True
    try:
        services.attachment_add(actor=request.user, record=record, uploaded=upload)
    except ValidationError as exc:
        service_errors_to_form(form, exc)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, identifier):
    record, _pinned = _record_or_404(identifier)
    if not perms.can_edit_record(request.user, record):
        raise PermissionDenied(_("You cannot edit this record."))
    # Opening the page takes no lock: a save that keeps the page open (errors to correct) takes a short lease.
    form = RecordForm(request.POST or None, request.FILES or None, kind=record.kind, record=record)
    upload_error = request.session.pop("knowledge_upload_error", None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                record = services.record_update(actor=request.user, record=record, data=form.to_service_data(),
                                                version=request.POST.get("version"))
                for pk in form.cleaned_data.get("remove_attachments") or []:
                    attachment = record.attachments.filter(pk=pk, removed_at__isnull=True).first()
                    if attachment:
                        services.attachment_remove(actor=request.user, attachment=attachment)
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            if _attach_upload(request, form, record):
                messages.success(request, _("Your changes are saved."))
                return redirect("knowledge:record-draft", identifier=record.base_id)
            services.record_lock(actor=request.user, record=record)
            messages.warning(request, _("Your changes are saved, but the file could not be attached."))
    if request.method == "POST" and form.errors and not services.record_lock_holder(record, other_than=request.user):
        services.record_lock(actor=request.user, record=record)  # the page stays open: hold a short lease
    record.refresh_from_db()
    return render(request, "knowledge/form.html", {
        "form": form, "record": record, "kind": record.kind, "kind_label": RecordKind(record.kind).label,
        "country": record.country, "upload_error": upload_error, "version": services.record_version(record),
    })


@login_required
@require_POST
def record_lease(request, identifier):
    """The open edit page renews its short lease (htmx, every minute); a page whose lease was taken is told."""
    record, _pinned = _record_or_404(identifier)
    try:
        services.record_lock(actor=request.user, record=record)
    except Conflict as exc:
        return HttpResponse(format_html('<p class="msg warning">{}</p>', exc.message), status=200)
    except PermissionDenied:
        raise Http404(_("No record has this id.")) from None
    return HttpResponse("")


@login_required
@require_POST
def record_take_over(request, identifier):
    record, _pinned = _record_or_404(identifier)
    try:
        services.record_lock_break(actor=request.user, record=record)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("knowledge:record-draft", identifier=record.base_id)
    messages.success(request, _("You are editing this record now; the other editor has been told."))
    return redirect("knowledge:edit", identifier=record.base_id)


@login_required
@require_POST
def record_cancel(request, identifier):
    record, _pinned = _record_or_404(identifier)
    services.record_unlock(actor=request.user, record=record)
    messages.info(request, _("Editing cancelled; nothing was changed."))
    return redirect("knowledge:record-draft", identifier=record.base_id)


# --- working copy and review -------------------------------------------------------------

@login_required
@require_GET
def record_draft(request, identifier):
    record, _pinned = _record_or_404(identifier)
    if not perms.can_view_draft(request.user, record):
        raise Http404(_("No record has this id."))
    record = (Record.objects.select_related("country", "owner", "locked_by", "published_by", "community")
              .prefetch_related("targets", "topics", "ecosystems", "countries").get(pk=record.pk))
    user = request.user
    holder = services.record_lock_holder(record, other_than=user)
    return render(request, "knowledge/draft.html", {
        "record": record, "locked": bool(holder), "lock_until": holder[1] if holder else None,
        "body_html": mark_safe(render_markdown(record.body)),  # noqa: S308
        "details": display_details(record.kind, record.details or {}),
        "references": selectors.references_for({"details": record.details or {}}, user),
        "history": selectors.record_history(record),
        "attachments": selectors.attachments_of(record),
        "share_links": selectors.share_links_of(record) if perms.can_share_record(user, record) else [],
        "can": {name: fn(user, record) for name, fn in perms.RECORD_ACTIONS.items() if fn},
        "comment_form": CommentForm(), "return_form": ReturnForm(), "share_form": ShareLinkForm(),
        "kind_label": RecordKind(record.kind).label,
        "site_url": settings.SITE_URL,
    })


ACTIONS = ("submit", "publish", "return", "archive", "restore", "comment", "share", "unshare")


@login_required
@require_POST
@idempotent("knowledge.record_comment_or_share")
def record_action(request, identifier, action):
    if action not in ACTIONS:
        raise Http404
    record, _pinned = _record_or_404(identifier)
    user = request.user
    back = redirect("knowledge:record-draft", identifier=record.base_id)
    try:
        if action == "submit":
            services.record_submit(actor=user, record=record, comment=request.POST.get("comment", ""))
            messages.success(request, _("Submitted. Your focal point is told and will review it."))
        elif action == "publish":
            record = services.record_publish(actor=user, record=record, comment=request.POST.get("comment", ""))
            messages.success(request, _("Published as %(id)s.") % {"id": record.public_id})
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"comment": [_("Tell the authors what to change.")]})
            services.record_return(actor=user, record=record, comment=form.cleaned_data["comment"])
            messages.success(request, _("Returned to the authors with your comments."))
        elif action == "archive":
            services.record_archive(actor=user, record=record, comment=request.POST.get("comment", ""))
            messages.success(request, _("Archived. It is no longer shown, and nothing was deleted."))
        elif action == "restore":
            services.record_restore(actor=user, record=record)
            messages.success(request, _("Restored."))
        elif action == "comment":
            services.record_comment(actor=user, record=record, comment=request.POST.get("comment", ""))
            created(request, url=reverse("knowledge:record-draft", kwargs={"identifier": record.base_id}))
            messages.success(request, _("Comment added."))
        elif action == "share":
            form = ShareLinkForm(request.POST)
            days = form.cleaned_data["days"] if form.is_valid() else 14
            link = services.share_link_create(actor=user, record=record, days=days)
            created(request, link, url=reverse("knowledge:record-draft", kwargs={"identifier": record.base_id}))
            messages.success(request, _("Share link created; it works until %(date)s.") % {
                "date": timezone.localtime(link.expires_at).strftime("%Y-%m-%d %H:%M")})
        elif action == "unshare":
            link = get_object_or_404(ShareLink, pk=request.POST.get("link"), record=record)
            services.share_link_revoke(actor=user, link=link)
            messages.success(request, _("The link no longer works."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except Conflict as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You cannot do this."))
    return back


@login_required
@require_http_methods(["GET", "POST"])
def review_queue(request):
    queue = list(selectors.review_queue_for(request.user)[:200])
    if request.method == "POST":
        chosen = set(request.POST.getlist("records"))
        done, problems = [], []
        for record in [r for r in queue if str(r.pk) in chosen]:
            try:
                record = services.record_publish(actor=request.user, record=record)
                done.append(record.public_id)
            except (ValidationError, Conflict, PermissionDenied) as exc:
                text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                problems.append(f"{record.base_id}: {text}")
        if done:
            messages.success(request, _("Published: %(ids)s.") % {"ids": ", ".join(done)})
        for problem in problems:
            messages.error(request, problem)
        if not chosen:
            messages.error(request, _("Choose the records to publish."))
        return redirect("knowledge:review-queue")
    requests = (PublishingRequest.objects.filter(state="open", records__in=queue).distinct()
                .select_related("requested_by", "country").prefetch_related("records")[:50]
                if queue else [])
    return render(request, "knowledge/review_queue.html", {"queue": queue, "requests": requests})


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("knowledge.publishing_request_create")
def publishing_request(request):
    drafts = list(selectors.requestable_drafts_for(request.user)[:200])
    form = PublishingRequestForm(request.POST or None, drafts=drafts)
    if request.method == "POST" and form.is_valid():
        try:
            req = services.publishing_request_create(actor=request.user, records=form.selected_records(),
                                                     message=form.cleaned_data["message"])
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        except (Conflict, PermissionDenied) as exc:
            form.add_error("records", str(exc))
        else:
            created(request, req)
            messages.success(request, _("Sent to your focal point: %(n)s records.") % {"n": req.records.count()})
            return redirect("knowledge:contribute")
    return render(request, "knowledge/publishing_request.html", {"form": form, "drafts": drafts})


# --- share links ----------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def shared_draft(request, token):
    link = services.share_link_check(token=token)
    if link is None:
        return render(request, "knowledge/shared_expired.html", status=410)
    record = (Record.objects.select_related("country", "owner")
              .prefetch_related("targets", "topics", "ecosystems").get(pk=link.record_id))
    form = SharedCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_comment(actor=None, record=record, comment=form.cleaned_data["comment"],
                                    share_token=token, actor_name=form.cleaned_data["name"])
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you: your comment was sent to the authors."))
            return HttpResponseRedirect(request.path)
    return render(request, "knowledge/shared.html", {
        "record": record, "link": link, "form": form, "body_html": mark_safe(render_markdown(record.body)),  # noqa: S308
        "details": display_details(record.kind, record.details or {}),
        "kind_label": RecordKind(record.kind).label,
    })


@login_required
@require_GET
def community_access_log(request, pk):
    """Who read the community's restricted records, when and through what: for its administrators."""
    from clearinghouse.accounts.models import Organisation

    organisation = get_object_or_404(Organisation, pk=pk)
    if not perms.can_view_access_log(request.user, organisation):
        raise PermissionDenied(_("Only an administrator of %(org)s or the secretariat can see this page.")
                               % {"org": organisation})
    page = selectors.access_log_for_community(organisation, page=request.GET.get("page", 1))
    return render(request, "knowledge/access_log.html", {"organisation": organisation, "page": page})
