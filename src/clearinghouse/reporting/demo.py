"""Demo data for national reporting (idempotent: creates what is missing).

- Cycles: CBD ``nr6`` (published answers of Kenya, carried forward by key) and ``nr7``; CITES ``ir2026``;
  Ramsar ``cop15``. Their templates come from ``templates_data`` through the XLSForm importer.
- Mappings between the CBD, CITES and Ramsar questions that ask the same facts.
- Kenya (``fp.ke`` focal point for CBD, CITES and Ramsar; ``au.ke`` authorised user with the headline
  indicators section): the CBD report is being drafted; its answers are offered, with their source, in the
  CITES and Ramsar reports, which are opened and empty.
- Colombia: the CBD report drafted by ``fp.co`` and ``au.co``, submitted, acknowledged and published.
- Kenya's national targets aligned with GBF targets, and its indicator values.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from clearinghouse.accounts.models import Role, User
from clearinghouse.core.models import Convention, Country, Target

from . import services, xlsform
from .models import AnswerRevision, Cycle, Mapping, Question, Report
from .templates_data import workbook
from .templates_data.forms import MAPPINGS

DOMAIN = "demo.clearinghouse.localhost"

CYCLES = [
    # convention, code, title, form, previous code, opens, due
    ("CBD", "nr6", "Sixth national report (2019-2022)", "cbd_nr7", None, dt.date(2019, 1, 1), dt.date(2022, 12, 31)),
    ("CBD", "nr7", "Seventh national report (2023-2026)", "cbd_nr7", "nr6", dt.date(2025, 1, 1),
     dt.date(2026, 2, 28)),
    ("CITES", "ir2026", "Implementation report 2023-2025", "cites_ir", None, dt.date(2025, 6, 1),
     dt.date(2026, 10, 31)),
    ("RAMSAR", "cop15", "National report to COP15", "ramsar_nr", None, dt.date(2024, 9, 1), dt.date(2027, 1, 31)),
]


def _person(prefix: str, cc: str) -> User | None:
    return User.objects.filter(email__iexact=f"{prefix}.{cc.lower()}@{DOMAIN}").first()


def _grant(user, role, country=None, convention=None):
    from clearinghouse.accounts.models import RoleAssignment
    from clearinghouse.accounts.permissions import clear_role_cache

    RoleAssignment.objects.get_or_create(user=user, role=role, country_id=country, convention_id=convention,
                                         revoked_at=None)
    clear_role_cache(user)


def _templates(secretariat, say) -> dict[str, Cycle]:
    cycles: dict[str, Cycle] = {}
    for conv, code, title, form, prev, opens, due in CYCLES:
        convention = Convention.objects.get(pk=conv)
        previous = cycles.get(f"{conv}:{prev}") if prev else None
        cycle = services.cycle_create(actor=secretariat, convention=convention, code=code, title=title,
                                      previous=previous, opens_on=opens, due_on=due)
        if previous and cycle.previous_id is None:
            Cycle.objects.filter(pk=cycle.pk).update(previous=previous)
            cycle.previous = previous
        cycles[f"{conv}:{code}"] = cycle
        if not cycle.templates.exists():
            result = xlsform.spec_from_xlsform(workbook(form))
            if not result.ok:  # pragma: no cover - the shipped forms are checked by the tests
                raise RuntimeError("; ".join(str(p) for p in result.errors))
            spec = dict(result.spec, cycle=code)
            services.template_import(actor=secretariat, cycle=cycle, spec=spec, source_name=f"{form}.xlsx")
            say(f"template {conv} {code} imported from {form}.xlsx")
    return cycles


def _mappings(secretariat) -> int:
    made = 0
    for (sc, scy, sk), (tc, tcy, tk), relation, note in MAPPINGS:
        source = Question.objects.filter(template__cycle__convention_id=sc, template__cycle__code=scy, key=sk,
                                         template__state="active").first()
        target = Question.objects.filter(template__cycle__convention_id=tc, template__cycle__code=tcy, key=tk,
                                         template__state="active").first()
        if source and target and not Mapping.objects.filter(source=source, target=target).exists():
            services.mapping_save(actor=secretariat, source=source, target=target, relation=relation, note=note)
            made += 1
    return made


def _answer(report, actor, key, value):
    question = report.template.questions.get(key=key)
    return services.answer_save(actor=actor, report=report, question=question, value=value)


CBD_ANSWERS_FP = {
    "has_national_targets": "yes", "targets_adopted_on": "2024-10-15",
    "national_target_list": [
        {"nt_code": "T1", "nt_title": "30 % of land and inland waters under protected areas and OECMs",
         "nt_gbf": "t3", "nt_degree": "full"},
        {"nt_code": "T2", "nt_title": "Invasive species controlled in priority sites", "nt_gbf": "t6",
         "nt_degree": "partial"},
    ],
    "nbsap_link": "https://www.cbd.int/nbsap/", "overall_progress": "some",
    "ias_measures": "yes",
    "ias_description": "The plant protection act requires import risk assessment; prosopis and water hyacinth "
                       "control programmes run in four counties.",
    "biodiversity_legislation": "Wildlife Conservation and Management Act 2013; Environmental Management and "
                                "Co-ordination Act; Forest Conservation and Management Act 2016.",
    "capacity_needs": ["finance", "data", "staff"],
}
CBD_ANSWERS_AU = {
    "pa_coverage": {"value": "12.7", "year": 2024, "source": "World Database on Protected Areas",
                    "method": "GIS overlay of gazetted areas and OECMs on the national boundary"},
    "natural_ecosystem_extent": {"value": "412000", "year": 2023, "source": "National land cover map",
                                 "method": "Remote sensing classification"},
    "finance_sources": [{"fin_source": "National budget", "fin_share": "62"},
                        {"fin_source": "County governments", "fin_share": "18"}],
}


@transaction.atomic
def load_demo(stdout=None) -> dict:
    say = (lambda msg: stdout.write(msg + "\n")) if stdout else (lambda msg: None)
    secretariat = User.objects.filter(email__iexact=f"secretariat@{DOMAIN}").first()
    if secretariat is None:
        say("reporting: no demo people (load the knowledge demo first)")
        return {"created": 0}
    cycles = _templates(secretariat, say)
    made = _mappings(secretariat)
    fp_ke, au_ke = _person("fp", "KE"), _person("au", "KE")
    fp_co, au_co = _person("fp", "CO"), _person("au", "CO")
    if not all((fp_ke, au_ke, fp_co, au_co)):
        return {"created": made}
    for conv in ("CITES", "RAMSAR"):
        _grant(fp_ke, Role.FOCAL_POINT, "KE", conv)
    kenya, colombia = Country.objects.get(pk="KE"), Country.objects.get(pk="CO")

    if not Report.objects.filter(country=kenya).exists():
        # the sixth report, published: its answers are offered in the seventh by question key
        nr6 = services.report_open(actor=fp_ke, country=kenya, cycle=cycles["CBD:nr6"])
        for key, value in {**CBD_ANSWERS_FP, "ias_description": "Import controls on plants and a prosopis "
                           "management strategy.", "overall_progress": "none"}.items():
            _answer(nr6, fp_ke, key, value)
        for key, value in CBD_ANSWERS_AU.items():
            _answer(nr6, fp_ke, key, value)
        services.report_submit(actor=fp_ke, report=nr6)
        services.report_publish(actor=secretariat, report=nr6)
        # the seventh, in draft: the focal point and the authorised user (headline indicators) draft it
        nr7 = services.report_open(actor=fp_ke, country=kenya, cycle=cycles["CBD:nr7"])
        indicators = nr7.template.sections.get(key="headline_indicators")
        services.section_assign(actor=fp_ke, report=nr7, section=indicators, user=au_ke)
        for key, value in CBD_ANSWERS_FP.items():
            if key not in ("overall_progress",):
                _answer(nr7, fp_ke, key, value)
        _answer(nr7, au_ke, "pa_coverage", CBD_ANSWERS_AU["pa_coverage"])
        for conv in ("CITES:ir2026", "RAMSAR:cop15"):
            report = services.report_open(actor=fp_ke, country=kenya, cycle=cycles[conv])
            first = report.template.sections.order_by("position").first()
            services.section_assign(actor=fp_ke, report=report, section=first, user=au_ke)
        say("reporting: Kenya's CBD report drafted; its CITES and Ramsar reports opened (answers offered)")
        _country_data(fp_ke, kenya)
        made += 1

    if not Report.objects.filter(country=colombia).exists():
        _grant(fp_co, Role.FOCAL_POINT, "CO", "CBD")
        report = services.report_open(actor=fp_co, country=colombia, cycle=cycles["CBD:nr7"])
        indicators = report.template.sections.get(key="headline_indicators")
        services.section_assign(actor=fp_co, report=report, section=indicators, user=au_co)
        for key, value in {**CBD_ANSWERS_FP, "nbsap_link": "https://www.cbd.int/countries/?country=co",
                           "ias_description": "Resolución sobre especies invasoras; control del retamo espinoso "
                                              "en los páramos."}.items():
            _answer(report, fp_co, key, value)
        for key, value in {**CBD_ANSWERS_AU, "pa_coverage": {"value": "16.4", "year": 2024, "source": "RUNAP",
                                                             "method": "Registro único nacional"}}.items():
            _answer(report, au_co, key, value)
        services.report_submit(actor=fp_co, report=report)
        services.report_acknowledge(actor=secretariat, report=report)
        services.report_publish(actor=secretariat, report=report)
        say(f"reporting: {report.number} drafted by two people, submitted, acknowledged, published")
        made += 1
    return {"created": made, "revisions": AnswerRevision.objects.count()}


def _country_data(fp, country) -> None:
    gbf = {t.number: t for t in Target.objects.filter(framework="GBF", number__in=(1, 2, 3, 6, 8))}
    if gbf:
        services.national_target_save(actor=fp, country=country, code="T1", title="Protect 30 % of land and inland "
                                      "waters by 2030", alignments={gbf[3]: "full"})
        services.national_target_save(actor=fp, country=country, code="T2", title="Halve the spread of invasive "
                                      "species in priority sites", alignments={gbf[6]: "partial"})
        services.national_target_save(actor=fp, country=country, code="T3", title="Restore 5.1 million hectares "
                                      "of degraded land", alignments={gbf[2]: "full", gbf[8]: "minimal"})
    for year, value in ((2020, "11.8"), (2022, "12.2"), (2024, "12.7")):
        services.indicator_value_set(actor=fp, country=country, indicator="3.1", year=year, value=value, unit="%",
                                     source="World Database on Protected Areas", method="GIS overlay")
