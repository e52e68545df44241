"""The interface is complete in the six UN languages: catalogues, placeholders, compiled files, pages."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGS = ["ar", "es", "fr", "ru", "zh_Hans"]
NPLURALS = {"ar": 6, "es": 2, "fr": 2, "ru": 3, "zh_Hans": 1}

PLACEHOLDER_RE = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
    r"|\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}"
)
TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")


def placeholders(text: str) -> list[str]:
    text = text.replace("%%", "")
    return sorted(PLACEHOLDER_RE.findall(text) + TAG_RE.findall(text))


def parse_po(path: Path) -> list[dict]:
    """A small .po parser (polib is a dev tool only): entries with flags, msgid(_plural), msgstr[n]."""
    entries: list[dict] = []
    entry: dict = {}
    field = None

    def finish() -> None:
        nonlocal entry
        if "msgid" in entry:
            entries.append(entry)
        entry = {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#~"):
            entry["obsolete"] = True
            continue
        if line.startswith("#,"):
            if "msgid" in entry:
                finish()
            entry.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if match:
            field = match.group(1)
            if field in ("msgctxt", "msgid") and "msgid" in entry:
                finish()
            entry[field] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
    finish()
    return [e for e in entries if not e.get("obsolete")]


def catalogue(lang: str) -> list[dict]:
    return parse_po(LOCALE / lang / "LC_MESSAGES" / "django.po")


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_not_fuzzy(lang):
    entries = catalogue(lang)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == ""
    assert "fuzzy" not in header.get("flags", set())
    assert f"nplurals={NPLURALS[lang]};" in header["msgstr"]
    assert len(messages) > 500
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e.get("flags", set())]
    assert fuzzy == []
    missing = []
    for e in messages:
        if "msgid_plural" in e:
            forms = [e.get(f"msgstr[{i}]", "") for i in range(NPLURALS[lang])]
            if not all(forms):
                missing.append(e["msgid"])
        elif not e.get("msgstr"):
            missing.append(e["msgid"])
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_and_markup_are_kept(lang):
    wrong = []
    for e in catalogue(lang)[1:]:
        if "msgid_plural" in e:
            expected = set(placeholders(e["msgid"])) | set(placeholders(e["msgid_plural"]))
            forms = [e[f"msgstr[{i}]"] for i in range(NPLURALS[lang])]
            # Positional placeholders (%d, %s) must be in every form, or "%" formatting fails.
            positional = [p for p in placeholders(e["msgid_plural"]) if not p.startswith(("%(", "{"))]
            for form in forms:
                if not set(placeholders(form)) <= expected or not set(positional) <= set(placeholders(form)):
                    wrong.append((e["msgid"], form))
            if placeholders(forms[-1]) != placeholders(e["msgid_plural"]):
                wrong.append((e["msgid_plural"], forms[-1]))
        elif placeholders(e["msgstr"]) != placeholders(e["msgid"]):
            wrong.append((e["msgid"], e["msgstr"]))
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_the_po_file(lang):
    """The committed .mo holds exactly the .po translations (the site needs no gettext tools)."""
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run compilemessages: {mo} is missing"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    stale = []
    for e in catalogue(lang)[1:]:
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            for i in range(NPLURALS[lang]):
                if compiled.get((key, i)) != e[f"msgstr[{i}]"]:
                    stale.append(e["msgid"])
        elif compiled.get(key) != e["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], "run compilemessages: the .mo file is out of date"


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_files_are_not_git_ignored(lang):
    """The .mo files are committed: a fresh clone must work without GNU gettext."""
    repo = Path(settings.BASE_DIR).parent.parent
    if shutil.which("git") is None or not (repo / ".git").exists():
        pytest.skip("not a git checkout")
    mo = LOCALE / lang / "LC_MESSAGES" / "django.mo"
    ignored = subprocess.run(["git", "check-ignore", "-q", str(mo)], cwd=repo, check=False)
    assert ignored.returncode == 1, f"{mo} is ignored by git"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Connexion", "Connaissances", "Coopération", "Rechercher"]),
        ("es", ["Iniciar sesión", "Conocimientos", "Cooperación", "Buscar"]),
        ("ru", ["Войти", "Знания", "Сотрудничество", "Поиск"]),
        ("zh-hans", ["登录", "知识", "合作", "搜索"]),
        ("ar", ["تسجيل الدخول", "المعارف", "التعاون", "بحث"]),
    ],
)
@pytest.mark.django_db
def test_home_page_navigation_is_in_the_visitors_language(client, lang, words):
    body = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'lang="{lang}"' in body
    for word in words:
        assert word in body
    assert ">Log in<" not in body and ">Knowledge<" not in body


@pytest.mark.django_db
def test_arabic_page_is_right_to_left(client):
    body = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in body
    assert "المناقشات" in body  # Discussions, in the main navigation
    body = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'dir="ltr"' in body


@pytest.mark.django_db
def test_chosen_language_cookie_wins_over_the_browser(client):
    client.get(reverse("core:language"), {"lang": "ru", "next": "/"})
    body = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Войти" in body and "Connexion" not in body


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("ru", 1, "1 тема"),
        ("ru", 3, "3 темы"),
        ("ru", 11, "11 тем"),
        ("ru", 21, "21 тема"),
        ("ar", 2, "موضوعان"),
        ("ar", 5, "5 مواضيع"),
        ("ar", 11, "11 موضوعًا"),
        ("ar", 100, "100 موضوع"),
        ("fr", 0, "0 fil"),
        ("fr", 2, "2 fils"),
        ("zh-hans", 7, "7 个主题"),
    ],
)
def test_plural_forms_follow_each_languages_rules(lang, n, expected):
    with translation.override(lang):
        text = translation.ngettext("%(n)s thread", "%(n)s threads", n) % {"n": n}
    assert text.startswith(expected) or text == expected


def test_lazy_vocabulary_labels_are_translated():
    from clearinghouse.core.models import Region  # noqa: F401  (labels defined with gettext_lazy)

    with translation.override("es"):
        assert translation.gettext("Latin America and the Caribbean") == "América Latina y el Caribe"
        assert translation.gettext("Kunming-Montreal Global Biodiversity Framework") == (
            "Marco Mundial de Biodiversidad de Kunming-Montreal"
        )
    with translation.override("fr"):
        assert translation.gettext("National focal point") == "Point focal national"


@pytest.mark.django_db
def test_vocabulary_objects_display_in_the_active_language():
    from clearinghouse.core.models import Ecosystem, Region, SupportType, Target, Topic

    with translation.override("ru"):
        assert str(Region.objects.get(code="GRULAC")) == "Латинская Америка и Карибский бассейн"
        assert str(Ecosystem.objects.get(code="wetlands")) == "Водно-болотные угодья"
        assert str(SupportType.objects.get(code="training")) == "Обучение"
        assert str(Topic.objects.get(slug="invasive-species")) == "Инвазивные чужеродные виды"
        assert (
            str(Target.objects.get(framework="GBF", number=3))
            == "Целевая задача 3 Глобальной рамочной программы"
        )
    with translation.override("en"):
        assert str(Topic.objects.get(slug="invasive-species")) == "Invasive alien species"


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("fr", "Conserver 30 % des terres, des eaux et des mers"),
        ("es", "Conservar el 30 % de las tierras, las aguas y los mares"),
        ("ru", "Сохранить 30 % суши, вод и морей"),
        ("ar", "حفظ 30 في المائة من الأراضي والمياه والبحار"),
        ("zh-hans", "保护30%的陆地、水域和海洋"),
    ],
)
@pytest.mark.django_db
def test_gbf_target_titles_are_shown_in_the_visitors_language(client, lang, title):
    body = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert title in body
    assert "Conserve 30% of land, waters and seas" not in body


@pytest.mark.django_db
def test_every_target_has_a_short_title_in_each_language():
    from clearinghouse.core.models import Target

    targets = list(Target.objects.all())
    assert len(targets) == 23 + 20  # GBF and Aichi
    for lang in ("ar", "es", "fr", "ru", "zh-hans"):
        for target in targets:
            assert target.title_local(lang) != target.title, (lang, target.code)
    assert targets[0].title_local("en") == targets[0].title
    assert targets[0].title_local("pt") == targets[0].title  # no translation: the English title
