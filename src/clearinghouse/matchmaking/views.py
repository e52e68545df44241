"""Marketplace pages: parse, check permission, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clearinghouse.accounts.models import User
from clearinghouse.core.errors import Conflict
from clearinghouse.core.idempotency import created, idempotent

from . import forms, imports, selectors, services
from . import permissions as perms
from .models import Collaboration, Conversation, Introduction, Milestone, Need, Offer, SavedSearch, Workshop

PAGE_SIZE = 20


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "message_dict"):
        for field, errs in exc.message_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def _filters(request) -> dict:
    return {k: request.GET.getlist(k) for k in selectors.FACETS if request.GET.getlist(k)}


# --- marketplace -------------------------------------------------------------------


@require_GET
def index(request):
    kind = "offer" if request.GET.get("kind") == "offer" else "need"
    query = request.GET.get("q", "").strip()[:200]
    filters = _filters(request)
    qs = selectors.posts_list(kind=kind, user=request.user, query=query, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "kind": kind, "query": query, "filters": filters, "page": page,
        "facets": selectors.facet_counts(kind=kind, user=request.user, query=query, filters=filters),
        "counts": {"need": selectors.visible(Need, request.user).count(),
                   "offer": selectors.visible(Offer, request.user).count()},
        "save_form": forms.SaveSearchForm(),
    }
    return render(request, "matchmaking/index.html", context)


def _post_or_404(kind: str, public_id: str, user):
    post = selectors.post_by_public_id(kind, public_id)
    if post is None or not perms.can_view_post(user, post):
        raise Http404
    return post


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("matchmaking.post_create")
def post_create(request, kind: str):
    form_class = forms.form_for(kind)
    workshop = None
    if request.GET.get("workshop") or request.POST.get("workshop"):
        workshop = get_object_or_404(Workshop, pk=request.GET.get("workshop") or request.POST.get("workshop"))
    if request.method == "POST":
        form = form_class(request.POST, user=request.user)
        if form.is_valid():
            try:
                post = services.post_create(actor=request.user, kind=kind, data=form.to_data(),
                                            country=form.cleaned_data.get("country"), workshop=workshop)
            except ValidationError as exc:
                _apply_errors(form, exc)
            except (PermissionDenied, Conflict) as exc:
                form.add_error("country" if isinstance(exc, PermissionDenied) else None, str(exc))
            else:
                created(request, post)
                messages.success(request, _("Posted as %(id)s. Suggestions appear in a moment.") % {
                    "id": post.public_id})
                if workshop:
                    return redirect("matchmaking:workshop", pk=workshop.pk)
                return redirect(post.get_absolute_url())
    else:
        form = form_class(user=request.user)
    return render(request, "matchmaking/post_form.html", {"form": form, "kind": kind, "workshop": workshop})


@require_GET
def post_detail(request, kind: str, public_id: str):
    post = _post_or_404(kind, public_id, request.user)
    suggestions = selectors.suggestions_for_post(post, user=request.user, limit=10)
    can_edit = perms.can_edit_post(request.user, post)
    if request.user.is_authenticated:
        asked = {}
        for s in suggestions:
            need, offer = (post, s.offer) if kind == "need" else (s.need, post)
            s.can_ask = can_edit and perms.can_request_introduction(request.user, need, offer)
            asked[(need.pk, offer.pk)] = None
        existing = Introduction.objects.filter(
            **({"need": post} if kind == "need" else {"offer": post})).values_list("need_id", "offer_id", "status")
        status_of = {(n, o): Introduction.Status(st).label for n, o, st in existing}
        for s in suggestions:
            s.intro_status = status_of.get((s.need_id, s.offer_id))
    settled = post.status in selectors.SETTLED_STATUSES
    return render(request, "matchmaking/post_detail.html", {
        "post": post, "kind": kind, "suggestions": suggestions, "can_edit": can_edit,
        "stale": any(s.stale for s in suggestions), "settled": settled,
        "collaborations": selectors.collaborations_of_post(post, user=request.user) if settled else [],
    })


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, kind: str, public_id: str):
    post = _post_or_404(kind, public_id, request.user)
    if not perms.can_edit_post(request.user, post):
        raise PermissionDenied
    form_class = forms.form_for(kind)
    if request.method == "POST":
        form = form_class(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.post_update(actor=request.user, post=post, data=form.to_data())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Saved. Suggestions are being updated."))
                return redirect(post.get_absolute_url())
    else:
        form = form_class(initial=forms.initial_from(post))
        form.fields["country"].disabled = True
    return render(request, "matchmaking/post_form.html", {"form": form, "kind": kind, "post": post})


@login_required
@require_POST
@idempotent("matchmaking.need_alert_create")
def post_action(request, kind: str, public_id: str, action: str):
    post = _post_or_404(kind, public_id, request.user)
    try:
        if action == "withdraw":
            services.post_withdraw(actor=request.user, post=post)
            messages.success(request, _("Withdrawn. It is no longer shown or suggested."))
        elif action == "renew":
            services.post_renew(actor=request.user, post=post)
            messages.success(request, _("Renewed for one year."))
        elif action == "alert":
            if kind != "need":
                raise Http404
            services.saved_search_create(actor=request.user, name=post.title, kind="offer", need=post)
            created(request, url=post.get_absolute_url())
            messages.success(request, _("We will tell you when a matching offer appears."))
        else:
            raise Http404
    except Conflict as exc:
        messages.error(request, str(exc))
    return redirect(post.get_absolute_url())


# --- provider profiles -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("matchmaking.provider_profile_save")
def provider_profile_edit(request):
    """Edit one's own provider profile (for oneself or for the organisation of one's account)."""
    if not perms.can_edit_provider_profile(request.user, request.user):
        raise PermissionDenied
    profile = selectors.provider_profile_of(request.user)
    if request.method == "POST":
        form = forms.ProviderProfileForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                profile = services.provider_profile_save(actor=request.user, data=form.to_data())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                created(request, profile)
                messages.success(request, _("Your provider profile is saved. It is shown with your offers."))
                return redirect(profile.get_absolute_url())
    else:
        initial = forms.profile_initial(profile) or {"language": (request.LANGUAGE_CODE or "en").split("-")[0]}
        form = forms.ProviderProfileForm(initial=initial, user=request.user)
    return render(request, "matchmaking/provider_form.html", {"form": form, "profile": profile})


@require_GET
def provider_profile(request, pk: int):
    profile = selectors.provider_profile(pk)
    if profile is None or not perms.can_view_provider_profile(request.user, profile):
        raise Http404
    return render(request, "matchmaking/provider.html", {
        "profile": profile, "offers": selectors.offers_of_provider(profile, user=request.user),
        "can_edit": perms.can_edit_provider_profile(request.user, profile.user),
    })


# --- introductions -----------------------------------------------------------------


@login_required
@require_POST
@idempotent("matchmaking.introduction_request")
def introduction_request(request):
    form = forms.IntroductionRequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    need = get_object_or_404(Need, pk=form.cleaned_data["need"])
    offer = get_object_or_404(Offer, pk=form.cleaned_data["offer"])
    back = request.POST.get("next") or need.get_absolute_url()
    if not back.startswith("/"):
        back = need.get_absolute_url()
    try:
        intro = services.introduction_request(actor=request.user, need=need, offer=offer,
                                              message=form.cleaned_data["message"])
    except (Conflict, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(back)
    created(request, intro)
    messages.success(request, _("Request sent. You will get their contact if they accept."))
    return redirect(intro.get_absolute_url())


@login_required
@require_GET
def introductions(request):
    qs = selectors.introductions_for(request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "matchmaking/introductions.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def introduction_detail(request, pk: int):
    intro = get_object_or_404(Introduction.objects.select_related("need__country", "offer__country", "requester",
                                                                 "recipient"), pk=pk)
    if not perms.can_view_introduction(request.user, intro):
        raise Http404
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("decision") == "accept":
                services.introduction_accept(actor=request.user, introduction=intro,
                                             message=form.cleaned_data["message"])
                messages.success(request, _("Accepted. You can now write to each other."))
                return redirect(intro.conversation.get_absolute_url())
            services.introduction_decline(actor=request.user, introduction=intro,
                                          reason=form.cleaned_data["message"])
            messages.success(request, _("Declined. They have been told."))
        except Conflict as exc:
            messages.error(request, str(exc))
        return redirect(intro.get_absolute_url())
    other = intro.recipient if request.user.pk == intro.requester_id else intro.requester
    contact = services.contact_of(other) if perms.can_see_contacts(request.user, intro) else None
    return render(request, "matchmaking/introduction.html", {
        "intro": intro, "form": form, "other": other, "contact": contact,
        "can_decide": perms.can_decide_introduction(request.user, intro),
        "can_collaborate": perms.can_create_collaboration(request.user, intro),
    })


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("matchmaking.message_post")
def conversation(request, pk: int):
    conv = get_object_or_404(Conversation.objects.select_related("introduction__requester",
                                                                 "introduction__recipient",
                                                                 "introduction__need", "introduction__offer"), pk=pk)
    if not perms.can_view_conversation(request.user, conv):
        raise Http404
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_post(actor=request.user, conversation=conv, body=form.cleaned_data["body"])
            created(request, url=conv.get_absolute_url() + "#latest")
            return redirect(conv.get_absolute_url() + "#latest")
        except ValidationError as exc:
            _apply_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
    intro = conv.introduction
    other = intro.recipient if request.user.pk == intro.requester_id else intro.requester
    return render(request, "matchmaking/conversation.html", {
        "conversation": conv, "intro": intro, "form": form,
        "thread": conv.messages.select_related("author")[:500],
        "contact": services.contact_of(other), "me": services.contact_of(request.user),
    })


# --- collaborations ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("matchmaking.collaboration_create")
def collaboration_create(request, intro_pk: int):
    intro = get_object_or_404(Introduction.objects.select_related("need", "offer"), pk=intro_pk)
    if not perms.can_create_collaboration(request.user, intro):
        raise Http404
    form = forms.CollaborationForm(request.POST or None, initial={
        "title": f"{intro.need.title} — {intro.offer.title}"[:300]})
    if request.method == "POST" and form.is_valid():
        funder = None
        email = form.cleaned_data.get("funding_partner_email")
        if email:
            funder = User.objects.filter(email__iexact=email, is_active=True).first()
            if funder is None:
                form.add_error("funding_partner_email", _("No account has this email address. Ask them to sign up."))
        if not form.errors:
            try:
                collab = services.collaboration_create(actor=request.user, introduction=intro,
                                                       data=form.cleaned_data, funding_partner=funder)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                created(request, collab)
                messages.success(request, _("Collaboration started. Add the milestones you agreed."))
                return redirect(collab.get_absolute_url())
    return render(request, "matchmaking/collaboration_form.html", {"form": form, "intro": intro})


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("matchmaking.milestone_add")
def collaboration_detail(request, pk: int):
    collab = selectors.collaboration_detail(pk)
    if collab is None or not perms.can_view_collaboration(request.user, collab):
        raise Http404
    can_edit = perms.can_edit_collaboration(request.user, collab)
    milestone_form = forms.MilestoneForm(collaboration=collab)
    update_form = forms.CollaborationUpdateForm(initial={"status": collab.status, "outcomes": collab.outcomes,
                                                         "public_summary": collab.public_summary})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "milestone":
                milestone_form = forms.MilestoneForm(request.POST, collaboration=collab)
                if milestone_form.is_valid():
                    services.milestone_add(actor=request.user, collaboration=collab, **milestone_form.cleaned_data)
                    created(request, url=collab.get_absolute_url())
                    messages.success(request, _("Milestone added."))
                    return redirect(collab.get_absolute_url())
            elif action == "done":
                m = get_object_or_404(Milestone, pk=request.POST.get("milestone"), collaboration=collab)
                services.milestone_complete(actor=request.user, milestone=m, done=request.POST.get("done") == "1")
                return redirect(collab.get_absolute_url())
            elif action == "update":
                update_form = forms.CollaborationUpdateForm(request.POST)
                if update_form.is_valid():
                    services.collaboration_update(actor=request.user, collaboration=collab,
                                                  data=update_form.cleaned_data)
                    messages.success(request, _("Saved."))
                    return redirect(collab.get_absolute_url())
            elif action == "consent":
                services.collaboration_consent_public(actor=request.user, collaboration=collab,
                                                      consent=request.POST.get("consent") == "1")
                return redirect(collab.get_absolute_url())
        except ValidationError as exc:
            _apply_errors(milestone_form if action == "milestone" else update_form, exc)
    me = next((p for p in collab.parties.all() if p.user_id == request.user.pk), None)
    return render(request, "matchmaking/collaboration.html", {
        "collab": collab, "can_edit": can_edit, "milestone_form": milestone_form, "update_form": update_form,
        "me": me, "is_public": perms.can_view_public_summary(request.user, collab),
    })


@require_GET
def collaboration_public(request, pk: int):
    collab = selectors.collaboration_detail(pk)
    if collab is None or not perms.can_view_public_summary(request.user, collab):
        raise Http404
    return render(request, "matchmaking/collaboration_public.html", {"collab": collab})


@login_required
@require_GET
def my_marketplace(request):
    needs, offers = selectors.my_posts(request.user)
    return render(request, "matchmaking/mine.html", {
        "needs": needs, "offers": offers,
        "collaborations": selectors.collaborations_for(request.user)[:50],
        "searches": selectors.saved_searches_for(request.user)[:50],
        "workshops": selectors.workshops_for(request.user),
        "profile": selectors.provider_profile_of(request.user),
    })


# --- saved searches ----------------------------------------------------------------


@login_required
@require_POST
@idempotent("matchmaking.saved_search_create")
def search_save(request):
    kind = "offer" if request.POST.get("kind") == "offer" else "need"
    filters = {k: request.POST.getlist(k) for k in selectors.FACETS if request.POST.getlist(k)}
    form = forms.SaveSearchForm(request.POST)
    form.is_valid()
    services.saved_search_create(actor=request.user, name=form.cleaned_data.get("name", ""), kind=kind,
                                 query=request.POST.get("q", ""), filters=filters,
                                 alert=form.cleaned_data.get("alert", False))
    created(request)
    messages.success(request, _("Search saved. Find it under “My marketplace”."))
    return redirect("matchmaking:mine")


@login_required
@require_POST
def search_delete(request, pk: int):
    search = get_object_or_404(SavedSearch, pk=pk)
    services.saved_search_delete(actor=request.user, saved_search=search)
    return redirect("matchmaking:mine")


# --- workshops -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@idempotent("matchmaking.workshop_open")
def workshop_open(request):
    if not perms.can_open_workshop(request.user):
        raise PermissionDenied
    form = forms.WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ws = services.workshop_open(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            created(request, ws)
            return redirect(ws.get_absolute_url())
    return render(request, "matchmaking/workshop_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def workshop_join(request):
    form = forms.JoinForm(request.POST or request.GET or None)
    if form.is_bound and form.is_valid():
        try:
            ws = services.workshop_join(actor=request.user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        except (Conflict, PermissionDenied) as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, _("Welcome to %(title)s. Post your needs and offers.") % {"title": ws.title})
            return redirect(ws.get_absolute_url())
    return render(request, "matchmaking/workshop_join.html", {"form": form})


def _workshop_or_404(request, pk):
    ws = get_object_or_404(Workshop.objects.select_related("facilitator"), pk=pk)
    if not perms.can_view_workshop(request.user, ws):
        raise Http404
    return ws


@login_required
@require_GET
def workshop_detail(request, pk: int):
    ws = _workshop_or_404(request, pk)
    wall = selectors.workshop_wall(ws)
    return render(request, "matchmaking/workshop.html", {
        "ws": ws, **wall, "can_manage": perms.can_manage_workshop(request.user, ws),
        "can_post": perms.can_post_to_workshop(request.user, ws),
        "participants": ws.memberships.count(),
        "join_url": request.build_absolute_uri(f"/marketplace/workshops/join/?code={ws.join_code}"),
        "import_form": forms.ImportForm(),
    })


@login_required
@require_GET
def workshop_table(request, pk: int):
    ws = _workshop_or_404(request, pk)
    return render(request, "matchmaking/workshop_table.html", {"ws": ws, **selectors.workshop_wall(ws)})


@login_required
@require_POST
@idempotent("matchmaking.workshop_wall_import")
def workshop_import(request, pk: int):
    ws = _workshop_or_404(request, pk)
    form = forms.ImportForm(request.POST, request.FILES)
    report = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = imports.workshop_wall_import(actor=request.user, workshop=ws, filename=upload.name,
                                                  content=upload.read())
            created(request, url=ws.get_absolute_url())
        except ValidationError as exc:
            _apply_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, str(exc))
    wall = selectors.workshop_wall(ws)
    return render(request, "matchmaking/workshop.html", {
        "ws": ws, **wall, "can_manage": perms.can_manage_workshop(request.user, ws),
        "can_post": perms.can_post_to_workshop(request.user, ws), "participants": ws.memberships.count(),
        "join_url": request.build_absolute_uri(f"/marketplace/workshops/join/?code={ws.join_code}"),
        "import_form": form, "report": report,
    }, status=200 if form.is_valid() else 400)


@login_required
@require_POST
def workshop_close(request, pk: int):
    ws = _workshop_or_404(request, pk)
    try:
        services.workshop_close(actor=request.user, workshop=ws)
        messages.success(request, _("Workshop closed. Every participant gets their matches by email."))
    except Conflict as exc:
        messages.error(request, str(exc))
    return redirect(ws.get_absolute_url())


# --- dashboard ---------------------------------------------------------------------------


@require_GET
def dashboard(request):
    return render(request, "matchmaking/dashboard.html", {"m": selectors.metrics()})


def wall_csv(request, pk: int):
    """The match table of a workshop as CSV (for the facilitator's report)."""
    from clearinghouse.core.exports import csv_writer

    ws = _workshop_or_404(request, pk)
    wall = selectors.workshop_wall(ws)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{ws.pk}-matches.csv"'
    response.write("\ufeff")
    w = csv_writer(response)  # cells starting with = + - @ are escaped (formula injection)
    w.writerow([_("Need"), _("Need title"), _("Offer"), _("Offer title"), _("Score"), _("Reasons")])
    for m in wall["matches"]:
        w.writerow([m.need.public_id, m.need.title, m.offer.public_id, m.offer.title, f"{m.score:.2f}",
                    "; ".join(m.reason_texts)])
    return response


__all__ = ["index", "Collaboration"]
