"""Demo data for the knowledge network: people with roles in twelve countries and 220+ records.

``load_demo()`` is idempotent: people are looked up by email, records are made
only once (when no demo record exists yet). Records go through the services,
as every other entry point; the text is built from hand-written templates and
theme lists so that it reads naturally in each language.

Demo logins (password ``demo-password-2026``):

- ``fp.ke@demo.clearinghouse.localhost`` … national focal point of Kenya (and ``fp.br``, ``fp.co``,
  ``fp.in``, ``fp.vn``, ``fp.ma``, ``fp.pe``, ``fp.za``, ``fp.mx``, ``fp.cn``, ``fp.eg``, ``fp.fj``)
- ``au.ke@demo.clearinghouse.localhost`` … national authorised user of Kenya (same countries)
- ``secretariat@demo.clearinghouse.localhost``: secretariat
- ``moderator@demo.clearinghouse.localhost``: moderator
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import transaction
from django.utils import timezone

from clearinghouse.accounts import permissions as perms
from clearinghouse.accounts import services as account_services
from clearinghouse.accounts.models import Organisation, Role, RoleAssignment, User
from clearinghouse.accounts.permissions import clear_role_cache

from . import services
from .models import Record, RecordKind

DOMAIN = "demo.clearinghouse.localhost"
PASSWORD = "demo-password-2026"

# country: (language of its records, region-typical places in that language, places in English)
COUNTRIES = {
    "KE": ("en", ["Kwale County", "the Tana River delta", "Kakamega Forest", "the Maasai Mara"], None),
    "BR": ("pt", ["no Pará", "na Mata Atlântica da Bahia", "no Pantanal", "no Cerrado de Goiás"],
           ["Pará", "the Atlantic Forest of Bahia", "the Pantanal", "the Cerrado of Goiás"]),
    "CO": ("es", ["la cuenca del Magdalena", "La Guajira", "el Chocó biogeográfico", "la Sierra Nevada de Santa Marta"],
           ["the Magdalena basin", "La Guajira", "the Chocó", "the Sierra Nevada de Santa Marta"]),
    "IN": ("en", ["the Western Ghats", "the Sundarbans", "the coast of Odisha", "the Nilgiri hills"], None),
    "VN": ("en", ["the Mekong Delta", "Quang Nam province", "Cat Tien National Park", "Ha Long Bay"], None),
    "MA": ("fr", ["le Souss-Massa", "les cédraies du Moyen Atlas", "la lagune de Nador", "l'oasis de Figuig"],
           ["the Souss-Massa", "the cedar forests of the Middle Atlas", "the Nador lagoon", "the Figuig oasis"]),
    "PE": ("es", ["Madre de Dios", "los Andes de Cusco", "los bosques secos de Piura", "el lago Titicaca"],
           ["Madre de Dios", "the Andes of Cusco", "the dry forests of Piura", "Lake Titicaca"]),
    "ZA": ("en", ["the Cape Floristic Region", "KwaZulu-Natal", "the Karoo", "the Kruger to Canyons biosphere"], None),
    "MX": ("es", ["la península de Yucatán", "Oaxaca", "el Golfo de California", "la Sierra Gorda"],
           ["the Yucatán peninsula", "Oaxaca", "the Gulf of California", "the Sierra Gorda"]),
    "CN": ("zh", ["云南", "长江流域", "海南岛", "三江源"], ["Yunnan", "the Yangtze basin", "Hainan Island", "Sanjiangyuan"]),
    "EG": ("ar", ["دلتا النيل", "ساحل البحر الأحمر", "وادي الجمال", "بحيرة البرلس"],
           ["the Nile Delta", "the Red Sea coast", "Wadi El Gemal", "Lake Burullus"]),
    "FJ": ("en", ["Vanua Levu", "the Great Sea Reef", "the Rewa delta", "Taveuni"], None),
}

# theme: names per language, topic, ecosystem, GBF targets
THEMES = [
    ({"en": "mangrove restoration", "es": "restauración de manglares", "pt": "restauração de manguezais",
      "fr": "restauration des mangroves", "ar": "استعادة غابات المانغروف", "zh": "红树林恢复",
      "ru": "восстановление мангровых лесов"}, "restoration", "marine-coastal", [2, 8, 11]),
    ({"en": "community forest management", "es": "manejo forestal comunitario", "pt": "manejo florestal comunitário",
      "fr": "gestion communautaire des forêts", "ar": "الإدارة المجتمعية للغابات", "zh": "社区森林管理",
      "ru": "общинное управление лесами"}, "protected-areas", "forest", [3, 10, 22]),
    ({"en": "control of invasive alien plants", "es": "control de plantas exóticas invasoras",
      "pt": "controle de plantas exóticas invasoras", "fr": "lutte contre les plantes exotiques envahissantes",
      "ar": "مكافحة النباتات الغريبة الغازية", "zh": "外来入侵植物防控", "ru": "борьба с инвазивными чужеродными растениями"},
     "invasive-species", "inland-waters", [6]),
    ({"en": "wetland conservation", "es": "conservación de humedales", "pt": "conservação de áreas úmidas",
      "fr": "conservation des zones humides", "ar": "صون الأراضي الرطبة", "zh": "湿地保护",
      "ru": "сохранение водно-болотных угодий"}, "protected-areas", "wetlands", [1, 3, 11]),
    ({"en": "agroforestry and seed banks", "es": "agroforestería y bancos de semillas",
      "pt": "agrofloresta e bancos de sementes", "fr": "agroforesterie et banques de semences",
      "ar": "الحراجة الزراعية وبنوك البذور", "zh": "农林复合与种子库", "ru": "агролесоводство и банки семян"},
     "agrobiodiversity", "agricultural", [4, 10, 13]),
    ({"en": "marine protected areas", "es": "áreas marinas protegidas", "pt": "áreas marinhas protegidas",
      "fr": "aires marines protégées", "ar": "المناطق البحرية المحمية", "zh": "海洋保护区",
      "ru": "морские охраняемые районы"}, "protected-areas", "marine-coastal", [3, 5, 10]),
    ({"en": "sustainable small-scale fisheries", "es": "pesca artesanal sostenible", "pt": "pesca artesanal sustentável",
      "fr": "pêche artisanale durable", "ar": "المصايد الحرفية المستدامة", "zh": "可持续小规模渔业",
      "ru": "устойчивое маломасштабное рыболовство"}, "fisheries", "marine-coastal", [5, 9, 10]),
    ({"en": "urban green corridors", "es": "corredores verdes urbanos", "pt": "corredores verdes urbanos",
      "fr": "corridors verts urbains", "ar": "الممرات الخضراء الحضرية", "zh": "城市绿色廊道",
      "ru": "городские зелёные коридоры"}, "urban-nature", "urban", [12, 1]),
    ({"en": "monitoring of threatened species", "es": "monitoreo de especies amenazadas",
      "pt": "monitoramento de espécies ameaçadas", "fr": "suivi des espèces menacées",
      "ar": "رصد الأنواع المهددة", "zh": "受威胁物种监测", "ru": "мониторинг редких видов"},
     "species-recovery", "forest", [4, 21]),
    ({"en": "combating wildlife trafficking", "es": "lucha contra el tráfico de fauna silvestre",
      "pt": "combate ao tráfico de animais silvestres", "fr": "lutte contre le trafic d'espèces sauvages",
      "ar": "مكافحة الاتجار بالأحياء البرية", "zh": "打击野生动物非法贸易", "ru": "борьба с незаконной торговлей дикими видами"},
     "wildlife-trade", "forest", [5, 9]),
    ({"en": "reducing pesticide pollution", "es": "reducción de la contaminación por plaguicidas",
      "pt": "redução da poluição por agrotóxicos", "fr": "réduction de la pollution par les pesticides",
      "ar": "الحد من التلوث بالمبيدات", "zh": "减少农药污染", "ru": "сокращение загрязнения пестицидами"},
     "pollution", "agricultural", [7, 10]),
    ({"en": "access and benefit-sharing agreements", "es": "acuerdos de acceso y participación en los beneficios",
      "pt": "acordos de acesso e repartição de benefícios", "fr": "accords d'accès et de partage des avantages",
      "ar": "اتفاقات الحصول وتقاسم المنافع", "zh": "遗传资源获取与惠益分享协议",
      "ru": "соглашения о доступе и совместном использовании выгод"}, "abs", "forest", [13]),
    ({"en": "biodiversity-inclusive spatial planning", "es": "planificación espacial que integra la biodiversidad",
      "pt": "planejamento espacial que integra a biodiversidade", "fr": "planification spatiale intégrant la biodiversité",
      "ar": "التخطيط المكاني المراعي للتنوع البيولوجي", "zh": "纳入生物多样性的空间规划",
      "ru": "пространственное планирование с учётом биоразнообразия"}, "spatial-planning", "mountain", [1, 14]),
    ({"en": "green finance for nature", "es": "finanzas verdes para la naturaleza", "pt": "finanças verdes para a natureza",
      "fr": "finance verte pour la nature", "ar": "التمويل الأخضر للطبيعة", "zh": "面向自然的绿色金融",
      "ru": "зелёное финансирование природы"}, "finance", "forest", [18, 19]),
    ({"en": "drylands and rangeland restoration", "es": "restauración de tierras secas y pastizales",
      "pt": "restauração de terras secas e pastagens", "fr": "restauration des terres arides et des parcours",
      "ar": "استصلاح الأراضي الجافة والمراعي", "zh": "旱地与草原恢复", "ru": "восстановление засушливых земель и пастбищ"},
     "restoration", "dry-subhumid", [2, 10]),
    ({"en": "coral reef resilience", "es": "resiliencia de los arrecifes de coral", "pt": "resiliência dos recifes de coral",
      "fr": "résilience des récifs coralliens", "ar": "قدرة الشعاب المرجانية على الصمود", "zh": "珊瑚礁韧性",
      "ru": "устойчивость коралловых рифов"}, "climate", "marine-coastal", [8, 11]),
]

# What each place is (the same order as the places of COUNTRIES), so a theme is only set where it fits:
# mangroves on tropical coasts, coral reefs where there are reefs, rangelands in drylands, and so on.
PLACE_KINDS = {
    "KE": [{"coast", "mangrove", "coral", "forest", "farmland"}, {"wetland", "coast", "mangrove", "river", "forest"},
           {"forest"}, {"savanna", "dryland", "grassland"}],
    "BR": [{"forest", "river", "coast", "mangrove"}, {"forest", "coast", "mangrove", "farmland"},
           {"wetland", "river", "grassland"}, {"savanna", "grassland", "farmland"}],
    "CO": [{"river", "wetland", "farmland", "urban"}, {"dryland", "coast", "marine"}, {"forest", "coast", "mangrove"},
           {"mountain", "forest"}],
    "IN": [{"forest", "mountain"}, {"mangrove", "wetland", "coast"}, {"coast", "marine", "wetland", "mangrove"},
           {"mountain", "forest", "farmland"}],
    "VN": [{"wetland", "coast", "mangrove", "farmland", "river"}, {"coast", "forest", "mountain", "urban"},
           {"forest", "wetland"}, {"marine", "coast", "coral"}],
    "MA": [{"coast", "wetland", "dryland", "farmland"}, {"forest", "mountain"}, {"coast", "marine", "wetland"},
           {"dryland", "farmland"}],
    "PE": [{"forest", "river"}, {"mountain", "farmland", "grassland"}, {"dryland", "forest"},
           {"wetland", "mountain"}],
    "ZA": [{"shrubland", "mountain", "coast"}, {"coast", "marine", "coral", "mangrove", "forest", "farmland", "urban"},
           {"dryland", "grassland"}, {"savanna", "dryland"}],
    "MX": [{"coast", "marine", "coral", "mangrove", "forest"}, {"mountain", "forest", "farmland"},
           {"marine", "coast", "coral", "mangrove"}, {"mountain", "forest"}],
    "CN": [{"forest", "mountain", "farmland"}, {"wetland", "river", "farmland", "urban"},
           {"coast", "marine", "coral", "mangrove", "forest"}, {"mountain", "grassland", "wetland"}],
    "EG": [{"wetland", "farmland", "river", "urban"}, {"marine", "coast", "coral", "mangrove"},
           {"dryland", "coast", "marine", "coral", "mangrove"}, {"wetland", "coast"}],
    "FJ": [{"forest", "coast", "mangrove", "coral"}, {"marine", "coral"}, {"wetland", "coast", "mangrove", "river"},
           {"forest", "coast", "coral"}],
}
LAND = {"forest", "farmland", "savanna", "dryland", "grassland", "mountain", "shrubland", "wetland", "river",
        "urban", "coast"}
# Per theme (same order as THEMES): the kinds of place it fits (None: anywhere), whether a good practice
# about it is managed on the ground (hectares, nurseries, patrols), and whether elders hold knowledge of it.
THEME_FIT = [
    ({"mangrove"}, True, True),  # mangrove restoration
    ({"forest"}, True, True),  # community forest management
    (LAND - {"urban"}, True, False),  # control of invasive alien plants
    ({"wetland"}, True, True),  # wetland conservation
    ({"farmland"}, True, True),  # agroforestry and seed banks
    ({"marine"}, True, False),  # marine protected areas
    ({"marine", "wetland", "river"}, True, True),  # sustainable small-scale fisheries
    ({"urban"}, True, False),  # urban green corridors
    (None, True, True),  # monitoring of threatened species
    (None, False, False),  # combating wildlife trafficking
    ({"farmland"}, True, False),  # reducing pesticide pollution
    ({"forest", "mountain", "farmland", "savanna", "shrubland", "marine"}, False, False),  # access and benefit-sharing
    (None, True, False),  # biodiversity-inclusive spatial planning
    (None, False, False),  # green finance for nature
    ({"dryland", "savanna", "grassland"}, True, True),  # drylands and rangeland restoration
    ({"coral"}, True, True),  # coral reef resilience
]


def fitting_places(cc: str, theme) -> list[int]:
    """Indices of the country's places where a theme reads plausibly."""
    kinds = THEME_FIT[THEMES.index(theme)][0]
    return [i for i, k in enumerate(PLACE_KINDS[cc]) if kinds is None or kinds & k]


def _themes_for(cc: str, rng: random.Random) -> tuple[list, list]:
    """Ten themes for a country: seven it manages on the ground (good practices), then three more;
    every one fits at least one of its places."""
    fit = [t for t in THEMES if fitting_places(cc, t)]
    on_ground = [t for t in fit if THEME_FIT[THEMES.index(t)][1]]
    first = rng.sample(on_ground, 7)
    rest = rng.sample([t for t in fit if t not in first], 3)
    return first + rest, [t for t in first if THEME_FIT[THEMES.index(t)][2]]


GP_TITLES = {
    "en": ["{Theme} in {place}: a community-led approach", "Scaling up {theme} across {place}",
           "Lessons from ten years of {theme} in {place}"],
    "es": ["{Theme} en {place}: un enfoque comunitario", "{Theme} a gran escala en {place}",
           "Diez años de {theme} en {place}: lecciones aprendidas"],
    "pt": ["{Theme} {place}: uma abordagem comunitária", "{Theme} em grande escala {place}",
           "Lições de dez anos de {theme} {place}"],
    "fr": ["{Theme} dans {place} : une approche communautaire", "{Theme} à grande échelle dans {place}",
           "Dix ans d'action en matière de {theme} dans {place} : les leçons"],
    "ar": ["{theme} في {place}: نهج مجتمعي", "توسيع نطاق {theme} في {place}", "دروس من عشر سنوات من {theme} في {place}"],
    "zh": ["{place}的{theme}：社区主导的做法", "在{place}推广{theme}", "{place}{theme}十年经验"],
}
GP_SUMMARY = {
    "en": "Local communities, the local government and researchers in {place} worked together on {theme}. "
          "The practice combines traditional knowledge with simple monitoring and has been copied by neighbouring areas.",
    "es": "Comunidades locales, autoridades y centros de investigación de {place} trabajaron juntos en {theme}. "
          "La práctica combina el conocimiento tradicional con un monitoreo sencillo y ya se replica en zonas vecinas.",
    "pt": "Comunidades locais, governo e pesquisadores {place} trabalharam juntos em ações de {theme}. "
          "A prática combina conhecimento tradicional com monitoramento simples e já é replicada em áreas vizinhas.",
    "fr": "Les communautés locales, les autorités et les chercheurs dans {place} ont uni leurs efforts en matière de {theme}. "
          "La pratique associe savoirs traditionnels et suivi simple, et a été reprise par les zones voisines.",
    "ar": "تعاونت المجتمعات المحلية والسلطات والباحثون في {place} في مجال {theme}. "
          "تجمع هذه الممارسة بين المعارف التقليدية والرصد البسيط، وقد اعتمدتها مناطق مجاورة.",
    "zh": "{place}的社区、地方政府和研究人员共同开展{theme}。该做法将传统知识与简便的监测相结合，已被周边地区借鉴。",
}
GP_BODY = {
    "en": "## Context\n\nIn {place}, pressure from {pressure} had reduced the area in good condition by almost a third "
          "since 2000.\n\n## What was done\n\n- {n} village committees agreed on rules of use and patrols\n"
          "- nurseries and training for {people} people, half of them women\n- a shared map of priority sites, "
          "updated every season\n\n## Results\n\nAfter {years} years, {ha} hectares are under active management "
          "and incomes from sustainable use have risen.",
    "es": "## Contexto\n\nEn {place}, la presión de {pressure} había reducido casi un tercio la superficie en buen estado "
          "desde 2000.\n\n## Qué se hizo\n\n- {n} comités comunitarios acordaron reglas de uso y patrullajes\n"
          "- viveros y capacitación para {people} personas, la mitad mujeres\n- un mapa compartido de sitios "
          "prioritarios, actualizado cada temporada\n\n## Resultados\n\nTras {years} años, {ha} hectáreas están "
          "bajo manejo activo y los ingresos por uso sostenible han aumentado.",
    "pt": "## Contexto\n\n{Place_cap}, a pressão de {pressure} havia reduzido em quase um terço a área em bom estado "
          "desde 2000.\n\n## O que foi feito\n\n- {n} comitês comunitários definiram regras de uso e vigilância\n"
          "- viveiros e capacitação para {people} pessoas, metade mulheres\n- um mapa comum de áreas "
          "prioritárias, atualizado a cada estação\n\n## Resultados\n\nApós {years} anos, {ha} hectares estão sob "
          "manejo ativo e a renda do uso sustentável aumentou.",
    "fr": "## Contexte\n\nDans {place}, la pression de {pressure} avait réduit de près d'un tiers la surface en bon état "
          "depuis 2000.\n\n## Ce qui a été fait\n\n- {n} comités villageois ont fixé des règles d'usage et des "
          "patrouilles\n- pépinières et formation pour {people} personnes, dont la moitié de femmes\n- une carte "
          "partagée des sites prioritaires, mise à jour chaque saison\n\n## Résultats\n\nAprès {years} ans, {ha} "
          "hectares sont gérés activement et les revenus de l'usage durable ont augmenté.",
    "ar": "## السياق\n\nفي {place}، أدى الضغط الناتج عن {pressure} إلى تقليص المساحة السليمة بنحو الثلث منذ عام 2000.\n\n"
          "## ما الذي أُنجز\n\n- اتفقت {n} لجنة قروية على قواعد الاستخدام والدوريات\n- مشاتل وتدريب لـ{people} شخصًا، "
          "نصفهم من النساء\n- خريطة مشتركة للمواقع ذات الأولوية تُحدَّث كل موسم\n\n## النتائج\n\nبعد {years} سنوات، "
          "أصبحت {ha} هكتارًا تحت إدارة فعلية، وارتفع الدخل من الاستخدام المستدام.",
    "zh": "## 背景\n\n自2000年以来，{place}受{pressure}影响，状况良好的面积减少了近三分之一。\n\n## 主要做法\n\n"
          "- {n}个村级委员会商定了利用规则和巡护制度\n- 为{people}人提供育苗和培训，其中一半为女性\n"
          "- 共享优先地点地图，每季更新\n\n## 成效\n\n{years}年后，{ha}公顷土地得到有效管理，可持续利用带来的收入有所增加。",
}
PRESSURES = {
    "en": ["land conversion", "overharvesting", "unplanned settlements", "drought"],
    "es": ["la expansión agrícola", "la sobreexplotación", "los asentamientos no planificados", "la sequía"],
    "pt": ["a expansão agrícola", "a sobre-exploração", "ocupações desordenadas", "a seca"],
    "fr": ["l'expansion agricole", "la surexploitation", "l'urbanisation non planifiée", "la sécheresse"],
    "ar": ["التوسع الزراعي", "الاستغلال المفرط", "الزحف العمراني العشوائي", "الجفاف"],
    "zh": ["土地开垦", "过度利用", "无序建设", "干旱"],
}
CB_TITLES = {
    "en": "Training course on {theme} for practitioners", "es": "Curso de formación en {theme} para técnicos",
    "pt": "Curso de capacitação em {theme} para técnicos", "fr": "Formation des praticiens en matière de {theme}",
    "ar": "دورة تدريبية في {theme} للممارسين", "zh": "{theme}实务培训班", "ru": "Учебный курс по теме «{theme}»",
}
CB_SUMMARY = {
    "en": "A {weeks}-week blended course that combines online modules, field days and mentoring on {theme}.",
    "es": "Un curso mixto de {weeks} semanas con módulos en línea, días de campo y mentoría sobre {theme}.",
    "pt": "Um curso híbrido de {weeks} semanas com módulos on-line, dias de campo e mentoria sobre {theme}.",
    "fr": "Une formation hybride de {weeks} semaines : modules en ligne, journées de terrain et tutorat en matière de {theme}.",
    "ar": "دورة مدمجة مدتها {weeks} أسابيع تجمع بين وحدات عبر الإنترنت وأيام ميدانية وإرشاد في {theme}.",
    "zh": "为期{weeks}周的混合式课程，包括在线模块、实地考察和{theme}方面的导师指导。",
    "ru": "Смешанный курс продолжительностью {weeks} недель: онлайн-модули, полевые дни и наставничество.",
}
TOOL_TITLES = {
    "en": "Guidance on {theme}: a step-by-step manual", "es": "Guía de {theme}: manual paso a paso",
    "pt": "Guia de {theme}: manual passo a passo", "fr": "Guide pratique en matière de {theme}",
    "ar": "دليل {theme}: خطوة بخطوة", "zh": "{theme}指南：分步手册", "ru": "Руководство: {theme}, шаг за шагом",
}
TOOL_SUMMARY = {
    "en": "A practical manual with checklists, indicators and case examples for planning and monitoring {theme}.",
    "es": "Un manual práctico con listas de verificación, indicadores y ejemplos para planificar y monitorear acciones de {theme}.",
    "pt": "Um manual prático com listas de verificação, indicadores e exemplos para planejar e monitorar ações de {theme}.",
    "fr": "Un manuel pratique avec listes de contrôle, indicateurs et exemples pour planifier et suivre les actions en matière de {theme}.",
    "ar": "دليل عملي يتضمن قوائم تحقق ومؤشرات وأمثلة لتخطيط {theme} ورصدها.",
    "zh": "一本实用手册，提供规划和监测{theme}的检查清单、指标和案例。",
    "ru": "Практическое руководство с контрольными списками, индикаторами и примерами: {theme}.",
}
NEWS_TITLES = {
    "en": "{Place} launches a new programme on {theme}", "es": "{Place} lanza un nuevo programa de {theme}",
    "pt": "Novo programa de {theme} é lançado {place}", "fr": "Lancement d'un programme en matière de {theme} dans {place}",
    "ar": "إطلاق برنامج جديد بشأن {theme} في {place}", "zh": "{place}启动{theme}新项目",
    "ru": "Запущена новая программа: {theme}",
}
NEWS_SUMMARY = {
    "en": "The programme will run for five years and contributes to the national biodiversity strategy and action plan.",
    "es": "El programa durará cinco años y contribuye a la estrategia y plan de acción nacional en biodiversidad.",
    "pt": "O programa terá duração de cinco anos e contribui para a estratégia e plano de ação nacional de biodiversidade.",
    "fr": "Le programme durera cinq ans et contribue à la stratégie et au plan d'action nationaux pour la biodiversité.",
    "ar": "يمتد البرنامج خمس سنوات ويسهم في الاستراتيجية وخطة العمل الوطنيتين للتنوع البيولوجي.",
    "zh": "该项目为期五年，服务于国家生物多样性战略与行动计划。",
    "ru": "Программа рассчитана на пять лет и вносит вклад в национальную стратегию сохранения биоразнообразия.",
}
TK_TITLES = {
    "en": "Seasonal knowledge of {theme} held by the elders of {place}",
    "es": "Saberes estacionales sobre {theme} de los mayores de {place}",
    "pt": "Saberes sazonais sobre {theme} dos anciãos {place}",
    "fr": "Savoirs saisonniers des anciens de {place} en matière de {theme}",
    "ar": "معارف الشيوخ الموسمية حول {theme} في {place}", "zh": "{place}长者关于{theme}的季节性知识",
}
EXPERTS = {
    "KE": ["Dr Wanjiru Kamau", "Otieno Ochieng"], "BR": ["Dra. Ana Luíza Ferreira", "João Batista Silva"],
    "CO": ["Dra. María Fernanda Rojas", "Andrés Felipe Gómez"], "IN": ["Dr Priya Raghavan", "Arjun Menon"],
    "VN": ["Dr Nguyen Thi Lan", "Tran Van Minh"], "MA": ["Dr Fatima Zahra El Amrani", "Youssef Benali"],
    "PE": ["Dra. Rosa Quispe Huamán", "Luis Alberto Mendoza"], "ZA": ["Prof. Thandiwe Nkosi", "Pieter van der Merwe"],
    "MX": ["Dra. Guadalupe Hernández", "Carlos Ramírez Ortiz"], "CN": ["Dr Li Wei", "Zhang Min"],
    "EG": ["Dr Nour El-Din Hassan", "Mona Abdel Rahman"], "FJ": ["Dr Litia Waqa", "Jone Ratu"],
}
ORGANISATIONS = {
    "KE": "Kenya Wildlife Service", "BR": "Instituto Chico Mendes de Conservação da Biodiversidade",
    "CO": "Instituto Humboldt", "IN": "National Biodiversity Authority", "VN": "Vietnam Environment Administration",
    "MA": "Agence Nationale des Eaux et Forêts", "PE": "Servicio Nacional de Áreas Naturales Protegidas",
    "ZA": "South African National Biodiversity Institute", "MX": "CONABIO", "CN": "Chinese Academy of Sciences",
    "EG": "Egyptian Environmental Affairs Agency", "FJ": "Fiji Locally-Managed Marine Area Network",
}


UPDATED = {
    "en": " Updated with the results of the latest monitoring season.",
    "es": " Actualizado con los resultados de la última temporada de monitoreo.",
    "pt": " Atualizado com os resultados da última temporada de monitoramento.",
    "fr": " Mis à jour avec les résultats de la dernière saison de suivi.",
    "ar": " حُدِّث بنتائج موسم الرصد الأخير.",
    "zh": " 已根据最新一季监测结果更新。",
    "ru": " Дополнено результатами последнего сезона мониторинга.",
}


DEMO_LOGINS = [
    *[(f"fp.{cc.lower()}@{DOMAIN}", PASSWORD, f"national focal point, {cc}") for cc in COUNTRIES],
    *[(f"au.{cc.lower()}@{DOMAIN}", PASSWORD, f"national authorised user, {cc}") for cc in COUNTRIES],
    (f"secretariat@{DOMAIN}", PASSWORD, "secretariat"),
    (f"moderator@{DOMAIN}", PASSWORD, "moderator"),
]


def is_loaded() -> bool:
    """True when the demo records are there (``clearinghouse demo --once`` asks)."""
    return Record.objects.filter(owner__email__iendswith="@" + DOMAIN).exists()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(template: str, lang: str, theme: dict, place: str, seed: float) -> str:
    """Fill a template; the same seed gives the same figures, so a record and its translations agree."""
    rng = random.Random(seed)
    t = theme[lang]
    return template.format(
        theme=t, Theme=_cap(t), place=place, Place=_cap(place), Place_cap=_cap(place),
        pressure=rng.choice(PRESSURES.get(lang, PRESSURES["en"])), n=rng.randint(4, 30),
        people=rng.randint(40, 900), years=rng.randint(3, 12), ha=rng.randint(150, 25000), weeks=rng.randint(4, 12),
    )


def _user(email: str, name: str, *, country: str | None = None, lang: str = "en") -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, username=email, display_name=name, country_id=country,
                    email_confirmed_at=timezone.now(), preferred_language=lang)
        user.set_password(PASSWORD)
        user.save()
    return user


def _grant(user: User, role: str, country: str | None = None, convention: str | None = None) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, country_id=country, convention_id=convention,
                                         revoked_at=None)
    clear_role_cache(user)


def _ui_lang(lang: str) -> str:
    return {"zh": "zh-hans", "pt": "en"}.get(lang, lang)


def load_demo(stdout=None) -> dict:
    """Create the demo people and records (once). Returns counts."""
    started = time.monotonic()
    rng = random.Random(2026)  # the same demo every time
    say = (lambda msg: stdout.write(msg + "\n")) if stdout else (lambda msg: None)

    secretariat = _user(f"secretariat@{DOMAIN}", "Secretariat Demo")
    _grant(secretariat, Role.SECRETARIAT)
    User.objects.filter(pk=secretariat.pk).update(is_staff=True)  # reads the development /outbox/
    moderator = _user(f"moderator@{DOMAIN}", "Moderator Demo")
    _grant(moderator, Role.MODERATOR)
    people = {}
    for cc, (lang, _places, _en) in COUNTRIES.items():
        fp = _user(f"fp.{cc.lower()}@{DOMAIN}", f"Focal point {cc}", country=cc, lang=_ui_lang(lang))
        _grant(fp, Role.FOCAL_POINT, cc, "CBD")
        au = _user(f"au.{cc.lower()}@{DOMAIN}", f"Authorised user {cc}", country=cc, lang=_ui_lang(lang))
        _grant(au, Role.AUTHORISED_USER, cc)
        people[cc] = (fp, au)
    iplc = {}
    for cc in ("KE", "PE", "FJ", "MX"):
        iplc[cc], _created = Organisation.objects.get_or_create(
            name={"KE": "Il Ngwesi Community Trust", "PE": "Comunidad Campesina de Pisac",
                  "FJ": "Cakaudrove Provincial Council", "MX": "Consejo Maya de Calakmul"}[cc],
            defaults={"kind": Organisation.Kind.IPLC, "country_id": cc})
        # Each community has an administrator, granted by the secretariat through the membership service
        # (membership is never self-declared); they approve who may read the community's restricted records.
        admin = _user(f"community.{cc.lower()}@{DOMAIN}", f"Community administrator {cc}", country=cc,
                      lang=_ui_lang(COUNTRIES[cc][0]) if cc in COUNTRIES else "en")
        if not perms.is_organisation_admin(admin, iplc[cc].pk):
            account_services.membership_grant(actor=secretariat, user=admin, organisation=iplc[cc],
                                              role="administrator")
    say(f"{2 + 2 * len(people) + len(iplc)} demo people; password {PASSWORD}")

    if is_loaded():
        say("Demo records already there: nothing to add.")
        return {"records": Record.objects.filter(owner__email__iendswith="@" + DOMAIN).count(), "created": 0}

    made = []
    with transaction.atomic():
        for cc, (lang, places, places_en) in COUNTRIES.items():
            fp, au = people[cc]
            made += _country_records(cc, lang, places, places_en or places, fp, au, rng, iplc.get(cc))
        made += _secretariat_records(secretariat, rng)
    say(f"{len(made)} demo records in {time.monotonic() - started:.1f} s")
    return {"records": len(made), "created": len(made)}


def _common(theme, rng, country: str | None) -> dict:
    _names, topic, ecosystem, targets = theme
    start = dt.date(rng.randint(2012, 2023), rng.randint(1, 12), 1)
    data = {
        "topics": [topic] + ([rng.choice(["capacity-building", "monitoring", "gender", "mainstreaming"])]
                             if rng.random() < 0.5 else []),
        "ecosystems": [ecosystem],
        "targets": [f"GBF-{t}" for t in targets] + ([f"AICHI-{rng.choice([5, 11, 14, 15, 18])}"]
                                                    if rng.random() < 0.3 else []),
        "conventions": ["CBD"] + ([rng.choice(["RAMSAR", "CMS", "CITES", "NP", "WHC"])] if rng.random() < 0.4 else []),
        "support_types": rng.sample(["technical-assistance", "training", "data", "finance", "policy-advice",
                                     "joint-research"], 2),
        "start_date": start,
    }
    if country:
        data["countries"] = [country]
    return data


def _publish_mix(record: Record, i: int, *, fp, author, rng) -> Record:
    """Most records are published; some stay drafts, some wait, some were returned, a few have two revisions."""
    mode = i % 20
    if mode == 7:  # draft
        return record
    if mode == 11:  # submitted, waiting for the focal point
        return services.record_submit(actor=author, record=record, notify_publishers=False)
    if mode == 15:  # returned with comments
        services.record_submit(actor=author, record=record, notify_publishers=False)
        return services.record_return(actor=fp, record=record, comment="Please add the results with figures and "
                                      "the implementing organisations before we publish.")
    record = services.record_publish(actor=fp, record=record)
    if mode in (3, 18):  # a second revision: the diff shows what changed
        record = services.record_update(actor=fp, record=record, data={
            "summary": record.summary + UPDATED.get(record.language, UPDATED["en"])})
        record = services.record_publish(actor=fp, record=record, comment="Results updated")
    if mode == 19:
        record = services.record_archive(actor=fp, record=record, comment="Superseded by a newer record")
    return record


def _country_records(cc, lang, places, places_en, fp, au, rng, community) -> list[Record]:
    out = []
    themes, with_elders = _themes_for(cc, rng)
    i = list(COUNTRIES).index(cc) * 3  # vary which records stay drafts from one country to the next
    for n in range(7):  # good practices, each set in a place that fits its theme
        seed = rng.random()
        theme = themes[n]
        fits = fitting_places(cc, theme)
        place_i = fits[n % len(fits)]
        place = places[place_i]
        data = {
            **_common(theme, rng, cc), "language": lang,
            "title": _fill(GP_TITLES[lang][n % 3], lang, theme[0], place, seed)[:300],
            "summary": _fill(GP_SUMMARY[lang], lang, theme[0], place, seed),
            "body": _fill(GP_BODY[lang], lang, theme[0], place, seed),
            "details": {"scale": rng.choice(["local", "subnational", "national"]),
                        "implementation_status": rng.choice(["ongoing", "completed"]),
                        "implementing_organisations": [ORGANISATIONS[cc], "Local community associations"],
                        "results": _fill("{ha} hectares under management; {people} people trained.", "en",
                                         theme[0], place, seed),
                        "lessons_learned": "Agree rules with the users first; monitoring works when the "
                                           "community owns the data."},
            "contact": f"Biodiversity office, {ORGANISATIONS[cc]}",
        }
        if lang != "en" and n % 3 == 0:  # a few carry an English translation
            data["translations"] = {"en": {
                "title": _fill(GP_TITLES["en"][n % 3], "en", theme[0], places_en[place_i], seed),
                "summary": _fill(GP_SUMMARY["en"], "en", theme[0], places_en[place_i], seed),
                "body": _fill(GP_BODY["en"], "en", theme[0], places_en[place_i], seed)}}
        elif lang == "en" and n == 2:
            data["translations"] = {"fr": {"title": _fill(GP_TITLES["fr"][0], "fr", theme[0], place, seed),
                                           "summary": _fill(GP_SUMMARY["fr"], "fr", theme[0], place, seed),
                                           "body": _fill(GP_BODY["fr"], "fr", theme[0], place, seed)}}
        author = au if n % 2 else fp
        record = services.record_create(actor=author, kind=RecordKind.GOOD_PRACTICE, country=cc, data=data)
        out.append(_publish_mix(record, i, fp=fp, author=author, rng=rng))
        i += 1
    for n in range(2):  # capacity-building
        seed = rng.random()
        theme = themes[7 + n]
        data = {**_common(theme, rng, cc), "language": lang,
                "title": _fill(CB_TITLES[lang], lang, theme[0], places[0], seed),
                "summary": _fill(CB_SUMMARY[lang], lang, theme[0], places[0], seed),
                "body": _fill(CB_SUMMARY[lang], lang, theme[0], places[0], seed),
                "details": {"initiative_type": rng.choice(["course", "workshop", "online-course", "mentoring"]),
                            "implementation_status": "ongoing", "participants": rng.randint(15, 120),
                            "target_audience": "Protected-area staff and community rangers"}}
        record = services.record_create(actor=fp, kind=RecordKind.CAPACITY_BUILDING, country=cc, data=data)
        out.append(_publish_mix(record, i, fp=fp, author=fp, rng=rng))
        i += 1
    for n in range(2):  # tools
        seed = rng.random()
        theme = themes[n + 3]
        data = {**_common(theme, rng, cc), "language": lang,
                "title": _fill(TOOL_TITLES[lang], lang, theme[0], places[0], seed),
                "summary": _fill(TOOL_SUMMARY[lang], lang, theme[0], places[0], seed),
                "body": _fill(TOOL_SUMMARY[lang], lang, theme[0], places[0], seed),
                "details": {"resource_types": rng.sample(["guidance", "manual", "toolkit", "methodology"], 2),
                            "authors": [EXPERTS[cc][0]], "publication_date": f"{rng.randint(2016, 2025)}-0{rng.randint(1, 9)}-15",
                            "publisher": ORGANISATIONS[cc]},
                "url": "https://www.cbd.int/"}
        record = services.record_create(actor=au, kind=RecordKind.TOOL, country=cc, data=data)
        out.append(_publish_mix(record, i, fp=fp, author=au, rng=rng))
        i += 1
    for name in EXPERTS[cc]:  # experts, with field experience where their theme is practised
        theme = rng.choice(themes)
        field = places_en[fitting_places(cc, theme)[0]]
        data = {"language": "en", "title": name, "topics": [theme[1]], "ecosystems": [theme[2]],
                "countries": [cc], "targets": [f"GBF-{t}" for t in theme[3]],
                "summary": f"Specialist in {theme[0]['en']} with field experience in {field} and policy "
                           f"work for the national biodiversity strategy.",
                "details": {"expertise": [_cap(theme[0]["en"]), "Participatory monitoring", "Policy advice"],
                            "employment": [f"Senior scientist, {ORGANISATIONS[cc]} (2015–)"],
                            "education": ["PhD in ecology"], "languages": ["English", {"es": "Spanish", "pt":
                                          "Portuguese", "fr": "French", "ar": "Arabic", "zh": "Chinese"}.get(lang, "French")],
                            "nationalities": [cc], "panels": ["Roster of experts, CBD technical expert group"]}}
        record = services.record_create(actor=fp, kind=RecordKind.EXPERT, country=cc, data=data)
        out.append(services.record_publish(actor=fp, record=record))
    data = {"language": "en", "title": ORGANISATIONS[cc], "countries": [cc],
            "summary": f"National institution working on biodiversity in {places_en[0]} and across the country.",
            "details": {"organisation_type": "government", "headquarters": places_en[0],
                        "areas_of_work": ["Protected areas", "Species conservation", "Research and monitoring"]},
            "topics": ["protected-areas", "monitoring"]}
    record = services.record_create(actor=fp, kind=RecordKind.ORGANISATION, country=cc, data=data)
    out.append(services.record_publish(actor=fp, record=record))
    theme = themes[9]
    seed = rng.random()
    data = {**_common(theme, rng, cc), "language": lang,
            "title": _fill(NEWS_TITLES[lang], lang, theme[0], places[fitting_places(cc, theme)[-1]], seed),
            "summary": NEWS_SUMMARY[lang], "body": NEWS_SUMMARY[lang],
            "details": {"news_date": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"}}
    record = services.record_create(actor=fp, kind=RecordKind.NEWS, country=cc, data=data)
    out.append(services.record_publish(actor=fp, record=record))
    if community is not None:  # traditional knowledge, some restricted to the community
        theme = (with_elders or [t for t in THEMES if THEME_FIT[THEMES.index(t)][2] and fitting_places(cc, t)])[0]
        place = places[fitting_places(cc, theme)[-1]]
        seed = rng.random()
        restricted = cc in ("PE", "FJ")
        data = {**_common(theme, rng, cc), "language": lang,
                "title": _fill(TK_TITLES[lang], lang, theme[0], place, seed),
                "summary": _fill(GP_SUMMARY[lang], lang, theme[0], place, seed),
                "consent_statement": "Shared with the prior and informed consent of the community assembly, "
                                     "recorded in its minutes.",
                "visibility": "restricted" if restricted else "registered", "community": community.pk,
                "details": {"category": "resource-management", "holders": community.name}}
        record = services.record_create(actor=fp, kind=RecordKind.TRADITIONAL_KNOWLEDGE, country=cc, data=data)
        out.append(services.record_publish(actor=fp, record=record))
    return out


def _secretariat_records(actor, rng) -> list[Record]:
    out = []
    langs = ["en", "fr", "es", "ru", "zh", "ar", "en", "en"]
    for n, theme in enumerate(THEMES):
        seed = rng.random()
        lang = langs[n % len(langs)]
        data = {**_common(theme, rng, None), "language": lang,
                "title": _fill(TOOL_TITLES[lang], lang, theme[0], "", seed),
                "summary": _fill(TOOL_SUMMARY[lang], lang, theme[0], "", seed),
                "body": _fill(TOOL_SUMMARY[lang], lang, theme[0], "", seed),
                "details": {"resource_types": ["guidance", rng.choice(["toolkit", "policy-brief", "report"])],
                            "authors": ["Secretariat of the Convention on Biological Diversity"],
                            "publication_date": f"{rng.randint(2018, 2026)}-05-22", "publisher": "SCBD"},
                "url": "https://www.cbd.int/"}
        if lang != "en":
            data["translations"] = {"en": {"title": _fill(TOOL_TITLES["en"], "en", theme[0], "", seed),
                                           "summary": _fill(TOOL_SUMMARY["en"], "en", theme[0], "", seed),
                                           "body": _fill(TOOL_SUMMARY["en"], "en", theme[0], "", seed)}}
        record = services.record_create(actor=actor, kind=RecordKind.TOOL, country=None, data=data)
        out.append(services.record_publish(actor=actor, record=record))
    for n, theme in enumerate(THEMES[:14]):
        seed = rng.random()
        lang = langs[(n + 3) % len(langs)]
        data = {**_common(theme, rng, None), "language": lang,
                "title": _fill(CB_TITLES[lang], lang, theme[0], "", seed),
                "summary": _fill(CB_SUMMARY[lang], lang, theme[0], "", seed),
                "body": _fill(CB_SUMMARY[lang], lang, theme[0], "", seed),
                "details": {"initiative_type": rng.choice(["online-course", "fellowship", "programme", "exchange"]),
                            "implementation_status": rng.choice(["planned", "ongoing", "completed"]),
                            "participants": rng.randint(20, 400), "target_audience": "National focal points"}}
        record = services.record_create(actor=actor, kind=RecordKind.CAPACITY_BUILDING, country=None, data=data)
        out.append(services.record_publish(actor=actor, record=record))
    for n, theme in enumerate(THEMES[2:16]):
        seed = rng.random()
        lang = langs[(n + 5) % len(langs)]
        data = {**_common(theme, rng, None), "language": lang,
                "title": _fill(NEWS_TITLES[lang], lang, theme[0], {"ar": "الأمانة", "zh": "秘书处"}.get(
                    lang, "the Secretariat" if lang == "en" else "le Secrétariat" if lang == "fr" else "la Secretaría"), seed),
                "summary": NEWS_SUMMARY[lang], "body": NEWS_SUMMARY[lang],
                "details": {"news_date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}", "source": "SCBD"}}
        record = services.record_create(actor=actor, kind=RecordKind.NEWS, country=None, data=data)
        out.append(services.record_publish(actor=actor, record=record))
    return out
