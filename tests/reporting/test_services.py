"""Reporting services: offers with provenance, revisions, conditions and rules, submission, corrections."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clearinghouse.core.errors import Conflict
from clearinghouse.reporting import selectors, services
from clearinghouse.reporting.models import AnswerRevision, Mapping, Question, Report
from tests import factories as f

from . import factories as rf

pytestmark = pytest.mark.django_db


def test_an_answer_given_to_cbd_is_offered_with_its_source_in_cites_and_ramsar():
    cycles = rf.three_cycles()
    fp, _au = rf.country_team()
    cbd = rf.report(fp, cycles["CBD"])
    rf.answer(cbd, fp, "ias_measures", "yes")
    rf.answer(cbd, fp, "capacity_needs", ["finance", "data"])
    for conv, key in (("CITES", "ias_trade_measures"), ("RAMSAR", "ias_wetlands")):
        other = rf.report(fp, cycles[conv])
        question = other.template.questions.get(key=key)
        offers = selectors.offers_for_report(other)[question.pk]
        assert [(o.answer.report.number, o.value, o.text, o.relation) for o in offers] == [
            (cbd.number, "yes", "Yes", "broader")]
        answer = services.offer_accept(actor=fp, report=other, question=question, source_answer=offers[0].answer)
        assert answer.value == "yes" and answer.source_answer_id == offers[0].answer.pk
        assert answer.source["report"] == cbd.number and answer.source["question"] == "ias_measures"
        assert answer.source["convention"] == "CBD" and answer.source["by"]
        # once taken, it is no longer offered; an edit keeps the source it came from
        assert question.pk not in selectors.offers_for_report(other)
        edited = services.answer_save(actor=fp, report=other, question=question, value="no", keep_source=True)
        assert edited.source["report"] == cbd.number
    # another country's answers are never offered
    fp_co, _ = rf.country_team("CO")
    co = rf.report(fp_co, cycles["CITES"], "CO")
    assert selectors.offers_for_report(co) == {}


def test_direction_forward_offers_only_from_source_to_target():
    cycles = rf.three_cycles()
    m = Mapping.objects.get(source__key="ias_measures", target__key="ias_wetlands")
    m.direction = Mapping.Direction.FORWARD
    m.save()
    fp, _ = rf.country_team()
    ramsar = rf.report(fp, cycles["RAMSAR"])
    rf.answer(ramsar, fp, "ias_wetlands", "no")
    cbd = rf.report(fp, cycles["CBD"])
    q = cbd.template.questions.get(key="ias_measures")
    assert q.pk not in selectors.offers_for_report(cbd)


def test_previous_cycle_answers_are_carried_forward_by_key():
    nr6 = rf.cycle("CBD", "nr6")
    nr7 = rf.cycle("CBD", "nr7", previous=nr6)
    fp, _ = rf.country_team(conventions=("CBD",))
    old = rf.report(fp, nr6)
    rf.answer(old, fp, "biodiversity_legislation", "Wildlife Act 2013")
    new = rf.report(fp, nr7)
    q = new.template.questions.get(key="biodiversity_legislation")
    offers = selectors.offers_for_report(new)[q.pk]
    assert offers[0].kind == "previous" and offers[0].value == "Wildlife Act 2013"


def test_mapping_between_incompatible_types_is_refused():
    cycles = rf.three_cycles()
    date_q = Question.objects.get(template__cycle=cycles["CBD"], key="targets_adopted_on")
    yes_no = Question.objects.get(template__cycle=cycles["RAMSAR"], key="ias_wetlands")
    with pytest.raises(ValidationError) as err:
        services.mapping_save(actor=f.secretariat(), source=date_q, target=yes_no)
    assert "do not fit" in str(err.value)
    with pytest.raises(ValidationError):
        services.mapping_save(actor=f.secretariat(), source=yes_no, target=yes_no)


def test_every_save_keeps_a_revision_and_unchanged_saves_add_none():
    cycles = rf.three_cycles()
    fp, _ = rf.country_team()
    report = rf.report(fp, cycles["CBD"])
    for text in ("one", "two", "two", "three"):
        answer = rf.answer(report, fp, "biodiversity_legislation", text)
    assert [r.value for r in answer.revisions.order_by("number")] == ["one", "two", "three"]
    assert answer.revision_count == 3


def test_types_are_checked():
    cycles = rf.three_cycles()
    fp, _ = rf.country_team()
    report = rf.report(fp, cycles["CBD"])
    for key, value in (("pa_coverage", {"value": "abc", "year": 2020}), ("pa_coverage", {"value": "3"}),
                       ("targets_adopted_on", "yesterday"), ("overall_progress", "great"),
                       ("capacity_needs", ["money"]), ("nbsap_link", "javascript:alert(1)")):
        with pytest.raises(ValidationError):
            rf.answer(report, fp, key, value)
    assert rf.answer(report, fp, "natural_ecosystem_extent", {"value": "1,200.5", "year": "2023"}).value == {
        "value": "1200.5", "year": 2023, "source": "", "method": ""}


def test_conditions_and_rules_make_the_list_of_issues():
    cycles = rf.three_cycles()
    fp, _ = rf.country_team()
    report = rf.report(fp, cycles["CBD"])
    keys = lambda: [i.question.key for i in selectors.report_issues(report)]  # noqa: E731
    assert keys() == ["has_national_targets", "overall_progress", "pa_coverage", "ias_measures"]
    rf.answer(report, fp, "ias_measures", "yes")  # makes the description asked (and required)
    assert "ias_description" in keys()
    rf.answer(report, fp, "ias_measures", "no")
    assert "ias_description" not in keys()
    rf.answer(report, fp, "pa_coverage", {"value": "130", "year": 2024})
    issue = next(i for i in selectors.report_issues(report) if i.question.key == "pa_coverage")
    assert issue.message == "A share lies between 0 and 100 %."
    rf.answer(report, fp, "finance_sources", [{"fin_source": "Budget", "fin_share": "70"},
                                              {"fin_source": "Donors", "fin_share": "40"}])
    assert "The shares add up to at most 100 %." in [i.message for i in selectors.report_issues(report)]
    rf.answer(report, fp, "finance_sources", [{"fin_source": "Budget", "fin_share": "70"},
                                              {"fin_source": "", "fin_share": "20"}])
    messages = [i.message for i in selectors.report_issues(report)]
    assert any("Row 2" in m and "required" in m for m in messages)


def test_submit_locks_and_a_correction_is_a_new_revision():
    cycles = rf.three_cycles()
    fp, _ = rf.country_team()
    report = rf.report(fp, cycles["CBD"])
    with pytest.raises(ValidationError):
        services.report_submit(actor=fp, report=report)
    for key, value in rf.COMPLETE_CBD.items():
        rf.answer(report, fp, key, value)
    services.report_submit(actor=fp, report=report)
    assert report.state == Report.State.SUBMITTED
    with pytest.raises(Conflict):
        rf.answer(report, fp, "biodiversity_legislation", "late")
    sec = f.secretariat()
    services.report_acknowledge(actor=sec, report=report)
    services.report_publish(actor=sec, report=report)
    correction = services.report_correct(actor=fp, report=report)
    assert (correction.revision, correction.state, correction.supersedes_id) == (2, "draft", report.pk)
    copied = correction.answers.get(question__key="overall_progress")
    assert copied.value == "some" and copied.revisions.get().via == AnswerRevision.Via.COPY
    report.refresh_from_db()
    assert report.state == Report.State.PUBLISHED  # the published one stays until the correction is published
    with pytest.raises(PermissionDenied):
        services.report_correct(actor=fp, report=report)  # only one correction at a time


def test_mappings_import_from_a_sheet_names_bad_rows_and_saves_nothing_then():
    from clearinghouse.reporting.templates_data import rows_to_xlsx

    rf.three_cycles()
    sec = f.secretariat()
    Mapping.objects.all().delete()
    cols = services.MAPPING_COLUMNS
    good = dict(zip(cols, ["CBD", "nr7", "ias_measures", "CITES", "ir2026", "ias_trade_measures", "broader",
                           "both", ""], strict=True))
    bad = dict(good, target_question="nope")
    with pytest.raises(ValidationError) as err:
        services.mappings_import(actor=sec, content=rows_to_xlsx({"m": [good, bad]}))
    assert "Row 3" in str(err.value) and Mapping.objects.count() == 0
    assert services.mappings_import(actor=sec, content=rows_to_xlsx({"m": [good]})) == 1


def test_national_targets_and_indicator_values():
    from clearinghouse.core.models import Country, Target

    fp, au = rf.country_team()
    ke = Country.objects.get(pk="KE")
    t3 = Target.objects.get(framework="GBF", number=3)
    target = services.national_target_save(actor=au, country=ke, code="T1", title="30x30", alignments={t3: "full"})
    assert [(a.target.number, a.degree) for a in target.alignments.all()] == [(3, "full")]
    value = services.indicator_value_set(actor=fp, country=ke, indicator="3.1", year=2024, value="12.7")
    value.refresh_from_db()
    assert str(value.value.normalize()) == "12.7"
    with pytest.raises(ValidationError):
        services.indicator_value_set(actor=fp, country=ke, indicator="3.1", year=1700, value="1")
