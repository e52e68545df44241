"""Demo data of the joint reporting portal, made through the reporting services as focal points would:

- each demo country's published report for the CBD's sixth cycle, with answers that differ by country (so the
  question pages have a map and bars across every demo country);
- Brazil's CITES and Ramsar reports, published, so a country page shows reports to three conventions;
- reports that were sent as documents (CMS national reports, 2019), with a PDF per language, for two countries.

Values are chosen per question type from a seeded generator: they are demo answers, not real national data.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from clearinghouse.accounts.models import Role, User
from clearinghouse.core.models import Country
from clearinghouse.reporting import services
from clearinghouse.reporting.models import Cycle, Report

from .models import ReportDocument, ReportDocumentFile

DOMAIN = "demo.clearinghouse.localhost"
COUNTRIES = ["KE", "BR", "CO", "IN", "VN", "MA", "PE", "ZA"]
TEXTS = {
    "en": "Measures are in place and are being extended to the remaining provinces.",
    "pt": "As medidas estão em vigor e estão sendo ampliadas para os demais estados.",
    "es": "Las medidas están vigentes y se amplían a las demás regiones.",
    "fr": "Les mesures sont en place et sont étendues aux autres régions.",
}
LANGUAGE = {"BR": "pt", "CO": "es", "PE": "es", "MA": "fr"}


def _value(question, rng: random.Random, cc: str):
    t = question.qtype
    choices = [c.value for c in question.choice_list.choices.all()] if question.choice_list_id else []
    if t == "yes_no":
        return "yes" if rng.random() < 0.7 else "no"
    if t == "select_one":
        return rng.choice(choices) if choices else None
    if t == "select_multiple":
        return rng.sample(choices, k=min(len(choices), rng.randint(1, 2))) if choices else None
    if t == "integer":
        return rng.randint(1, 40)
    if t == "decimal":
        return f"{rng.uniform(2, 45):.1f}"
    if t == "date":
        return dt.date(2023 + rng.randint(0, 2), rng.randint(1, 12), rng.randint(1, 28)).isoformat()
    if t == "link":
        return f"https://www.cbd.int/countries/?country={cc.lower()}"
    if t == "indicator":
        return {"value": f"{rng.uniform(3, 40):.1f}", "year": 2022, "source": "National statistics office",
                "method": "National inventory"}
    if t == "text":
        return TEXTS[LANGUAGE.get(cc, "en")]
    if t == "table":
        row = {}
        for col in question.columns:
            kind = col.get("type")
            row[col["key"]] = {"integer": rng.randint(1, 9), "decimal": f"{rng.uniform(1, 30):.1f}",
                               "date": "2024-01-15", "yes_no": "yes", "link": "https://www.cbd.int/"}.get(
                kind, f"{col['key'].replace('_', ' ').capitalize()} {rng.randint(1, 9)}")
        return [row]
    return None


def _report(fp, secretariat, country, cycle: Cycle, rng: random.Random) -> Report | None:
    from clearinghouse.reporting.demo import _grant

    _grant(fp, Role.FOCAL_POINT, country.pk, cycle.convention_id)
    report = services.report_open(actor=fp, country=country, cycle=cycle)
    for question in report.template.questions.select_related("choice_list").order_by("position"):
        if not question.takes_answer or question.qtype == "file":
            continue
        value = _value(question, rng, country.pk)
        if value is None:
            continue
        try:
            services.answer_save(actor=fp, report=report, question=question, value=value)
        except ValidationError:
            continue  # a rule the generated value breaks: left unanswered
    try:
        services.report_submit(actor=fp, report=report)
    except ValidationError:
        return None  # stays a draft (not shown in the portal)
    services.report_acknowledge(actor=secretariat, report=report)
    services.report_publish(actor=secretariat, report=report)
    return report


def _pdf(title: str, lang: str) -> bytes:
    from fpdf import FPDF

    from .documents import font

    pdf = FPDF(format="A4")
    pdf.add_page()
    regular = font("regular")
    if regular:
        pdf.add_font("body", "", regular)
        pdf.set_font("body", size=14)
    else:
        pdf.set_font("helvetica", size=14)
    pdf.multi_cell(0, 8, f"{title}\n\n(demo document, {lang})", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def load_demo(stdout=None) -> dict:
    say = (lambda msg: stdout.write(msg + "\n")) if stdout else (lambda msg: None)
    secretariat = User.objects.filter(email__iexact=f"secretariat@{DOMAIN}").first()
    cycles = {f"{c.convention_id}:{c.code}": c for c in Cycle.objects.all()}
    if secretariat is None or "CBD:nr6" not in cycles:
        say("joint: the reporting demo is not loaded")
        return {"created": 0}
    rng = random.Random(2026)
    made = 0
    for cc in COUNTRIES:
        fp = User.objects.filter(email__iexact=f"fp.{cc.lower()}@{DOMAIN}").first()
        if fp is None:
            continue
        country = Country.objects.get(pk=cc)
        wanted = ["CBD:nr6"] + (["CITES:ir2026", "RAMSAR:cop15"] if cc == "BR" else [])
        for key in wanted:
            cycle = cycles.get(key)
            if cycle is None or Report.objects.filter(country=country, cycle=cycle).exists():
                continue
            if _report(fp, secretariat, country, cycle, rng) is not None:
                made += 1
    for cc, lang in (("KE", "en"), ("BR", "pt")):
        if ReportDocument.objects.filter(country_id=cc, convention_id="CMS").exists():
            continue
        doc = ReportDocument.objects.create(
            country_id=cc, convention_id="CMS", cycle="National report to COP13 (2019)",
            title=f"CMS national report 2019: {Country.objects.get(pk=cc).name}", submitted_on=dt.date(2019, 8, 30),
            url="https://www.cms.int/en/documents/national-reports", added_by=secretariat)
        for code in sorted({"en", lang}):
            content = _pdf(doc.title, code)
            item = ReportDocumentFile(document=doc, language=code, filename=f"cms-nr-2019-{cc.lower()}-{code}.pdf",
                                      size=len(content), mime_type="application/pdf")
            item.file.save(item.filename, ContentFile(content), save=True)
    say(f"joint: {made} national reports published across conventions; CMS reports as documents")
    return {"created": made}
