#!/usr/bin/env python3
"""Generate the held-out inbound-mail set used by ``tests/forums/test_mailparse_heldout.py``.

These messages were written independently of ``mail_corpus/`` (other forum name, reply domain,
keys, people, texts and dates) and modelled on the *shapes* of real messages published as test
fixtures by other projects (Discourse ``spec/fixtures/emails``, github/email_reply_parser,
crisp-oss/email-reply-parser, mailgun/talon): Gmail's attribution split over two lines,
Android Gmail's attribution glued to the text, iOS Mail's attribution inside the ``>`` quote,
Outlook desktop / OWA / Outlook for Mac / Outlook mobile header blocks in many languages,
``-----Original Message-----``, Samsung ``-------- Original message --------``, Zoho
``---- On … wrote ----``, Mail.ru ``… от Имя <x@y>:``, Yahoo ``yahoo_quoted``, Thunderbird
``moz-cite-prefix``, Apple ``blockquote type=cite``, banners, disclaimers, legacy charsets
(windows-1251, windows-1256, GBK, Big5, ISO-8859-1), quoted-printable and base64. No third-party
file is copied.

The expected bodies were written before the parser was run on these messages: the body is
what a person would consider the new reply (greetings kept; quoted history, attribution,
signature, sign-off with the name under it, mobile footers, banners and disclaimers removed).

Run: ``python tests/forums/mail_corpus_heldout/make_heldout.py`` (rewrites all files).
"""

from __future__ import annotations

import base64
import json
import quopri
import sys
from email.header import Header
from email.utils import formataddr, parseaddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOMAIN = "forum.naturehub.example"
FORUM = "NatureHub Forum"
CASES: list[tuple[str, bytes, dict]] = []

MARKERS = {
    "en": "##- Please type your reply above this line -##",
    "ar": "##- يرجى كتابة ردك فوق هذا السطر -##",
    "es": "##- Por favor, escriba su respuesta encima de esta línea -##",
    "fr": "##- Veuillez écrire votre réponse au-dessus de cette ligne -##",
    "ru": "##- Пожалуйста, введите ответ над этой строкой -##",
    "zh": "##- 请在此行上方输入您的回复 -##",
}
POSTS = {
    "en": (
        "Kofi Mensah replied in \u201cWetland restoration metrics\u201d:",
        "Has anyone compared remote-sensing estimates with field plots for peatland rewetting?",
    ),
    "fr": (
        "Kofi Mensah a répondu dans « Indicateurs de restauration des zones humides » :",
        "Quelqu'un a-t-il comparé les estimations satellitaires avec des placettes de terrain ?",
    ),
    "es": (
        "Kofi Mensah respondió en «Métricas de restauración de humedales»:",
        "¿Alguien ha comparado las estimaciones satelitales con parcelas de campo?",
    ),
    "pt": (
        "Kofi Mensah respondeu em \u201cMétricas de restauração de zonas húmidas\u201d:",
        "Alguém comparou estimativas por satélite com parcelas de campo?",
    ),
    "de": (
        "Kofi Mensah hat in \u201eKennzahlen für Moorwiedervernässung\u201c geantwortet:",
        "Hat jemand Fernerkundungsschätzungen mit Feldplots verglichen?",
    ),
    "ru": (
        "Кофи Менса ответил в обсуждении «Показатели восстановления водно-болотных угодий»:",
        "Кто-нибудь сравнивал спутниковые оценки с полевыми площадками?",
    ),
    "ar": (
        "ردّ كوفي مينسا في «مقاييس استعادة الأراضي الرطبة»:",
        "هل قارن أحد تقديرات الاستشعار عن بعد بقطع الأراضي الميدانية؟",
    ),
    "zh": ("Kofi Mensah 在「湿地恢复指标」中回复：", "有人比较过遥感估算和实地样地的结果吗？"),
}
FOOTER = "You are receiving this because you follow this topic. Unsubscribe: https://forum.naturehub.example/u/prefs"
SUBJECTS = {
    "en": "[NatureHub] Wetland restoration metrics",
    "fr": "[NatureHub] Indicateurs de restauration des zones humides",
    "es": "[NatureHub] Métricas de restauración de humedales",
    "pt": "[NatureHub] Métricas de restauração de zonas húmidas",
    "de": "[NatureHub] Kennzahlen für Moorwiedervernässung",
    "ru": "[NatureHub] Показатели восстановления водно-болотных угодий",
    "ar": "[NatureHub] مقاييس استعادة الأراضي الرطبة",
    "zh": "[NatureHub] 湿地恢复指标",
}

_n = [0]


def key_for(n: int) -> str:
    return f"c{n:02d}.p88{n}.Zk7-q_Wm{n}="


def reply_addr(n: int) -> str:
    return f"reply+{key_for(n)}@{DOMAIN}"


# ------------------------------------------------------------------ MIME helpers


def hdr(value: str, charset: str = "utf-8") -> str:
    return value if value.isascii() else Header(value, charset).encode(maxlinelen=76)


def addr(name: str, address: str, charset: str = "utf-8") -> str:
    return formataddr((name, address)) if name.isascii() else formataddr((name, address), charset=charset)


def part(
    text: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "quoted-printable", params: str = ""
) -> bytes:
    data = text.encode(charset)
    if cte == "quoted-printable":
        enc = quopri.encodestring(data)
    elif cte == "base64":
        enc = base64.encodebytes(data)
    else:
        enc = data
    head = f'Content-Type: text/{subtype}; charset="{charset}"{params}\nContent-Transfer-Encoding: {cte}\n\n'
    return head.encode("ascii") + enc


def multipart(subtype: str, parts: list[bytes], boundary: str, params: str = "") -> bytes:
    out = f'Content-Type: multipart/{subtype}; boundary="{boundary}"{params}\n\n'.encode("ascii")
    for p in parts:
        out += f"--{boundary}\n".encode("ascii") + p.rstrip(b"\n") + b"\n\n"
    return out + f"--{boundary}--\n".encode("ascii")


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(text: str, prefix: str = "> ") -> str:
    return "\n".join(prefix + ln if ln else prefix.rstrip() for ln in text.split("\n"))


def history(lang: str) -> str:
    who, post = POSTS[lang]
    return f"{MARKERS.get(lang, MARKERS['en'])}\n\n{who}\n\n{post}\n\n-- \n{FOOTER}"


def html_history(lang: str) -> str:
    who, post = POSTS[lang]
    return (
        f'<div style="color:#b5b5b5">{esc(MARKERS.get(lang, MARKERS["en"]))}</div>'
        f'<p><b>{esc(who)}</b></p><p>{esc(post)}</p><hr><p style="font-size:11px">{esc(FOOTER)}</p>'
    )


def divs(text: str) -> str:
    return "".join(f"<div>{esc(ln)}</div>" if ln else "<div><br></div>" for ln in text.split("\n"))


def paras(text: str) -> str:
    return "".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))


def mso(text: str) -> str:
    return "\n".join(
        f'<p class="MsoNormal"><span style="font-size:11.0pt">{esc(ln)}<o:p></o:p></span></p>'
        if ln
        else '<p class="MsoNormal"><span style="font-size:11.0pt"><o:p>&nbsp;</o:p></span></p>'
        for ln in text.split("\n")
    )


def headers(
    n: int,
    lang: str,
    frm: tuple[str, str],
    *,
    subject: str | None = None,
    charset: str = "utf-8",
    extra: list[tuple[str, str]] | None = None,
    to: str | None = None,
) -> list[tuple[str, str]]:
    subj = subject if subject is not None else "Re: " + SUBJECTS[lang]
    return [
        ("Return-Path", f"<{frm[1]}>"),
        ("Received", f"from mx.{frm[1].split('@')[1]} by mx.{DOMAIN}; Tue, 11 Mar 2025 16:20:{n:02d} +0000"),
        ("From", addr(frm[0], frm[1], charset)),
        ("To", to if to is not None else addr(FORUM, reply_addr(n))),
        ("Subject", hdr(subj, charset)),
        ("Date", f"Tue, 11 Mar 2025 16:{n % 60:02d}:12 +0100"),
        ("Message-ID", f"<h{n:03d}.{lang}.{frm[1].split('@')[0]}@{frm[1].split('@')[1]}>"),
        ("In-Reply-To", f"<post-5521-{n}@{DOMAIN}>"),
        ("References", f"<topic-5521@{DOMAIN}> <post-5521-{n}@{DOMAIN}>"),
    ] + (extra or [])


def message(hdrs: list[tuple[str, str]], body: bytes, crlf: bool = False) -> bytes:
    raw = "".join(f"{k}: {v}\n" for k, v in hdrs).encode("utf-8") + b"MIME-Version: 1.0\n" + body
    return raw.replace(b"\n", b"\r\n") if crlf else raw


def add(name: str, raw: bytes, expected: dict) -> None:
    CASES.append((name, raw, expected))


def reply_case(
    name: str,
    lang: str,
    frm: tuple[str, str],
    plain: str | None,
    html: str | None,
    body: str,
    *,
    charset: str = "utf-8",
    cte: str = "quoted-printable",
    extra: list[tuple[str, str]] | None = None,
    subject: str | None = None,
    language: str | None = None,
    plain_params: str = "",
    crlf: bool = False,
) -> int:
    """Add one reply; ``plain``/``html`` may contain ``{ADDR}`` for the reply address."""
    _n[0] += 1
    n = _n[0]
    ra = reply_addr(n)
    parts = []
    if plain is not None:
        parts.append(part(plain.replace("{ADDR}", ra), "plain", charset, cte, plain_params))
    if html is not None:
        parts.append(part(html.replace("{ADDR}", esc(ra)), "html", charset, cte))
    payload = parts[0] if len(parts) == 1 else multipart("alternative", parts, f"=_alt_{name}_{n}")
    expected = {
        "kind": "reply",
        "from": frm[1].lower(),
        "reply_key": key_for(n),
        "language": language or lang,
        "body": body,
    }
    if language == "":  # a language the detector does not know: not checked
        del expected["language"]
    add(
        name,
        message(headers(n, lang, frm, subject=subject, charset=charset, extra=extra), payload, crlf),
        expected,
    )
    return n


# ------------------------------------------------------------------ replies


def gmail(lang: str, new: str, attr: str, rtl: bool = False) -> tuple[str, str]:
    plain = f"{new}\n\n{attr}\n\n{quote(history(lang))}\n"
    html = (
        f'<div dir="{"rtl" if rtl else "ltr"}">{divs(new)}</div><br><div class="gmail_quote gmail_quote_container">'
        f'<div dir="ltr" class="gmail_attr">{esc(attr)}<br></div><blockquote class="gmail_quote" '
        f'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
        f"{html_history(lang)}</blockquote></div>"
    )
    return plain, html


def outlook_plain(new: str, block: str, lang: str, sep: str = "") -> str:
    return f"{new}\n\n{sep}{block}\n\n{history(lang)}\n"


def outlook_html(new: str, block_html: str, lang: str) -> str:
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name="Generator" '
        'content="Microsoft Word 15 (filtered medium)"><style><!-- p.MsoNormal{margin:0cm} --></style></head>'
        f'<body lang="EN-GB" link="#0563C1"><div class="WordSection1">{mso(new)}'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;'
        f'padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">{block_html}<o:p></o:p></p></div></div>'
        f'<p class="MsoNormal"><o:p>&nbsp;</o:p></p>{html_history(lang)}</div></body></html>'
    )


def block(labels: tuple[str, str, str, str], date: str, me: str, lang: str, cc: str | None = None) -> str:
    f, s, t, subj = labels
    lines = [f"{f}: {FORUM} <{{ADDR}}>", f"{s}: {date}", f"{t}: {me}"]
    if cc:
        lines.append(cc)
    lines.append(f"{subj}: Re: {SUBJECTS[lang]}")
    return "\n".join(lines)


def block_html(labels: tuple[str, str, str, str], date: str, me: str, lang: str) -> str:
    f, s, t, subj = labels
    return (
        f"<b>{esc(f)}:</b> {esc(FORUM)} &lt;{{ADDR}}&gt;<br><b>{esc(s)}:</b> {esc(date)}<br>"
        f"<b>{esc(t)}:</b> {esc(me)}<br><b>{esc(subj)}:</b> {esc('Re: ' + SUBJECTS[lang])}"
    )


def build_replies() -> None:
    # 1 Gmail web, English, attribution split after "<" (long address), sign-off + name
    new = (
        "Hi Kofi,\n\nYes: we ran both on 14 sites in 2023. Field plots gave about 12% lower carbon "
        "estimates than the Sentinel-2 model.\nI'll share the comparison table on Friday.\n\nBest,\nHannah"
    )
    p, h = gmail("en", new, f"On Tue, Mar 11, 2025 at 3:58\u202fPM {FORUM} <\n{{ADDR}}> wrote:")
    reply_case(
        "gmail_en_attr_split_angle",
        "en",
        ("Hannah Becker", "hannah.becker@uni-greifswald.example"),
        p,
        h,
        "Hi Kofi,\n\nYes: we ran both on 14 sites in 2023. Field plots gave about 12% lower carbon "
        "estimates than the Sentinel-2 model.\nI'll share the comparison table on Friday.",
    )

    # 2 Gmail French, attribution wrapped before "a écrit"
    new = "Bonjour,\n\nNous avons le même constat en Camargue : les images radar sous-estiment la surface inondée.\n\nBien à vous,\nÉlodie Fabre"
    p, h = gmail("fr", new, f"Le mar. 11 mars 2025 à 15:58, {FORUM} <{{ADDR}}> a\nécrit :")
    reply_case(
        "gmail_fr_attr_wrapped",
        "fr",
        ("Élodie Fabre", "elodie.fabre@tourduvalat.example"),
        p,
        h,
        "Bonjour,\n\nNous avons le même constat en Camargue : les images radar sous-estiment la surface inondée.",
    )

    # 3 Gmail German (no German marker: the English one is quoted)
    new = "Hallo zusammen,\n\nwir haben die Feldplots im Peenetal zweimal jährlich beprobt. Die Daten stelle ich gern zur Verfügung.\n\nViele Grüße\nJonas Richter"
    p, h = gmail("de", new, f"Am Di., 11. März 2025 um 15:58 Uhr schrieb {FORUM} <\n{{ADDR}}>:")
    reply_case(
        "gmail_de_am_schrieb",
        "de",
        ("Jonas Richter", "j.richter@moorzentrum.example"),
        p,
        h,
        "Hallo zusammen,\n\nwir haben die Feldplots im Peenetal zweimal jährlich beprobt. Die Daten stelle ich gern zur Verfügung.",
    )

    # 4 Gmail Russian: attribution without a verb, ends with "<addr>:"
    new = "Добрый день!\n\nВ Мещёре мы сравнивали оба метода: расхождение около 15%.\n\nС уважением,\nОльга Кузнецова"
    p, h = gmail("ru", new, f"вт, 11 мар. 2025 г. в 15:58, {FORUM} <{{ADDR}}>:")
    reply_case(
        "gmail_ru_no_verb",
        "ru",
        ("Ольга Кузнецова", "o.kuznetsova@ecopolis.example"),
        p,
        h,
        "Добрый день!\n\nВ Мещёре мы сравнивали оба метода: расхождение около 15%.",
    )

    # 5 Gmail Arabic with bidi marks
    new = "مرحباً كوفي،\n\nقمنا بمقارنة مماثلة في الأهوار العراقية وكانت النتائج متقاربة جداً.\n\nمع خالص التحية\nليلى حسن"
    p, h = gmail(
        "ar",
        new,
        "\u202bفي الثلاثاء، 11 مارس 2025 في 3:58 م تمت كتابة ما يلي بواسطة \u202a"
        + FORUM
        + "\u202c\u200f <\u202a{ADDR}\u202c\u200f>:\u202c",
        rtl=True,
    )
    reply_case(
        "gmail_ar_bidi",
        "ar",
        ("ليلى حسن", "layla.hassan@marshes.example"),
        p,
        h,
        "مرحباً كوفي،\n\nقمنا بمقارنة مماثلة في الأهوار العراقية وكانت النتائج متقاربة جداً.",
    )

    # 6 Gmail Chinese
    new = "各位好，\n\n我们在若尔盖做过类似比较，遥感结果偏高约百分之十。\n\n祝好\n王磊"
    p, h = gmail("zh", new, f"{FORUM} <{{ADDR}}> 于2025年3月11日周二 15:58写道：")
    reply_case(
        "gmail_zh_yu_xiedao",
        "zh",
        ("王磊", "wang.lei@wetlands.example"),
        p,
        h,
        "各位好，\n\n我们在若尔盖做过类似比较，遥感结果偏高约百分之十。",
    )

    # 7 Gmail Spanish, address in parentheses
    new = "Hola a todos:\n\nEn Doñana usamos parcelas permanentes; puedo enviar la metodología.\n\nUn saludo,\nPablo"
    p, h = gmail("es", new, f"El mar, 11 mar 2025 a las 15:58, {FORUM} (<{{ADDR}}>)\nescribió:")
    reply_case(
        "gmail_es_parens",
        "es",
        ("Pablo Ortega", "pablo.ortega@ebd.example"),
        p,
        h,
        "Hola a todos:\n\nEn Doñana usamos parcelas permanentes; puedo enviar la metodología.",
    )

    # 8 Gmail Portuguese, plain only, base64
    new = "Olá Kofi,\n\nNo Pantanal comparámos as duas abordagens e a diferença foi pequena.\n\nAbraço,\nInês Carvalho"
    p, _ = gmail("pt", new, f"Em ter., 11 de mar. de 2025 às 15:58, {FORUM} <\n{{ADDR}}> escreveu:")
    reply_case(
        "gmail_pt_plain_base64",
        "pt",
        ("Inês Carvalho", "ines.carvalho@icnf.example"),
        p,
        None,
        "Olá Kofi,\n\nNo Pantanal comparámos as duas abordagens e a diferença foi pequena.",
        cte="base64",
    )

    # 9 Android Gmail: attribution glued to the last line, quoted name, blank line then quote
    new = "Good point. The drone surveys also helped with the peat depth estimates.\n\nSent from my Pixel"
    plain = f'{new}\nOn Tue, 11 Mar 2025, 15:58 "{FORUM}", <{{ADDR}}> wrote:\n\n{quote(history("en"))}\n'
    html = (
        f'<p dir="ltr">Good point. The drone surveys also helped with the peat depth estimates.</p>'
        f'<p dir="ltr">Sent from my Pixel</p><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
        f"On Tue, 11 Mar 2025, 15:58 &quot;{FORUM}&quot;, &lt;{{ADDR}}&gt; wrote:<br></div>"
        f'<blockquote class="gmail_quote">{html_history("en")}</blockquote></div>'
    )
    reply_case(
        "android_gmail_glued_attr",
        "en",
        ("Samuel Otieno", "samuel.otieno@kws.example"),
        plain,
        html,
        "Good point. The drone surveys also helped with the peat depth estimates.",
    )

    # 10 Outlook desktop English: signature block with title and phone, header block
    me = "Grace Mwangi <grace.mwangi@nema.example>"
    new = (
        "Dear colleagues,\n\nThank you for raising this. Kenya's national inventory uses field plots only, "
        "but we plan to add remote sensing in 2026.\n\nKind regards,\n\nGrace Mwangi\nSenior Wetlands Officer\n"
        "National Environment Management Authority\nTel: +254 20 555 0199"
    )
    blk = block(("From", "Sent", "To", "Subject"), "Tuesday, March 11, 2025 3:58 PM", me, "en")
    reply_case(
        "outlook_en_signature_block",
        "en",
        ("Grace Mwangi", "grace.mwangi@nema.example"),
        outlook_plain(new, blk, "en"),
        outlook_html(
            new,
            block_html(("From", "Sent", "To", "Subject"), "Tuesday, March 11, 2025 3:58 PM", me, "en"),
            "en",
        ),
        "Dear colleagues,\n\nThank you for raising this. Kenya's national inventory uses field plots only, "
        "but we plan to add remote sensing in 2026.",
        extra=[("X-Mailer", "Microsoft Outlook 16.0")],
    )

    # 11 Outlook French, NBSP before colons, signature with title
    me = "Luc Moreau <luc.moreau@ofb.example>"
    lab = ("De\u00a0", "Envoyé\u00a0", "À\u00a0", "Objet\u00a0")
    new = "Bonjour Kofi,\n\nJe vous transmets notre protocole de suivi des tourbières du Jura.\n\nCordialement,\n\nLuc Moreau\nChef de projet tourbières"
    reply_case(
        "outlook_fr_nbsp_block",
        "fr",
        ("Luc Moreau", "luc.moreau@ofb.example"),
        outlook_plain(new, block(lab, "mardi 11 mars 2025 15:58", me, "fr"), "fr"),
        outlook_html(new, block_html(lab, "mardi 11 mars 2025 15:58", me, "fr"), "fr"),
        "Bonjour Kofi,\n\nJe vous transmets notre protocole de suivi des tourbières du Jura.",
    )

    # 12 Outlook Spanish with CC line, latin-1
    me = "Carmen Ruiz <carmen.ruiz@miteco.example>"
    lab = ("De", "Enviado el", "Para", "Asunto")
    new = "Estimados:\n\nAdjunto el informe de la campaña de campo de 2024 en las Tablas de Daimiel.\n\nAtentamente,\nCarmen Ruiz"
    reply_case(
        "outlook_es_cc_latin1",
        "es",
        ("Carmen Ruiz", "carmen.ruiz@miteco.example"),
        outlook_plain(
            new,
            block(
                lab,
                "martes, 11 de marzo de 2025 15:58",
                me,
                "es",
                cc="CC: Jorge Gil <jorge.gil@miteco.example>",
            ),
            "es",
        )
        .replace("«", '"')
        .replace("»", '"'),
        None,
        "Estimados:\n\nAdjunto el informe de la campaña de campo de 2024 en las Tablas de Daimiel.",
        charset="iso-8859-1",
    )

    # 13 Outlook Russian, windows-1251, quoted-printable
    me = "Иван Петров <i.petrov@zapoved.example>"
    lab = ("От", "Отправлено", "Кому", "Тема")
    new = "Коллеги, добрый день.\n\nНаши данные по Мещёрскому парку готовы, пришлю таблицу до конца недели.\n\nС уважением,\nИван Петров\nзаместитель директора по науке"
    reply_case(
        "outlook_ru_cp1251",
        "ru",
        ("Иван Петров", "i.petrov@zapoved.example"),
        outlook_plain(new, block(lab, "вторник, 11 марта 2025 г. 15:58", me, "ru"), "ru"),
        None,
        "Коллеги, добрый день.\n\nНаши данные по Мещёрскому парку готовы, пришлю таблицу до конца недели.",
        charset="windows-1251",
    )

    # 14 Outlook Arabic, windows-1256, base64
    me = "سامي خليل <sami.khalil@env.example>"
    lab = ("من", "تم الإرسال", "إلى", "الموضوع")
    new = "السادة الزملاء،\n\nنؤيد اعتماد منهجية مشتركة لقياس الكربون في الأراضي الرطبة.\n\nمع التحية\nسامي خليل"
    reply_case(
        "outlook_ar_cp1256",
        "ar",
        ("سامي خليل", "sami.khalil@env.example"),
        outlook_plain(new, block(lab, "الثلاثاء، 11 مارس، 2025 3:58 م", me, "ar"), "ar"),
        None,
        "السادة الزملاء،\n\nنؤيد اعتماد منهجية مشتركة لقياس الكربون في الأراضي الرطبة.",
        charset="windows-1256",
        cte="base64",
    )

    # 15 Outlook simplified Chinese, GBK, base64, full-width colons
    me = "李娜 <li.na@forestry.example>"
    new = "各位同事：\n\n我们支持建立统一的监测方法，样地数据可以共享。\n\n此致\n敬礼\n李娜"
    blk = (
        f"发件人: {FORUM} <{{ADDR}}>\n发送时间: 2025年3月11日 15:58\n收件人: {me}\n"
        f"抄送: 张伟 <zhang.wei@forestry.example>\n主题: 回复: {SUBJECTS['zh']}"
    )
    reply_case(
        "outlook_zh_gbk_cc",
        "zh",
        ("李娜", "li.na@forestry.example"),
        outlook_plain(new, blk, "zh"),
        None,
        "各位同事：\n\n我们支持建立统一的监测方法，样地数据可以共享。",
        charset="gbk",
        cte="base64",
    )

    # 16 Outlook traditional Chinese (Taiwan), Big5
    new = "大家好，\n\n我們在關渡濕地也做了類似的比較，結果相當一致。\n\n謝謝\n陳志明"
    blk = (
        f"寄件者: {FORUM} <{{ADDR}}>\n寄件日期: 2025年3月11日 下午 03:58\n收件者: 陳志明 <chen.zm@wetland.example>\n"
        f"主旨: RE: {SUBJECTS['zh']}"
    )
    trad = (
        "##- 請在此行上方輸入您的回覆 -##\n\nKofi Mensah 在「濕地復育指標」中回覆：\n\n"
        "有人比較過遙測估算和實地樣區的結果嗎？\n\n-- \n" + FOOTER
    )
    reply_case(
        "outlook_zh_tw_big5",
        "zh",
        ("陳志明", "chen.zm@wetland.example"),
        f"{new}\n\n{blk.replace(SUBJECTS['zh'], '[NatureHub] 濕地復育指標')}\n\n{trad}\n",
        None,
        "大家好，\n\n我們在關渡濕地也做了類似的比較，結果相當一致。",
        charset="big5",
        cte="base64",
        subject="RE: [NatureHub] 濕地復育指標",
    )

    # 17 Outlook German header block
    me = "Katrin Vogel <k.vogel@lfu.example>"
    lab = ("Von", "Gesendet", "An", "Betreff")
    new = "Hallo Kofi,\n\ndie Pegelmessungen aus dem Donaumoos schicke ich dir nächste Woche.\n\nMit freundlichen Grüßen\nKatrin Vogel"
    reply_case(
        "outlook_de_von_gesendet",
        "de",
        ("Katrin Vogel", "k.vogel@lfu.example"),
        outlook_plain(new, block(lab, "Dienstag, 11. März 2025 15:58", me, "de"), "de"),
        outlook_html(new, block_html(lab, "Dienstag, 11. März 2025 15:58", me, "de"), "de"),
        "Hallo Kofi,\n\ndie Pegelmessungen aus dem Donaumoos schicke ich dir nächste Woche.",
    )

    # 18 Outlook for Mac: "Date:" instead of "Sent:", HTML only with reference-message container
    new = "Hi all,\n\nWe used LiDAR for the peat depth and it matched the cores within 20 cm.\n\nCheers,\nTom"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
        f'<div dir="ltr"><div style="font-family:Aptos">{divs(new)}</div></div><div><br></div>'
        '<div id="mail-editor-reference-message-container"><div class="ms-outlook-mobile-reference-message">'
        '<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in">'
        f'<p style="margin:0"><b>From: </b>{esc(FORUM)} &lt;{{ADDR}}&gt;<br><b>Date: </b>Tuesday, 11 March 2025 at 15:58<br>'
        f"<b>To: </b>Tom Ellis &lt;tom.ellis@ceh.example&gt;<br><b>Subject: </b>Re: {esc(SUBJECTS['en'])}</p></div>"
        f"<div>{html_history('en')}</div></div></div></body></html>"
    )
    reply_case(
        "outlook_mac_html_only",
        "en",
        ("Tom Ellis", "tom.ellis@ceh.example"),
        None,
        html,
        "Hi all,\n\nWe used LiDAR for the peat depth and it matched the cores within 20 cm.",
    )

    # 19 Older Outlook / Lotus: "-----Original Message-----"
    me = "nadia.rahman@doe.example"
    new = "Kofi,\n\nPlease count Bangladesh in for the joint comparison.\n\nRegards\nNadia Rahman\nDepartment of Environment"
    blk = block(("From", "Sent", "To", "Subject"), "Tuesday, March 11, 2025 3:58 PM", me, "en")
    reply_case(
        "outlook_original_message",
        "en",
        ("Nadia Rahman", "nadia.rahman@doe.example"),
        outlook_plain(new, blk, "en", sep="-----Original Message-----\n"),
        None,
        "Kofi,\n\nPlease count Bangladesh in for the joint comparison.",
    )

    # 20 Plain text rendered from a forwarded Outlook HTML (bold "*From:*" markers, wrapped address)
    new = "Hi,\n\nThe Ramsar site reports list 31 sites with both data sources."
    blk = (
        f"*From:* {FORUM} [mailto:\n{{ADDR}}]\n*Sent:* Tuesday, March 11, 2025 3:58 PM\n"
        f"*To:* Ravi Kumar <ravi.kumar@wii.example>\n*Subject:* Re: {SUBJECTS['en']}"
    )
    reply_case(
        "plain_bold_star_headers",
        "en",
        ("Ravi Kumar", "ravi.kumar@wii.example"),
        f"{new}\n\n{blk}\n\n{history('en')}\n",
        None,
        new,
    )

    # 21 OWA / new Outlook HTML-only with appendonsend + divRplyFwdMsg, no marker in the quote
    new = "Hello Kofi,\n\nWe have both datasets for the Okavango Delta; happy to contribute.\n\nThanks,\nMpho"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body dir="ltr">'
        f'<div class="elementToProof" style="font-family:Aptos,sans-serif;font-size:12pt">{divs(new)}</div>'
        '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">'
        f"<b>From:</b> {esc(FORUM)} &lt;{{ADDR}}&gt;<br><b>Sent:</b> Tuesday, March 11, 2025 15:58<br>"
        f"<b>To:</b> Mpho Dlamini &lt;mpho.dlamini@dffe.example&gt;<br><b>Subject:</b> Re: {esc(SUBJECTS['en'])}</font>"
        f"<div>&nbsp;</div></div><div><p><b>{esc(POSTS['en'][0])}</b></p><p>{esc(POSTS['en'][1])}</p></div></body></html>"
    )
    reply_case(
        "owa_html_only_no_marker",
        "en",
        ("Mpho Dlamini", "mpho.dlamini@dffe.example"),
        None,
        html,
        "Hello Kofi,\n\nWe have both datasets for the Okavango Delta; happy to contribute.",
    )

    # 22 Outlook for iOS: link footer glued to the separator line
    new = "Agreed, let's put it on the agenda for the April call."
    blk = block(
        ("From", "Sent", "To", "Subject"),
        "Tuesday, March 11, 2025 3:58:40 PM",
        "Ana Silva <ana.silva@example.org>",
        "en",
    )
    reply_case(
        "outlook_ios_glued_separator",
        "en",
        ("Ana Silva", "ana.silva@example.org"),
        f"{new}\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\n{blk}\n\n{history('en')}\n",
        None,
        new,
    )

    # 23 Outlook for Android, French
    new = "Je serai présent à la réunion d'avril, merci pour l'organisation."
    blk = block(
        ("De", "Envoyé", "À", "Objet"),
        "mardi 11 mars 2025 15:58:40",
        "Aminata Diallo <aminata.diallo@example.sn>",
        "fr",
    )
    reply_case(
        "outlook_android_fr",
        "fr",
        ("Aminata Diallo", "aminata.diallo@example.sn"),
        f"{new}\n\nTélécharger Outlook pour Android<https://aka.ms/ghei36>\n\n________________________________\n"
        f"{blk}\n\n{history('fr')}\n",
        None,
        new,
    )

    # 24 Apple Mail (macOS), English, HTML blockquote type=cite
    new = "Hi Kofi,\n\nThe Everglades team published exactly this comparison last year; I'll dig out the DOI.\n\nWarm regards,\nRachel"
    attr = f"On 11 Mar 2025, at 15:58, {FORUM} <{{ADDR}}> wrote:"
    plain = f"{new}\n\n{attr}\n\n{quote(history('en'))}\n"
    html = (
        '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
        f'<body style="overflow-wrap: break-word;">{divs(new)}<div><br><blockquote type="cite"><div>'
        f"{esc(attr)}</div><br><div><div>{html_history('en')}</div></div></blockquote></div></body></html>"
    )
    reply_case(
        "apple_mail_en",
        "en",
        ("Rachel Green", "rachel.green@usgs.example"),
        plain,
        html,
        "Hi Kofi,\n\nThe Everglades team published exactly this comparison last year; I'll dig out the DOI.",
        plain_params="; format=flowed",
    )

    # 25 Apple Mail French, plain only, format=flowed soft breaks
    new = (
        "Bonsoir,\n\nPour la Brière, nous avons des relevés piézométriques mensuels depuis 2015, \n"
        "disponibles sur demande.\n\nAmicalement,\nYann"
    )
    attr = f"Le 11 mars 2025 à 15:58, {FORUM} <{{ADDR}}> a écrit :"
    reply_case(
        "apple_mail_fr_flowed",
        "fr",
        ("Yann Le Goff", "yann.legoff@pnr.example"),
        f"{new}\n\n{attr}\n\n{quote(history('fr'))}\n",
        None,
        "Bonsoir,\n\nPour la Brière, nous avons des relevés piézométriques mensuels depuis 2015, "
        "disponibles sur demande.",
        plain_params="; format=flowed",
    )

    # 26 iPhone Spanish: footer then attribution, quote
    new = "Me parece muy bien, cuenten con nosotros.\n\nEnviado desde mi iPhone"
    attr = f"El 11 mar 2025, a las 15:58, {FORUM} <{{ADDR}}> escribió:"
    reply_case(
        "iphone_es",
        "es",
        ("Lucía Fernández", "lucia.fernandez@example.ar"),
        f"{new}\n\n> {attr}\n>\n{quote(history('es'))}\n",
        None,
        "Me parece muy bien, cuenten con nosotros.",
    )

    # 27 iPhone Russian: attribution inside the quote
    new = "Спасибо, посмотрю данные и отпишусь.\n\nОтправлено с iPhone"
    attr = f"11 марта 2025 г., в 15:58, {FORUM} <{{ADDR}}> написал(а):"
    reply_case(
        "iphone_ru_attr_in_quote",
        "ru",
        ("Андрей Смирнов", "a.smirnov@example.ru"),
        f"{new}\n\n> {attr}\n>\n{quote(history('ru'))}\n",
        None,
        "Спасибо, посмотрю данные и отпишусь.",
    )

    # 28 Thunderbird English with "-- " signature, HTML moz-cite-prefix
    new = (
        "On the question of scale: our plots are 20 x 20 m, which is smaller than one Sentinel-2 pixel group."
    )
    sig = "Dr. Emily Clarke\nPeatland Ecology Group\nhttps://peat.example.ac.uk"
    attr = f"On 11/03/2025 15:58, {FORUM} wrote:"
    plain = f"{new}\n\n-- \n{sig}\n\n{attr}\n{quote(history('en'))}\n"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body>'
        f'<p>{esc(new)}</p><div class="moz-signature">-- <br>{esc(sig).replace(chr(10), "<br>")}</div>'
        f'<div class="moz-cite-prefix">{esc(attr)}<br></div><blockquote type="cite" cite="mid:post-5521@{DOMAIN}">'
        f"{html_history('en')}</blockquote></body></html>"
    )
    reply_case("thunderbird_en_sig", "en", ("Emily Clarke", "e.clarke@peat.example.ac.uk"), plain, html, new)

    # 29 Thunderbird German attribution "Am … schrieb …:"
    new = "Hallo,\n\nbei uns im Wurzacher Ried gab es ähnliche Abweichungen.\n\nGruß\nMarkus"
    reply_case(
        "thunderbird_de",
        "de",
        ("Markus Huber", "markus.huber@nabu.example"),
        f"{new}\n\nAm 11.03.25 um 15:58 schrieb {FORUM}:\n{quote(history('de'))}\n",
        None,
        "Hallo,\n\nbei uns im Wurzacher Ried gab es ähnliche Abweichungen.",
    )

    # 30 Bottom-posting (Thunderbird, French, ISO-8859-1)
    new = (
        "Merci Kofi. Nous avons fait cette comparaison sur l'estuaire de la Loire, je partage les résultats."
    )
    reply_case(
        "thunderbird_fr_bottom_post",
        "fr",
        ("Claire Petit", "claire.petit@estuaire.example"),
        f"Le 11/03/2025 à 15:58, {FORUM} a écrit :\n{quote(history('fr'))}\n\n{new}\n\n-- \nClaire Petit\n",
        None,
        new,
        charset="iso-8859-1",
    )

    # 31 Inline (interleaved) answers
    q1, q2 = "Has anyone compared remote-sensing estimates", "with field plots for peatland rewetting?"
    plain = (
        f"Answers below.\n\nOn Tue, Mar 11, 2025 at 3:58 PM {FORUM} <{{ADDR}}> wrote:\n"
        f"> {POSTS['en'][0]}\n>\n> {q1}\nWe did, in Estonia, on 9 bogs.\n\n> {q2}\n"
        "Mostly rewetted ones, since 2019.\n\n> " + MARKERS["en"] + "\n"
    )
    reply_case(
        "inline_en_answers",
        "en",
        ("Liis Tamm", "liis.tamm@ut.example"),
        plain,
        None,
        "Answers below.\n\nWe did, in Estonia, on 9 bogs.\n\nMostly rewetted ones, since 2019.",
    )

    # 32 Yahoo: "Sent from Yahoo Mail" footer, long attribution, yahoo_quoted HTML
    new = "Hello, I can share photos of the monitoring plots in Lake Naivasha if useful."
    attr = f"On Tuesday, March 11, 2025 at 03:58:12 PM GMT+1, {FORUM} <{{ADDR}}> wrote:"
    plain = f"{new}\n\nSent from Yahoo Mail on Android\n\n   {attr}\n\n{history('en')}\n"
    html = (
        f'<html><body><div class="ydp1" style="font-family:Helvetica"><div>{esc(new)}</div><div><br></div>'
        '<div id="ydpSig">Sent from <a href="https://mail.onelink.me/x">Yahoo Mail on Android</a></div></div>'
        f'<div id="yahoo_quoted_4471" class="yahoo_quoted"><div>{esc(attr)}</div><div>{html_history("en")}</div></div>'
        "</body></html>"
    )
    reply_case("yahoo_android_footer", "en", ("Peter Kamau", "peterkamau77@yahoo.example"), plain, html, new)

    # 33 Zoho: dashed attribution without a colon
    new = "Count me in for the working group."
    reply_case(
        "zoho_dashed_attr",
        "en",
        ("Arjun Mehta", "arjun@zoho.example"),
        f"{new}\n\n\n---- On Tue, 11 Mar 2025 15:58:12 +0100 {FORUM} <{{ADDR}}> wrote ---\n\n{history('en')}\n",
        None,
        new,
    )

    # 34 Mail.ru attribution: "<weekday>, <date>, <time> от <name> <addr>:"
    new = "Здравствуйте!\n\nГотов подключиться к сравнению по болотам Карелии.\n\n--\nСергей Волков"
    reply_case(
        "mailru_ot_attr",
        "ru",
        ("Сергей Волков", "s.volkov@mail.example.ru"),
        f"{new}\n\n\nВторник, 11 марта 2025, 15:58 +03:00 от {FORUM} <{{ADDR}}>:\n{quote(history('ru'))}\n",
        None,
        "Здравствуйте!\n\nГотов подключиться к сравнению по болотам Карелии.",
    )

    # 35 Samsung Email: "-------- Original message --------" with Date: and (GMT+…)
    new = "Will send the shapefiles tonight.\n\n\n\nSent from my Galaxy"
    blk = (
        f"-------- Original message --------\nFrom: {FORUM} <{{ADDR}}>\nDate: 11/03/2025 15:58 (GMT+01:00)\n"
        f"To: Daniel Okoro <d.okoro@example.ng>\nSubject: Re: {SUBJECTS['en']}"
    )
    reply_case(
        "samsung_original_message",
        "en",
        ("Daniel Okoro", "d.okoro@example.ng"),
        f"{new}\n\n{blk}\n\n{history('en')}\n",
        None,
        "Will send the shapefiles tonight.",
    )

    # 36 Reply that forwards another mail below the text
    new = "Kofi, see the message from our GIS unit below; it answers your question."
    fwd = (
        "---------- Forwarded message ---------\nFrom: GIS Unit <gis@ministry.example>\n"
        "Date: Mon, Mar 10, 2025 at 9:02 AM\nSubject: peat layers\nTo: Joao Pereira <joao.pereira@ministry.example>\n\n"
        "The peat layers were validated against 120 cores."
    )
    reply_case(
        "gmail_forward_below",
        "pt",
        ("João Pereira", "joao.pereira@ministry.example"),
        f"{new}\n\n{fwd}\n\nOn Tue, Mar 11, 2025 at 3:58 PM {FORUM} <{{ADDR}}> wrote:\n\n{quote(history('en'))}\n",
        None,
        new,
        language="en",
    )

    # 37 External-sender banner at the top (Exchange transport rule), plus confidentiality notice
    new = "Hi Kofi,\n\nOur agency will provide the 2024 field data by the end of April."
    banner = (
        "CAUTION: This email originated from outside of the organization. Do not click links or open "
        "attachments unless you recognize the sender and know the content is safe."
    )
    disc = (
        "CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the "
        "intended recipient(s) and may contain confidential and privileged information."
    )
    blk = block(
        ("From", "Sent", "To", "Subject"),
        "Tuesday, March 11, 2025 3:58 PM",
        "Beth Moore <beth.moore@epa.example>",
        "en",
    )
    reply_case(
        "banner_and_disclaimer",
        "en",
        ("Beth Moore", "beth.moore@epa.example"),
        f"{banner}\n\n{new}\n\nBeth Moore\n\n{disc}\n\n________________________________\n{blk}\n\n{history('en')}\n",
        None,
        new,
    )  # issue 11: the sender's own name alone at the end (From display name) is a sign-off

    # 38 Portuguese (Brazil) Outlook with AVISO disclaimer
    me = "Rafael Souza <rafael.souza@ibama.example>"
    new = "Prezados,\n\nConcordo com a proposta de harmonizar os métodos.\n\nAtenciosamente,\nRafael Souza\nAnalista Ambiental"
    disc = (
        "AVISO DE CONFIDENCIALIDADE: Esta mensagem e seus anexos são de uso exclusivo do destinatário "
        "e podem conter informações confidenciais."
    )
    blk = block(("De", "Enviada em", "Para", "Assunto"), "terça-feira, 11 de março de 2025 15:58", me, "pt")
    reply_case(
        "outlook_pt_disclaimer",
        "pt",
        ("Rafael Souza", "rafael.souza@ibama.example"),
        f"{new}\n\n{disc}\n\n{blk}\n\n{history('pt')}\n",
        None,
        "Prezados,\n\nConcordo com a proposta de harmonizar os métodos.",
    )

    # 39 A reply that mentions "out of office" and "undeliverable" in its own text (still a reply)
    new = (
        "Sorry for the late answer, I was out of office last week and my first reply came back as "
        "undeliverable.\n\nYes, our field plots are public: see the annex of the 2024 report."
    )
    reply_case(
        "mentions_out_of_office_undeliverable",
        "en",
        ("Chris Baker", "chris.baker@example.org"),
        f"{new}\n\nOn Tue, Mar 11, 2025 at 3:58 PM {FORUM} <{{ADDR}}> wrote:\n\n{quote(history('en'))}\n",
        None,
        new,
    )

    # 40 Human reply relayed through Exchange with a partial X-Auto-Response-Suppress list (real Exchange
    #    Online behaviour on relayed mail) and "thanks" closing with no name under it
    new = "Thanks for the summary, it is very useful. Thank you."
    reply_case(
        "outlook_relayed_suppress_list",
        "en",
        ("Marta Nowak", "marta.nowak@gdos.example"),
        f"{new}\n\n{block(('From', 'Sent', 'To', 'Subject'), 'Tuesday, March 11, 2025 3:58 PM', 'Marta Nowak <marta.nowak@gdos.example>', 'en')}\n\n{history('en')}\n",
        None,
        new,
        extra=[("X-Auto-Response-Suppress", "DR, RN, NRN, OOF, AutoReply")],
    )

    # 41 Short base64 UTF-8 reply with an emoji, CRLF line endings, no quote at all
    reply_case(
        "short_base64_emoji_crlf",
        "en",
        ("Zanele Khumalo", "zanele@example.za"),
        "+1 from South Africa \U0001f44d\n",
        None,
        "+1 from South Africa \U0001f44d",
        cte="base64",
        crlf=True,
    )

    # 42 "Regards" inside a sentence must not cut the text
    new = (
        "With regards to the carbon factors, we use the IPCC 2013 Wetlands Supplement.\n"
        "Best practice would be to report both.\n\nRegards,\nOmar"
    )
    reply_case(
        "regards_in_sentence",
        "en",
        ("Omar Farouk", "omar.farouk@example.eg"),
        f"{new}\n\nOn Tue, Mar 11, 2025 at 3:58 PM {FORUM} <{{ADDR}}> wrote:\n\n{quote(history('en'))}\n",
        None,
        "With regards to the carbon factors, we use the IPCC 2013 Wetlands Supplement.\n"
        "Best practice would be to report both.",
    )


def build_replies_b() -> None:
    """Second batch, written after the first parser fixes and before running the parser on it."""
    # 43 Thunderbird Dutch: "Op … schreef …:"
    new = "Hoi Kofi,\n\nIn de Peel hebben we beide methoden vergeleken; de verschillen waren klein.\n\nMet vriendelijke groet,\nSanne de Vries"
    reply_case(
        "thunderbird_nl_schreef",
        "en",
        ("Sanne de Vries", "sanne.devries@natuur.example"),
        f"{new}\n\nOp 11-03-2025 om 15:58 schreef {FORUM}:\n{quote(history('en'))}\n",
        None,
        "Hoi Kofi,\n\nIn de Peel hebben we beide methoden vergeleken; de verschillen waren klein.",
        language="",
    )

    # 44 Gmail Italian: "Il giorno … ha scritto:"
    new = (
        "Ciao a tutti,\n\nnel Delta del Po abbiamo dati di campo dal 2018.\n\nCordiali saluti,\nGiulia Rossi"
    )
    p, h = gmail("en", new, f"Il giorno mar 11 mar 2025 alle ore 15:58 {FORUM} <\n{{ADDR}}> ha scritto:")
    reply_case(
        "gmail_it_ha_scritto",
        "en",
        ("Giulia Rossi", "giulia.rossi@ispra.example"),
        p,
        h,
        "Ciao a tutti,\n\nnel Delta del Po abbiamo dati di campo dal 2018.",
        language="it",
    )

    # 45 Thunderbird Polish: "W dniu … pisze:"
    new = "Dzień dobry,\n\nmamy podobne dane z Biebrzy.\n\nPozdrawiam\nPiotr"
    reply_case(
        "thunderbird_pl_pisze",
        "en",
        ("Piotr Zieliński", "piotr.z@gdos.example"),
        f"{new}\n\nW dniu 11.03.2025 o 15:58, {FORUM} pisze:\n{quote(history('en'))}\n",
        None,
        "Dzień dobry,\n\nmamy podobne dane z Biebrzy.",
        language="",
    )

    # 46 Outlook Swedish header block
    me = "Erik Lund <erik.lund@naturvardsverket.example>"
    new = (
        "Hej,\n\nVi har fältdata från 40 myrar i Jämtland som kan användas.\n\nVänliga hälsningar\nErik Lund"
    )
    blk = block(("Från", "Skickat", "Till", "Ämne"), "den 11 mars 2025 15:58", me, "en")
    reply_case(
        "outlook_sv_fran_skickat",
        "en",
        ("Erik Lund", "erik.lund@naturvardsverket.example"),
        outlook_plain(new, blk, "en"),
        None,
        "Hej,\n\nVi har fältdata från 40 myrar i Jämtland som kan användas.",
        language="",
    )

    # 47 Windows 10 Mail: "Sent from Mail for Windows" then a header block without a separator
    new = "I can join the call on 2 April."
    blk = f"From: {FORUM}\nSent: 11 March 2025 15:58\nTo: Alice Njoroge\nSubject: Re: {SUBJECTS['en']}"
    reply_case(
        "windows_mail_sent_from",
        "en",
        ("Alice Njoroge", "alice.njoroge@example.ke"),
        f"{new}\n\nSent from Mail for Windows\n\n{blk}\n\n{history('en')}\n",
        None,
        new,
    )

    # 48 Outlook for Mac, Spanish: "Fecha:" line
    me = "Diego Torres <diego.torres@conaf.example>"
    new = (
        "Hola Kofi,\n\nTe envío los datos de las turberas de Magallanes la próxima semana.\n\nSaludos,\nDiego"
    )
    blk = block(("De", "Fecha", "Para", "Asunto"), "martes, 11 de marzo de 2025, 15:58", me, "es")
    reply_case(
        "outlook_mac_es_fecha",
        "es",
        ("Diego Torres", "diego.torres@conaf.example"),
        outlook_plain(new, blk, "es"),
        None,
        "Hola Kofi,\n\nTe envío los datos de las turberas de Magallanes la próxima semana.",
    )

    # 49 Yandex: "11.03.2025, 15:58, "Name" <addr>:"
    new = "Добрый вечер,\n\nприсоединяюсь к предложению Ольги.\n\n-- \nНаталья"
    reply_case(
        "yandex_ru_date_first",
        "ru",
        ("Наталья Орлова", "n.orlova@yandex.example"),
        f'{new}\n\n11.03.2025, 15:58, "{FORUM}" <{{ADDR}}>:\n{quote(history("ru"))}\n'.replace(
            "«", '"'
        ).replace("»", '"'),
        None,
        "Добрый вечер,\n\nприсоединяюсь к предложению Ольги.",
        charset="koi8-r",
    )

    # 50 OWA Arabic HTML only, RTL, divRplyFwdMsg with Arabic labels
    new = "الزملاء الأعزاء،\n\nسنرسل بيانات المسح الميداني قبل نهاية الشهر.\n\nمع أطيب التحيات\nهدى"
    html = (
        '<html dir="rtl"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        f'<body dir="rtl"><div dir="rtl" style="font-family:Calibri">{divs(new)}</div>'
        '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
        '<div id="divRplyFwdMsg" dir="rtl"><font face="Calibri, sans-serif" style="font-size:11pt">'
        f"<b>من:</b> {esc(FORUM)} &lt;{{ADDR}}&gt;<br><b>تم الإرسال:</b> الثلاثاء، 11 مارس، 2025 3:58 م<br>"
        f"<b>إلى:</b> هدى سالم &lt;huda.salem@env.example&gt;<br><b>الموضوع:</b> {esc('رد: ' + SUBJECTS['ar'])}</font>"
        f"<div>&nbsp;</div></div><div>{html_history('ar')}</div></body></html>"
    )
    reply_case(
        "owa_ar_html_only_rtl",
        "ar",
        ("هدى سالم", "huda.salem@env.example"),
        None,
        html,
        "الزملاء الأعزاء،\n\nسنرسل بيانات المسح الميداني قبل نهاية الشهر.",
    )


# ------------------------------------------------------------------ auto-replies and bounces


def auto_case(
    name: str,
    extra: list[tuple[str, str]],
    subject: str,
    text: str,
    lang: str,
    frm: tuple[str, str],
    charset: str = "utf-8",
    kind: str = "auto_reply",
    ctype: bytes | None = None,
) -> None:
    _n[0] += 1
    n = _n[0]
    h = [
        ("Return-Path", f"<{frm[1]}>"),
        ("From", addr(frm[0], frm[1], charset)),
        ("To", reply_addr(n)),
        ("Subject", hdr(subject, charset)),
        ("Date", "Tue, 11 Mar 2025 15:58:30 +0000"),
        ("Message-ID", f"<auto{n:03d}@{frm[1].split('@')[1]}>"),
        ("In-Reply-To", f"<post-5521-{n}@{DOMAIN}>"),
    ] + extra
    body = ctype if ctype is not None else part(text, "plain", charset, "quoted-printable")
    add(
        name,
        message(h, body),
        {"kind": kind, "from": frm[1].lower(), "reply_key": key_for(n), "language": lang},
    )


def build_auto() -> None:
    auto_case(
        "auto_exchange_fr_reponse_automatique",
        [
            ("Auto-Submitted", "auto-replied"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-MS-Exchange-Inbox-Rules-Loop", "luc.moreau@ofb.example"),
        ],
        "Réponse automatique : Re: " + SUBJECTS["fr"],
        "Bonjour,\n\nJe suis absent jusqu'au 24 mars. Pour toute urgence, contactez le secrétariat.\n\nLuc Moreau",
        "fr",
        ("Luc Moreau", "luc.moreau@ofb.example"),
    )
    auto_case(
        "auto_gmail_vacation_custom_subject",
        [("Auto-Submitted", "auto-replied")],
        "Vacaciones hasta el 20 de marzo",
        "Estoy de vacaciones sin acceso al correo. Responderé a mi regreso.",
        "es",
        ("Pablo Ortega", "pablo.ortega@ebd.example"),
    )
    auto_case(
        "auto_de_automatische_antwort_subject_only",
        [],
        "Automatische Antwort: Re: " + SUBJECTS["de"],
        "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 21.03. nicht im Büro.",
        "de",
        ("Katrin Vogel", "k.vogel@lfu.example"),
    )
    auto_case(
        "auto_zh_zidong_dafu_subject",
        [("X-Auto-Response-Suppress", "All")],
        "自动答复: 回复: " + SUBJECTS["zh"],
        "您好，我正在休假，3月20日返回。",
        "zh",
        ("李娜", "li.na@forestry.example"),
        charset="gbk",
    )
    auto_case(
        "auto_ru_avtomaticheskiy_otvet",
        [("Auto-Submitted", "auto-replied")],
        "Автоматический ответ: Re: " + SUBJECTS["ru"],
        "Здравствуйте! Я в командировке до 25 марта, ответ будет с задержкой.",
        "ru",
        ("Иван Петров", "i.petrov@zapoved.example"),
        charset="koi8-r",
    )
    auto_case(
        "auto_ar_subject_xautoreply",
        [("X-Autoreply", "yes")],
        "رد تلقائي: " + SUBJECTS["ar"],
        "شكراً لرسالتكم، أنا خارج المكتب حتى 20 مارس.",
        "ar",
        ("سامي خليل", "sami.khalil@env.example"),
        charset="windows-1256",
    )
    auto_case(
        "auto_pt_resposta_automatica",
        [("Auto-Submitted", "auto-replied")],
        "Resposta automática: " + SUBJECTS["pt"],
        "Estou fora do escritório até 18 de março.",
        "pt",
        ("Rafael Souza", "rafael.souza@ibama.example"),
    )
    auto_case(
        "auto_helpdesk_ticket_generated",
        [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")],
        "[Ticket #48213] Re: " + SUBJECTS["en"],
        "Thank you for contacting the service desk. Your request has been logged as #48213.",
        "en",
        ("Service Desk", "servicedesk@agency.example"),
    )
    auto_case(
        "auto_mailing_list_precedence_list",
        [
            ("Precedence", "list"),
            ("List-Id", "<wetlands.lists.example.org>"),
            ("List-Post", "<mailto:wetlands@lists.example.org>"),
        ],
        "Re: " + SUBJECTS["en"],
        "I agree with Kofi, the plots matter more than the pixels.",
        "en",
        ("Wetlands list", "wetlands@lists.example.org"),
    )
    # read receipt (MDN), French "Lu :"
    _mdn = multipart(
        "report",
        [
            part("Votre message a été lu le mardi 11 mars 2025 16:02.", "plain", "utf-8", "quoted-printable"),
            b"Content-Type: message/disposition-notification\n\nReporting-UA: outlook.example; Microsoft Outlook 16.0\n"
            b"Final-Recipient: rfc822;luc.moreau@ofb.example\nDisposition: manual-action/MDN-sent-manually; displayed\n",
        ],
        "=_mdn_fr",
        "; report-type=disposition-notification",
    )
    auto_case(
        "auto_read_receipt_fr_lu",
        [],
        "Lu : " + SUBJECTS["fr"],
        "",
        "fr",
        ("Luc Moreau", "luc.moreau@ofb.example"),
        ctype=_mdn,
    )


def dsn_case(
    name: str,
    *,
    frm: str,
    subject: str,
    human: str,
    rcpt: str,
    status: str,
    action: str,
    diag: str,
    lang: str = "en",
    hard: bool = True,
    charset: str = "utf-8",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    _n[0] += 1
    n = _n[0]
    report = (
        f"Reporting-MTA: dns; mx.relay.example\n\nFinal-Recipient: rfc822; {rcpt}\nAction: {action}\n"
        f"Status: {status}\nDiagnostic-Code: smtp; {diag}\n"
    ).encode()
    original = (
        f"From: {FORUM} <{reply_addr(n)}>\nTo: {rcpt}\nSubject: {SUBJECTS['en']}\n"
        f"Message-ID: <post-5521-{n}@{DOMAIN}>\n\n{history('en')}\n"
    ).encode()
    body = multipart(
        "report",
        [
            part(human, "plain", charset, "quoted-printable"),
            b"Content-Type: message/delivery-status\n\n" + report,
            b"Content-Type: message/rfc822\n\n" + original,
        ],
        f"=_dsn_{name}",
        "; report-type=delivery-status",
    )
    h = [
        ("Return-Path", "<>"),
        ("From", frm),
        ("To", reply_addr(n)),
        ("Subject", hdr(subject, charset)),
        ("Date", "Tue, 11 Mar 2025 15:59:01 +0000"),
        ("Message-ID", f"<dsn{n:03d}@mx.relay.example>"),
    ] + (extra or [])
    add(
        name,
        message(h, body),
        {
            "kind": "bounce",
            "from": parseaddr(frm)[1].lower(),
            "reply_key": key_for(n),
            "language": lang,
            "bounce": {"recipient": rcpt, "status": status, "hard": hard},
        },
    )


def build_bounces() -> None:
    dsn_case(
        "bounce_o365_undeliverable",
        frm="Microsoft Outlook <postmaster@nema.example>",
        subject="Undeliverable: Re: " + SUBJECTS["en"],
        human="Your message to former.staff@nema.example couldn't be delivered.\n\nformer.staff wasn't found at nema.example.",
        rcpt="former.staff@nema.example",
        status="5.1.10",
        action="failed",
        diag="550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
    )
    dsn_case(
        "bounce_gmail_es_dsn",
        frm="Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        subject="Notificación de estado de entrega (error)",
        human="No se ha encontrado la dirección\n\nTu mensaje no se ha entregado a noexiste@gmail.example porque no se ha encontrado la dirección.",
        rcpt="noexiste@gmail.example",
        status="5.1.1",
        action="failed",
        diag="550-5.1.1 The email account that you tried to reach does not exist.",
        lang="es",
    )
    dsn_case(
        "bounce_postfix_mailbox_full_soft",
        frm="MAILER-DAEMON@mx.uni.example (Mail Delivery System)",
        subject="Undelivered Mail Returned to Sender",
        human="This is the mail system at host mx.uni.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.",
        rcpt="busy.prof@uni.example",
        status="4.2.2",
        action="delayed",
        diag="452 4.2.2 Mailbox full",
        hard=False,
    )
    dsn_case(
        "bounce_yandex_ru",
        frm="mailer-daemon@yandex.example",
        subject="Недоставленное сообщение",
        human="Это письмо отправлено почтовым роботом.\n\nВаше сообщение не было доставлено по адресу old.user@yandex.example.",
        rcpt="old.user@yandex.example",
        status="5.2.1",
        action="failed",
        diag="550 5.2.1 Mailbox disabled, not accepting messages",
        lang="ru",
    )
    # Exim plain-text bounce without a DSN part
    _n[0] += 1
    n = _n[0]
    text = (
        "This message was created automatically by mail delivery software.\n\nA message that you sent could not be "
        "delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:\n\n"
        "  gone@research.example\n    host mx.research.example [192.0.2.7]\n"
        "    SMTP error from remote mail server after RCPT TO:<gone@research.example>:\n    550 5.1.1 User unknown\n\n"
        f"------ This is a copy of the message, including all the headers. ------\n\nSubject: {SUBJECTS['en']}\n"
    )
    h = [
        ("Return-Path", "<>"),
        ("From", "Mail Delivery System <Mailer-Daemon@mx.relay.example>"),
        ("To", reply_addr(n)),
        ("Subject", "Mail delivery failed: returning message to sender"),
        ("Date", "Tue, 11 Mar 2025 15:59:01 +0000"),
        ("Message-ID", f"<exim{n:03d}@mx.relay.example>"),
        ("X-Failed-Recipients", "gone@research.example"),
        ("Auto-Submitted", "auto-replied"),
    ]
    add(
        "bounce_exim_plain_failed_recipients",
        message(h, part(text, "plain", "us-ascii", "7bit")),
        {
            "kind": "bounce",
            "from": "mailer-daemon@mx.relay.example",
            "reply_key": key_for(n),
            "language": "en",
            "bounce": {"recipient": "gone@research.example", "status": "5.1.1", "hard": True},
        },
    )
    # QQ-style Chinese bounce, GB18030 subject, no DSN part
    _n[0] += 1
    n = _n[0]
    text = "很抱歉您发送的邮件被退回，以下是该邮件的相关信息：\n\n收件人: nobody@qq.example\n退信原因: 550 Mailbox not found."
    h = [
        ("Return-Path", "<>"),
        ("From", addr("系统退信", "postmaster@qq.example", "gb18030")),
        ("To", reply_addr(n)),
        ("Subject", hdr("系统退信", "gb18030")),
        ("Date", "Tue, 11 Mar 2025 15:59:01 +0800"),
        ("Message-ID", f"<qq{n:03d}@qq.example>"),
    ]
    add(
        "bounce_qq_zh_plain",
        message(h, part(text, "plain", "gb18030", "base64")),
        {"kind": "bounce", "from": "postmaster@qq.example", "reply_key": key_for(n), "language": "zh"},
    )


def main() -> int:
    build_replies()
    build_replies_b()
    build_auto()
    build_bounces()
    for old in list(HERE.glob("*.eml")) + list(HERE.glob("*.json")):
        old.unlink()
    names = set()
    for name, raw, expected in CASES:
        assert name not in names, name
        names.add(name)
        (HERE / f"{name}.eml").write_bytes(raw)
        (HERE / f"{name}.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    print(f"wrote {len(CASES)} cases to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
