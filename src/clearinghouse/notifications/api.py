"""Official notifications in the API at /api/v1/notifications/: the published archive, calls for submissions
and the submissions published with their submitters' consent. Read-only and public; writes stay on the site,
where the second approval and the focal point's own submission are checked."""


import datetime as dt

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from . import selectors
from .models import Call, Notification

router = Router(tags=["notifications"])


class NotifErrorOut(Schema):
    detail: str | list[dict] = Field(description="A message; for a malformed request, the list of problems")


from clearinghouse.forums.api import BoundedPagination  # noqa: E402 - one schema name for the whole API


class TranslationOut(Schema):
    language: str
    official: bool = Field(description="An official translation, or an unofficial one provided for convenience")
    subject: str
    body: str


class AddresseeOut(Schema):
    code: str
    name: str


class CallSummaryOut(Schema):
    id: int
    title: str
    deadline: dt.datetime = Field(description="ISO 8601 with its offset, in the deadline's own time zone")
    deadline_timezone: str
    closed: bool
    url: str


class NotificationOut(Schema):
    id: int
    reference: str
    date: dt.date
    subject: str
    body: str = Field(description="Markdown, in the original language")
    language: str = Field(description="The original language")
    convention: str
    addressees: list[AddresseeOut]
    addressees_text: str
    deadline: dt.datetime | None = Field(description="The earliest deadline of its calls for submissions, or null")
    signatory: str
    signatory_title: str
    url: str
    translations: list[TranslationOut]
    calls: list[CallSummaryOut]
    published_at: dt.datetime | None


def _abs(path: str) -> str:
    return settings.SITE_URL + path


def _call_summary(call: Call) -> dict:
    return {"id": call.pk, "title": call.title, "deadline": call.deadline_local,
            "deadline_timezone": call.deadline_timezone, "closed": call.closed_at is not None,
            "url": _abs(call.get_absolute_url())}


def _notification_out(n: Notification) -> dict:
    calls = list(n.calls.all())
    deadlines = sorted(c.deadline_local for c in calls)
    translations = [{"language": lang, "official": bool(v.get("official")), "subject": v.get("subject", ""),
                     "body": v.get("body", "")}
                    for lang, v in sorted((n.translations or {}).items()) if lang != n.language and v.get("subject")]
    return {
        "id": n.pk, "reference": n.reference, "date": n.date, "subject": n.subject, "body": n.body,
        "language": n.language, "convention": n.convention_id,
        "addressees": [{"code": g.code, "name": g.tr("name")} for g in n.addressee_groups.all()],
        "addressees_text": n.addressees_text, "deadline": deadlines[0] if deadlines else None,
        "signatory": n.signatory_name, "signatory_title": n.signatory_title, "url": _abs(n.get_absolute_url()),
        "translations": translations, "calls": [_call_summary(c) for c in calls], "published_at": n.published_at,
    }


class ArchiveIn(Schema):
    q: str = Field("", max_length=200, description="Words in any language, or a reference")
    year: int | None = Field(None, ge=1900, le=2200)
    convention: str = Field("", max_length=12, description="Convention code, e.g. CBD (its protocols included)")
    addressee: str = Field("", max_length=60, description="Addressee group code, e.g. cbd-nfp")


@router.get("/", response={200: list[NotificationOut], 422: NotifErrorOut}, summary="Published notifications")
@paginate(BoundedPagination)
def notification_list(request, filters: Query[ArchiveIn]):
    qs = selectors.notifications_archive(q=filters.q, year=filters.year, convention=filters.convention,
                                         group=filters.addressee, user=request.user)
    return _Mapped(qs)


class _Mapped:
    """A queryset the paginator slices, mapped to dicts after slicing (so only one page is built)."""

    def __init__(self, qs):
        self.qs = qs

    def __len__(self):
        return self.qs.count()

    def __getitem__(self, item):
        return [_notification_out(n) for n in self.qs[item]]


@router.get("/calls/", response={200: list[CallSummaryOut], 422: NotifErrorOut},
            summary="Calls for submissions of published notifications")
@paginate(BoundedPagination)
def call_list(request, open_only: bool = False):
    qs = Call.objects.filter(notification__status=Notification.Status.PUBLISHED).order_by("-deadline")
    if open_only:
        qs = selectors.calls_open_now().order_by("deadline")
    return [_call_summary(c) for c in qs[:1000]]


class CallOut(CallSummaryOut):
    notification: int
    reference: str
    instructions: str
    questions: list[dict]
    accepts_files: bool
    who_may_submit: list[AddresseeOut]
    submissions_published: int


@router.get("/calls/{pk}/", response={200: CallOut, 404: NotifErrorOut}, summary="One call for submissions")
def call_get(request, pk: int):
    call = get_object_or_404(Call.objects.select_related("notification").prefetch_related("groups"), pk=pk,
                             notification__status=Notification.Status.PUBLISHED)
    return {**_call_summary(call), "notification": call.notification_id, "reference": call.notification.reference,
            "instructions": call.instructions, "questions": call.questions, "accepts_files": call.accepts_files,
            "who_may_submit": [{"code": g.code, "name": g.tr("name")} for g in call.groups.all()],
            "submissions_published": selectors.submissions_public(call).count()}


class SubmissionOut(Schema):
    number: str
    submitter: str
    country: str | None
    submitted_at: dt.datetime
    late: bool
    summary: str
    text: str
    language: str
    files: list[dict]
    url: str


@router.get("/calls/{pk}/submissions/", response={200: list[SubmissionOut], 404: NotifErrorOut},
            summary="Submissions published with their submitters' consent")
@paginate(BoundedPagination)
def submission_list(request, pk: int):
    call = get_object_or_404(Call, pk=pk, notification__status=Notification.Status.PUBLISHED)
    out = []
    for s in selectors.submissions_public(call)[:1000]:
        out.append({"number": s.number, "submitter": s.submitter_name, "country": s.country_id,
                    "submitted_at": s.submitted_at, "late": s.late, "summary": s.summary, "text": s.text,
                    "language": s.language, "url": _abs(s.get_absolute_url()),
                    "files": [{"name": f.name, "size": f.size, "content_type": f.content_type,
                               "url": _abs(f"/notifications/submissions/{s.pk}/files/{f.pk}/")}
                              for f in s.files.all()]})
    return out


@router.get("/{pk}/", response={200: NotificationOut, 404: NotifErrorOut}, summary="One published notification")
def notification_get(request, pk: int):
    n = get_object_or_404(
        Notification.objects.select_related("convention").prefetch_related(
            "addressee_groups", Prefetch("calls", queryset=Call.objects.order_by("deadline"))),
        pk=pk, status=Notification.Status.PUBLISHED)
    return _notification_out(n)

