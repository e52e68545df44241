"""The coverage matrix of a partnership: target element x place (country or UN region), for one kind of
support and one year (or all), with the stated needs beside the support.

A cell holds the activities that run there (each counted once, even when it spans two countries of a region),
how many partners run them, and the needs stated there. A cell with needs and no activity is a *gap*.
Needs that name no target element (marketplace needs tagged only with the target) sit in the row ``"*"``,
which counts every activity of the place whatever its element.
"""

from __future__ import annotations

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


def _places(countries: Iterable[str], geo_of: Mapping[str, str] | None) -> set[str]:
    if geo_of is None:
        return set(countries)
    return {geo_of[c] for c in countries if c in geo_of}


def gap_cells(activities: Iterable[GapActivity], needs: Iterable[GapNeed], *,
              geo_of: Mapping[str, str] | None = None, support: str | None = None,
              year: int | None = None) -> dict[tuple[str, str], Cell]:
    """``{(element, place): Cell}`` for the activities and needs that match ``support`` and ``year``.

    ``geo_of`` maps a country code to its region (regions view); None keeps countries.
    """
    cells: dict[tuple[str, str], Cell] = {}
    for act in activities:
        if support is not None and support not in act.support:
            continue
        if year is not None and not act.start_year <= year <= act.end_year:
            continue
        places = _places(act.countries, geo_of)
        for place in places:
            for element in (*set(act.elements), ANY_ELEMENT):
                cell = cells.get((element, place))
                if cell is None:
                    cell = cells[(element, place)] = Cell()
                cell.activities.append(act.id)
                cell.partners.add(act.partner)
    for need in needs:
        if support is not None and need.support and support not in need.support:
            continue
        if year is not None and need.year > year:
            continue
        places = _places((need.country,), geo_of)
        for place in places:
            for element in (set(need.elements) or {ANY_ELEMENT}):
                cell = cells.get((element, place))
                if cell is None:
                    cell = cells[(element, place)] = Cell()
                cell.needs.append(need.id)
    return cells
