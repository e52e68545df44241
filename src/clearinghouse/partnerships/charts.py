"""Charts and the world map of the gap analysis, rendered by the site as SVG (pygal, country shapes from
pygal-maps-world): no script, no tiles, nothing fetched from elsewhere. Each chart has a title and a
description, and the page beside it has the same figures as a table."""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache

_SCRIPT = re.compile(r"<script.*?</script>|<!--.*?-->", re.S)
_DECIMALS = re.compile(r"(\d)\.\d+")


def _style():
    from pygal.style import Style

    # palette of site.css: dark blue for support, dark red for gaps (4.5:1 on white)
    return Style(background="#ffffff", plot_background="#ffffff", foreground="#1b2421",
                 foreground_strong="#1b2421", foreground_subtle="#4f5b57", colors=("#0b6e4f", "#a4161a", "#4f5b57"),
                 font_family="sans-serif", title_font_size=18, legend_font_size=14, tooltip_font_size=14)


def _clean(svg: str, title: str, desc: str) -> str:
    """No script; coordinates rounded (a fifth of the size); an accessible name and description."""
    from django.utils.html import escape

    svg = _SCRIPT.sub("", svg)
    svg = _DECIMALS.sub(r"\1", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1).replace(
        "<defs>", f"<title>{escape(title)}</title><desc>{escape(desc)}</desc><defs>", 1)


def world_map(*, title: str, desc: str, supported: dict[str, int], gaps: dict[str, int],
              labels: tuple[str, str]) -> str:
    """Countries with support (count of activities) and countries with needs but no support."""
    key = "pmap:" + hashlib.sha256(repr((title, desc, sorted(supported.items()), sorted(gaps.items()),
                                          labels)).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        from pygal_maps_world.maps import World

        chart = World(js=[], css=["file://style.css", "file://graph.css"], disable_xml_declaration=True,
                      style=_style(), title=title, show_legend=True, legend_at_bottom=True, width=800, height=500)
        # one value per series: pygal shades by value, and a country with one activity would be near-white;
        # the counts are in the table beside the map
        chart.add(labels[0], {c.lower(): 1 for c in supported})
        chart.add(labels[1], {c.lower(): 1 for c in gaps})
        svg = _clean(chart.render(is_unicode=True), title, desc)
        cache.set(key, svg, 3600)
    return svg


def bar_chart(*, title: str, desc: str, labels: list[str], series: list[tuple[str, list[int]]]) -> str:
    import pygal

    chart = pygal.HorizontalBar(js=[], css=["file://style.css", "file://graph.css"], disable_xml_declaration=True,
                                style=_style(), title=title, legend_at_bottom=True, width=800,
                                height=max(300, 40 * len(labels) + 120))
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return _clean(chart.render(is_unicode=True), title, desc)
