"""The InforMEA endpoint read by a small harvester, as InforMEA's would: plain HTTP and OData v2 JSON."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from freezegun import freeze_time

from clearinghouse.decisions.services import decision_update
from tests.decisions.factories import make_decision
from tests.factories import secretariat

pytestmark = pytest.mark.django_db
BASE = "/api/informea/v1/"


def harvest(client, entity_set: str, since: str | None = None, page: int = 2) -> list[dict]:
    """Every entity of a set, page by page, following ``__next`` (optionally only what changed since)."""
    params = {"$format": "json", "$top": str(page), "$inlinecount": "allpages", "$expand": "titles",
              "$orderby": "updated asc"}
    if since:
        params["$filter"] = f"updated gt datetime'{since}'"
    url, out = BASE + entity_set, []
    while url:
        response = client.get(url, params if not out else None)
        assert response.status_code == 200, response.content
        data = response.json()["d"]
        out += data["results"]
        url = data.get("__next", "").replace("http://testserver", "") or None
        params = None
    return out


def test_decisions_are_harvested_whole_then_by_what_changed(client):
    with freeze_time("2024-01-10 12:00"):
        first = make_decision(symbol="CBD decision 15/13", number="15/13", title="Cooperation",
                              translations={"fr": {"title": "Coopération"}})
        make_decision(symbol="CMS Resolution 8.11", convention_id="CMS", number="8.11")
        make_decision(symbol="Ramsar Resolution X.24", convention_id="RAMSAR", number="X.24")
    everything = harvest(client, "Decisions")
    assert len(everything) == 3
    one = next(d for d in everything if d["number"] == "15/13")
    assert one["treaty"] == "cbd" and one["published"].startswith("/Date(")
    assert {"language": "fr", "value": "Coopération"} in [
        {k: v for k, v in t.items() if k != "__metadata"} for t in one["titles"]["results"]]
    with freeze_time("2024-03-01 09:00"):
        decision_update(actor=secretariat(), decision=first, status="amended")
    changed = harvest(client, "Decisions", since="2024-02-01T00:00:00")
    assert [d["number"] for d in changed] == ["15/13"] and changed[0]["status"] == "amended"


def test_paging_counts_and_deferred_collections(client):
    for n in range(5):
        make_decision(number=f"1/{n}", symbol=f"CBD decision 1/{n}")
    data = client.get(BASE + "Decisions", {"$top": "2", "$skip": "1", "$inlinecount": "allpages"}).json()["d"]
    assert data["__count"] == "5" and len(data["results"]) == 2
    deferred = data["results"][0]["titles"]["__deferred"]["uri"]
    rows = client.get(deferred.replace("http://testserver", "")).json()["d"]["results"]
    assert rows and rows[0]["language"] == "en"
    key = re.search(r"\('([^']+)'\)", deferred).group(1)
    assert client.get(f"{BASE}Decisions('{key}')").json()["d"]["id"] == key
    assert client.get(f"{BASE}Decisions('decision-99999')").status_code == 404


def test_metadata_describes_every_set(client):
    response = client.get(BASE + "$metadata")
    assert response.status_code == 200 and response["DataServiceVersion"] == "2.0"
    root = ET.fromstring(response.content)
    names = {e.get("Name") for e in root.iter() if e.tag.endswith("EntitySet")}
    assert {"CountryReports", "Meetings", "Decisions"} <= names
    from pyodata.v2.model import Config, MetadataBuilder  # a maintained OData client reads it too

    schema = MetadataBuilder(response.content, config=Config()).build()
    assert {es.name for es in schema.entity_sets} == names
    assert {p.name for p in schema.entity_type("Decision").proprties()} >= {"id", "treaty", "number", "updated"}
    assert client.get(BASE).json()["d"]["EntitySets"]


@pytest.mark.parametrize("params", [
    {"$filter": "secret eq 'x'"},  # unknown property
    {"$filter": "updated gt"},  # bad syntax
    {"$filter": "updated gt datetime'2024-13-45T00:00:00'"},
    {"$filter": "number eq '1' or 1 eq 1; DROP TABLE decisions_decision"},
    {"$filter": "substringof('x', number)"},
    {"$filter": "titles/any(t: t/value eq 'x')"},
    {"$top": "100000"},
    {"$top": "-1"},
    {"$skip": "x"},
    {"$orderby": "password desc"},
    {"$expand": "owner"},
    {"$inlinecount": "sometimes"},
    {"$format": "xml"},
    {"$unknown": "1"},
])
def test_bad_queries_get_an_odata_error_never_a_500(client, params):
    make_decision()
    response = client.get(BASE + "Decisions", params)
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["error"]["message"]["value"]


def test_an_unknown_set_is_a_404_in_odata_form(client):
    response = client.get(BASE + "Contacts")
    assert response.status_code == 404 and response.json()["error"]["code"] == "NotFound"


def test_filter_by_treaty_and_date_range(client):
    make_decision(symbol="CMS Resolution 12.21", convention_id="CMS", number="12.21", adopted_on=dt.date(2017, 10, 28))
    make_decision(adopted_on=dt.date(2022, 12, 19))
    data = client.get(BASE + "Decisions", {"$filter": "treaty eq 'cms' and published lt datetime'2020-01-01T00:00:00'"}).json()
    assert [d["number"] for d in data["d"]["results"]] == ["12.21"]
    assert timezone.now()


def test_meetings_and_published_reports_are_harvested_with_their_titles(client):
    from clearinghouse.meetings import services as meetings
    from tests.joint.factories import make_cycle, make_report
    from tests.meetings.factories import make_meeting

    with freeze_time("2024-01-10 12:00"):
        meeting = make_meeting(title="Partnership meeting on the margins of UNEA-6", kind="partnership", online=False,
                               city="Nairobi", country="KE", starts_on=dt.date(2024, 2, 22),
                               ends_on=dt.date(2024, 2, 23), timezone="Africa/Nairobi")
        cycle = make_cycle()
        make_report(cycle, "KE")
        make_report(cycle, "BR", state="draft")  # never harvested
    rows = harvest(client, "Meetings")
    assert [(m["city"], m["country"], m["virtual"], m["titles"]["results"][0]["value"]) for m in rows] == [
        ("Nairobi", "KE", False, "Partnership meeting on the margins of UNEA-6")]
    reports = harvest(client, "CountryReports")
    assert [(r["country"], r["treaty"]) for r in reports] == [("KE", "cbd")]
    assert reports[0]["url"].endswith("/reports/r/" + reports[0]["url"].rsplit("/r/", 1)[1])
    with freeze_time("2024-05-01 09:00"):
        meetings.meeting_update(actor=meeting.managers.first(), meeting=meeting, status="held")
    assert [m["status"] for m in harvest(client, "Meetings", since="2024-04-01T00:00:00")] == ["held"]
    assert harvest(client, "CountryReports", since="2024-04-01T00:00:00") == []
