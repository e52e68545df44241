"""Per-language text analysis: the query's language, stop words, stems.

One analyser serves indexing (SQLite: the ``stems_*`` columns FTS5 indexes), querying
(both backends) and highlighting (both backends), so what is highlighted is exactly
what matched, and a stop word is never a term of a query, never highlighted.

- Stop words: the Snowball lists for en, fr, es, ru, pt (as PostgreSQL ships them),
  short lists for ar and zh (``data/stopwords-*.txt``).
- Stems: Snowball (PyStemmer) for en, fr, es, ru, pt and ar, after a light Arabic
  normalisation (diacritics, tatweel, alef forms); stems are then folded (lower case,
  accents removed), as FTS5's ``remove_diacritics`` would. The Arabic stemmer strips
  some prefixes and not others, so an Arabic query word also matches the stems of its
  forms with and without the proclitics و ف ب ل ك and the article (``arabic_forms``).
- Chinese: a query is cut into words with ``jieba`` (stop words dropped); the index
  keeps character bigrams (``text.cjk_bigram_text``), and each query word is a phrase
  of bigrams.
- The language of a text: its script (Arabic, Cyrillic, CJK), else the language whose
  stop words and letters it uses most (en, fr, es, pt), else the hint (the page's language).
  Latin-script query words are stemmed the way of every Latin language and any of those
  stems matches: a Spanish word typed on an English page still finds Spanish records.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh", "pt")
LATIN = ("en", "fr", "es", "pt")
STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "pt": "portuguese", "ar": "arabic"}

WORD = re.compile(r"\w+", re.UNICODE)
CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
CJK = re.compile(f"[{CJK_CLASS}]")
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")  # harakat, tatweel
ARABIC_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
# Letters that tell Latin languages apart when there are too few stop words to count.
LETTERS = {"fr": "èêëàâçœîïûù", "es": "ñ¿¡", "pt": "ãõç", "en": ""}

_local = threading.local()  # PyStemmer objects are not thread-safe: one set per thread


@cache
def stop_words(lang: str) -> frozenset[str]:
    try:
        text = resources.files("clearinghouse.search").joinpath(f"data/stopwords-{lang}.txt").read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(normalise(w.strip(), lang) for w in text.splitlines() if w.strip())


def _stemmer(lang: str):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if lang not in stemmers:
        import Stemmer

        stemmers[lang] = Stemmer.Stemmer(STEMMERS[lang]) if lang in STEMMERS else None
    return stemmers[lang]


def fold(word: str) -> str:
    """Lower case without accents (Latin, Cyrillic й/ё kept distinct from и/е as FTS5 folds them)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(word: str, lang: str) -> str:
    """Lower case; Arabic without diacritics and with one alef (before stemming)."""
    word = word.lower()
    if lang == "ar" or ARABIC.search(word):
        word = ARABIC_MARKS.sub("", word).translate(ARABIC_FORMS)
    return word


def word_language(word: str, fallback: str) -> str:
    if ARABIC.search(word):
        return "ar"
    if CYRILLIC.search(word):
        return "ru"
    if CJK.search(word):
        return "zh"
    return fallback if fallback in LATIN else "en"


@lru_cache(maxsize=50_000)
def stem(word: str, lang: str) -> str:
    """The indexed form of one (normalised) word in ``lang``: its stem, folded.

    Remembered: a results page marks the query's words in its 20 titles and snippets by stemming each of
    their words in every language of the query (2,700 calls a page, a third of its time at a million
    records), and the same few thousand words come back from page to page."""
    lang = word_language(word, lang)
    stemmer = _stemmer(lang)
    return fold(stemmer.stemWord(word) if stemmer is not None else word)


def is_stop(word: str, lang: str) -> bool:
    return normalise(word, lang) in stop_words(word_language(word, lang))


def detect_language(text: str, hint: str = "en") -> tuple[str, bool]:
    """``(language, sure)``: by script, then by stop words and letters; ``sure`` is False when
    the text gave no evidence and the hint (or English) was taken."""
    text = text or ""
    counts = {"ar": len(ARABIC.findall(text)), "ru": len(CYRILLIC.findall(text)), "zh": len(CJK.findall(text))}
    script = max(counts, key=counts.get)
    latin_letters = sum(1 for c in text if c.isalpha()) - sum(counts.values())
    if counts[script] and counts[script] >= latin_letters:
        return script, True
    words = [w.lower() for w in WORD.findall(text)]
    scores = {lang: 0.0 for lang in LATIN}
    for lang in LATIN:
        stops = stop_words(lang)
        scores[lang] += sum(1 for w in words if w in stops)
        scores[lang] += 0.5 * sum(1 for c in text.lower() if c in LETTERS[lang])
    best = max(scores.values())
    if best <= 0:
        return (hint if hint in LATIN else "en"), False
    leaders = [lang for lang, s in scores.items() if s == best]
    if hint in leaders:
        return hint, True
    return ("en" if "en" in leaders else leaders[0]), True


def analyse(text: str, lang: str) -> str:
    """Space-separated stems of ``text`` (not its CJK runs: those are bigrammed apart), without stop
    words. Each line is analysed in its own language (bodies hold the original and translations)."""
    if not text:
        return ""
    out: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        line_lang = detect_language(line, lang)[0] if len(line) > 12 else lang
        stops_cache: dict[str, frozenset] = {}
        for raw in WORD.findall(line.replace("_", " ")):
            if CJK.search(raw):
                continue
            wlang = word_language(raw, line_lang)
            word = normalise(raw, wlang)
            stops = stops_cache.get(wlang)
            if stops is None:
                stops = stops_cache[wlang] = stop_words(wlang)
            if word in stops:
                continue
            out.append(stem(word, wlang))
    return " ".join(out)


@dataclass(frozen=True)
class QueryWord:
    surface: str  # as typed (lower case)
    stems: tuple[str, ...]  # any of these matches (one per plausible language), most likely first
    cjk: bool = False  # a Chinese word: matched as a phrase of character bigrams


def query_languages(lang: str, sure: bool) -> tuple[str, ...]:
    if lang in LATIN:
        return (lang, *[x for x in LATIN if x != lang])
    return (lang,)


# Arabic proclitics: "and", "so", "with/by", "for", "like", alone or before the article. The Snowball
# stemmer removes some of these forms and not others (لتمويل and والتمويل stay whole, while بالتمويل
# becomes تمويل), and it cuts suffixes differently with and without the article (حيوانات -> حيوانا,
# الحيوانات -> حيوان; بذور -> ذور, البذور -> بذور).
ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
ARABIC_ARTICLE_PROCLITICS = ("وال", "فال", "بال", "كال", "لل")


def arabic_forms(word: str) -> tuple[str, ...]:
    """The written forms of an Arabic query word under which the index may hold it: the word, the
    word without a proclitic, with the article, and with each proclitic. Their stems together match
    the records whatever prefix their text gives the word (query expansion, as light stemmers that
    strip these prefixes would at index time, without re-indexing)."""
    word = normalise(word, "ar")
    base = word
    for prefix in (*ARABIC_ARTICLE_PROCLITICS, "ال"):
        if base.startswith(prefix) and len(base) - len(prefix) >= 2:
            base = base[len(prefix):]
            break
    else:
        if base[:1] in ARABIC_PROCLITICS and len(base) >= 5:  # not بحر, not بذور: a root letter there
            base = base[1:]
    forms = [word, base, "ال" + base, *(p + base for p in ARABIC_PROCLITICS),
             *(p + base for p in ARABIC_ARTICLE_PROCLITICS)]
    return tuple(dict.fromkeys(forms))


def stems_for(word: str, langs: tuple[str, ...]) -> tuple[str, ...]:
    wlang = word_language(word, langs[0])
    if wlang == "ar":
        return tuple(dict.fromkeys(stem(form, "ar") for form in arabic_forms(word)))
    if wlang not in LATIN:
        return (stem(normalise(word, wlang), wlang),)
    return tuple(dict.fromkeys(stem(normalise(word, x), x) for x in (wlang, *langs) if x in LATIN))


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def cut_chinese(run: str) -> list[str]:
    """Words of a Chinese run (``jieba``), stop words dropped; the run itself if nothing is left."""
    if len(run) <= 2:
        return [run]
    stops = stop_words("zh")
    words = [w for w in _jieba().lcut(run) if w.strip() and w not in stops]
    return words or [run]


def split_query_words(words: list[str], lang: str, sure: bool) -> list[str]:
    """Drop stop words (of the query's language; of any Latin language when it is unsure),
    unless every word is one: then keep them all (a search for "the who" still searches)."""
    if sure or lang not in LATIN:
        kept = [w for w in words if not is_stop(w, lang)]
    else:
        kept = [w for w in words if not any(is_stop(w, x) for x in LATIN)]
    return kept or words


def highlight_stems(text_lang: str, query_stems: set[str], langs: tuple[str, ...]):
    """A predicate: does this word of a text in ``text_lang`` match one of the query's stems? One per
    language and query, which remembers its answers (a page's titles and snippets repeat their words)."""
    return _highlight_stems(text_lang, frozenset(query_stems), tuple(langs))


@lru_cache(maxsize=32)
def _highlight_stems(text_lang: str, query_stems: frozenset[str], langs: tuple[str, ...]):
    @lru_cache(maxsize=4096)
    def matches(raw: str) -> bool:
        return not query_stems.isdisjoint(_word_forms(raw, text_lang, langs))

    return matches


@lru_cache(maxsize=100_000)
def _word_forms(raw: str, text_lang: str, langs: tuple[str, ...]) -> frozenset[str]:
    """The stems a word of a text in ``text_lang`` may be matched by, for a query in ``langs``: in its own
    language, and in each of ``langs`` it may belong to; none for a stop word. Kept across queries: the
    words of result pages recur, and finding them again was most of the time of highlighting a page."""
    wlang = word_language(raw, text_lang)
    word = normalise(raw, wlang)
    if word in stop_words(wlang):
        return frozenset()
    forms = {stem(word, wlang)}
    forms.update(stem(word, x) for x in langs if x != wlang and word_language(raw, x) == x)
    return frozenset(forms)


@dataclass(frozen=True)
class Synonym:
    language: str
    word: str  # as written in the thesaurus
    stem: str  # as the index holds it (the word itself for CJK: matched as bigrams)

    @property
    def cjk(self) -> bool:
        return self.language == "zh" or bool(CJK.search(self.word))


@cache
def thesaurus() -> tuple[dict[str, tuple[int, ...]], tuple[tuple[Synonym, ...], ...]]:
    """``(key -> concept numbers, concepts)`` from ``data/thesaurus.txt``; a key is a word's stem
    in its own language (a CJK word as written)."""
    text = resources.files("clearinghouse.search").joinpath("data/thesaurus.txt").read_text("utf-8")
    concepts: list[tuple[Synonym, ...]] = []
    keys: dict[str, set[int]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        _name, _sep, spec = line.partition("|")
        entries: list[Synonym] = []
        for part in spec.split(";"):
            lang, _eq, words = part.partition("=")
            for word in (w.strip() for w in words.split(",")):
                if not word:
                    continue
                is_cjk = bool(CJK.search(word))
                key = word if is_cjk else stem(normalise(word, lang), lang)
                entries.append(Synonym(lang.strip(), word, key))
        number = len(concepts)
        concepts.append(tuple(dict.fromkeys(entries)))
        for entry in entries:
            keys.setdefault(entry.stem, set()).add(number)
    return {k: tuple(sorted(v)) for k, v in keys.items()}, tuple(concepts)


def synonyms(keys: tuple[str, ...]) -> tuple[Synonym, ...]:
    """The words, in every language, of the concepts one of ``keys`` (a query word's stems, or a
    CJK word) belongs to; empty when it is in none."""
    index, concepts = thesaurus()
    numbers = sorted({n for k in keys for n in index.get(k, ())})
    out = [s for n in numbers for s in concepts[n] if s.stem not in keys]
    return tuple(dict.fromkeys(out))
