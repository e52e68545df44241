"""Reporting test data, built through the services and the XLSForm importer (as the site does)."""

from __future__ import annotations

from clearinghouse.core.models import Convention, Country
from clearinghouse.reporting import services, xlsform
from clearinghouse.reporting.models import Cycle, Question
from clearinghouse.reporting.templates_data import workbook
from clearinghouse.reporting.templates_data.forms import MAPPINGS
from tests import factories as f

CYCLES = {"CBD": ("nr7", "cbd_nr7"), "CITES": ("ir2026", "cites_ir"), "RAMSAR": ("cop15", "ramsar_nr")}


def cycle(convention: str = "CBD", code: str | None = None, *, form: str | None = None, previous=None) -> Cycle:
    code = code or CYCLES[convention][0]
    form = form or CYCLES[convention][1]
    c = services.cycle_create(actor=None, convention=Convention.objects.get(pk=convention), code=code,
                              title=f"{convention} {code}", previous=previous)
    if not c.templates.exists():
        services.template_import(actor=None, cycle=c, spec=dict(spec_of(form), cycle=code))
    return c


_SPECS: dict[str, dict] = {}


def spec_of(form: str) -> dict:
    """The shipped form's spec, read through the importer once per test run."""
    if form not in _SPECS:
        result = xlsform.spec_from_xlsform(workbook(form), check_pyxform=False)
        assert result.ok, result.errors
        _SPECS[form] = result.spec
    import copy

    return copy.deepcopy(_SPECS[form])


def three_cycles() -> dict[str, Cycle]:
    cycles = {conv: cycle(conv) for conv in CYCLES}
    for (sc, scy, sk), (tc, tcy, tk), relation, note in MAPPINGS:
        services.mapping_save(actor=None, source=Question.objects.get(template__cycle=cycles[sc], key=sk),
                              target=Question.objects.get(template__cycle=cycles[tc], key=tk), relation=relation,
                              note=note)
    return cycles


def country_team(cc: str = "KE", conventions=("CBD", "CITES", "RAMSAR")):
    fp = f.focal_point(cc, conventions[0])
    for conv in conventions[1:]:
        f.grant(fp, "focal_point", cc, conv)
    au = f.authorised_user(cc)
    return fp, au


def report(fp, cycle_obj: Cycle, cc: str = "KE"):
    return services.report_open(actor=fp, country=Country.objects.get(pk=cc), cycle=cycle_obj)


def answer(report_obj, actor, key: str, value):
    return services.answer_save(actor=actor, report=report_obj, question=report_obj.template.questions.get(key=key),
                                value=value)


COMPLETE_CBD = {
    "has_national_targets": "no", "overall_progress": "some", "ias_measures": "no",
    "pa_coverage": {"value": "12.5", "year": 2024, "source": "WDPA", "method": "GIS"},
}


def long_section_cycle(n: int, convention: str = "CMS", code: str = "long") -> Cycle:
    """A cycle whose template has one section of ``n`` questions: yes/no, multiple choice and text in turn."""
    kinds = ("yes_no", "select_multiple", "text")
    questions = []
    for i in range(n):
        kind = kinds[i % 3]
        questions.append({
            "key": f"q{i:03d}", "type": kind, "label": {"en": f"Question {i}"}, "hint": {}, "required": False,
            "required_message": {}, "relevant": "", "constraint": "", "constraint_message": {},
            "list": {"yes_no": "yes_no", "select_multiple": "level"}.get(kind, ""), "unit": "", "indicator": "",
            "columns": [], "calculation": "", "appearance": "", "extra": {}})
    spec = {"format": 1, "form_id": f"{convention.lower()}_{code}", "title": f"{convention} long form",
            "default_language": "en", "languages": ["en"], "convention": convention, "cycle": code, "settings": {},
            "sections": [{"key": "all", "label": {"en": "Everything"}, "hint": {}, "relevant": "", "extra": {},
                          "questions": questions}],
            "choices": {"yes_no": [{"value": v, "label": {"en": v.title()}, "extra": {}} for v in ("yes", "no")],
                        "level": [{"value": v, "label": {"en": v.title()}, "extra": {}} for v in ("low", "high")]}}
    c = services.cycle_create(actor=None, convention=Convention.objects.get(pk=convention), code=code,
                              title=f"{convention} {code}")
    services.template_import(actor=None, cycle=c, spec=spec)
    return c
