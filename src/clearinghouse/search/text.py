"""Text helpers shared by indexing and querying: CJK bigrams, query parsing, highlighting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    text: str  # a word, a phrase (words joined by spaces) or a CJK run
    phrase: bool = False
    cjk: bool = False

    @property
    def cjk_bigrams(self) -> list[str]:
        return bigrams(self.text)


@dataclass
class ParsedQuery:
    raw: str
    terms: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def has_cjk(self) -> bool:
        return any(t.cjk for t in self.terms)

    @property
    def plain_words(self) -> list[str]:
        """Every non-CJK word and every CJK run, for Python-side highlighting."""
        out: list[str] = []
        for t in self.terms:
            out.extend([t.text] if t.cjk else t.text.split())
        return out


def _split_cjk(word: str) -> list[Term]:
    """A \\w+ token may mix scripts ("GBF目标"): CJK runs become CJK terms."""
    out: list[Term] = []
    pos = 0
    for m in CJK_RUN.finditer(word):
        if m.start() > pos:
            out.append(Term(word[pos : m.start()]))
        out.append(Term(m.group(), cjk=True))
        pos = m.end()
    if pos < len(word):
        out.append(Term(word[pos:]))
    return out


def parse_query(raw: str) -> ParsedQuery:
    """Words (all required by default) and "quoted phrases"; operators are not interpreted,
    so nothing a user types can break the full-text syntax of either backend."""
    raw = clean(raw or "")[:MAX_QUERY_CHARS].strip()
    terms: list[Term] = []
    parts = re.split(r'"([^"]*)"', raw)  # odd items were inside quotes
    for i, part in enumerate(parts):
        words = WORD.findall(part.replace("_", " "))
        if i % 2 == 1 and len(words) > 1:
            sub: list[str] = []
            for w in words:
                for t in _split_cjk(w):
                    if t.cjk:
                        if sub:
                            terms.append(Term(" ".join(sub).lower(), phrase=True))
                            sub = []
                        terms.append(t)
                    else:
                        sub.append(t.text)
            if sub:
                terms.append(Term(" ".join(sub).lower(), phrase=len(sub) > 1))
        else:
            for w in words:
                for t in _split_cjk(w):
                    terms.append(t if t.cjk else Term(t.text.lower()))
    seen: set[tuple[str, bool]] = set()
    unique = []
    for t in terms:
        key = (t.text, t.phrase)
        if key not in seen:
            seen.add(key)
            unique.append(t)
    return ParsedQuery(raw=raw, terms=unique[:MAX_TERMS])


def markers_to_html(text: str) -> str:
    """Escape text, then turn the highlight markers into <mark> tags (and nothing else)."""
    out = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    # An unbalanced marker (snippet cut inside a match) must not leave a tag open.
    if out.count("<mark>") != out.count("</mark>"):
        out = out.replace("<mark>", "").replace("</mark>", "")
    return out


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
