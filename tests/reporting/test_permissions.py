"""Role x action matrix of national reporting."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from clearinghouse.reporting import permissions as perms
from clearinghouse.reporting import services
from clearinghouse.reporting.models import Report
from tests import factories as f

from . import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cycles = rf.three_cycles()
    fp, au = rf.country_team("KE", conventions=("CBD",))
    other_au = f.authorised_user("KE")
    report = rf.report(fp, cycles["CBD"])
    indicators = report.template.sections.get(key="headline_indicators")
    targets = report.template.sections.get(key="national_targets")
    services.section_assign(actor=fp, report=report, section=indicators, user=au)
    return {
        "report": report, "assigned": indicators, "other_section": targets,
        "people": {"fp": fp, "au_assigned": au, "au_unassigned": other_au, "fp_other_country": f.focal_point("CO"),
                   "au_other_country": f.authorised_user("CO"), "fp_other_convention": f.focal_point("KE", "CITES"),
                   "secretariat": f.secretariat(), "registered": f.UserFactory(), "anonymous": None},
    }


def _user(world, who):
    from django.contrib.auth.models import AnonymousUser

    return world["people"][who] or AnonymousUser()


# who: (view draft, edit assigned section, edit other section, assign, submit, acknowledge)
MATRIX = {
    "fp":                  (True, True, True, True, True, False),
    "au_assigned":         (True, True, False, False, False, False),
    "au_unassigned":       (True, False, False, False, False, False),
    "fp_other_country":    (False, False, False, False, False, False),
    "au_other_country":    (False, False, False, False, False, False),
    "fp_other_convention": (False, False, False, False, False, False),
    "secretariat":         (True, False, False, False, False, False),
    "registered":          (False, False, False, False, False, False),
    "anonymous":           (False, False, False, False, False, False),
}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_draft_matrix(world, who):
    user, report = _user(world, who), world["report"]
    got = (perms.can_view_report(user, report), perms.can_edit_section(user, report, world["assigned"]),
           perms.can_edit_section(user, report, world["other_section"]), perms.can_assign_sections(user, report),
           perms.can_submit_report(user, report), perms.can_acknowledge_report(user, report))
    assert got == MATRIX[who]


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_services_enforce_the_matrix(world, who):
    user, report = _user(world, who), world["report"]
    q_assigned = report.template.questions.get(key="natural_ecosystem_extent")
    q_other = report.template.questions.get(key="overall_progress")
    for question, allowed in ((q_assigned, MATRIX[who][1]), (q_other, MATRIX[who][2])):
        if allowed:
            services.answer_save(actor=user, report=report, question=question,
                                 value={"value": "1", "year": 2020} if question.qtype == "indicator" else "some")
        else:
            with pytest.raises(PermissionDenied):
                services.answer_save(actor=user, report=report, question=question, value="x")


def test_only_the_secretariat_acknowledges_and_publishes_and_drafts_stay_in_the_country(world, client):
    report, people = world["report"], world["people"]
    for key, value in rf.COMPLETE_CBD.items():
        rf.answer(report, people["fp"], key, value)
    with pytest.raises(PermissionDenied):
        services.report_submit(actor=people["au_assigned"], report=report)
    services.report_submit(actor=people["fp"], report=report)
    for who in ("fp", "au_assigned", "fp_other_country", "registered"):
        with pytest.raises(PermissionDenied):
            services.report_acknowledge(actor=people[who], report=report)
        with pytest.raises(PermissionDenied):
            services.report_publish(actor=people[who], report=report)
    client.force_login(people["fp_other_country"])
    assert client.get(f"/reports/r/{report.number}/").status_code == 404
    assert client.get(f"/reports/r/{report.number}/questionnaire.xlsx").status_code == 404
    services.report_acknowledge(actor=people["secretariat"], report=report)
    services.report_publish(actor=people["secretariat"], report=report)
    assert report.state == Report.State.PUBLISHED
    assert perms.can_view_report(None, report) is True
    client.logout()
    assert client.get(f"/reports/r/{report.number}/").status_code == 200
    assert client.get(f"/reports/r/{report.number}/s/national_targets/").status_code == 404  # drafting pages


def test_templates_and_mappings_are_the_secretariat_s(world, client):
    for who, code in (("fp", 403), ("secretariat", 200)):
        client.force_login(world["people"][who])
        assert client.get("/reports/templates/").status_code == code
        assert client.get("/reports/mappings/").status_code == code
