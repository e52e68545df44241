"""Text normalisation, tokenisation and concept spotting for seven languages."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from .vocab import CONCEPTS

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENT_SPLIT = re.compile(r"(?<=[.!?;])\s+|(?<=[。！？；؟])")
_AR_MAP = str.maketrans({"ى": "ي", "ـ": None})

STOPWORDS = frozenset(
    """a an the and or of to in on for with by from at as is are be been we our us it its this that
    these those can will would also which who have has had not no more other such their they them
    into about than but so all any each very le la les de des du un une et ou en au aux pour par avec
    sur dans nous notre nos est sont ce cette ces qui que il elle ils leur leurs se sa son ses pas
    el los las del una unos unas y o para con por sobre en nuestro nuestra nuestros es son este esta
    estos estas que se su sus lo al como mas o os as da do das dos um uma para com por em no na nos
    nas nosso nossa e sao este esta seu sua que de и в во на с со по для к от из за о об что это
    мы наш наша наши не как а также или""".split()
)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, strip accents and diacritics, unify Arabic letter variants."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().translate(_AR_MAP)


def script_of(term: str) -> str:
    """``cjk``, ``arabic`` or ``word`` (Latin/Cyrillic, word-bounded)."""
    if _CJK.search(term):
        return "cjk"
    if _ARABIC.search(term):
        return "arabic"
    return "word"


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences (Latin, Cyrillic, Arabic and CJK punctuation)."""
    parts = [p.strip() for p in _SENT_SPLIT.split(text or "")]
    return [p for p in parts if len(p) > 2]


def _stem(word: str) -> str:
    if len(word) > 3 and word.startswith(("وال", "بال", "فال", "كال")):
        word = word[3:]
    elif len(word) > 3 and word.startswith(("ال", "لل")):
        word = word[2:]
    return word[:6]


def tokens(text: str) -> list[str]:
    """Keyword tokens: folded words cut to 6 characters, CJK character bigrams."""
    out: list[str] = []
    for word in _WORD.findall(normalise(text)):
        if _CJK.search(word):
            chars = [c for c in word if _CJK.match(c)]
            out.extend(a + b for a, b in zip(chars, chars[1:], strict=False))
            continue
        if len(word) < 3 or word in STOPWORDS:
            continue
        out.append(_stem(word))
    return out


class ConceptSpotter:
    """Finds vocabulary concepts in text in any of the supported languages."""

    def __init__(self) -> None:
        self._by_prefix: dict[str, list[tuple[tuple[tuple[str, bool], ...], str]]] = {}
        self._short: dict[str, list[tuple[tuple[tuple[str, bool], ...], str]]] = {}
        self._substr: list[tuple[str, str]] = []
        for concept in CONCEPTS.values():
            for term in concept.terms:
                norm = normalise(term)
                if script_of(norm) != "word":
                    self._substr.append((norm, concept.id))
                    continue
                words = []
                for raw in re.split(r"[^\w=]+", norm):
                    if not raw:
                        continue
                    exact = raw.endswith("=")
                    words.append((raw.rstrip("="), exact))
                if not words:
                    continue
                first = words[0][0]
                table = self._by_prefix if len(first) >= 3 else self._short
                table.setdefault(first[:3], []).append((tuple(words), concept.id))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, concept_id)`` character spans in the normalised text."""
        norm = normalise(text)
        found: list[tuple[int, int, str]] = []
        words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(norm)]
        for i, (word, start, _end) in enumerate(words):
            cands = self._by_prefix.get(word[:3], [])
            if self._short and (word[:2] in self._short or word[:1] in self._short):
                cands = cands + self._short.get(word[:2], []) + self._short.get(word[:1], [])
            for seq, cid in cands:
                if i + len(seq) > len(words):
                    continue
                ok = True
                for (stem, exact), (w, _s, _e) in zip(seq, words[i : i + len(seq)], strict=False):
                    if (exact and w != stem) or (not exact and not w.startswith(stem)):
                        ok = False
                        break
                if ok:
                    found.append((start, words[i + len(seq) - 1][2], cid))
        if not (_ARABIC.search(norm) or _CJK.search(norm)):
            return found
        for term, cid in self._substr:
            pos = norm.find(term)
            while pos >= 0:
                found.append((pos, pos + len(term), cid))
                pos = norm.find(term, pos + 1)
        return found

    def count(self, text: str) -> Counter[str]:
        """Concept id -> number of mentions (overlapping synonyms counted once per place)."""
        seen: set[tuple[int, str]] = set()
        out: Counter[str] = Counter()
        for start, _end, cid in self.spans(text):
            if (start, cid) not in seen:
                seen.add((start, cid))
                out[cid] += 1
        return out


@lru_cache(maxsize=1)
def spotter() -> ConceptSpotter:
    """The shared concept spotter (built once)."""
    return ConceptSpotter()


@lru_cache(maxsize=65536)
def concepts_in(text: str) -> Counter[str]:
    """Cached concept counts for one piece of text."""
    return spotter().count(text)
