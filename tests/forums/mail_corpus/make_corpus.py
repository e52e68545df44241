#!/usr/bin/env python3
"""Generate the inbound-mail corpus used by ``tests/forums/test_mailparse_corpus.py``.

Each case becomes ``NAME.eml`` (real bytes: legacy charsets, quoted-printable, base64) and
``NAME.json`` (the expected subset of ``ParsedMail.as_dict()``). The messages imitate what
the mail clients really send (Gmail, Outlook desktop/OWA/mobile, Apple Mail, Thunderbird,
iOS, Samsung, Yahoo, Foxmail, Yandex, Mail.ru), in en/fr/es/pt/ru/ar/zh.

Cases whose name starts with ``holdout_`` were written last and not tuned on.

Run: ``python tests/forums/mail_corpus/make_corpus.py`` (rewrites all files).
"""

from __future__ import annotations

import base64
import json
import quopri
import sys
from email.header import Header
from email.utils import formataddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOMAIN = "discuss.example.org"
FORUM = "CBD Discussions"
KEY = "u42.t1187.Xf9aQ3kL_b-7Zq="
CASES: list[tuple[str, bytes, dict]] = []

MARKERS = {
    "en": "##- Please type your reply above this line -##",
    "ar": "##- يرجى كتابة ردك فوق هذا السطر -##",
    "es": "##- Por favor, escriba su respuesta encima de esta línea -##",
    "fr": "##- Veuillez écrire votre réponse au-dessus de cette ligne -##",
    "ru": "##- Пожалуйста, введите ответ над этой строкой -##",
    "zh": "##- 请在此行上方输入您的回复 -##",
    "pt": "##- Please type your reply above this line -##",
}
POSTS = {
    "en": (
        'Anna Schmidt posted in "Indicators for Target 3":',
        "Should we report protected area coverage separately for marine and terrestrial areas?",
        "You are receiving this because you watch this discussion.",
    ),
    "fr": (
        "Anna Schmidt a publié dans « Indicateurs pour la cible 3 » :",
        "Devrions-nous rendre compte séparément des aires marines et terrestres ?",
        "Vous recevez ce message parce que vous suivez cette discussion.",
    ),
    "es": (
        "Anna Schmidt publicó en «Indicadores para la meta 3»:",
        "¿Deberíamos informar por separado sobre las áreas marinas y terrestres?",
        "Recibe este mensaje porque sigue este debate.",
    ),
    "pt": (
        'Anna Schmidt publicou em "Indicadores para a meta 3":',
        "Devemos relatar separadamente as áreas marinhas e terrestres?",
        "Você recebe esta mensagem porque acompanha esta discussão.",
    ),
    "ru": (
        "Анна Шмидт написала в обсуждении «Индикаторы для задачи 3»:",
        "Следует ли отчитываться отдельно по морским и наземным охраняемым районам?",
        "Вы получили это сообщение, потому что следите за обсуждением.",
    ),
    "ar": (
        "نشرت آنا شميدت في «مؤشرات الهدف 3»:",
        "هل ينبغي أن نبلغ عن المناطق البحرية والبرية بشكل منفصل؟",
        "تتلقى هذه الرسالة لأنك تتابع هذه المناقشة.",
    ),
    "zh": (
        "Anna Schmidt 在「目标3的指标」中发帖：",
        "我们是否应分别报告海洋和陆地保护区的覆盖率？",
        "您收到此邮件是因为您关注了此讨论。",
    ),
}
SUBJECTS = {
    "en": "[CBD Discussions] Indicators for Target 3",
    "fr": "[Discussions CDB] Indicateurs pour la cible 3",
    "es": "[Debates CDB] Indicadores para la meta 3",
    "pt": "[Discussões CDB] Indicadores para a meta 3",
    "ru": "[Обсуждения КБР] Индикаторы для задачи 3",
    "ar": "[مناقشات الاتفاقية] مؤشرات الهدف 3",
    "zh": "[公约讨论] 目标3的指标",
}
RE_PREFIX = {"en": "Re: ", "fr": "RE: ", "es": "RE: ", "pt": "RE: ", "ru": "RE: ", "ar": "رد: ", "zh": "回复: "}
REPLY_ADDR = f"reply+{KEY}@{DOMAIN}"
FORUM_ADDR = f"{FORUM} <{REPLY_ADDR}>"

ATTR_GMAIL = {
    "en": f"On Mon, Nov 4, 2024 at 9:12\u202fAM {FORUM} <{REPLY_ADDR}>\nwrote:",
    "fr": f"Le lun. 4 nov. 2024 à 09:12, {FORUM} <{REPLY_ADDR}> a\nécrit :",
    "es": f"El lun, 4 nov 2024 a las 9:12, {FORUM} (<{REPLY_ADDR}>)\nescribió:",
    "pt": f"Em seg., 4 de nov. de 2024 às 09:12, {FORUM} <\n{REPLY_ADDR}> escreveu:",
    "ru": f"пн, 4 нояб. 2024 г. в 09:12, {FORUM} <{REPLY_ADDR}>:",
    "zh": f"{FORUM} <{REPLY_ADDR}> 于2024年11月4日周一 09:12写道：",
    "ar": f"\u202bفي الاثنين، 4 نوفمبر 2024 في 9:12 ص تمت كتابة ما يلي بواسطة \u202a{FORUM}\u202c\u200f <\u202a{REPLY_ADDR}\u202c\u200f>:\u202c",
}
ATTR_APPLE = {
    "en": f"On Nov 4, 2024, at 09:12, {FORUM} <{REPLY_ADDR}> wrote:",
    "fr": f"Le 4 nov. 2024 à 09:12, {FORUM} <{REPLY_ADDR}> a écrit :",
    "es": f"El 4 nov 2024, a las 9:12, {FORUM} <{REPLY_ADDR}> escribió:",
    "pt": f"Em 4 de nov. de 2024, à(s) 09:12, {FORUM} <{REPLY_ADDR}> escreveu:",
    "ru": f"4 нояб. 2024 г., в 09:12, {FORUM} <{REPLY_ADDR}> написал(а):",
    "zh": f"2024年11月4日 09:12，{FORUM} <{REPLY_ADDR}> 写道：",
    "ar": f"في 4 نوفمبر 2024، الساعة 9:12 ص، كتب {FORUM} <{REPLY_ADDR}>:",
}
ATTR_TB = {
    "en": f"On 04/11/2024 09:12, {FORUM} wrote:",
    "fr": f"Le 04/11/2024 à 09:12, {FORUM} a écrit :",
    "es": f"El 4/11/24 a las 9:12, {FORUM} escribió:",
    "pt": f"Em 04/11/2024 09:12, {FORUM} escreveu:",
    "ru": f"04.11.2024 09:12, {FORUM} пишет:",
    "zh": f"在 2024/11/4 9:12, {FORUM} 写道:",
    "ar": f"في 04/11/2024 09:12 ص، كتب {FORUM}:",
}
OUTLOOK_HDR = {
    "en": ("From", "Sent", "To", "Subject", "Monday, November 4, 2024 9:12 AM"),
    "fr": ("De\u00a0", "Envoyé\u00a0", "À\u00a0", "Objet\u00a0", "lundi 4 novembre 2024 09:12"),
    "es": ("De", "Enviado el", "Para", "Asunto", "lunes, 4 de noviembre de 2024 9:12"),
    "pt": ("De", "Enviada em", "Para", "Assunto", "segunda-feira, 4 de novembro de 2024 09:12"),
    "ru": ("От", "Отправлено", "Кому", "Тема", "4 ноября 2024 г. 9:12"),
    "ar": ("من", "تم الإرسال", "إلى", "الموضوع", "الاثنين، 4 نوفمبر، 2024 9:12 ص"),
    "zh": ("发件人", "发送时间", "收件人", "主题", "2024年11月4日 9:12"),
}
OUTLOOK_MOBILE_HDR = {
    "en": ("From", "Sent", "To", "Subject", "Monday, November 4, 2024 9:12:33 AM"),
    "fr": ("De", "Envoyé", "À", "Objet", "lundi 4 novembre 2024 09:12:33"),
    "es": ("De", "Enviado", "Para", "Asunto", "lunes, 4 de noviembre de 2024 9:12:33"),
    "ru": ("От", "Отправлено", "Кому", "Тема", "понедельник, 4 ноября 2024 г. 9:12:33"),
}


# ------------------------------------------------------------------ MIME assembly helpers


def hdr(value: str, charset: str = "utf-8") -> str:
    """Encode a header value as RFC 2047 if needed."""
    if value.isascii():
        return value
    return Header(value, charset).encode(maxlinelen=998)


def addr(name: str, address: str, charset: str = "utf-8") -> str:
    if name.isascii():
        return formataddr((name, address))
    return formataddr((name, address), charset=charset)


def encode_body(data: bytes, cte: str) -> bytes:
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    if cte == "base64":
        return base64.encodebytes(data)
    return data


def text_part(text: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "quoted-printable",
              extra: str = "") -> bytes:
    data = text.encode(charset, errors="replace")  # legacy clients degrade unmappable quotes to "?"
    if cte == "7bit" and not data.isascii():
        cte = "quoted-printable"
    head = f'Content-Type: text/{subtype}; charset="{charset}"{extra}\nContent-Transfer-Encoding: {cte}\n\n'
    return head.encode("ascii") + encode_body(data, cte)


def binary_part(name: str, ctype: str, data: bytes, inline_cid: str | None = None) -> bytes:
    disp = "inline" if inline_cid else "attachment"
    fname = name if name.isascii() else None
    if fname:
        namepart = f'; name="{name}"'
        disppart = f'{disp}; filename="{name}"'
    else:
        enc = hdr(name)
        namepart = f'; name="{enc}"'
        from urllib.parse import quote

        disppart = f"{disp}; filename*=utf-8''{quote(name)}"
    head = f"Content-Type: {ctype}{namepart}\nContent-Disposition: {disppart}\nContent-Transfer-Encoding: base64\n"
    if inline_cid:
        head += f"Content-ID: <{inline_cid}>\n"
    return (head + "\n").encode("ascii") + base64.encodebytes(data)


def multipart(subtype: str, parts: list[bytes], boundary: str, params: str = "") -> bytes:
    out = f'Content-Type: multipart/{subtype}; boundary="{boundary}"{params}\n\n'.encode("ascii")
    for p in parts:
        out += f"--{boundary}\n".encode("ascii") + p.rstrip(b"\n") + b"\n\n"
    return out + f"--{boundary}--\n".encode("ascii")


def message(headers: list[tuple[str, str]], body: bytes, crlf: bool = False) -> bytes:
    head = "".join(f"{k}: {v}\n" for k, v in headers).encode("utf-8")
    raw = head + b"MIME-Version: 1.0\n" + body
    if crlf:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return raw


def add(name: str, raw: bytes, expected: dict) -> None:
    CASES.append((name, raw, expected))


# ------------------------------------------------------------------ reply text helpers


def history(lang: str) -> str:
    who, post, footer = POSTS[lang]
    return f"{MARKERS[lang]}\n\n{who}\n\n{post}\n\n-- \n{footer}\nhttps://{DOMAIN}/t/1187"


def quote(text: str) -> str:
    return "\n".join("> " + ln if ln else ">" for ln in text.split("\n"))


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_divs(text: str) -> str:
    """Gmail-style: one <div> per line, <div><br></div> for blank lines."""
    return "".join(f"<div>{esc(ln)}</div>" if ln else "<div><br></div>" for ln in text.split("\n"))


def html_mso(text: str) -> str:
    """Outlook desktop (Word) style paragraphs."""
    return "\n".join(
        f'<p class="MsoNormal"><span lang="EN-US">{esc(ln)}<o:p></o:p></span></p>'
        if ln
        else '<p class="MsoNormal"><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>'
        for ln in text.split("\n")
    )


def html_history(lang: str) -> str:
    who, post, footer = POSTS[lang]
    return (
        f'<div style="color:#888">{esc(MARKERS[lang])}</div><p>{esc(who)}</p><p>{esc(post)}</p>'
        f'<hr><p style="font-size:small">{esc(footer)}<br><a href="https://{DOMAIN}/t/1187">https://{DOMAIN}/t/1187</a></p>'
    )


def outlook_block(lang: str, me: str, mobile: bool = False) -> str:
    f, s, t, subj, date = (OUTLOOK_MOBILE_HDR if mobile else OUTLOOK_HDR)[lang]
    subject = RE_PREFIX[lang] + SUBJECTS[lang]
    return f"{f}: {FORUM} <{REPLY_ADDR}>\n{s}: {date}\n{t}: {me}\n{subj}: {subject}"


def outlook_block_html(lang: str, me: str) -> str:
    f, s, t, subj, date = OUTLOOK_HDR[lang]
    subject = RE_PREFIX[lang] + SUBJECTS[lang]
    return (
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        f'<p class="MsoNormal"><b><span lang="EN-US">{f}:</span></b><span lang="EN-US"> {esc(FORUM)} &lt;{REPLY_ADDR}&gt;<br>'
        f"<b>{s}:</b> {esc(date)}<br><b>{t}:</b> {esc(me)}<br><b>{subj}:</b> {esc(subject)}<o:p></o:p></span></p></div>"
    )


def std_headers(lang: str, frm: tuple[str, str], subject: str | None, to: str | None, n: int,
                charset: str = "utf-8", date: str = "Mon, 04 Nov 2024 10:41:07 +0100",
                mailer: str | None = None, delivered_to: str | None = None) -> list[tuple[str, str]]:
    subj = subject if subject is not None else RE_PREFIX[lang] + SUBJECTS[lang]
    h = [
        ("Return-Path", f"<{frm[1]}>"),
        ("Delivered-To", delivered_to or REPLY_ADDR),
        ("From", addr(frm[0], frm[1], charset)),
        ("To", hdr(to, charset) if to is not None else addr(FORUM, REPLY_ADDR)),
        ("Subject", hdr(subj, charset)),
        ("Date", date),
        ("Message-ID", f"<msg{n:03d}.{lang}@mail.example.com>"),
        ("In-Reply-To", f"<post-1187-{n}@{DOMAIN}>"),
        ("References", f"<thread-1187@{DOMAIN}> <post-1187-{n}@{DOMAIN}>"),
    ]
    if mailer:
        h.append(("X-Mailer", mailer))
    return h


_counter = [0]


def reply(name: str, client: str, lang: str, new: str, expect: str, *, frm: tuple[str, str] = ("Maria Lopez", "maria.lopez@example.org"),
          charset: str = "utf-8", cte: str = "quoted-printable", html_only: bool = False, plain_only: bool = False,
          attachments: tuple[tuple[str, str, bytes], ...] = (), subject: str | None = None, to: str | None = None,
          extra_headers: tuple[tuple[str, str], ...] = (), key: str | None = KEY, crlf: bool = False,
          expect_extra: dict | None = None) -> None:
    """Build a reply as ``client`` would, with ``new`` typed above (or below) the quote."""
    _counter[0] += 1
    n = _counter[0]
    me = f"{frm[0]} <{frm[1]}>"
    hist = history(lang)
    plain_params = ""
    mailer = None
    if client == "gmail":
        attr = ATTR_GMAIL[lang]
        plain = f"{new}\n\n{attr}\n\n{quote(hist)}\n"
        html = (
            f'<div dir="{"rtl" if lang == "ar" else "ltr"}">{html_divs(new)}</div><br><div class="gmail_quote">'
            f'<div dir="ltr" class="gmail_attr">{esc(attr)}<br></div><blockquote class="gmail_quote" '
            f'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            f"{html_history(lang)}</blockquote></div>"
        )
    elif client == "outlook":
        plain = f"{new}\n\n{outlook_block(lang, me)}\n\n{hist}\n"
        html = (
            '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name="Generator" content="Microsoft Word 15 (filtered medium)">'
            '<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang="EN-US"><div class="WordSection1">'
            f"{html_mso(new)}<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>{outlook_block_html(lang, me)}"
            f'<p class="MsoNormal"><o:p>&nbsp;</o:p></p>{html_history(lang)}</div></body></html>'
        )
        mailer = "Microsoft Outlook 16.0"
    elif client == "owa":
        plain = f"{new}\n\n________________________________\n{outlook_block(lang, me)}\n\n{hist}\n"
        f, s, t, subj, date = OUTLOOK_HDR[lang]
        html = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body dir="ltr">'
            f'<div class="elementToProof" style="font-family: Aptos, sans-serif; font-size: 12pt">{html_divs(new)}</div>'
            '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
            f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>{f}:</b> {esc(FORUM)} &lt;{REPLY_ADDR}&gt;<br>'
            f"<b>{s}:</b> {esc(date)}<br><b>{t}:</b> {esc(me)}<br><b>{subj}:</b> {esc(RE_PREFIX[lang] + SUBJECTS[lang])}</font>"
            f"<div>&nbsp;</div></div><div>{html_history(lang)}</div></body></html>"
        )
    elif client == "outlook_mobile":
        plain = f"{new}\n\n________________________________\n{outlook_block(lang, me, mobile=True)}\n\n{hist}\n"
        html = None
    elif client == "apple":
        attr = ATTR_APPLE[lang]
        plain = f"{new}\n\n{attr}\n\n{quote(hist)}\n"
        html = (
            '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
            f'{html_divs(new)}<div><br><blockquote type="cite"><div>{esc(attr)}</div><br class="Apple-interchange-newline">'
            f"<div>{html_history(lang)}</div></blockquote></div><br></body></html>"
        )
        mailer = "Apple Mail (2.3776.700.51)"
    elif client == "iphone":
        attr = ATTR_APPLE[lang]
        plain = f"{new}\n\n{attr}\n\n{quote(hist)}\n"
        html = None
        mailer = "iPhone Mail (21H16)"
    elif client in ("thunderbird", "thunderbird_bottom"):
        attr = ATTR_TB[lang]
        if client == "thunderbird":
            plain = f"{new}\n\n{attr}\n{quote(hist)}\n"
        else:
            plain = f"{attr}\n{quote(hist)}\n\n{new}\n"
        plain_params = "; format=flowed"
        html = None
    elif client == "samsung":
        f = {"en": ("Original message", "From", "Date", "To", "Subject"),
             "es": ("Mensaje original", "De", "Fecha", "Para", "Asunto"),
             "pt": ("Mensagem original", "De", "Data", "Para", "Assunto"),
             "fr": ("Message d'origine", "De", "Date", "À", "Objet"),
             "ru": ("Исходное сообщение", "От", "Дата", "Кому", "Тема")}[lang]
        plain = (f"{new}\n\n\n-------- {f[0]} --------\n{f[1]}: {FORUM} <{REPLY_ADDR}>\n{f[2]}: 04/11/2024 09:12 (GMT+01:00)\n"
                 f"{f[3]}: {me}\n{f[4]}: {RE_PREFIX[lang] + SUBJECTS[lang]}\n\n{hist}\n")
        html = None
    elif client == "yahoo":
        attr = f"On Monday, November 4, 2024 at 09:12:41 AM GMT+1, {FORUM} <{REPLY_ADDR}> wrote:"
        plain = f"{new}\n\n    {attr}  \n \n {hist}\n"
        html = (
            '<html><head></head><body><div class="ydp3a1b2c3yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:16px;">'
            f'<div dir="ltr" data-setdir="false">{html_divs(new)}</div></div>'
            f'<div id="yahoo_quoted_8712345" class="yahoo_quoted"><div style="font-family:Helvetica Neue;font-size:13px;color:#26282a;">'
            f"<div>{esc(attr)}</div><div><br></div><div><br></div><div>{html_history(lang)}</div></div></div></body></html>"
        )
    elif client == "foxmail":
        plain = (f"{new}\n\n\n------------------&nbsp;原始邮件&nbsp;------------------\n".replace("&nbsp;", " ")
                 + f"发件人: \"{FORUM}\"<{REPLY_ADDR}>;\n发送时间: 2024年11月4日(星期一) 上午9:12\n收件人: \"{frm[0]}\"<{frm[1]}>;\n"
                 f"主题: {RE_PREFIX[lang] + SUBJECTS[lang]}\n\n{hist}\n")
        html = None
        mailer = "Foxmail 7.2.25.228[cn]"
    elif client == "yandex":
        plain = f"{new}\n\n04.11.2024, 09:12, \"{FORUM}\" <{REPLY_ADDR}>:\n{quote(hist)}\n"
        html = None
    elif client == "mailru":
        plain = f"{new}\n\n\n\nПонедельник, 4 ноября 2024, 9:12 +03:00 от {FORUM} <{REPLY_ADDR}>:\n\n{quote(hist)}\n"
        html = None
    elif client == "raw":
        plain, html = new, None
    else:
        raise ValueError(client)
    if plain_only:
        html = None
    if key is None or (to is not None and "reply+" in to):
        delivered_to = (to or "").split("<")[-1].rstrip(">").strip()
    else:
        delivered_to = REPLY_ADDR
    hdrs = std_headers(lang, frm, subject, to, n, charset=charset, mailer=mailer, delivered_to=delivered_to)
    hdrs.extend(extra_headers)
    if html_only and html:
        body = text_part(html, "html", charset, cte)
    elif html:
        body = multipart("alternative", [text_part(plain, "plain", charset, cte, plain_params),
                                         text_part(html, "html", charset, cte)], f"000000000000{n:04d}alt")
    else:
        body = text_part(plain, "plain", charset, cte, plain_params)
    if attachments:
        parts = [body] + [binary_part(a, t, d) for a, t, d in attachments]
        body = multipart("mixed", parts, f"000000000000{n:04d}mix")
    exp = {
        "kind": "reply",
        "from": frm[1].lower(),
        "reply_key": key,
        "language": lang,
        "body": expect,
    }
    if attachments:
        exp["attachments"] = [a for a, _t, _d in attachments]
    if expect_extra:
        exp.update(expect_extra)
    add(name, message(hdrs, body, crlf=crlf), exp)


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
XLSX = b"PK\x03\x04\x14\x00\x08\x08\x08\x00" + bytes(range(200)) * 3


def build_replies() -> None:
    # ----- Gmail, every language
    reply("gmail_en_simple", "gmail", "en",
          "Dear colleagues,\n\nI agree that marine and terrestrial coverage should be reported separately,\nas the Kunming-Montreal framework asks for both.\n\nBest regards,\nMaria",
          "Dear colleagues,\n\nI agree that marine and terrestrial coverage should be reported separately,\nas the Kunming-Montreal framework asks for both.")
    reply("gmail_fr_signoff", "gmail", "fr",
          "Chers collègues,\n\nJe suis d'accord avec cette proposition. Il faudrait toutefois préciser la méthode de calcul pour les zones côtières.\n\nCordialement,\nMarie Dubois\nMinistère de la Transition écologique",
          "Chers collègues,\n\nJe suis d'accord avec cette proposition. Il faudrait toutefois préciser la méthode de calcul pour les zones côtières.",
          frm=("Marie Dubois", "marie.dubois@ecologie.gouv.fr"))
    reply("gmail_es_signoff", "gmail", "es",
          "Estimados colegas:\n\nEstoy de acuerdo con la propuesta. En nuestro país ya separamos las áreas marinas de las terrestres en el informe nacional.\n\nSaludos cordiales,\nJuan Pérez",
          "Estimados colegas:\n\nEstoy de acuerdo con la propuesta. En nuestro país ya separamos las áreas marinas de las terrestres en el informe nacional.",
          frm=("Juan Pérez", "jperez@ambiente.gob.ar"))
    reply("gmail_pt_signoff", "gmail", "pt",
          "Prezados colegas,\n\nConcordo com a proposta. No Brasil, os dados das unidades de conservação já são publicados separadamente para o bioma marinho.\n\nAtenciosamente,\nAna Souza",
          "Prezados colegas,\n\nConcordo com a proposta. No Brasil, os dados das unidades de conservação já são publicados separadamente para o bioma marinho.",
          frm=("Ana Souza", "ana.souza@mma.gov.br"))
    reply("gmail_ru_signoff", "gmail", "ru",
          "Уважаемые коллеги,\n\nПоддерживаю предложение. В нашем национальном докладе морские и наземные территории уже учитываются раздельно.\n\nС уважением,\nИван Петров",
          "Уважаемые коллеги,\n\nПоддерживаю предложение. В нашем национальном докладе морские и наземные территории уже учитываются раздельно.",
          frm=("Иван Петров", "ivan.petrov@mnr.gov.ru"))
    reply("gmail_zh_signoff", "gmail", "zh",
          "各位同事：\n\n我同意这个建议。我们在国家报告中已经分别统计海洋和陆地保护区。\n\n此致\n敬礼！\n王伟",
          "各位同事：\n\n我同意这个建议。我们在国家报告中已经分别统计海洋和陆地保护区。",
          frm=("王伟", "wang.wei@mee.gov.cn"))
    reply("gmail_ar_signoff", "gmail", "ar",
          "السادة الزملاء،\n\nأؤيد هذا الاقتراح. نحن في تقريرنا الوطني نفصل بالفعل بين المناطق البحرية والبرية.\n\nمع التحية،\nأحمد علي",
          "السادة الزملاء،\n\nأؤيد هذا الاقتراح. نحن في تقريرنا الوطني نفصل بالفعل بين المناطق البحرية والبرية.",
          frm=("أحمد علي", "ahmed.ali@eeaa.gov.eg"))
    reply("gmail_en_signature_dashdash", "gmail", "en",
          "Thanks Anna, good question.\n\nWe report them separately and then add a combined figure for the headline indicator.\n\n-- \nDr. Peter Okafor\nFederal Ministry of Environment, Abuja\n+234 9 123 4567",
          "Thanks Anna, good question.\n\nWe report them separately and then add a combined figure for the headline indicator.",
          frm=("Peter Okafor", "p.okafor@environment.gov.ng"))
    reply("gmail_en_short_plusone", "gmail", "en", "+1, fully agree.", "+1, fully agree.",
          frm=("Lena Berg", "lena.berg@naturvardsverket.se"))
    # ----- Outlook desktop, header blocks in every language
    reply("outlook_en_header", "outlook", "en",
          "Hello all,\n\nPlease find our comments on the draft indicators below.\n1. Coverage should be split by realm.\n2. OECMs should be counted separately.\n\nKind regards,\nJohn Smith\nSenior Policy Adviser\nDepartment for Environment",
          "Hello all,\n\nPlease find our comments on the draft indicators below.\n1. Coverage should be split by realm.\n2. OECMs should be counted separately.",
          frm=("John Smith", "John.Smith@defra.gov.uk"))
    reply("outlook_fr_header", "outlook", "fr",
          "Bonjour à tous,\n\nNous partageons l'avis de la Colombie sur ce point.\n\nBien cordialement,\n\nPierre Martin\nChargé de mission biodiversité",
          "Bonjour à tous,\n\nNous partageons l'avis de la Colombie sur ce point.",
          frm=("Pierre Martin", "pierre.martin@ofb.gouv.fr"))
    reply("outlook_es_header", "outlook", "es",
          "Buenos días,\n\nCompartimos la preocupación sobre la doble contabilidad de las áreas costeras.\n\nUn cordial saludo,\nLucía Gómez\nDirección de Biodiversidad",
          "Buenos días,\n\nCompartimos la preocupación sobre la doble contabilidad de las áreas costeras.",
          frm=("Lucía Gómez", "lgomez@miteco.es"))
    reply("outlook_ru_header", "outlook", "ru",
          "Добрый день!\n\nСогласны с коллегами из Казахстана, нужна единая методика расчёта.\n\nС уважением,\nОльга Смирнова\nМинприроды России",
          "Добрый день!\n\nСогласны с коллегами из Казахстана, нужна единая методика расчёта.",
          frm=("Ольга Смирнова", "smirnova@mnr.gov.ru"))
    reply("outlook_ar_header", "outlook", "ar",
          "الزملاء الأعزاء،\n\nنتفق مع هذا الطرح ونقترح إضافة مؤشر للمناطق الساحلية.\n\nمع خالص التقدير،\nفاطمة حسن\nوزارة البيئة",
          "الزملاء الأعزاء،\n\nنتفق مع هذا الطرح ونقترح إضافة مؤشر للمناطق الساحلية.",
          frm=("فاطمة حسن", "f.hassan@moenv.gov.jo"))
    reply("outlook_zh_header", "outlook", "zh",
          "各位好，\n\n我们建议将其他有效的区域保护措施单独列出。\n\n谢谢！\n李娜\n生态环境部",
          "各位好，\n\n我们建议将其他有效的区域保护措施单独列出。",
          frm=("李娜", "li.na@mee.gov.cn"))
    reply("outlook_pt_header", "outlook", "pt",
          "Bom dia a todos,\n\nConcordamos com a separação por bioma.\n\nCumprimentos,\nJoão Silva\nICNF",
          "Bom dia a todos,\n\nConcordamos com a separação por bioma.",
          frm=("João Silva", "joao.silva@icnf.pt"))
    # ----- OWA / new Outlook
    reply("owa_en_disclaimer", "owa", "en",
          "Hi everyone,\n\nWe can share our GIS layers if that helps the comparison.\n\nBest,\nSarah\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and may be privileged. If you are not the intended recipient, please notify the sender immediately and delete it.",
          "Hi everyone,\n\nWe can share our GIS layers if that helps the comparison.",
          frm=("Sarah Connor", "sarah.connor@parks.ca"))
    reply("owa_fr_disclaimer", "owa", "fr",
          "Bonjour,\n\nJe transmets la question à notre point focal national.\n\nCordialement\n\nCe message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Si vous avez reçu ce message par erreur, merci d'en avertir immédiatement l'émetteur.",
          "Bonjour,\n\nJe transmets la question à notre point focal national.",
          frm=("Claire Bernard", "claire.bernard@environnement.gouv.sn"))
    reply("owa_es_disclaimer", "owa", "es",
          "Hola a todos:\n\nAdjuntamos la metodología utilizada en México.\n\nSaludos\nCarlos\n\nAVISO DE CONFIDENCIALIDAD: Este mensaje y sus anexos son confidenciales y están dirigidos exclusivamente a su destinatario. Si usted ha recibido este mensaje por error, notifíquelo al remitente y elimínelo.",
          "Hola a todos:\n\nAdjuntamos la metodología utilizada en México.",
          frm=("Carlos Ruiz", "carlos.ruiz@conabio.gob.mx"),
          attachments=(("Metodologia_areas_protegidas.pdf", "application/pdf", PDF),))
    reply("owa_ru_html_only", "owa", "ru",
          "Коллеги, добрый день.\n\nПрилагаю нашу позицию по индикатору 3.1.\n\nСпасибо,\nАлексей",
          "Коллеги, добрый день.\n\nПрилагаю нашу позицию по индикатору 3.1.",
          frm=("Алексей Иванов", "a.ivanov@ecology.gov.by"), html_only=True)
    reply("owa_en_html_only_banner", "owa", "en",
          "[EXTERNAL]\n\nThanks for raising this. Our agency will send a written submission by Friday.\n\nRegards,\nTom",
          "Thanks for raising this. Our agency will send a written submission by Friday.",
          frm=("Tom Baker", "tom.baker@doi.gov"), html_only=True)
    # ----- Outlook HTML-only (desktop)
    reply("outlook_en_html_only", "outlook", "en",
          "Dear Anna,\n\nYes, we do. See table 4 of our 7th national report.\n\nBest regards,\nKenji Tanaka",
          "Dear Anna,\n\nYes, we do. See table 4 of our 7th national report.",
          frm=("Kenji Tanaka", "k.tanaka@env.go.jp"), html_only=True)
    reply("outlook_zh_html_only", "outlook", "zh",
          "Anna 您好，\n\n我们目前尚未区分，但计划在下一次报告中区分。\n\n顺祝商祺\n陈明",
          "Anna 您好，\n\n我们目前尚未区分，但计划在下一次报告中区分。",
          frm=("陈明", "chen.ming@forestry.gov.cn"), html_only=True)
    # ----- Apple Mail
    reply("apple_en", "apple", "en",
          "Anna,\n\nIn Australia we report both, plus Indigenous Protected Areas as a separate line.\n\nCheers,\nJack",
          "Anna,\n\nIn Australia we report both, plus Indigenous Protected Areas as a separate line.",
          frm=("Jack Wilson", "jack.wilson@dcceew.gov.au"))
    reply("apple_fr", "apple", "fr",
          "Bonjour Anna,\n\nOui, c'est ce que nous faisons depuis 2020.\n\nBien à vous,\nSophie",
          "Bonjour Anna,\n\nOui, c'est ce que nous faisons depuis 2020.",
          frm=("Sophie Lefèvre", "sophie.lefevre@mnhn.fr"))
    reply("apple_ru_html_only", "apple", "ru",
          "Анна, добрый день!\n\nДа, мы разделяем эти данные с 2019 года.\n\nВсего доброго,\nДмитрий",
          "Анна, добрый день!\n\nДа, мы разделяем эти данные с 2019 года.",
          frm=("Дмитрий Козлов", "kozlov@zapoved.ru"), html_only=True)
    # ----- Thunderbird (format=flowed), top and bottom posting
    reply("thunderbird_en_top", "thunderbird", "en",
          "Hi Anna,\n\nWe split them. The marine figure comes from the national MPA database, which is updated \nevery two years, while the terrestrial one comes from the cadastre.\n\n-- \nMarco Rossi\nISPRA",
          "Hi Anna,\n\nWe split them. The marine figure comes from the national MPA database, which is updated every two years, while the terrestrial one comes from the cadastre.",
          frm=("Marco Rossi", "marco.rossi@isprambiente.it"))
    reply("thunderbird_ru_bottom", "thunderbird_bottom", "ru",
          "Да, раздельно. Методика описана в приложении 2 к национальному докладу.\n\n-- \nСергей Волков",
          "Да, раздельно. Методика описана в приложении 2 к национальному докладу.",
          frm=("Сергей Волков", "volkov@biodiv.kz"))
    reply("thunderbird_fr_latin1", "thunderbird", "fr",
          "Bonjour,\n\nNous séparons déjà les deux réalms ; la côte méditerranéenne pose problème.\n\nAmicalement,\nGérard",
          "Bonjour,\n\nNous séparons déjà les deux réalms ; la côte méditerranéenne pose problème.",
          frm=("Gérard Lemaître", "gerard.lemaitre@wanadoo.fr"), charset="iso-8859-1")
    # ----- Mobile clients
    reply("iphone_en", "iphone", "en", "Agreed. Will bring it up at SBSTTA.\n\nSent from my iPhone",
          "Agreed. Will bring it up at SBSTTA.", frm=("David Lee", "david.lee@gmail.com"))
    reply("iphone_fr", "iphone", "fr", "Tout à fait d'accord, merci Anna.\n\nEnvoyé de mon iPhone",
          "Tout à fait d'accord, merci Anna.", frm=("Julie Moreau", "julie.moreau@orange.fr"))
    reply("iphone_es", "iphone", "es", "De acuerdo, lo comentamos en la reunión del jueves.\n\nEnviado desde mi iPhone",
          "De acuerdo, lo comentamos en la reunión del jueves.", frm=("Andrés Torres", "atorres@minambiente.gov.co"))
    reply("iphone_ru", "iphone", "ru", "Согласен, обсудим на следующей встрече.\n\nОтправлено с iPhone",
          "Согласен, обсудим на следующей встрече.", frm=("Павел Орлов", "orlov@mail.ru"))
    reply("iphone_zh", "iphone", "zh", "同意，下次会议再讨论。\n\n从我的iPhone发送",
          "同意，下次会议再讨论。", frm=("张磊", "zhanglei@163.com"))
    reply("iphone_ar", "iphone", "ar", "أوافق تماماً، سنناقش ذلك في الاجتماع القادم.\n\nأُرسلت من الـ iPhone",
          "أوافق تماماً، سنناقش ذلك في الاجتماع القادم.", frm=("خالد يوسف", "khaled.youssef@gmail.com"))
    reply("outlook_mobile_en", "outlook_mobile", "en",
          "I'll send the shapefiles tomorrow.\n\nGet Outlook for Android<https://aka.ms/AAb9ysg>",
          "I'll send the shapefiles tomorrow.", frm=("Grace Mwangi", "g.mwangi@kws.go.ke"))
    reply("outlook_mobile_es", "outlook_mobile", "es",
          "Gracias, lo reviso esta tarde.\n\nObtener Outlook para Android<https://aka.ms/AAb9ysg>",
          "Gracias, lo reviso esta tarde.", frm=("Valentina Rojas", "vrojas@mma.gob.cl"))
    reply("samsung_pt", "samsung", "pt",
          "Concordo plenamente. Podemos enviar os dados do ICMBio.\n\n\n\nEnviado do meu Galaxy",
          "Concordo plenamente. Podemos enviar os dados do ICMBio.", frm=("Rafael Costa", "rafael.costa@icmbio.gov.br"))
    reply("yahoo_en", "yahoo", "en",
          "Good point. Our data are split by realm since 2018.\n\nSent from Yahoo Mail on Android",
          "Good point. Our data are split by realm since 2018.", frm=("Samuel Boateng", "sboateng@yahoo.com"))
    reply("yahoo_en_html_only", "yahoo", "en",
          "Hello,\n\nSame here, we report separately.\n\nRegards\nSamuel",
          "Hello,\n\nSame here, we report separately.", frm=("Samuel Boateng", "sboateng@yahoo.com"), html_only=True)
    # ----- Legacy charsets
    reply("outlook_ru_cp1251", "outlook", "ru",
          "Добрый день, коллеги!\n\nНаправляем комментарии Минприроды по проекту индикаторов.\n\nС уважением,\nНаталья Кузнецова",
          "Добрый день, коллеги!\n\nНаправляем комментарии Минприроды по проекту индикаторов.",
          frm=("Наталья Кузнецова", "kuznetsova@mnr.gov.ru"), charset="windows-1251", cte="base64",
          attachments=(("Комментарии_индикаторы.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX),))
    reply("thunderbird_ru_koi8r", "thunderbird", "ru",
          "Коллеги, поддерживаю. Данные по заповедникам у нас есть в открытом доступе.\n\n-- \nВ. Соколов",
          "Коллеги, поддерживаю. Данные по заповедникам у нас есть в открытом доступе.",
          frm=("Виктор Соколов", "sokolov@zapoved.ru"), charset="koi8-r", cte="8bit")
    reply("outlook_ar_cp1256", "outlook", "ar",
          "السلام عليكم،\n\nنرفق لكم ملاحظات الوزارة حول المؤشرات المقترحة.\n\nوتفضلوا بقبول فائق الاحترام،\nسارة محمود",
          "السلام عليكم،\n\nنرفق لكم ملاحظات الوزارة حول المؤشرات المقترحة.",
          frm=("سارة محمود", "s.mahmoud@moe.gov.sa"), charset="windows-1256", cte="quoted-printable")
    reply("foxmail_zh_gbk", "foxmail", "zh",
          "各位专家：\n\n附件是我们对指标的意见，请查收。\n\n谢谢\n刘洋",
          "各位专家：\n\n附件是我们对指标的意见，请查收。",
          frm=("刘洋", "liuyang@qq.com"), charset="gbk", cte="base64",
          attachments=(("指标意见.pdf", "application/pdf", PDF),))
    reply("outlook_zh_gb2312", "outlook", "zh",
          "大家好，\n\n我们支持分别报告。\n\n此致 敬礼\n赵强",
          "大家好，\n\n我们支持分别报告。",
          frm=("赵强", "zhaoqiang@cern.ac.cn"), charset="gb2312", cte="base64")
    reply("outlook_es_latin1_qp", "outlook", "es",
          "Estimados:\n\nLa información de Perú está disponible en el portal del SERNANP.\n\nAtentamente,\nRosa Quispe",
          "Estimados:\n\nLa información de Perú está disponible en el portal del SERNANP.",
          frm=("Rosa Quispe", "rquispe@sernanp.gob.pe"), charset="iso-8859-1", cte="quoted-printable")
    reply("yandex_ru", "yandex", "ru",
          "Здравствуйте!\n\nУ нас морских охраняемых территорий нет, поэтому вопрос не актуален.\n\n--\nТимур",
          "Здравствуйте!\n\nУ нас морских охраняемых территорий нет, поэтому вопрос не актуален.",
          frm=("Тимур Ахметов", "timur.akhmetov@yandex.ru"))
    reply("mailru_ru", "mailru", "ru",
          "Добрый вечер. Спасибо за вопрос, ответим письменно до пятницы.\n\nОтправлено из мобильной Почты Mail.ru",
          "Добрый вечер. Спасибо за вопрос, ответим письменно до пятницы.",
          frm=("Елена Морозова", "morozova@mail.ru"))
    # ----- Attachments
    reply("gmail_en_attachments", "gmail", "en",
          "Hi all,\n\nAttached are our national map and the data table.\n\nThanks,\nPriya",
          "Hi all,\n\nAttached are our national map and the data table.",
          frm=("Priya Sharma", "priya.sharma@moef.gov.in"),
          attachments=(("PA_coverage_map.png", "image/png", PNG), ("coverage_2024.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XLSX)))
    reply("apple_fr_pdf", "apple", "fr",
          "Voici notre note technique.\n\nAmitiés,\nLouis",
          "Voici notre note technique.", frm=("Louis Girard", "louis.girard@me.com"),
          attachments=(("Note technique – cible 3.pdf", "application/pdf", PDF),))
    # ----- Inline replies
    reply("inline_en_gmail", "raw", "en",
          "Hi Anna, answers inline.\n\n"
          f"{ATTR_GMAIL['en']}\n\n> {MARKERS['en']}\n>\n> Anna Schmidt posted in \"Indicators for Target 3\":\n>\n"
          "> 1. Should we report protected area coverage separately?\n\nYes, separately, and also combined.\n\n"
          "> 2. Should OECMs be included?\n\nOnly if reported to the WD-OECM.\n\n> 3. Which year is the baseline?\n\n2020, as agreed in Montreal.\n\n"
          "Best,\nTom\n",
          "Hi Anna, answers inline.\n\nYes, separately, and also combined.\n\nOnly if reported to the WD-OECM.\n\n2020, as agreed in Montreal.",
          frm=("Tom Hughes", "tom.hughes@jncc.gov.uk"))
    reply("inline_fr_thunderbird", "raw", "fr",
          f"{ATTR_TB['fr']}\n> {MARKERS['fr']}\n>\n> Anna Schmidt a publié :\n>\n> Faut-il séparer les aires marines ?\n\n"
          "Oui, nous le faisons déjà.\n\n> Et les AMCE ?\n\nElles sont comptées à part.\n\n-- \nHélène Roux\n",
          "Oui, nous le faisons déjà.\n\nElles sont comptées à part.",
          frm=("Hélène Roux", "helene.roux@free.fr"))
    reply("inline_es_marker_quoted", "raw", "es",
          f"{ATTR_GMAIL['es']}\n\n> {MARKERS['es']}\n>\n> ¿Deberíamos informar por separado?\n\nSí, sin duda.\n\n> ¿Con qué año base?\n\nCon 2020.\n",
          "Sí, sin duda.\n\nCon 2020.", frm=("Diego Fernández", "dfernandez@ambiente.gob.ec"))
    # ----- Keys: forged / absent / in other headers
    reply("key_absent_direct_mail", "gmail", "en",
          "Hello,\n\nI'd like to join the discussion on Target 3. Could you add me?\n\nThank you,\nNadia",
          "Hello,\n\nI'd like to join the discussion on Target 3. Could you add me?",
          frm=("Nadia Rahman", "nadia.rahman@doe.gov.bd"), key=None, to=f"Discussions <discussions@{DOMAIN}>")
    reply("key_forged", "gmail", "en",
          "Let me post this anyway.", "Let me post this anyway.",
          frm=("Mallory", "mallory@evil.example"), key="forged.0000.AAAAAAAAAA=",
          to=f"<reply+forged.0000.AAAAAAAAAA=@{DOMAIN}>")
    reply("key_in_cc", "outlook", "en",
          "Copying the forum so that everyone sees this.\n\nRegards,\nIrina",
          "Copying the forum so that everyone sees this.", frm=("Irina Popescu", "irina.popescu@mmediu.ro"),
          to="Anna Schmidt <anna.schmidt@bfn.de>",
          extra_headers=(("Cc", addr(FORUM, REPLY_ADDR)),), expect_extra={"reply_key": KEY})
    reply("key_in_delivered_to", "gmail", "en",
          "Forwarding my answer through the list address.", "Forwarding my answer through the list address.",
          frm=("Omar Haddad", "omar.haddad@gmail.com"), to=f"discussions@{DOMAIN}", expect_extra={"reply_key": KEY})
    # ----- Misc shapes
    reply("original_message_separator_en", "raw", "en",
          "We support the proposal.\n\nRegards,\nAlan\n\n-----Original Message-----\n"
          f"From: {FORUM} [mailto:{REPLY_ADDR}]\nSent: Monday, November 4, 2024 9:12 AM\nTo: Alan Ford\nSubject: RE: {SUBJECTS['en']}\n\n{history('en')}\n",
          "We support the proposal.", frm=("Alan Ford", "aford@sprep.org"))
    reply("original_message_separator_fr", "raw", "fr",
          "Nous soutenons la proposition.\n\n-----Message d'origine-----\n"
          f"De : {FORUM} [mailto:{REPLY_ADDR}]\nEnvoyé : lundi 4 novembre 2024 09:12\nÀ : Paul\nObjet : RE: {SUBJECTS['fr']}\n\n{history('fr')}\n",
          "Nous soutenons la proposition.", frm=("Paul Ndiaye", "pndiaye@environnement.gouv.sn"))
    reply("out_of_office_mentioned_in_text", "gmail", "en",
          "I will be out of office next week at COP, so please send comments to my colleague before Friday.\n\nThanks,\nEmma",
          "I will be out of office next week at COP, so please send comments to my colleague before Friday.",
          frm=("Emma Brown", "emma.brown@doc.govt.nz"))
    reply("crlf_plain_only_en", "gmail", "en",
          "Quick note: the WDPA release of November includes the new marine parks.\n\nBest regards\nLi",
          "Quick note: the WDPA release of November includes the new marine parks.",
          frm=("Li Wei", "li.wei@unep-wcmc.org"), plain_only=True, crlf=True)
    reply("marker_only_no_quote_prefix", "raw", "en",
          f"Fine by me.\n\n{MARKERS['en']}\n\nAnna Schmidt posted:\n\nShould we split?\n",
          "Fine by me.", frm=("Bob Stone", "bob.stone@example.net"))
    reply("thanks_only_fallback", "gmail", "en", "Thanks!", "Thanks!", frm=("Ken Adams", "ken.adams@example.net"))


# ------------------------------------------------------------------ auto-replies and bounces


def auto(name: str, headers: list[tuple[str, str]], text: str, lang: str, frm: str, charset: str = "utf-8",
         key: str | None = KEY, body_lang: str | None = None) -> None:
    base = [
        ("Return-Path", f"<{frm}>"),
        ("From", frm),
        ("To", addr(FORUM, REPLY_ADDR)),
        ("Date", "Mon, 04 Nov 2024 10:12:00 +0000"),
        ("Message-ID", f"<auto.{name}@mail.example.com>"),
    ]
    raw = message(base + headers, text_part(text, "plain", charset, "quoted-printable"))
    add(name, raw, {"kind": "auto_reply", "reply_key": key, "from": frm.split("<")[-1].rstrip(">").lower(),
                    "language": body_lang or lang})


def build_auto() -> None:
    s_en = "Re: " + SUBJECTS["en"]
    auto("auto_exchange_oof_en", [("Subject", "Automatic reply: " + s_en), ("Auto-Submitted", "auto-replied"),
                                  ("X-Auto-Response-Suppress", "All"), ("X-MS-Exchange-Inbox-Rules-Loop", "j.doe@un.org")],
         "I am out of the office until 15 November with limited access to email. For urgent matters please contact the secretariat.",
         "en", "j.doe@un.org")
    auto("auto_fr_subject_only", [("Subject", hdr("Réponse automatique : " + "RE: " + SUBJECTS["fr"]))],
         "Je suis absente du bureau jusqu'au 12 novembre. Je répondrai à votre message à mon retour.",
         "fr", "a.petit@ofb.gouv.fr")
    auto("auto_es_xautoreply", [("Subject", hdr("Respuesta automática: " + "RE: " + SUBJECTS["es"])), ("X-Autoreply", "yes")],
         "Estaré fuera de la oficina hasta el lunes. Para asuntos urgentes, escriba a la secretaría.",
         "es", "m.garcia@miteco.es")
    auto("auto_ru_autosubmitted", [("Subject", hdr("Автоответ: " + "RE: " + SUBJECTS["ru"])), ("Auto-Submitted", "auto-replied")],
         "Я в отпуске до 20 ноября. По срочным вопросам обращайтесь к моему заместителю.",
         "ru", "ivanova@mnr.gov.ru")
    auto("auto_zh_precedence", [("Subject", hdr("自动回复: " + "回复: " + SUBJECTS["zh"])), ("Precedence", "auto_reply")],
         "您好，我目前出差，将于11月10日返回。紧急事项请联系办公室。", "zh", "sun.li@mee.gov.cn")
    auto("auto_ar_subject_only", [("Subject", hdr("رد تلقائي: " + "رد: " + SUBJECTS["ar"]))],
         "أنا خارج المكتب حتى 15 نوفمبر. للأمور العاجلة يرجى التواصل مع السكرتارية.", "ar", "m.saleh@moenv.gov.jo")
    auto("auto_gmail_vacation_headers_only", [("Subject", s_en), ("Auto-Submitted", "auto-replied")],
         "Thanks for your email. I'm on leave until Monday and will reply when I'm back.", "en", "lena.berg@gmail.com")
    auto("auto_precedence_bulk_newsletter", [("Subject", "Biodiversity newsletter – November"), ("Precedence", "bulk"),
                                             ("List-Unsubscribe", "<mailto:unsubscribe@news.example.org>")],
         "This month in biodiversity: new reports, events and funding calls.", "en", "news@news.example.org")
    auto("auto_xautorespond", [("Subject", "Re: " + SUBJECTS["en"]), ("X-Autorespond", "1")],
         "Your message has been received. We will reply within 3 working days.", "en", "info@ngo.example.org")
    auto("auto_out_of_office_subject", [("Subject", "Out of Office: " + s_en)],
         "I am currently out of the office and will return on 18 November.", "en", "p.nguyen@monre.gov.vn")
    auto("auto_exchange_generated", [("Subject", s_en), ("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent")],
         "This mailbox is no longer monitored. Please write to cbd-focal-point@example.gov instead.", "en", "old.fp@example.gov")
    auto("auto_es_fuera_oficina_autosubmitted_generated", [("Subject", hdr("Fuera de la oficina: RE: " + SUBJECTS["es"])),
                                                           ("Auto-Submitted", "auto-generated")],
         "Me encuentro fuera de la oficina hasta el 20 de noviembre.", "es", "jlopez@ambiente.gob.ar")
    # read receipt (MDN)
    mdn = multipart("report", [
        text_part("Your message\n\n  To: Forum\n  Subject: " + s_en + "\n\nwas read on Monday, November 4, 2024 10:30 AM.", "plain", "utf-8", "7bit"),
        b"Content-Type: message/disposition-notification\n\nReporting-UA: mail.example.com; Microsoft Exchange Server\n"
        b"Final-Recipient: rfc822;r.khan@example.gov\nOriginal-Message-ID: <post-1187-1@discuss.example.org>\n"
        b"Disposition: automatic-action/MDN-sent-automatically; displayed\n",
    ], "mdn-boundary-01", '; report-type="disposition-notification"')
    add("auto_read_receipt_mdn", message([("From", "r.khan@example.gov"), ("To", addr(FORUM, REPLY_ADDR)),
                                          ("Subject", "Read: " + s_en), ("Date", "Mon, 04 Nov 2024 10:30:00 +0000"),
                                          ("Message-ID", "<mdn1@example.gov>")], mdn),
        {"kind": "auto_reply", "reply_key": KEY, "from": "r.khan@example.gov", "language": "en"})


def dsn(name: str, *, frm: str, subject: str, human: str, rcpt: str, status: str, action: str, diag: str,
        return_path: str = "<>", extra: list[tuple[str, str]] | None = None, to: str = REPLY_ADDR, hard: bool = True,
        language: str = "en") -> None:
    report = (
        f"Reporting-MTA: dns; mx.example.net\nArrival-Date: Mon, 4 Nov 2024 10:12:00 +0000\n\n"
        f"Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\nStatus: {status}\n"
        f"Remote-MTA: dns; mx.{rcpt.split('@')[1]}\nDiagnostic-Code: smtp; {diag}\n"
    ).encode()
    original = (
        f"From: {FORUM} <{REPLY_ADDR}>\nTo: {rcpt}\nSubject: {SUBJECTS['en']}\nMessage-ID: <post-1187-9@{DOMAIN}>\n\n"
        f"{history('en')}\n"
    ).encode()
    body = multipart("report", [
        text_part(human, "plain", "us-ascii", "7bit"),
        b"Content-Description: Delivery report\nContent-Type: message/delivery-status\n\n" + report,
        b"Content-Description: Undelivered Message\nContent-Type: message/rfc822\n\n" + original,
    ], f"dsn-{name}", '; report-type=delivery-status')
    headers = [("Return-Path", return_path), ("From", frm), ("To", to), ("Subject", subject),
               ("Date", "Mon, 04 Nov 2024 10:12:05 +0000"), ("Message-ID", f"<dsn.{name}@mx.example.net>"),
               ("Auto-Submitted", "auto-replied")] + (extra or [])
    from email.utils import parseaddr

    add(name, message(headers, body), {
        "kind": "bounce", "from": parseaddr(frm)[1].lower(), "reply_key": KEY if "reply+" in to else None,
        "bounce": {"recipient": rcpt.lower(), "status": status, "hard": hard}, "language": language,
    })


def build_bounces() -> None:
    dsn("bounce_postfix_hard_511", frm="MAILER-DAEMON@mx.example.net (Mail Delivery System)",
        subject="Undelivered Mail Returned to Sender",
        human="This is the mail system at host mx.example.net.\n\nI'm sorry to have to inform you that your message could not\n"
              "be delivered to one or more recipients. It's attached below.\n\n<nobody@nonexistent.example.com>: host\n"
              "    mx.nonexistent.example.com said: 550 5.1.1 <nobody@nonexistent.example.com>: Recipient address rejected: User unknown\n",
        rcpt="nobody@nonexistent.example.com", status="5.1.1", action="failed",
        diag="550 5.1.1 <nobody@nonexistent.example.com>: Recipient address rejected: User unknown")
    dsn("bounce_gmail_failure", frm="Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        subject="Delivery Status Notification (Failure)",
        human="** Address not found **\n\nYour message wasn't delivered to old.address@gmail.com because the address couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email account that you tried to reach does not exist.\n",
        rcpt="old.address@gmail.com", status="5.1.1", action="failed",
        diag="550-5.1.1 The email account that you tried to reach does not exist.")
    dsn("bounce_gmail_delay_soft", frm="Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        subject="Delivery Status Notification (Delay)",
        human="** Message not delivered yet **\n\nThere was a temporary problem delivering your message to focal.point@slow.example.org. Gmail will retry for 46 more hours.\n",
        rcpt="focal.point@slow.example.org", status="4.4.1", action="delayed",
        diag="421 4.4.1 Connection timed out", hard=False)
    dsn("bounce_exchange_ndr", frm="Microsoft Outlook <postmaster@ministry.example.gov>",
        subject="Undeliverable: " + SUBJECTS["en"],
        human="Delivery has failed to these recipients or groups:\n\nj.former@ministry.example.gov\nThe email address you entered couldn't be found.\n",
        rcpt="j.former@ministry.example.gov", status="5.4.1", action="failed",
        diag="550 5.4.1 Recipient address rejected: Access denied. AS(201806281)",
        return_path="<>")
    dsn("bounce_mailbox_full_soft", frm="MAILER-DAEMON@mx.example.net (Mail Delivery System)",
        subject="Delivery Status Notification (Delay)",
        human="Your message could not be delivered yet: the recipient's mailbox is full. Delivery will be retried.\n",
        rcpt="busy.person@example.org", status="4.2.2", action="delayed", diag="452 4.2.2 Mailbox full", hard=False)
    # Exim plain-text bounce
    exim = text_part(
        "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n  gone@university.example.edu\n"
        "    host mx.university.example.edu [192.0.2.10]\n    SMTP error from remote mail server after RCPT TO:<gone@university.example.edu>:\n"
        "    550 5.1.1 User unknown\n\n------ This is a copy of the message, including all the headers. ------\n\n"
        f"From: {FORUM} <{REPLY_ADDR}>\nSubject: {SUBJECTS['en']}\n", "plain", "us-ascii", "7bit")
    add("bounce_exim_plain", message([("Return-Path", "<>"), ("From", "Mail Delivery System <Mailer-Daemon@mail.example.net>"),
                                      ("To", REPLY_ADDR), ("Subject", "Mail delivery failed: returning message to sender"),
                                      ("X-Failed-Recipients", "gone@university.example.edu"), ("Auto-Submitted", "auto-replied"),
                                      ("Message-ID", "<E1exim@mail.example.net>")], exim),
        {"kind": "bounce", "from": "mailer-daemon@mail.example.net", "reply_key": KEY,
         "bounce": {"recipient": "gone@university.example.edu", "status": "5.1.1", "hard": True}, "language": "en"})
    qmail = text_part(
        "Hi. This is the qmail-send program at mail.example.com.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n<someone@closed.example.com>:\n"
        "192.0.2.7 does not like recipient.\nRemote host said: 550 No such user here\nGiving up on 192.0.2.7.\n", "plain", "us-ascii", "7bit")
    add("bounce_qmail_failure_notice", message([("Return-Path", "<>"), ("From", "MAILER-DAEMON@mail.example.com"),
                                                ("To", REPLY_ADDR), ("Subject", "failure notice"), ("Message-ID", "<qmail1@mail.example.com>")], qmail),
        {"kind": "bounce", "from": "mailer-daemon@mail.example.com", "reply_key": KEY,
         "bounce": {"recipient": "someone@closed.example.com", "hard": True}, "language": "en"})
    nullrp = text_part("Your message to info@lost.example.org could not be delivered: 550 mailbox unavailable.\n", "plain", "us-ascii", "7bit")
    add("bounce_null_return_path_only", message([("Return-Path", "<>"), ("From", "Mail System <system@relay.example.org>"),
                                                 ("To", REPLY_ADDR), ("Subject", "Notification"), ("Message-ID", "<nrp1@relay.example.org>")], nullrp),
        {"kind": "bounce", "from": "system@relay.example.org", "reply_key": KEY,
         "bounce": {"recipient": "info@lost.example.org", "hard": True}, "language": "en"})


# ------------------------------------------------------------------ held-out cases (written last)


def build_holdout() -> None:
    """Fifteen messages written after the parser was tuned; accuracy on them is reported apart."""
    me_es = "Laura Méndez <lmendez@sinac.go.cr>"
    # 1. Gmail es inline reply with "-- " signature, plain+html
    reply("holdout_gmail_es_inline", "raw", "es",
          f"Hola Anna:\n\n{ATTR_GMAIL['es']}\n\n> {MARKERS['es']}\n>\n> {POSTS['es'][0]}\n>\n> {POSTS['es'][1]}\n\n"
          "Sí, en Costa Rica lo hacemos desde 2018.\n\n> ¿Y las AMCE?\n\nTodavía no las contabilizamos.\n\n-- \nLaura Méndez\nSINAC\n",
          "Hola Anna:\n\nSí, en Costa Rica lo hacemos desde 2018.\n\nTodavía no las contabilizamos.",
          frm=("Laura Méndez", "lmendez@sinac.go.cr"))
    # 2. Outlook ru, cp1251, "-----Исходное сообщение-----" block
    reply("holdout_outlook_ru_original_message", "raw", "ru",
          "Коллеги, добрый день!\n\nНаша позиция: учитывать ООПТ регионального значения отдельно.\n\nС уважением,\nМарина Лебедева\nтел. +7 495 123-45-67\n\n"
          f"-----Исходное сообщение-----\nОт: {FORUM} [mailto:{REPLY_ADDR}]\nОтправлено: Monday, November 4, 2024 9:12 AM\n"
          f"Кому: Лебедева Марина\nТема: RE: {SUBJECTS['ru']}\n\n{history('ru')}\n",
          "Коллеги, добрый день!\n\nНаша позиция: учитывать ООПТ регионального значения отдельно.",
          frm=("Марина Лебедева", "lebedeva@mnr.gov.ru"), charset="windows-1251", cte="quoted-printable")
    # 3. Apple Mail zh, html+plain
    reply("holdout_apple_zh", "apple", "zh",
          "Anna，你好：\n\n我们自2021年起分别统计。\n\n祝好\n周杰",
          "Anna，你好：\n\n我们自2021年起分别统计。",
          frm=("周杰", "zhoujie@icloud.com"))
    # 4. Thunderbird es bottom posting, latin-1 8bit
    reply("holdout_thunderbird_es_bottom_latin1", "thunderbird_bottom", "es",
          "Coincido con la propuesta, pero habría que definir qué se entiende por \"costero\".\n\nSaludos,\nPablo",
          "Coincido con la propuesta, pero habría que definir qué se entiende por \"costero\".",
          frm=("Pablo Navarro", "pnavarro@uv.es"), charset="iso-8859-1", cte="8bit")
    # 5. Gmail pt, HTML only
    reply("holdout_gmail_pt_html_only", "gmail", "pt",
          "Olá Anna,\n\nSim, separamos. Os dados estão no painel do CNUC.\n\nAbraços,\nBeatriz",
          "Olá Anna,\n\nSim, separamos. Os dados estão no painel do CNUC.",
          frm=("Beatriz Lima", "beatriz.lima@gmail.com"), html_only=True)
    # 6. Outlook for iOS, en
    reply("holdout_outlook_ios_en", "raw", "en",
          "Sounds good, count us in.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\n"
          f"From: {FORUM} <{REPLY_ADDR}>\nSent: Monday, November 4, 2024 9:12:33 AM\nTo: Chris Evans <c.evans@epa.gov>\n"
          f"Subject: Re: {SUBJECTS['en']}\n\n{history('en')}\n",
          "Sounds good, count us in.", frm=("Chris Evans", "c.evans@epa.gov"))
    # 7. Outlook ar HTML only
    reply("holdout_owa_ar_html_only", "owa", "ar",
          "مرحباً،\n\nنعم، نقوم بذلك منذ عام 2020 في تقاريرنا الوطنية.\n\nمع أطيب التحيات،\nليلى عمر",
          "مرحباً،\n\nنعم، نقوم بذلك منذ عام 2020 في تقاريرنا الوطنية.",
          frm=("ليلى عمر", "layla.omar@moccae.gov.ae"), html_only=True)
    # 8. mislabelled charset: UTF-8 bytes declared as ISO-8859-1
    _counter[0] += 1
    raw = message(std_headers("fr", ("Élodie Faure", "elodie.faure@laposte.net"), None, None, _counter[0]) ,
                  b'Content-Type: text/plain; charset="iso-8859-1"\nContent-Transfer-Encoding: 8bit\n\n'
                  + ("Très bonne idée, je soutiens.\n\nÉlodie\n\n" + ATTR_TB["fr"] + "\n" + quote(history("fr")) + "\n").encode("utf-8"))
    add("holdout_mislabelled_utf8_as_latin1", raw, {"kind": "reply", "from": "elodie.faure@laposte.net", "reply_key": KEY,
                                                     "language": "fr", "body": "Très bonne idée, je soutiens.\n\nÉlodie"})
    # 9. iPad + top post, en, with greeting and signature block
    reply("holdout_ipad_en", "iphone", "en",
          "Hi Anna,\n\nYes - we report marine and terrestrial separately in Annex II.\n\nWarm regards,\nFatima\n\nSent from my iPad",
          "Hi Anna,\n\nYes - we report marine and terrestrial separately in Annex II.",
          frm=("Fatima Zahra", "fatima.zahra@environnement.gov.ma"))
    # 10. long signature block after "Best wishes,"
    reply("holdout_best_wishes_long_sig", "gmail", "en",
          "Dear all,\n\nThe IUCN guidance on OECMs (2019) already covers this.\n\nBest wishes,\nDr. Helen Clarke\nHead of Protected Areas Programme\nIUCN Oceania Regional Office\n5 Ma'afu Street, Suva, Fiji\nTel: +679 331 9084",
          "Dear all,\n\nThe IUCN guidance on OECMs (2019) already covers this.",
          frm=("Helen Clarke", "helen.clarke@iucn.org"))
    # 11. auto-reply pt subject + Auto-Submitted
    auto("holdout_auto_pt_resposta", [("Subject", hdr("Resposta automática: RE: " + SUBJECTS["pt"])), ("Auto-Submitted", "auto-replied")],
         "Estou fora do escritório até 18 de novembro, com acesso limitado ao e-mail.", "pt", "carla.reis@icnf.pt")
    # 12. auto-reply zh with X-Autoreply only, normal subject
    auto("holdout_auto_zh_xautoreply", [("Subject", hdr("回复: " + SUBJECTS["zh"])), ("X-Autoreply", "yes")],
         "您的邮件已收到，我休假至11月15日，届时回复。", "zh", "huang.min@126.com")
    # 13. Exchange NDR in French
    dsn("holdout_bounce_exchange_fr", frm="postmaster@ministere.example.fr",
        subject=hdr("Non remis : " + SUBJECTS["fr"]),
        human="Votre message n'a pas pu être remis aux destinataires suivants :\n\nancien.agent@ministere.example.fr\n",
        rcpt="ancien.agent@ministere.example.fr", status="5.1.10", action="failed",
        diag="550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", language="fr")
    # 14. Postfix delayed (soft)
    dsn("holdout_bounce_postfix_delayed", frm="MAILER-DAEMON@mx.example.net (Mail Delivery System)",
        subject="Delayed Mail (still being retried)",
        human="This is the mail system at host mx.example.net.\n\n####################################################################\n"
              "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\n"
              "Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n",
        rcpt="slow@greylist.example.com", status="4.7.1", action="delayed",
        diag="450 4.7.1 <slow@greylist.example.com>: Recipient address rejected: Greylisted", hard=False)
    # 15. Outlook desktop es with disclaimer and attachment (docx)
    reply("holdout_outlook_es_disclaimer_docx", "outlook", "es",
          "Estimada Anna:\n\nAdjunto el documento con los comentarios de Colombia.\n\nCordialmente,\n\nAndrea Castillo\nMinisterio de Ambiente y Desarrollo Sostenible\n\n"
          "Este correo electrónico y cualquier archivo adjunto son confidenciales y para uso exclusivo del destinatario. Si ha recibido este mensaje por error, por favor bórrelo.",
          "Estimada Anna:\n\nAdjunto el documento con los comentarios de Colombia.",
          frm=("Andrea Castillo", "acastillo@minambiente.gov.co"),
          attachments=(("Comentarios Colombia meta 3.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCX),))


def raw_reply(name: str, lang: str, frm: tuple[str, str], body_part: bytes, expect_body: str | None,
              kind: str = "reply", subject: str | None = None, extra: tuple[tuple[str, str], ...] = (),
              expect_extra: dict | None = None) -> None:
    """A message whose MIME body was written by hand (not by the client templates above)."""
    _counter[0] += 1
    hdrs = std_headers(lang, frm, subject, None, _counter[0]) + list(extra)
    exp: dict = {"kind": kind, "from": frm[1].lower(), "reply_key": KEY, "language": lang}
    if expect_body is not None:
        exp["body"] = expect_body
    if expect_extra:
        exp.update(expect_extra)
    add(name, message(hdrs, body_part), exp)


def build_holdout_b() -> None:
    """Second held-out batch: hand-written shapes that the templates do not produce."""
    raw_reply("holdout_b_outlook_mac_date_header", "en", ("Alex Kim", "alex.kim@noaa.gov"), text_part(
        "Anna, all,\n\nNOAA reports marine areas through the MPA Inventory; happy to share the method note.\n\nThanks,\nAlex\n\n"
        f"From: {FORUM} <{REPLY_ADDR}>\nDate: Monday, 4 November 2024 at 09:12\nTo: Alex Kim <alex.kim@noaa.gov>\n"
        f"Subject: Re: {SUBJECTS['en']}\n\n{history('en')}\n"),
        "Anna, all,\n\nNOAA reports marine areas through the MPA Inventory; happy to share the method note.")
    html = (
        '<div dir="ltr"><div>Hi Anna,</div><div><br></div><div>Here is the chart we discussed <img src="cid:ii_m3abc" alt="chart.png" width="400"><br></div>'
        '<div><br></div><div>Cheers,</div><div>Nick</div><div><br></div><span class="gmail_signature_prefix">-- </span><br>'
        '<div dir="ltr" class="gmail_signature"><div dir="ltr">Nick Adams | WWF<br>+1 202 555 0100</div></div></div><br>'
        '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Nov 4, 2024 at 9:12 AM '
        f'{FORUM} &lt;<a href="mailto:{REPLY_ADDR}">{REPLY_ADDR}</a>&gt; wrote:<br></div><blockquote class="gmail_quote">'
        f"{html_history('en')}</blockquote></div>"
    )
    raw_reply("holdout_b_gmail_html_only_inline_image", "en", ("Nick Adams", "nick.adams@wwfus.org"), multipart("related", [
        text_part(html, "html"), binary_part("chart.png", "image/png", PNG, inline_cid="ii_m3abc")], "rel-b2"),
        "Hi Anna,\n\nHere is the chart we discussed", expect_extra={"attachments": ["chart.png"]})
    _counter[0] += 1
    add("holdout_b_lotus_is_out_of_office", message([
        ("From", "Bernard Okoth <bokoth@nema.go.ke>"), ("To", addr(FORUM, REPLY_ADDR)),
        ("Subject", "Bernard Okoth is out of the office."), ("Date", "Mon, 04 Nov 2024 10:00:00 +0300"),
        ("Message-ID", "<OF1234.lotus@nema.go.ke>")],
        text_part("I will be out of the office starting 04/11/2024 and will not return until 18/11/2024.\n")),
        {"kind": "auto_reply", "from": "bokoth@nema.go.ke", "reply_key": KEY, "language": "en"})
    tb_html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>'
        "<p>Hallo Anna,</p><p>we split them, see the attached note.<br></p>"
        '<pre class="moz-signature" cols="72">-- \nJan de Vries\nRijkswaterstaat</pre>'
        '<div class="moz-cite-prefix">On 04/11/2024 09:12, CBD Discussions wrote:<br></div>'
        f'<blockquote type="cite" cite="mid:post-1187-1@{DOMAIN}">{html_history("en")}</blockquote></body></html>'
    )
    raw_reply("holdout_b_thunderbird_html_only", "en", ("Jan de Vries", "jan.devries@rws.nl"), text_part(tb_html, "html"),
              "Hallo Anna,\n\nwe split them, see the attached note.")
    raw_reply("holdout_b_zimbra_original_message", "es", ("Marta Díaz", "mdiaz@ambiente.gob.uy"), text_part(
        "Buenas tardes,\n\nUruguay informa ambas cifras por separado desde 2022.\n\nSaludos cordiales\nMarta\n\n"
        f"----- Mensaje original -----\nDe: \"{FORUM}\" <{REPLY_ADDR}>\nPara: \"Marta Díaz\" <mdiaz@ambiente.gob.uy>\n"
        f"Enviados: Lunes, 4 de Noviembre 2024 9:12:00\nAsunto: RE: {SUBJECTS['es']}\n\n{history('es')}\n", cte="8bit"),
        "Buenas tardes,\n\nUruguay informa ambas cifras por separado desde 2022.")
    raw_reply("holdout_b_owa_ru_disclaimer", "ru", ("Игорь Новиков", "novikov@minpriroda.gov.by"), text_part(
        "Коллеги,\n\nБеларусь не имеет морских территорий, поэтому для нас актуален только наземный показатель.\n\nИгорь Новиков\n\n"
        "Данное сообщение и любые приложения к нему являются конфиденциальными и предназначены исключительно для адресата.\n\n"
        f"________________________________\nОт: {FORUM} <{REPLY_ADDR}>\nОтправлено: 4 ноября 2024 г. 9:12\nКому: Новиков Игорь\n"
        f"Тема: RE: {SUBJECTS['ru']}\n\n{history('ru')}\n", charset="koi8-r", cte="quoted-printable"),
        "Коллеги,\n\nБеларусь не имеет морских территорий, поэтому для нас актуален только наземный показатель.\n\nИгорь Новиков")
    raw_reply("holdout_b_gmail_ar_plain_tahiyati", "ar", ("يوسف الحسن", "yousef.alhassan@gmail.com"), text_part(
        "مرحباً آنا،\n\nفي المغرب نفصل بين المناطق البحرية والبرية منذ 2019.\n\nمع تحياتي،\nيوسف\n\n"
        f"{ATTR_GMAIL['ar']}\n\n{quote(history('ar'))}\n", charset="utf-8", cte="base64"),
        "مرحباً آنا،\n\nفي المغرب نفصل بين المناطق البحرية والبرية منذ 2019.")
    raw_reply("holdout_b_outlook_zh_cc_line", "zh", ("孙丽", "sunli@mee.gov.cn"), text_part(
        "Anna 你好，\n\n附件为中国的统计方法说明。\n\n祝好！\n孙丽\n\n"
        f"发件人: {FORUM} <{REPLY_ADDR}>\n发送时间: 2024年11月4日 9:12\n收件人: 孙丽 <sunli@mee.gov.cn>\n抄送: 王伟 <wang.wei@mee.gov.cn>\n"
        f"主题: 回复: {SUBJECTS['zh']}\n\n{history('zh')}\n", charset="gb2312", cte="base64"),
        "Anna 你好，\n\n附件为中国的统计方法说明。")
    _counter[0] += 1
    add("holdout_b_bounce_yahoo_failure_notice", message([
        ("Return-Path", "<>"), ("From", "MAILER-DAEMON@yahoo.com"), ("To", REPLY_ADDR), ("Subject", "Failure Notice"),
        ("Message-ID", "<yb1@yahoo.com>")], text_part(
        "Sorry, we were unable to deliver your message to the following address.\n\n<ghost.user@yahoo.com>:\n"
        "554: delivery error: dd This user doesn't have a yahoo.com account (ghost.user@yahoo.com) [0] - mta1003.mail.gq1.yahoo.com\n")),
        {"kind": "bounce", "from": "mailer-daemon@yahoo.com", "reply_key": KEY, "language": "en",
         "bounce": {"recipient": "ghost.user@yahoo.com", "hard": True}})
    _counter[0] += 1
    add("holdout_b_auto_ru_null_return_path", message([
        ("Return-Path", "<>"), ("From", addr("Светлана Орлова", "orlova@mnr.gov.ru")), ("To", addr(FORUM, REPLY_ADDR)),
        ("Subject", hdr("Автоматический ответ: RE: " + SUBJECTS["ru"])), ("Auto-Submitted", "auto-replied"),
        ("Message-ID", "<oof-ru@mnr.gov.ru>")], text_part("Я нахожусь в командировке до 15 ноября.\n")),
        {"kind": "auto_reply", "from": "orlova@mnr.gov.ru", "reply_key": KEY, "language": "ru"})
    raw_reply("holdout_b_iphone_pt_outlook_signature", "pt", ("Marcos Alves", "marcos.alves@mma.gov.br"), text_part(
        "Perfeito, obrigado pela organização.\n\nEnviado do meu iPhone\n\n"
        f"{ATTR_APPLE['pt']}\n\n{quote(history('pt'))}\n"),
        "Perfeito, obrigado pela organização.")


def main() -> int:
    build_replies()
    build_auto()
    build_bounces()
    build_holdout()
    build_holdout_b()
    for old in HERE.glob("*.eml"):
        old.unlink()
    for old in HERE.glob("*.json"):
        old.unlink()
    names = set()
    for name, raw, expected in CASES:
        assert name not in names, name
        names.add(name)
        (HERE / f"{name}.eml").write_bytes(raw)
        (HERE / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(CASES)} messages to {HERE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
