#!/usr/bin/env python
"""Keep the interface translations (``src/clearinghouse/locale``) complete.

Workflow, from the repository root::

    # 1. extract new strings (from src/clearinghouse)
    clearinghouse makemessages -l ar -l es -l fr -l ru -l zh_Hans --ignore 'static/vendor/*' --no-location
    # 2. fill every entry the translation memory already knows; list what is left
    .venv/bin/python scripts/translate_po.py pending   # -> $TMPDIR/clearinghouse-i18n/pending.json
    # 3. write fr.json = {"<id>": "translation" | ["form0", "form1", ...]} (or fr.txt, see read_translations)
    .venv/bin/python scripts/translate_po.py apply fr fr.json
    # 4. check and compile
    .venv/bin/python scripts/translate_po.py check
    clearinghouse compilemessages

The translation memory is ``locale/<lang>/memory.json``: ``{key: msgstr | [plural forms]}`` where the key is
the msgid, prefixed with ``msgctxt + "\\x04"`` when the entry has a context and followed by ``"\\x00" +
msgid_plural`` for plural entries.  Entries that ``makemessages`` marks fuzzy are re-translated (the memory
is consulted for the exact new msgid only) and the fuzzy flag is removed.

Needs ``polib`` (dev dependency).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "clearinghouse" / "locale"
LANGS = ["ar", "es", "fr", "ru", "zh_Hans"]
WORK = Path(tempfile.gettempdir()) / "clearinghouse-i18n"  # pending lists (not part of the repo)

# Plural rules we keep in the headers (makemessages keeps an existing header on later runs).
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 && n%100<=99 ? 4 : 5;",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "zh_Hans": "nplurals=1; plural=0;",
}
LANGUAGE_NAMES = {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "zh_Hans": "zh_Hans"}

PLACEHOLDER_RE = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %(name)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %s %d
    r"|\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}"  # {name}
    r"|\{\}"
)
TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")


def placeholders(text: str) -> list[str]:
    """Sorted list of %-style/str.format placeholders and HTML tags in ``text`` (``%%`` ignored)."""
    text = text.replace("%%", "")
    return sorted(PLACEHOLDER_RE.findall(text) + TAG_RE.findall(text))


def nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def key_of(entry: polib.POEntry) -> str:
    key = entry.msgid
    if entry.msgctxt:
        key = f"{entry.msgctxt}\x04{key}"
    if entry.msgid_plural:
        key = f"{key}\x00{entry.msgid_plural}"
    return key


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def memory_path(lang: str) -> Path:
    return LOCALE / lang / "memory.json"


def load_memory(lang: str) -> dict[str, str | list[str]]:
    path = memory_path(lang)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_memory(lang: str, memory: dict[str, str | list[str]]) -> None:
    text = json.dumps(dict(sorted(memory.items())), ensure_ascii=False, indent=1)
    memory_path(lang).write_text(text + "\n", encoding="utf-8")


def needs_work(entry: polib.POEntry) -> bool:
    if entry.obsolete:
        return False
    if "fuzzy" in entry.flags:
        return True
    if entry.msgid_plural:
        return not all(entry.msgstr_plural.values())
    return not entry.msgstr


def fix_header(po: polib.POFile, lang: str) -> None:
    po.metadata["Project-Id-Version"] = "clearinghouse"
    po.metadata["Language"] = LANGUAGE_NAMES[lang]
    po.metadata["Language-Team"] = f"clearinghouse {lang}"
    po.metadata["Last-Translator"] = "clearinghouse translators"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = PLURAL_FORMS[lang]
    po.metadata_is_fuzzy = False
    po.header = "Interface translations of clearinghouse.\nThis file is distributed under the same license as the clearinghouse package."


def valid(entry: polib.POEntry, value: str | list[str], n: int) -> str | None:
    """Return an error message if ``value`` cannot be the translation of ``entry``."""
    if entry.msgid_plural:
        if not isinstance(value, list) or len(value) != n:
            return f"needs {n} plural forms"
        # Each form must keep the named placeholders of the plural msgid (the count may be omitted
        # in a form used for one item only, e.g. fr/ru/ar singular forms).
        expected = set(placeholders(entry.msgid_plural)) | set(placeholders(entry.msgid))
        for form in value:
            extra = set(placeholders(form)) - expected
            if extra:
                return f"unknown placeholders {sorted(extra)}"
        named = {p for p in placeholders(entry.msgid_plural) if p.startswith("%(") or p.startswith("{")}
        if not named <= set(placeholders(value[-1])):
            return f"last plural form lacks {sorted(named)}"
        return None
    if not isinstance(value, str) or not value:
        return "empty"
    if placeholders(value) != placeholders(entry.msgid):
        return f"placeholders {placeholders(value)} != {placeholders(entry.msgid)}"
    return None


def fill(
    po: polib.POFile, lang: str, memory: dict, force: set[str] = frozenset()
) -> tuple[int, list[polib.POEntry]]:
    """Fill entries from memory (also translated ones whose key is in ``force``); return (filled, missing)."""
    filled, missing, n = 0, [], nplurals(po)
    for entry in po:
        if not needs_work(entry) and key_of(entry) not in force:
            continue
        value = memory.get(key_of(entry))
        if value is None or valid(entry, value, n):
            missing.append(entry)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(value))
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
    return filled, missing


def cmd_pending(args: argparse.Namespace) -> int:
    pending: dict[str, dict] = {}
    for lang in args.langs:
        po = polib.pofile(str(po_path(lang)), wrapwidth=0)
        fix_header(po, lang)
        memory = load_memory(lang)
        # Learn translations already present in the .po (e.g. edited by hand) into the memory.
        for entry in po.translated_entries():
            if entry.msgid_plural:
                memory.setdefault(
                    key_of(entry), [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
                )
            else:
                memory.setdefault(key_of(entry), entry.msgstr)
        save_memory(lang, memory)
        # Strings no longer in the code: their translation stays in the memory, not in the catalogue.
        for entry in [e for e in po if e.obsolete]:
            po.remove(entry)
        filled, missing = fill(po, lang, memory)
        po.save()
        print(f"{lang}: {filled} filled from memory, {len(missing)} to translate", file=sys.stderr)
        for entry in missing:
            item = pending.setdefault(key_of(entry), {"msgid": entry.msgid, "langs": []})
            if entry.msgctxt:
                item["context"] = entry.msgctxt
            if entry.msgid_plural:
                item["plural"] = entry.msgid_plural
            if entry.previous_msgid:
                item["previous"] = entry.previous_msgid
            item["langs"].append(lang)
    numbered = {str(i): item for i, item in enumerate(pending.values(), 1)}
    keys = {str(i): key for i, key in enumerate(pending, 1)}
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(numbered, ensure_ascii=False, indent=1), encoding="utf-8")
    out.with_suffix(".keys.json").write_text(json.dumps(keys, ensure_ascii=False), encoding="utf-8")
    print(f"{len(numbered)} strings pending -> {out}", file=sys.stderr)
    return 0


FRENCH_SPACING = [
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
    (" :", "\u00a0:"),
    (" ;", "\u202f;"),
    (" ?", "\u202f?"),
    (" !", "\u202f!"),
]


def read_translations(path: Path, lang: str) -> dict[str, str | list[str]]:
    """Read ``{id: text | [forms]}`` from JSON, or from a text file of ``id text[ ‖ form...]`` lines.

    In the text form ``\\n`` stands for a line break, and texts separated by `` ‖ `` are plural forms.
    French typographic spaces (before : ; ? ! and inside « ») are made non-breaking.
    """
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        given = json.loads(text)
    else:
        given = {}
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            ident, rest = line.split(maxsplit=1)
            forms = [f.replace("\\n", "\n") for f in rest.split(" \u2016 ")]
            given[ident.strip()] = forms if len(forms) > 1 else forms[0]
    if lang == "fr":

        def space(s: str) -> str:
            for a, b in FRENCH_SPACING:
                s = s.replace(a, b)
            return s

        given = {k: [space(f) for f in v] if isinstance(v, list) else space(v) for k, v in given.items()}
    return given


def cmd_apply(args: argparse.Namespace) -> int:
    keys = json.loads(Path(args.keys).read_text(encoding="utf-8"))
    given = read_translations(Path(args.file), args.lang)
    po = polib.pofile(str(po_path(args.lang)), wrapwidth=0)
    by_key = {key_of(e): e for e in po if not e.obsolete}
    memory = load_memory(args.lang)
    n, errors, force = nplurals(po), 0, set()
    for ident, value in given.items():
        key = keys.get(ident)
        entry = by_key.get(key) if key else None
        if entry is None:
            print(f"{args.lang} #{ident}: unknown id", file=sys.stderr)
            errors += 1
            continue
        if entry.msgid_plural and isinstance(value, str):
            value = [value]
        problem = valid(entry, value, n)
        if problem:
            print(f"{args.lang} #{ident} {entry.msgid!r}: {problem}", file=sys.stderr)
            errors += 1
            continue
        memory[key] = value
        force.add(key)
    save_memory(args.lang, memory)
    fix_header(po, args.lang)
    filled, missing = fill(po, args.lang, memory, force)
    po.save()
    print(f"{args.lang}: {filled} filled, {len(missing)} still missing, {errors} rejected", file=sys.stderr)
    return 1 if errors else 0


def cmd_check(args: argparse.Namespace) -> int:
    bad = 0
    for lang in args.langs:
        po = polib.pofile(str(po_path(lang)), wrapwidth=0)
        n = nplurals(po)
        todo = [e for e in po if needs_work(e)]
        wrong = [
            (e, p)
            for e in po
            if not e.obsolete and not needs_work(e)
            for p in [
                valid(
                    e,
                    [e.msgstr_plural[i] for i in sorted(e.msgstr_plural)] if e.msgid_plural else e.msgstr,
                    n,
                )
            ]
            if p
        ]
        live = [e for e in po if not e.obsolete]
        print(f"{lang}: {len(live)} entries, {len(todo)} untranslated/fuzzy, {len(wrong)} invalid")
        for entry, problem in wrong:
            print(f"  {entry.msgid!r}: {problem}")
        bad += len(todo) + len(wrong)
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pending", help="fill from memory and list untranslated strings")
    p.add_argument("-o", "--output", default=str(WORK / "pending.json"))
    p.add_argument("--langs", nargs="+", default=LANGS)
    a = sub.add_parser("apply", help="merge a JSON of translations for one language")
    a.add_argument("lang", choices=LANGS)
    a.add_argument("file")
    a.add_argument("--keys", default=str(WORK / "pending.keys.json"))
    c = sub.add_parser("check", help="report untranslated, fuzzy and invalid entries")
    c.add_argument("--langs", nargs="+", default=LANGS)
    args = parser.parse_args()
    return {"pending": cmd_pending, "apply": cmd_apply, "check": cmd_check}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
