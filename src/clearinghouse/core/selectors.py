from django.db.models import Count, Q

from clearinghouse.accounts.models import Role, RoleAssignment

from .models import Country, Region


def countries_by_region():
    regions = list(Region.objects.all())
    countries = list(Country.objects.select_related("region").annotate(
        n_records=Count("records", filter=Q(records__revision__gt=0) & ~Q(records__status="archived"))))
    by_region = {r.code: [] for r in regions}
    for c in countries:
        by_region.setdefault(c.region_id, []).append(c)
    return [(r, sorted(by_region.get(r.code, []), key=lambda c: c.local_name())) for r in regions]


def focal_points_of(country: Country):
    return (RoleAssignment.objects.active().filter(country=country, role=Role.FOCAL_POINT)
            .select_related("user", "user__organisation", "convention").order_by("convention_id"))
