"""Text helpers shared by indexing and querying: CJK bigrams, query parsing, highlighting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import escape

CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
WORD = re.compile(r"\w+", re.UNICODE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_TERMS = 12
MAX_QUERY_CHARS = 300

# Markers that delimit highlighted spans inside snippets before HTML escaping.
MARK_START, MARK_END = "\x01", "\x02"


def clean(text: str) -> str:
    """Text as indexed: without control characters (the highlight markers among them)."""
    return CONTROL.sub(" ", text or "")


def bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_bigram_text(text: str) -> str:
    """Every CJK run of ``text`` as space-separated character bigrams ("生物多样" → "生物 物多 多样")."""
    return " ".join(" ".join(bigrams(run)) for run in CJK_RUN.findall(text or ""))


@dataclass
class Term:
    text: str  # a word, a phrase (words joined by spaces) or a CJK word, as typed (lower case)
    phrase: bool = False
    cjk: bool = False
    # What the index holds for it: per word, the stems any of which matches (one per plausible
    # language); empty for CJK terms (matched as bigrams).
    stems: tuple[tuple[str, ...], ...] = ()
    # The same concept in other languages (``analysis.thesaurus``), any of which also matches.
    synonyms: tuple = ()

    @property
    def cjk_bigrams(self) -> list[str]:
        return bigrams(self.text)

    def stem_phrases(self) -> list[str]:
        """The term as stems, one space-joined alternative per language position."""
        if not self.stems:
            return [self.text]
        width = max(len(alts) for alts in self.stems)
        return list(dict.fromkeys(" ".join(alts[min(i, len(alts) - 1)] for alts in self.stems) for i in range(width)))


@dataclass
class ParsedQuery:
    raw: str
    terms: list[Term] = field(default_factory=list)
    language: str = "en"  # the query's language (detected, else the page's)
    languages: tuple[str, ...] = ("en",)  # the languages its words are stemmed in, most likely first
    strict: bool = False  # every term required, even from three to five (see ``groups``)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def has_cjk(self) -> bool:
        return any(t.cjk for t in self.terms)

    @property
    def plain_words(self) -> list[str]:
        """Every non-CJK word and every CJK word, as typed (stop words excluded)."""
        out: list[str] = []
        for t in self.terms:
            out.extend([t.text] if t.cjk else t.text.split())
        return out

    def groups(self, *, any_word: bool = False) -> list[list[int]]:
        """Which terms a document must all have, for one of these groups to match it: every term;
        any one (``any_word``); and from three to five terms, all but one (so that a query word
        a record does not use, "forests" of "mangrove forests restoration", does not hide it: those
        with every word rank first, having more of them)."""
        n = len(self.terms)
        if any_word:
            return [[i] for i in range(n)]
        if 3 <= n <= 5 and not self.strict:
            return [[j for j in range(n) if j != i] for i in range(n)]
        return [list(range(n))]

    def without_synonyms(self) -> ParsedQuery:
        return ParsedQuery(raw=self.raw, terms=[Term(t.text, t.phrase, t.cjk, t.stems) for t in self.terms],
                           language=self.language, languages=self.languages, strict=self.strict)

    # Read for every text a result page highlights: worked out once (a query's terms do not change).
    @cached_property
    def stem_set(self) -> frozenset[str]:
        out = {s for t in self.terms for alts in t.stems for s in alts}
        out.update(s.stem for t in self.terms for s in t.synonyms if not s.cjk)
        return frozenset(out)

    @cached_property
    def cjk_words(self) -> list[str]:
        return [t.text for t in self.terms if t.cjk] + [s.word for t in self.terms for s in t.synonyms if s.cjk]


def _split_cjk(word: str) -> list[Term]:
    """A \\w+ token may mix scripts ("GBF目标"): CJK runs become CJK terms (cut into words)."""
    from .analysis import cut_chinese

    out: list[Term] = []
    pos = 0
    for m in CJK_RUN.finditer(word):
        if m.start() > pos:
            out.append(Term(word[pos : m.start()]))
        out.extend(Term(w, cjk=True) for w in cut_chinese(m.group()))
        pos = m.end()
    if pos < len(word):
        out.append(Term(word[pos:]))
    return out


def parse_query(raw: str, language: str = "en") -> ParsedQuery:
    """Words (all required by default) and "quoted phrases"; operators are not interpreted,
    so nothing a user types can break the full-text syntax of either backend.

    The query's language is detected from its text (``language``, the page's, when the text
    does not tell); its stop words are dropped (unless the query is nothing else) and each
    word carries its stems (see ``analysis``)."""
    from .analysis import detect_language, query_languages, split_query_words, stems_for, synonyms

    raw = clean(raw or "")[:MAX_QUERY_CHARS].strip()
    lang, sure = detect_language(raw.replace('"', " "), language)
    langs = query_languages(lang, sure)
    all_words = [w.lower() for w in WORD.findall(raw.replace("_", " ").replace('"', " ")) if not CJK_RUN.search(w)]
    keep = set(split_query_words(all_words, lang, sure))

    def word_term(text: str) -> Term:
        stems = stems_for(text, langs)
        return Term(text, stems=(stems,), synonyms=synonyms(stems))

    terms: list[Term] = []
    parts = re.split(r'"([^"]*)"', raw)  # odd items were inside quotes
    for i, part in enumerate(parts):
        words = WORD.findall(part.replace("_", " "))
        if i % 2 == 1 and len(words) > 1:
            sub: list[str] = []

            def flush(sub: list[str] = sub) -> None:
                kept = [w for w in sub if w in keep]
                if len(kept) > 1:
                    terms.append(Term(" ".join(kept), phrase=True, stems=tuple(stems_for(w, langs) for w in kept)))
                elif kept:
                    terms.append(word_term(kept[0]))
                sub.clear()

            for w in words:
                for t in _split_cjk(w):
                    if t.cjk:
                        flush()
                        terms.append(t)
                    else:
                        sub.append(t.text.lower())
            flush()
        else:
            for w in words:
                for t in _split_cjk(w):
                    if t.cjk:
                        terms.append(Term(t.text, cjk=True, synonyms=synonyms((t.text,))))
                    elif t.text.lower() in keep:
                        terms.append(word_term(t.text.lower()))
    seen: set[tuple] = set()
    unique = []
    for t in terms:
        key = (t.stems or t.text, t.phrase)
        if key not in seen:
            seen.add(key)
            unique.append(t)
    return ParsedQuery(raw=raw, terms=unique[:MAX_TERMS], language=lang, languages=langs)


def markers_to_html(text: str) -> str:
    """Escape text, then turn the highlight markers into <mark> tags (and nothing else)."""
    out = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    # An unbalanced marker (snippet cut inside a match) must not leave a tag open.
    if out.count("<mark>") != out.count("</mark>"):
        out = out.replace("<mark>", "").replace("</mark>", "")
    return out


def highlight_query(text: str, query: ParsedQuery | None, language: str, *, window: int = 0) -> str:
    """Mark the words of ``text`` (in ``language``) that match the query as the index does: by
    stem, never a stop word; CJK words wherever they occur. Escaped; with ``window``, a fragment
    of about that many characters around the first match."""
    from .analysis import highlight_stems

    text = clean(text)
    spans: list[tuple[int, int]] = []
    windowed = bool(window) and len(text) > window
    if query:
        for word in query.cjk_words:
            spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(word), text))
        first = min((s for s, _e in spans), default=None)
        matches = highlight_stems(language, query.stem_set, query.languages)
        has_cjk = CJK_RUN.search(text) is not None  # else no word needs the test
        for m in WORD.finditer(text):
            if windowed and first is not None and m.start() >= max(0, first - window // 3) + window:
                break  # past the fragment shown: a long body is not read to its end
            if not (has_cjk and CJK_RUN.search(m.group())) and matches(m.group()):
                spans.append(m.span())
                first = m.start() if first is None else min(first, m.start())
    spans.sort()
    start, end = 0, len(text)
    if window and len(text) > window:
        first = spans[0][0] if spans else 0
        start = max(0, first - window // 3)
        end = min(len(text), start + window)
    out, pos = [], start
    for s, e in spans:
        if s < pos or e > end:
            continue
        out.append(text[pos:s])
        out.append(f"{MARK_START}{text[s:e]}{MARK_END}")
        pos = e
    out.append(text[pos:end])
    marked = ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")
    return markers_to_html(marked)


def highlight_python(text: str, words: list[str], *, window: int = 0) -> str:
    """Mark the words in ``text`` (case-insensitive), escaped; with ``window``, cut a
    fragment of about that many characters around the first match."""
    text = clean(text)
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return escape(text[:window] + ("…" if window and len(text) > window else "")) if window else escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    if window and len(text) > window:
        m = pattern.search(text)
        start = max(0, (m.start() if m else 0) - window // 3)
        fragment = text[start : start + window]
        text = ("…" if start else "") + fragment + ("…" if start + window < len(text) else "")
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group()}{MARK_END}", text)
    return markers_to_html(marked)
