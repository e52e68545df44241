"""Pages of partnerships: parse, check, call a service or a selector, render."""

from __future__ import annotations

import gzip
import json

from csp.decorators import csp_exempt
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts import permissions as ap
from clearinghouse.accounts.models import Organisation
from clearinghouse.core.errors import Conflict
from clearinghouse.core.exports import table_response
from clearinghouse.core.idempotency import created, idempotent
from clearinghouse.core.models import Country, Region, SupportType

from . import charts, forms, imports, reasons, selectors, services
from . import permissions as perms
from .engine.gaps import ANY_ELEMENT
from .models import Activity, DigestSubscription, ImportDraft, Member, OverlapSuggestion, WorkItem

PAGE_SIZE = 25


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "message_dict"):
        for field, errs in exc.message_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in exc.messages:
            form.add_error(None, e)


def _base(request, p) -> dict:
    user = request.user
    return {"p": p, "is_coordinator": perms.is_coordinator(user, p),
            "my_members": list(perms.acting_members(user, p).select_related("organisation", "government"))}


def index(request):
    return render(request, "partnerships/index.html", {"partnerships": selectors.partnerships_list()})


def detail(request, slug):
    p = selectors.partnership_by_slug(slug)
    ctx = _base(request, p)
    ctx.update({
        "n_members": p.members.filter(state=Member.State.ACTIVE).count(),
        "n_activities": selectors.activities_visible(p, request.user).count(),
        "recent": selectors.activities_list(p, request.user)[:5],
        "coordinators": list(p.coordinators.all()),
        "can_join": perms.can_request_join(request.user, p),
        "subscribed": request.user.is_authenticated and DigestSubscription.objects.filter(
            partnership=p, user=request.user).exists(),
        "can_subscribe": perms.can_subscribe_digest(request.user, p),
        "n_open_overlaps": p.overlaps.filter(state=OverlapSuggestion.State.OPEN).count() if ctx["is_coordinator"]
        else None,
        "n_requests": p.members.filter(state=Member.State.REQUESTED).count() if ctx["is_coordinator"] else None,
    })
    return render(request, "partnerships/detail.html", ctx)


def members(request, slug):
    p = selectors.partnership_by_slug(slug)
    f = {k: request.GET.get(k, "")[:40] for k in ("kind", "country", "level", "element")}
    page = Paginator(selectors.members_directory(p, **f), PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = _base(request, p)
    ctx.update({"page": page, "f": f, "kinds": [("government", _("Government"))] + [
        c for c in Organisation.Kind.choices if c[0] != "government"],
        "countries": Country.objects.filter(code__in=p.members.filter(state=Member.State.ACTIVE)
                                            .values("countries")).order_by("name"),
        "levels": Member._meta.get_field("levels"), "level_choices": forms.Level.choices})
    return render(request, "partnerships/members.html", ctx)


def member(request, slug, pk):
    p = selectors.partnership_by_slug(slug)
    m = get_object_or_404(Member.objects.select_related("organisation", "government"), partnership=p, pk=pk)
    if m.state != Member.State.ACTIVE and not (perms.is_coordinator(request.user, p)
                                               or perms.can_act_for_party(request.user, m)):
        raise Http404
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if form.is_valid():
            try:
                services.member_contact(actor=request.user, member=m, subject=form.cleaned_data["subject"],
                                        body=form.cleaned_data["body"])
            except ValidationError as exc:
                _apply_errors(form, exc)
            except (PermissionDenied, Conflict) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your message was sent. The member will answer you by e-mail."))
                return redirect(m.get_absolute_url())
    ctx = _base(request, m.partnership)
    ctx.update({"m": m, "form": form, "can_contact": perms.can_contact_member(request.user, m),
                "can_leave": perms.can_leave(request.user, m),
                "activities": selectors.activities_list(p, request.user, member=m.pk)[:50]})
    return render(request, "partnerships/member.html", ctx)


def _parties(user, p) -> list[tuple[str, str]]:
    out = []
    for org in Organisation.objects.filter(pk__in=ap.member_organisation_ids(user)).order_by("name"):
        out.append((f"org:{org.pk}", str(org)))
    for cc in sorted(ap.focal_point_countries(user)):
        country = Country.objects.filter(code=cc).first()
        if country:
            out.append((f"gov:{cc}", _("Government of %(country)s") % {"country": country.local_name()}))
    return out


@login_required
@idempotent("partnerships.member_request")
def join(request, slug):
    p = selectors.partnership_by_slug(slug)
    parties = _parties(request.user, p)
    if not parties:
        return render(request, "partnerships/join_who.html", _base(request, p) | {"is_open": p.is_open}, status=403)
    form = forms.JoinForm(request.POST or None, parties=parties, partnership=p)
    if request.method == "POST" and form.is_valid():
        kind, _sep, ref = form.cleaned_data["party"].partition(":")
        org = Organisation.objects.filter(pk=ref).first() if kind == "org" else None
        try:
            m = services.member_request(
                actor=request.user, partnership=p, organisation=org, government=ref if kind == "gov" else None,
                levels=form.cleaned_data["levels"], countries=[c.code for c in form.cleaned_data["countries"]],
                elements=form.cleaned_data["elements"], statement=form.cleaned_data["statement"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        except (PermissionDenied, Conflict) as exc:
            form.add_error(None, str(exc))
        else:
            created(request, m, url=p.get_absolute_url())
            messages.success(request, _("Welcome: you are a member.") if m.state == Member.State.ACTIVE
                             else _("Your request was sent to the coordinators."))
            return redirect(p.get_absolute_url())
    return render(request, "partnerships/join.html", _base(request, p) | {"form": form})


@login_required
def requests(request, slug):
    p = selectors.partnership_by_slug(slug)
    if not perms.is_coordinator(request.user, p):
        raise PermissionDenied
    if request.method == "POST":
        m = get_object_or_404(Member, partnership=p, pk=request.POST.get("member"))
        try:
            services.member_decide(actor=request.user, member=m, accept=request.POST.get("decision") == "accept")
        except (PermissionDenied, Conflict) as exc:
            messages.error(request, str(exc))
        return redirect("partnerships:requests", slug=p.slug)
    pending = (p.members.filter(state=Member.State.REQUESTED).select_related("organisation", "government",
                                                                             "requested_by")
               .prefetch_related("countries", "elements").order_by("created_at")[:200])
    return render(request, "partnerships/requests.html", _base(request, p) | {"pending": pending})


@login_required
@require_POST
def leave(request, slug, pk):
    p = selectors.partnership_by_slug(slug)
    m = get_object_or_404(Member, partnership=p, pk=pk)
    try:
        services.member_leave(actor=request.user, member=m)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The membership has ended."))
    return redirect(p.get_absolute_url())


@login_required
@require_POST
def digest(request, slug):
    p = selectors.partnership_by_slug(slug)
    try:
        on = services.digest_subscribe(actor=request.user, partnership=p, on=request.POST.get("on") == "1")
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You will get the weekly digest by e-mail.") if on
                         else _("You will no longer get the digest."))
    return redirect(p.get_absolute_url())


# --- activities -----------------------------------------------------------------------------------------------


def activities(request, slug):
    p = selectors.partnership_by_slug(slug)
    f = {k: request.GET.get(k, "")[:60] for k in ("country", "element", "support", "q")}
    page = Paginator(selectors.activities_list(p, request.user, **f), PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = _base(request, p)
    ctx.update({"page": page, "f": f, "countries": Country.objects.filter(
        code__in=p.activities.values("countries")).order_by("name"), "supports": SupportType.objects.all()})
    return render(request, "partnerships/activities.html", ctx)


def activity(request, slug, public_id):
    p = selectors.partnership_by_slug(slug)
    a = get_object_or_404(Activity.objects.select_related("member__organisation", "member__government",
                                                          "duplicate_of"), partnership=p, public_id=public_id)
    if not perms.can_view_activity(request.user, a):
        raise Http404
    ctx = _base(request, p)
    ctx.update({"a": a, "can_edit": perms.can_edit_activity(request.user, a)})
    return render(request, "partnerships/activity.html", ctx)


def _activity_member(request, p) -> Member | None:
    mine = perms.acting_members(request.user, p).select_related("organisation", "government")
    wanted = request.GET.get("member") or request.POST.get("member")
    if wanted:
        return mine.filter(pk=wanted).first()
    return mine.first()


@login_required
@idempotent("partnerships.activity_create")
def activity_new(request, slug):
    p = selectors.partnership_by_slug(slug)
    m = _activity_member(request, p)
    if m is None:
        raise PermissionDenied(_("Only members register activities."))
    form = forms.ActivityForm(request.POST or None, partnership=p)
    if request.method == "POST" and form.is_valid():
        try:
            a = services.activity_create(actor=request.user, member=m, data=form.to_data())
        except ValidationError as exc:
            _apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            created(request, a)
            messages.success(request, _("The activity is registered as %(id)s.") % {"id": a.public_id})
            return redirect(a.get_absolute_url())
    return render(request, "partnerships/activity_form.html", _base(request, p) | {"form": form, "m": m})


@login_required
def activity_edit(request, slug, public_id):
    p = selectors.partnership_by_slug(slug)
    a = get_object_or_404(Activity, partnership=p, public_id=public_id)
    if not perms.can_edit_activity(request.user, a):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("withdraw"):
        services.activity_withdraw(actor=request.user, activity=a)
        messages.success(request, _("The activity was withdrawn."))
        return redirect("partnerships:activities", slug=p.slug)
    initial = {"title": a.title, "description": a.description, "language": a.language,
               "elements": [e.code for e in a.elements.all()], "countries": list(a.countries.all()),
               "subnational": a.subnational, "level": a.level, "support_types": list(a.support_types.all()),
               "start": a.start.strftime("%Y-%m"), "end": a.end.strftime("%Y-%m"),
               "budget": a.budget if a.budget is not None else "", "currency": a.currency,
               "beneficiaries": a.beneficiaries, "partners_involved": a.partners_involved, "status": a.status,
               "links": "\n".join(a.links or []), "iati_identifier": a.iati_identifier, "is_public": a.is_public}
    form = forms.ActivityForm(request.POST or None, initial=initial, partnership=p)
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        data["translations"] = a.translations
        try:
            services.activity_update(actor=request.user, activity=a, data=data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(a.get_absolute_url())
    return render(request, "partnerships/activity_form.html", _base(request, p) | {"form": form, "a": a,
                                                                                   "m": a.member})


@login_required
@idempotent("partnerships.activities_import")
def activity_import(request, slug):
    p = selectors.partnership_by_slug(slug)
    m = _activity_member(request, p)
    if m is None:
        raise PermissionDenied(_("Only members register activities."))
    form = forms.ImportForm(request.POST or None, request.FILES or None, partnership=p)
    ctx = _base(request, p) | {"form": form, "m": m}
    if request.method == "POST" and "draft" in request.POST:
        draft = get_object_or_404(ImportDraft, pk=request.POST["draft"], user=request.user, done_at__isnull=True)
        preview = _preview(draft)
        try:
            made = imports.activities_import(actor=request.user, member=draft.member, preview=preview,
                                             only_valid=request.POST.get("mode") == "valid")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return render(request, "partnerships/import_preview.html", ctx | {"preview": preview, "draft": draft})
        ImportDraft.objects.filter(pk=draft.pk).update(done_at=timezone.now(), content=b"")
        messages.success(request, _("%(n)s activities imported.") % {"n": len(made)})
        url = reverse("partnerships:activities", args=[p.slug]) + f"?member={m.pk}"
        created(request, made[0] if made else None, url=url)
        return redirect(url)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(imports.MAX_BYTES + 1)
        name = upload.name or ""
        kind = "iati" if name.lower().endswith(".xml") or content.lstrip()[:5] in (b"<?xml", b"<iati") else "table"
        draft = ImportDraft(member=m, user=request.user, filename=name[:255], kind=kind, content=content,
                            options={"elements": form.cleaned_data["elements"],
                                     "support_types": [s.code for s in form.cleaned_data["support_types"]]})
        try:
            preview = _preview(draft)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            draft.save()
            return render(request, "partnerships/import_preview.html", ctx | {"preview": preview, "draft": draft})
    return render(request, "partnerships/import.html", ctx)


def _preview(draft: ImportDraft):
    content = bytes(draft.content)
    if draft.kind == "iati":
        return imports.preview_iati(member=draft.member, filename=draft.filename, content=content,
                                    elements=draft.options.get("elements") or [],
                                    support_types=draft.options.get("support_types") or [])
    return imports.preview_table(member=draft.member, filename=draft.filename, content=content)


EXPORT_FIELDS = ["public_id", "title", "language", "member", "elements", "countries", "subnational", "level",
                 "support", "start", "end", "budget", "currency", "status", "beneficiaries", "partners_involved",
                 "iati_identifier", "url"]


def _export_rows(p, request):
    for a in selectors.public_activities_for_export(p).iterator(chunk_size=500):
        yield {"public_id": a.public_id, "title": a.title, "language": a.language, "member": a.member.display_name(),
               "elements": [e.code for e in a.elements.all()], "countries": [c.code for c in a.countries.all()],
               "subnational": a.subnational, "level": a.level, "support": [s.code for s in a.support_types.all()],
               "start": a.start.strftime("%Y-%m"), "end": a.end.strftime("%Y-%m"),
               "budget": float(a.budget) if a.budget is not None else None, "currency": a.currency,
               "status": a.status, "beneficiaries": a.beneficiaries, "partners_involved": a.partners_involved,
               "iati_identifier": a.iati_identifier, "url": request.build_absolute_uri(a.get_absolute_url())}


def export(request, slug, fmt):
    p = selectors.partnership_by_slug(slug)
    rows = list(_export_rows(p, request))
    name = f"{p.slug}-activities"
    if fmt == "json":
        resp = HttpResponse(json.dumps({"partnership": p.slug, "activities": rows}, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    elif fmt in ("csv", "xlsx"):
        return table_response(fmt, name, EXPORT_FIELDS, (
            ["; ".join(v) if isinstance(v, list) else v for v in (r[k] for k in EXPORT_FIELDS)] for r in rows))
    else:
        raise Http404
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp


# --- gaps -------------------------------------------------------------------------------------------------------


def _gap_params(request, p) -> dict:
    geo = "region" if request.GET.get("geo") == "region" else "country"
    support = request.GET.get("support", "")[:40]
    if support and not SupportType.objects.filter(code=support).exists():
        support = ""
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    return {"geo": geo, "support": support, "year": year}


def _place_names(geo: str, codes) -> dict[str, str]:
    if geo == "region":
        return {r.code: str(r) for r in Region.objects.filter(code__in=list(codes))}
    return {c.code: c.local_name() for c in Country.objects.filter(code__in=list(codes))}


def gaps(request, slug):
    p = selectors.partnership_by_slug(slug)
    params = _gap_params(request, p)
    m = selectors.gap_matrix(p, request.user, **params)
    names = _place_names(params["geo"], m["places"])
    rows = []
    for place in m["places"]:
        cells = [(code, m["cells"].get((code, place))) for code, _n in m["elements"]]
        rows.append({"code": place, "name": names.get(place, place), "cells": cells})
    ctx = _base(request, p)
    ctx.update({"m": m, "rows": rows, "params": params, "supports": SupportType.objects.all(),
                "gap_list": [(names.get(pl, pl), e, pl) for e, pl in m["gaps"]][:200],
                "element_names": dict(m["elements"]) | {ANY_ELEMENT: _("Any element")},
                "map_query": request.GET.urlencode(), "gap_map": _gap_map(request, p, params, m)})
    return render(request, "partnerships/gaps.html", ctx)


def _gap_map(request, p, params: dict, m: dict):
    """Countries with activities (shaded by how many) and countries whose needs have no support, on the site's
    shared world map (``core.maps``: a few kilobytes on the page, the shapes cached once for the whole site)."""
    from clearinghouse.core.maps import MapValue, scale_class, world_map

    if params["geo"] != "country":
        m = selectors.gap_matrix(p, request.user, **{**params, "geo": "country"})
    supported = {pl: len(c.activities) for (e, pl), c in m["cells"].items() if e == ANY_ELEMENT and c.activities}
    gaps = {pl: len(c.needs) for (e, pl), c in m["cells"].items() if c.is_gap and pl not in supported}
    names = _place_names("country", list(supported) + list(gaps))
    top = max(supported.values(), default=1)
    values = {pl: MapValue(scale_class(n, top), _("%(place)s: %(n)s activities") % {"place": names.get(pl, pl), "n": n},
                           reverse("partnerships:gap_cell", args=[p.slug, ANY_ELEMENT, pl]))
              for pl, n in supported.items()}
    values.update({pl: MapValue("m-gap", _("%(place)s: %(n)s needs without support") % {
        "place": names.get(pl, pl), "n": n}) for pl, n in gaps.items()})
    legend = [(f"m-{i}", _("activities: up to %(n)s") % {"n": round(top * i / 5) or 1}) for i in (1, 3, 5)]
    legend += [("m-gap", _("Needs without support")), ("m-land", _("No activity or need"))]
    return world_map(values, title=_("Support and gaps: %(name)s") % {"name": p.tr("name")},
                     description=_("Countries with activities, shaded by how many, and countries with stated needs "
                                   "and no activity. The coverage matrix above holds the same figures."),
                     legend=legend)


def _svg_response(request, svg: str) -> HttpResponse:
    data = svg.encode()
    resp = HttpResponse(content_type="image/svg+xml; charset=utf-8")
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        data = gzip.compress(data, 6)
        resp["Content-Encoding"] = "gzip"
    resp["Vary"] = "Accept-Encoding"
    resp["Cache-Control"] = "public, max-age=600"
    resp.content = data
    return resp


@csp_exempt()
def gaps_chart(request, slug):
    p = selectors.partnership_by_slug(slug)
    params = _gap_params(request, p)
    m = selectors.gap_matrix(p, request.user, **params)
    labels, acts, needs = [], [], []
    for code, name in m["elements"]:
        if code == ANY_ELEMENT:
            continue
        cells = [c for (e, _pl), c in m["cells"].items() if e == code]
        labels.append(name)
        acts.append(sum(len(c.activities) for c in cells))
        needs.append(sum(len(c.needs) for c in cells))
    svg = charts.bar_chart(title=_("Activities and needs per target element"),
                           desc=_("For each element, activities counted per place, and stated needs."),
                           labels=labels, series=[(_("Activities"), acts), (_("Needs"), needs)])
    return _svg_response(request, svg)


def gap_cell(request, slug, element, place):
    p = selectors.partnership_by_slug(slug)
    params = _gap_params(request, p)
    if element != ANY_ELEMENT and not p.elements.filter(code=element).exists():
        raise Http404
    detail_ = selectors.gap_cell_detail(p, request.user, element=element, place=place, **params)
    ctx = _base(request, p)
    names = _place_names(params["geo"], [place])
    el = p.elements.filter(code=element).first()
    ctx.update({"d": detail_, "params": params, "place_name": names.get(place, place),
                "element_name": el.local_name() if el else _("Any element")})
    return render(request, "partnerships/gap_cell.html", ctx)


def unmatched(request, slug):
    p = selectors.partnership_by_slug(slug)
    try:
        months = max(0, min(120, int(request.GET.get("months") or 6)))
    except ValueError:
        months = 6
    ctx = _base(request, p) | {"u": selectors.needs_unmatched(p, request.user, months=months)}
    return render(request, "partnerships/unmatched.html", ctx)


@login_required
@idempotent("partnerships.need_create")
def need_new(request, slug):
    p = selectors.partnership_by_slug(slug)
    form = forms.NeedForm(request.POST or None, partnership=p,
                          initial={"country": request.user.country_id, "language": "en"})
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["country"] = d["country"].code
        d["support_types"] = [s.code for s in d["support_types"]]
        try:
            n = services.need_create(actor=request.user, partnership=p, data=d)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("country", str(exc))
        else:
            created(request, n, url=reverse("partnerships:gaps", args=[p.slug]))
            messages.success(request, _("The need is registered; it shows in the gap analysis."))
            return redirect("partnerships:gaps", slug=p.slug)
    return render(request, "partnerships/need_form.html", _base(request, p) | {"form": form})


# --- overlaps ---------------------------------------------------------------------------------------------------


@login_required
def overlaps(request, slug):
    p = selectors.partnership_by_slug(slug)
    if not perms.can_review_overlaps(request.user, p):
        raise PermissionDenied
    if request.method == "POST":
        s = get_object_or_404(OverlapSuggestion, partnership=p, pk=request.POST.get("suggestion"))
        try:
            services.overlap_decide(actor=request.user, suggestion=s, decision=request.POST.get("decision", ""),
                                    note=request.POST.get("note", ""))
        except (PermissionDenied, Conflict) as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, {
                "confirm": _("Confirmed. For an overlap, both partners were told and invited to coordinate."),
                "dismiss": _("Dismissed."), "merge": _("Merged: the copy is withdrawn and counted once.")}.get(
                request.POST.get("decision"), _("Saved.")))
        return redirect(reverse("partnerships:overlaps", args=[p.slug]) + (
            f"?state={request.GET['state']}" if request.GET.get("state") else ""))
    state = request.GET.get("state") or OverlapSuggestion.State.OPEN
    if state not in OverlapSuggestion.State.values:
        state = OverlapSuggestion.State.OPEN
    page = Paginator(selectors.overlap_queue(p, state=state), 20).get_page(request.GET.get("page"))
    items = [(s, reasons.texts(s.reasons)) for s in page]
    return render(request, "partnerships/overlaps.html", _base(request, p) | {
        "page": page, "items": items, "state": state, "states": OverlapSuggestion.State.choices})


# --- work programme -------------------------------------------------------------------------------------------


def work_programme(request, slug):
    p = selectors.partnership_by_slug(slug)
    items = list(p.work_items.select_related("lead__organisation", "lead__government")
                 .prefetch_related("partners__organisation", "partners__government"))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        item = get_object_or_404(WorkItem, partnership=p, pk=request.POST.get("item"))
        form = forms.ProgressForm(request.POST)
        if form.is_valid():
            try:
                services.work_item_progress(actor=request.user, item=item, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("Progress saved."))
        else:
            messages.error(request, _("Give the progress as a whole number from 0 to 100."))
        return redirect("partnerships:work_programme", slug=p.slug)
    rows = [(i, perms.can_update_work_item(request.user, i)) for i in items]
    return render(request, "partnerships/work_programme.html", _base(request, p) | {
        "rows": rows, "status_choices": WorkItem.Status.choices})


def founding_document(request, slug):
    from clearinghouse.core.files import serve_file

    p = selectors.partnership_by_slug(slug)
    if not p.founding_document:
        raise Http404
    return serve_file(p.founding_document, name=p.founding_document.name.rsplit("/", 1)[-1],
                      content_type="application/pdf")
