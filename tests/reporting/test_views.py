"""Reporting pages as a person uses them, with query budgets."""

from __future__ import annotations

import pytest

from clearinghouse.reporting.models import Comment, Report

from . import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    cycles = rf.three_cycles()
    fp, au = rf.country_team()
    cbd = rf.report(fp, cycles["CBD"])
    rf.answer(cbd, fp, "ias_measures", "yes")
    ramsar = rf.report(fp, cycles["RAMSAR"])
    client.force_login(fp)
    return client, fp, au, cbd, ramsar, cycles


def test_pages_answer_within_their_query_budget(setup, django_assert_max_num_queries):
    client, fp, _au, cbd, ramsar, _ = setup
    for url, budget in (("/reports/", 25), (f"/reports/r/{cbd.number}/", 30),
                        (f"/reports/r/{ramsar.number}/s/threats/", 30), (f"/reports/r/{cbd.number}/print/", 20),
                        (f"/reports/r/{cbd.number}/q/ias_measures/", 20), ("/reports/targets/KE/", 20),
                        ("/reports/indicators/KE/", 15)):
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200, url
    body = client.get(f"/reports/r/{ramsar.number}/s/threats/").content.decode()
    assert "Answers already given" in body and cbd.number in body


def test_section_form_saves_valid_answers_and_lists_the_wrong_ones(setup):
    client, fp, _au, _cbd, ramsar, _ = setup
    url = f"/reports/r/{ramsar.number}/s/inventory/"
    response = client.post(url, {"q_wetland_inventory": "yes", "q_inventory_year": "1900", "q_wetland_area": "abc",
                                 "q_wetland_legislation": "Water Act"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="#q_wetland_area"' in body and "is not a number" in body
    answers = dict(ramsar.answers.values_list("question__key", "value"))
    assert answers["wetland_inventory"] == "yes" and answers["wetland_legislation"] == "Water Act"
    assert "wetland_area" not in answers
    # the rule on the year is listed on the report page, linking to its question
    page = client.get(f"/reports/r/{ramsar.number}/").content.decode()
    assert f'/reports/r/{ramsar.number}/s/inventory/?q=inventory_year#q-inventory_year' in page


def test_autosave_offer_and_comment(setup):
    client, fp, _au, cbd, ramsar, _ = setup
    url = f"/reports/r/{ramsar.number}/s/threats/autosave/"
    response = client.post(url, {"question": "ias_wetlands_description", "q_ias_wetlands_description": "Draft"},
                           HTTP_HX_REQUEST="true")
    assert b"Saved" in response.content
    response = client.post(url, {"question": "ias_wetlands", "q_ias_wetlands": "maybe"}, HTTP_HX_REQUEST="true")
    assert b"Answer yes or no" in response.content
    source = cbd.answers.get(question__key="ias_measures")
    client.post(f"/reports/r/{ramsar.number}/accept/", {"question": "ias_wetlands", "answer": source.pk})
    answer = ramsar.answers.get(question__key="ias_wetlands")
    assert answer.value == "yes" and answer.source["report"] == cbd.number
    client.post(f"/reports/r/{ramsar.number}/comment/", {"question": "ias_wetlands", "body": "Check with the ministry"})
    assert Comment.objects.get().body == "Check with the ministry"


def test_the_secretariat_imports_a_template_and_sees_the_cell_of_a_mistake(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clearinghouse.reporting.templates_data import rows_to_xlsx
    from tests import factories as f

    cycle = rf.cycle("CMS", "c1", form="ramsar_nr")
    client.force_login(f.secretariat())
    bad = rows_to_xlsx({"survey": [{"type": "begin_group", "name": "s"}, {"type": "integr", "name": "a", "label": "A"},
                                   {"type": "end_group"}]})
    response = client.post("/reports/templates/", {"cycle": cycle.pk, "file": SimpleUploadedFile("t.xlsx", bad)})
    assert response.status_code == 422
    assert "sheet survey, cell A3: unknown question type &#x27;integr&#x27;" in response.content.decode()
    assert cycle.templates.count() == 1
    export = client.get(f"/reports/templates/{cycle.templates.get().pk}.xlsx").content
    response = client.post("/reports/templates/", {"cycle": cycle.pk, "file": SimpleUploadedFile("t.xlsx", export)})
    assert response.status_code == 302 and cycle.templates.count() == 2


def test_open_data_has_published_answers_only(setup, client):
    from clearinghouse.reporting import services
    from tests import factories as f

    _client, fp, _au, cbd, _ramsar, _ = setup
    for key, value in rf.COMPLETE_CBD.items():
        rf.answer(cbd, fp, key, value)
    assert b"ias_measures" not in b"".join(client.get("/reports/open-data.csv").streaming_content)
    services.report_submit(actor=fp, report=cbd)
    services.report_publish(actor=f.secretariat(), report=cbd)
    assert Report.objects.get(pk=cbd.pk).state == "published"
    csv_text = b"".join(client.get("/reports/open-data.csv").streaming_content).decode()
    assert "ias_measures" in csv_text and cbd.number in csv_text
    data = client.get("/reports/open-data.json").json()["answers"]
    assert {"question": "pa_coverage", "type": "indicator"}.items() <= next(
        a for a in data if a["question"] == "pa_coverage").items()
    api = client.get(f"/api/v1/reports/published/{cbd.number}").json()
    assert api["number"] == cbd.number and any(a["question"] == "ias_measures" for a in api["answers"])
    assert client.get("/api/v1/reports/published/NOPE").status_code == 404


def test_a_long_section_is_drafted_page_by_page_and_saving_a_page_keeps_the_others(client):
    """A section of 300 questions took a second and 1.3 MB to open; now it opens a page of them at a time.
    Saving a page touches only its own questions: an unticked box elsewhere is not taken for a cleared one."""
    from clearinghouse.reporting.views import QUESTIONS_PER_PAGE

    n = QUESTIONS_PER_PAGE * 2 + 5
    cycle_obj = rf.long_section_cycle(n)
    fp, _au = rf.country_team(conventions=("CMS",))
    report_obj = rf.report(fp, cycle_obj)
    rf.answer(report_obj, fp, "q001", ["low", "high"])  # page 1, a multiple choice
    rf.answer(report_obj, fp, "q000", "yes")
    client.force_login(fp)
    url = f"/reports/r/{report_obj.number}/s/all/"

    first = client.get(url).content.decode()
    assert 'id="q-q000"' in first and f'id="q-q{QUESTIONS_PER_PAGE:03d}"' not in first
    assert f"Questions 1–{QUESTIONS_PER_PAGE} of {n}" in first
    assert 'href="?page=3"' in first

    last_key = f"q{n - 1:03d}"
    value = {0: "yes", 1: "low", 2: "A reply"}[(n - 1) % 3]
    response = client.post(url + "?page=3", {"page": "3", f"q_{last_key}": value, "q_q002": "Not on this page"})
    assert response.status_code == 302 and response["Location"].endswith("?page=3")
    answers = dict(report_obj.answers.values_list("question__key", "value"))
    assert answers["q001"] == ["low", "high"] and answers["q000"] == "yes"  # page 1 untouched
    assert "q002" not in answers  # a field of another page is not taken from this page's form
    assert last_key in answers

    # A link to a question opens the page it is on.
    response = client.get(url, {"q": f"q{QUESTIONS_PER_PAGE + 1:03d}"})
    assert f'id="q-q{QUESTIONS_PER_PAGE + 1:03d}"' in response.content.decode()
    assert client.get(url, {"page": "99"}).status_code == 200  # past the end: the last page
