"""Printing: a record, a country page, the notices page and a discussion thread print cleanly:
navigation hidden, link targets written after the links, tables neither cut nor clipped."""

from __future__ import annotations

import pytest

from tests.factories import authorised_user, focal_point, make_record
from tests.forums.helpers import joined, make_discussion, make_thread

from .conftest import login

pytestmark = pytest.mark.browser
PASSWORD = "a-long-enough-passphrase-42"

PRINT_CHECK = """() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== 'none').length;
  const link = document.querySelector('main a[href^="/"]:not(.url)');
  const row = document.querySelector('main tr');
  return {
    navigation: shown('.site-header') + shown('.site-footer') + shown('nav.main-nav') + shown('main form'),
    wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    after: link ? getComputedStyle(link, '::after').content : '',
    href: link ? link.getAttribute('href') : '',
    row: row ? getComputedStyle(row).breakInside : 'avoid',
    clipped: [...document.querySelectorAll('main table')].some(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1),
  };
}"""


def test_record_country_notices_and_thread_print_cleanly(page, site):
    from clearinghouse.forums import services as forums

    author = authorised_user("KE", email="author@example.org", password=PASSWORD)
    record = make_record(country="KE", owner=author, publish=True,
                         title="Community-managed mangrove restoration in Kwale")
    discussion = make_discussion()
    thread = make_thread(discussion)
    forums.post_create(actor=joined(focal_point("KE"), discussion), thread=thread,
                       body="Kenya's revised NBSAP has a chapter on biosafety.")
    login(page, site, author.email, PASSWORD)
    page.set_viewport_size({"width": 794, "height": 1123})  # an A4 page at 96 dpi
    for path in (record.get_absolute_url(), "/countries/KE/", "/notices/", thread.get_absolute_url(),
                 "/accounts/me/"):
        page.goto(site + path)
        page.emulate_media(media="print")
        got = page.evaluate(PRINT_CHECK)
        assert got["navigation"] == 0, (path, got)
        assert not got["wide"] and not got["clipped"], (path, got)
        if got["href"]:
            assert got["href"] in got["after"], (path, got)
        assert got["row"] == "avoid", (path, got)
        assert page.pdf()[:4] == b"%PDF"
        page.emulate_media(media="screen")
