"""Demo decisions: the ones the seed documents cite (CBD VII/26, X/6, 15/13; CMS Resolution 8.11) and the
decisions the issue-based modules gather (invasive alien species, inland waters, sustainable use, protected
areas, climate change). Symbols, meetings and dates are the real ones; titles are the public titles in short
form and the summaries are written by the project, not copied text."""

from __future__ import annotations

import datetime as dt

from clearinghouse.accounts.models import User

from .models import Decision
from .services import decision_create

D = dt.date
# symbol, convention, number, kind, meeting, meeting symbol, date, title, summary, topics, targets, translations
DECISIONS = [
    ("CBD decision VI/23", "CBD", "VI/23", "decision", "Sixth meeting of the Conference of the Parties", "COP-6",
     D(2002, 4, 19), "Alien species that threaten ecosystems, habitats or species",
     "Adopts guiding principles for the prevention, introduction and mitigation of impacts of alien species, "
     "and asks Parties to use them in national strategies.", ["invasive-species"], [6],
     {"fr": {"title": "Espèces exotiques qui menacent des écosystèmes, des habitats ou des espèces"},
      "es": {"title": "Especies exóticas que amenazan a los ecosistemas, los hábitats o las especies"}}),
    ("CBD decision VII/4", "CBD", "VII/4", "decision", "Seventh meeting of the Conference of the Parties", "COP-7",
     D(2004, 2, 20), "Biological diversity of inland water ecosystems",
     "Adopts the revised programme of work on inland water biodiversity, including river-basin management and "
     "cooperation with the Ramsar Convention as lead partner on wetlands.", ["monitoring"], [2, 3, 11],
     {"fr": {"title": "Diversité biologique des écosystèmes d'eaux intérieures"}}),
    ("CBD decision VII/12", "CBD", "VII/12", "decision", "Seventh meeting of the Conference of the Parties",
     "COP-7", D(2004, 2, 20), "Sustainable use (Article 10)",
     "Adopts the Addis Ababa Principles and Guidelines for the sustainable use of biodiversity.",
     ["mainstreaming"], [5, 9], {"es": {"title": "Utilización sostenible (Artículo 10)"}}),
    ("CBD decision VII/26", "CBD", "VII/26", "decision", "Seventh meeting of the Conference of the Parties",
     "COP-7", D(2004, 2, 20), "Cooperation with other conventions and international organizations and initiatives",
     "Asks the Executive Secretary, with the relevant conventions, organizations and bodies, to examine options "
     "for a flexible framework between all relevant actors, such as a global partnership on biodiversity.",
     ["capacity-building"], [], {}),
    ("CBD decision VII/28", "CBD", "VII/28", "decision", "Seventh meeting of the Conference of the Parties",
     "COP-7", D(2004, 2, 20), "Protected areas (Articles 8 (a) to (e))",
     "Adopts the programme of work on protected areas, with national and regional systems of protected areas "
     "that are comprehensive, effectively managed and ecologically representative.", ["protected-areas"], [3],
     {"fr": {"title": "Aires protégées (articles 8 a) à e))"}, "ru": {"title": "Охраняемые районы (статьи 8 a)–e))"}}),
    ("CBD decision X/6", "CBD", "X/6", "decision", "Tenth meeting of the Conference of the Parties", "COP-10",
     D(2010, 10, 29), "Integration of biodiversity into poverty eradication and development",
     "Promotes the sharing of knowledge on mainstreaming biodiversity for poverty eradication, and partnerships "
     "for South-South and triangular cooperation around regional nodes.", ["mainstreaming", "capacity-building"],
     [], {}),
    ("CBD decision 14/5", "CBD", "14/5", "decision", "Fourteenth meeting of the Conference of the Parties",
     "COP-14", D(2018, 11, 29), "Biodiversity and climate change",
     "Encourages ecosystem-based approaches to climate change adaptation and disaster risk reduction.",
     ["climate"], [8, 11], {"fr": {"title": "Diversité biologique et changements climatiques"}}),
    ("CBD decision 15/4", "CBD", "15/4", "decision", "Fifteenth meeting of the Conference of the Parties",
     "COP-15", D(2022, 12, 19), "Kunming-Montreal Global Biodiversity Framework",
     "Adopts the Kunming-Montreal Global Biodiversity Framework, its four goals for 2050 and 23 targets for 2030.",
     ["nbsap"], [1, 2, 3, 6, 11], {"zh": {"title": "昆明-蒙特利尔全球生物多样性框架"},
                                  "ar": {"title": "إطار كونمينغ-مونتريال العالمي للتنوع البيولوجي"}}),
    ("CBD decision 15/5", "CBD", "15/5", "decision", "Fifteenth meeting of the Conference of the Parties",
     "COP-15", D(2022, 12, 19), "Monitoring framework for the Kunming-Montreal Global Biodiversity Framework",
     "Adopts the headline, component and complementary indicators used in national reports.", ["monitoring"],
     [3, 6], {}),
    ("CBD decision 15/6", "CBD", "15/6", "decision", "Fifteenth meeting of the Conference of the Parties",
     "COP-15", D(2022, 12, 19), "Mechanisms for planning, monitoring, reporting and review",
     "Sets the cycle of updated NBSAPs and national reports, with the templates and deadlines Parties report on.",
     ["monitoring", "nbsap"], [], {}),
    ("CBD decision 15/13", "CBD", "15/13", "decision", "Fifteenth meeting of the Conference of the Parties",
     "COP-15", D(2022, 12, 19), "Cooperation with other conventions and international organizations",
     "Encourages Parties and other Governments to work with all stakeholders to implement the framework jointly, "
     "at every level, through joint work programmes and existing instruments and processes.",
     ["capacity-building"], [3], {"fr": {"title": "Coopération avec d'autres conventions et organisations "
                                          "internationales"}}),
    ("CMS Resolution 8.11", "CMS", "8.11", "resolution", "Eighth meeting of the Conference of the Parties",
     "COP8", D(2005, 11, 25), "Cooperation with other conventions",
     "Reiterates the importance of joint activities and synergies with the other biodiversity-related "
     "conventions for the 2010 biodiversity target.", ["migratory-species", "capacity-building"], [], {}),
    ("CMS Resolution 11.28", "CMS", "11.28", "resolution", "Eleventh meeting of the Conference of the Parties",
     "COP11", D(2014, 11, 9), "Future CMS activities related to invasive alien species",
     "Asks Parties to address the risks invasive alien species pose to migratory species.",
     ["invasive-species", "migratory-species"], [6], {"es": {"title": "Futuras actividades de la CMS relativas "
                                                             "a las especies exóticas invasoras"}}),
    ("CMS Resolution 12.21", "CMS", "12.21", "resolution", "Twelfth meeting of the Conference of the Parties",
     "COP12", D(2017, 10, 28), "Climate change and migratory species",
     "Adopts a programme of work on climate change and migratory species.", ["climate", "migratory-species"],
     [8], {}),
    ("Ramsar Resolution VIII.18", "RAMSAR", "VIII.18", "resolution",
     "Eighth meeting of the Conference of the Contracting Parties", "COP8", D(2002, 11, 26),
     "Invasive species and wetlands", "Urges Contracting Parties to address invasive species in wetlands.",
     ["invasive-species"], [6], {"fr": {"title": "Les espèces envahissantes et les zones humides"}}),
    ("Ramsar Resolution X.24", "RAMSAR", "X.24", "resolution",
     "Tenth meeting of the Conference of the Contracting Parties", "COP10", D(2008, 11, 4),
     "Climate change and wetlands", "Asks Parties to manage wetlands to increase their resilience to climate "
     "change and to keep their carbon stores.", ["climate"], [8, 11], {}),
    ("CITES Resolution Conf. 13.10", "CITES", "13.10", "resolution",
     "Thirteenth meeting of the Conference of the Parties", "CoP13", D(2004, 10, 14),
     "Trade in alien invasive species", "Asks Parties to consider the problems of invasive species when "
     "regulating trade in live animals and plants.", ["invasive-species", "wildlife-trade"], [6], {}),
    ("CITES Resolution Conf. 16.7", "CITES", "16.7", "resolution",
     "Sixteenth meeting of the Conference of the Parties", "CoP16", D(2013, 3, 14), "Non-detriment findings",
     "Gives non-binding principles for the scientific findings that trade will not be detrimental to the "
     "survival of a species.", ["wildlife-trade"], [5], {"es": {"title": "Dictámenes de extracción no "
                                                                 "perjudicial"}}),
]


def load_demo(stdout=None) -> dict:
    from clearinghouse.core.models import Target, Topic

    actor = User.objects.filter(email__startswith="secretariat@").first() or User.objects.filter(
        is_superuser=True).first()
    if actor is None:
        return {"decisions": 0}
    created = 0
    for (symbol, convention, number, kind, meeting, meeting_symbol, adopted, title, summary, topics, targets,
         translations) in DECISIONS:
        if Decision.objects.filter(symbol=symbol).exists():
            continue
        decision_create(
            actor=actor, symbol=symbol, convention_id=convention, number=number, kind=kind, meeting_title=meeting,
            meeting_symbol=meeting_symbol, adopted_on=adopted, title=title, summary=summary, language="en",
            translations=translations, topics=list(Topic.objects.filter(slug__in=topics)),
            targets=list(Target.objects.filter(framework="GBF", number__in=targets)),
        )
        created += 1
    if stdout is not None:
        stdout.write(f"{Decision.objects.count()} decisions ({created} new)")
    return {"decisions": created}
