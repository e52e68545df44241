"""Attribution and quote detection: "On … wrote:" lines in many languages, Outlook header blocks,
"Original Message" separators and our own reply marker."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .text import _MAX_LINE_CHECK, _is_quote_line, _strip_bidi

#: Our own marker, and the "## Please type your reply above this line ##" lines of other forums.
_MARKER_RE = re.compile(r"##-.*-##|^\s*##\s.{8,120}\s##\s*$")
#: A short title between dashes: "-----Oprindelig meddelelse-----", "*-------- Original Message --------*",
#: "-------- オリジナルメッセージ --------" (any language: the dashes say it is a separator).
_DASH_TITLE_RE = re.compile(r"^[*_\s]*-{4,12}\s*([^\W\d_][^\-:]{1,40}?)\s*-{4,12}[*_\s]*$")

_ORIGINAL_RE = re.compile(
    r"^[-_=*\s]*-{2,}\s*(original message|original e-?mail|forwarded message|message d'origine|"
    r"message original|message transf[ée]r[ée]|mensaje original|mensaje reenviado|mensagem original|"
    r"mensagem encaminhada|исходное сообщение|пересылаемое сообщение|переадресованное сообщение|"
    r"原始邮件|原始郵件|转发的邮件|轉寄的郵件|邮件原文|الرسالة الأصلية|الرسالة الاصلية|"
    r"رسالة معاد توجيهها|الرسالة المعاد توجيهها|originalnachricht|urspr[üu]ngliche nachricht)"
    r"\s*-{2,}[-\s]*$|"
    r"^(begin forwarded message|d[ée]but du message (r[ée]exp[ée]di[ée]|transf[ée]r[ée])|"
    r"inicio del mensaje reenviado|in[ií]cio da mensagem reencaminhada|"
    r"начало переадресованного сообщения|转发的邮件|以下为转发的邮件)\s*[:：]?$",
    re.I,
)

_UNDERSCORES_RE = re.compile(r"^\s*[_─━—-]{15,}\s*$")

_HDR_FROM = (
    r"from|de|von|от|від|من|发件人|發件人|寄件者|remetente|da|van|od|från|fra|lähettäjä|kimden|差出人|送信者|送信元|"
    r"보낸 사람|발신|보낸사람|dari|người gửi|afzender|feladó|od koho"
)
_HDR_OTHER = (
    r"sent|date|to|cc|bcc|subject|reply-to|importance|envoy[ée]|envoy[ée] le|[àa]|pour|objet|copie|"
    r"enviado el|enviado|enviada em|enviada|fecha|para|asunto|sujeto|assunto|data|"
    r"отправлено|дата|кому|копия|тема|"
    r"تم الإرسال|المرسلة|أرسلت|أرسل|التاريخ|إلى|الى|نسخة|نسخة إلى|الموضوع|"
    r"发送时间|發送時間|日期|收件人|抄送|主题|主題|寄件日期|收件者|副本|主旨|"
    r"gesendet|an|betreff|datum|"
    r"verzonden|aan|onderwerp|inviato|oggetto|wysłane|wysłano|do|temat|"
    r"skickat|till|ämne|sendt|til|emne|kopi|lähetetty|vastaanottaja|aihe|gönderildi|kime|konu|"
    r"送信日時|日付|宛先|件名|보낸 날짜|받는 사람|제목|날짜|수신|참조|dikirim|tanggal|kepada|ke|perihal|subjek|"
    r"tarih|alıcı|bilgi|ngày gửi|người nhận|chủ đề|datum|onderwerp|aan"
)
_HDR_FROM_RE = re.compile(rf"^\s*[*>]*\s*(?:{_HDR_FROM})\s*[*]?\s*[:：]", re.I)
_HDR_OTHER_RE = re.compile(rf"^\s*[*]*\s*(?:{_HDR_OTHER})\s*[*]?\s*[:：]", re.I)
_HDR_ONELINE_RE = re.compile(
    rf"^\s*[*]?(?:{_HDR_FROM})\s*[*]?\s*[:：].{{1,200}}?\b(?:sent|date|envoy[ée]|enviado|fecha|"
    rf"отправлено|дата|发送时间|تم الإرسال)\s*[*]?\s*[:：].{{1,200}}?(?:to|[àa]|para|кому|收件人|إلى)\s*[*]?\s*[:：]",
    re.I,
)

_WROTE_VERBS = (
    r"wrote|writes|a [ée]crit|escribi[óo]|escreveu|escribe|пишет|написал\(а\)|написала|написал|"
    r"كتب|كتبت|写道|寫道|schrieb|ha scritto|schreef|skrev|napisał\(a\)|napsal\(a\)|pisze|napisał|napisała|"
    r"kirjoitti|yazdı|sent|пише|написав|написала|het volgende geschreven|geschreven|đã viết|menulis|"
    r"şunu yazdı|şunları yazdı|folgendes geschrieben|ने लिखा|लिखा|aliandika|ameandika|aliandika hivi"
)
#: Verbs that end an attribution glued to the name without a space (Korean, Japanese).
_WROTE_SUFFIX_RE = re.compile(r"(작성|쓴 글|のメール|写道|寫道)\s*[:：]\s*$")
#: "Name <addr> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:": the verb may stand anywhere.
_WROTE_ANYWHERE_RE = re.compile(rf"(?:^|\s)(?:{_WROTE_VERBS})(?:\s|$)", re.I)
#: Attributions that begin with the date: "2016-03-03 17:21 GMT+01:00 Name", "2011/4/7 Name <x@y>".
_DATE_FIRST_RE = re.compile(r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b")
_TIME_RE = re.compile(r"\d{1,2}[:.h]\d{2}\b")
_ANGLE_ADDR_RE = re.compile(r"[<(]\s*(mailto:)?[^<>()\s]+@[^<>()\s]+\s*[>)]")
#: A wrapped attribution's last line may start with ">": ">:", "> wrote:".
_CONT_QUOTE_RE = re.compile(r"^>\s*(\S+\s*){0,3}[:：]\s*$")
_WROTE_END_RE = re.compile(rf"(?:\b|\s|^)(?:{_WROTE_VERBS})\s*[:：]\s*$", re.I)
_WROTE_START_RE = re.compile(
    r"^\s*(on|le|el|em|am|il|op|den|dne|dnia|في|在|\d|\(?\w{2,4}[.,]?\s+\d|\w+,\s*\d)",
    re.I,
)
#: "Am 11.03.25 um 15:58 schrieb Name <x@y>:" / "Op … schreef …:" / "Den … skrev …:": the verb sits
#: between the date and the name, and the line ends with a colon.
_WROTE_MID_RE = re.compile(
    r"^\s*(?:am|op|den|d\.|w dniu|dnia|på|pe|ma|ti|ke|to|pá|su|la|lø|sø)\b.{0,200}?\d.{0,200}?"
    r"\s(?:schrieb|schreef|skrev|napisa[łl]\(a\)|napisa[łl]a?|kirjoitti|het volgende geschreven)\s.{1,200}[:：]\s*$",
    re.I,
)
#: Zoho / old Yahoo: "---- On Tue, 11 Mar 2025 15:58 Name <x@y> wrote ----" (colon optional).
_DASH_WRAP_RE = re.compile(r"^-{2,}\s*(.+?)\s*[:：]?\s*-{2,}$")
_GMAIL_AR_RE = re.compile(r"(تمت كتابة ما يلي بواسطة|كتب)")
_DATE_ADDR_COLON_RE = re.compile(r"^.{0,40}\d{1,4}.{0,160}(<[^<>\s]+@[^<>\s]+>|\S+@\S+\.\w+)\)?\s*[:：]\s*$")
_ZH_WROTE_RE = re.compile(r"(于|於)\s*\d{4}年.{0,40}(写道|寫道)\s*[:：]?\s*$")


_STRICT_ATTR_RE = re.compile(r"@|\d{1,2}\s*[:.h时]\s*\d{2}|\d{4}|年")


def _candidates(lines: Sequence[str], i: int):
    """Grow an attribution from line ``i``: ``(span, joined)`` for 1 to 4 lines.

    A wrapped attribution may continue over a blank line when it is visibly unfinished (a dangling
    ``<``, or the next part starts with ``<`` or ``mailto:``), and its last part may start with ``>``
    (``>:`` or ``> wrote:``, when the client broke the line inside the address).
    """
    joined = _strip_bidi(lines[i]).strip()
    yield 1, joined
    j, parts = i, 1
    while parts < 4:
        j += 1
        if j >= len(lines):
            return
        nxt = _strip_bidi(lines[j]).strip()
        if not nxt:
            k = j
            while k < len(lines) and k - j < 2 and not lines[k].strip():
                k += 1
            if k >= len(lines) or not lines[k].strip():
                return
            nn = _strip_bidi(lines[k]).strip()
            if not (joined.endswith("<") or nn.startswith(("<", "mailto:"))):
                return
            j, nxt = k, nn
        if _is_quote_line(nxt) and not _CONT_QUOTE_RE.match(nxt):
            return
        joined = f"{joined} {nxt}"
        parts += 1
        if len(joined) > _MAX_LINE_CHECK:
            return
        yield j - i + 1, joined


def _is_attribution(joined: str, strict: bool) -> bool:
    wrapped = _DASH_WRAP_RE.match(joined)
    if wrapped:
        joined = wrapped.group(1).rstrip(":：").strip() + ":"
    ends_colon = joined.endswith((":", "："))
    if not ends_colon and not joined.endswith(("写道", "寫道")) and not _DATE_FIRST_RE.match(joined):
        return False  # every other form ends with a colon: most text lines stop here, cheaply
    if strict and not _STRICT_ATTR_RE.search(joined):
        return False
    if _WROTE_END_RE.search(joined) and (
        _WROTE_START_RE.search(joined) or "@" in joined or re.search(r"\d", joined)
    ):
        return True
    if _ZH_WROTE_RE.search(joined):
        return True
    if _WROTE_SUFFIX_RE.search(joined) and ("@" in joined or _TIME_RE.search(joined)):
        return True
    if _WROTE_MID_RE.match(joined) and re.search(r"\d{1,2}[:.h]\d{2}\b|@", joined):
        return True
    if joined.startswith("في") and re.search(r"[،,]\s*كتبت?\s", joined) and ends_colon:
        return True
    if "تمت كتابة ما يلي بواسطة" in joined and ends_colon:
        return True
    if _DATE_ADDR_COLON_RE.match(joined) and re.search(r"\d{1,2}[:.]\d{2}", joined):
        return True
    if ends_colon and "@" in joined and _TIME_RE.search(joined) and _WROTE_ANYWHERE_RE.search(joined):
        return True
    if _DATE_FIRST_RE.match(joined) and len(joined) <= 160 and not re.search(r"[.!?。]$", joined):
        return bool(_ANGLE_ADDR_RE.search(joined) or _TIME_RE.search(joined))
    return False


def _plausible_start(text: str) -> bool:
    """Text that can open an attribution (so a wrapped one is not started on the line above it)."""
    t = text.strip()
    return bool(
        _WROTE_START_RE.match(t)
        or _DATE_FIRST_RE.match(t)
        or t.startswith(("-", "*"))
        or re.match(r"^[\"']?[^\W\d_][^<>]{0,60}[<(][^<>()\s]*@", t)
    )


def _attribution_at(lines: Sequence[str], i: int, strict: bool = False) -> int:
    """If an "On … wrote:" attribution starts at line ``i``, return how many lines it spans.

    ``strict`` (used when no ``>`` quote follows) also requires an address, a time or a year,
    so that a sentence such as "On Monday, the committee wrote:" is not taken for one. An
    attribution spread over several lines is only taken from line ``i`` when no line below it
    (within the span) could open the same attribution: "Hi," above "On … wrote:" stays text.
    """
    first = _strip_bidi(lines[i]).strip()
    if not first or len(first) > _MAX_LINE_CHECK or _is_quote_line(first):
        return 0
    # cheap exit: an attribution ends with a colon (or 写道) within its few lines, or starts with a date
    if not _DATE_FIRST_RE.match(first) and not any(
        _strip_bidi(ln).rstrip().endswith((":", "：", "写道", "寫道", "-")) for ln in lines[i : i + 6]
    ):
        return 0
    for span, joined in _candidates(lines, i):
        if not _is_attribution(joined, strict):
            continue
        if span > 1 and not _plausible_start(first):
            for k in range(i + 1, i + span):
                if (
                    lines[k].strip()
                    and _plausible_start(_strip_bidi(lines[k]))
                    and not _is_quote_line(lines[k])
                ):
                    return 0
        return span
    return 0


def _header_block_at(lines: Sequence[str], i: int) -> bool:
    """True when an Outlook-style "From: … Sent: … To: … Subject:" block starts at line ``i``."""
    line = _strip_bidi(lines[i])
    if len(line) > _MAX_LINE_CHECK * 2:
        return False
    if _HDR_ONELINE_RE.search(line):
        return True
    if not _HDR_FROM_RE.match(line):
        return _header_block_from_other(lines, i)
    others = 0
    seen_blank = 0
    for j in range(i + 1, min(len(lines), i + 12)):
        nxt = _strip_bidi(lines[j]).strip().lstrip(">").strip()
        if not nxt:
            seen_blank += 1
            if seen_blank > 1 or others >= 2:
                break
            continue
        if len(nxt) < _MAX_LINE_CHECK and _HDR_OTHER_RE.match(nxt):
            others += 1
    return others >= 2


def _header_block_from_other(lines: Sequence[str], i: int) -> bool:
    """A header block that starts with another label ("Date: …" then "From: …", "To: …", "Subject: …")."""
    line = _strip_bidi(lines[i]).strip()
    if not _HDR_OTHER_RE.match(line) or len(line) > _MAX_LINE_CHECK:
        return False
    labels, has_from = 1, False
    for j in range(i + 1, min(len(lines), i + 8)):
        nxt = _strip_bidi(lines[j]).strip()
        if not nxt:
            break
        if _HDR_FROM_RE.match(nxt):
            has_from = True
            labels += 1
        elif _HDR_OTHER_RE.match(nxt):
            labels += 1
    return has_from and labels >= 4


def _hard_cut(lines: Sequence[str]) -> tuple[int, str | None]:
    """Index of the first line of non-``>`` quoted history (or ``len(lines)``)."""
    n = len(lines)
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > _MAX_LINE_CHECK * 2:
            continue
        quoted = _is_quote_line(line)
        if _MARKER_RE.search(line) and not quoted:
            return i, "marker"
        if quoted:
            continue
        plain = _strip_bidi(line)
        if _ORIGINAL_RE.match(plain):
            return i, "separator"
        if _DASH_TITLE_RE.match(plain) and i > 0:
            return i, "separator"
        if _UNDERSCORES_RE.match(plain):
            for j in range(i + 1, min(n, i + 4)):
                if lines[j].strip():
                    if _header_block_at(lines, j) or _HDR_FROM_RE.match(_strip_bidi(lines[j])):
                        return i, "separator"
                    break
        if _header_block_at(lines, i):
            return i, "header"
        span = _attribution_at(lines, i)
        if span:
            # quoted with ">" below: handled by the line classifier, not a hard cut
            k = i + span
            while k < n and not lines[k].strip():
                k += 1
            if k < n and _is_quote_line(lines[k]):
                continue
            if _attribution_at(lines, i, strict=True):
                return i, "attribution"
    return n, None
