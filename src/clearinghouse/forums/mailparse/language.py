"""Offline language detection of a reply body (ISO 639-1)."""

from __future__ import annotations

import re

_STOPWORDS: dict[str, set[str]] = {
    "en": set(
        """the and of to is in that it for with as was on be are this have not but by from they
        we you at or an will would can all has there their which been more about our should
        also its if what these those i my me do does did so than them were who into any just
        how only could very agree think thanks thank please dear colleagues regards hello
        proposal meeting here your us""".split()
    ),
    "fr": set(
        """le la les des du de et est une un que qui dans pour pas sur au aux avec ce cette
        ces il elle nous vous sont ne plus par mais ou leur leurs son sa ses été être avoir
        je j'ai c'est très aussi comme tout tous bien merci chers chères collègues bonjour
        nos notre votre vos cordialement proposition réunion d'accord l'on qu'il n'est""".split()
    ),
    "es": set(
        """el la los las del de y es una un que en por con para lo al como más pero sus
        le ya este esta estos muy también está son hay nuestro nuestra nosotros gracias
        sobre entre cuando porque todos usted ustedes estimados estimadas colegas saludos
        propuesta reunión acuerdo fue ser han sido esto ello según desde hasta donde""".split()
    ),
    "pt": set(
        """o a os as do da dos das de e é um uma que em no na nos nas por com para ao à
        mais mas como também muito não são está estão foi ser tem isso este esta pelo
        pela seu sua obrigado obrigada prezados prezadas colegas proposta reunião acordo
        você vocês nós já ou ainda quando porque todos sobre entre até onde""".split()
    ),
    "de": set(
        """der die das und ist nicht ein eine zu den mit auf für von sich dem auch es an
        werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über
        so zum kann oder ich wir ihr liebe kolleginnen grüße""".split()
    ),
    "it": set(
        """il lo la gli le di e è un una che per con non sono nel della delle degli dei
        anche come più ma questo questa molto grazie cari colleghi saluti proposta
        del dei i entro siamo nostri nostro ci abbiamo già alla alle dal nella sulla perché però quindi
        poi ancora tutti tutte ogni prima dopo ciao buongiorno d'accordo""".split()
    ),
    "tr": set(
        """ve bir bu da için ile olarak daha çok gibi ama var yok olan biz siz ben değil kadar sonra
        önce şekilde zaten iyi olur günü merhaba teşekkürler teşekkür ederim saygılarımla lütfen
        mı mi mu mü ki ise veya hem şu""".split()
    ),
    "id": set(
        """dan yang di ke dari untuk dengan ini itu akan kami kita tidak ada pada sudah juga atau saya
        anda bisa dapat sebelum setelah secara apakah hal terima kasih halo semua selamat pagi mohon
        bapak ibu tersebut dalam oleh karena""".split()
    ),
}
# words shared by several Latin languages carry no signal
_SHARED = {"de", "la", "que", "a", "e", "o", "le", "un", "una", "en", "es", "por", "para", "con", "como", "y"}
_DIACRITICS = {
    "fr": "èêàùçœëîïûâ",
    "es": "ñ¿¡",
    "pt": "ãõçâêô",
    "de": "äöüß",
    "tr": "ığş",
}


def detect_language(text: str) -> str | None:
    """Detect the language of ``text`` (ISO 639-1) offline.

    Scripts decide Arabic (``ar``), Chinese (``zh``), Russian (``ru``), Greek, Hebrew, etc.;
    stopword counts and characteristic letters decide between Latin-script languages
    (``en``, ``fr``, ``es``, ``pt``, ``de``, ``it``, ``tr``, ``id``). Returns ``None`` when there is no text.
    """
    if not text:
        return None
    sample = text[:20000]
    counts = {"arab": 0, "cjk": 0, "cyr": 0, "latin": 0, "kana": 0, "hangul": 0, "greek": 0, "hebrew": 0}
    for ch in sample:
        o = ord(ch)
        if o < 128:
            if ch.isalpha():
                counts["latin"] += 1
        elif 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            counts["arab"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["cjk"] += 1
        elif 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["hangul"] += 1
        elif 0x0400 <= o <= 0x04FF:
            counts["cyr"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["greek"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["hebrew"] += 1
        elif ch.isalpha():
            counts["latin"] += 1
    total = sum(counts.values())
    if not total:
        return None
    # CJK characters carry ~3x the content of a Latin letter
    weighted = dict(counts)
    weighted["cjk"] *= 3
    weighted["kana"] *= 3
    weighted["hangul"] *= 3
    script = max(weighted, key=lambda k: weighted[k])
    if script == "arab":
        return "ar"
    if script == "cjk":
        return "ja" if counts["kana"] > counts["cjk"] * 0.2 else "zh"
    if script == "kana":
        return "ja"
    if script == "hangul":
        return "ko"
    if script == "cyr":
        low = sample.lower()
        if re.search(r"[іїєґ]", low) and len(re.findall(r"[іїєґ]", low)) > 2:
            return "uk"
        return "ru"
    if script == "greek":
        return "el"
    if script == "hebrew":
        return "he"
    words = re.findall(r"[a-zà-ÿœ']+", sample.lower())
    scores = dict.fromkeys(_STOPWORDS, 0.0)
    for w in words:
        for lang, sw in _STOPWORDS.items():
            if w in sw:
                scores[lang] += 0.3 if w in _SHARED else 1.0
    low = sample.lower()
    for lang, chars in _DIACRITICS.items():
        scores[lang] += 0.5 * sum(low.count(c) for c in chars)
    # distinctive Portuguese/Spanish/French spellings
    scores["pt"] += 1.5 * len(re.findall(r"\b\w+(ção|ções|ões|ão|ã)\b", low))
    scores["es"] += 1.5 * len(re.findall(r"\b\w+(ción|ciones)\b", low))
    scores["fr"] += 1.0 * len(re.findall(r"\b(qu|l|d|n|j|c|s)'\w", low))
    best = max(scores, key=lambda k: scores[k])
    if scores[best] <= 0:
        return "en"
    return best
