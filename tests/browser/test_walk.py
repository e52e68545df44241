"""The reach walk in CI: every page found by following links from the home page and each role's
dashboard, anonymously and as each demo role, in English and Arabic (and a sample in Spanish,
French, Russian and Chinese), checked at 375x667 with axe-core (WCAG 2.0/2.1 A and AA: no serious
or critical violation), for horizontal overflow and for user text in another language without its
``lang`` and ``dir``. All failures of the walk are collected and reported together. See walk.py."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from .conftest import RESULTS
from .walk import DEMO_ROLES, walk

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(site, settings):
    """The live site with the demo loaded (the demo runs its tasks at once, as a real site would)."""
    settings.DEBUG = False
    call_command("demo", stdout=io.StringIO())
    return site


def test_every_page_reached_by_links_passes_the_reach_checks(chromium, demo_site):
    result = walk(chromium, demo_site, roles=DEMO_ROLES, langs=["en", "ar"],
                  sample_langs=["es", "fr", "ru", "zh-hans"])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "walk.json").write_text(json.dumps({
        "summary": result.summary(), "pages": result.pages,
        "failures": [str(f) for f in result.failures]}, indent=1, ensure_ascii=False))
    names = {p for _role, _lang, p in result.pages}
    # The walk found the site by its links: every main page kind was reached.
    for expected in ("/", "/records/", "/marketplace/", "/discussions/", "/countries/", "/accounts/me/",
                     "/api/v1/docs"):
        assert any(p.split("?")[0] == expected for p in names), f"{expected} was not reached"
    assert {role for role, _l, _p in result.pages} == set(DEMO_ROLES)
    assert not result.failures, result.summary() + "\n" + "\n".join(map(str, result.failures))
