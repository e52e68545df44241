"""Official notifications in a real browser: a focal point answers a call like the seed 000 one (contributions
on a South-South plan of action) with a file, the secretariat sees it in the tracker, publishes it and downloads
the compilation, whose index lists it and which holds the file."""

from __future__ import annotations

import io
import zipfile

import pytest

from clearinghouse.notifications.models import Submission
from tests.factories import focal_point, secretariat
from tests.notifications import factories as nf

from .conftest import axe_violations, login, logout

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_focal_point_answers_secretariat_tracks_publishes_and_compiles(page, site, tmp_path):
    staff = nf.Staff()
    staff.drafter = secretariat(email="staff@example.org", display_name="Secretariat")
    call = nf.open_call(staff)
    fp = focal_point("KE", email="fp.ke@example.org", display_name="Wanjiru Kamau")
    contribution = tmp_path / "kenya-contribution.pdf"
    contribution.write_bytes(nf.PDF)

    login(page, site, fp.email, PASSWORD)
    page.goto(f"{site}/notifications/inbox/")
    page.get_by_role("link", name=call.title).click()
    page.wait_for_load_state()
    assert "America/Montreal" in page.inner_text("main")
    page.get_by_role("link", name="On behalf of Kenya").click()
    page.wait_for_load_state()
    page.get_by_label("Your submission").fill("Capacity-building and a regional clearing-house node for Africa.")
    page.get_by_label("Summary (one or two sentences, for the compilation)").fill("Capacity-building in Africa")
    page.get_by_label("Attach files").set_input_files(str(contribution))
    page.get_by_label("The secretariat may publish this submission and include it in the compilation").check()
    page.get_by_role("button", name="Submit to the secretariat").click()
    page.wait_for_load_state()
    main = page.inner_text("main")
    submission = Submission.objects.get()
    assert submission.number in main and "Submitted" in main
    assert not submission.late
    logout(page)

    login(page, site, staff.drafter.email, PASSWORD)
    page.goto(f"{site}/notifications/calls/{call.pk}/tracker/?region=AF")
    table = page.inner_text("table")
    assert "Kenya" in table and submission.number in table and "Not started" in table
    assert axe_violations(page) == []
    page.get_by_role("button", name=f"Publish {submission.number}").click()
    page.wait_for_load_state()
    assert "Published" in page.inner_text("main")
    page.goto(f"{site}{call.get_absolute_url()}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the compilation (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes()))
    assert f"{submission.number}/kenya-contribution.pdf" in archive.namelist()
    index = archive.read("index.html").decode()
    assert "Kenya" in index and submission.number in index and "Capacity-building in Africa" in index
    assert "index.docx" in archive.namelist()
