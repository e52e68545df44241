"""The gap matrix equals a brute-force count on random data; the page and its cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clearinghouse.partnerships.engine.gaps import ANY_ELEMENT, GapActivity, GapNeed, gap_cells

ELEMENTS = ["pa", "oecm", "marine"]
COUNTRIES = ["KE", "TZ", "FR", "BR"]
REGION = {"KE": "AF", "TZ": "AF", "FR": "WEOG", "BR": "GRULAC"}
SUPPORT = ["training", "finance", "data"]

activity = st.builds(
    lambda i, p, el, cc, su, s, d: GapActivity(id=i, partner=p, elements=tuple(el), countries=tuple(cc),
                                               support=tuple(su), start_year=s, end_year=s + d),
    st.integers(), st.integers(0, 5), st.lists(st.sampled_from(ELEMENTS), min_size=1, max_size=3),
    st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3), st.lists(st.sampled_from(SUPPORT), min_size=1,
                                                                           max_size=2),
    st.integers(2020, 2026), st.integers(0, 3))
need = st.builds(lambda i, cc, el, su, y: GapNeed(id=i, country=cc, elements=tuple(el), support=tuple(su), year=y),
                 st.integers(), st.sampled_from(COUNTRIES), st.lists(st.sampled_from(ELEMENTS), max_size=2),
                 st.lists(st.sampled_from(SUPPORT), max_size=2), st.integers(2020, 2027))


def brute(acts, needs, *, geo_of, support, year):
    """Every cell counted directly from its definition, one cell at a time."""
    place = (lambda c: geo_of[c]) if geo_of else (lambda c: c)
    places = {place(c) for c in COUNTRIES}
    out = {}
    for element in [*ELEMENTS, ANY_ELEMENT]:
        for pl in places:
            a_ids = [a.id for a in acts
                     if (element == ANY_ELEMENT or element in a.elements)
                     and pl in {place(c) for c in a.countries}
                     and (support is None or support in a.support)
                     and (year is None or a.start_year <= year <= a.end_year)]
            partners = {a.partner for a in acts if a.id in set(a_ids)} if a_ids else set()
            n_ids = [n.id for n in needs
                     if ((element in n.elements) if n.elements else element == ANY_ELEMENT)
                     and place(n.country) == pl
                     and (support is None or not n.support or support in n.support)
                     and (year is None or n.year <= year)]
            if a_ids or n_ids:
                out[(element, pl)] = (sorted(a_ids), partners, sorted(n_ids))
    return out


@settings(max_examples=150, deadline=None)
@given(acts=st.lists(activity, max_size=25, unique_by=lambda a: a.id), needs=st.lists(need, max_size=15),
       by_region=st.booleans(), support=st.one_of(st.none(), st.sampled_from(SUPPORT)),
       year=st.one_of(st.none(), st.integers(2020, 2027)))
def test_the_matrix_equals_brute_force(acts, needs, by_region, support, year):
    geo_of = REGION if by_region else None
    cells = gap_cells(acts, needs, geo_of=geo_of, support=support, year=year)
    got = {k: (sorted(c.activities), c.partners, sorted(c.needs)) for k, c in cells.items()}
    assert got == brute(acts, needs, geo_of=geo_of, support=support, year=year)
    for c in cells.values():
        assert c.is_gap == (bool(c.needs) and not c.activities)
