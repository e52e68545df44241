"""Pages, exports, feed, SVG and API as a visitor, a member and a coordinator see them."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from clearinghouse.accounts import services as account_services
from clearinghouse.partnerships import services
from clearinghouse.partnerships.models import Member, OverlapSuggestion
from tests.factories import OrganisationFactory, UserFactory, member_of

from .factories import activity_data, gov_member, make_activity, make_partnership, org_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    coordinator = UserFactory()
    p = make_partnership(coordinator=coordinator)
    m, person = org_member(p)
    g, fp = gov_member(p, "TZ")
    public = [make_activity(m, person, title=f"Public activity {i}", start=f"2025-0{i + 1}") for i in range(3)]
    hidden = make_activity(m, person, title="Internal planning only", is_public=False)
    formula = make_activity(g, fp, title="=HYPERLINK(\"http://x\")", countries=["TZ"])
    services.need_create(actor=coordinator, partnership=p, data={"country": "TD", "title": "Ranger training in Chad",
                                                                 "elements": ["protected_areas"]})
    return {"p": p, "m": m, "person": person, "g": g, "fp": fp, "coordinator": coordinator, "public": public,
            "hidden": hidden, "formula": formula}


PAGES = ["detail", "members", "activities", "gaps", "unmatched", "work_programme"]


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_in_a_bounded_number_of_queries(client, world, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        r = client.get(reverse(f"partnerships:{name}", args=[world["p"].slug]))
    assert r.status_code == 200
    assert b"Internal planning only" not in r.content


def test_the_public_sees_public_activities_only(client, world):
    url = reverse("partnerships:activities", args=[world["p"].slug])
    assert b"Internal planning only" not in client.get(url).content
    client.force_login(world["person"])
    assert b"Internal planning only" in client.get(url).content
    hidden = world["hidden"]
    client.logout()
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_gaps_page_has_the_matrix_the_gap_and_an_accessible_map(client, world):
    p = world["p"]
    r = client.get(reverse("partnerships:gaps", args=[p.slug]))
    text = r.content.decode()
    assert 'class="gap"' in text and "Chad" in text  # a need without support
    svg = text[text.index('<figure class="world-map">'):text.index("</figure>", text.index('<figure class="world-map">'))]
    assert "<script" not in svg and "<title id=" in svg and 'role="group"' in svg  # its countries are links
    assert '#td" class="m-gap"><title>Chad: 1 needs without support</title>' in svg  # the gap, on the map
    for fetch in ('href="http', "url(http", "@import", "<image"):  # nothing fetched elsewhere
        assert fetch not in svg
    chart = client.get(reverse("partnerships:gaps_chart", args=[p.slug]))
    assert b"<script" not in chart.content and chart.status_code == 200
    cell = client.get(reverse("partnerships:gap_cell", args=[p.slug, "protected_areas", "TD"]))
    assert b"Ranger training in Chad" in cell.content


def test_region_view_and_filters(client, world):
    r = client.get(reverse("partnerships:gaps", args=[world["p"].slug]) + "?geo=region&support=training&year=2025")
    assert r.status_code == 200 and "Africa" in r.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_hold_public_activities_and_no_formula(client, world, fmt):
    r = client.get(reverse("partnerships:export", args=[world["p"].slug, fmt]))
    assert r.status_code == 200
    if fmt == "json":
        rows = json.loads(r.content)["activities"]
        assert {a["title"] for a in rows} >= {"Public activity 0"}
        assert "Internal planning only" not in {a["title"] for a in rows}
    elif fmt == "csv":
        text = r.content.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "Internal planning only" not in text
    else:
        from io import BytesIO

        from openpyxl import load_workbook

        ws = load_workbook(BytesIO(r.content)).active
        titles = [row[1] for row in ws.iter_rows(values_only=True)]
        assert "'=HYPERLINK(\"http://x\")" in titles


def test_atom_feed_lists_new_public_activities(client, world):
    r = client.get(reverse("partnerships:feed", args=[world["p"].slug]))
    assert r["Content-Type"].startswith("application/atom+xml")
    assert b"Public activity 2" in r.content and b"Internal planning only" not in r.content


def test_join_through_the_page_once(client, world):
    p = world["p"]
    org = OrganisationFactory(name="Sahara Conservation")
    person = member_of(org)
    client.force_login(person)
    page = client.get(reverse("partnerships:join", args=[p.slug]))
    token = page.context["form"]  # the form renders
    assert token is not None and b"Sahara Conservation" in page.content
    from clearinghouse.core.idempotency import new_token

    data = {"party": f"org:{org.pk}", "levels": ["regional"], "countries": ["NE"], "idempotency_token": new_token()}
    r1 = client.post(reverse("partnerships:join", args=[p.slug]), data)
    r2 = client.post(reverse("partnerships:join", args=[p.slug]), data)
    assert r1.status_code == 302 and r2.status_code == 302
    assert Member.objects.filter(partnership=p, organisation=org).count() == 1


def test_someone_who_acts_for_nobody_is_told_who_can_join(client, world):
    client.force_login(UserFactory())
    r = client.get(reverse("partnerships:join", args=[world["p"].slug]))
    assert r.status_code == 403 and b"focal point" in r.content


def test_coordinator_accepts_a_request_on_the_page(client, world):
    p = world["p"]
    org = OrganisationFactory()
    m = services.member_request(actor=member_of(org), partnership=p, organisation=org, levels=["local"])
    client.force_login(world["person"])
    assert client.get(reverse("partnerships:requests", args=[p.slug])).status_code == 403
    client.force_login(world["coordinator"])
    client.post(reverse("partnerships:requests", args=[p.slug]), {"member": m.pk, "decision": "accept"})
    m.refresh_from_db()
    assert m.state == Member.State.ACTIVE


def test_queue_is_for_coordinators_and_confirms(client, world, django_assert_max_num_queries):
    p = world["p"]
    s = OverlapSuggestion.objects.create(partnership=p, a=world["public"][0], b=world["formula"], kind="overlap",
                                         score=0.81, reasons=[{"code": "support", "params": {"support": "training"}}])
    url = reverse("partnerships:overlaps", args=[p.slug])
    client.force_login(world["person"])
    assert client.get(url).status_code == 403
    client.force_login(world["coordinator"])
    with django_assert_max_num_queries(25):
        r = client.get(url)
    assert b"same kind of support: training" in r.content
    client.post(url, {"suggestion": s.pk, "decision": "confirm"})
    s.refresh_from_db()
    assert s.state == "confirmed"


def test_member_registers_and_imports_activities_on_the_pages(client, world):
    p, m, person = world["p"], world["m"], world["person"]
    client.force_login(person)
    from clearinghouse.core.idempotency import new_token

    data = {**activity_data(title="Mangrove nursery"), "member": m.pk, "status": "ongoing",
            "idempotency_token": new_token(), "is_public": "on"}
    data["support_types"] = ["training"]
    r = client.post(reverse("partnerships:activity_new", args=[p.slug]), data)
    assert r.status_code == 302
    csv = (b"title,countries,elements,support,start,end\nSeagrass survey,KE,marine_coastal,data,2025-01,2025-12\n"
           b"Bad,XX,marine_coastal,data,2025-01,2025-12\n")
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post(reverse("partnerships:activity_import", args=[p.slug]) + f"?member={m.pk}",
                    {"file": SimpleUploadedFile("acts.csv", csv, "text/csv")})
    assert b"line 3" in r.content and b"XX" in r.content
    draft = r.context["draft"]
    r = client.post(reverse("partnerships:activity_import", args=[p.slug]) + f"?member={m.pk}",
                    {"draft": draft.pk, "mode": "valid"})
    assert r.status_code == 302
    assert p.activities.filter(title="Seagrass survey").exists() and not p.activities.filter(title="Bad").exists()


def test_contact_form_sends_without_showing_the_address(client, world):
    m = world["m"]
    sender = UserFactory()
    client.force_login(sender)
    page = client.get(m.get_absolute_url())
    assert world["person"].email.encode() not in page.content
    r = client.post(m.get_absolute_url(), {"subject": "Hello", "body": "Let us coordinate."})
    assert r.status_code == 302


def test_work_programme_progress_on_the_page(client, world):
    import datetime as dt

    p, coordinator = world["p"], world["coordinator"]
    item = services.work_item_create(actor=coordinator, partnership=p, data={
        "title": "Joint indicators", "starts_on": dt.date(2024, 1, 1), "ends_on": dt.date(2026, 12, 31),
        "lead": world["m"]})
    url = reverse("partnerships:work_programme", args=[p.slug])
    assert b"behind schedule" in client.get(url).content
    client.force_login(world["person"])
    client.post(url, {"item": item.pk, "progress": "60", "status": "in_progress", "note": "Half done"})
    item.refresh_from_db()
    assert item.progress == 60


def _token(user) -> dict:
    _t, key = account_services.api_token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_api_reads_and_writes(client, world):
    p = world["p"]
    base = f"/api/v1/partnerships/{p.slug}"
    acts = client.get(f"{base}/activities").json()
    assert acts["count"] == 4 and all(a["title"] != "Internal planning only" for a in acts["results"])
    gaps = client.get(f"{base}/gaps").json()
    assert any(c["gap"] and c["place"] == "TD" for c in gaps["cells"])
    assert client.get(f"{base}/members").json()["count"] == 2
    assert client.get(f"{base}/overlaps").status_code == 403
    payload = {"member": world["m"].pk, **activity_data(title="From the API"), "support_types": ["training"]}
    assert client.post(f"{base}/activities", payload, content_type="application/json").status_code == 401
    r = client.post(f"{base}/activities", payload, content_type="application/json", **_token(world["person"]))
    assert r.status_code == 201 and r.json()["title"] == "From the API"
    r = client.post(f"{base}/activities", {**payload, "member": world["g"].pk}, content_type="application/json",
                    **_token(world["person"]))
    assert r.status_code == 403
    bad = {**payload, "end": "2020-01"}
    r = client.post(f"{base}/activities", bad, content_type="application/json", **_token(world["person"]))
    assert r.status_code == 422 and "end" in r.json()["errors"]
    s = OverlapSuggestion.objects.create(partnership=p, a=world["public"][0], b=world["formula"], kind="overlap",
                                         score=0.7, reasons=[])
    r = client.post(f"{base}/overlaps/{s.pk}/decision", {"decision": "dismiss"}, content_type="application/json",
                    **_token(world["coordinator"]))
    assert r.status_code == 200 and r.json()["state"] == "dismissed"
