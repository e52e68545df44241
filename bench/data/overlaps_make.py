"""Build the labelled set of the overlap detector: bench/data/overlaps/ (activities.jsonl, pairs.tsv,
hard_negatives.tsv, split.tsv). Deterministic (seed 12); written before the detector was tuned, and not tuned on.

Each *group* is one support activity at one site, registered as:
- the base record (a funder or implementer, in one language);
- a **duplicate**: the same activity registered by the other party, in another language and other wording,
  budget in another currency and rounded, dates one or two months off, tags a little different;
- an **overlap**: another partner's initiative giving the same kind of support for the same element at the same
  site in an overlapping period (other wording, other budget);
- **hard negatives**, each alike in most fields: the same template in another country (``different_country``),
  a later phase with no common month (``non_overlapping_period``), other support at the same place and time
  (``complementary_support``), a regional programme that includes the country (``regional_vs_national``), the
  same partner and template at another site of the country (``boilerplate_different_site``).
Pairs not listed are negatives. Groups are split by country: 70 % ``dev``, 30 % ``heldout`` (see split.tsv).
Run: ``.venv/bin/python bench/data/overlaps_make.py``.

Label fixes after the first run (the detector unchanged): regional programmes of two groups could cover most of
the same countries, and a duplicate's added tag could meet another group's activity at the same site; both made
true overlaps that were not labelled. Now a regional programme shares under half of its countries with any other,
and a duplicate only leaves tags out.
"""

from __future__ import annotations

import json
import random
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent / "overlaps"

# country: (subnational area, site), (another area, another site)
SITES = {
    "KE": (("Kwale County", "Shimba Hills"), ("Laikipia", "Mukogodo forest")),
    "TZ": (("Kigoma", "Mahale mountains"), ("Tanga", "Amani forest")),
    "MA": (("Souss-Massa", "Souss-Massa park"), ("Ifrane", "Ifrane cedar forest")),
    "VN": (("Quang Nam", "Song Thanh reserve"), ("Ca Mau", "Mui Ca Mau mangroves")),
    "PE": (("Madre de Dios", "Tambopata"), ("Piura", "Cerros de Amotape")),
    "CO": (("Chocó", "Utría park"), ("Magdalena", "Sierra Nevada de Santa Marta")),
    "PG": (("Manus", "Manus lagoons"), ("Morobe", "YUS area")),
    "MG": (("Menabe", "Menabe Antimena"), ("Atsimo-Andrefana", "Velondriake")),
    "FJ": (("Vanua Levu", "Great Sea Reef"), ("Taveuni", "Bouma park")),
    "BR": (("Pará", "Tapajós"), ("Bahia", "Abrolhos")),
    "PH": (("Palawan", "El Nido"), ("Davao", "Mount Apo")),
    "ID": (("West Papua", "Raja Ampat"), ("Aceh", "Leuser")),
    "SN": (("Fatick", "Saloum delta"), ("Tambacounda", "Niokolo-Koba")),
    "KZ": (("Almaty", "Altyn-Emel"), ("Kostanay", "Altyn Dala")),
    "GE": (("Kakheti", "Lagodekhi"), ("Samtskhe-Javakheti", "Javakheti wetlands")),
    "MX": (("Campeche", "Calakmul"), ("Baja California Sur", "Cabo Pulmo")),
    "BO": (("La Paz", "Madidi"), ("Santa Cruz", "Noel Kempff")),
    "EC": (("Galápagos", "Galápagos reserve"), ("Esmeraldas", "Cayapas-Mataje")),
    "CN": (("Yunnan", "Xishuangbanna"), ("Qinghai", "Sanjiangyuan")),
    "NP": (("Lumbini", "Banke"), ("Sudurpashchim", "Shuklaphanta")),
    "LA": (("Houaphanh", "Nam Et-Phou Louey"), ("Khammouane", "Hin Nam No")),
    "EG": (("Red Sea", "Wadi El Gemal"), ("Kafr El Sheikh", "Burullus")),
    "JO": (("Tafilah", "Dana"), ("Zarqa", "Azraq")),
    "RU": (("Altai", "Katun reserve"), ("Primorye", "Land of the Leopard")),
    "ZA": (("Western Cape", "Agulhas plain"), ("KwaZulu-Natal", "iSimangaliso")),
    "IN": (("Kerala", "Periyar"), ("Assam", "Manas")),
    "TD": (("Salamat", "Zakouma"), ("Ennedi", "Ennedi plateau")),
    "CM": (("Est", "Lobéké"), ("Sud-Ouest", "Korup")),
    "GA": (("Ogooué-Maritime", "Loango"), ("Haut-Ogooué", "Batéké plateau")),
    "TN": (("Bizerte", "Ichkeul"), ("Jendouba", "El Feija")),
    "AR": (("Chubut", "Península Valdés"), ("Misiones", "Iguazú")),
    "CL": (("Aysén", "Patagonia park"), ("Valparaíso", "La Campana")),
    "KG": (("Issyk-Kul", "Sarychat-Ertash"), ("Jalal-Abad", "Besh-Aral")),
    "MN": (("Khentii", "Khan Khentii"), ("Dornod", "Mongol Daguur")),
}
EXTRA_COUNTRIES = {  # for different_country negatives only: no group here
    "UG": ("Kasese", "Rwenzori"), "ZM": ("Muchinga", "Luangwa valley"), "TH": ("Tak", "Thung Yai"),
    "BJ": ("Alibori", "W park"), "PY": ("Chaco", "Defensores del Chaco"), "UZ": ("Navoi", "Kyzylkum"),
    "OM": ("Dhofar", "Jabal Samhan"), "MY": ("Sabah", "Danum valley"),
}
REGIONS = {"AF": ["KE", "TZ", "ZA", "MG", "SN", "TD", "CM", "GA", "UG", "ZM", "BJ"], "AS": ["VN", "PH", "ID", "CN", "NP", "IN",
           "LA", "IN", "TH", "MY", "MN"], "LA": ["PE", "CO", "BR", "MX", "BO", "EC", "AR", "CL", "PY"],
           "EU": ["KZ", "GE", "RU", "KG", "UZ"], "AR": ["MA", "EG", "JO", "TN", "OM"], "PA": ["PG", "FJ"]}
LANGS = ["en", "fr", "es", "ru", "ar", "zh"]

# theme: support, elements, then per language two wordings (title, description) with {site} and {area}
THEMES = [
    (["training", "equipment"], ["protected_areas", "management_effectiveness"], {
        "en": [("Ranger training and patrol equipment for {site}", "Rangers of {site} in {area} are trained in patrolling, first aid and data collection, and receive radios and field kits."),
               ("Strengthening law enforcement capacity at {site}", "A programme to train and equip the enforcement staff of {site} ({area}) with SMART patrol tools.")],
        "fr": [("Formation et équipement des écogardes de {site}", "Les écogardes de {site} ({area}) sont formés à la patrouille, aux premiers secours et à la collecte de données, et reçoivent radios et équipements."),
               ("Renforcer les capacités de surveillance de {site}", "Un programme pour former et équiper les agents de surveillance de {site}, dans la région de {area}, avec l'outil SMART.")],
        "es": [("Capacitación y equipamiento de guardaparques en {site}", "Los guardaparques de {site} ({area}) reciben formación en patrullaje, primeros auxilios y toma de datos, además de radios y equipos."),
               ("Fortalecer la vigilancia de {site}", "Programa para capacitar y equipar al personal de control de {site}, en {area}, con herramientas SMART.")],
        "ru": [("Обучение и оснащение инспекторов охраны {site}", "Инспекторы {site} ({area}) проходят обучение патрулированию, первой помощи и сбору данных и получают рации и снаряжение."),
               ("Укрепление охраны территории {site}", "Программа подготовки и оснащения сотрудников охраны {site} в регионе {area} с использованием системы SMART.")],
        "ar": [("تدريب الحراس وتجهيز الدوريات في {site}", "يتلقى حراس {site} في {area} تدريباً على الدوريات والإسعافات الأولية وجمع البيانات، ويحصلون على أجهزة لاسلكي ومعدات ميدانية."),
               ("تعزيز قدرات إنفاذ القانون في {site}", "برنامج لتدريب وتجهيز موظفي الحماية في {site} بمنطقة {area} بأدوات الدوريات SMART.")],
        "zh": [("{site}护林员培训与巡护装备", "为{area}{site}的护林员提供巡护、急救和数据采集培训，并配备对讲机和野外装备。"),
               ("加强{site}执法能力", "培训并装备{area}{site}的执法人员，推广SMART巡护工具。")]}),
    (["technical-assistance"], ["protected_areas", "equitable_governance"], {
        "en": [("A participatory management plan for {site}", "Technical assistance to draft, with the communities of {area}, the first management plan of {site} and its co-management committee."),
               ("Co-management and planning support to {site}", "Experts help the authority of {site} ({area}) and local villages to agree zoning rules and a shared management plan.")],
        "fr": [("Un plan de gestion participatif pour {site}", "Assistance technique pour rédiger, avec les communautés de {area}, le premier plan de gestion de {site} et son comité de cogestion."),
               ("Appui à la cogestion et à la planification de {site}", "Des experts aident l'autorité de {site} ({area}) et les villages à convenir du zonage et d'un plan de gestion partagé.")],
        "es": [("Plan de manejo participativo de {site}", "Asistencia técnica para elaborar con las comunidades de {area} el primer plan de manejo de {site} y su comité de comanejo."),
               ("Apoyo al comanejo y la planificación de {site}", "Expertos ayudan a la autoridad de {site} ({area}) y a las comunidades a acordar la zonificación y un plan de manejo compartido.")],
        "ru": [("Совместный план управления для {site}", "Техническая помощь в подготовке вместе с общинами {area} первого плана управления {site} и комитета совместного управления."),
               ("Поддержка совместного управления {site}", "Эксперты помогают администрации {site} ({area}) и сёлам согласовать зонирование и общий план управления.")],
        "ar": [("خطة إدارة تشاركية لـ {site}", "مساعدة تقنية لإعداد أول خطة لإدارة {site} مع مجتمعات {area} وإنشاء لجنة للإدارة المشتركة."),
               ("دعم الإدارة المشتركة والتخطيط في {site}", "يساعد خبراء سلطة {site} في {area} والقرى على الاتفاق على التقسيم إلى مناطق وخطة إدارة مشتركة.")],
        "zh": [("{site}参与式管理计划", "提供技术援助，与{area}社区共同编制{site}首个管理计划并成立共管委员会。"),
               ("{site}共管与规划支持", "专家协助{area}{site}管理机构和周边村庄商定功能分区和共同管理计划。")]}),
    (["joint-research", "data"], ["marine_coastal", "important_areas"], {
        "en": [("Survey of key marine habitats at {site}", "Joint research to map seagrass, reefs and turtle nesting beaches at {site} ({area}) and share the data with the national biodiversity database."),
               ("Mapping coastal biodiversity hotspots around {site}", "Scientists and local fishers chart habitats and species of {site} in {area}; the maps are open data.")],
        "fr": [("Inventaire des habitats marins clés de {site}", "Recherche conjointe pour cartographier herbiers, récifs et plages de ponte à {site} ({area}) et partager les données avec la base nationale."),
               ("Cartographie des points chauds de biodiversité côtière de {site}", "Chercheurs et pêcheurs cartographient habitats et espèces de {site}, dans la région de {area} ; les cartes sont publiées en données ouvertes.")],
        "es": [("Estudio de hábitats marinos clave en {site}", "Investigación conjunta para mapear praderas marinas, arrecifes y playas de anidación en {site} ({area}) y compartir los datos con la base nacional."),
               ("Mapeo de la biodiversidad costera de {site}", "Científicos y pescadores cartografían hábitats y especies de {site}, en {area}; los mapas son datos abiertos.")],
        "ru": [("Обследование ключевых морских местообитаний {site}", "Совместное исследование для картирования морских трав, рифов и пляжей гнездования в {site} ({area}) с передачей данных в национальную базу."),
               ("Картирование прибрежного биоразнообразия {site}", "Учёные и рыбаки картируют местообитания и виды {site} в регионе {area}; карты публикуются открыто.")],
        "ar": [("مسح الموائل البحرية الرئيسية في {site}", "بحث مشترك لرسم خرائط الأعشاب البحرية والشعاب وشواطئ تعشيش السلاحف في {site} بمنطقة {area} وتبادل البيانات مع القاعدة الوطنية."),
               ("رسم خرائط بؤر التنوع البيولوجي الساحلي حول {site}", "يرسم العلماء والصيادون خرائط الموائل والأنواع في {site} بمنطقة {area}، والخرائط بيانات مفتوحة.")],
        "zh": [("{site}重要海洋生境调查", "联合研究绘制{area}{site}的海草床、珊瑚礁和海龟产卵海滩分布，并将数据共享至国家生物多样性数据库。"),
               ("{site}周边沿海生物多样性热点制图", "科学家与当地渔民共同绘制{area}{site}的生境和物种分布图，地图以开放数据发布。")]}),
    (["finance", "technical-assistance"], ["connectivity", "terrestrial"], {
        "en": [("Wildlife corridors connecting {site} to the wider landscape", "Grants and advice to secure land and restore forest corridors between {site} and neighbouring reserves in {area}."),
               ("Restoring ecological connectivity around {site}", "Funding for easements and restoration so that elephants and big cats can move between {site} and other forests of {area}.")],
        "fr": [("Corridors écologiques reliant {site} au paysage", "Subventions et conseils pour sécuriser des terres et restaurer des corridors forestiers entre {site} et les réserves voisines de {area}."),
               ("Restaurer la connectivité écologique autour de {site}", "Financement de servitudes et de restauration pour que la faune circule entre {site} et les autres forêts de {area}.")],
        "es": [("Corredores biológicos que conectan {site} con el paisaje", "Subvenciones y asesoría para asegurar tierras y restaurar corredores forestales entre {site} y las reservas vecinas de {area}."),
               ("Restaurar la conectividad ecológica en torno a {site}", "Financiamiento de servidumbres y restauración para que la fauna circule entre {site} y otros bosques de {area}.")],
        "ru": [("Экологические коридоры, соединяющие {site} с ландшафтом", "Гранты и консультации для закрепления земель и восстановления лесных коридоров между {site} и соседними резерватами {area}."),
               ("Восстановление экологической связности вокруг {site}", "Финансирование сервитутов и восстановления, чтобы животные могли перемещаться между {site} и другими лесами {area}.")],
        "ar": [("ممرات الحياة البرية التي تربط {site} بالمنظر الطبيعي", "منح ومشورة لتأمين الأراضي واستعادة الممرات الحرجية بين {site} والمحميات المجاورة في {area}."),
               ("استعادة الترابط البيئي حول {site}", "تمويل لحقوق الارتفاق والاستعادة كي تتنقل الحيوانات البرية بين {site} وغابات {area} الأخرى.")],
        "zh": [("连接{site}与周边景观的野生动物廊道", "提供赠款和咨询，保障土地并恢复{site}与{area}相邻保护区之间的森林廊道。"),
               ("恢复{site}周边生态连通性", "资助地役权和生态修复，使野生动物能在{site}与{area}其他森林之间迁移。")]}),
    (["technical-assistance", "policy-advice"], ["oecm", "indigenous_territories"], {
        "en": [("Recognising community conserved areas around {site} as OECMs", "Advice to communities of {area} and the ministry to document, recognise and report the customary conserved areas near {site} as OECMs."),
               ("OECM identification with indigenous communities near {site}", "Support to indigenous organisations of {area} to screen their territories near {site} against the OECM criteria and have them recognised.")],
        "fr": [("Reconnaître les aires conservées par les communautés autour de {site} comme AMCE", "Conseil aux communautés de {area} et au ministère pour documenter, reconnaître et déclarer comme AMCE les aires coutumières proches de {site}."),
               ("Identification d'AMCE avec les peuples autochtones près de {site}", "Appui aux organisations autochtones de {area} pour évaluer leurs territoires proches de {site} selon les critères AMCE et les faire reconnaître.")],
        "es": [("Reconocimiento de áreas conservadas por comunidades en {site} como OMEC", "Asesoría a las comunidades de {area} y al ministerio para documentar, reconocer y reportar como OMEC las áreas consuetudinarias cercanas a {site}."),
               ("Identificación de OMEC con pueblos indígenas cerca de {site}", "Apoyo a organizaciones indígenas de {area} para evaluar sus territorios cercanos a {site} según los criterios OMEC y lograr su reconocimiento.")],
        "ru": [("Признание общинных охраняемых территорий у {site} как ДЭПМ", "Консультации общинам {area} и министерству по описанию, признанию и отчётности о традиционных охраняемых участках у {site} как ДЭПМ."),
               ("Выявление ДЭПМ вместе с коренными общинами у {site}", "Поддержка организаций коренных народов {area} в оценке их территорий у {site} по критериям ДЭПМ и их признании.")],
        "ar": [("الاعتراف بالمناطق التي تحفظها المجتمعات حول {site} كتدابير حفظ فعالة", "مشورة لمجتمعات {area} والوزارة لتوثيق المناطق العرفية قرب {site} والاعتراف بها والإبلاغ عنها كتدابير حفظ فعالة."),
               ("تحديد تدابير الحفظ الفعالة مع الشعوب الأصلية قرب {site}", "دعم منظمات الشعوب الأصلية في {area} لتقييم أقاليمها قرب {site} وفق معايير تدابير الحفظ الفعالة والاعتراف بها.")],
        "zh": [("将{site}周边社区保护地认定为其他有效的区域保护措施", "为{area}社区和主管部门提供咨询，记录、认定并上报{site}附近的传统保护地。"),
               ("与{site}附近土著社区共同识别其他有效保护措施", "支持{area}土著组织按照标准评估{site}附近领地并推动其获得认定。")]}),
    (["data", "training"], ["monitoring_reporting", "management_effectiveness"], {
        "en": [("Biodiversity monitoring and reporting system for {site}", "Camera traps, a species database and staff training so that {site} ({area}) reports management effectiveness every year."),
               ("Management effectiveness assessment and monitoring at {site}", "Training in METT assessments and a monitoring database for the team of {site} in {area}.")],
        "fr": [("Système de suivi de la biodiversité pour {site}", "Pièges photographiques, base de données d'espèces et formation du personnel pour que {site} ({area}) rende compte chaque année de l'efficacité de sa gestion."),
               ("Évaluation de l'efficacité de gestion et suivi à {site}", "Formation aux évaluations METT et base de données de suivi pour l'équipe de {site}, dans la région de {area}.")],
        "es": [("Sistema de monitoreo de la biodiversidad de {site}", "Cámaras trampa, una base de datos de especies y capacitación para que {site} ({area}) informe cada año sobre la eficacia de su gestión."),
               ("Evaluación de la eficacia de gestión y monitoreo en {site}", "Capacitación en evaluaciones METT y una base de datos de monitoreo para el equipo de {site}, en {area}.")],
        "ru": [("Система мониторинга биоразнообразия для {site}", "Фотоловушки, база данных видов и обучение персонала, чтобы {site} ({area}) ежегодно отчитывалась об эффективности управления."),
               ("Оценка эффективности управления и мониторинг в {site}", "Обучение методике METT и база данных мониторинга для команды {site} в регионе {area}.")],
        "ar": [("نظام رصد التنوع البيولوجي والإبلاغ في {site}", "كاميرات فخية وقاعدة بيانات للأنواع وتدريب للموظفين كي يبلغ {site} في {area} سنوياً عن فعالية الإدارة."),
               ("تقييم فعالية الإدارة والرصد في {site}", "تدريب على تقييمات METT وقاعدة بيانات للرصد لفريق {site} في {area}.")],
        "zh": [("{site}生物多样性监测与报告系统", "为{area}{site}配备红外相机、物种数据库并培训人员，使其每年报告管理成效。"),
               ("{site}管理成效评估与监测", "为{area}{site}团队开展METT评估培训并建立监测数据库。")]}),
]
COMPLEMENT = (["finance"], ["protected_areas"], {
    "en": ("Visitor centre and access road for {site}", "Construction of a visitor centre, signage and an access road at {site} ({area}) to develop ecotourism."),
    "fr": ("Centre d'accueil et piste d'accès pour {site}", "Construction d'un centre d'accueil, de panneaux et d'une piste d'accès à {site} ({area}) pour l'écotourisme."),
    "es": ("Centro de visitantes y camino de acceso para {site}", "Construcción de un centro de visitantes, señalización y un camino de acceso en {site} ({area}) para el ecoturismo."),
    "ru": ("Визит-центр и подъездная дорога для {site}", "Строительство визит-центра, указателей и подъездной дороги в {site} ({area}) для развития экотуризма."),
    "ar": ("مركز زوار وطريق وصول إلى {site}", "بناء مركز للزوار ولافتات وطريق وصول في {site} بمنطقة {area} لتنمية السياحة البيئية."),
    "zh": ("{site}游客中心与进出道路", "在{area}{site}建设游客中心、标识系统和进出道路，发展生态旅游。")})
REGIONAL = {
    "en": ("Regional programme for protected area management capacity", "A multi-country programme of training, exchanges and technical assistance for protected area agencies of {countries}."),
    "fr": ("Programme régional de renforcement de la gestion des aires protégées", "Un programme multi-pays de formation, d'échanges et d'assistance technique pour les agences d'aires protégées de {countries}."),
    "es": ("Programa regional de capacidades para la gestión de áreas protegidas", "Programa multinacional de capacitación, intercambios y asistencia técnica para las agencias de áreas protegidas de {countries}."),
}
PARTNERS = ["a national parks agency", "an international conservation NGO", "a bilateral development agency",
            "a university research group", "a community trust", "a regional intergovernmental body",
            "a private conservation fund", "a UN agency country office"]
#: Themes that share a kind of support and an element: two of them at one site would be an overlap, so a site, or
#: an extra country, never gets two of one family (the labels stay true).
FAMILY = {0: 0, 5: 0, 1: 1, 2: 2, 3: 3, 4: 4}
CURRENCY = {"EUR": 0.93, "GBP": 0.79, "CNY": 7.2, "JPY": 150.0, "CHF": 0.88}


def _month(i: int) -> str:
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def build(seed: int = 12):
    rng = random.Random(seed)
    acts, pairs, negs = [], [], []
    n = [0]
    used: set[tuple[str, int]] = set()
    regional_sets: list[set[str]] = []

    def add(**kw) -> str:
        n[0] += 1
        ident = f"B{n[0]:04d}"
        acts.append({"id": ident, **kw})
        return ident

    for cc, ((area, site), (area2, site2)) in SITES.items():
        first_theme = 0
        for g in range(2):  # two groups per country, on its two sites, with different themes
            a_area, a_site = (area, site) if g == 0 else (area2, site2)
            ti = rng.randrange(len(THEMES))
            if g == 1:
                ti = rng.choice([t for t in range(len(THEMES)) if FAMILY[t] != FAMILY[first_theme]])
            else:
                first_theme = ti
            support, elements, texts = THEMES[ti]
            l1, l2, l3 = rng.sample(LANGS, 3)
            start = 2023 * 12 + rng.randrange(36)
            months = rng.choice([24, 30, 36, 48])
            budget = rng.choice([150_000, 400_000, 900_000, 1_600_000, 3_000_000])
            p1, p2, p3, p4 = rng.sample(PARTNERS, 4)
            lvl = rng.choice(["local", "subnational"])

            def rec(lang, variant, partner, s, m, b, cur="USD", sup=support, ele=elements, sub=a_area, st=a_site,
                    country=cc, level=lvl, tx=texts):
                title, desc = tx[lang][variant]
                return dict(partner=partner, partner_type="ngo", countries=[country], subnational=sub, level=level,
                            target_elements=list(ele), support=[s_.replace("-", " ") for s_ in sup],
                            start=_month(s), end=_month(s + m - 1),
                            budget=None if b is None else {"amount": b, "currency": cur}, language=lang,
                            title=title.format(site=st, area=sub), description=desc.format(site=st, area=sub))

            base = add(**rec(l1, 0, p1, start, months, budget))
            cur = rng.choice(list(CURRENCY))
            dup_budget = None if rng.random() < 0.15 else int(round(budget * CURRENCY[cur] * rng.uniform(0.95, 1.05),
                                                                        -4))
            # tags differ a little: one kind of support or one element left out (never one added: an added tag
            # could make the record overlap another group's activity at the site, and its label would be false)
            dup_sup = support[:1] if len(support) > 1 and rng.random() < 0.5 else support
            dup_ele = elements[:1] if rng.random() < 0.5 else elements
            dup = add(**rec(l2, 1, p2, start + rng.choice([-2, -1, 1, 2]), months + rng.choice([-1, 0, 1]),
                            dup_budget, cur, sup=dup_sup, ele=dup_ele,
                            sub=a_area if rng.random() < 0.6 else f"{a_area} Province"))
            pairs.append((base, dup, "duplicate"))
            shift = rng.choice([2, 4, 6])
            ov = add(**rec(l3, 1 if l3 != l2 else 0, p3, start + shift, months - shift - rng.randrange(4) - 3,
                           int(budget * rng.choice([0.2, 0.35, 2.5])), sup=support[:1] + ["expert-exchange"],
                           sub=a_area))
            pairs.append((base, ov, "overlap"))
            pairs.append((dup, ov, "overlap"))
            kinds = rng.sample(["different_country", "non_overlapping_period", "complementary_support",
                                "regional_vs_national", "boilerplate_different_site"], 3)
            for kind in kinds:
                if kind == "different_country":
                    free = [c for c in sorted(EXTRA_COUNTRIES) if (c, FAMILY[ti]) not in used]
                    if not free:
                        continue
                    c2 = rng.choice(free)
                    used.add((c2, FAMILY[ti]))
                    sub2, st2 = EXTRA_COUNTRIES[c2]
                    neg = add(**rec(l1, 0, p1, start, months, budget, sub=sub2, st=st2, country=c2))
                elif kind == "non_overlapping_period":
                    neg = add(**rec(l1, rng.randrange(2), p1, start + months + rng.choice([4, 8, 12]), 36, budget))
                elif kind == "complementary_support":
                    sup, ele, tx = COMPLEMENT
                    title, desc = tx[l3]
                    neg = add(**{**rec(l3, 0, p4, start + 2, months, budget * 2, sup=sup, ele=ele),
                                 "title": title.format(site=a_site, area=a_area),
                                 "description": desc.format(site=a_site, area=a_area)})
                elif kind == "regional_vs_national":
                    region = next(r for r, ccs in REGIONS.items() if cc in ccs)
                    # another group's regional programme over most of the same countries would be a true overlap
                    for _try in range(50):
                        others = rng.sample([c for c in REGIONS[region] if c != cc], min(4, len(REGIONS[region]) - 1))
                        chosen = {cc, *others}
                        if all(len(chosen & u) / len(chosen | u) < 0.5 for u in regional_sets):
                            break
                    else:
                        continue
                    regional_sets.append(chosen)
                    lang = rng.choice(["en", "fr", "es"])
                    title, desc = REGIONAL[lang]
                    neg = add(partner=p4, partner_type="intergovernmental", countries=[cc, *others], level="regional",
                              target_elements=list(elements) + ["management_effectiveness"],
                              support=[s_.replace("-", " ") for s_ in support] + ["expert exchange"],
                              start=_month(start - 6), end=_month(start + 42), budget={"amount": 6_000_000,
                                                                                      "currency": "USD"},
                              language=lang, title=title,
                              description=desc.format(countries=", ".join([cc, *others])))
                else:  # the same partner and template at the country's other site
                    o_area, o_site = (area2, site2) if g == 0 else (area, site)
                    neg = add(**rec(l1, 0, p1, start, months, int(budget * 0.9), sub=o_area, st=o_site))
                negs.append((base, neg, kind))
    split = {}
    for cc in SITES:
        split[cc] = "heldout" if zlib.crc32(cc.encode()) % 10 < 3 else "dev"
    return acts, pairs, negs, split


def main() -> None:
    acts, pairs, negs, split = build()
    OUT.mkdir(exist_ok=True)
    with open(OUT / "activities.jsonl", "w", encoding="utf-8") as fh:
        for a in acts:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    (OUT / "pairs.tsv").write_text("".join(f"{min(a, b)}\t{max(a, b)}\t{k}\n" for a, b, k in pairs))
    (OUT / "hard_negatives.tsv").write_text("".join(f"{min(a, b)}\t{max(a, b)}\t{k}\n" for a, b, k in negs))
    (OUT / "split.tsv").write_text("".join(f"{cc}\t{s}\n" for cc, s in sorted(split.items())))
    print(f"{len(acts)} activities, {len(pairs)} labelled pairs, {len(negs)} hard negatives in {OUT}")


if __name__ == "__main__":
    main()
