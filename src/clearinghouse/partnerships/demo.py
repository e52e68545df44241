"""Demo data of partnerships: the global partnership for GBF Target 3 (seed 003) with 36 members and 240+
activities in six languages, planted duplicates and overlaps for the review queue, needs without support; and
the Heads of Agencies Task Force of seed 004 with its triennial work programme.

``load_demo()`` is idempotent: organisations, people and members are looked up first; activities are made once.
Everything goes through the services, as every other entry point.

Demo logins (password ``demo-password-2026``): ``coordinator.t3@demo.clearinghouse.localhost`` (coordinator of
the Target 3 partnership), ``coordinator.tf@...`` (task force), ``partner.iucn@...``, ``partner.wcs@...`` ...
(people of member organisations), and the focal points ``fp.ke@...`` (governments).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import transaction
from django.utils import timezone

from clearinghouse.accounts import permissions as ap
from clearinghouse.accounts import services as account_services
from clearinghouse.accounts.models import Organisation, Role
from clearinghouse.core.models import Target
from clearinghouse.knowledge.demo import COUNTRIES as KNOWLEDGE_COUNTRIES
from clearinghouse.knowledge.demo import DOMAIN, PASSWORD, _grant, _user

from . import services
from .models import Activity, Member, Partnership, PartnershipNeed, WorkItem

SLUG = "gbf-target-3"
TF_SLUG = "hoa-task-force-2010"

DEMO_LOGINS = [
    (f"coordinator.t3@{DOMAIN}", PASSWORD, "coordinator of the Target 3 partnership (overlap queue)"),
    (f"coordinator.tf@{DOMAIN}", PASSWORD, "coordinator of the Heads of Agencies Task Force"),
    (f"partner.iucn@{DOMAIN}", PASSWORD, "partner organisation (IUCN) in the Target 3 partnership"),
]

ELEMENTS = [
    ("terrestrial", "Terrestrial areas", "Zones terrestres", "Zonas terrestres", "المناطق البرية", "Наземные районы", "陆地区域"),
    ("inland_waters", "Inland waters", "Eaux intérieures", "Aguas continentales", "المياه الداخلية", "Внутренние воды", "内陆水域"),
    ("marine_coastal", "Marine and coastal areas", "Zones marines et côtières", "Zonas marinas y costeras", "المناطق البحرية والساحلية", "Морские и прибрежные районы", "海洋和沿海区域"),
    ("important_areas", "Areas of particular importance for biodiversity", "Zones particulièrement importantes pour la biodiversité", "Zonas de especial importancia para la biodiversidad", "المناطق ذات الأهمية الخاصة للتنوع البيولوجي", "Районы, особо важные для биоразнообразия", "对生物多样性特别重要的区域"),
    ("protected_areas", "Protected areas", "Aires protégées", "Áreas protegidas", "المناطق المحمية", "Охраняемые районы", "保护区"),
    ("oecm", "Other effective area-based conservation measures (OECMs)", "Autres mesures de conservation efficaces par zone (AMCE)", "Otras medidas eficaces de conservación basadas en áreas (OMEC)", "تدابير الحفظ الفعالة الأخرى القائمة على المناطق", "Другие эффективные природоохранные меры (ДЭПМ)", "其他有效的区域保护措施"),
    ("indigenous_territories", "Indigenous and traditional territories", "Territoires autochtones et traditionnels", "Territorios indígenas y tradicionales", "أقاليم الشعوب الأصلية والأقاليم التقليدية", "Территории коренных народов и традиционные территории", "土著和传统领地"),
    ("connectivity", "Connectivity", "Connectivité", "Conectividad", "الترابط", "Связность", "连通性"),
    ("management_effectiveness", "Management effectiveness", "Efficacité de la gestion", "Eficacia de la gestión", "فعالية الإدارة", "Эффективность управления", "管理成效"),
    ("equitable_governance", "Equitable governance", "Gouvernance équitable", "Gobernanza equitativa", "الحوكمة المنصفة", "Справедливое управление", "公平治理"),
    ("sustainable_use", "Sustainable use", "Utilisation durable", "Uso sostenible", "الاستخدام المستدام", "Устойчивое использование", "可持续利用"),
    ("spatial_planning", "Integration into wider landscapes and seascapes", "Intégration dans les paysages terrestres et marins", "Integración en paisajes terrestres y marinos", "الإدماج في المناظر الطبيعية البرية والبحرية", "Интеграция в ландшафты и морские пространства", "融入更广泛的陆地和海洋景观"),
    ("monitoring_reporting", "Monitoring and reporting", "Suivi et établissement de rapports", "Seguimiento y presentación de informes", "الرصد والإبلاغ", "Мониторинг и отчётность", "监测和报告"),
]
LANGS = ("en", "fr", "es", "ar", "ru", "zh")

PURPOSE = ("The partnership brings together Parties, other Governments, indigenous peoples and local communities, and "
           "governmental, non-governmental and private sector organisations that support the achievement of Target 3 "
           "of the Kunming-Montreal Global Biodiversity Framework (30x30: protected areas, OECMs, indigenous and "
           "traditional territories). Members exchange information on their activities, identify gaps in the "
           "provision of support for the target, and collaborate where a partnership approach is needed, reducing "
           "overlap and duplication of initiatives while optimising the allocation of resources.")
PURPOSE_FR = ("Le partenariat réunit Parties, autres gouvernements, peuples autochtones et communautés locales, et "
              "organisations gouvernementales, non gouvernementales et du secteur privé qui appuient la réalisation de "
              "la cible 3 du Cadre mondial de la biodiversité de Kunming-Montréal. Les membres échangent des "
              "informations sur leurs activités, repèrent les lacunes de l'appui et collaborent, en réduisant les "
              "chevauchements et les doubles emplois.")
PURPOSE_ES = ("La alianza reúne a Partes, otros gobiernos, pueblos indígenas y comunidades locales, y organizaciones "
              "gubernamentales, no gubernamentales y del sector privado que apoyan el logro de la meta 3 del Marco "
              "Mundial de Biodiversidad de Kunming-Montreal. Sus miembros intercambian información sobre sus "
              "actividades, detectan vacíos en el apoyo y colaboran, reduciendo superposiciones y duplicaciones.")
GOVERNANCE = ("Coordinated by the Secretariat of the Convention on Biological Diversity with UNEP-WCMC. Coordinators "
              "accept members, keep the activity registry and review suggested duplicates and overlaps. The partnership "
              "meets at least once a year, the first meeting on the margins of UNEA-6 (22-23 February 2024).")
TERMS = ("Participation is open, inclusive and voluntary, at local, subnational, national, regional and global levels. "
         "There is no cut-off date for joining. Members register the support they provide or plan for Target 3 and "
         "keep it up to date; public activities may be shown, exported and analysed for gaps and overlaps.")

ORGS = [  # slug, name, acronym, kind, country, language, countries worked in
    ("unep-wcmc", "UN Environment Programme World Conservation Monitoring Centre", "UNEP-WCMC", "intergovernmental", "GB", "en", ["KE", "VN", "FJ", "PE"]),
    ("iucn", "International Union for Conservation of Nature", "IUCN", "ngo", "CH", "en", ["KE", "TZ", "MA", "VN", "PE"]),
    ("wcs", "Wildlife Conservation Society", "WCS", "ngo", "US", "en", ["CO", "PG", "TZ", "MG", "FJ"]),
    ("ci", "Conservation International", "CI", "ngo", "US", "en", ["BR", "PE", "PH", "ID"]),
    ("afd", "Agence française de développement", "AFD", "government", "FR", "fr", ["MA", "SN", "MG", "NE"]),
    ("giz", "Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", "government", "DE", "en", ["VN", "CO", "KZ", "GE"]),
    ("natura-co", "Fundación Natura Colombia", "", "ngo", "CO", "es", ["CO"]),
    ("redparques", "Red Latinoamericana de Cooperación Técnica en Parques Nacionales", "RedParques", "intergovernmental", "PE", "es", ["PE", "CO", "MX", "BO", "EC"]),
    ("icca", "ICCA Consortium", "", "iplc", "CH", "en", ["KE", "PH", "MX", "FJ"]),
    ("sprep", "Secretariat of the Pacific Regional Environment Programme", "SPREP", "intergovernmental", "WS", "en", ["FJ", "WS", "PG"]),
    ("ird", "Institut de recherche pour le développement", "IRD", "academic", "FR", "fr", ["MA", "SN", "MG"]),
    ("kib", "中国科学院昆明植物研究所", "KIB", "academic", "CN", "zh", ["CN", "NP", "LA"]),
    ("raed", "الشبكة العربية للبيئة والتنمية", "RAED", "ngo", "EG", "ar", ["EG", "JO", "MA"]),
    ("bcc", "Центр охраны дикой природы", "BCC", "ngo", "RU", "ru", ["RU", "KZ", "GE"]),
    ("awf", "African Wildlife Foundation", "AWF", "ngo", "KE", "en", ["KE", "TZ", "ZA"]),
    ("adb", "Asian Development Bank", "ADB", "intergovernmental", "PH", "en", ["VN", "PH", "ID", "NP"]),
    ("blue-ventures", "Blue Ventures", "", "ngo", "GB", "fr", ["MG", "ID"]),
    ("terra-verde", "Terra Verde Conservation Finance", "", "private", "GB", "en", ["BR", "ZA", "MX"]),
    ("unam", "Universidad Nacional Autónoma de México", "UNAM", "academic", "MX", "es", ["MX"]),
    ("acb", "ASEAN Centre for Biodiversity", "ACB", "intergovernmental", "PH", "en", ["PH", "VN", "ID", "LA"]),
    ("sahara", "Sahara Conservation", "", "ngo", "FR", "fr", ["NE", "SN", "TD"]),
    ("il-ngwesi", "Il Ngwesi Community Trust", "", "iplc", "KE", "en", ["KE"]),
    ("calakmul", "Consejo Maya de Calakmul", "", "iplc", "MX", "es", ["MX"]),
    ("ranger-fed", "International Ranger Federation", "IRF", "ngo", "AU", "en", ["ZA", "KE", "NP", "CO"]),
]

# country: [(subnational area, site)] (Latin script; a site name in the title)
SITES = {
    "KE": [("Kwale County", "Shimba Hills"), ("Laikipia", "Mukogodo forest"), ("Lamu County", "Kiunga marine reserve")],
    "TZ": [("Kigoma", "Gombe and Greater Mahale"), ("Tanga", "Tanga coelacanth marine park")],
    "MA": [("Souss-Massa", "Souss-Massa national park"), ("Ifrane", "Middle Atlas cedar forests")],
    "VN": [("Quang Nam", "Song Thanh nature reserve"), ("Ca Mau", "Mui Ca Mau mangroves")],
    "PE": [("Madre de Dios", "Tambopata reserve"), ("Piura", "Cerros de Amotape dry forest")],
    "CO": [("Chocó", "Utría national park"), ("Magdalena", "Sierra Nevada de Santa Marta")],
    "PG": [("Manus", "Manus marine areas"), ("Morobe", "YUS conservation area")],
    "MG": [("Menabe", "Menabe Antimena"), ("Atsimo-Andrefana", "Velondriake lagoons")],
    "FJ": [("Vanua Levu", "Great Sea Reef"), ("Taveuni", "Bouma heritage park")],
    "BR": [("Pará", "Tapajós forests"), ("Bahia", "Abrolhos bank")],
    "PH": [("Palawan", "Tubbataha and Palawan forests"), ("Mindanao", "Mount Apo natural park")],
    "ID": [("West Papua", "Raja Ampat"), ("Sumatra", "Leuser ecosystem")],
    "SN": [("Fatick", "Saloum delta"), ("Tambacounda", "Niokolo-Koba")],
    "NE": [("Agadez", "Aïr and Ténéré"), ("Tillabéri", "W regional park")],
    "KZ": [("Almaty", "Altyn-Emel"), ("Kostanay", "Altyn Dala steppe")],
    "GE": [("Kakheti", "Lagodekhi reserve"), ("Samtskhe-Javakheti", "Javakheti wetlands")],
    "MX": [("Campeche", "Calakmul"), ("Baja California Sur", "Cabo Pulmo")],
    "BO": [("La Paz", "Madidi"), ("Santa Cruz", "Noel Kempff Mercado")],
    "EC": [("Galápagos", "Galápagos marine reserve"), ("Pichincha", "Chocó Andino")],
    "CN": [("Yunnan", "Xishuangbanna"), ("Qinghai", "Sanjiangyuan")],
    "NP": [("Koshi", "Makalu-Barun"), ("Gandaki", "Annapurna")],
    "LA": [("Houaphanh", "Nam Et-Phou Louey"), ("Khammouane", "Hin Nam No")],
    "EG": [("Red Sea", "Wadi El Gemal"), ("Kafr El Sheikh", "Lake Burullus")],
    "JO": [("Tafilah", "Dana biosphere reserve"), ("Zarqa", "Azraq wetland")],
    "RU": [("Altai", "Altai mountains"), ("Primorye", "Land of the Leopard")],
    "ZA": [("Western Cape", "Cape Floristic Region"), ("KwaZulu-Natal", "iSimangaliso wetland park")],
    "IN": [("Kerala", "Western Ghats"), ("West Bengal", "Sundarbans")],
    "TD": [("Salamat", "Zakouma")],
    "WS": [("Upolu", "Aleipata marine area")],
}

# theme: (support codes, element codes, titles per language with {site})
THEMES = [
    (["training", "equipment"], ["protected_areas", "management_effectiveness"], {
        "en": "Ranger training and patrol equipment for {site}", "fr": "Formation et équipement des écogardes de {site}",
        "es": "Capacitación y equipamiento de guardaparques en {site}", "ar": "تدريب الحراس وتجهيز الدوريات في {site}",
        "ru": "Обучение и оснащение инспекторов охраны в {site}", "zh": "{site}护林员培训与巡护装备"}),
    (["technical-assistance"], ["protected_areas", "management_effectiveness", "equitable_governance"], {
        "en": "A participatory management plan for {site}", "fr": "Un plan de gestion participatif pour {site}",
        "es": "Plan de manejo participativo de {site}", "ar": "خطة إدارة تشاركية لـ {site}",
        "ru": "Совместный план управления для {site}", "zh": "{site}参与式管理计划"}),
    (["technical-assistance", "policy-advice"], ["oecm", "equitable_governance"], {
        "en": "Recognising community conserved areas around {site} as OECMs", "fr": "Reconnaître les aires conservées par les communautés autour de {site} comme AMCE",
        "es": "Reconocimiento de áreas conservadas por comunidades en {site} como OMEC", "ar": "الاعتراف بالمناطق التي تحفظها المجتمعات حول {site} كتدابير حفظ فعالة",
        "ru": "Признание общинных охраняемых территорий вокруг {site} как ДЭПМ", "zh": "将{site}周边社区保护地认定为其他有效的区域保护措施"}),
    (["technical-assistance", "data"], ["indigenous_territories", "spatial_planning"], {
        "en": "Mapping indigenous territories near {site}", "fr": "Cartographie des territoires autochtones près de {site}",
        "es": "Mapeo de territorios indígenas cerca de {site}", "ar": "رسم خرائط أقاليم الشعوب الأصلية قرب {site}",
        "ru": "Картирование территорий коренных народов у {site}", "zh": "{site}附近土著领地测绘"}),
    (["joint-research", "data"], ["marine_coastal", "important_areas"], {
        "en": "Surveys of key marine habitats at {site}", "fr": "Inventaire des habitats marins clés de {site}",
        "es": "Estudio de hábitats marinos clave en {site}", "ar": "مسح الموائل البحرية الرئيسية في {site}",
        "ru": "Обследование ключевых морских местообитаний в {site}", "zh": "{site}重要海洋生境调查"}),
    (["finance", "technical-assistance"], ["connectivity", "terrestrial"], {
        "en": "Wildlife corridors connecting {site} to the wider landscape", "fr": "Corridors écologiques reliant {site} au paysage",
        "es": "Corredores biológicos que conectan {site} con el paisaje", "ar": "ممرات الحياة البرية التي تربط {site} بالمنظر الطبيعي الأوسع",
        "ru": "Экологические коридоры, соединяющие {site} с ландшафтом", "zh": "连接{site}与周边景观的野生动物廊道"}),
    (["data", "training"], ["monitoring_reporting", "management_effectiveness"], {
        "en": "Biodiversity monitoring and reporting system for {site}", "fr": "Système de suivi de la biodiversité pour {site}",
        "es": "Sistema de monitoreo de la biodiversidad de {site}", "ar": "نظام رصد التنوع البيولوجي والإبلاغ عنه في {site}",
        "ru": "Система мониторинга биоразнообразия для {site}", "zh": "{site}生物多样性监测与报告系统"}),
    (["finance"], ["inland_waters", "protected_areas"], {
        "en": "Financing the protection of the wetlands of {site}", "fr": "Financement de la protection des zones humides de {site}",
        "es": "Financiamiento para proteger los humedales de {site}", "ar": "تمويل حماية الأراضي الرطبة في {site}",
        "ru": "Финансирование охраны водно-болотных угодий {site}", "zh": "资助保护{site}湿地"}),
    (["training", "finance"], ["sustainable_use", "marine_coastal"], {
        "en": "Community fisheries and sustainable use around {site}", "fr": "Pêche communautaire et utilisation durable autour de {site}",
        "es": "Pesca comunitaria y uso sostenible en torno a {site}", "ar": "المصايد المجتمعية والاستخدام المستدام حول {site}",
        "ru": "Общинное рыболовство и устойчивое использование вокруг {site}", "zh": "{site}周边社区渔业与可持续利用"}),
    (["policy-advice"], ["spatial_planning", "important_areas"], {
        "en": "Spatial planning to protect key biodiversity areas around {site}", "fr": "Planification spatiale pour protéger les zones clés autour de {site}",
        "es": "Ordenamiento territorial para proteger áreas clave en {site}", "ar": "التخطيط المكاني لحماية المناطق الرئيسية للتنوع البيولوجي حول {site}",
        "ru": "Пространственное планирование для защиты ключевых районов вокруг {site}", "zh": "保护{site}周边关键生物多样性区域的空间规划"}),
]
DESCRIPTION = {
    "en": "{title}. Working with local authorities and communities in {area}, the project strengthens the area-based "
          "conservation of {site} and reports its results to the national focal point.",
    "fr": "{title}. Avec les autorités locales et les communautés de {area}, le projet renforce la conservation de "
          "{site} et rend compte de ses résultats au correspondant national.",
    "es": "{title}. Con las autoridades locales y las comunidades de {area}, el proyecto fortalece la conservación de "
          "{site} e informa de sus resultados al punto focal nacional.",
    "ar": "{title}. بالتعاون مع السلطات المحلية والمجتمعات في {area}، يعزز المشروع حفظ {site} ويبلغ نتائجه إلى جهة الاتصال الوطنية.",
    "ru": "{title}. Вместе с местными органами власти и общинами {area} проект укрепляет охрану {site} и сообщает "
          "о результатах национальному координатору.",
    "zh": "{title}。项目与{area}的地方政府和社区合作，加强{site}的就地保护，并向国家联络点报告成果。",
}
CURRENCIES = {"EUR": 0.93, "GBP": 0.79, "USD": 1.0}


def is_loaded() -> bool:
    return Activity.objects.filter(partnership__slug=SLUG).exists()


def _org(slug, name, acronym, kind, country) -> Organisation:
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        org = Organisation.objects.create(name=name, acronym=acronym, kind=kind, country_id=country)
    return org


def _partner_user(secretariat, slug: str, org: Organisation, lang: str):
    ui = {"zh": "zh-hans"}.get(lang, lang)
    user = _user(f"partner.{slug}@{DOMAIN}", f"{org.acronym or org.name} partner", country=org.country_id, lang=ui)
    if not ap.is_member_of(user, org.pk):
        account_services.membership_grant(actor=secretariat, user=user, organisation=org, role="administrator")
        ap.clear_membership_cache(user)
    return user


def _elements() -> list[tuple[str, str, dict]]:
    return [(row[0], row[1], dict(zip(LANGS, row[1:], strict=True))) for row in ELEMENTS]


def _partnership(secretariat, coordinator) -> Partnership:
    p = Partnership.objects.filter(slug=SLUG).first()
    if p is None:
        sec = _org("scbd", "Secretariat of the Convention on Biological Diversity", "SCBD", "secretariat", "CA")
        p = services.partnership_create(
            actor=secretariat, elements=_elements(), coordinators=[coordinator, secretariat],
            targets=list(Target.objects.filter(framework="GBF", number=3)),
            data={"slug": SLUG, "name": "Global Partnership for Target 3 of the Kunming-Montreal Global Biodiversity "
                                         "Framework", "acronym": "T3P", "purpose": PURPOSE, "governance": GOVERNANCE,
                  "terms": TERMS, "language": "en", "secretariat": sec, "founded_on": dt.date(2023, 6, 14),
                  "translations": {
                      "fr": {"name": "Partenariat mondial pour la cible 3 du Cadre mondial de la biodiversité de "
                                     "Kunming-Montréal", "purpose": PURPOSE_FR},
                      "es": {"name": "Alianza mundial para la meta 3 del Marco Mundial de Biodiversidad de "
                                     "Kunming-Montreal", "purpose": PURPOSE_ES},
                      "ar": {"name": "الشراكة العالمية لدعم تحقيق الهدف 3 من إطار كونمينغ - مونتريال العالمي للتنوع البيولوجي"},
                      "ru": {"name": "Глобальное партнёрство по цели 3 Куньминско-Монреальской глобальной рамочной "
                                     "программы в области биоразнообразия"},
                      "zh": {"name": "支持实现昆明-蒙特利尔全球生物多样性框架目标3的全球伙伴关系"}}})
    return p


def _members(p, secretariat, coordinator, rng) -> list[tuple[Member, object, str]]:
    """(member, a person acting for it, its language) for every demo member, joining if needed."""
    out = []
    codes = [e.code for e in p.elements.all()]
    for slug, name, acronym, kind, cc, lang, countries in ORGS:
        org = _org(slug, name, acronym, kind, cc)
        user = _partner_user(secretariat, slug, org, lang)
        m = p.members.filter(organisation=org, state__in=["requested", "active"]).first()
        if m is None:
            m = services.member_request(actor=user, partnership=p, organisation=org,
                                        levels=rng.sample(["local", "subnational", "national", "regional"], 2),
                                        countries=countries, elements=rng.sample(codes, 4),
                                        statement=f"{name} supports Target 3 in {', '.join(countries)}.")
        if m.state == Member.State.REQUESTED and slug not in ("sahara", "ranger-fed"):  # two left waiting
            m = services.member_decide(actor=coordinator, member=m, accept=True)
        out.append((m, user, lang))
    for cc, (lang, _places, _en) in KNOWLEDGE_COUNTRIES.items():
        fp = _user(f"fp.{cc.lower()}@{DOMAIN}", f"Focal point {cc}", country=cc)
        _grant(fp, Role.FOCAL_POINT, cc, "CBD")
        m = p.members.filter(government_id=cc, state__in=["requested", "active"]).first()
        if m is None:
            m = services.member_request(actor=fp, partnership=p, government=cc, levels=["national", "subnational"],
                                        countries=[cc], elements=rng.sample(codes, 5))
        if m.state == Member.State.REQUESTED:
            m = services.member_decide(actor=coordinator, member=m, accept=True)
        out.append((m, fp, lang if lang in LANGS else "en"))
    return out


def _activity_data(rng, theme_i: int, cc: str, site_i: int, lang: str, start: dt.date, months: int,
                   budget: int | None, currency: str, level: str = "subnational") -> dict:
    support, elements, titles = THEMES[theme_i]
    area, site = SITES[cc][site_i % len(SITES[cc])]
    title = titles[lang].format(site=site)
    end_month = start.year * 12 + start.month - 1 + months
    return {"title": title, "description": DESCRIPTION[lang].format(title=title, area=area, site=site),
            "language": lang, "elements": elements, "countries": [cc], "subnational": area, "level": level,
            "support_types": support, "start": start.strftime("%Y-%m"),
            "end": f"{end_month // 12:04d}-{end_month % 12 + 1:02d}", "budget": budget, "currency": currency,
            "status": "ongoing" if start.year <= 2025 else "planned"}


def _activities(p, members, rng) -> int:
    made = 0
    plan = []
    members = [(m, user, lang) for m, user, lang in members if m.state == Member.State.ACTIVE]
    for m, user, lang in members:
        countries = [c.code for c in m.countries.all() if c.code in SITES] or ["KE"]
        for _k in range(6):
            cc = rng.choice(countries)
            plan.append((m, user, lang, cc))
    for m, user, lang, cc in plan:
        start = dt.date(rng.choice([2023, 2024, 2025, 2026]), rng.randint(1, 12), 1)
        data = _activity_data(rng, rng.randrange(len(THEMES)), cc, rng.randrange(3), lang, start,
                              rng.choice([12, 24, 36, 48]), rng.choice([None, 50_000, 120_000, 450_000, 1_500_000]),
                              "USD")
        if data["budget"] is None:
            data["currency"] = ""
        services.activity_create(actor=user, member=m, data=data)
        made += 1
    # planted duplicates: the same activity registered by the funder and by the implementing government, in the
    # government's language, budget in another currency, dates a month apart
    govs = {m.government_id: (m, user, lang) for m, user, lang in members if m.government_id}
    funders = [(m, user, lang) for m, user, lang in members if m.organisation_id]
    planted = [("KE", 0), ("MA", 1), ("PE", 2), ("VN", 6), ("CO", 4), ("CN", 3), ("EG", 7), ("FJ", 8)]
    for i, (cc, theme_i) in enumerate(planted):
        gm, guser, glang = govs[cc]
        fm, fuser, _fl = funders[i * 3 % len(funders)]
        start = dt.date(2025, 3 + i % 6, 1)
        budget = 800_000 + 100_000 * i
        # the funder's own record (English, USD)
        fm_data = _activity_data(rng, theme_i, cc, 0, "en", start, 36, budget, "USD")
        fm_data["partners_involved"] = str(gm.display_name())
        if not fm.countries.filter(code=cc).exists():
            fm.countries.add(cc)
        services.activity_create(actor=fuser, member=fm, data=fm_data)
        cur = "EUR" if i % 2 else "USD"
        shifted = dt.date(start.year, start.month + 1, 1)
        g_data = _activity_data(rng, theme_i, cc, 0, glang if glang in LANGS else "en", shifted, 35,
                                round(budget * CURRENCIES[cur], -4), cur)
        services.activity_create(actor=guser, member=gm, data=g_data)
        made += 2
    # planted overlaps: a second initiative, other partner and language, same support, element, place, period
    for i, (cc, theme_i) in enumerate([("KE", 0), ("MA", 6), ("PE", 1), ("VN", 2), ("CO", 7), ("ZA", 0)]):
        a_m, a_user, a_lang = funders[(i * 5 + 1) % len(funders)]
        b_m, b_user, b_lang = funders[(i * 5 + 4) % len(funders)]
        langs = ["en", "fr", "es", "en", "es", "en"]
        for m, user, lang, start, months, budget in ((a_m, a_user, langs[i], dt.date(2025, 1, 1), 36, 300_000),
                                                     (b_m, b_user, ["fr", "en", "en", "zh", "en", "ru"][i],
                                                      dt.date(2025, 9, 1), 24, 90_000)):
            data = _activity_data(rng, theme_i, cc, 1, lang, start, months, budget, "USD")
            services.activity_create(actor=user, member=m, data=data)
            made += 1
    return made


NEEDS = [
    ("TD", "Ranger training for Zakouma and Sena Oura", ["protected_areas", "management_effectiveness"], ["training"]),
    ("HT", "Technical assistance to gazette the Macaya and La Visite parks", ["protected_areas"], ["technical-assistance"]),
    ("SD", "Support to establish the Dinder-Alatash transboundary complex", ["connectivity"], ["finance"]),
    ("BT", "OECM identification in community forests", ["oecm"], ["technical-assistance"]),
    ("KE", "Monitoring system for community conservancies", ["monitoring_reporting"], ["data"]),
    ("LA", "Equipment for patrols in Nam Et-Phou Louey", ["protected_areas"], ["equipment"]),
    ("MZ", "Marine spatial planning for the Quirimbas", ["marine_coastal", "spatial_planning"], ["policy-advice"]),
    ("GT", "Recognition of indigenous territories in Petén", ["indigenous_territories"], ["technical-assistance"]),
]


def _needs(p, coordinator) -> int:
    n = 0
    for cc, title, elements, support in NEEDS:
        if not PartnershipNeed.objects.filter(partnership=p, title=title).exists():
            need = services.need_create(actor=coordinator, partnership=p, data={
                "country": cc, "title": title, "elements": elements, "support_types": support, "language": "en",
                "description": f"{title}: stated at the regional consultation; no provider so far."})
            PartnershipNeed.objects.filter(pk=need.pk).update(created_at=timezone.now() - dt.timedelta(days=270))
            n += 1
    return n


TF_AGENCIES = [  # name, acronym, kind, country
    ("United Nations Environment Programme", "UNEP", "intergovernmental", "KE"),
    ("United Nations Conference on Trade and Development", "UNCTAD", "intergovernmental", "CH"),
    ("Secretariat of the Convention on Biological Diversity", "SCBD", "secretariat", "CA"),
    ("Secretariat of the Ramsar Convention on Wetlands", "Ramsar", "secretariat", "CH"),
    ("Secretariat of the Convention on Migratory Species", "CMS", "secretariat", "DE"),
    ("WWF International", "WWF", "ngo", "CH"),
    ("International Plant Genetic Resources Institute", "IPGRI", "intergovernmental", "IT"),
    ("International Union for Conservation of Nature", "IUCN", "ngo", "CH"),
]
TF_ITEMS = [  # number, title, outputs, lead acronym, partners, start, end, status, progress
    ("1", "Overview of agencies' activities for achieving the 2010 target, with positive developments and obstacles "
          "in supporting countries", "Synthesis report to the first meeting (UNEP/CBD/TF.HOA/1/2)", "SCBD",
     ["UNEP", "IUCN"], dt.date(2006, 3, 20), dt.date(2006, 9, 15), WorkItem.Status.DONE, 100),
    ("2", "Opportunities and options for enhancing the impact of each agency's activities", "Options paper; agreed "
          "list of joint opportunities", "UNEP", ["SCBD", "WWF", "IUCN"], dt.date(2006, 9, 15), dt.date(2007, 6, 30),
     WorkItem.Status.DONE, 100),
    ("3", "Modus operandi and functions of the Task Force", "Terms of reference adopted", "SCBD", ["UNEP"],
     dt.date(2006, 9, 15), dt.date(2007, 3, 31), WorkItem.Status.DONE, 100),
    ("4", "Harmonisation of national reporting across the biodiversity-related conventions", "Joint reporting "
          "modules; pilot in four countries", "UNEP", ["SCBD", "Ramsar", "CMS"], dt.date(2007, 1, 1),
     dt.date(2009, 6, 30), WorkItem.Status.IN_PROGRESS, 55),
    ("5", "Joint support to countries on the 2010 indicators", "Indicator factsheets; regional workshops", "IUCN",
     ["UNEP", "WWF", "IPGRI"], dt.date(2007, 6, 1), dt.date(2009, 12, 31), WorkItem.Status.IN_PROGRESS, 40),
    ("6", "Agricultural biodiversity and genetic resources in the 2010 target", "Guidance for national strategies",
     "IPGRI", ["SCBD", "UNCTAD"], dt.date(2007, 3, 1), dt.date(2009, 3, 31), WorkItem.Status.DELAYED, 20),
    ("7", "Trade and biodiversity: BioTrade contribution to the 2010 target", "Case studies; side event at COP 9",
     "UNCTAD", ["SCBD"], dt.date(2007, 1, 1), dt.date(2008, 5, 30), WorkItem.Status.DONE, 100),
]


def _task_force(secretariat) -> Partnership:
    coordinator = _user(f"coordinator.tf@{DOMAIN}", "Task Force coordinator")
    tf = Partnership.objects.filter(slug=TF_SLUG).first()
    if tf is None:
        tf = services.partnership_create(actor=secretariat, coordinators=[coordinator], data={
            "slug": TF_SLUG, "kind": Partnership.Kind.TASK_FORCE, "acronym": "TF-HOA",
            "name": "Heads of Agencies Task Force in Support of the Achievement of the 2010 Biodiversity Target",
            "purpose": "A subset of the global partnership on biodiversity (CBD decision VII/26): the main "
                       "biodiversity-related organisations collaborate to support countries and stakeholders in "
                       "achieving the 2010 target. It reviews agencies' activities, positive developments and "
                       "obstacles, and refines the opportunities for enhancing the impact of each agency's work.",
            "governance": "Heads of the member agencies; the CBD Secretariat convenes. A triennial work programme, "
                          "largely based on activities already approved by the agencies' governing bodies.",
            "founding_title": "Founding document of the Task Force, signed at the eighth meeting of the CBD "
                              "Conference of the Parties (Curitiba, March 2006); the CMS Secretariat's "
                              "representative signed on behalf of the CMS Executive Secretary",
            "founded_on": dt.date(2006, 3, 20), "is_open": False, "language": "en"})
    by_acronym = {}
    for name, acronym, kind, cc in TF_AGENCIES:
        org = _org(acronym.lower(), name, acronym, kind, cc)
        m = tf.members.filter(organisation=org, state="active").first()
        if m is None:
            m = services.member_add(actor=coordinator, partnership=tf, organisation=org, levels=["global"])
        by_acronym[acronym] = m
    if not tf.work_items.exists():
        for number, title, outputs, lead, partners, start, end, status, progress in TF_ITEMS:
            services.work_item_create(actor=coordinator, partnership=tf, data={
                "number": number, "title": title, "outputs": outputs, "lead": by_acronym[lead],
                "partners": [by_acronym[a] for a in partners], "starts_on": start, "ends_on": end,
                "status": status, "progress": progress})
    return tf


def load_demo(stdout=None) -> dict:
    started = time.monotonic()
    say = (lambda msg: stdout.write(msg + "\n")) if stdout else (lambda msg: None)
    rng = random.Random(3003)
    secretariat = _user(f"secretariat@{DOMAIN}", "Secretariat Demo")
    _grant(secretariat, Role.SECRETARIAT)
    coordinator = _user(f"coordinator.t3@{DOMAIN}", "Target 3 coordinator")
    with transaction.atomic():
        p = _partnership(secretariat, coordinator)
        members = _members(p, secretariat, coordinator, rng)
        tf = _task_force(secretariat)
        needs = _needs(p, coordinator)
    made = 0
    if not is_loaded():
        say("Registering the Target 3 activities and looking for overlaps (embedding them)...")
        with transaction.atomic():
            made = _activities(p, members, rng)
        services.overlaps_refresh(p)
        for _m, user, _lang in members[:3]:
            services.digest_subscribe(actor=user, partnership=p)
    n_overlaps = p.overlaps.filter(state="open").count()
    say(f"Partnerships demo: {p.members.filter(state='active').count()} members, {p.activities.count()} activities "
        f"({made} new), {n_overlaps} suggestions to review, {needs} needs added; task force with "
        f"{tf.work_items.count()} work items ({time.monotonic() - started:.1f} s).")
    return {"activities": made, "overlaps": n_overlaps}
