"""Demo data for the cooperation marketplace: the yellow and red sheets of a regional NBSAP
workshop made permanent, in several languages, with an accepted introduction and a
collaboration with milestones.

``load_demo()`` is idempotent: it adds only the posts, profiles and collaboration that are
missing. Everything goes through the services. People are the demo users of ``knowledge/demo.py``
(created here when missing; Kazakhstan's ``fp.kz``/``au.kz`` post in Russian). About 40 needs and
60 offers in ar, en, es, fr, pt, ru and zh, with near misses (same words, wrong ecosystem, kind of
support, eligibility or deadline). The acceptance case: Morocco's need in French
(``fp.ma@demo.clearinghouse.localhost``) gets offers in English (Kenya) and Spanish (Colombia) first.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import transaction
from django.utils import timezone

from clearinghouse.accounts.models import Role, RoleAssignment, User
from clearinghouse.accounts.permissions import clear_role_cache

from . import services
from .models import Collaboration, Introduction, Need, Offer, ProviderProfile, Workshop

DOMAIN = "demo.clearinghouse.localhost"
PASSWORD = "demo-password-2026"
LANG = {"KE": "en", "BR": "pt", "CO": "es", "IN": "en", "VN": "en", "MA": "fr", "PE": "es", "ZA": "en",
        "MX": "es", "CN": "zh", "EG": "ar", "FJ": "en", "KZ": "ru"}

# (country, title, description, GBF targets, support)
NEEDS = [
    ("MA", "Formation au suivi des oiseaux d'eau dans les zones humides",
     "Pour réviser notre SPANB, nous devons mettre en place un suivi des oiseaux d'eau dans les zones humides du "
     "Souss-Massa et de Merja Zerga. Nous cherchons une formation pratique des gardes et des techniciens aux "
     "comptages et à la gestion des données. Nous ne demandons pas de subvention.", [3, 21], "formation"),
    ("MA", "Appui technique pour les indicateurs du cadre de suivi de la SPANB",
     "Nous avons besoin d'un appui technique pour choisir et calculer les indicateurs principaux du cadre mondial "
     "de la biodiversité dans notre stratégie nationale révisée.", [21], "assistance technique"),
    ("MA", "Cartographie des cédraies dégradées pour la restauration",
     "Cartes et données de télédétection sur les cédraies du Moyen Atlas pour planifier la restauration.", [2],
     "données"),
    ("KE", "Valuation of ecosystem services for the revised NBSAP",
     "Kenya needs methods and training to value the ecosystem services of coastal forests and mangroves so that "
     "the revised NBSAP can make the case for investment.", [14, 19], "technical assistance, training"),
    ("KE", "Mapping areas important for biodiversity (spatial planning)",
     "We need support to run systematic conservation planning and map areas of high biodiversity importance for "
     "Target 1 and Target 3 in the NBSAP revision.", [1, 3], "technical assistance"),
    ("KE", "Invasive Prosopis management in drylands",
     "Counties in the north need practical experience in controlling invasive Prosopis juliflora in rangelands.",
     [6], "expert exchange, study visit"),
    ("IN", "Integrating traditional knowledge in the NBSAP",
     "India seeks experience with documenting traditional knowledge in people's biodiversity registers with free, "
     "prior and informed consent.", [22], "expert exchange"),
    ("IN", "Biodiversity finance plan for the NBSAP",
     "We need help to estimate the financing gap and prepare a biodiversity finance plan.", [19], "policy advice"),
    ("VN", "Mangrove restoration monitoring methods",
     "The Mekong Delta provinces need field methods and drone mapping to monitor mangrove restoration sites.",
     [2], "training, technology"),
    ("VN", "Wildlife trade enforcement training for customs",
     "Customs officers need training to identify CITES-listed species and derivatives at border posts.", [5],
     "training"),
    ("ZA", "Community-based monitoring of pollinators",
     "We need protocols and citizen-science tools to monitor pollinators in agricultural landscapes.", [11, 10],
     "technology, data"),
    ("ZA", "Mainstreaming biodiversity into mining permits",
     "Advice on mainstreaming biodiversity into environmental impact assessment of mining.", [14],
     "policy advice"),
    ("FJ", "Island invasive rodent eradication planning",
     "Fiji needs expertise to plan rat eradication on small islands to protect seabirds.", [6, 4],
     "technical assistance"),
    ("FJ", "Coral reef monitoring for national reporting",
     "Support to set up coral reef monitoring for the national report and headline indicators.", [21, 3],
     "training, data"),
    ("CO", "Necesitamos apoyo para la valoración de servicios ecosistémicos de páramos",
     "Colombia busca métodos de valoración de servicios ecosistémicos del agua en páramos para la EPANB.",
     [14, 11], "asistencia técnica"),
    ("CO", "Capacitación en sistemas de información sobre biodiversidad",
     "Necesitamos capacitación en la publicación de datos de biodiversidad con Darwin Core para el SIB.", [21],
     "capacitación, datos"),
    ("PE", "Fortalecer el monitoreo de camélidos silvestres",
     "Perú necesita intercambio de experiencias sobre el monitoreo de vicuñas y guanacos en los Andes.", [4],
     "intercambio de expertos"),
    ("PE", "Restauración de bofedales altoandinos",
     "Buscamos experiencia técnica en restauración de humedales altoandinos (bofedales) para la estrategia.", [2],
     "asistencia técnica"),
    ("MX", "Indicadores de especies para el informe nacional",
     "México requiere apoyo para calcular el índice de hábitat de especies para el informe nacional.", [4, 21],
     "datos"),
    ("BR", "Capacitação em planejamento espacial marinho",
     "O Brasil precisa de capacitação em planejamento espacial marinho para a revisão da EPANB.", [1, 3],
     "capacitação"),
    ("BR", "Intercâmbio sobre pagamento por serviços ambientais",
     "Buscamos intercâmbio de experiências em pagamento por serviços ambientais para bacias hidrográficas.", [19],
     "intercâmbio de especialistas"),
    ("CN", "湿地候鸟监测培训", "我们需要湿地水鸟和候鸟监测方面的培训，以支持国家生物多样性战略与行动计划的修订。", [3, 4],
     "培训"),
    ("CN", "生物多样性数据平台技术交流", "需要生物多样性数据共享平台建设的技术交流。", [21], "数据"),
    ("EG", "تدريب على رصد الشعاب المرجانية في البحر الأحمر", "نحتاج إلى تدريب على رصد الشعاب المرجانية لدعم مراجعة الاستراتيجية الوطنية.",
     [3, 21], "تدريب"),
    ("EG", "دعم فني لمكافحة الأنواع الغازية في دلتا النيل", "نحتاج إلى دعم فني لإدارة ورد النيل الغازي في المجاري المائية.",
     [6], "دعم فني"),
]

OFFERS = [
    ("KE", "Training in waterbird counts and wetland monitoring",
     "Kenya Wildlife Service and National Museums offer a two-week field training on waterbird counts, wetland "
     "bird monitoring and data management at Lake Naivasha, for rangers and technicians from African countries. "
     "Training delivered in English and French.", [3, 21], "training"),
    ("CO", "Capacitación en monitoreo de aves acuáticas en humedales",
     "El Instituto Humboldt ofrece capacitación en monitoreo de aves acuáticas y migratorias en humedales, con "
     "protocolos de conteo y gestión de datos. Curso virtual en español con materiales en francés.", [3, 4],
     "capacitación"),
    ("KE", "Ecosystem service valuation course for coastal managers",
     "A course on valuing mangrove and coastal forest ecosystem services, with case studies from Gazi Bay.",
     [14], "training"),
    ("IN", "Hosting study visits on people's biodiversity registers",
     "India hosts study visits to show how people's biodiversity registers document traditional knowledge.", [22],
     "study visit"),
    ("IN", "Systematic conservation planning support",
     "Our institute provides technical assistance in systematic conservation planning and mapping key "
     "biodiversity areas.", [1, 3], "technical assistance"),
    ("ZA", "Biodiversity finance plan expertise (BIOFIN experience)",
     "South Africa shares its experience in financing gap analysis and biodiversity finance plans.", [19],
     "policy advice, expert exchange"),
    ("ZA", "Invasive species control in drylands: Working for Water",
     "Expert exchange on clearing invasive Prosopis and other woody invaders in arid rangelands.", [6],
     "expert exchange"),
    ("ZA", "Citizen science tools for pollinator monitoring",
     "Open-source app and protocols for citizen science monitoring of pollinators in farmland.", [10, 11],
     "technology"),
    ("VN", "Drone mapping for mangrove restoration",
     "Training in drone mapping and field monitoring of mangrove restoration sites.", [2], "training"),
    ("FJ", "Coral reef monitoring training (Reef Check methods)",
     "Regional training on coral reef monitoring for Pacific island countries, English only.", [3], "training"),
    ("MX", "Capacitación en publicación de datos con Darwin Core",
     "CONABIO ofrece capacitación en la publicación de datos de biodiversidad con estándares Darwin Core y GBIF.",
     [21], "capacitación"),
    ("MX", "Asesoría sobre pago por servicios ambientales hidrológicos",
     "México comparte su experiencia en programas de pago por servicios ambientales hidrológicos.", [19],
     "asesoría en políticas"),
    ("PE", "Intercambio en restauración de bofedales",
     "Ofrecemos visitas de intercambio sobre restauración de humedales altoandinos con comunidades.", [2],
     "visita de estudio"),
    ("CO", "Valoración de servicios ecosistémicos de alta montaña",
     "Asistencia técnica en valoración de servicios hídricos de páramos y bosques andinos.", [14, 11],
     "asistencia técnica"),
    ("BR", "Capacitação em planejamento espacial marinho",
     "Oferecemos cursos de planejamento espacial marinho com estudos de caso da costa brasileira.", [1],
     "capacitação"),
    ("CN", "湿地保护技术培训", "我们提供湿地保护与水鸟监测技术培训。", [3], "培训"),
    ("EG", "تبادل الخبرات في إدارة المحميات البحرية", "نقدم تبادل الخبرات في إدارة المحميات البحرية في البحر الأحمر.",
     [3], "تبادل الخبرات"),
    ("MA", "Formation en restauration des forêts de cèdre",
     "Le Maroc propose une formation sur la restauration des cédraies et la gestion des pépinières.", [2],
     "formation"),
    ("FJ", "Rat eradication on islands: lessons from Fiji",
     "Technical assistance for planning rodent eradication on islands to protect seabird colonies.", [6],
     "technical assistance"),
    ("KE", "Customs training on wildlife trade",
     "Training for customs and police on identifying wildlife products in illegal trade.", [5], "training"),
]


def _user(email: str, name: str, *, country: str | None = None) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        lang = {"zh": "zh-hans", "pt": "en"}.get(LANG.get(country or "", "en"), LANG.get(country or "", "en"))
        user = User(email=email, username=email, display_name=name, country_id=country,
                    email_confirmed_at=timezone.now(), preferred_language=lang)
        user.set_password(PASSWORD)
        user.save()
    return user


def _people() -> dict[str, tuple[User, User]]:
    people = {}
    for cc in LANG:
        fp = _user(f"fp.{cc.lower()}@{DOMAIN}", f"Focal point {cc}", country=cc)
        au = _user(f"au.{cc.lower()}@{DOMAIN}", f"Authorised user {cc}", country=cc)
        for user, role in ((fp, Role.FOCAL_POINT), (au, Role.AUTHORISED_USER)):
            if not RoleAssignment.objects.active().filter(user=user, role=role, country_id=cc).exists():
                RoleAssignment.objects.create(user=user, role=role, country_id=cc,
                                              convention_id="CBD" if role == Role.FOCAL_POINT else None)
            clear_role_cache(user)
        people[cc] = (fp, au)
    return people


def _variants():
    """A second round of posts: the same elements seen from other countries of the region."""
    extra_needs = [
        ("IN", "Training in wetland bird monitoring for Ramsar sites",
         "We need training for state wetland authorities on waterbird counts and data.", [3], "training"),
        ("KE", "Data management system for species monitoring", "We need a database and data standards for "
         "species monitoring data feeding national indicators.", [21], "data, technology"),
        ("VN", "Policy advice on biodiversity offsets", "Advice on designing biodiversity offset rules for "
         "infrastructure.", [14], "policy advice"),
        ("ZA", "Study visit on protected area management effectiveness", "Staff would like to visit agencies "
         "using METT to assess protected area management effectiveness.", [3], "study visit"),
        ("FJ", "Finance for community conserved areas", "Co-financing for community conserved areas and OECMs "
         "in Fiji.", [3, 22], "finance"),
        ("MX", "Intercambio sobre manejo del fuego en bosques", "Buscamos intercambio de experiencias en manejo "
         "integral del fuego en selvas y bosques.", [2, 8], "intercambio de expertos"),
        ("PE", "Apoyo para sistemas de alerta temprana de deforestación", "Necesitamos tecnología de alerta "
         "temprana de deforestación con imágenes satelitales.", [1, 2], "tecnología"),
        ("CO", "Conocimientos tradicionales en la EPANB", "Buscamos experiencias de integración de conocimientos "
         "tradicionales indígenas en la estrategia nacional.", [22], "intercambio de expertos"),
        ("MA", "Échange sur la gestion des aires protégées marines", "Nous souhaitons un échange d'experts sur la "
         "gestion des aires marines protégées de Méditerranée.", [3], "échange d'experts"),
        ("BR", "Dados de espécies ameaçadas para a lista vermelha", "Precisamos de apoio em dados e avaliação de "
         "espécies ameaçadas.", [4], "dados"),
        ("EG", "سياسات الإعانات الضارة بالتنوع البيولوجي", "نحتاج إلى مشورة سياساتية لإصلاح الإعانات الضارة.", [18],
         "مشورة سياساتية"),
        ("CN", "入侵物种防控经验交流", "希望就外来入侵物种防控开展专家交流。", [6], "专家交流"),
        ("IN", "Urban biodiversity index for cities", "Cities need support to apply the City Biodiversity Index.",
         [12], "technical assistance"),
        ("KE", "Equipment for wildlife disease surveillance", "Laboratory equipment and kits for wildlife disease "
         "surveillance in national parks.", [4], "equipment"),
        ("ZA", "Genetic resources and benefit-sharing permits", "Advice on ABS permit systems under the Nagoya "
         "Protocol.", [13], "policy advice"),
    ]
    extra_offers = [
        ("BR", "Sistema de alerta de desmatamento por satélite", "Transferência de tecnologia do sistema DETER de "
         "alerta de desmatamento por imagens de satélite.", [1, 2], "tecnologia"),
        ("IN", "City Biodiversity Index training", "Training for city officials on the City Biodiversity Index and "
         "urban biodiversity plans.", [12], "training"),
        ("ZA", "Protected area management effectiveness (METT) study tours", "Study tours to South African parks "
         "on management effectiveness assessment.", [3], "study visit"),
        ("KE", "Wildlife disease surveillance laboratory training", "Veterinary services training on wildlife "
         "disease diagnosis.", [4], "training"),
        ("MX", "Manejo integral del fuego: intercambio técnico", "Ofrecemos intercambio técnico en manejo del "
         "fuego en ecosistemas tropicales.", [8], "intercambio de expertos"),
        ("CO", "Datos de especies amenazadas y listas rojas", "Apoyo técnico en evaluación de especies amenazadas "
         "según criterios UICN.", [4], "datos"),
        ("PE", "Conocimientos tradicionales y consentimiento previo", "Compartimos experiencias de protocolos "
         "comunitarios y consentimiento libre, previo e informado.", [22], "intercambio de expertos"),
        ("FJ", "Community conserved areas: Locally Managed Marine Areas", "Expert exchange on locally managed "
         "marine areas in the Pacific.", [3, 22], "expert exchange"),
        ("VN", "Biodiversity offsets policy experience", "Policy advice on biodiversity offsets from Viet Nam's "
         "infrastructure programme.", [14], "policy advice"),
        ("MA", "Expertise sur les aires marines protégées", "Échange d'experts sur la gestion des aires marines "
         "protégées d'Al Hoceima.", [3], "échange d'experts"),
        ("EG", "تدريب على إدارة ورد النيل", "نقدم تدريبا على مكافحة ورد النيل في القنوات المائية.", [6], "تدريب"),
        ("CN", "生物多样性数据平台建设技术支持", "提供生物多样性数据共享平台建设技术支持。", [21], "技术支持"),
        ("ZA", "ABS permit system experience", "Advice on bioprospecting and access and benefit-sharing permits.",
         [13], "policy advice"),
        ("IN", "Harmful subsidies review methodology", "Technical assistance on reviewing harmful subsidies.",
         [18], "technical assistance"),
        ("KE", "Species monitoring database (open source)", "We share an open-source database for species "
         "monitoring data and indicators.", [21], "technology, data"),
        ("BR", "Financiamento para áreas conservadas comunitárias", "Pequenas doações para áreas conservadas por "
         "comunidades. Apenas para países da América Latina.", [3, 22], "financiamento"),
        ("ZA", "Grants for community conservation in Africa", "Small grants for community conservation; only "
         "African countries are eligible.", [3, 22], "finance"),
        ("CO", "Curso de planificación sistemática de la conservación", "Curso virtual en español sobre "
         "planificación sistemática y mapas de áreas prioritarias.", [1, 3], "capacitación"),
        ("MX", "Índice de hábitat de especies: asistencia técnica", "Asistencia técnica para calcular el índice "
         "de hábitat de especies.", [4, 21], "asistencia técnica"),
        ("KE", "Mangrove restoration study visits at Gazi Bay", "Study visits to community mangrove restoration "
         "and carbon projects.", [2], "study visit"),
    ]
    return extra_needs, extra_offers


# A third round: more providers, in more languages, and near misses — the same words as a need but
# the wrong ecosystem, kind of support, eligibility, language or deadline — so that the reasons and
# the unmet constraints of the suggestions show what the ranker reads.
MORE_OFFERS = [
    ("KZ", "Обучение учёту водоплавающих птиц на водно-болотных угодьях",
     "Казахстанская ассоциация сохранения биоразнообразия проводит полевое обучение учёту водоплавающих и "
     "околоводных птиц на озёрах Тенгиз-Коргалжын, с обработкой данных. Обучение на русском и английском "
     "языках.", [3, 21], "обучение"),
    ("KZ", "Обмен опытом по восстановлению степей",
     "Предлагаем обмен специалистами по восстановлению степных экосистем и сайгака.", [2, 4], "обмен экспертами"),
    ("KZ", "Данные дистанционного зондирования для мониторинга пастбищ",
     "Предоставляем спутниковые данные и методику мониторинга деградации пастбищ в засушливых землях.", [2],
     "данные"),
    ("ZA", "Grants for waterbird monitoring in wetlands",
     "Small grants for NGOs running waterbird monitoring in wetlands. We fund projects; we do not run training.",
     [3], "finance"),
    ("IN", "Research partnership on wetland birds",
     "Joint research on migratory waterbirds and wetland ecology with universities. This is a research "
     "partnership, not a training course.", [3, 4], "joint research"),
    ("FJ", "Seabird monitoring training on coral islands",
     "Training in seabird monitoring and counts on coral atolls and reef islands. The method is designed for "
     "island colonies and does not apply to inland wetlands.", [4], "training"),
    ("CO", "Curso de monitoreo de aves acuáticas para América Latina",
     "Curso presencial de monitoreo de aves acuáticas en humedales andinos. Solo para países de América Latina "
     "y el Caribe.", [3], "capacitación"),
    ("KE", "Wetland manager fellowship (applications closed)",
     "Six-month fellowship for wetland managers on waterbird monitoring. Applications closed on 31 March 2025.",
     [3], "training"),
    ("MA", "Formation au suivi des oiseaux forestiers",
     "Formation au suivi des oiseaux des forêts de cèdres du Moyen Atlas : points d'écoute et transects.", [4],
     "formation"),
    ("BR", "Capacitação em monitoramento de aves aquáticas no Pantanal",
     "Curso de campo sobre contagem de aves aquáticas em áreas úmidas do Pantanal. Os participantes pagam a "
     "viagem e uma taxa de inscrição.", [3], "capacitação"),
    ("VN", "Mangrove carbon accounting course",
     "Training on measuring blue carbon in mangrove forests. The method applies to mangroves only, not to "
     "seagrass or coral reefs.", [8, 11], "training"),
    ("EG", "تدريب ميداني على رصد الشعاب المرجانية وتبييضها",
     "نقدم تدريبا ميدانيا على رصد الشعاب المرجانية وتبييضها في البحر الأحمر، باللغتين العربية والإنجليزية.",
     [3, 21], "تدريب"),
    ("CN", "红树林修复技术交流", "提供红树林修复与监测的专家交流和实地考察。", [2], "专家交流"),
    ("CN", "入侵物种早期监测技术培训", "提供外来入侵物种早期监测与快速响应技术培训。", [6], "培训"),
    ("PE", "Asistencia técnica en monitoreo de vicuñas",
     "Compartimos métodos de censo de vicuñas y guanacos en los Andes, con visitas de campo.", [4],
     "asistencia técnica"),
    ("MX", "Equipo de fototrampeo en préstamo",
     "Préstamo de cámaras trampa y capacitación básica para el monitoreo de mamíferos en selvas.", [4],
     "equipo"),
    ("ZA", "Pollinator monitoring grants for farmers",
     "Grants for farmer groups to monitor pollinators; no technical support is provided.", [10, 11], "finance"),
    ("IN", "Biodiversity finance gap analysis: technical assistance",
     "Technical assistance to estimate biodiversity expenditure and the financing gap for NBSAP costing.", [19],
     "technical assistance"),
    ("FJ", "Locally managed marine areas: study visits",
     "Study visits to community-managed marine areas and coral reef monitoring sites in Fiji.", [3, 22],
     "study visit"),
    ("KE", "Prosopis control in drylands: study visits in Baringo",
     "Study visits to community Prosopis clearing and restoration sites in Baringo County drylands.", [6, 2],
     "study visit"),
]

MORE_NEEDS = [
    ("KZ", "Восстановление водно-болотных угодий и учёт птиц",
     "Казахстану нужна техническая помощь в восстановлении водно-болотных угодий и организации учёта "
     "водоплавающих птиц для национальной стратегии.", [2, 3], "техническая помощь"),
    ("FJ", "Mangrove and seagrass monitoring training",
     "We need training to monitor seagrass meadows next to mangroves. We cannot pay fees or travel costs.",
     [3, 21], "training"),
]

# Provider profiles (Bio-Bridge profile records) of some of the offering users.
PROFILES = {
    "KE": ("en", "Wetland and waterbird monitoring; ecosystem service valuation of coastal forests; wildlife trade "
                 "enforcement training.",
           "Kenya Wildlife Service and National Museums: field ornithology, wetland management, customs training.",
           "Trained 60 rangers from 9 African countries in waterbird counts (2023–2025); hosted study visits on "
           "community mangrove restoration at Gazi Bay.", ["training", "study-visit", "expert-exchange"], [3, 21, 5]),
    "CO": ("es", "Monitoreo de aves acuáticas y migratorias; valoración de servicios ecosistémicos de páramos; "
                 "planificación sistemática de la conservación.",
           "Instituto Humboldt: ornitología, sistemas de información sobre biodiversidad, valoración económica.",
           "Cursos virtuales para 12 países de América Latina y África francófona (2024–2025).",
           ["training", "technical-assistance", "data"], [3, 14, 21]),
    "ZA": ("en", "Biodiversity finance; invasive species control; pollinator monitoring; ABS permits.",
           "SANBI: BIOFIN finance plans, Working for Water programme, citizen science tools.",
           "Supported four SADC countries with biodiversity finance plans since 2022.",
           ["policy-advice", "expert-exchange", "finance"], [6, 13, 19]),
    "KZ": ("ru", "Учёт водоплавающих птиц, восстановление степей и пастбищ.",
           "Полевые орнитологические исследования, дистанционное зондирование, степная экология.",
           "Обучение специалистов из стран Центральной Азии в 2024–2025 годах.",
           ["training", "expert-exchange", "data"], [2, 3, 4]),
}


def _post(kind, people, cc, title, description, targets, support, workshop=None):
    """Post one sheet, unless its author already did (the demo can be loaded again)."""
    fp, au = people[cc]
    owner = au if kind == "offer" else fp
    model = Need if kind == "need" else Offer
    existing = model.objects.filter(owner=owner, title=title).first()
    if existing is not None:
        return existing, False
    data = {"title": title, "description": description, "language": LANG[cc], "targets": [str(t) for t in targets],
            "support_text": support}
    if kind == "offer" and "English and French" in description:
        data["delivery_languages"] = ["en", "fr"]
    if kind == "offer" and "Applications closed on 31 March 2025" in description:
        data["deadline"] = dt.date(2025, 3, 31)
    post = services.post_create(actor=owner, kind=kind, data=data, country=cc, workshop=workshop)
    return post, True


def _profiles(people) -> int:
    n = 0
    for cc, (lang, areas, expertise, experience, support, targets) in PROFILES.items():
        user = people[cc][1]
        if not ProviderProfile.objects.filter(user=user).exists():
            services.provider_profile_save(actor=user, data={
                "language": lang, "areas": areas, "expertise": expertise, "recent_experience": experience,
                "support_types": support, "targets": [str(t) for t in targets]})
            n += 1
    return n


WORKSHOP_TITLE = "Regional technical cooperation for NBSAP revision"
WALL = ("KE", "ZA", "EG")  # countries whose sheets are on the workshop wall (offers: and Morocco's)


def load_demo(stdout=None) -> dict:
    """Create what is missing of the marketplace demo and compute its suggestions. Idempotent."""
    started = time.monotonic()
    say = (lambda msg: stdout.write(msg + "\n")) if stdout else (lambda msg: None)
    people = _people()
    secretariat = _user(f"secretariat@{DOMAIN}", "Secretariat Demo")
    if not RoleAssignment.objects.active().filter(user=secretariat, role=Role.SECRETARIAT).exists():
        RoleAssignment.objects.create(user=secretariat, role=Role.SECRETARIAT)
    clear_role_cache(secretariat)
    extra_needs, extra_offers = _variants()
    with transaction.atomic():
        ws = Workshop.objects.filter(facilitator=secretariat, title=WORKSHOP_TITLE).first()
        if ws is None:
            ws = services.workshop_open(actor=secretariat, data={
                "title": WORKSHOP_TITLE, "place": "Nairobi",
                "starts_on": timezone.localdate(), "ends_on": timezone.localdate() + dt.timedelta(days=2),
                "description": "Yellow sheets: what you need to revise your NBSAP. Red sheets: what your country "
                               "can offer to the region."})
        if ws.is_open:
            for cc in ("KE", "MA", "ZA", "EG", "FJ"):
                for user in people[cc]:
                    services.workshop_join(actor=user, code=ws.join_code)
        wall = ws if ws.is_open else None
        needs = [_post("need", people, *row, workshop=wall if row[0] in WALL else None)
                 for row in NEEDS + extra_needs + MORE_NEEDS]
        offers = [_post("offer", people, *row, workshop=wall if row[0] in WALL + ("MA",) else None)
                  for row in OFFERS + extra_offers + MORE_OFFERS]
        profiles = _profiles(people)
    created = sum(made for _p, made in needs + offers)
    if created:
        say(f"{created} posts added ({len(needs)} needs and {len(offers)} offers in all); computing suggestions…")
        services.suggestions_refresh_all()
    collab = Collaboration.objects.filter(created_by__email__iendswith="@" + DOMAIN).first()
    if collab is None:
        collab = _collaboration(people, needs, offers)
    say(f"Marketplace demo ready in {time.monotonic() - started:.1f} s (workshop code {ws.join_code}; "
        f"French need {needs[0][0].public_id}; {profiles} provider profiles added).")
    return {"needs": len(needs), "offers": len(offers), "created": created, "profiles": profiles,
            "collaboration": collab.pk, "workshop": ws.pk}


def _collaboration(people, needs, offers) -> Collaboration:
    """An accepted introduction on Morocco's French need (it stays open, with its suggestions), and a
    triangular collaboration with milestones: Viet Nam's mangrove need, Kenya's study visits, South
    Africa funding."""
    by_title = {p.title: p for p, _made in needs + offers}
    french, kenya = needs[0][0], offers[0][0]
    need = by_title["Mangrove restoration monitoring methods"]
    offer = by_title["Mangrove restoration study visits at Gazi Bay"]
    with transaction.atomic():
        if not Introduction.objects.filter(need=french, offer=kenya).exists():
            intro = services.introduction_request(
                actor=french.owner, need=french, offer=kenya,
                message="Bonjour, votre formation sur les oiseaux d'eau correspond à notre besoin. "
                        "Pouvons-nous en parler ?")
            services.introduction_accept(actor=kenya.owner, introduction=intro,
                                         message="Welcome! We can host two Moroccan technicians in the next session.")
        intro = services.introduction_request(
            actor=need.owner, need=need, offer=offer,
            message="Our Mekong Delta provinces would like to see how Gazi Bay monitors its restoration sites.")
        services.introduction_accept(actor=offer.owner, introduction=intro,
                                     message="Karibu! The community group can host a visit in the dry season.")
        collab = services.collaboration_create(actor=need.owner, introduction=intro, data={
            "title": "Mangrove restoration monitoring: Mekong Delta and Gazi Bay",
            "objectives": "Set up field and drone monitoring of mangrove restoration sites in two Mekong Delta "
                          "provinces, learning from the community programme at Gazi Bay.",
            "activities": "Study visit to Gazi Bay; joint monitoring protocol; drone mapping training in Ca Mau."})
        services.collaboration_party_add(actor=need.owner, collaboration=collab, user=people["ZA"][0],
                                         role="funding")
        today = timezone.localdate()
        parties = {p.role: p for p in collab.parties.all()}
        services.milestone_add(actor=need.owner, collaboration=collab, title="Select six provincial staff",
                               due_date=today + dt.timedelta(days=5), responsible=parties["requesting"])
        services.milestone_add(actor=offer.owner, collaboration=collab, title="Study visit to Gazi Bay",
                               due_date=today + dt.timedelta(days=60), responsible=parties["providing"],
                               resources="Community guides, boats; travel paid by the funding partner")
        services.milestone_add(actor=need.owner, collaboration=collab, title="First joint monitoring in Ca Mau",
                               due_date=today + dt.timedelta(days=120), responsible=parties["requesting"])
        first = collab.milestones.first()
        services.milestone_complete(actor=need.owner, milestone=first)
    return collab


__all__ = ["load_demo", "Collaboration", "Introduction", "Offer", "Workshop"]
