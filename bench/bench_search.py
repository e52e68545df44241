"""Benchmark of the search index at scale.

Run: ``.venv/bin/python bench/bench_search.py [--n 1000000] [--db both|sqlite|postgres] [--queries 300]``
(``make bench`` runs it with no option: a million documents, on SQLite then on PostgreSQL when it answers,
the semantic part once, with the SQLite run).

Builds N synthetic published documents in several languages (sentences composed
from biodiversity vocabularies, species binomials and place names; not lorem
ipsum) straight into the index tables in bulk, then measures:

* index build time (rows + facets, full-text structure, indexes);
* keyword search latency over a mix of 1-4-word queries in the documents'
  languages, as the site runs it (``selectors.search(mode="keyword")``): the
  ranked top 20 with snippets alone ("top20"), and the whole result page with
  total and facet counts ("page");
* the site's default page, hybrid (``--hybrid``, on by default): the keyword page plus the query embedded
  and searched by meaning among every document (a vector index of synthetic vectors for the documents
  built, which store none), its neighbours fused in;
* the same page with ``--clients`` (50) users searching at once, each in its own process with its own
  connection: once with a think time between searches (mean ``--think`` s, exponential), once with none
  (the throughput ceiling of the machine);
* semantic top-10 latency over N vectors (synthetic clustered unit vectors, a
  float16 memory-mapped matrix; above 50,000 a reduced 64-dimension float32 first pass
  + exact rescoring of the best 1,000) and its recall@10 against exact search, on those vectors and on
  ``--real-vectors`` (120,000) documents embedded by the site's embedder (about 9 minutes the first
  time, then cached in /tmp).

Writes ``bench/results/search-<db>.json`` at a million documents, ``search-<db>-<n>.json`` (``-100k``) at
other sizes, so that a smaller run never replaces the reported figures. SQLite uses ``--sqlite-path``
(default /tmp/bench_search.sqlite3); PostgreSQL the database ``bench_search``
(``createdb -h 127.0.0.1 -U postgres bench_search``) or ``--pg-url``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# --- vocabularies ------------------------------------------------------------
LANG_WEIGHTS = {"en": 0.40, "es": 0.15, "fr": 0.15, "pt": 0.08, "ru": 0.08, "zh": 0.08, "ar": 0.06}

VOCAB = {
    "en": {
        "actors": ["Fishers' cooperatives", "Women's groups", "Indigenous communities", "Park rangers",
                   "Local farmers", "The national authority", "Volunteers", "Young researchers",
                   "Municipal staff", "Beekeepers", "Forest guards", "Coastal villages", "Herders",
                   "Customs officers", "Teachers and pupils", "The ministry of environment"],
        "verbs": ["restore", "monitor", "replant", "protect", "map", "survey", "manage", "patrol",
                  "document", "rehabilitate", "conserve", "count", "remove", "propagate", "reintroduce"],
        "objects": ["mangrove forests", "seagrass meadows", "coral reefs", "peatlands", "wetlands",
                    "native seed banks", "pollinator habitats", "invasive alien species", "wild crop relatives",
                    "migratory bird sites", "river corridors", "grassland ecosystems", "marine protected areas",
                    "community forests", "sacred groves", "mountain watersheds", "turtle nesting beaches",
                    "medicinal plants", "freshwater fish stocks", "dry forest remnants"],
        "frames": ["with support from {partner}", "under a co-management agreement", "using drones and camera traps",
                   "through payments for ecosystem services", "as part of the national biodiversity strategy",
                   "with traditional knowledge of elders", "after a participatory spatial plan",
                   "with training in data collection", "to meet GBF Target {t}", "during the dry season"],
        "partners": ["an NGO", "the university", "a regional network", "the secretariat", "a donor fund"],
        "glue": "in",
    },
    "es": {
        "actors": ["Las cooperativas de pescadores", "Los grupos de mujeres", "Las comunidades indígenas",
                   "Los guardaparques", "Los agricultores locales", "La autoridad nacional", "Los voluntarios",
                   "Los jóvenes investigadores", "Los apicultores", "Las comunidades costeras"],
        "verbs": ["restauran", "monitorean", "replantan", "protegen", "cartografían", "gestionan", "patrullan",
                  "documentan", "rehabilitan", "conservan", "eliminan", "reintroducen"],
        "objects": ["los manglares", "las praderas de pastos marinos", "los arrecifes de coral", "las turberas",
                    "los humedales", "los bancos de semillas nativas", "los hábitats de polinizadores",
                    "las especies exóticas invasoras", "los parientes silvestres de cultivos",
                    "las áreas marinas protegidas", "los bosques comunitarios", "las cuencas de montaña",
                    "las playas de anidación de tortugas", "las plantas medicinales", "los bosques secos"],
        "frames": ["con apoyo de {partner}", "bajo un acuerdo de comanejo", "con drones y cámaras trampa",
                   "mediante pagos por servicios ecosistémicos", "como parte de la estrategia nacional de biodiversidad",
                   "con el conocimiento tradicional de los mayores", "para cumplir la Meta {t} del Marco Mundial"],
        "partners": ["una ONG", "la universidad", "una red regional", "la secretaría", "un fondo"],
        "glue": "en",
    },
    "fr": {
        "actors": ["Les coopératives de pêcheurs", "Les groupements de femmes", "Les communautés autochtones",
                   "Les écogardes", "Les agriculteurs locaux", "L'autorité nationale", "Les bénévoles",
                   "Les jeunes chercheurs", "Les apiculteurs", "Les villages côtiers"],
        "verbs": ["restaurent", "surveillent", "replantent", "protègent", "cartographient", "gèrent",
                  "patrouillent", "documentent", "réhabilitent", "conservent", "éliminent", "réintroduisent"],
        "objects": ["les mangroves", "les herbiers marins", "les récifs coralliens", "les tourbières",
                    "les zones humides", "les banques de semences locales", "les habitats des pollinisateurs",
                    "les espèces exotiques envahissantes", "les apparentés sauvages des cultures",
                    "les aires marines protégées", "les forêts communautaires", "les bassins versants de montagne",
                    "les plages de ponte des tortues", "les plantes médicinales", "les forêts sèches"],
        "frames": ["avec l'appui de {partner}", "dans le cadre d'une cogestion", "avec des drones et des pièges photographiques",
                   "grâce à des paiements pour services écosystémiques", "dans la stratégie nationale pour la biodiversité",
                   "avec les savoirs traditionnels des anciens", "pour atteindre la cible {t} du Cadre mondial"],
        "partners": ["une ONG", "l'université", "un réseau régional", "le secrétariat", "un fonds"],
        "glue": "à",
    },
    "pt": {
        "actors": ["As cooperativas de pescadores", "Os grupos de mulheres", "As comunidades indígenas",
                   "Os guardas-parque", "Os agricultores locais", "A autoridade nacional", "Os voluntários"],
        "verbs": ["restauram", "monitoram", "replantam", "protegem", "mapeiam", "gerenciam", "conservam"],
        "objects": ["os manguezais", "os recifes de coral", "as turfeiras", "as áreas úmidas",
                    "os bancos de sementes nativas", "as espécies exóticas invasoras", "as áreas marinhas protegidas",
                    "as florestas comunitárias", "as plantas medicinais", "o cerrado"],
        "frames": ["com apoio de {partner}", "com drones e armadilhas fotográficas", "para cumprir a Meta {t}",
                   "com o conhecimento tradicional dos anciãos"],
        "partners": ["uma ONG", "a universidade", "uma rede regional"],
        "glue": "em",
    },
    "ru": {
        "actors": ["Рыболовецкие кооперативы", "Женские группы", "Коренные общины", "Инспекторы заповедника",
                   "Местные фермеры", "Национальный орган", "Волонтёры", "Молодые исследователи"],
        "verbs": ["восстанавливают", "отслеживают", "охраняют", "картируют", "управляют", "сохраняют"],
        "objects": ["водно-болотные угодья", "торфяники", "степные экосистемы", "морские охраняемые районы",
                    "инвазивные чужеродные виды", "банки семян", "леса", "места гнездования птиц",
                    "лекарственные растения", "горные водосборы"],
        "frames": ["при поддержке {partner}", "с помощью дронов и фотоловушек", "для достижения целевой задачи {t}",
                   "с традиционными знаниями старейшин"],
        "partners": ["НКО", "университета", "регональной сети"],
        "glue": "в",
    },
    "zh": {
        "actors": ["渔民合作社", "妇女团体", "土著社区", "护林员", "当地农民", "国家主管部门", "志愿者", "青年研究人员"],
        "verbs": ["恢复", "监测", "补种", "保护", "绘制", "管理", "巡护", "记录"],
        "objects": ["红树林", "海草床", "珊瑚礁", "泥炭地", "湿地", "本地种子库", "传粉昆虫栖息地", "外来入侵物种",
                    "作物野生近缘种", "海洋保护区", "社区森林", "山区流域", "海龟产卵海滩", "药用植物"],
        "frames": ["在{partner}的支持下", "利用无人机和红外相机", "以实现全球生物多样性框架目标{t}",
                   "结合长者的传统知识"],
        "partners": ["非政府组织", "大学", "区域网络"],
        "glue": "",
    },
    "ar": {
        "actors": ["تعاونيات الصيادين", "المجموعات النسائية", "المجتمعات الأصلية", "حراس المحميات",
                   "المزارعون المحليون", "السلطة الوطنية", "المتطوعون"],
        "verbs": ["يستعيدون", "يرصدون", "يحمون", "يديرون", "يوثقون", "يحافظون على"],
        "objects": ["غابات المانغروف", "الشعاب المرجانية", "الأراضي الرطبة", "بنوك البذور المحلية",
                    "الأنواع الغريبة الغازية", "المناطق البحرية المحمية", "النباتات الطبية", "الواحات"],
        "frames": ["بدعم من {partner}", "باستخدام الطائرات المسيرة", "لتحقيق الهدف {t} من الإطار العالمي",
                   "بالمعارف التقليدية لكبار السن"],
        "partners": ["منظمة غير حكومية", "الجامعة", "شبكة إقليمية"],
        "glue": "في",
    },
}
GENERA = ["Rhizophora", "Avicennia", "Posidonia", "Acropora", "Sphagnum", "Apis", "Bombus", "Chelonia", "Panthera",
          "Quercus", "Pinus", "Eucalyptus", "Acacia", "Ficus", "Oryza", "Zea", "Coffea", "Theobroma", "Manihot",
          "Lepidochelys", "Dermochelys", "Gorilla", "Loxodonta", "Ceratotherium", "Crocodylus", "Salmo", "Tilapia"]
EPITHET_SYLLABLES = ["mu", "cro", "na", "ta", "ma", "ri", "na", "ocean", "ica", "alba", "nig", "ra", "sil", "ves",
                     "tris", "gran", "dis", "minor", "aus", "tralis", "ori", "entalis", "mexi", "cana", "afri"]
PLACES = ["Lamu", "Tanga", "Chocó", "Yucatán", "Casamance", "Saloum", "Sundarbans", "Mekong", "Amazonas", "Pantanal",
          "Okavango", "Atlas", "Altai", "Baikal", "Kamchatka", "Hainan", "Yunnan", "Mindanao", "Sabah", "Fiji",
          "Tonle Sap", "Rift Valley", "Sahel", "Zambezi", "Andes", "Patagonia", "Cerrado", "Caatinga", "Dhofar",
          "Sinai", "Socotra", "Madagascar", "Mayombe", "Niger Delta", "Volta", "Mahakam", "Papua", "Kerala"]
COUNTRIES = ["KE", "TZ", "UG", "ET", "NG", "GH", "SN", "CM", "CD", "ZA", "MG", "MA", "EG", "BR", "CO", "PE", "MX", "CL",
             "AR", "EC", "CR", "CU", "IN", "ID", "PH", "VN", "TH", "CN", "MY", "PK", "FJ", "PG", "RU", "KZ", "UA", "PL",
             "RO", "FR", "ES", "DE", "NO", "CA", "US", "AU", "JO", "OM", "TN", "LB", "BO", "PT", "AO", "MZ"]
REGION_OF = {**dict.fromkeys(["KE", "TZ", "UG", "ET", "NG", "GH", "SN", "CM", "CD", "ZA", "MG", "MA", "EG", "TN", "AO",
                              "MZ"], "AF"),
             **dict.fromkeys(["BR", "CO", "PE", "MX", "CL", "AR", "EC", "CR", "CU", "BO"], "GRULAC"),
             **dict.fromkeys(["IN", "ID", "PH", "VN", "TH", "CN", "MY", "PK", "FJ", "PG", "JO", "OM", "LB", "KZ"], "AP"),
             **dict.fromkeys(["RU", "UA", "PL", "RO"], "EE"),
             **dict.fromkeys(["FR", "ES", "DE", "NO", "CA", "US", "AU", "PT"], "WEOG")}
KINDS = ["good-practice"] * 4 + ["capacity-building", "tool", "tool", "expert", "organisation", "news"]
CONVENTIONS = ["CBD", "CBD", "CBD", "RAMSAR", "CITES", "CMS", "WHC", "ITPGRFA", "IPPC", "NAGOYA", "CARTAGENA"]
SUPPORT = ["technical-assistance", "training", "expert-exchange", "study-visit", "joint-research",
           "technology-transfer", "data", "finance", "equipment", "policy-advice"]


class Generator:
    """Sentences composed from the vocabularies: varied, multilingual, with a long tail of names."""

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        r = self.rng
        self.species = [f"{r.choice(GENERA)} {''.join(r.sample(EPITHET_SYLLABLES, r.randint(2, 3)))}"
                        for _ in range(6000)]
        self.sentences: dict[str, list[str]] = {}
        self.titles: dict[str, list[str]] = {}
        for lang, v in VOCAB.items():
            sents, titles = [], []
            sep = "" if lang == "zh" else " "
            for _ in range(12000):
                frame = r.choice(v["frames"]).format(partner=r.choice(v["partners"]), t=r.randint(1, 23))
                place = r.choice(PLACES)
                obj = r.choice(v["objects"])
                if lang == "zh":
                    sents.append(f"{r.choice(v['actors'])}{frame}{v['verbs'][r.randrange(len(v['verbs']))]}{place}的{obj}，"
                                 f"包括{r.choice(self.species)}。")
                else:
                    sents.append(f"{r.choice(v['actors'])} {r.choice(v['verbs'])} {obj} {v['glue']} {place} "
                                 f"{frame}, {r.choice(self.species)}.".replace("  ", " "))
            for _ in range(6000):
                obj, place = r.choice(v["objects"]), r.choice(PLACES)
                verb = r.choice(v["verbs"])
                titles.append((f"{verb}{place}{obj}" if lang == "zh" else
                               f"{verb.capitalize()}{sep}{obj}{sep}{v['glue']}{sep}{place}").strip())
            self.sentences[lang], self.titles[lang] = sents, titles
        self.langs = list(LANG_WEIGHTS)
        self.lang_p = np.array(list(LANG_WEIGHTS.values()))

    def document(self, i: int, np_rng: np.random.Generator) -> tuple[dict, list[tuple[str, str]]]:
        r = self.rng
        lang = self.langs[int(np_rng.choice(len(self.langs), p=self.lang_p))]
        sents = self.sentences[lang]
        title = r.choice(self.titles[lang])
        summary = " ".join(r.choice(sents) for _ in range(2))
        body = " ".join(r.choice(sents) for _ in range(r.randint(3, 7)))
        countries = r.sample(COUNTRIES, 1 if r.random() < 0.8 else 2)
        vis = "public" if r.random() < 0.9 else ("registered" if r.random() < 0.8 else "restricted")
        kind = r.choice(KINDS)
        published = dt.datetime(2016, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=r.randrange(10 * 365 * 86400))
        facets = [("type", kind), ("language", lang)]
        facets += [("country", c) for c in countries]
        facets += [("region", reg) for reg in sorted({REGION_OF[c] for c in countries})]
        facets += [("target", f"GBF-{t}") for t in sorted(r.sample(range(1, 24), r.randint(1, 3)))]
        facets += [("convention", c) for c in sorted(set(r.sample(CONVENTIONS, r.randint(1, 2))))]
        if r.random() < 0.5:
            facets.append(("support", r.choice(SUPPORT)))
        row = {"title": title, "summary": summary, "body": body, "language": lang, "visibility": vis,
               "kind": kind, "country": countries[0], "published_at": published}
        return row, facets

    def query(self) -> str:
        """1-4 content words or a name, in one of the documents' languages."""
        r = self.rng
        lang = r.choices(self.langs, weights=list(LANG_WEIGHTS.values()))[0]
        v = VOCAB[lang]
        roll = r.random()
        if lang == "zh":
            words = [r.choice(v["objects"])] + ([r.choice(PLACES)] if roll < 0.3 else [])
            return " ".join(words)
        pool = [w for phrase in v["objects"] + v["verbs"] for w in phrase.split() if len(w) > 3]
        if roll < 0.1:
            return r.choice(self.species)
        if roll < 0.2:
            return f"{r.choice(pool)} {r.choice(PLACES)}"
        n = r.choice([1, 2, 2, 3, 3, 4])
        return " ".join(r.sample(pool, n))


# --- database ----------------------------------------------------------------
def setup_django(db: str, args) -> None:
    if db == "sqlite":
        os.environ["CLEARINGHOUSE_DATABASE_URL"] = f"sqlite:///{args.sqlite_path}"
    else:
        os.environ["CLEARINGHOUSE_DATABASE_URL"] = args.pg_url
    os.environ.setdefault("CLEARINGHOUSE_VAR_DIR", "/tmp/bench-search-var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearinghouse.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(db: str, n: int, gen: Generator, chunk: int = 20000) -> dict:
    from django.db import connection, transaction

    from clearinghouse.search.indexing import stems_values
    from clearinghouse.search.text import cjk_bigram_text

    t0 = time.perf_counter()
    np_rng = np.random.default_rng(11)
    cursor = connection.cursor()
    timings: dict[str, float] = {}
    if db == "sqlite":
        saved = cursor.execute("SELECT sql FROM sqlite_master WHERE type='trigger' AND name LIKE 'search_fts_%'")
        triggers = [r[0] for r in saved.fetchall()]
        idx = cursor.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name IN "
                             "('search_searchdocument', 'search_searchfacet') AND sql IS NOT NULL").fetchall()
        for name in ("search_fts_ai", "search_fts_ad", "search_fts_au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name, _sql in idx:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        cursor.execute("DELETE FROM search_searchfacet")
        cursor.execute("DELETE FROM search_searchdocument")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        cursor.execute("PRAGMA synchronous=OFF")
    else:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
                       "('search_searchdocument', 'search_searchfacet') AND indexdef NOT LIKE '%UNIQUE%'")
        idx = cursor.fetchall()
        cursor.execute("TRUNCATE search_searchfacet, search_searchdocument RESTART IDENTITY")
        for name, _sql in idx:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        cursor.execute("ALTER TABLE search_searchfacet DROP CONSTRAINT IF EXISTS "
                       "search_searchfacet_document_id_fk_search_searchdocument_id")
        cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'search_searchfacet'::regclass "
                       "AND contype = 'f'")
        fks = [r[0] for r in cursor.fetchall()]
        for fk in fks:
            cursor.execute(f'ALTER TABLE search_searchfacet DROP CONSTRAINT "{fk}"')
    now = dt.datetime.now(dt.UTC)
    doc_id = 0
    for start in range(0, n, chunk):
        docs, facets = [], []
        for _ in range(min(chunk, n - start)):
            doc_id += 1
            row, fs = gen.document(doc_id, np_rng)
            cjk_t = cjk_bigram_text(row["title"]) if row["language"] == "zh" else ""
            cjk_b = cjk_bigram_text(row["summary"] + "\n" + row["body"]) if row["language"] == "zh" else ""
            stems = stems_values(row["title"], row["summary"], row["body"], row["language"])  # SQLite only
            docs.append((doc_id, "record", doc_id, f"CHM-GP-{row['country']}-{doc_id:07d}-1", row["kind"],
                         row["title"], row["summary"], row["body"], cjk_t, cjk_b, row["language"],
                         f"/records/{doc_id}/", row["visibility"], row["country"], "{}", row["published_at"], now,
                         "synthetic", "", stems["stems_title"], stems["stems_summary"], stems["stems_body"]))
            facets.extend((doc_id, name, value) for name, value in fs)
        cols = ("id, source, source_id, public_id, kind, title, summary, body, cjk_title, cjk_body, language, url, "
                "visibility, country, translations, published_at, updated_at, vector_model, vector_text_hash, "
                "stems_title, stems_summary, stems_body")
        with transaction.atomic():
            if db == "sqlite":
                ph = ", ".join(["%s"] * 22)
                cursor.executemany(f"INSERT INTO search_searchdocument ({cols}) VALUES ({ph})", docs)
                cursor.executemany("INSERT INTO search_searchfacet (document_id, name, value) VALUES (%s, %s, %s)",
                                   facets)
            else:
                raw = connection.connection.cursor()
                with raw.copy(f"COPY search_searchdocument ({cols}) FROM STDIN") as copy:
                    for d in docs:
                        copy.write_row(d)
                with raw.copy("COPY search_searchfacet (document_id, name, value) FROM STDIN") as copy:
                    for f in facets:
                        copy.write_row(f)
        done = start + len(docs)
        print(f"  {done:>9,} rows  {time.perf_counter() - t0:7.1f}s", flush=True)
    timings["rows_s"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    if db == "sqlite":
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        timings["fulltext_s"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        for _name, sql in idx:
            cursor.execute(sql)
        for sql in triggers:
            cursor.execute(sql)
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA synchronous=NORMAL")
    else:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 2")
        for _name, sql in idx:
            if "gin" in sql.lower():
                cursor.execute(sql)
        timings["fulltext_s"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        for _name, sql in idx:
            if "gin" not in sql.lower():
                cursor.execute(sql)
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_searchdocument', 'id'), %s)", [n + 1])
        cursor.execute("ALTER TABLE search_searchfacet ADD CONSTRAINT search_searchfacet_document_fk FOREIGN KEY "
                       "(document_id) REFERENCES search_searchdocument (id) DEFERRABLE INITIALLY DEFERRED")
        cursor.execute("VACUUM ANALYZE search_searchdocument")
        cursor.execute("VACUUM ANALYZE search_searchfacet")
    timings["indexes_s"] = time.perf_counter() - t2
    timings["total_s"] = time.perf_counter() - t0
    return timings


def machine_speed() -> dict:
    """How fast this machine is, so that figures from two machines can be compared: the best of five runs of
    a fixed pure-Python loop and of a fixed SQLite query (the search pages are Python and database work)."""
    import sqlite3

    def best(fn) -> float:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        return round(min(times), 1)

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    db.executemany("INSERT INTO t VALUES (?, ?)", ((i, f"word{i % 997}") for i in range(200_000)))
    return {"cpu": platform.processor() or platform.machine(),
            "python_loop_ms": best(lambda: sum(i * i for i in range(1_000_000))),
            "sqlite_group_ms": best(lambda: db.execute("SELECT b, COUNT(*) FROM t GROUP BY b").fetchall())}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def measure_keyword(gen: Generator, queries: int) -> dict:
    """Latency of the ranked top 20 alone, and of the whole page (total + facet counts), as served."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from clearinghouse.search import selectors
    from clearinghouse.search.backends import get_backend
    from clearinghouse.search.text import parse_query

    backend = get_backend()
    qs = [gen.query() for _ in range(queries)]
    top20, page, totals, fallbacks, approximate = [], [], [], 0, 0
    for q in qs[:5]:  # warm the caches
        selectors.search(query=q, mode="keyword", user=AnonymousUser())
    for q in qs:
        # The ranked top 20 and their snippets: what the result list needs.
        t = time.perf_counter()
        with backend.reading():  # as the page does it: the matches read once, then ranked
            plan = selectors._Plan(backend, parse_query(q), ["public"], {})
            selectors._read_matches(plan)
            if len(plan.parsed.terms) > 1 and not selectors._keyword_exists(plan):
                plan.any_word = True
                selectors._read_matches(plan)
            ids = selectors._keyword_ranked(plan, 20)
            selectors._hits(plan, ids, semantic=set(), words=set(ids))
        top20.append((time.perf_counter() - t) * 1000)
        # The whole page: plus the total and the facet counts.
        t = time.perf_counter()
        res = selectors.search(query=q, mode="keyword", user=AnonymousUser())
        page.append((time.perf_counter() - t) * 1000)
        totals.append(res.total)
        fallbacks += res.fallback
        approximate += res.approximate
    connection.close()
    by_words: dict[int, list[float]] = {}
    for q, ms in zip(qs, top20, strict=True):
        by_words.setdefault(min(len(parse_query(q).terms), 4), []).append(ms)
    return {
        "queries": len(qs),
        "examples": qs[:12],
        "top20_ms": {"p50": percentile(top20, 50), "p95": percentile(top20, 95), "max": max(top20)},
        "top20_p95_by_terms": {k: percentile(v, 95) for k, v in sorted(by_words.items())},
        "page_with_total_and_facets_ms": {"p50": percentile(page, 50), "p95": percentile(page, 95),
                                          "max": max(page)},
        "approximate_share": approximate / len(qs),
        "matches_median": statistics.median(totals),
        "matches_p95": percentile(totals, 95),
        "or_fallbacks": fallbacks,
    }


def measure_hybrid(gen: Generator, queries: int, dim: int) -> dict:
    """The site's default page (``mode="hybrid"``): the keyword page plus the query embedded and searched by
    meaning among every document. The documents built here have no stored vector, so the process's vector
    index is made of synthetic unit vectors (as ``measure_semantic``) for their ids, visibility and
    languages, float32 in memory as the site loads it; the floor by meaning is lifted so that every page
    fuses its full share of neighbours (a real query finds fewer above the floor: this errs on the slow side)."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import override_settings

    from clearinghouse.search import selectors
    from clearinghouse.search import vectors as vector_module
    from clearinghouse.search.embedders import get_embedder

    with connection.cursor() as cursor:
        cursor.execute("SELECT id, visibility, language FROM search_searchdocument ORDER BY id")
        rows = cursor.fetchall()
    matrix = np.concatenate([v.astype(np.float32) for v in synthetic_vectors(np.random.default_rng(6), len(rows), dim)])
    embedder = get_embedder()
    t0 = time.perf_counter()
    index = vector_module.VectorIndex(np.array([r[0] for r in rows]),
                                      np.array([vector_module.VISIBILITY_CODES.get(r[1], 2) for r in rows], np.int8),
                                      matrix, languages=np.array([r[2] or "" for r in rows]))
    load_s = time.perf_counter() - t0
    cache = vector_module._cache
    cache.key = (connection.settings_dict.get("NAME"), embedder.model_id)
    cache.index, cache.rows = index, {int(pk): i for i, pk in enumerate(index.ids.tolist())}
    cache.version, cache.loaded_until = vector_module.current_version(), dt.datetime.now(dt.UTC)
    del rows
    qs = [gen.query() for _ in range(queries)]
    page, semantic = [], []
    with override_settings(CLEARINGHOUSE_SEMANTIC_MIN_SCORE=-1.0):
        for q in qs[:5]:
            selectors.search(query=q, user=AnonymousUser())
        for q in qs:
            t = time.perf_counter()
            res = selectors.search(query=q, user=AnonymousUser())
            page.append((time.perf_counter() - t) * 1000)
            semantic.append(sum(1 for h in res.hits if h.matched_by in ("meaning", "both")))
    vector_module.reset_cache()
    connection.close()
    return {"queries": len(qs), "vectors": len(index), "vector_index_load_s": round(load_s, 1),
            "page_ms": {"p50": percentile(page, 50), "p95": percentile(page, 95), "max": max(page)},
            "hits_found_by_meaning_on_first_page_mean": round(statistics.mean(semantic), 1)}


def _client(args: tuple[int, list[str], float, float]) -> list[tuple[float, float]]:
    """One simulated user: searches (the whole page's data, as ``measure_keyword``), then thinks for an
    exponentially distributed time of mean ``think_s``, until ``deadline`` (``time.time()``)."""
    seed, queries, think_s, deadline = args
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from clearinghouse.search import selectors

    rng = random.Random(seed)
    out = []
    while time.time() < deadline:
        q = rng.choice(queries)
        start = time.time()
        t = time.perf_counter()
        selectors.search(query=q, mode="keyword", user=AnonymousUser())
        out.append((start, (time.perf_counter() - t) * 1000))
        if think_s:
            time.sleep(min(rng.expovariate(1 / think_s), max(0.0, deadline - time.time())))
    connection.close()
    return out


def measure_concurrent(gen: Generator, clients: int, seconds: float, think_s: float) -> dict:
    """``clients`` processes searching at once (each with its own database connection), with a think time
    between searches (0: as fast as they can, the throughput ceiling). Latency of the page's data, warm."""
    import multiprocessing

    from django.db import connections

    queries = [gen.query() for _ in range(400)]
    connections.close_all()  # the children open their own
    deadline = time.time() + seconds + 5  # 5 s to start every process, not counted
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(clients) as pool:
        runs = pool.map(_client, [(i, queries, think_s, deadline) for i in range(clients)], chunksize=1)
    warm_from = deadline - seconds
    times = [ms for run in runs for start, ms in run if start >= warm_from]
    if not times:
        return {"clients": clients, "think_s": think_s, "searches": 0}
    return {
        "clients": clients, "think_s_mean": think_s, "seconds": seconds, "searches": len(times),
        "searches_per_s": round(len(times) / seconds, 1),
        "page_ms": {"p50": percentile(times, 50), "p95": percentile(times, 95), "p99": percentile(times, 99),
                    "max": max(times)},
    }


def synthetic_vectors(rng: np.random.Generator, n: int, dim: int, step: int = 100_000):
    """``n`` unit vectors around 2,000 random centres, ``step`` rows at a time."""
    centroids = rng.standard_normal((2000, dim)).astype(np.float32)
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    for start in range(0, n, step):
        m = min(step, n - start)
        v = centroids[rng.integers(0, len(centroids), m)] + 0.6 * rng.standard_normal((m, dim)).astype(
            np.float32) / np.sqrt(dim)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        yield v


def measure_semantic(n: int, dim: int, queries: int, path: Path) -> dict:
    from clearinghouse.search.vectors import VectorIndex

    rng = np.random.default_rng(5)
    t0 = time.perf_counter()
    mm = np.lib.format.open_memmap(path, mode="w+", dtype=np.float16, shape=(n, dim))
    start = 0
    for v in synthetic_vectors(rng, n, dim):
        mm[start : start + len(v)] = v.astype(np.float16)
        start += len(v)
    mm.flush()
    del mm
    matrix = np.load(path, mmap_mode="r")
    vis = (rng.random(n) > 0.9).astype(np.int8)
    t1 = time.perf_counter()
    index = VectorIndex(np.arange(1, n + 1), vis, matrix)
    load_s = time.perf_counter() - t1
    build_s = time.perf_counter() - t0
    qv = []
    for _ in range(queries):
        base = np.asarray(matrix[rng.integers(0, n)], dtype=np.float32)
        q = base + 0.3 * rng.standard_normal(dim).astype(np.float32) / np.sqrt(dim)
        qv.append(q / np.linalg.norm(q))
    index.search(qv[0], k=10)
    times = []
    for q in qv:
        t = time.perf_counter()
        index.search(q, k=10, allowed_visibility=(0,))
        times.append((time.perf_counter() - t) * 1000)
    # Recall@10 against exact search (every vector scored) over the same visible vectors.
    recalls, exact_times = [], []
    for q in qv[:50]:
        got = set(index.search(q, k=10, allowed_visibility=(0,)).ids.tolist())
        t = time.perf_counter()
        want = set(index.search(q, k=10, allowed_visibility=(0,), exact=True).ids.tolist())
        exact_times.append((time.perf_counter() - t) * 1000)
        recalls.append(len(got & want) / 10)
    return {
        "vectors": n, "dim": dim, "matrix": "float16 memory-mapped .npy",
        "method": (f"first pass: float32 matrix of {index.reduced_dim} dims (uncentred PCA fitted on "
                   f"{min(n, 20_000):,} stored vectors), one BLAS matrix-vector product; exact float16 "
                   f"rescoring of the best {index.rescore_candidates:,}" if index.reduced is not None
                   else "exact float16"),
        "build_s": build_s, "projection_fit_and_reduced_matrix_s": load_s,
        "top10_ms": {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times)},
        "exact_top10_ms": {"p50": percentile(exact_times, 50), "p95": percentile(exact_times, 95)},
        "recall_at_10_vs_exact": statistics.mean(recalls),
        "recall_queries": len(recalls),
    }


def measure_semantic_real(n: int, cache: Path) -> dict:
    """Recall@10 of the reduced first pass against exact search on real vectors: ``n`` generated documents
    (title and summary) embedded by the site's embedder (cached in ``cache``), queried with the 138 queries
    of the relevance bench, without and with their language (centred ranking). The synthetic vectors above
    sit in tight clusters: on them an inverted-file index tried here reached recall 1.0 scanning 3% of the
    rows, and 0.66 on these."""
    import hashlib

    from clearinghouse.search.embedders import get_embedder
    from clearinghouse.search.vectors import VectorIndex

    gen, rng = Generator(), np.random.default_rng(1)
    docs = [gen.document(i + 1, rng)[0] for i in range(n)]
    texts = [d["title"] + "\n" + d["summary"] for d in docs]
    embedder = get_embedder()
    digest = hashlib.sha1("\n".join([embedder.model_id, *texts]).encode()).hexdigest()[:12]  # noqa: S324
    path = cache.with_name(f"{cache.stem}-{n}-{digest}.npy")
    t0 = time.perf_counter()
    if path.exists():
        matrix = np.load(path)
    else:
        matrix = np.concatenate([embedder.embed(texts[s : s + 512]) for s in range(0, n, 512)])
        np.save(path, matrix)
    embed_s = time.perf_counter() - t0
    queries = []
    for name in ("relevance-judgements.json", "relevance-handwritten/judgements.json"):
        queries += [(q["query"], q["language"]) for q in json.loads((ROOT / "bench" / "data" / name).read_text())["queries"]]
    qv = embedder.embed([q for q, _ in queries])
    ids, vis, langs = np.arange(1, n + 1), np.zeros(n, np.int8), np.array([d["language"] for d in docs])
    index = VectorIndex(ids, vis, matrix, languages=langs)
    recalls, times = [], []
    for vector, (_q, language) in zip(qv, queries, strict=True):
        for lang in (None, language):
            t = time.perf_counter()
            got = index.search(vector, k=10, language=lang).ids.tolist()
            times.append((time.perf_counter() - t) * 1000)
            want = index.search(vector, k=10, language=lang, exact=True).ids.tolist()
            recalls.append(len(set(got) & set(want)) / 10)
    return {"vectors": n, "embedder": embedder.model_id, "embed_s": round(embed_s, 1), "queries": len(recalls),
            "reduced_dim": index.reduced_dim if index.reduced is not None else None,
            "recall_at_10_vs_exact": round(statistics.mean(recalls), 4),
            "top10_ms": {"p50": percentile(times, 50), "p95": percentile(times, 95)}}


def selectors_exact_max() -> int:
    from clearinghouse.search import selectors

    return selectors._exact_max()


def selectors_rank_window() -> int:
    from clearinghouse.search import selectors
    from clearinghouse.search.backends import get_backend

    return selectors._rank_window(get_backend())


REPORTED_N = 1_000_000


def results_name(db: str, n: int) -> str:
    if n == REPORTED_N:
        return f"search-{db}.json"
    return f"search-{db}-{n // 1000}k.json" if n % 1000 == 0 else f"search-{db}-{n}.json"


def postgres_answers(url: str) -> bool:
    """Whether the server of ``url`` answers; its database is created when missing."""
    import psycopg

    dbname = url.rsplit("/", 1)[-1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone():
                conn.execute(f'CREATE DATABASE "{dbname}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL does not answer at {url} ({exc}): its run is skipped", flush=True)
        return False
    return True


def run_both() -> int:
    """The run of ``make bench``: this script with the same options on SQLite (with the semantic part),
    then on PostgreSQL (without: it measures numpy, not the database)."""
    import subprocess

    rest = [a for a in sys.argv[1:] if not a.startswith("--db")]
    url = next((a.split("=", 1)[1] for a in rest if a.startswith("--pg-url=")), None)
    if url is None and "--pg-url" in rest:
        url = rest[rest.index("--pg-url") + 1]
    code = subprocess.call([sys.executable, __file__, "--db", "sqlite", *rest])
    if postgres_answers(url or "postgres://postgres@127.0.0.1:5432/bench_search"):
        extra = [] if "--skip-semantic" in rest else ["--skip-semantic"]
        code = subprocess.call([sys.executable, __file__, "--db", "postgres", *rest, *extra]) or code
    return code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=REPORTED_N, help="documents (1,000,000 for the reported figures)")
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both",
                        help="both: SQLite, then PostgreSQL when it answers (each in its own process)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--sqlite-path", default="/tmp/bench_search.sqlite3")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/bench_search")
    parser.add_argument("--skip-build", action="store_true", help="measure an index built by an earlier run")
    parser.add_argument("--skip-semantic", action="store_true")
    parser.add_argument("--hybrid", action=argparse.BooleanOptionalAction, default=True,
                        help="measure the site's default page too (search by meaning over synthetic vectors)")
    parser.add_argument("--only-semantic", action="store_true",
                        help="measure the semantic part alone; the other parts keep the figures of an earlier run")
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--real-vectors", type=int, default=120_000,
                        help="documents embedded for the recall of the semantic first pass on real vectors (0: skip)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent searching users (0: skip)")
    parser.add_argument("--client-seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds a user waits between searches")
    args = parser.parse_args()
    if args.db == "both":
        sys.exit(run_both())

    gen = Generator()
    setup_django(args.db, args)
    out: dict = {"db": args.db, "n": args.n, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                                         **machine_speed()},
                 "date": dt.date.today().isoformat()}
    from django.db import connection

    connection.ensure_connection()
    out["server_version"] = str(connection.connection.info.server_version if args.db == "postgres"
                                else __import__("sqlite3").sqlite_version)
    out["load_average_at_start"] = os.getloadavg()
    if args.only_semantic:
        args.skip_build, args.clients, args.hybrid = True, 0, False
    if not args.skip_build:
        print(f"building {args.n:,} documents into {args.db} ...", flush=True)
        out["build"] = build(args.db, args.n, gen)
        print(json.dumps(out["build"]), flush=True)
    if not args.only_semantic:
        print("keyword queries ...", flush=True)
        out["keyword"] = measure_keyword(gen, args.queries)
        print(json.dumps(out["keyword"], ensure_ascii=False, indent=1), flush=True)
    if args.hybrid:
        print("hybrid page (the site's default) ...", flush=True)
        out["hybrid"] = measure_hybrid(gen, args.queries, args.dim)
        print(json.dumps(out["hybrid"]), flush=True)
    if args.clients:
        out["concurrent"] = []
        for think in (args.think, 0.0):
            print(f"{args.clients} concurrent clients, think time {think}s ...", flush=True)
            out["concurrent"].append(measure_concurrent(gen, args.clients, args.client_seconds, think))
            print(json.dumps(out["concurrent"][-1]), flush=True)
    if not args.skip_semantic:
        print("semantic ...", flush=True)
        out["semantic"] = measure_semantic(args.n, args.dim, min(args.queries, 200),
                                           Path(f"/tmp/bench_search_vectors_{args.n}.npy"))
        print(json.dumps(out["semantic"], indent=1), flush=True)
        if args.real_vectors:
            print(f"semantic recall on {args.real_vectors:,} real vectors ...", flush=True)
            out["semantic"]["real"] = measure_semantic_real(args.real_vectors, Path("/tmp/bench_search_real_vectors.npy"))
            print(json.dumps(out["semantic"]["real"], indent=1), flush=True)
    out["load_average_at_end"] = os.getloadavg()
    out["goals"] = {"keyword_top20_p95_ms": 50, "keyword_page_p95_ms": 50, "concurrent_page_p95_ms": 50, "semantic_top10_p95_ms": 100,
                    "semantic_recall_at_10": 0.95}
    out["settings"] = {"exact_max": selectors_exact_max(), "rank_window": selectors_rank_window()}
    dest = ROOT / "bench" / "results" / results_name(args.db, args.n)
    dest.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(dest.read_text(encoding="utf-8")) if dest.exists() else {}
    for key, skipped in (("build", args.skip_build), ("semantic", args.skip_semantic),
                         ("keyword", args.only_semantic), ("hybrid", not args.hybrid)):
        # A part not measured this time keeps the figures of the run that measured it, with its date.
        if skipped and key in previous and previous.get("n") == args.n:
            out[key] = {**previous[key], "from_earlier_run": previous[key].get("from_earlier_run") or previous.get("date")}
    if args.only_semantic and previous.get("n") == args.n and "concurrent" in previous:
        out["concurrent"] = [{**run, "from_earlier_run": run.get("from_earlier_run") or previous.get("date")}
                             for run in previous["concurrent"]]
    dest.write_text(json.dumps(out, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
