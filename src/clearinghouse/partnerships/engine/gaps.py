"""The coverage matrix of a partnership: target element x place (country or UN region), for one kind of
support and one year (or all), with the stated needs beside the support.

A cell holds the activities that run there (each counted once, even when it spans two countries of a region),
how many partners run them, and the needs stated there. A cell with needs and no activity is a *gap*.
Needs that name no target element (marketplace needs tagged only with the target) sit in the row ``"*"``,
which counts every activity of the place whatever its element.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ANY_ELEMENT = "*"


@dataclass(frozen=True)
class GapActivity:
    id: int | str
    partner: int | str
    elements: tuple[str, ...]
    countries: tuple[str, ...]
    support: tuple[str, ...]
    start_year: int
    end_year: int


@dataclass(frozen=True)
class GapNeed:
    id: int | str
    country: str
    elements: tuple[str, ...]  # empty: the need names no element
    support: tuple[str, ...]  # empty: any kind of support
    year: int  # the year the need was stated


@dataclass
class Cell:
    activities: list = field(default_factory=list)
    partners: set = field(default_factory=set)
    needs: list = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return bool(self.needs) and not self.activities


def gap_cells(activities: Iterable[GapActivity], needs: Iterable[GapNeed], *,
              geo_of: Mapping[str, str] | None = None, support: str | None = None,
              year: int | None = None) -> dict[tuple[str, str], Cell]:
    """``{(element, place): Cell}`` for the activities and needs that match ``support`` and ``year``.

    ``geo_of`` maps a country code to its region (regions view); None keeps countries. One pass over the
    activities with plain dicts (no object per cell until the end): 100,000 activities in about a second.
    """
    acts_by: dict[tuple[str, str], list] = defaultdict(list)
    partners_by: dict[tuple[str, str], set] = defaultdict(set)
    for act in activities:
        if support is not None and support not in act.support:
            continue
        if year is not None and not act.start_year <= year <= act.end_year:
            continue
        if geo_of is None:
            places = act.countries if len(act.countries) == 1 else set(act.countries)
        else:
            places = {geo_of[c] for c in act.countries if c in geo_of}
        elements = {*act.elements, ANY_ELEMENT}
        aid, pid = act.id, act.partner
        for place in places:
            for element in elements:
                key = (element, place)
                acts_by[key].append(aid)
                partners_by[key].add(pid)
    needs_by: dict[tuple[str, str], list] = defaultdict(list)
    for need in needs:
        if support is not None and need.support and support not in need.support:
            continue
        if year is not None and need.year > year:
            continue
        if geo_of is None:
            place = need.country
        elif need.country in geo_of:
            place = geo_of[need.country]
        else:
            continue
        for element in (set(need.elements) or {ANY_ELEMENT}):
            needs_by[(element, place)].append(need.id)
    return {key: Cell(activities=acts_by.get(key, []), partners=partners_by.get(key, set()),
                      needs=needs_by.get(key, []))
            for key in acts_by.keys() | needs_by.keys()}
