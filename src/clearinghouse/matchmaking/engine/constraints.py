"""Reading constraints written in prose, in any of ar, en, es, fr, ru, zh and pt.

A *profile* of a post collects what its text says beyond its topic: kinds of
support or topics that are not wanted (need) or not provided / not applicable
(offer), languages of delivery, eligibility limited to regions or kinds of
body, deadlines, fees and travel costs.  Each item keeps the clause it was
read from, so that a demoted suggestion can quote it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from . import specifics
from .post import Post
from .text import concepts_in, normalise, split_sentences, spotter
from .vocab import CONCEPTS, support_code

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "ru": "Russian",
    "zh": "Chinese",
    "pt": "Portuguese",
}

# Stems of language names in the seven languages (normalised: no accents).
_LANG_TERMS = {
    "en": ["english", "anglais", "ingles", "англ", "الانجليزي", "الانكليزي", "英语", "英文"],
    "es": [
        "spanish",
        "espagnol",
        "espanol",
        "castellano",
        "espanhol",
        "испан",
        "الاسباني",
        "西班牙语",
        "西班牙文",
    ],
    "fr": ["french", "francais", "frances", "francophone", "франц", "الفرنسي", "法语", "法文"],
    "pt": ["portuguese", "portugais", "portugues", "lusophone", "португал", "البرتغالي", "葡萄牙语", "葡语"],
    "ar": ["arabic", "arabe", "arabophone", "араб", "العربي", "بالعربي", "阿拉伯语", "阿拉伯文"],
    "ru": ["russian", "russe", "ruso", "russo", "русск", "الروسي", "俄语", "俄文"],
    "zh": ["chinese", "chinois", "chino", "chines", "mandarin", "китайск", "الصيني", "中文", "汉语"],
}
_LANG_ONLY = (
    "only",
    "exclusively",
    "solely",
    "uniquement",
    "seulement",
    "exclusivement",
    "solo ",
    "solamente",
    "unicamente",
    "exclusivamente",
    "apenas",
    "somente",
    "только",
    "исключительно",
    "فقط",
    "仅",
    "只",
)
_LANG_REQUIRED = (
    "must",
    "required",
    "essential",
    "mandatory",
    "indispensable",
    "obligatoire",
    "doit",
    "doivent",
    "devra",
    "debe ",
    "deben ",
    "imprescindible",
    "obligatori",
    "deve ",
    "devem ",
    "должн",
    "обязательно",
    "يجب",
    "ضروري",
    "لا بد",
    "必须",
    "务必",
)
_LANG_PREFERRED = (
    "prefer",
    "ideally",
    "desirabl",
    "welcome",
    "de preference",
    "souhait",
    "de preferencia",
    "preferibl",
    "preferentemente",
    "preferenc",
    "желательно",
    "предпочт",
    "يفضل",
    "ويفضل",
    "最好",
    "优先",
    "希望",
)

# Negation cues: a need that does not want something, an offer that does not provide it.
_NEED_NEG = (
    "not asking for",
    "not looking for",
    "not seeking",
    "not interested in",
    "do not need",
    "don't need",
    "do not want",
    "don't want",
    "no need for",
    "rather than",
    "instead of",
    "we are not after",
    ", not ",
    " not a ",
    " not an ",
    "no buscamos",
    "no queremos",
    "no necesitamos",
    "no solicitamos",
    "no pedimos",
    "no nos interesa",
    "en lugar de",
    "en vez de",
    "no se trata de",
    ", no ",
    "ne cherchons pas",
    "ne demandons pas",
    "ne souhaitons pas",
    "n'avons pas besoin",
    "ne voulons pas",
    "plutot que",
    "au lieu de",
    "non pas",
    "nao procuramos",
    "nao queremos",
    "nao precisamos",
    "nao pedimos",
    "em vez de",
    "ao inves de",
    ", nao ",
    "не ищем",
    "не нужн",
    "не просим",
    "не требуется",
    "не интерес",
    "не нуждаемся",
    "а не ",
    "вместо",
    "لا نطلب",
    "لا نبحث",
    "لا نريد",
    "لا نحتاج",
    "وليس",
    "بدلا من",
    "لسنا بحاجة",
    "不需要",
    "而不是",
    "不是",
    "不要",
    "不寻求",
    "无需",
    "并非",
)
_OFFER_NEG = (
    "do not provide",
    "does not provide",
    "do not offer",
    "we do not fund",
    "not suitable for",
    "does not work for",
    "do not work for",
    "not applicable to",
    "cannot be used for",
    "does not apply to",
    "not designed for",
    "no sirve",
    "no sirven",
    "no funciona",
    "no es aplicable",
    "no aplica",
    "no ofrecemos",
    "no proporcionamos",
    "no financiamos",
    "no otorgamos",
    "ne convient pas",
    "ne s'applique pas",
    "ne fournissons pas",
    "ne financons pas",
    "pas adapte",
    "pas applicable",
    "n'accordons pas",
    "nao serve",
    "nao funciona",
    "nao se aplica",
    "nao oferecemos",
    "nao financiamos",
    "не подходит",
    "не применим",
    "не работает",
    "не предоставляем",
    "не финансируем",
    "не выдаем",
    "لا يصلح",
    "لا تصلح",
    "لا ينطبق",
    "لا نقدم",
    "لا نمول",
    "不适用",
    "不适合",
    "不提供",
    "不资助",
    "not been tested",
    "not tested in",
    "not tested on",
    "not validated",
    "does not transfer",
    "not transferable",
    "not be used in",
    "pas ete teste",
    "pas teste",
    "pas valide",
    "non transposable",
    "no ha sido probad",
    "no se ha probado",
    "no esta validad",
    "no es transferible",
    "nao foi testad",
    "nao e transferivel",
    "не проверял",
    "не испытыв",
    "не тестировал",
    "не переносит",
    "لم يختبر",
    "لم يتم اختبار",
    "未经测试",
    "未在",
    "不能用于",
)
_OFFER_SCOPE = (
    "specific to",
    "designed only for",
    "only works for",
    "works only for",
    "only suitable for",
    "specifique a",
    "specifique aux",
    "concu uniquement",
    "especifico para",
    "especifica para",
    "especifico de",
    "disenado solo",
    "especifico para",
    "предназначен только",
    "специфичен для",
    "مخصص فقط",
    "仅适用于",
    "专门针对",
)
_CLAUSE_END = re.compile(r"[.;:!?。；！？]|\b(?:but|sino|mais|mas|но|однако|however)\b|لكن|بل |而是|但")

# Eligibility.
_ELIG_CUES = (
    "eligib",
    "only nationals",
    "only organisations",
    "only organizations",
    "open to",
    "reserved for",
    "restricted to",
    "limited to",
    "applications from",
    "only for",
    "eligible",
    "reserve aux",
    "reservee",
    "seules",
    "seuls",
    "ne peuvent pas candidater",
    "solo para",
    "solo pueden",
    "unicamente",
    "exclusivamente para",
    "abierto a",
    "apenas para",
    "somente",
    "podem candidatar",
    "только для",
    "могут подавать",
    "имеют право",
    "يحق",
    "مؤهل",
    "فقط",
    "مفتوح",
    "仅限",
    "只限",
    "面向",
    "可申请",
    "nationals",
    "citizens",
    "may apply",
    "can apply",
    "ressortissants",
    "peuvent candidater",
    "peuvent postuler",
    "peuvent s'inscrire",
    "peuvent soumettre",
    "ciudadanos",
    "pueden postular",
    "pueden solicitar",
    "cidadaos",
    "граждане",
    "гражданам",
    "могут участвовать",
    "участвовать могут",
    "заявки принимаются",
    "принимаются только",
    "لمواطني",
    " مواطني ",
    "مخصص",
    "متاحة",
    "مفتوحة",
    "国公民",
    "申请",
)
_ELIG_NEG = (
    "cannot apply",
    "not eligible",
    "are not eligible",
    "ne peuvent pas",
    "no pueden",
    "no son elegibles",
    "nao podem",
    "nao sao elegiveis",
    "не могут",
    "لا يحق",
    "不能申请",
    "不得申请",
    "may not apply",
    "are excluded",
    "not open to",
    "ne sont pas eligibles",
    "sont exclus",
    "no son elegibles",
    "quedan excluid",
    "nao sao elegiveis",
    "не принимаются",
    "не допускаются",
    "غير مؤهل",
    "لا تقبل",
    "不接受",
    "不符合申请",
)
REGION_TERMS: dict[str, tuple[str, ...]] = {
    "west_africa": ("west africa", "afrique de l'ouest", "africa occidental", "africa ocidental", "западн африк",
                    "غرب أفريقيا", "غرب افريقيا", "西非"),
    "east_africa": ("east africa", "afrique de l'est", "africa oriental", "восточн африк", "شرق أفريقيا",
                    "شرق افريقيا", "东非"),
    "central_africa": ("central africa", "afrique centrale", "africa central", "центральн африк", "وسط أفريقيا",
                       "وسط افريقيا", "中非"),
    "north_africa": ("north africa", "afrique du nord", "africa del norte", "norte de africa", "северн африк",
                     "شمال أفريقيا", "شمال افريقيا", "北非"),
    "southern_africa": ("southern africa", "afrique australe", "africa austral", "южн африк", "الجنوب الأفريقي",
                        "جنوب القارة الأفريقية", "南部非洲"),
    "central_america": ("central america", "amerique centrale", "centroamerica", "america central",
                        "центральн америк", "أمريكا الوسطى", "امريكا الوسطى", "中美洲"),
    "southeast_asia": ("south-east asia", "southeast asia", "south east asia", "asie du sud-est",
                       "sudeste asiatico", "asia sudoriental", "юго-восточн азии", "جنوب شرق آسيا",
                       "جنوب شرق اسيا", "东南亚"),
    "south_asia": ("south asia", "asie du sud ", "asia meridional", "южн азии", "جنوب آسيا", "南亚"),
    "caucasus": ("caucasus", "caucase", "caucaso", "кавказ", "القوقاز", "高加索"),
    "mediterranean": ("mediterranean", "mediterranee", "mediterraneo", "средиземномор", "البحر المتوسط",
                      "البحر الأبيض المتوسط", "地中海"),
    "eu": ("european union", "union europeenne", "union europea", "uniao europeia", "европейского союза",
           "евросоюз", "الاتحاد الأوروبي", "الاتحاد الاوروبي", "欧盟", "欧洲联盟", "eu member", "member states of the eu"),
    "gcc": ("gulf cooperation council", "conseil de cooperation du golfe", "consejo de cooperacion del golfo",
            "совета сотрудничества", "مجلس التعاون الخليجي", "مجلس التعاون لدول الخليج", "海湾合作委员会"),
    "africa": ("africa", "afrique", "africain", "африк", "افريقي", "非洲"),
    "pacific": ("pacific", "pacifique", "pacifico", "тихоокеан", "الهادئ", "太平洋"),
    "caribbean": ("caribbean", "caraibe", "caribe", "caribeno", "карибск", "الكاريبي", "加勒比"),
    "latin_america": (
        "latin america",
        "amerique latine",
        "america latina",
        "latinoameric",
        "латинск",
        "امريكا اللاتينية",
        "拉丁美洲",
        "拉美",
    ),
    "asia": ("asia", "asie", "азии", "азия", "اسيا", "亚洲"),
    "central_asia": (
        "central asia",
        "asie centrale",
        "asia central",
        "центральн азии",
        "اسيا الوسطى",
        "中亚",
    ),
    "arab": (
        "arab states",
        "arab countries",
        "pays arabes",
        "paises arabes",
        "арабск стран",
        "الدول العربية",
        "阿拉伯国家",
        "middle east",
        "moyen-orient",
        "medio oriente",
    ),
    "europe": ("europe", "europa", "европ", "اوروبا", "欧洲"),
    "ldc": (
        "least developed countr",
        "pays les moins avances",
        "paises menos adelantados",
        "paises menos desenvolvidos",
        "наименее развитых стран",
        "اقل البلدان نموا",
        "最不发达国家",
    ),
    "sids": (
        "small island developing",
        "petits etats insulaires",
        "pequenos estados insulares",
        "малых островных",
        "الدول الجزرية الصغيرة",
        "小岛屿发展中国家",
    ),
}
_REGION_COUNTRIES = {
    "africa": "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU "
    "MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW",
    "pacific": "FJ KI MH FM NR PW PG WS SB TO TV VU CK NU PF NC AS GU MP WF TK PN",
    "caribbean": "AG BS BB BZ CU DM DO GD GY HT JM KN LC VC SR TT",
    "latin_america": "AR BO BR CL CO CR CU DO EC SV GT HN MX NI PA PY PE UY VE BZ GY SR HT",
    "asia": "AF BD BT BN KH CN IN ID JP KZ KP KR KG LA MY MV MN MM NP PK PH SG LK TJ TH TL TM UZ VN",
    "central_asia": "KZ KG TJ TM UZ",
    "arab": "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE",
    "europe": "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT LV LI LT LU MT MD MC ME NL "
    "MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB",
    "ldc": "AF AO BD BJ BF BI KH CF TD KM CD DJ ER ET GM GN GW HT KI LA LS LR MG MW ML MR MZ MM NP NE RW ST SN "
    "SL SB SO SS SD TL TG TV UG TZ YE ZM",
    "sids": "AG BS BB BZ CV KM CU DM DO FJ GD GW GY HT JM KI MV MH MU FM NR PW PG WS ST SC SG SB KN LC VC SR TL "
    "TO TT TV VU",
}
_REGION_COUNTRIES.update(
    {
        "west_africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG",
        "east_africa": "BI KM DJ ER ET KE MG MW MU MZ RW SC SO SS TZ UG ZM ZW",
        "central_africa": "AO CM CF TD CG CD GQ GA ST",
        "north_africa": "DZ EG LY MA SD TN",
        "southern_africa": "AO BW LS MW MZ NA ZA SZ ZM ZW",
        "central_america": "BZ CR SV GT HN NI PA MX",
        "southeast_asia": "BN KH ID LA MY MM PH SG TH TL VN",
        "south_asia": "AF BD BT IN MV NP PK LK",
        "caucasus": "AM AZ GE",
        "mediterranean": "AL DZ BA HR CY EG FR GR IL IT LB LY MT MC ME MA SI ES SY TN TR",
        "eu": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE",
        "gcc": "BH KW OM QA SA AE",
    }
)
REGION_COUNTRIES = {k: frozenset(v.split()) for k, v in _REGION_COUNTRIES.items()}
#: A named sub-region replaces its continent: "West Africa" does not open a call to Kenya.
_SUBREGIONS = {
    "africa": ("west_africa", "east_africa", "central_africa", "north_africa", "southern_africa"),
    "asia": ("central_asia", "southeast_asia", "south_asia"),
    "latin_america": ("central_america",),
    "europe": ("eu",),
}


def regions_in(norm: str) -> set[str]:
    """Region keys named in normalised text, sub-regions taking precedence over their continent."""
    found = {r for r, terms in REGION_TERMS.items() if any(t in norm for t in terms)}
    for general, subs in _SUBREGIONS.items():
        if general in found and found & set(subs):
            found.discard(general)
    return found
BODY_TERMS: dict[str, tuple[str, ...]] = {
    "government": (
        "government",
        "ministr",
        "public administration",
        "agenc",
        "authorit",
        "gouvernement",
        "administrations publiques",
        "administration publique",
        "gobierno",
        "gubernament",
        "municipalidad",
        "organismes publics",
        "organisme public",
        "administrations des",
        "public bodies",
        "public agenc",
        "state agenc",
        "instituciones publicas",
        "orgaos publicos",
        "государственн орган",
        "государственных орган",
        "лесхоз",
        "وزارات",
        "للوزارات",
        "الهيئات الحكومية",
        "政府机构",
        "主管部门",
        "administracion publica",
        "governo",
        "administracao publica",
        "министерств",
        "правительств",
        "государствен",
        "وزارة",
        "حكوم",
        "政府",
        "部门",
        "监管",
    ),
    "ngo": (
        "ngo",
        "non-profit",
        "nonprofit",
        "not-for-profit",
        "sans but lucratif",
        "associations",
        "sin fines de lucro",
        "asociaciones",
        "associacoes",
        "некоммерческ",
        "جمعيات",
        "الجمعيات",
        "الجمعية",
        "جمعية",
        "غير ربحي",
        "非营利",
        "non-governmental",
        "civil society",
        "societe civile",
        "ong",
        "sociedad civil",
        "sociedade civil",
        "нко",
        "неправительств",
        "гражданск обществ",
        "غير حكومي",
        "المجتمع المدني",
        "非政府",
        "民间组织",
    ),
    "community": (
        "community-based",
        "community based",
        "communaut",
        "comunitari",
        "village committee",
        "organisations de base",
        "organizaciones de base",
        "организации местных сообществ",
        "المجتمعات المحلية",
        "社区组织",
        "local communities",
        "communautes locales",
        "comunidades",
        "indigenous",
        "autochtone",
        "indigena",
        "коренн",
        "الشعوب الأصلية",
        "原住民",
        "土著",
    ),
    "private": (
        "private sector",
        "private compan",
        "for-profit",
        "for profit",
        " compan",
        " business",
        " enterprise",
        " entreprise",
        "secteur prive",
        " empresas privadas",
        " empresa privada",
        "sector privado",
        "setor privado",
        "частн компан",
        "частн сектор",
        "коммерческ организац",
        "القطاع الخاص",
        "الشركات",
        "私营",
        "企业",
        "公司",
    ),
    "research": (
        "universit",
        "research institut",
        "research cent",
        "institut de recherche",
        "instituto de invest",
        "институт",
        "университет",
        "جامع",
        "معهد",
        "大学",
        "研究所",
        "研究中心",
        "laborat",
    ),
}
_CIVIL = {"ngo", "community"}
#: Organisation types of the site (engine codes, see post.ORGANISATION_TYPES) as body codes.
ORGANISATION_BODIES = {
    "government": "government",
    "ngo": "ngo",
    "iplc": "community",
    "research": "research",
    "private": "private",
    "intergovernmental": "intergovernmental",
}
_NON_GOV = re.compile(
    r"non[- ]?governmental|non[- ]?gouvernemental\w*|no gubernamental\w*|nao governamenta\w*|"
    r"неправительствен\w*|غير حكومي\w*|非政府|non-profit|not-for-profit|nonprofit"
)


def bodies_in(norm: str) -> set[str]:
    """Kinds of body named in normalised text ("non-governmental" is not a government)."""
    out = set()
    norm = f" {norm} "
    if _NON_GOV.search(norm):
        out.add("ngo")
        norm = _NON_GOV.sub(" ", norm)
    out |= {b for b, terms in BODY_TERMS.items() if any(t in norm for t in terms)}
    return out

# Costs.
_OFFER_COST = (
    "pay their own",
    "pay for their own",
    "at their own cost",
    "at their own expense",
    "own travel",
    "tuition fee",
    "course fee",
    "registration fee",
    "fee of",
    "fees of",
    "paid by participants",
    "participants pay",
    "self-funded",
    "a la charge des participants",
    "frais d'inscription",
    "frais de scolarite",
    "a cargo de los participantes",
    "costo de inscripcion",
    "cuota de",
    "matricula",
    "por conta dos participantes",
    "taxa de inscricao",
    "custeados pelos participantes",
    "оплачивают участники",
    "за свой счет",
    "за счет участников",
    "стоимость обучения",
    "على نفقة",
    "رسوم",
    "يتحمل المشاركون",
    "自费",
    "费用由",
    "学费",
)
_OFFER_COVERS = (
    "fully funded",
    "travel bursary",
    "bursar",
    "covers travel",
    "cover travel",
    "free of charge",
    "at no cost",
    "gratuit",
    "pris en charge",
    "gratuito",
    "sin costo",
    "cubrimos",
    "sem custo",
    "бесплатно",
    "покрываем",
    "مجان",
    "مجاني",
    "免费",
    "全额资助",
)
_NEED_NOPAY = (
    "cannot pay",
    "can't pay",
    "cannot afford",
    "can't afford",
    "cannot cover",
    "unable to pay",
    "no budget",
    "not able to pay",
    "ne pouvons pas payer",
    "ne pouvons pas financer",
    "ne pouvons pas prendre en charge",
    "sans budget",
    "no podemos pagar",
    "no podemos cubrir",
    "no podemos costear",
    "no contamos con presupuesto",
    "sin presupuesto",
    "nao podemos pagar",
    "nao podemos custear",
    "sem orcamento",
    "не можем оплатить",
    "не можем оплачивать",
    "нет средств",
    "не имеем средств",
    "لا نستطيع دفع",
    "لا نستطيع تحمل",
    "لا يمكننا دفع",
    "لا يمكننا تحمل",
    "无法承担",
    "无力支付",
    "没有经费",
    "无法支付",
)

_CLOSED = (
    "call is closed",
    "call is now closed",
    "applications are closed",
    "applications have closed",
    "no longer accepting",
    "no longer available",
    "has been suspended",
    "programme has ended",
    "appel est clos",
    "appel est ferme",
    "candidatures sont closes",
    "n'est plus disponible",
    "convocatoria esta cerrada",
    "convocatoria cerrada",
    "ya no se aceptan",
    "ya no esta disponible",
    "chamada encerrada",
    "inscricoes encerradas",
    "nao esta mais disponivel",
    "прием заявок закрыт",
    "прием заявок завершен",
    "больше не доступ",
    "اغلق باب",
    "انتهى باب",
    "لم يعد متاحا",
    "已截止",
    "已结束",
    "不再接受",
)

# Dates.
_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january jan enero janvier janeiro января январь يناير كانون الثاني",
        "february feb febrero fevrier fevereiro февраля февраль فبراير شباط",
        "march mar marzo mars marco марта март مارس اذار",
        "april apr abril avril апреля апрель ابريل نيسان",
        "may mayo mai maio мая май مايو ايار",
        "june jun junio juin junho июня июнь يونيو حزيران",
        "july jul julio juillet julho июля июль يوليو تموز",
        "august aug agosto aout августа август اغسطس اب",
        "september sep sept septiembre setiembre septembre setembro сентября сентябрь سبتمبر ايلول",
        "october oct octubre octobre outubro октября октябрь اكتوبر تشرين الاول",
        "november nov noviembre novembre novembro ноября ноябрь نوفمبر تشرين الثاني",
        "december dec diciembre decembre dezembro декабря декабрь ديسمبر كانون الاول",
    ),
    start=1,
):
    for _n in _names.split():
        _MONTHS.setdefault(_n, _i)
_DEADLINE_CUES = (
    "until",
    "by ",
    "before",
    "deadline",
    "closing",
    "close",
    "apply",
    "application",
    "expire",
    "valid",
    "hasta",
    "antes",
    "plazo",
    "cierre",
    "fecha limite",
    "vence",
    "jusqu",
    "avant",
    "date limite",
    "cloture",
    "candidature",
    "ate ",
    "prazo",
    "encerr",
    "inscri",
    "до ",
    "срок",
    "заявк",
    "حتى",
    "قبل",
    "موعد",
    "اخر",
    "截止",
    "之前",
    "有效期",
    "申请",
)
_D_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_D_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_D_DMY = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er|º|o)?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b"
)
_D_MDY = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_D_NUM = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_D_MY = re.compile(r"\b([^\W\d_]+)\s+(?:de\s+)?(\d{4})\b")


@dataclass
class Clause:
    """A piece of prose that states a constraint, with what was read from it."""

    text: str
    values: tuple[str, ...] = ()


@dataclass
class Profile:
    """What a post says beyond its topic, read once and cached."""

    concepts: Counter = field(default_factory=Counter)
    title_concepts: frozenset = frozenset()
    support: dict[str, float] = field(default_factory=dict)
    excluded: dict[str, Clause] = field(default_factory=dict)
    scope: Clause | None = None
    languages: set[str] = field(default_factory=set)
    languages_clause: Clause | None = None
    languages_exclusive: bool = False
    required_languages: Clause | None = None
    preferred_languages: Clause | None = None
    eligible_regions: Clause | None = None
    eligible_bodies: Clause | None = None
    excluded_bodies: Clause | None = None
    bodies: set[str] = field(default_factory=set)
    deadline: dt.date | None = None
    deadline_clause: Clause | None = None
    closed: Clause | None = None
    charges: Clause | None = None
    covers_costs: bool = False
    cannot_pay: Clause | None = None
    excluded_places: Clause | None = None
    methods: dict[str, int] = field(default_factory=dict)
    instruments: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)
    finance: specifics.FinanceScope | None = None

    core: frozenset = frozenset()  # concepts the post is clearly about (title or twice), not negated

    def compute_core(self) -> None:
        """Fill :attr:`core` once the concepts and exclusions are known."""
        self.core = frozenset(
            c
            for c, n in self.concepts.items()
            if (c in self.title_concepts or n >= 2) and c not in self.excluded
        )


def _has(text: str, cues: tuple[str, ...]) -> bool:
    return any(c in text for c in cues)


def _langs_in(norm: str) -> list[str]:
    return [code for code, terms in _LANG_TERMS.items() if any(t in norm for t in terms)]


def _clause_after(sentence: str, norm: str, cue: str) -> str | None:
    """The original-text clause following ``cue`` up to the next clause boundary."""
    pos = norm.find(cue)
    if pos < 0:
        return None
    start = pos + len(cue)
    end_m = _CLAUSE_END.search(norm, start)
    end = end_m.start() if end_m else len(norm)
    # normalise() keeps length for almost all text, so indices map back to the original.
    if len(norm) == len(sentence):
        return sentence[start:end].strip(" ,")
    return norm[start:end].strip(" ,")


_PRIORITY = {"support": 4, "topic": 3, "taxon": 2, "ecosystem": 1, "zone": 1}


def _concepts_of(text: str) -> set[str]:
    """Concepts in a clause; where several share one word, keep the most specific category."""
    by_start: dict[int, list[str]] = {}
    for start, _e, cid in spotter().spans(text):
        by_start.setdefault(start, []).append(cid)
    out: set[str] = set()
    for cids in by_start.values():
        best = max(_PRIORITY[CONCEPTS[c].category] for c in cids)
        out.update(c for c in cids if _PRIORITY[CONCEPTS[c].category] == best)
    return out


def parse_date(text: str, default_day_last: bool = True) -> list[dt.date]:
    """All dates found in a piece of text (several formats and languages)."""
    norm = normalise(text)
    out: list[dt.date] = []

    def add(y: int, m: int, d: int | None) -> None:
        if not (1 <= m <= 12 and 1900 < y < 2200):
            return
        last = calendar.monthrange(y, m)[1]
        day = d if d else (last if default_day_last else 1)
        if 1 <= day <= last:
            out.append(dt.date(y, m, day))

    used: list[tuple[int, int]] = []
    for rx, kind in (
        (_D_ISO, "iso"),
        (_D_ZH, "zh"),
        (_D_DMY, "dmy"),
        (_D_MDY, "mdy"),
        (_D_NUM, "num"),
        (_D_MY, "my"),
    ):
        for m in rx.finditer(norm):
            if any(a <= m.start() < b for a, b in used):
                continue
            g = m.groups()
            if kind in ("iso", "zh"):
                add(int(g[0]), int(g[1]), int(g[2]) if g[2] else None)
            elif kind == "dmy":
                month = _MONTHS.get(g[1])
                if not month:
                    continue
                add(int(g[2]), month, int(g[0]))
            elif kind == "mdy":
                month = _MONTHS.get(g[0])
                if not month:
                    continue
                add(int(g[2]), month, int(g[1]))
            elif kind == "num":
                add(int(g[2]), int(g[1]), int(g[0]))
            else:
                month = _MONTHS.get(g[0])
                if not month:
                    continue
                add(int(g[1]), month, None)
            used.append((m.start(), m.end()))
    return out


def build_profile(post: Post, side: str) -> Profile:
    """Read a need (``side="need"``) or an offer (``side="offer"``)."""
    prof = Profile()
    prof.concepts = concepts_in(post.text)
    if post.ecosystems:  # declared ecosystems count as clearly stated
        declared = concepts_in(" ; ".join(e.replace("_", " ") for e in post.ecosystems))
        prof.concepts = prof.concepts + Counter(
            {c: 2 for c in declared if CONCEPTS[c].category == "ecosystem"}
        )
    prof.title_concepts = frozenset(concepts_in(post.title))
    sentences = split_sentences(post.description)
    if side == "offer":  # eligibility written as prose is read like the description
        sentences += [s for e in post.eligibility if len(e.split()) > 3 for s in split_sentences(e)]
    neg_cues = _NEED_NEG if side == "need" else _OFFER_NEG
    for sentence in [post.title, *sentences]:
        norm = normalise(sentence)
        padded = f" {norm} "
        # negations
        for cue in neg_cues:
            if cue in padded:
                clause = _clause_after(f" {sentence} ", padded, cue)
                if clause:
                    for cid in _concepts_of(clause):
                        prof.excluded.setdefault(cid, Clause(sentence.strip(), (cid,)))
        if side == "offer":
            for cue in _OFFER_SCOPE:
                if cue in padded:
                    clause = _clause_after(f" {sentence} ", padded, cue) or ""
                    scope = tuple(
                        c
                        for c in _concepts_of(clause)
                        if CONCEPTS[c].category in ("ecosystem", "taxon", "zone")
                    )
                    if scope:
                        prof.scope = Clause(sentence.strip(), scope)
        # languages
        langs = _langs_in(norm)
        if langs:
            if side == "offer":
                # In an offer, naming a language is nearly always about the language of delivery.
                prof.languages.update(langs)
                prof.languages_clause = Clause(sentence.strip(), tuple(langs))
                if _has(padded, _LANG_ONLY):
                    prof.languages_exclusive = True
            else:
                clause = Clause(sentence.strip(), tuple(langs))
                if _has(padded, _LANG_PREFERRED):
                    prof.preferred_languages = clause
                elif _has(padded, _LANG_REQUIRED) or _has(padded, _LANG_ONLY):
                    prof.required_languages = clause
                else:
                    prof.preferred_languages = clause
        # eligibility (offers) and who the poster is (needs)
        if side == "offer" and _has(padded, _ELIG_CUES + _ELIG_NEG):
            places = tuple(sorted(regions_in(norm) | specifics.countries_in(sentence)))
            bodies = tuple(sorted(bodies_in(norm)))
            if _has(padded, _ELIG_NEG):
                if bodies:
                    prof.excluded_bodies = Clause(sentence.strip(), bodies)
                elif places:
                    prof.excluded_places = Clause(sentence.strip(), places)
            else:
                if places:
                    prof.eligible_regions = Clause(sentence.strip(), places)
                if bodies and _has(
                    padded,
                    (
                        "eligib",
                        "only",
                        "seules",
                        "seuls",
                        "solo",
                        "unicamente",
                        "apenas",
                        "somente",
                        "только",
                        "فقط",
                        "仅",
                        "只",
                        "from ",
                        "exclusiv",
                        "reserv",
                        "limited to",
                        "restricted to",
                        "may apply",
                        "peuvent",
                        "pueden",
                        "podem",
                        "могут",
                        "принимаются",
                        "مخصص",
                        "不得",
                    ),
                ):
                    prof.eligible_bodies = Clause(sentence.strip(), bodies)
        if side == "need" and not post.organisation_type:
            for b in bodies_in(norm):
                if _has(
                    padded,
                    (
                        " we ",
                        " our ",
                        "nous",
                        "notre",
                        "nuestr",
                        "somos",
                        "nosso",
                        "nossa",
                        " мы ",
                        " наш",
                        "نحن",
                        "لدينا",
                        "我们",
                        "我",
                    ),
                ):
                    prof.bodies.add(b)
        # deadlines
        if _has(padded, _DEADLINE_CUES):
            dates = parse_date(sentence)
            if dates:
                d = max(dates)
                if prof.deadline is None or d < prof.deadline:
                    prof.deadline = d
                    prof.deadline_clause = Clause(sentence.strip(), (d.isoformat(),))
        if side == "offer" and _has(padded, _CLOSED):
            prof.closed = Clause(sentence.strip())
        # costs
        if side == "offer":
            if _has(padded, _OFFER_COVERS):
                prof.covers_costs = True
            elif _has(padded, _OFFER_COST):
                prof.charges = Clause(sentence.strip())
        elif _has(padded, _NEED_NOPAY):
            prof.cannot_pay = Clause(sentence.strip())
    if side == "offer" and post.eligibility:  # structured eligibility: region names, bodies, country codes
        text = "; ".join(post.eligibility)
        norm = normalise(text)
        regions = regions_in(norm)
        regions |= {e.strip().lower() for e in post.eligibility if e.strip().lower() in REGION_COUNTRIES}
        codes = {e.strip().upper() for e in post.eligibility if len(e.strip()) == 2 and e.strip().isalpha()}
        if (regions or codes) and not (prof.eligible_regions or prof.excluded_places):
            prof.eligible_regions = Clause("eligibility: " + text, tuple(sorted(regions | codes)))
        bodies = tuple(sorted(bodies_in(norm) | {b for b in BODY_TERMS if b in norm.split()}))
        if bodies and not (prof.eligible_bodies or prof.excluded_bodies):
            prof.eligible_bodies = Clause("eligibility: " + text, bodies)
    if post.closing_date and (prof.deadline is None or post.closing_date < prof.deadline):
        prof.deadline = post.closing_date
        prof.deadline_clause = Clause(
            f"closes on {post.closing_date.isoformat()}", (post.closing_date.isoformat(),)
        )
    # structured languages of delivery
    if side == "offer":
        prof.languages.add(post.language)
        if prof.languages_exclusive and prof.languages_clause:
            prof.languages = set(prof.languages_clause.values)
        if post.delivery_languages:
            prof.languages = set(post.delivery_languages)
    elif post.delivery_languages:
        prof.required_languages = Clause(
            "delivery languages: " + ", ".join(post.delivery_languages), tuple(post.delivery_languages)
        )
    # support kinds: declared (weight 1) and read from the text (weight 0.5)
    support: dict[str, float] = {}
    for s in post.support:
        code = support_code(s)
        if code:
            support[code] = 1.0
    for cid, n in prof.concepts.items():
        if CONCEPTS[cid].category == "support" and cid not in support:
            support[cid] = 0.5 if (n >= 2 or cid in prof.title_concepts) else 0.3
    for cid in prof.excluded:
        if CONCEPTS[cid].category == "support":
            support.pop(cid, None)
    prof.support = support
    # near-miss specifics: methods, instruments, themes, what a fund excludes; the organisation
    full = " . ".join([post.title, *sentences])
    prof.methods = specifics.find("methods", full)
    prof.instruments = specifics.find("instruments", full)
    if side == "need":
        prof.themes = specifics.find("themes", full)
        if post.organisation_type in ORGANISATION_BODIES:
            prof.bodies = {ORGANISATION_BODIES[post.organisation_type]}
    else:
        prof.finance = specifics.finance_scope(sentences)
    prof.compute_core()
    return prof


def country_regions(country: str, region: str | None = None) -> set[str]:
    """Region tags of a country code (plus a declared region name); the code itself is included."""
    out = {r for r, codes in REGION_COUNTRIES.items() if country in codes} | {country}
    if region:
        norm = normalise(region)
        out |= {r for r, terms in REGION_TERMS.items() if any(t in norm for t in terms)}
    return out
