"""Demo issue-based modules: the five themes of the retired UNEP modules, each with its decisions (from the
decisions demo) and the reporting questions of the demo templates that touch it (found by their English labels)."""

from __future__ import annotations

from django.db.models import Q

from .models import Module

MODULES = [
    # slug, title, description, conventions, topics, ecosystems, GBF targets, elements, question words, translations
    ("invasive-alien-species", "Invasive alien species",
     "Preventing the introduction of invasive alien species and controlling or eradicating them, as the CBD, "
     "CITES, CMS and Ramsar ask.", ["CBD", "CITES", "CMS", "RAMSAR"], ["invasive-species"], [], [6], [],
     ["invasive", "alien species"], {"fr": {"title": "Espèces exotiques envahissantes"},
                                      "es": {"title": "Especies exóticas invasoras"},
                                      "ar": {"title": "الأنواع الغريبة الغازية"}, "ru": {"title": "Инвазивные чужеродные виды"},
                                      "zh": {"title": "外来入侵物种"}}),
    ("inland-waters", "Inland waters",
     "Wetlands, rivers and lakes: their conservation and wise use under the CBD and the Ramsar Convention.",
     ["CBD", "RAMSAR", "CMS"], [], ["inland-waters", "wetlands"], [2, 3, 11], ["inland_waters"],
     ["wetland", "inland water", "river"], {"fr": {"title": "Eaux intérieures"}, "es": {"title": "Aguas continentales"},
                                            "ar": {"title": "المياه الداخلية"}, "ru": {"title": "Внутренние воды"},
                                            "zh": {"title": "内陆水域"}}),
    ("sustainable-use", "Sustainable use",
     "Using wild species and ecosystems without depleting them: the Addis Ababa Principles, CITES non-detriment "
     "findings and the wise use of wetlands.", ["CBD", "CITES", "RAMSAR"], ["wildlife-trade"], [], [5, 9],
     ["sustainable_use"], ["sustainabl", "harvest", "non-detriment", "trade"],
     {"fr": {"title": "Utilisation durable"}, "es": {"title": "Utilización sostenible"},
      "ar": {"title": "الاستخدام المستدام"}, "ru": {"title": "Устойчивое использование"}, "zh": {"title": "可持续利用"}}),
    ("protected-areas", "Protected areas",
     "Protected areas and other effective area-based conservation measures (GBF Target 3), across the conventions.",
     ["CBD", "RAMSAR", "CMS", "WHC"], ["protected-areas"], [], [3], ["protected_areas", "oecm",
                                                                    "management_effectiveness"],
     ["protected", "oecm", "conserved area", "ramsar site"], {"fr": {"title": "Aires protégées"},
                                                            "es": {"title": "Áreas protegidas"},
                                                            "ar": {"title": "المناطق المحمية"},
                                                            "ru": {"title": "Охраняемые районы"},
                                                            "zh": {"title": "保护区"}}),
    ("climate-change", "Climate change and biodiversity",
     "Ecosystem-based adaptation and mitigation, and the effects of climate change on species and wetlands.",
     ["CBD", "CMS", "RAMSAR"], ["climate"], [], [8, 11], [], ["climate"],
     {"fr": {"title": "Changements climatiques et biodiversité"}, "es": {"title": "Cambio climático y biodiversidad"},
      "ar": {"title": "تغير المناخ والتنوع البيولوجي"}, "ru": {"title": "Изменение климата и биоразнообразие"},
      "zh": {"title": "气候变化与生物多样性"}}),
]


def load_demo(stdout=None) -> dict:
    from clearinghouse.core.models import Ecosystem, Target, Topic
    from clearinghouse.reporting.models import Question

    created = 0
    for position, (slug, title, description, conventions, topics, ecosystems, targets, elements, words,
                   translations) in enumerate(MODULES):
        module, new = Module.objects.get_or_create(slug=slug, defaults={
            "title": title, "description": description, "position": position, "language": "en",
            "translations": translations, "target_elements": elements})
        if not new:
            continue
        created += 1
        module.conventions.set(conventions)
        module.topics.set(Topic.objects.filter(slug__in=topics))
        module.ecosystems.set(Ecosystem.objects.filter(code__in=ecosystems))
        module.targets.set(Target.objects.filter(framework="GBF", number__in=targets))
        cond = Q(pk__in=[])
        for word in words:
            cond |= Q(label__en__icontains=word)
        module.questions.set(Question.objects.filter(cond).exclude(qtype__in=["note", "calculate"])[:40])
    if stdout is not None:
        stdout.write(f"{Module.objects.count()} issue-based modules ({created} new)")
    return {"modules": created}
