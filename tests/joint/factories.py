"""Reporting data for the joint portal's tests: a cycle with one template, and countries' reports in given states.

Rows are written directly (the portal only reads them); the reporting app's own tests drive its services."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from clearinghouse.reporting.models import (
    Answer,
    Choice,
    ChoiceList,
    Cycle,
    Question,
    Report,
    Section,
    Template,
)

_n = itertools.count(1)


def make_cycle(convention: str = "CBD", code: str = "nr7", title: str = "Seventh national report",
               opens_on=dt.date(2024, 1, 1), previous=None) -> Cycle:
    cycle = Cycle.objects.create(convention_id=convention, code=code, title=title, opens_on=opens_on,
                                 due_on=opens_on.replace(year=opens_on.year + 2), previous=previous)
    template = Template.objects.create(cycle=cycle, version=1, form_id=f"{convention.lower()}_{code}",
                                       title={"en": title})
    section = Section.objects.create(template=template, key="s1", label={"en": "Protected areas"})
    yes_no = ChoiceList.objects.create(template=template, name="yn")
    Choice.objects.create(choice_list=yes_no, value="yes", position=0, label={"en": "Yes", "fr": "Oui"})
    Choice.objects.create(choice_list=yes_no, value="no", position=1, label={"en": "No", "fr": "Non"})
    Question.objects.create(template=template, section=section, key="pa_plan", position=1, qtype="yes_no",
                            choice_list=yes_no, label={"en": "Has your country a protected-area plan?",
                                                       "fr": "Votre pays a-t-il un plan d'aires protégées ?"})
    Question.objects.create(template=template, section=section, key="pa_share", position=2, qtype="decimal",
                            unit="%", label={"en": "Share of land protected"})
    return cycle


def question(cycle: Cycle, key: str) -> Question:
    return Question.objects.get(template__cycle=cycle, key=key)


def make_report(cycle: Cycle, country: str, state: str = "published", answers: dict | None = None,
                revision: int = 1) -> Report:
    now = timezone.now()
    template = cycle.templates.first()
    report = Report.objects.create(
        number=f"{cycle.convention_id}-{cycle.code}-{country}-{next(_n)}", country_id=country,
        convention_id=cycle.convention_id, cycle=cycle, template=template, state=state, revision=revision,
        submitted_at=None if state == "draft" else now, published_at=now if state == "published" else None)
    for key, value in (answers or {}).items():
        Answer.objects.create(report=report, question=question(cycle, key), value=value, updated_at=now)
    return report
