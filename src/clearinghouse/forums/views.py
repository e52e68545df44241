"""Pages of the discussions. Each view parses, checks permission (through the services
and ``permissions.py``), calls one service and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from clearinghouse.core.errors import Conflict
from clearinghouse.core.idempotency import created, idempotent

from . import permissions as perms
from . import selectors, services
from .forms import (
    DiscussionForm,
    EditForm,
    JoinForm,
    PostForm,
    ReasonForm,
    StatementForm,
    SynthesisForm,
    ThreadForm,
    WatchForm,
)
from .inbound import inbound_reprocess
from .models import Discussion, Flag, InboundMessage, Post, PostAttachment, Synthesis, Thread, Watch


def _discussion(request, slug: str) -> Discussion:
    discussion = get_object_or_404(Discussion, slug=slug)
    if not perms.can_view_discussion(request.user, discussion):
        raise PermissionDenied(_("Log in to read this discussion."))
    return discussion


def _thread(request, slug: str, number: int) -> Thread:
    discussion = _discussion(request, slug)
    thread = get_object_or_404(Thread, discussion=discussion, number=number)
    thread.discussion = discussion
    return thread


def _post(request, uid) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__discussion", "author"), uid=uid)
    if not perms.can_view_post(request.user, post):
        raise Http404
    return post


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    if isinstance(exc, Conflict):
        return str(exc.message)
    return str(exc)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- discussions -----------------------------------------------------------------


def index(request):
    groups = selectors.discussions_by_state(request.user)
    return render(request, "forums/index.html", {
        "groups": groups, "can_create": perms.can_create_discussion(request.user),
    })


@login_required
@idempotent("forums.discussion_create")
def discussion_create(request):
    if not perms.can_create_discussion(request.user):
        raise PermissionDenied
    form = DiscussionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            discussion = services.discussion_create(actor=request.user, **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            created(request, discussion)
            messages.success(request, _("The discussion is created. Add its threads."))
            return redirect(discussion)
    return render(request, "forums/discussion_form.html", {"form": form})


def discussion_detail(request, slug):
    discussion = _discussion(request, slug)
    user = request.user
    return render(request, "forums/discussion.html", {
        "discussion": discussion,
        "threads": selectors.discussion_threads(discussion),
        "participants": selectors.discussion_participants(discussion),
        "watch_level": selectors.watch_level(user, discussion=discussion),
        "watch_form": WatchForm(),
        "watch_levels": Watch.Level.choices,
        "can_join": perms.can_join_discussion(user, discussion),
        "is_participant": user.is_authenticated and discussion.participants.filter(user=user).exists(),
        "can_post": perms.can_post_in_discussion(user, discussion),
        "can_create_thread": perms.can_create_thread(user, discussion),
        "can_moderate": perms.can_moderate_discussion(user, discussion),
        "can_watch": perms.can_watch(user, discussion),
        "synthesis": Synthesis.objects.filter(discussion=discussion).first(),
        "can_synthesise": perms.can_edit_synthesis(user, discussion),
        "join_form": JoinForm(),
        "statement_form": StatementForm(),
    })


@login_required
@require_POST
def discussion_join(request, slug):
    discussion = _discussion(request, slug)
    form = JoinForm(request.POST)
    form.is_valid()
    try:
        services.discussion_join(actor=request.user, discussion=discussion, consent=form.cleaned_data.get("consent"))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("You have joined the discussion."))
    return redirect(discussion)


def _watch_response(request, *, discussion, thread, level):
    ctx = {"discussion": discussion, "thread": thread, "watch_level": level, "watch_levels": Watch.Level.choices,
           "can_watch": True}
    if request.htmx:
        return render(request, "forums/_watch.html", ctx)
    return redirect(thread or discussion)


@login_required
@require_POST
def discussion_watch(request, slug):
    discussion = _discussion(request, slug)
    form = WatchForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    level = form.cleaned_data["level"] or None
    services.watch_set(actor=request.user, level=level, discussion=discussion)
    messages.success(request, _("Your choice is saved.")) if not request.htmx else None
    return _watch_response(request, discussion=discussion, thread=None, level=level)


@login_required
@require_POST
def discussion_statement(request, slug):
    discussion = _discussion(request, slug)
    form = StatementForm(request.POST)
    if form.is_valid():
        services.discussion_statement_set(actor=request.user, discussion=discussion,
                                          which=form.cleaned_data["which"], text=form.cleaned_data["text"])
        messages.success(request, _("The statement is saved."))
    return redirect(discussion)


# --- threads -----------------------------------------------------------------------


@login_required
@idempotent("forums.thread_create")
def thread_create(request, slug):
    discussion = _discussion(request, slug)
    if not perms.can_create_thread(request.user, discussion):
        raise PermissionDenied
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(actor=request.user, discussion=discussion, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            created(request, thread)
            return redirect(thread)
    return render(request, "forums/thread_form.html", {"form": form, "discussion": discussion})


@idempotent("forums.post_create")
def thread_detail(request, slug, number):
    thread = _thread(request, slug, number)
    discussion = thread.discussion
    user = request.user
    form = PostForm(initial={"parent": request.GET.get("reply")} if request.GET.get("reply", "").isdigit() else None)
    if request.method == "POST":
        if not user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        form = PostForm(request.POST, request.FILES)
        if form.is_valid():
            parent = None
            if form.cleaned_data.get("parent"):
                parent = Post.objects.filter(pk=form.cleaned_data["parent"], thread=thread).first()
            try:
                post = services.post_create(actor=user, thread=thread, body=form.cleaned_data["body"], parent=parent,
                                            attachments=form.cleaned_data.get("attachments") or [])
            except ValidationError as exc:
                _apply_errors(form, exc)
            except Conflict as exc:
                form.add_error(None, str(exc.message))
            else:
                created(request, post)
                if post.status == Post.Status.PENDING:
                    messages.info(request, _("Thank you. Your post will appear once a moderator has approved it."))
                if request.htmx:
                    ctx = {"post": post, "discussion": discussion, "thread": thread, "form": PostForm(), "oob": True,
                           "can_moderate": perms.can_moderate_discussion(user, discussion), "can_reply": True}
                    return HttpResponse(render_to_string("forums/_post.html", ctx, request)
                                        + render_to_string("forums/_reply_form.html", ctx, request))
                return HttpResponseRedirect(post.get_absolute_url())
        if request.htmx:
            response = render(request, "forums/_reply_form.html",
                              {"form": form, "thread": thread, "discussion": discussion, "oob": True})
            response["HX-Reswap"] = "none"
            return response
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    posts, pages = selectors.thread_posts(thread, user, page=page)
    return render(request, "forums/thread.html", {
        "discussion": discussion, "thread": thread, "posts": posts, "page": page, "pages": pages,
        "form": form,
        "can_reply": perms.can_reply_thread(user, thread),
        "can_moderate": perms.can_moderate_discussion(user, discussion),
        "can_watch": perms.can_watch(user, discussion),
        "watch_level": selectors.watch_level(user, thread=thread),
        "discussion_watch_level": selectors.watch_level(user, discussion=discussion),
        "watch_levels": Watch.Level.choices,
        "is_participant": user.is_authenticated and discussion.participants.filter(user=user).exists(),
        "reason_form": ReasonForm(),
    })


@login_required
@require_POST
def thread_watch(request, slug, number):
    thread = _thread(request, slug, number)
    form = WatchForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    level = form.cleaned_data["level"] or None
    services.watch_set(actor=request.user, level=level, thread=thread)
    if not request.htmx:
        messages.success(request, _("Your choice is saved."))
    return _watch_response(request, discussion=thread.discussion, thread=thread, level=level)


@login_required
@require_POST
def thread_moderate(request, slug, number, action):
    thread = _thread(request, slug, number)
    if action == "pin":
        services.thread_pin(actor=request.user, thread=thread, pinned=not thread.pinned)
    elif action == "close":
        services.thread_close(actor=request.user, thread=thread, closed=not thread.is_closed)
    else:
        raise Http404
    return redirect(thread)


# --- posts ---------------------------------------------------------------------------


def post_permalink(request, uid):
    return redirect(_post(request, uid).get_absolute_url())


def post_attachment(request, uid, pk):
    """A post's file, to whoever may read the post (hidden and pending posts stay hidden)."""
    from clearinghouse.core.files import serve_file

    post = _post(request, uid)
    attachment = get_object_or_404(PostAttachment, pk=pk, post=post)
    return serve_file(attachment.file, name=attachment.name, content_type=attachment.content_type)


@login_required
def post_edit(request, uid):
    post = _post(request, uid)
    if not perms.can_edit_post(request.user, post):
        raise PermissionDenied(_("Posts can be edited by their author for %(m)s minutes.") % {"m": 30})
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, body=form.cleaned_data["body"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect(post.get_absolute_url())
    return render(request, "forums/post_edit.html", {"form": form, "post": post, "thread": post.thread,
                                                     "discussion": post.thread.discussion})


def post_history(request, uid):
    post = _post(request, uid)
    return render(request, "forums/post_history.html", {
        "post": post, "revisions": post.revisions.select_related("edited_by"), "thread": post.thread,
        "discussion": post.thread.discussion})


@login_required
@require_POST
def post_moderate(request, uid, action):
    post = _post(request, uid)
    form = ReasonForm(request.POST)
    reason = request.POST.get("reason", "")
    try:
        if action == "hide":
            services.post_hide(actor=request.user, post=post, reason=reason)
            messages.success(request, _("The post is hidden."))
        elif action == "approve":
            services.post_approve(actor=request.user, post=post)
            messages.success(request, _("The post is published."))
        elif action == "reject":
            services.post_reject(actor=request.user, post=post, reason=reason)
            messages.success(request, _("The post is rejected; its author is told why."))
        elif action == "flag":
            services.flag_create(actor=request.user, post=post, reason=reason)
            messages.success(request, _("Thank you: the moderators will look at this post."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    del form
    back = request.POST.get("next") or ""
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect(post.get_absolute_url())


# --- moderation ------------------------------------------------------------------------


@login_required
def moderation(request, slug):
    discussion = _discussion(request, slug)
    if not perms.can_view_moderation_queue(request.user, discussion):
        raise PermissionDenied
    return render(request, "forums/moderation.html", {
        "discussion": discussion, **selectors.moderation_queue(discussion), "reason_form": ReasonForm()})


@login_required
@require_POST
def flag_resolve(request, pk):
    flag = get_object_or_404(Flag.objects.select_related("post__thread__discussion"), pk=pk)
    services.flag_resolve(actor=request.user, flag=flag)
    return redirect("forums:moderation", flag.post.thread.discussion.slug)


@login_required
def inbound_list(request):
    if not perms.can_view_inbound(request.user):
        raise PermissionDenied
    return render(request, "forums/inbound.html", {"messages_": selectors.inbound_problems()})


@login_required
def inbound_detail(request, pk):
    if not perms.can_view_inbound(request.user):
        raise PermissionDenied
    record = get_object_or_404(InboundMessage, pk=pk)
    from .mailparse import parse_message

    parsed = parse_message(bytes(record.raw))
    return render(request, "forums/inbound_detail.html", {"record": record, "parsed": parsed.as_dict()})


@login_required
@require_POST
def inbound_reprocess_view(request, pk):
    record = get_object_or_404(InboundMessage, pk=pk)
    try:
        record = inbound_reprocess(actor=request.user, inbound=record)
    except Conflict as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Processed again: %(status)s.") % {"status": record.get_status_display()})
    return redirect("forums:inbound")


# --- unsubscribe (RFC 8058) ------------------------------------------------------------


@csrf_exempt
def unsubscribe(request, token):
    """GET shows a confirmation page (link scanners must not unsubscribe anyone);
    POST (the mail client's one-click, or the page's button) mutes, without login."""
    from .keys import unsubscribe_read

    try:
        user_id, kind, target = unsubscribe_read(token)
    except Exception:  # noqa: BLE001 - any bad token
        return render(request, "forums/unsubscribe.html", {"invalid": True}, status=400)
    target_obj = (Thread.objects.select_related("discussion").filter(pk=target).first() if kind == "t"
                  else Discussion.objects.filter(pk=target).first())
    if request.method == "POST":
        try:
            services.watch_unsubscribe(token=token)
        except ValidationError:
            return render(request, "forums/unsubscribe.html", {"invalid": True}, status=400)
        return render(request, "forums/unsubscribe.html", {"done": True, "target": target_obj})
    return render(request, "forums/unsubscribe.html", {"target": target_obj, "token": token})


# --- synthesis -----------------------------------------------------------------------


def synthesis(request, slug):
    discussion = _discussion(request, slug)
    record = Synthesis.objects.filter(discussion=discussion).first()
    can_edit = perms.can_edit_synthesis(request.user, discussion)
    if record is None or not perms.can_view_synthesis(request.user, record):
        if can_edit:
            return render(request, "forums/synthesis.html", {"discussion": discussion, "synthesis": None,
                                                              "can_edit": True})
        raise Http404
    form = SynthesisForm(request.POST or None, initial={"draft": record.draft})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        try:
            if action == "redraft":
                services.synthesis_redraft(actor=request.user, synthesis=record)
                messages.success(request, _("A new draft was prepared from the posts."))
            elif form.is_valid():
                services.synthesis_edit(actor=request.user, synthesis=record, text=form.cleaned_data["draft"])
                if action == "publish":
                    services.synthesis_publish(actor=request.user, synthesis=record)
                    messages.success(request, _("The synthesis is published as a document."))
                else:
                    messages.success(request, _("The draft is saved."))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect("forums:synthesis", discussion.slug)
    return render(request, "forums/synthesis.html", {
        "discussion": discussion, "synthesis": record, "form": form, "can_edit": can_edit})


@login_required
@require_POST
def synthesis_start(request, slug):
    discussion = _discussion(request, slug)
    services.synthesis_start(actor=request.user, discussion=discussion)
    return redirect("forums:synthesis", discussion.slug)


def synthesis_document(request, slug, fmt):
    discussion = _discussion(request, slug)
    record = get_object_or_404(Synthesis, discussion=discussion, status=Synthesis.Status.PUBLISHED)
    field = {"md": record.markdown_file, "html": record.html_file, "docx": record.docx_file}.get(fmt)
    if not field:
        raise Http404
    content_type = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
                    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[fmt]
    response = FileResponse(field.open("rb"), content_type=content_type, as_attachment=fmt != "html",
                            filename=f"{record.document_symbol.replace('/', '-')}.{fmt}")
    if fmt == "html":
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
