"""Specifics that make an offer on the right topic useless for a need (near misses).

Four kinds are read from the text, in ar, en, es, fr, ru, zh and pt:

* **methods**: a fishing gear (gillnets, trawls, longlines, purse seines...) or a survey
  technique (camera traps, telemetry collars, drones, satellite images, eDNA, acoustic
  recorders). Alternatives of one family exclude each other: a need for gillnet fishers is not
  helped by excluders for trawls.
* **instruments**: treaties and their siblings (Cartagena vs Nagoya protocols, AEWA vs the
  Raptors MoU, ACCOBAMS vs ASCOBANS, Aarhus vs Escazú, UNCCD vs UNFCCC...).
* **places** an offer is open to or closed to (countries by name, in every language pycountry
  translates, and groups: SIDS, the EU, the Gulf Cooperation Council, West Africa...), read by
  :mod:`constraints` in eligibility sentences.
* **finance themes**: what a fund says it does not finance, or finances only ("does not
  finance equipment or law enforcement", "本基金不资助农业生产活动").

Matching follows :mod:`vocab`: Latin and Cyrillic terms match at the start of a word and may
run on (a trailing ``=`` asks for the whole word); Arabic and Chinese terms match anywhere.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

from .text import normalise, script_of

# id|family[,family]|English label|terms
_METHODS = r"""
gillnet|fishing_gear|gillnets|gillnet;gill net;gill-net;set net=;set nets=;tangle net;driftnet;drift net;filet maillant;filets maillants;filets a maille;red de enmalle;redes de enmalle;enmalle;trasmallo;rede de emalhar;redes de emalhar;emalhar;жаберн сет;ставн сет;ставных сет;الشباك الخيشومية;شباك خيشومية;الشباك الثابتة;刺网
trawl|fishing_gear|trawls|trawl;chalut;arrastre;arrasto;трал;شباك الجر;الجر القاعي;拖网
longline|fishing_gear|longlines|longline;long-line;long line;palangre;palangri;palangrer;espinhel;ярус;ярусн;الخيوط الطويلة;الصنانير الطويلة;延绳钓;延绳
purse_seine|fishing_gear|purse seines|purse seine;purse-seine;senne coulissante;senneur;red de cerco;pesca de cerco;flotas atuneras de cerco;cerco=;rede de cerco;кошельков невод;الشباك الكيسية;الشباك المحيطة;围网
beach_seine|fishing_gear|beach seines|beach seine;senne de plage;chinchorro;arrastao de praia;закидн невод;شباك الشاطئ;地拉网
camera_trap|survey_method|camera traps|camera trap;camera-trap;trail camera;piege photo;pieges photo;piege-photo;pieges-photo;piege photographique;pieges photographiques;camara trampa;camaras trampa;camara-trampa;camaras-trampa;camaras de fototrampeo;fototrampeo;armadilha fotografica;armadilhas fotograficas;фотоловуш;كاميرات المراقبة الخفية;الكاميرات الفخية;كاميرات الفخ;فخاخ الكاميرا;红外相机;相机陷阱
telemetry|survey_method|telemetry collars and tags|telemetry;gps collar;radio collar;radio-collar;radio tracking;radio-tracking;satellite tag;satellite collar;gps tag;collier gps;colliers gps;collier emetteur;colliers emetteurs;telemetrie;radiopistage;collar gps;collares gps;collares satelitales;radiocollar;telemetria;colar gps;colares gps;радиоошейник;gps-ошейник;ошейник;телеметр;الأطواق;طوق تتبع;أطواق التتبع;项圈;遥测;卫星追踪
drone|survey_method|drones|drone;uav=;uavs=;unmanned aerial;quadcopter;dron=;drones;vant=;беспилотн;дрон;طائرات بدون طيار;الطائرات المسيرة;طائرات مسيرة;无人机
satellite_imagery|survey_method|satellite images|satellite image;satellite imagery;satellite data;imagerie satellit;images satellit;image satellit;imagenes satelitales;imagenes de satelite;imagens de satelite;imagem de satelite;спутников снимк;спутниковых снимк;спутников изображен;космическ снимк;صور الأقمار الصناعية;صور الأقمار;卫星图像;卫星影像;遥感影像
edna|survey_method|environmental DNA|environmental dna;edna=;e-dna;adn environnemental;adn ambiental;dna ambiental;днк окружающей среды;эднк;الحمض النووي البيئي;环境dna;环境 dna
acoustic|survey_method|acoustic recorders|acoustic monitoring;acoustic survey;autonomous recorder;audio recorder;sound recorder;bat detector;passive acoustic;suivi acoustique;enregistreur;monitoreo acustico;grabadora;monitoramento acustico;gravador;акустическ мониторинг;записывающ устройств;детектор ультразвук;الرصد الصوتي;أجهزة التسجيل;声学监测;录音
"""

_INSTRUMENTS = r"""
cartagena|cbd_protocols|the Cartagena Protocol on Biosafety|cartagena protocol;protocole de cartagena;protocolo de cartagena;картахенск протокол;картахенского протокол;بروتوكول قرطاجنة;قرطاجنة للسلامة;卡塔赫纳
nagoya|cbd_protocols,abs|the Nagoya Protocol|nagoya protocol;protocole de nagoya;protocolo de nagoya;нагойск;بروتوكول ناغويا;ناغويا;名古屋议定书;名古屋
supplementary|cbd_protocols|the Nagoya – Kuala Lumpur Supplementary Protocol|supplementary protocol;kuala lumpur;protocole additionnel;protocolo suplementario;дополнительн протокол;البروتوكول التكميلي;补充议定书
itpgrfa|abs|the International Treaty on Plant Genetic Resources|plant treaty;international treaty on plant genetic;itpgrfa;tirpaa;tirfaa;smta=;multilateral system;standard material transfer;traite international sur les ressources phytogenetiques;systeme multilateral;tratado internacional sobre los recursos fitogeneticos;sistema multilateral;acuerdo normalizado de transferencia;международн договор о генетическ ресурсах растений;многосторонн систем;المعاهدة الدولية بشأن الموارد الوراثية النباتية;النظام المتعدد الأطراف;植物遗传资源国际条约;多边系统
aarhus|access_rights|the Aarhus Convention|aarhus;орхус;آرهوس;奥胡斯
escazu|access_rights|the Escazú Agreement|escazu;эскасу;إسكازو;埃斯卡苏
aewa|cms_agreements|AEWA (African-Eurasian waterbirds)|aewa=;african-eurasian waterbird;african-eurasian migratory waterbird;african eurasian waterbird;oiseaux d'eau migrateurs d'afrique-eurasie;aves acuaticas migratorias de africa-eurasia;афро-евразийск;الطيور المائية المهاجرة الأفريقية الأوراسية;非洲-欧亚迁徙水鸟
raptors_mou|cms_agreements|the CMS Raptors MoU|raptors mou;birds of prey mou;memorandum on birds of prey;conservation of migratory birds of prey;rapaces migrateurs;aves rapaces migratorias;хищных птиц;الطيور الجارحة المهاجرة;猛禽备忘录;迁徙猛禽
eurobats|cms_agreements|EUROBATS|eurobats
ascobans|cms_agreements|ASCOBANS|ascobans
accobams|cms_agreements|ACCOBAMS|accobams
acap|cms_agreements|ACAP (albatrosses and petrels)|acap=;agreement on the conservation of albatrosses;accord sur la conservation des albatros;acuerdo sobre la conservacion de albatros
iosea|cms_agreements,turtle_mous|the IOSEA Marine Turtle MoU|iosea;south-east asian marine turtle;tortues marines de l'ocean indien;tortugas marinas del oceano indico
abidjan_mou|cms_agreements,turtle_mous|the Abidjan Memorandum on Atlantic marine turtles|memorandum d'abidjan;abidjan memorandum;abidjan mou;tortues marines de la cote atlantique;atlantic coast of africa;memorando de abidjan
sharks_mou|cms_agreements|the CMS Sharks MoU|sharks mou;memorandum on the conservation of migratory sharks;requins migrateurs
unfccc|rio|the UNFCCC|unfccc;framework convention on climate change;ccnucc;cmnucc;convention-cadre des nations unies sur les changements climatiques;convencion marco de las naciones unidas sobre el cambio climatico;рамочн конвенц;ркик;الإطارية بشأن تغير المناخ;气候变化框架公约;paris agreement;accord de paris;acuerdo de paris;парижск соглашен;اتفاق باريس;巴黎协定
unccd|rio|the UNCCD|unccd;convention to combat desertification;cnulcd;cnuld;lutte contre la desertification;lucha contra la desertificacion;борьбе с опустыниванием;кбо оон;لمكافحة التصحر;防治荒漠化公约
cbd|rio|the Convention on Biological Diversity|convention on biological diversity;cbd=;convention sur la diversite biologique;cdb=;convenio sobre la diversidad biologica;convencao sobre diversidade biologica;конвенц о биологическ разнообрази;кбр=;اتفاقية التنوع البيولوجي;生物多样性公约
basel|chemicals|the Basel Convention|basel convention;convention de bale;convenio de basilea;базельск;اتفاقية بازل;巴塞尔公约
rotterdam|chemicals|the Rotterdam Convention|rotterdam convention;convention de rotterdam;convenio de rotterdam;роттердамск;اتفاقية روتردام;鹿特丹公约
stockholm|chemicals|the Stockholm Convention|stockholm convention;convention de stockholm;convenio de estocolmo;стокгольмск;اتفاقية ستوكهولم;斯德哥尔摩公约
minamata|chemicals|the Minamata Convention|minamata;минамат;ميناماتا;水俣
"""

# Themes a fund may exclude or be limited to: id|English label|terms
_THEMES = r"""
research|research|research;scientific stud;recherche;investigacion;pesquisa;исследован;научн;البحث العلمي;الأبحاث;بحوث;بحث علمي;科研;研究
infrastructure|infrastructure and construction|infrastructure;construction;build=;building;buildings;construct;facilities;infraestructura;construccion;construir;instalaciones;batiment;infraestrutura;construcao;строительств;инфраструктур;البنية التحتية;بناء;تشييد;المنشآت;基础设施;建设;建造;修建
equipment|equipment purchases|equipment;equip=;equipping;purchase of;gear=;equipement;materiel;equipo;equipos;equipar;equipamento;оборудован;снаряжен;معدات;تجهيز;设备;装备
enforcement|law enforcement|law enforcement;enforcement;anti-poaching;patrol;ranger;anti-braconnage;patrouille;ecogarde;application de la loi;renseignement;patrulla;guardaparque;aplicacion de la ley;patrulh;fiscalizacao;патрул;правоохран;مكافحة الصيد الجائر;الدوريات;إنفاذ القانون;执法;巡护;反盗猎
tourism|tourism|tourism;touris;turism;туризм;سياح;旅游
agriculture|agricultural production|agricultur;farming;farmland;crop production;agricole;agricult;agricola;agropecuari;сельскохоз;сельхоз;زراع;农业;耕作
monitoring|monitoring and surveys|monitoring;survey;suivi;inventaire;monitoreo;seguimiento;monitoramento;monitorizacao;мониторинг;учет;учёт;رصد;مراقبة;监测;调查
restoration|restoration work|restor;restaur;recuperacion de;recuperacao de;восстановлен;إعادة تأهيل;استعادة;恢复;修复
species|threatened species|threatened species;endangered;rare species;species conservation;especes menacees;especies amenazadas;especies en peligro;especies raras;especies ameacadas;редких;исчезающ;المهددة بالانقراض;الأنواع النادرة;濒危;珍稀
adaptation|climate adaptation|adaptation;adaptacion;adaptacao;адаптац;التكيف;适应
pollution|waste and pollution|pollution;waste;plastic;litter;dechet;plastique;residuos;basura;contaminacion;plastico;lixo;poluicao;загрязнен;отход;мусор;пластик;التلوث;النفايات;البلاستيك;污染;垃圾;塑料;废弃物
protected_areas|protected areas|protected area;national park;aire protegee;aires protegees;parc national;parcs nationaux;area protegida;areas protegidas;parque nacional;parques nacionales;area protegida;охраняем природн территор;национальн парк;заповедник;المحميات;محمية;حديقة وطنية;保护区;国家公园
training|training|training;course;formation;capacitacion;formacao;capacitacao;обучен;تدريب;培训
livelihoods|livelihoods and income|livelihood;income;revenus;ingresos;renda;доход;الدخل;سبل العيش;收入;生计
"""

_FINANCE_VERB = (
    "fund",
    "financ",
    "grant",
    "support",
    "cover",
    "subvention",
    "subvencion",
    "financia",
    "apoia",
    "финансир",
    "грант",
    "поддерж",
    "покрыва",
    "يمول",
    "تمول",
    "تمويل",
    "المنح",
    "يغطي",
    "资助",
    "基金",
    "支持",
)
# "does not finance X": the excluded theme follows the cue
_FIN_NOT_AFTER = (
    "does not finance",
    "does not fund",
    "do not fund",
    "do not finance",
    "will not fund",
    "will not finance",
    "not cover",
    "excludes",
    "excluding",
    "ne finance pas",
    "ne financons pas",
    "ne financent pas",
    "ne couvre pas",
    "exclut",
    "no financia",
    "no financiamos",
    "no cubre",
    "se excluyen",
    "quedan excluidos",
    "excluye",
    "nao financia",
    "nao financiamos",
    "nao cobre",
    "exclui",
    "не финансирует",
    "не финансируем",
    "не покрывает",
    "исключа",
    "لا يمول",
    "لا تمول",
    "لا نمول",
    "لا يغطي",
    "باستثناء",
    "不资助",
    "不支持",
    "不包括",
    "不涵盖",
)
# "X are not funded": the excluded theme comes before the cue
_FIN_NOT_BEFORE = (
    "are not funded",
    "is not funded",
    "are not financed",
    "is not financed",
    "are not eligible for funding",
    "are out of scope",
    "is out of scope",
    "are excluded",
    "ne sont pas financ",
    "n'est pas financ",
    "ne sont pas eligibles",
    "sont exclus",
    "no se financian",
    "no son financiables",
    "quedan fuera",
    "nao sao financiad",
    "не финансируются",
    "не финансируется",
    "не поддерживаются",
    "لا تمول",
    "غير مؤهلة للتمويل",
    "不在资助范围",
    "不予资助",
)
_FIN_ONLY = (
    "exclusively",
    "only",
    "solely",
    "uniquement",
    "exclusivement",
    "seulement",
    "unicamente",
    "exclusivamente",
    "solamente",
    "solo ",
    "apenas",
    "somente",
    "только",
    "исключительно",
    "فقط",
    "仅",
    "只",
)


@dataclass(frozen=True)
class Item:
    id: str
    families: tuple[str, ...]
    label: str
    terms: tuple[str, ...]


def _parse(table: str, with_family: bool = True) -> dict[str, Item]:
    out = {}
    for line in table.strip().splitlines():
        if with_family:
            iid, fams, label, terms = line.split("|", 3)
        else:
            iid, label, terms = line.split("|", 2)
            fams = ""
        out[iid] = Item(iid, tuple(f for f in fams.split(",") if f), label, tuple(t for t in terms.split(";") if t))
    return out


METHODS = _parse(_METHODS)
INSTRUMENTS = _parse(_INSTRUMENTS)
THEMES = _parse(_THEMES, with_family=False)
FAMILY_LABELS = {"fishing_gear": "fishing gear", "survey_method": "survey technique"}


class _Matcher:
    """Finds many terms in one pass: one alternation for Latin/Cyrillic terms, substrings for the rest."""

    def __init__(self, entries: list[tuple[str, str]]):
        self.substr: list[tuple[str, str]] = []
        words: dict[str, str] = {}
        exact: dict[str, str] = {}
        for iid, term in entries:
            norm = normalise(term).strip()
            if not norm:
                continue
            if script_of(norm) != "word":
                self.substr.append((norm, iid))
            elif norm.endswith("="):
                exact.setdefault(" ".join(norm.rstrip("=").split()), iid)
            else:
                words.setdefault(" ".join(norm.split()), iid)
        self.words, self.exact = words, exact

        def one(t: str) -> str:  # each word of a several-word term may run on, as in the vocabulary
            return r"[^\W_]*\s+".join(re.escape(w) for w in t.split())

        def alt(terms: dict[str, str]) -> str:
            return "|".join(one(t) for t in sorted(terms, key=len, reverse=True))

        self.several = [
            (re.compile(one(t) + (r"(?![^\W_])" if t in exact else "")), iid)
            for terms in (exact, words)
            for t, iid in terms.items()
            if " " in t
        ]

        parts = []
        if exact:
            parts.append(r"(?P<x>" + alt(exact) + r")(?![^\W_])")
        if words:
            parts.append(r"(?P<w>" + alt(words) + r")")
        self.rx = re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")") if parts else None

    def find(self, norm: str) -> dict[str, int]:
        found: dict[str, int] = {}
        if self.rx is not None:
            pos = 0
            while True:
                m = self.rx.search(norm, pos)
                if not m:
                    break
                key = " ".join(m.group(0).split())
                exact_hit = self.exact and m.group("x") is not None
                iid = self.exact.get(key) if exact_hit else self.words.get(key)
                if iid is None:  # a several-word term whose words ran on
                    iid = next((i for rx, i in self.several if rx.match(norm, m.start())), None)
                if iid is not None and iid not in found:
                    found[iid] = m.start()
                pos = m.start() + 1
        for term, iid in self.substr:
            i = norm.find(term)
            if i >= 0 and (iid not in found or i < found[iid]):
                found[iid] = i
        return found


@lru_cache(maxsize=8)
def _matcher(kind: str) -> _Matcher:
    table = {"methods": METHODS, "instruments": INSTRUMENTS, "themes": THEMES}[kind]
    return _Matcher([(item.id, t) for item in table.values() for t in item.terms])


def find(kind: str, text: str) -> dict[str, int]:
    """Ids of ``kind`` (methods, instruments, themes) named in ``text`` -> first position."""
    return _matcher(kind).find(normalise(text))


def family_conflict(need: set[str], offer: set[str], table: dict[str, Item]) -> tuple[str, list, list] | None:
    """A family where the need names some members and the offer only others, or None."""
    fams = {f for i in need for f in table[i].families} & {f for i in offer for f in table[i].families}
    for fam in sorted(fams):
        a = {i for i in need if fam in table[i].families}
        b = {i for i in offer if fam in table[i].families}
        if a and b and not a & b:
            return fam, sorted(a), sorted(b)
    return None


# -- finance scope ------------------------------------------------------------------------
@dataclass
class FinanceScope:
    excluded: dict[str, str]  # theme -> clause
    only: tuple[str, str] | None  # (theme, clause)


def finance_scope(sentences: list[str]) -> FinanceScope:
    """What an offer's sentences say a fund does not finance, or finances only."""
    excluded: dict[str, str] = {}
    only = None
    for sentence in sentences:
        norm = f" {normalise(sentence)} "
        if not any(v in norm for v in _FINANCE_VERB):
            continue
        for cue in _FIN_NOT_AFTER:
            pos = norm.find(cue)
            if pos >= 0:
                for t in find("themes", norm[pos + len(cue) :]):
                    excluded.setdefault(t, sentence.strip())
        for cue in _FIN_NOT_BEFORE:
            pos = norm.find(cue)
            if pos >= 0:
                before = norm[:pos]
                cut = max(before.rfind(";"), before.rfind("."), before.rfind(":"))
                for t in find("themes", before[cut + 1 :]):
                    excluded.setdefault(t, sentence.strip())
        if only is None:
            for cue in _FIN_ONLY:
                pos = norm.find(cue)
                if pos < 0:
                    continue
                after = norm[pos + len(cue) :]
                stop = re.search(r"[;.]", after)
                themes = find("themes", after[: stop.start()] if stop else after)
                if not themes:  # "supports marine protected area management exclusively"
                    start = max(norm.rfind(";", 0, pos), norm.rfind(".", 0, pos))
                    themes = find("themes", norm[start + 1 : pos])
                if themes:
                    first = min(themes, key=themes.get)
                    if first not in excluded:
                        only = (first, sentence.strip())
                break
    return FinanceScope(excluded, only)


# -- places: countries by name, groups of countries ------------------------------------------
_COUNTRY_LANGS = ("fr", "es", "ru", "ar", "zh_CN", "pt")
_EXTRA_NAMES = {
    "RU": ("russia", "russie", "rusia", "россия", "روسيا", "俄罗斯"),
    "GB": ("united kingdom", "royaume-uni", "reino unido", "великобритан", "المملكة المتحدة", "英国"),
    "US": ("united states", "etats-unis", "estados unidos", "сша", "الولايات المتحدة", "美国"),
    "VN": ("vietnam", "viet nam", "вьетнам", "فيتنام", "越南"),
    "TZ": ("tanzania", "tanzanie", "танзани", "تنزانيا", "坦桑尼亚"),
    "IR": ("iran",),
    "BO": ("bolivia", "bolivie"),
    "VE": ("venezuela",),
    "LA": ("laos", "lao"),
    "SY": ("syria", "syrie", "siria"),
    "KR": ("south korea", "republic of korea", "coree du sud", "corea del sur"),
    "CD": ("democratic republic of the congo", "rdc=", "drc=", "republique democratique du congo"),
}


def _short(name: str) -> str:
    name = re.sub(r"\(.*?\)", "", name)
    return name.split(",")[0].strip()


def _country_pattern(name: str) -> tuple[str, re.Pattern | None] | None:
    """``(literal, regex)``: the literal must be in the text for the regex to be tried."""
    norm = normalise(_short(name))
    if len(norm) < 3:
        return None
    if script_of(norm) != "word":
        return norm, None
    words = [w for w in re.split(r"\s+", norm) if w]
    parts = []
    for w in words:
        if re.search(r"[а-я]", w) and len(w) > 4:  # Russian names decline: stem plus an ending
            parts.append(re.escape(w[: max(4, len(w) - 2)]) + r"[^\W\d_]{0,3}")
        else:
            parts.append(re.escape(w.rstrip("=")))
    literal = words[0][: max(4, len(words[0]) - 2)] if re.search(r"[а-я]", words[0]) else words[0]
    return literal.rstrip("="), re.compile(r"(?<![^\W_])" + r"\s+".join(parts) + r"(?![^\W_])")


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, list]]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency of the site
        return []
    catalogs = []
    for lang in _COUNTRY_LANGS:
        try:
            catalogs.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]))
        except OSError:
            continue
    out = []
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name)}
        for cat in catalogs:
            names.add(cat.gettext(c.name))
        names.update(_EXTRA_NAMES.get(c.alpha_2, ()))
        pats = [p for p in (_country_pattern(n) for n in names) if p is not None]
        out.append((c.alpha_2, pats))
    return out


def countries_in(text: str) -> set[str]:
    """ISO codes of the countries named in ``text`` (any of seven languages)."""
    norm = normalise(text)
    found = set()
    for code, pats in _countries():
        for literal, rx in pats:
            if literal in norm and (rx is None or rx.search(norm)):
                found.add(code)
                break
    return found
