"""A double-submitted create form makes one object, and the second answer leads to it (core.idempotency).

Every scope in ``idempotency.REGISTRY`` must have a case below (``test_every_idempotent_view_has_a_case``), and
every view reachable from the URLconf that calls a create service must be wrapped in ``@idempotent`` or be
listed in ``EXEMPT`` with its reason (``test_every_view_that_creates_is_idempotent``): a new form is covered
without anyone remembering to list it.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clearinghouse.core import idempotency
from clearinghouse.forums import services as forum_services
from tests import factories as f
from tests.parallel import file_database, in_parallel, vocabularies  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="idempotency_token" value="([^"]+)"')


def token_from(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    found = TOKEN_RE.search(response.content.decode())
    assert found, f"the form at {url} has no one-time token ({{% idempotency_token %}})"
    return found.group(1)


@dataclass
class Case:
    """How to use one create form as someone allowed to: ``page`` shows the form, ``url`` is where it posts,
    ``count`` counts what it creates. ``again`` changes the data for a second, fresh form (``None``: there can
    be only one, e.g. a profile); ``landing`` is where a repeat leads when the first answer is a page."""

    user: object
    page: str
    data: dict
    count: Callable[[], int]
    url: str = ""
    again: dict | None = field(default_factory=dict)
    landing: str = ""

    def __post_init__(self):
        self.url = self.url or self.page


def _record():
    from clearinghouse.knowledge.models import Record

    url = reverse("knowledge:create", args=["good-practice"]) + "?country=KE"
    return Case(f.authorised_user("KE"), url, {"title": "Seed banks", "language": "en", "summary": "S"},
                Record.objects.count, again={"title": "Another one"})


def _record_comment():
    from clearinghouse.knowledge.models import RecordEvent

    au = f.authorised_user("KE")
    record = f.make_record(owner=au, country="KE")
    page = reverse("knowledge:record-draft", args=[record.base_id])
    return Case(au, page, {"comment": "Check the dates"},
                RecordEvent.objects.filter(action=RecordEvent.Action.COMMENTED).count,
                url=reverse("knowledge:action", args=[record.base_id, "comment"]), again={"comment": "And the map"})


def _publishing_request():
    from clearinghouse.knowledge.models import PublishingRequest

    au = f.authorised_user("KE")
    first, second = f.make_record(owner=au, country="KE"), f.make_record(owner=au, country="KE")
    return Case(au, reverse("knowledge:publishing-request"), {"records": [first.pk], "message": "Please"},
                PublishingRequest.objects.count, again={"records": [second.pk]})


def _discussion():
    from clearinghouse.forums.models import Discussion

    data = {"title": "Wetlands", "description": "Talk", "language": "en", "opens_at": "2024-01-01T10:00",
            "closes_at": "2031-01-01T10:00", "read_audience": "public", "post_audience": "registered",
            "moderation": "post"}
    return Case(f.moderator(), reverse("forums:create"), data, Discussion.objects.count,
                again={"title": "Another one"})


def _forum_setup():
    from tests.forums.helpers import joined, make_discussion, make_thread

    discussion = make_discussion()
    thread = make_thread(discussion)
    user = f.UserFactory()
    joined(user, discussion)
    return discussion, thread, user


def _thread():
    from clearinghouse.forums.models import Thread

    discussion, _thread, _user = _forum_setup()
    return Case(discussion.moderators.first(), reverse("forums:thread-create", args=[discussion.slug]),
                {"title": "A new thread", "body": "Opening words"}, Thread.objects.count,
                again={"title": "Another one", "body": "Other words"})


def _reply():
    from clearinghouse.forums.models import Post

    _discussion, thread, user = _forum_setup()
    return Case(user, thread.get_absolute_url(), {"body": "Once only"}, Post.objects.count,
                again={"body": "Other words"})


def _need():
    from clearinghouse.matchmaking.models import Need

    data = {"title": "Training in wetland bird counts", "description": "We need field training on counts.",
            "language": "en", "country": "MA", "visibility": "public", "support_types": ["training"]}
    return Case(f.focal_point("MA"), reverse("matchmaking:need-create"), data, Need.objects.count,
                again={"title": "Another one"})


def _pair():
    from tests.matchmaking.conftest import make_need, make_offer

    return make_need(), make_offer()


def _collaboration_setup():
    from clearinghouse.matchmaking import services

    need, offer = _pair()
    intro = services.introduction_request(actor=need.owner, need=need, offer=offer)
    services.introduction_accept(actor=offer.owner, introduction=intro)
    intro.refresh_from_db()
    return need, offer, intro


def _need_alert():
    from clearinghouse.matchmaking.models import SavedSearch

    need, _offer = _pair()
    return Case(need.owner, need.get_absolute_url(), {}, SavedSearch.objects.count,
                url=reverse("matchmaking:need-action", args=[need.public_id, "alert"]))


def _provider_profile():
    from clearinghouse.matchmaking.models import ProviderProfile

    return Case(f.UserFactory(), reverse("matchmaking:provider-edit"),
                {"areas": "Wetland monitoring", "expertise": "Waterbird counts", "language": "en"},
                ProviderProfile.objects.count, again=None)


def _introduction():
    from clearinghouse.matchmaking import services
    from clearinghouse.matchmaking.models import Introduction

    need, offer = _pair()
    services.suggestions_refresh_for_offer(offer.pk)
    return Case(need.owner, need.get_absolute_url(), {"need": need.pk, "offer": offer.pk, "message": "Hello"},
                Introduction.objects.count, url=reverse("matchmaking:introduction-request"), again=None)


def _message():
    from clearinghouse.matchmaking.models import Message

    need, _offer, intro = _collaboration_setup()
    return Case(need.owner, intro.conversation.get_absolute_url(), {"body": "When can we start?"},
                Message.objects.count, again={"body": "Next week?"})


def _collaboration():
    from clearinghouse.matchmaking.models import Collaboration

    need, _offer, intro = _collaboration_setup()
    return Case(need.owner, reverse("matchmaking:collaboration-create", args=[intro.pk]),
                {"title": "Waterbird training for Morocco"}, Collaboration.objects.count, again=None)


def _milestone():
    from clearinghouse.matchmaking import services
    from clearinghouse.matchmaking.models import Milestone

    need, _offer, intro = _collaboration_setup()
    collab = services.collaboration_create(actor=need.owner, introduction=intro, data={"title": "Training"})
    party = collab.parties.first()
    return Case(need.owner, collab.get_absolute_url(),
                {"action": "milestone", "title": "Field week", "due_date": "2031-03-01", "responsible": party.pk},
                Milestone.objects.count, again={"title": "Report"})


def _saved_search():
    from clearinghouse.matchmaking.models import SavedSearch

    return Case(f.UserFactory(), reverse("matchmaking:home"), {"name": "Wetlands", "kind": "offer", "q": "wetland"},
                SavedSearch.objects.count, url=reverse("matchmaking:search-save"), again={"name": "Mangroves"})


def _workshop():
    from clearinghouse.matchmaking.models import Workshop

    return Case(f.focal_point("KE"), reverse("matchmaking:workshop-open"),
                {"title": "Nairobi matchmaking", "starts_on": "2031-03-01"}, Workshop.objects.count,
                again={"title": "Second day"})


def _sheet(*rows: str):
    upload = io.BytesIO(("\r\n".join(["kind,name,country,title,description,language", *rows]) + "\r\n").encode())
    upload.name = "wall.csv"
    return upload


def _workshop_import():
    from django.utils import timezone

    from clearinghouse.matchmaking import services
    from clearinghouse.matchmaking.models import Need

    ws = services.workshop_open(actor=f.focal_point("KE"), data={"title": "Wall", "starts_on": timezone.localdate()})
    services.workshop_join(actor=f.UserFactory(country_id="MA"), code=ws.join_code)
    return Case(ws.facilitator, ws.get_absolute_url(), {"file": _sheet("need,A,MA,Wetland birds,Count them,en")},
                Need.objects.count, url=reverse("matchmaking:workshop-import", args=[ws.pk]),
                again={"file": _sheet("need,B,MA,Mangrove nurseries,Grow them,en")}, landing=ws.get_absolute_url())


def _invitation():
    from clearinghouse.accounts.models import Invitation

    page = reverse("accounts:country-users", kwargs={"code": "KE"})
    return Case(f.focal_point("KE"), page, {"email": "wanjiru@example.org", "message": "Karibu"},
                Invitation.objects.count, again={"email": "otieno@example.org"})


def _api_token():
    from clearinghouse.accounts.models import ApiToken

    page = reverse("accounts:tokens")
    return Case(f.UserFactory(), page, {"name": "national database sync"}, ApiToken.objects.count,
                again={"name": "second sync"}, landing=page)


def _notification_draft():
    from tests.notifications import factories as nf

    return nf.draft(nf.Staff())


def _official_notification():
    from clearinghouse.notifications.groups import ensure
    from clearinghouse.notifications.models import AddresseeGroup, Notification

    ensure()
    group = AddresseeGroup.objects.get(code="cbd-nfp")
    data = {"reference": "SCBD/STTM/OH/SG/VA/56219", "date": "2006-10-13", "convention": "CBD", "language": "en",
            "subject": "South-South Cooperation", "body": "Parties are invited...", "groups": [group.pk],
            "signatory_name": "Ahmed Djoghlaf"}
    return Case(f.secretariat(), reverse("notifications:create"), data, Notification.objects.count,
                again={"reference": "SCBD/BS/CG/ET/ps/83555", "subject": "Online discussion"})


def _notification_attachment():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clearinghouse.notifications.models import Attachment
    from tests.notifications.factories import PDF

    n = _notification_draft()
    return Case(n.drafted_by, reverse("notifications:attachment-add", args=[n.pk]),
                {"file": SimpleUploadedFile("signed.pdf", PDF, "application/pdf"), "signed": "on"},
                Attachment.objects.count, again={"file": SimpleUploadedFile("annex.pdf", PDF, "application/pdf")},
                landing=n.get_absolute_url())


def _call_for_submissions():
    from clearinghouse.notifications.models import AddresseeGroup, Call

    n = _notification_draft()
    data = {"title": "Contributions on a plan of action", "instructions": "Send contributions.",
            "groups": [AddresseeGroup.objects.get(code="cbd-nfp").pk], "deadline_local": "2007-01-31T23:59",
            "deadline_timezone": "America/Montreal", "accepts_files": "on", "max_files": "5",
            "reminder_every_days": "0", "reminder_start_days": "14"}
    return Case(n.drafted_by, reverse("notifications:call-create", args=[n.pk]), data, Call.objects.count,
                again={"title": "A second call"})


CASES = {
    "knowledge.record_create": _record,
    "knowledge.record_comment_or_share": _record_comment,
    "knowledge.publishing_request_create": _publishing_request,
    "forums.discussion_create": _discussion,
    "forums.thread_create": _thread,
    "forums.post_create": _reply,
    "matchmaking.post_create": _need,
    "matchmaking.need_alert_create": _need_alert,
    "matchmaking.provider_profile_save": _provider_profile,
    "matchmaking.introduction_request": _introduction,
    "matchmaking.message_post": _message,
    "matchmaking.collaboration_create": _collaboration,
    "matchmaking.milestone_add": _milestone,
    "matchmaking.saved_search_create": _saved_search,
    "matchmaking.workshop_open": _workshop,
    "matchmaking.workshop_wall_import": _workshop_import,
    "accounts.invitation_create": _invitation,
    "accounts.api_token_create": _api_token,
    "notifications.notification_create": _official_notification,
    "notifications.attachment_add": _notification_attachment,
    "notifications.call_create": _call_for_submissions,
}
CASES.update(__import__("tests.reporting.idempotency_cases", fromlist=["CASES"]).CASES)  # reporting's forms
CASES.update(__import__("tests.meetings.idempotency_cases", fromlist=["CASES"]).CASES)  # meetings' forms
CASES.update(__import__("tests.partnerships.idempotency_cases", fromlist=["CASES"]).CASES)  # partnerships' forms


def _rewind(data: dict) -> dict:
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)
    return data


@pytest.mark.parametrize("scope", sorted(CASES))
@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_double_submit_creates_one_object_and_leads_to_it(client, scope, htmx):
    case = CASES[scope]()
    client.force_login(case.user)
    before = case.count()
    data = {**case.data, "idempotency_token": token_from(client, case.page)}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    first = client.post(case.url, _rewind(data), **headers)
    assert first.status_code in (200, 302), first.content.decode()[:2000]
    assert case.count() == before + 1, first.content.decode()[:3000]
    second = client.post(case.url, _rewind(data), **headers)
    assert case.count() == before + 1
    target = second["HX-Redirect"] if htmx else second["Location"]
    assert target
    if not htmx:
        assert second.status_code == 302
        assert target == (first["Location"] if first.status_code == 302 else case.landing)
        assert "had already been sent" in client.get(target).content.decode()
    if case.again is None:
        return
    # a fresh form makes a second object, as a user who really wants two expects
    again = client.post(case.url, _rewind({**data, **case.again, "idempotency_token": token_from(client, case.page)}))
    assert again.status_code in (200, 302)
    assert case.count() == before + 2


def test_every_idempotent_view_has_a_case():
    """A view wrapped in ``@idempotent`` after this test was written fails here until it gets a case above."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module, which fills the registry
    missing = sorted(set(idempotency.REGISTRY) - set(CASES))
    assert not missing, f"no double-submit case for {missing}: add a builder to CASES"
    assert not set(CASES) - set(idempotency.REGISTRY), "a case for a scope that no longer exists"


# --- every view that creates is idempotent ---------------------------------------------------------------

#: Calls that make something new: a double submit of a view calling one makes it twice.
CREATES = re.compile(r"_(create|post|add|open|request|import)$")

#: The modules that write (house rule: writes go through services).
WRITERS = {"services", "imports"}

#: Views that call a create service without a one-time token, and why that is right.
EXEMPT = {
    # Flagging a post (an action of the moderation view): flag_create keeps one flag per person and post
    # (get_or_create), so a repeat adds nothing.
    "clearinghouse.forums.views.post_moderate": "one flag per person and post",
    # Asking to join an organisation: membership_request keeps one request per person and organisation and
    # answers a repeat with "already waiting for a decision".
    "clearinghouse.accounts.views.memberships": "one request per person and organisation",
}
# Not listed because the scan cannot see them: the anonymous comment through a share link
# (knowledge.views.shared_draft calls record_comment: no account to key a token by) and the API (its own door,
# the Idempotency-Key header, tested in tests/api/test_idempotency.py).


def _views(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern.callback


def _unwrap(view):
    """The view's own function (or class, for class-based views and callable objects such as feeds), and whether
    any decorator layer is ``@idempotent``."""
    wrapped = False
    if not inspect.isfunction(inspect.unwrap(view)):
        return getattr(view, "view_class", None) or type(view), False
    while True:
        wrapped = wrapped or hasattr(view, "idempotency_scope")
        if not hasattr(view, "__wrapped__"):
            return view, wrapped
        view = view.__wrapped__


def _create_calls(function) -> list[str]:
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        return []
    scope = getattr(function, "__globals__", None) or vars(inspect.getmodule(function))
    names = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):  # services.x_create()
            target = getattr(scope.get(node.func.value.id), node.func.attr, None)
        elif isinstance(node.func, ast.Name):  # x_create() imported from a services module
            target = scope.get(node.func.id)
        else:
            continue
        module = getattr(target, "__module__", "") or ""
        if CREATES.search(getattr(target, "__name__", "")) and module.rsplit(".", 1)[-1] in WRITERS:
            names.append(f"{module}.{target.__name__}")
    return names


def test_every_view_that_creates_is_idempotent():
    """Scan every view the URLconf reaches: a view whose own code calls ``*_create``/``_post``/``_add``/... must be
    wrapped in ``@idempotent`` or exempted above with a reason. The API has its own door (``Idempotency-Key``)."""
    unprotected = {}
    seen = 0
    for namespace, callback in _views(get_resolver().url_patterns):
        if namespace in ("api", "admin") or not callback.__module__.startswith("clearinghouse."):
            continue
        function, wrapped = _unwrap(callback)
        name = f"{function.__module__}.{function.__qualname__}"
        seen += 1
        calls = _create_calls(function)
        if calls and not wrapped and name not in EXEMPT:
            unprotected[name] = calls
    assert seen > 50  # the walk reached the site's views
    assert not unprotected, (
        f"these views create without a one-time token: {unprotected}. Wrap them in @idempotent(...) and put "
        "{% idempotency_token %} in their forms, or add them to EXEMPT with the reason.")
    assert all(name.count(".") >= 3 for name in EXEMPT)


def test_the_scan_catches_a_view_that_creates_without_a_token(monkeypatch):
    """The scan itself: an unwrapped view calling a create service is found, a wrapped one is not."""

    def thing_create(*, actor):
        return None

    thing_create.__module__ = forum_services.__name__
    monkeypatch.setattr(forum_services, "thing_create", thing_create, raising=False)

    def bare(request):
        return forum_services.thing_create(actor=request.user)

    @idempotency.idempotent("tests.thing_create")
    def guarded(request):
        return forum_services.thing_create(actor=request.user)

    monkeypatch.delitem(idempotency.REGISTRY, "tests.thing_create")
    assert _create_calls(_unwrap(bare)[0]) == ["clearinghouse.forums.services.thing_create"]
    assert not _unwrap(bare)[1]
    assert _unwrap(guarded)[1]


# --- concurrency: the same token sent at once from several threads -----------------------------------------

PARALLEL = 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scope", ["knowledge.record_create", "forums.post_create"])
def test_parallel_submits_of_one_token_make_one_object(file_database, scope):  # noqa: F811
    case = CASES[scope]()
    clients = [Client() for _ in range(PARALLEL)]
    for c in clients:
        c.force_login(case.user)
    before = case.count()
    data = {**case.data, "idempotency_token": token_from(clients[0], case.page)}

    results = in_parallel(lambda i: clients[i].post(case.url, data), PARALLEL)

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    assert case.count() == before + 1
    assert all(r.status_code in (200, 302) for r in results), [r.status_code for r in results]
    redirects = {r["Location"] for r in results if r.status_code == 302}
    assert len(redirects) == 1  # every answer leads to the one object
    assert sum(1 for r in results if r.status_code == 302) == PARALLEL
