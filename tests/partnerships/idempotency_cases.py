"""Double-submit cases of the partnership forms, for tests/core/test_idempotency.py (which lists every scope)."""

from __future__ import annotations


def _case(*args, **kwargs):
    from tests.core.test_idempotency import Case

    return Case(*args, **kwargs)


def _member_request():
    from clearinghouse.partnerships.models import Member
    from tests.factories import OrganisationFactory, member_of
    from tests.partnerships.factories import make_partnership

    p = make_partnership()
    org = OrganisationFactory()
    return _case(member_of(org), f"/partnerships/{p.slug}/join/", {"party": f"org:{org.pk}", "levels": ["national"]},
                 Member.objects.count, again=None)


def _activity():
    from clearinghouse.partnerships.models import Activity
    from tests.partnerships.factories import activity_data, make_partnership, org_member

    p = make_partnership()
    m, person = org_member(p)
    data = {**activity_data(), "member": m.pk, "status": "ongoing", "is_public": "on"}
    return _case(person, f"/partnerships/{p.slug}/activities/new/?member={m.pk}", data, Activity.objects.count,
                 again={"title": "Another activity", "start": "2025-03"})


def _need():
    from clearinghouse.partnerships.models import PartnershipNeed
    from tests.factories import UserFactory
    from tests.partnerships.factories import make_partnership

    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    return _case(coordinator, f"/partnerships/{p.slug}/needs/new/",
                 {"country": "TD", "title": "Ranger training", "language": "en"}, PartnershipNeed.objects.count,
                 again={"title": "Patrol equipment"})


def _import():
    from clearinghouse.partnerships.models import Activity, ImportDraft
    from tests.partnerships.factories import make_partnership, org_member

    p = make_partnership()
    m, person = org_member(p)

    def draft(title):
        csv = f"title,countries,elements,support,start,end\n{title},KE,protected_areas,training,2025-01,2025-12\n"
        return ImportDraft.objects.create(member=m, user=person, filename="a.csv", kind="table", content=csv.encode())

    first, second = draft("Seagrass survey"), draft("Mangrove nursery")
    return _case(person, f"/partnerships/{p.slug}/activities/import/?member={m.pk}",
                 {"draft": first.pk, "mode": "all", "member": m.pk}, Activity.objects.count,
                 again={"draft": second.pk})


CASES = {
    "partnerships.member_request": _member_request,
    "partnerships.activity_create": _activity,
    "partnerships.need_create": _need,
    "partnerships.activities_import": _import,
}
