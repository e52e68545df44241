"""Time zones: which zone a viewer sees, instants from a wall-clock time in a zone, and how a session reads.

Pure Python (zoneinfo), no database: the organiser gives a wall-clock time in their IANA zone; we store the instant
(UTC) and the zone's name. A time that does not exist (the hour skipped when clocks go forward) is refused; a time
that happens twice (the hour repeated when clocks go back) is the first one (``fold=0``), as calendars do.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def is_zone(name: str | None) -> bool:
    return bool(name) and name in _zones()


def zone_or_none(name: str | None) -> zoneinfo.ZoneInfo | None:
    return zoneinfo.ZoneInfo(name) if is_zone(name) else None


def instant(value: dt.datetime, zone_name: str) -> dt.datetime:
    """The instant of ``value``: an aware datetime as it is, a naive one read as wall-clock time in ``zone_name``.

    Raises ``ValueError`` with a translated message for a wall-clock time the zone skips (DST gap)."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(dt.UTC)
    zone = zoneinfo.ZoneInfo(zone_name)
    aware = value.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(dt.UTC).astimezone(zone)
    if back.replace(tzinfo=None) != value:
        raise ValueError(_("%(time)s does not exist in %(zone)s: the clocks skip that hour (daylight saving "
                           "time). Choose another time.") % {"time": value.strftime("%Y-%m-%d %H:%M"),
                                                              "zone": zone_name})
    return aware.astimezone(dt.UTC)


SOURCE_PROFILE = "profile"
SOURCE_BROWSER = "browser"
SOURCE_UTC = "utc"
SOURCE_LABELS = {
    SOURCE_PROFILE: gettext_lazy("the time zone of your profile"),
    SOURCE_BROWSER: gettext_lazy("your browser's time zone"),
    SOURCE_UTC: gettext_lazy("UTC: set your time zone in your profile, or allow JavaScript, to see your own time"),
}


@dataclass(frozen=True)
class ViewerZone:
    name: str
    source: str  # profile, browser or utc

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.name)

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])


def viewer_zone(user=None, cookie: str | None = None) -> ViewerZone:
    """The zone a viewer sees times in: their profile's, else the browser's (the ``tz`` cookie set by site.js),
    else UTC; and which of the three it is, so the page can say so."""
    name = getattr(user, "timezone", "") if user is not None and getattr(user, "is_authenticated", False) else ""
    if is_zone(name):
        return ViewerZone(name, SOURCE_PROFILE)
    if is_zone(cookie):
        return ViewerZone(cookie, SOURCE_BROWSER)
    return ViewerZone("UTC", SOURCE_UTC)


def viewer_zone_for(request) -> ViewerZone:
    return viewer_zone(getattr(request, "user", None), request.COOKIES.get("tz"))


@dataclass(frozen=True)
class SessionTime:
    """A session as one viewer lives it, and as the organiser wrote it."""

    start: dt.datetime  # in the viewer's zone
    end: dt.datetime
    original_start: dt.datetime  # in the organiser's zone
    original_end: dt.datetime
    viewer_zone: str
    original_zone: str

    @property
    def same_zone(self) -> bool:
        return self.viewer_zone == self.original_zone

    @property
    def day_shift(self) -> int:
        """Days between the viewer's date and the organiser's date (-1, 0, +1)."""
        return (self.start.date() - self.original_start.date()).days

    @property
    def ends_another_day(self) -> bool:
        return self.end.date() != self.start.date()


def session_time(starts_at: dt.datetime, ends_at: dt.datetime, original_zone: str, viewer: str) -> SessionTime:
    vz, oz = zoneinfo.ZoneInfo(viewer), zoneinfo.ZoneInfo(original_zone or "UTC")
    return SessionTime(starts_at.astimezone(vz), ends_at.astimezone(vz), starts_at.astimezone(oz),
                       ends_at.astimezone(oz), viewer, original_zone or "UTC")


def zone_abbreviation(value: dt.datetime) -> str:
    """``EST``, ``CET``... or the offset (``+03``) where the zone has no letters."""
    return value.tzname() or value.strftime("%z")
