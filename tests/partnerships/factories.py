"""Partnership data built through the services (as the site does)."""

from __future__ import annotations

from clearinghouse.core.models import Target
from clearinghouse.partnerships import services
from clearinghouse.partnerships.demo import ELEMENTS, LANGS
from tests.factories import OrganisationFactory, UserFactory, focal_point, member_of, secretariat

_counter = iter(range(1, 10**6))


def make_partnership(*, coordinator=None, auto_accept: bool = False, slug: str | None = None, **data):
    coordinator = coordinator or UserFactory()
    data.setdefault("name", "Global partnership for Target 3")
    data.setdefault("slug", slug or f"t3-{next(_counter)}")
    data.setdefault("terms", "Open and voluntary; no cut-off date for joining.")
    data["auto_accept"] = auto_accept
    elements = [(row[0], row[1], dict(zip(LANGS, row[1:], strict=True))) for row in ELEMENTS]
    return services.partnership_create(actor=secretariat(), data=data, elements=elements, coordinators=[coordinator],
                                       targets=list(Target.objects.filter(framework="GBF", number=3)))


def org_member(partnership, *, user=None, kind: str = "ngo", countries=("KE",), country: str = "KE"):
    """An active organisation member and a person who acts for it."""
    org = OrganisationFactory(kind=kind, country_id=country)
    user = member_of(org, user)
    m = services.member_request(actor=user, partnership=partnership, organisation=org, levels=["national"],
                                countries=list(countries), elements=["protected_areas"])
    if m.state != "active":
        m = services.member_decide(actor=partnership.coordinators.first(), member=m, accept=True)
    return m, user


def gov_member(partnership, country: str = "KE"):
    fp = focal_point(country)
    m = services.member_request(actor=fp, partnership=partnership, government=country, levels=["national"])
    if m.state != "active":
        m = services.member_decide(actor=partnership.coordinators.first(), member=m, accept=True)
    return m, fp


def activity_data(**over) -> dict:
    data = {"title": "Ranger training in Shimba Hills", "description": "Rangers are trained and equipped.",
            "language": "en", "elements": ["protected_areas", "management_effectiveness"], "countries": ["KE"],
            "subnational": "Kwale County", "level": "subnational", "support_types": ["training"],
            "start": "2025-01", "end": "2026-12", "budget": "100000", "currency": "USD"}
    data.update(over)
    return data


def make_activity(member, user, **over):
    return services.activity_create(actor=user, member=member, data=activity_data(**over))
