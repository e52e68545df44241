"""World maps rendered by the site as SVG, light enough for slow connections.

The country shapes come from the installed ``pygal-maps-world`` package (no tiles, no scripts, nothing from
elsewhere). Its SVG is 1.1 MB of Bézier curves; :func:`base_map_svg` turns it once per process into polygons on a
1,100 x 560 grid (the curve end points, whole units, repeated points dropped): about 200 KB, 60 KB gzipped, served
at ``/maps/world.svg`` with a long cache lifetime. A page's map (:func:`world_map`) only *references* those
shapes (``<use href="/maps/world.svg?v=…#ke">``) and colours them, so each map costs the page a few kilobytes and
the shapes are downloaded once for the whole site. Every map has a title, a description, a legend, and a table
beside it that says the same (the template's job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha256
from pathlib import Path

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}
SCALE, X0, Y0 = 0.4, -30, 61  # the package's viewBox is "-30 61 2754 1398"
WIDTH, HEIGHT = 1102, 560


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The absolute end points of each sub-path of an SVG path (curves become straight segments)."""
    tokens = _TOKEN.findall(d)
    i, x, y, sx, sy = 0, 0.0, 0.0, 0.0, 0.0
    out: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    cmd = "M"
    while i < len(tokens):
        tok = tokens[i]
        if tok.isalpha():
            cmd, i = tok, i + 1
            if cmd in "zZ":
                if ring:
                    out.append(ring)
                ring, x, y = [], sx, sy
                continue
        n = _ARGS[cmd.lower()]
        values = [float(v) for v in tokens[i:i + n]]
        i += n
        if len(values) < n:
            break
        rel, c = cmd.islower(), cmd.lower()
        if c == "m":
            if ring:
                out.append(ring)
            x, y = (x + values[0], y + values[1]) if rel else (values[0], values[1])
            sx, sy, ring = x, y, [(x, y)]
            cmd = "l" if rel else "L"  # further pairs after a moveto are linetos
        elif c == "h":
            x = x + values[0] if rel else values[0]
            ring.append((x, y))
        elif c == "v":
            y = y + values[0] if rel else values[0]
            ring.append((x, y))
        else:
            x, y = (x + values[-2], y + values[-1]) if rel else (values[-2], values[-1])
            ring.append((x, y))
    if ring:
        out.append(ring)
    return out


@lru_cache(maxsize=1)
def country_paths() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code (lower case) -> a compact path on the WIDTH x HEIGHT grid."""
    import pygal_maps_world

    text = (Path(pygal_maps_world.__file__).parent / "worldmap.svg").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for code, inner in re.findall(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', text, re.S):
        parts = []
        for d in re.findall(r' d="([^"]+)"', inner):
            for ring in _rings(d):
                points: list[tuple[int, int]] = []
                for px, py in ring:
                    q = (round((px - X0) * SCALE), round((py - Y0) * SCALE))
                    if not points or q != points[-1]:
                        points.append(q)
                if len(points) >= 3:
                    parts.append("M" + " ".join(f"{a},{b}" for a, b in points) + "z")
        if parts:
            out[code] = "".join(parts)
    return out


@lru_cache(maxsize=1)
def base_map_svg() -> str:
    """Every country as a ``<symbol>``-like path with an id, for ``<use>`` (served at /maps/world.svg)."""
    paths = "".join(f'<path id="{code}" d="{d}"/>' for code, d in sorted(country_paths().items()))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
            f'<g id="world">{paths}</g></svg>')


@lru_cache(maxsize=1)
def base_map_version() -> str:
    return sha256(base_map_svg().encode()).hexdigest()[:12]


@dataclass(frozen=True)
class MapValue:
    css: str  # a class of the legend, e.g. "m-3" (see site.css: m-0 ... m-5, m-yes, m-no, m-partial)
    label: str  # what the country's shape says on hover and to screen readers: "Kenya: 12 activities"
    url: str = ""  # where a click on the country goes (drill-down)


def world_map(values: dict[str, MapValue], *, title: str, description: str,
              legend: list[tuple[str, str]]) -> SafeString:
    """An accessible world map: countries in ``values`` (ISO alpha-2, any case) coloured by their class.

    ``legend`` is ``[(css class, label)]``. The template puts a table with the same figures beside the map.
    """
    href = reverse("core:world-map") + f"?v={base_map_version()}"
    known = country_paths()
    shapes = []
    for code, value in sorted(values.items()):
        code = code.lower()
        if code not in known:
            continue
        use = format_html('<use href="{}#{}" class="{}"><title>{}</title></use>', href, code, value.css, value.label)
        shapes.append(format_html('<a href="{}">{}</a>', value.url, use) if value.url else use)
    ident = "map-" + sha256(title.encode()).hexdigest()[:8]
    # A map whose countries are links is a group of links; an image's children are hidden from assistive
    # technology, so links inside role="img" would be unreachable (axe: nested-interactive).
    role = "group" if any(value.url for value in values.values()) else "img"
    legend_html = format_html_join("", '<li><span class="swatch {}" aria-hidden="true"></span> {}</li>', legend)
    return format_html(
        '<figure class="world-map"><svg viewBox="0 0 {} {}" role="{}" aria-labelledby="{}-t {}-d">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>'
        '<use href="{}#world" class="m-land"/>{}</svg>'
        '<figcaption><ul class="map-legend">{}</ul></figcaption></figure>',
        WIDTH, HEIGHT, role, ident, ident, ident, title, ident, description, href, mark_safe("".join(shapes)),  # noqa: S308
        legend_html,
    )


def scale_class(value: float, maximum: float, steps: int = 5) -> str:
    """``m-1`` … ``m-5`` for a value on a scale up to ``maximum`` (``m-0`` for zero)."""
    if not value or maximum <= 0:
        return "m-0"
    return f"m-{max(1, min(steps, int((value / maximum) * steps + 0.9999)))}"


