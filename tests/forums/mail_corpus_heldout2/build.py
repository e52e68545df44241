#!/usr/bin/env python3
"""Build the third round of the reply-mail corpus: 124 replies from 16 clients in 13 languages.

Writes ``NAME.eml`` + ``NAME.json`` pairs:

* the HELD-OUT part into this folder (``mail_corpus_heldout2/``, read by
  ``tests/forums/test_mailparse_heldout2.py`` and ``bench/bench_mailparse.py``);
* the TUNING part into ``../mail_corpus/`` with the prefix ``r3_`` (read by
  ``test_mailparse_corpus.py``).

Both parts were written, with their expected results, before the parser was run on them, and the
held-out files were committed before any change to the parser: they are never used to tune it.
The two parts share the client builders below (real header sets and MIME structures of Gmail web
and Android, Outlook desktop, Outlook on the web and mobile, Apple Mail, iOS Mail, Thunderbird,
Yahoo, Proton Mail, Zimbra, Roundcube, HCL Notes, Samsung Email, Spark, Foxmail, Mail.ru) but not
their texts, people or combinations: each part has its own reply texts and senders.

Expected body: what a person considers the new reply (greeting kept; quoted history, attribution,
signature block, mobile footer, sign-off with the name under it removed; a closing sentence such
as "Thanks!" with no name under it is text). Attachments: the files a reader gets, not the inline
images of an HTML signature, not a PGP/MIME ``signature.asc`` or S/MIME ``smime.p7s``.

Run: ``python tests/forums/mail_corpus_heldout2/build.py`` (rewrites both parts; deterministic).
"""

from __future__ import annotations

import base64
import json
import quopri
import random
import textwrap
from email.header import Header
from email.utils import formataddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
TUNED = HERE.parent / "mail_corpus"
DOMAIN = "discuss.example.org"
FORUM = "CBD Discussions"

MARKERS = {
    "en": "##- Please type your reply above this line -##",
    "ar": "##- يرجى كتابة ردك فوق هذا السطر -##",
    "es": "##- Por favor, escriba su respuesta encima de esta línea -##",
    "fr": "##- Veuillez écrire votre réponse au-dessus de cette ligne -##",
    "ru": "##- Пожалуйста, введите ответ над этой строкой -##",
    "zh": "##- 请在此行上方输入您的回复 -##",
}
TOPICS = {
    "en": "Indicators for Target 3",
    "fr": "Indicateurs pour la cible 3",
    "es": "Indicadores para la meta 3",
    "ar": "مؤشرات الهدف 3",
    "ru": "Показатели для цели 3",
    "zh": "目标3的指标",
}
POST = {
    "en": "Should marine and terrestrial protected areas be reported separately in the national report?",
    "fr": "Faut-il rapporter séparément les aires protégées marines et terrestres dans le rapport national ?",
    "es": "¿Deben informarse por separado las áreas protegidas marinas y terrestres en el informe nacional?",
    "ar": "هل ينبغي الإبلاغ عن المناطق المحمية البحرية والبرية بشكل منفصل في التقرير الوطني؟",
    "ru": "Следует ли отдельно отчитываться о морских и наземных охраняемых территориях в национальном докладе?",
    "zh": "国家报告中是否应分别报告海洋和陆地保护区？",
}
UN = {"en", "fr", "es", "ar", "ru", "zh"}
REPLY_PREFIX = {
    "en": "Re: ", "fr": "RE : ", "es": "RE: ", "pt": "Re: ", "de": "AW: ", "it": "R: ", "ru": "Re: ",
    "ar": "رد: ", "zh": "回复：", "ja": "Re: ", "ko": "RE: ", "tr": "YNT: ", "id": "Balas: ",
}

# --------------------------------------------------------------------------------------
# Client strings per language
# --------------------------------------------------------------------------------------

# attribution lines: {n} name, {a} address
GMAIL_ATTR = {
    "en": "On Mon, Nov 4, 2024 at 9:12\u202fAM {n} <{a}> wrote:",
    "fr": "Le lun. 4 nov. 2024 à 09:12, {n} <{a}> a écrit :",
    "es": "El lun, 4 nov 2024 a las 9:12, {n} (<{a}>) escribió:",
    "pt": "Em seg., 4 de nov. de 2024 às 09:12, {n} <{a}> escreveu:",
    "de": "Am Mo., 4. Nov. 2024 um 09:12 Uhr schrieb {n} <{a}>:",
    "it": "Il giorno lun 4 nov 2024 alle ore 09:12 {n} <{a}> ha scritto:",
    "ru": "пн, 4 нояб. 2024 г. в 09:12, {n} <{a}>:",
    "ar": "في الاثنين، 4 نوفمبر 2024 في 9:12 ص تمت كتابة ما يلي بواسطة {n} <{a}>:",
    "zh": "{n} <{a}> 于2024年11月4日周一 09:12写道：",
    "ja": "2024年11月4日(月) 9:12 {n} <{a}>:",
    "ko": "2024년 11월 4일 (월) 오전 9:12, {n} <{a}>님이 작성:",
    "tr": "{n} <{a}>, 4 Kas 2024 Pzt, 09:12 tarihinde şunu yazdı:",
    "id": "Pada tanggal Sen, 4 Nov 2024 pukul 09.12 {n} <{a}> menulis:",
}
APPLE_ATTR = {
    "en": "On 4 Nov 2024, at 09:12, {n} <{a}> wrote:",
    "fr": "Le 4 nov. 2024 à 09:12, {n} <{a}> a écrit :",
    "es": "El 4 nov 2024, a las 9:12, {n} <{a}> escribió:",
    "pt": "Em 4 de nov. de 2024, à(s) 09:12, {n} <{a}> escreveu:",
    "de": "Am 04.11.2024 um 09:12 schrieb {n} <{a}>:",
    "it": "Il giorno 4 nov 2024, alle ore 09:12, {n} <{a}> ha scritto:",
    "ru": "4 нояб. 2024 г., в 09:12, {n} <{a}> написал(а):",
    "ar": "في 4 نوفمبر 2024، الساعة 9:12 ص، كتب {n} <{a}>:",
    "zh": "2024年11月4日 09:12，{n} <{a}> 写道：",
    "ja": "2024/11/04 9:12、{n} <{a}>のメール:",
    "ko": "2024. 11. 4. 오전 9:12, {n} <{a}> 작성:",
    "tr": "4 Kas 2024 tarihinde 09:12 saatinde, {n} <{a}> şunları yazdı:",
    "id": "Pada 4 Nov 2024, pukul 09.12, {n} <{a}> menulis:",
}
TB_ATTR = {
    "en": "On 04/11/2024 09:12, {n} wrote:",
    "fr": "Le 04/11/2024 à 09:12, {n} a écrit :",
    "es": "El 4/11/24 a las 9:12, {n} escribió:",
    "pt": "Em 04/11/2024 09:12, {n} escreveu:",
    "de": "Am 04.11.24 um 09:12 schrieb {n}:",
    "it": "Il 04/11/24 09:12, {n} ha scritto:",
    "ru": "04.11.2024 09:12, {n} пишет:",
    "ar": "في 4/11/2024 9:12 ص، كتب {n}:",
    "zh": "在 2024/11/4 9:12, {n} 写道:",
    "ja": "2024/11/04 9:12, {n} wrote:",
    "ko": "2024-11-04 오전 9:12에 {n} 이(가) 쓴 글:",
    "tr": "4.11.2024 09:12 tarihinde {n} yazdı:",
    "id": "Pada 04/11/24 09.12, {n} menulis:",
}
YAHOO_ATTR = {
    "en": "On Monday, November 4, 2024 at 09:12:05 AM GMT+1, {n} <{a}> wrote:",
    "fr": "Le lundi 4 novembre 2024 à 09:12:05 UTC+1, {n} <{a}> a écrit :",
    "es": "El lunes, 4 de noviembre de 2024, 09:12:05 CET, {n} <{a}> escribió:",
    "pt": "Em segunda-feira, 4 de novembro de 2024 09:12:05 BRT, {n} <{a}> escreveu:",
    "de": "Am Montag, 4. November 2024 um 09:12:05 MEZ hat {n} <{a}> Folgendes geschrieben:",
    "it": "Il lunedì 4 novembre 2024 alle ore 09:12:05 CET, {n} <{a}> ha scritto:",
    "id": "Pada Senin, 04 November 2024 09.12.05 WIB, {n} <{a}> menulis:",
    "tr": "4 Kasım 2024 Pazartesi 09:12:05 GMT+3 tarihinde {n} <{a}> şunu yazdı:",
}
HDR = {  # Outlook desktop / web / mobile header block labels: from, sent, to, subject
    "en": ("From", "Sent", "To", "Subject"),
    "fr": ("De", "Envoyé", "À", "Objet"),
    "es": ("De", "Enviado el", "Para", "Asunto"),
    "pt": ("De", "Enviado", "Para", "Assunto"),
    "de": ("Von", "Gesendet", "An", "Betreff"),
    "it": ("Da", "Inviato", "A", "Oggetto"),
    "ru": ("От", "Отправлено", "Кому", "Тема"),
    "ar": ("من", "تم الإرسال", "إلى", "الموضوع"),
    "zh": ("发件人", "发送时间", "收件人", "主题"),
    "ja": ("差出人", "送信日時", "宛先", "件名"),
    "ko": ("보낸 사람", "보낸 날짜", "받는 사람", "제목"),
    "tr": ("Kimden", "Gönderildi", "Kime", "Konu"),
    "id": ("Dari", "Dikirim", "Kepada", "Perihal"),
}
SAMSUNG_SEP = {
    "en": ("-------- Original message --------", "From", "Date", "To", "Subject"),
    "fr": ("-------- Message d'origine --------", "De", "Date", "À", "Objet"),
    "es": ("-------- Mensaje original --------", "De", "Fecha", "Para", "Asunto"),
    "pt": ("-------- Mensagem original --------", "De", "Data", "Para", "Assunto"),
    "de": ("-------- Ursprüngliche Nachricht --------", "Von", "Datum", "An", "Betreff"),
    "it": ("-------- Messaggio originale --------", "Da", "Data", "A", "Oggetto"),
    "ru": ("-------- Исходное сообщение --------", "От", "Дата", "Кому", "Тема"),
    "ar": ("-------- الرسالة الأصلية --------", "من", "التاريخ", "إلى", "الموضوع"),
    "zh": ("-------- 原始信息 --------", "发件人", "日期", "收件人", "主题"),
    "ja": ("-------- オリジナルメッセージ --------", "送信元", "日付", "宛先", "件名"),
    "ko": ("-------- 원본 이메일 --------", "발신", "날짜", "수신", "제목"),
    "tr": ("-------- Orijinal mesaj --------", "Kimden", "Tarih", "Alıcı", "Konu"),
    "id": ("-------- Pesan asli --------", "Dari", "Tanggal", "Ke", "Subjek"),
}
MOBILE = {  # "sent from" footers per client family and language
    "iphone": {
        "en": "Sent from my iPhone", "fr": "Envoyé de mon iPhone", "es": "Enviado desde mi iPhone",
        "pt": "Enviado do meu iPhone", "de": "Von meinem iPhone gesendet", "it": "Inviato da iPhone",
        "ru": "Отправлено с iPhone", "ar": "أُرسلت من الـ iPhone", "zh": "发自我的iPhone",
        "ja": "iPhoneから送信", "ko": "iPhone에서 보냄", "tr": "iPhone'umdan gönderildi",
        "id": "Dikirim dari iPhone saya",
    },
    "ipad": {
        "en": "Sent from my iPad", "fr": "Envoyé de mon iPad", "pt": "Enviado do meu iPad",
        "de": "Von meinem iPad gesendet", "it": "Inviato da iPad", "ja": "iPadから送信",
        "ko": "iPad에서 보냄", "tr": "iPad'imden gönderildi", "id": "Dikirim dari iPad saya",
        "es": "Enviado desde mi iPad", "ru": "Отправлено с iPad", "zh": "发自我的iPad", "ar": "أُرسلت من الـ iPad",
    },
    "samsung": {
        "en": "Sent from my Galaxy", "fr": "Envoyé depuis mon Galaxy", "es": "Enviado desde mi Galaxy",
        "pt": "Enviado do meu Galaxy", "de": "Von meinem Galaxy gesendet", "it": "Inviato dal mio Galaxy",
        "ru": "Отправлено с моего Galaxy", "ar": "تم الإرسال من Galaxy الخاص بي", "zh": "从我的Galaxy发送",
        "ja": "Galaxy から送信されました", "ko": "내 Galaxy에서 보냄", "tr": "Galaxy cihazımdan gönderildi",
        "id": "Dikirim dari Galaxy saya",
    },
    "samsung_long": {
        "en": "Sent from my Samsung Galaxy smartphone.", "pt": "Enviado do meu smartphone Samsung Galaxy.",
        "de": "Von meinem Samsung Galaxy Smartphone gesendet.", "it": "Inviato da smartphone Samsung Galaxy.",
        "es": "Enviado desde mi smartphone Samsung Galaxy.", "fr": "Envoyé depuis mon smartphone Samsung Galaxy.",
        "tr": "Samsung Galaxy akıllı telefonumdan gönderildi.", "id": "Dikirim dari smartphone Samsung Galaxy saya.",
        "ru": "Отправлено со смартфона Samsung Galaxy.", "ja": "Samsung Galaxy スマートフォンから送信されました。",
        "ko": "삼성 갤럭시 스마트폰에서 보냈습니다.", "zh": "从我的三星Galaxy智能手机发送。",
        "ar": "تم الإرسال من هاتف Samsung Galaxy الذكي الخاص بي.",
    },
    "outlook_mobile": {
        "en": "Get Outlook for Android", "fr": "Télécharger Outlook pour Android", "es": "Obtener Outlook para Android",
        "pt": "Obter o Outlook para Android", "de": "Outlook für Android herunterladen",
        "it": "Ottieni Outlook per Android", "ru": "Получить Outlook для Android",
        "ar": "احصل على Outlook for Android", "zh": "获取 Android 版 Outlook", "ja": "Android 版 Outlook を入手",
        "ko": "Android용 Outlook 받기", "tr": "Android için Outlook'u edinin", "id": "Dapatkan Outlook untuk Android",
    },
    "outlook_ios": {
        "en": "Get Outlook for iOS", "fr": "Obtenir Outlook pour iOS", "es": "Obtener Outlook para iOS",
        "pt": "Obter o Outlook para iOS", "de": "Outlook für iOS beziehen", "it": "Scarica Outlook per iOS",
        "ru": "Скачать Outlook для iOS", "ar": "الحصول على Outlook for iOS", "zh": "获取 iOS 版 Outlook",
        "ja": "iOS 版 Outlook を入手", "ko": "iOS용 Outlook 다운로드", "tr": "iOS için Outlook'u edinin",
        "id": "Dapatkan Outlook untuk iOS",
    },
    "yahoo": {
        "en": "Sent from Yahoo Mail on Android", "fr": "Envoyé depuis Yahoo Mail pour Android",
        "es": "Enviado desde Yahoo Mail con Android", "pt": "Enviado do Yahoo Mail no Android",
        "de": "Von Yahoo Mail auf Android gesendet", "it": "Inviato da Yahoo Mail su Android",
        "id": "Dikirim dari Yahoo Mail di Android", "tr": "Android'de Yahoo Mail ile gönderildi",
        "ja": "Android の Yahoo メールから送信", "ko": "Android용 Yahoo 메일에서 보냄",
        "ru": "Отправлено из Yahoo Почты для Android", "zh": "从 Android 版雅虎邮箱发送", "ar": "أرسلت من Yahoo Mail على Android",
    },
    "proton": {
        "en": "Sent with Proton Mail secure email.", "fr": "Envoyé avec la messagerie sécurisée Proton Mail.",
        "es": "Enviado con el correo electrónico seguro de Proton Mail.",
        "pt": "Enviado com o e-mail seguro do Proton Mail.", "de": "Gesendet mit der sicheren E-Mail-Adresse von Proton Mail.",
        "it": "Inviato con l'e-mail sicura di Proton Mail.", "tr": "Proton Mail güvenli e-postası ile gönderildi.",
        "id": "Dikirim dengan email aman Proton Mail.", "ru": "Отправлено с помощью защищённой почты Proton Mail.",
        "ja": "Proton Mail の安全なメールで送信しました。", "ko": "Proton Mail 보안 이메일로 보냄.",
        "zh": "使用 Proton Mail 安全电子邮件发送。", "ar": "تم الإرسال باستخدام بريد Proton الآمن.",
    },
    "spark": {
        "en": "Sent with Spark", "de": "Gesendet mit Spark", "fr": "Envoyé avec Spark", "es": "Enviado con Spark",
        "pt": "Enviado com o Spark", "it": "Inviato con Spark", "ru": "Отправлено с помощью Spark",
        "ja": "Spark から送信", "ko": "Spark로 보냄", "tr": "Spark ile gönderildi", "id": "Dikirim dengan Spark",
        "zh": "使用 Spark 发送", "ar": "أُرسلت باستخدام Spark",
    },
    "huawei": {
        "en": "Sent from my HUAWEI phone", "zh": "发自我的华为手机", "ar": "أُرسلت من هاتفي HUAWEI",
        "es": "Enviado desde mi teléfono Huawei", "fr": "Envoyé depuis mon téléphone HUAWEI",
        "ru": "Отправлено с моего телефона HUAWEI", "pt": "Enviado do meu telemóvel HUAWEI",
        "de": "Von meinem HUAWEI-Telefon gesendet", "it": "Inviato dal mio telefono HUAWEI",
        "tr": "HUAWEI telefonumdan gönderildi", "id": "Dikirim dari ponsel HUAWEI saya",
        "ja": "HUAWEI のスマートフォンから送信", "ko": "HUAWEI 휴대폰에서 보냄",
    },
}
CLOSINGS = {  # short closing phrases that may precede a first name
    "en": ["Thanks,", "Cheers,", "Best,", "Thank you,"],
    "fr": ["Merci,", "Bien à vous,", "Amitiés,"],
    "es": ["Gracias,", "Un saludo,", "Saludos,"],
    "pt": ["Obrigada,", "Abraços,", "Att.,"],
    "de": ["Danke,", "Viele Grüße", "LG"],
    "it": ["Grazie,", "Un saluto,", "Ciao,"],
    "ru": ["Спасибо,", "Всего доброго,", "С уважением,"],
    "ar": ["شكراً،", "مع التحية،", "تحياتي،"],
    "zh": ["谢谢，", "祝好，", "此致"],
    "ja": ["よろしくお願いします。", "以上、よろしくお願いいたします。"],
    "ko": ["감사합니다.", "감사합니다,"],
    "tr": ["Teşekkürler,", "Saygılarımla,", "İyi çalışmalar,"],
    "id": ["Terima kasih,", "Salam,", "Hormat saya,"],
}
CHARSETS = {  # legacy charsets a client of that language may use
    "ru": ["koi8-r", "windows-1251"], "ar": ["windows-1256", "iso-8859-6"], "zh": ["gb2312", "gbk"],
    "ja": ["iso-2022-jp", "shift_jis"], "ko": ["euc-kr", "ks_c_5601-1987"], "tr": ["iso-8859-9", "windows-1254"],
    "fr": ["iso-8859-1", "windows-1252", "iso-8859-15"], "es": ["iso-8859-1", "windows-1252"],
    "pt": ["iso-8859-1", "windows-1252"], "de": ["iso-8859-15", "iso-8859-1"], "it": ["iso-8859-1", "windows-1252"],
    "en": ["us-ascii", "windows-1252"], "id": ["iso-8859-1", "us-ascii"],
}
TITLES = {
    "en": ("Programme Officer", "Ministry of Environment and Climate Change"),
    "fr": ("Chargée de programme", "Ministère de la Transition écologique"),
    "es": ("Coordinador de Biodiversidad", "Ministerio de Ambiente y Desarrollo Sostenible"),
    "pt": ("Analista Ambiental", "Ministério do Meio Ambiente e Mudança do Clima"),
    "de": ("Referentin Biodiversität", "Bundesamt für Naturschutz"),
    "it": ("Funzionario tecnico", "Ministero dell'Ambiente e della Sicurezza Energetica"),
    "ru": ("Ведущий специалист", "Министерство природных ресурсов"),
    "ar": ("منسق التنوع البيولوجي", "وزارة البيئة"),
    "zh": ("项目官员", "生态环境部自然生态保护司"),
    "ja": ("自然環境局 生物多様性戦略推進室", "環境省"),
    "ko": ("생물다양성과 주무관", "환경부"),
    "tr": ("Biyoçeşitlilik Uzmanı", "Tarım ve Orman Bakanlığı"),
    "id": ("Analis Keanekaragaman Hayati", "Kementerian Lingkungan Hidup dan Kehutanan"),
}
PHONES = ["+55 61 2028-1234", "+33 1 40 81 21 22", "+49 228 8491 0", "+7 495 252-23-61", "+962 6 556 0113",
          "+86 10 6555 6000", "+81 3-3581-3351", "+82 44-201-6114", "+90 312 207 50 00", "+62 21 573 0191",
          "+39 06 5722 1", "+34 91 597 6000", "+1 514 288 2220"]

# --------------------------------------------------------------------------------------
# MIME helpers
# --------------------------------------------------------------------------------------


def enc_body(text: str, charset: str, cte: str) -> tuple[bytes, str]:
    """Encode ``text`` in ``charset`` with transfer encoding ``cte``; return (bytes, cte used)."""
    data = text.replace("\n", "\r\n" if cte == "crlf" else "\n").encode(charset)
    if cte == "base64":
        return base64.encodebytes(data), "base64"
    if cte == "quoted-printable":
        return quopri.encodestring(data), "quoted-printable"
    if charset in ("us-ascii", "iso-2022-jp"):
        return data, "7bit"
    return data, "8bit"


def leaf(ctype: str, text: str, charset: str, cte: str, params: str = "") -> bytes:
    data, cte = enc_body(text, charset, cte)
    head = f"Content-Type: {ctype}; charset=\"{charset}\"{params}\nContent-Transfer-Encoding: {cte}\n\n"
    return head.encode() + data.rstrip(b"\n") + b"\n"


def binary(ctype: str, name: str, data: bytes, disposition: str = "attachment", cid: str | None = None,
           params: str = "") -> bytes:
    try:
        name.encode("ascii")
        fname = f'filename="{name}"'
        nparam = f'name="{name}"'
    except UnicodeEncodeError:
        from urllib.parse import quote

        fname = f"filename*=utf-8''{quote(name)}"
        nparam = f'name="{Header(name, "utf-8").encode()}"'
    head = f"Content-Type: {ctype}; {nparam}{params}\nContent-Disposition: {disposition}; {fname}\n"
    if cid:
        head += f"Content-ID: <{cid}>\n"
    head += "Content-Transfer-Encoding: base64\n\n"
    return head.encode() + base64.encodebytes(data)


def multipart(subtype: str, parts: list[bytes], boundary: str, params: str = "") -> bytes:
    out = f"Content-Type: multipart/{subtype}; boundary=\"{boundary}\"{params}\n\n".encode()
    for p in parts:
        out += f"--{boundary}\n".encode() + p + b"\n"
    return out + f"--{boundary}--\n".encode()


def hname(name: str) -> str:
    try:
        name.encode("ascii")
        return formataddr((name, "x@y")).rsplit(" <", 1)[0]
    except UnicodeEncodeError:
        return Header(name, "utf-8").encode()


def html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_lines(lines: list[str], tag: str = "div", cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return "".join(f"<{tag}{c}>{html_escape(ln) if ln else '<br>'}</{tag}>" for ln in lines)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256)) * 3
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 9
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"0" * 900 + b"\n%%EOF\n"
XLSX = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(200)) * 4
ASC = (b"-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAdFiEEabcdefghijklmnopqrstuvwxyzABCDEFGH\n"
       b"=Ab12\n-----END PGP SIGNATURE-----\n")
P7S = b"0\x82\x0b\x1a\x06\t*\x86H\x86\xf7\r\x01\x07\x02\xa0\x82\x0b\x0b0\x82\x0b\x07\x02\x01\x01" + bytes(range(256)) * 4

# --------------------------------------------------------------------------------------
# One reply
# --------------------------------------------------------------------------------------


class Case:
    def __init__(self, name, client, lang, person, body, ending="none", *, closing=None, charset="utf-8",
                 cte="quoted-printable", html=None, marker=True, attach=(), sig_image=False, signed=None,
                 wrap=True, topic_lang=None, kind="reply", quote_style=None):
        self.name, self.client, self.lang, self.body = name, client, lang, body
        self.display, self.addr = person
        self.ending, self.closing, self.charset, self.cte = ending, closing, charset, cte
        self.html, self.marker, self.attach, self.sig_image, self.signed = html, marker, attach, sig_image, signed
        self.wrap, self.kind, self.quote_style = wrap, kind, quote_style
        self.tlang = topic_lang or (lang if lang in UN else "en")
        n = sum(map(ord, name))
        self.key = f"u{100 + n % 800}.t{2200 + n % 97}.{base64.urlsafe_b64encode(name.encode()[:9]).decode()}"
        self.reply_addr = f"reply+{self.key}@{DOMAIN}"
        self.rng = random.Random(name)

    # --- text pieces ------------------------------------------------------------
    def first_name(self) -> str:
        d = self.display
        if "," in d:  # "Lastname, Firstname" (corporate directories)
            return d.split(",", 1)[1].split()[0]
        if any("\u4e00" <= ch <= "\u9fff" for ch in d) and " " not in d:
            return d  # Chinese names are signed in full
        return d.split()[0]

    def closing_lines(self) -> list[str]:
        """Removed lines that follow the body: sign-off, name, signature, footer."""
        e = self.ending
        title, org = TITLES[self.lang]
        phone = self.rng.choice(PHONES)
        out: list[str] = []
        if self.closing:
            out.append(self.closing)
        if e == "none":
            return out
        if e == "firstname":
            return out + [self.first_name()]
        if e.startswith("mobile:"):
            fam = e.split(":", 1)[1]
            name_first = self.closing is not None
            return (out + [self.first_name(), ""] if name_first else out) + [MOBILE[fam][self.lang]]
        if e.startswith("name+mobile:"):
            fam = e.split(":", 1)[1]
            return out + [self.first_name(), "", MOBILE[fam][self.lang]]
        if e == "dash":
            return out + ["", "-- ", self.display, title, org, f"Tel: {phone}"]
        if e == "underscores":
            return out + ["", "_" * 32, self.display, f"{title} | {org}", f"T {phone} | {self.addr}"]
        if e == "nameblock":
            return out + ["", self.display, title, org, f"Tel. {phone}", f"www.{self.addr.split('@')[1]}"]
        if e == "name_nameblock":
            return out + [self.display, title, org, f"{phone} | {self.addr}"]
        raise ValueError(e)

    def subject(self) -> str:
        return REPLY_PREFIX[self.lang] + f"[{FORUM}] {TOPICS[self.tlang]}"

    def quote_lines(self) -> list[str]:
        lines = []
        if self.marker:
            lines += [MARKERS[self.tlang], ""]
        lines += [POST[self.tlang], "", "--", f"{FORUM} | https://{DOMAIN}/t/2201"]
        return lines

    def forum_name(self) -> str:
        return FORUM

    def attribution(self, table: dict) -> list[str]:
        text = table.get(self.lang, table["en"]).format(n=self.forum_name(), a=self.reply_addr)
        if self.charset != "utf-8":
            text = text.replace("\u202f", " ")
        if not self.wrap or len(text) <= 76:
            return [text]
        return textwrap.wrap(text, 76, break_long_words=False, break_on_hyphens=False)

    def header_block(self, labels, sep: str | None) -> list[str]:
        f, s, t, subj = labels
        colon = " :" if self.lang == "fr" else ":"
        lines = [sep] if sep else []
        lines += [
            f"{f}{colon} {self.forum_name()} <{self.reply_addr}>",
            f"{s}{colon} {'Monday, November 4, 2024 9:12 AM' if self.lang == 'en' else '04/11/2024 09:12'}",
            f"{t}{colon} {self.display} <{self.addr}>",
            f"{subj}{colon} [{FORUM}] {TOPICS[self.tlang]}",
        ]
        return lines

    # --- the plain text as the client writes it --------------------------------
    def plain(self) -> str:
        c, body = self.client, self.body.split("\n")
        tail = self.closing_lines()
        ql = self.quote_lines()
        gt = ["> " + ln if ln else ">" for ln in ql]
        style = self.quote_style or {
            "gmail": "gmail", "android_gmail": "gmail", "apple_mail": "apple", "ios_mail": "apple",
            "thunderbird": "tb", "roundcube": "tb", "yahoo": "yahoo", "outlook": "outlook",
            "outlook_web": "outlook_web", "outlook_mobile": "outlook_web", "samsung": "samsung",
            "proton": "proton", "zimbra": "zimbra", "notes": "notes", "spark": "spark", "foxmail": "foxmail",
            "mailru": "mailru",
        }[c]
        if style == "gmail":
            quote = self.attribution(GMAIL_ATTR) + [""] + gt
        elif style == "apple":
            quote = self.attribution(APPLE_ATTR) + [""] + gt
        elif style == "tb":
            quote = self.attribution(TB_ATTR) + gt
        elif style == "yahoo":
            quote = self.attribution(YAHOO_ATTR) + [""] + gt
        elif style == "outlook":
            quote = ["", *self.header_block(HDR[self.lang], "_" * 32 if self.rng.random() < 0.4 else None), "", *ql]
        elif style == "outlook_web":
            quote = [*self.header_block(HDR[self.lang], "_" * 32), "", *ql]
        elif style == "samsung":
            sep, f, d, t, s = SAMSUNG_SEP[self.lang]
            quote = [sep, f"{f}: {self.forum_name()} <{self.reply_addr}> ", f"{d}: 04/11/2024 09:12 (GMT+01:00) ",
                     f"{t}: {self.addr} ", f"{s}: [{FORUM}] {TOPICS[self.tlang]} ", "", *ql]
        elif style == "proton":
            quote = ["------- Original Message -------", *self.attribution(YAHOO_ATTR), "", *gt]
        elif style == "zimbra":
            sep, f, d, t, s = SAMSUNG_SEP[self.lang]
            quote = [sep.replace("--------", "-----"), f"{f}: \"{self.forum_name()}\" <{self.reply_addr}>",
                     f"{t}: \"{self.display}\" <{self.addr}>", f"{d}: Lundi 4 Novembre 2024 09:12:05",
                     f"{s}: [{FORUM}] {TOPICS[self.tlang]}", "", *gt]
        elif style == "notes":
            f, s, t, subj = HDR[self.lang]
            quote = [f"{f}:\t{self.forum_name()} <{self.reply_addr}>", f"{t}:\t{self.addr}",
                     "Date:\t04/11/2024 09:12", f"{subj}:\t[{FORUM}] {TOPICS[self.tlang]}", "", *ql]
        elif style == "spark":
            quote = self.attribution({k: v.replace(" <{a}> ", " <{a}>, ") for k, v in APPLE_ATTR.items()}) + gt
        elif style == "foxmail":
            quote = ["------------------ 原始邮件 ------------------",
                     f"发件人: \"{self.forum_name()}\"<{self.reply_addr}>;", "发送时间: 2024年11月4日(星期一) 上午9:12",
                     f"收件人: \"{self.display}\"<{self.addr}>;", f"主题: [{FORUM}] {TOPICS[self.tlang]}", "", *ql]
        elif style == "mailru":
            quote = self.attribution({"ru": "Понедельник, 4 ноября 2024, 9:12 +03:00 от {n} <{a}>:",
                                      "en": "Monday, 4 November 2024, 9:12 +03:00 from {n} <{a}>:"}) + gt
        else:
            raise ValueError(style)
        return "\n".join(body + [""] + tail + [""] + quote) + "\n"

    # --- the HTML the client writes --------------------------------------------
    def html_doc(self, cids: dict[str, str]) -> str:
        c = self.client
        body = self.body.split("\n")
        tail = self.closing_lines()
        ql = self.quote_lines()
        logo = "".join(f'<img src="cid:{cid}" alt="{name}" width="120" height="40">' for name, cid in cids.items())
        dir_ = ' dir="rtl"' if self.lang == "ar" else ""
        if c in ("gmail", "android_gmail"):
            sig_start = next((i for i, t in enumerate(tail) if t in ("-- ",)), None)
            text_tail = tail if sig_start is None else tail[:sig_start]
            sig = tail[sig_start + 1:] if sig_start is not None else []
            sig_html = (f'<div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" '
                        f'class="gmail_signature">{html_lines(sig)}{logo}</div>') if sig or logo else ""
            attr = " ".join(self.attribution(GMAIL_ATTR))
            return (f'<div dir="{"rtl" if dir_ else "ltr"}">{html_lines(body)}<div><br></div>{html_lines(text_tail)}'
                    f'</div>{sig_html}<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
                    f'{html_escape(attr)}<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
                    f'border-left:1px solid rgb(204,204,204);padding-left:1ex">{html_lines(ql)}</blockquote></div>')
        if c in ("outlook", "outlook_web", "outlook_mobile"):
            f, s, t, subj = HDR[self.lang]
            p = lambda ln: f'<p class="MsoNormal"{dir_}><span lang="{self.lang.upper()}">{html_escape(ln) if ln else "&nbsp;"}</span></p>'  # noqa: E731
            hdr = (f'<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
                   f'<p class="MsoNormal"><b>{f}:</b> {html_escape(self.forum_name())} &lt;{self.reply_addr}&gt;<br>'
                   f'<b>{s}:</b> 04/11/2024 09:12<br><b>{t}:</b> {html_escape(self.display)}<br>'
                   f'<b>{subj}:</b> [{FORUM}] {html_escape(TOPICS[self.tlang])}</p></div>')
            if c == "outlook":
                rest = f'<div>{hdr}</div>'
            else:
                rest = (f'<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
                        f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">'
                        f'<b>{f}:</b> {html_escape(self.forum_name())}<br><b>{s}:</b> 04/11/2024 09:12</font></div>')
            sig = "".join(p(ln) for ln in tail) + (f'<p class="MsoNormal">{logo}</p>' if logo else "")
            return (f'<div class="WordSection1">{"".join(p(ln) for ln in body)}<p class="MsoNormal">&nbsp;</p>'
                    f'{sig}<p class="MsoNormal">&nbsp;</p>{rest}{"".join(p(ln) for ln in ql)}</div>')
        if c in ("apple_mail", "ios_mail", "spark"):
            attr = " ".join(self.attribution(APPLE_ATTR))
            return (f'<div{dir_}>{html_lines(body)}<div><br></div>{html_lines(tail)}{logo}</div>'
                    f'<div><br><blockquote type="cite"><div>{html_escape(attr)}</div><br>'
                    f'{html_lines(ql)}</blockquote></div>')
        if c in ("thunderbird", "roundcube"):
            attr = " ".join(self.attribution(TB_ATTR))
            dash = tail.index("-- ") if "-- " in tail else None
            pre, sig = (tail, []) if dash is None else (tail[:dash], tail[dash + 1:])
            sig_html = f'<pre class="moz-signature" cols="72">-- \n{html_escape(chr(10).join(sig))}</pre>' if sig else ""
            return (f'<p>{"<br>".join(html_escape(x) for x in body)}</p><p>{"<br>".join(html_escape(x) for x in pre)}</p>'
                    f'{sig_html}{logo}<div class="moz-cite-prefix">{html_escape(attr)}<br></div>'
                    f'<blockquote type="cite">{html_lines(ql)}</blockquote>')
        if c == "yahoo":
            attr = " ".join(self.attribution(YAHOO_ATTR))
            return (f'<div class="ydp1f2e3d4cyahoo-style-wrap">{html_lines(body)}<div><br></div>{html_lines(tail)}</div>'
                    f'<div id="yahoo_quoted_1234567" class="yahoo_quoted"><div>{html_escape(attr)}</div>'
                    f'<div><br></div>{html_lines(ql)}</div>')
        if c == "proton":
            attr = " ".join(self.attribution(YAHOO_ATTR))
            foot = [t for t in tail if t != MOBILE["proton"][self.lang]]
            return (f'<div style="font-family: Arial, sans-serif; font-size: 14px;">{html_lines(body)}<div><br></div>'
                    f'{html_lines(foot)}</div><div class="protonmail_signature_block"><div class="protonmail_signature_block-proton">'
                    f'{html_escape(MOBILE["proton"][self.lang])}</div></div><div class="protonmail_quote">'
                    f'------- Original Message -------<br>{html_escape(attr)}<br><blockquote class="protonmail_quote" '
                    f'type="cite">{html_lines(ql)}</blockquote></div>')
        if c == "zimbra":
            return (f'<html><body><div style="font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000">'
                    f'{html_lines(body)}<div><br></div>{html_lines(tail)}<div><br></div><hr id="zwchr">'
                    f'<div data-marker="__HEADERS__"><b>De: </b>{html_escape(self.forum_name())}</div>'
                    f'<div data-marker="__QUOTED_TEXT__">{html_lines(ql)}</div></div></body></html>')
        if c == "notes":
            f, s, t, subj = HDR[self.lang]
            return (f'<html><body><font size=2 face="sans-serif">{"<br>".join(html_escape(x) for x in body)}</font>'
                    f'<br><br><font size=2 face="sans-serif">{"<br>".join(html_escape(x) for x in tail)}</font><br>{logo}<br>'
                    f'<br><br><table width="100%"><tr valign=top><td><font size=1 face="sans-serif"><b>{f}:</b></font>'
                    f'<td><font size=1 face="sans-serif">{html_escape(self.forum_name())} &lt;{self.reply_addr}&gt;</font>'
                    f'<tr valign=top><td><font size=1 face="sans-serif"><b>{t}:</b></font><td><font size=1>{self.addr}</font>'
                    f'<tr valign=top><td><font size=1 face="sans-serif"><b>Date:</b></font><td><font size=1>04/11/2024 09:12</font>'
                    f'<tr valign=top><td><font size=1 face="sans-serif"><b>{subj}:</b></font><td><font size=1>'
                    f'[{FORUM}] {html_escape(TOPICS[self.tlang])}</font></table><br><br><br>'
                    f'<font size=2 face="sans-serif">{"<br>".join(html_escape(x) for x in ql)}</font></body></html>')
        if c == "samsung":
            sep, f, d, t, s = SAMSUNG_SEP[self.lang]
            return (f'<html><body><div dir="auto">{"<br>".join(html_escape(x) for x in body)}</div><div dir="auto"><br></div>'
                    f'<div dir="auto">{"<br>".join(html_escape(x) for x in tail)}</div><div><br></div>'
                    f'<div align="left" dir="auto" style="font-size:100%;color:#000000"><div>{html_escape(sep)}</div>'
                    f'<div>{f}: {html_escape(self.forum_name())} &lt;{self.reply_addr}&gt; </div><div>{d}: 04/11/2024 09:12 '
                    f'(GMT+01:00) </div><div>{t}: {self.addr} </div><div>{s}: [{FORUM}] {html_escape(TOPICS[self.tlang])} </div>'
                    f'<div><br></div></div>{html_lines(ql)}</body></html>')
        raise ValueError(c)

    # --- the whole message -------------------------------------------------------
    HEADERS = {
        "gmail": "X-Mailer: none\n",
        "android_gmail": "",
        "outlook": "X-Mailer: Microsoft Outlook 16.0\nThread-Index: AQHbLm3X4kq9Zl2Yq0S8n1c6uGZ1Bw==\nContent-Language: {lang}\nX-MS-Has-Attach: {att}\nX-MS-TNEF-Correlator:\n",
        "outlook_web": "Thread-Topic: [CBD Discussions]\nThread-Index: AQHbLm3X4kq9Zl2Yq0S8n1c6uGZ1Bw==\nAccept-Language: {lang}, en-US\nContent-Language: {lang}\nX-MS-Exchange-Organization-SCL: 1\nmsip_labels:\n",
        "outlook_mobile": "X-Mailer: Outlook for Android\nThread-Index: AQHbLm3X4kq9Zl2Yq0S8n1c6uGZ1Bw==\nContent-Language: {lang}\n",
        "apple_mail": "X-Mailer: Apple Mail (2.3774.600.62)\n",
        "ios_mail": "X-Mailer: iPhone Mail (21H16)\n",
        "thunderbird": "User-Agent: Mozilla Thunderbird\nContent-Language: {lang}\n",
        "roundcube": "User-Agent: Roundcube Webmail/1.6.9\nX-Sender: {addr}\n",
        "yahoo": "X-Mailer: WebService/1.1.22806 YMailNorrin\n",
        "proton": "X-Pm-Origin: internal\nX-Pm-Content-Encryption: end-to-end\nX-Pm-Spamscore: 0\n",
        "zimbra": "X-Mailer: Zimbra 9.0.0_GA_4583 (ZimbraWebClient - FF131 (Win)/9.0.0_GA_4583)\nThread-Index: x2lZ0Xh0aFkq\nThread-Topic: [CBD Discussions]\n",
        "notes": "X-Mailer: HCL Notes Release 12.0.2 November 03, 2022\nX-MIMETrack: Serialize by Router on Domino01/ORG at 04/11/2024 10:40:11\nX-KeepSent: 8A2F0E6E:3F9C21B8-00258B8A:00321D1A; type=4; name=$KeepSent\n",
        "samsung": "X-Mailer: Samsung Email\n",
        "spark": "X-Readdle-Message-ID: 6f5c8a3e-2d1b-4c7a-9e0f-8b3d2a1c4e5f@Spark\n",
        "foxmail": "X-Mailer: Foxmail 7.2.25.331[cn]\nX-QQ-MID: bizesmtp123t1730711234t7a3kq9z\n",
        "mailru": "X-Mailer: Mail.Ru Mailer 1.0\nX-Mailru-Src: web\n",
    }
    MSGID = {
        "gmail": "CAJ7{h}w@mail.gmail.com", "android_gmail": "CAH3{h}q@mail.gmail.com",
        "outlook": "DB9PR07MB{h}@DB9PR07MB9118.eurprd07.prod.outlook.com",
        "outlook_web": "AM0PR02MB{h}@AM0PR02MB5620.eurprd02.prod.outlook.com",
        "outlook_mobile": "PAXPR10MB{h}@PAXPR10MB5350.EURPRD10.PROD.OUTLOOK.COM",
        "apple_mail": "{h}-7E2D-4C1B-9A55-1F0B3C2D4E5F@me.com", "ios_mail": "{h}-A1B2-4C3D-8E9F-0A1B2C3D4E5F@icloud.com",
        "thunderbird": "{h}-3c2e-4d1a-9b8f-7e6d5c4b3a29@example.net", "roundcube": "{h}@webmail.example.net",
        "yahoo": "{h}.1730711234567@mail.yahoo.com", "proton": "{h}=@proton.me",
        "zimbra": "{h}.1730711234.JavaMail.zimbra@example.gov", "notes": "OF{h}-ON00258B8A.00321D1A-00258B8A.0032AB12@example.org",
        "samsung": "{h}.1730711234@email.android.com", "spark": "{h}@Spark", "foxmail": "tencent_{h}@qq.com",
        "mailru": "{h}@f501.i.mail.ru",
    }

    def build(self) -> bytes:
        c = self.client
        h = base64.b32encode(self.name.encode()[:10]).decode().rstrip("=")
        cids: dict[str, str] = {}
        if self.sig_image:
            names = {"outlook": "image001.png", "outlook_web": "Outlook-logo.png", "notes": "0__=8FBB0E6EDFB2C1F38f9e8a93df938690918c8FB@.gif",
                     "apple_mail": "logo.png", "gmail": "ii_lz3k9abc1", "thunderbird": "part1.Kq3sZ0Tm.AbCdEf12@example.net"}
            nm = names.get(c, "image001.png")
            cid = {"gmail": "ii_lz3k9abc1", "outlook": "image001.png@01DB2E4F.5A6B7C80"}.get(c, f"{nm}@01DB2E4F")
            cids["logo.png" if c == "gmail" else nm] = cid
        cs = self.charset
        plain_text = self.plain()
        parts_alt: list[bytes] = []
        flowed = '; format="flowed"' if c in ("thunderbird", "roundcube", "apple_mail", "ios_mail") and cs == "utf-8" and self.cte == "8bit" else ""
        if self.html != "only":
            parts_alt.append(leaf("text/plain", plain_text, cs, self.cte, flowed))
        if self.html in ("alt", "only"):
            hdoc = self.html_doc(cids)
            if not hdoc.lstrip().startswith("<html"):
                meta = f'<meta http-equiv="Content-Type" content="text/html; charset={cs}">'
                hdoc = f"<html><head>{meta}</head><body>{hdoc}</body></html>"
            parts_alt.append(leaf("text/html", hdoc, cs, "base64" if self.cte == "base64" else "quoted-printable"))
        content = parts_alt[0] if len(parts_alt) == 1 else multipart("alternative", parts_alt, f"alt_{h[:12]}")
        if cids:
            imgs = [binary("image/png" if n.endswith("png") or c == "gmail" else "image/gif", n, PNG, "inline", cid)
                    for n, cid in cids.items()]
            content = multipart("related", [content, *imgs], f"rel_{h[:12]}", '; type="multipart/alternative"')
        expected_att = []
        if self.attach:
            files = []
            for name in self.attach:
                data, ctype = {"pdf": (PDF, "application/pdf"), "png": (PNG, "image/png"), "jpg": (JPG, "image/jpeg"),
                               "xlsx": (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                               "docx": (XLSX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}[name.rsplit(".", 1)[1]]
                files.append(binary(ctype, name, data))
                expected_att.append(name)
            content = multipart("mixed", [content, *files], f"mix_{h[:12]}")
        if self.signed == "pgp":
            sig = (b'Content-Type: application/pgp-signature; name="OpenPGP_signature.asc"\n'
                   b"Content-Description: OpenPGP digital signature\n"
                   b'Content-Disposition: attachment; filename="OpenPGP_signature.asc"\n\n' + ASC) if c == "thunderbird" else (
                   b'Content-Type: application/pgp-signature; name="signature.asc"\n'
                   b'Content-Disposition: attachment; filename="signature.asc"\nContent-Description: OpenPGP digital signature\n\n' + ASC)
            content = multipart("signed", [content, sig], f"sig_{h[:12]}", '; micalg=pgp-sha256; protocol="application/pgp-signature"')
        elif self.signed == "smime":
            ctype = "application/pkcs7-signature" if c != "thunderbird" else "application/x-pkcs7-signature"
            sig = (f'Content-Type: {ctype}; name="smime.p7s"\nContent-Transfer-Encoding: base64\n'
                   f'Content-Disposition: attachment; filename="smime.p7s"\n\n').encode() + base64.encodebytes(P7S)
            content = multipart("signed", [content, sig], f"sig_{h[:12]}", f'; protocol="{ctype}"; micalg=sha-256')
        subj = self.subject()
        try:
            subj.encode("ascii")
        except UnicodeEncodeError:
            subj = Header(subj, "utf-8").encode()
        extra = self.HEADERS[c].format(lang=self.lang, att="yes" if self.attach else "no", addr=self.addr)
        head = (
            f"Return-Path: <{self.addr}>\n"
            f"Delivered-To: {self.reply_addr}\n"
            f"From: {hname(self.display)} <{self.addr}>\n"
            f"To: {FORUM} <{self.reply_addr}>\n"
            f"Subject: {subj}\n"
            f"Date: Mon, 04 Nov 2024 10:{10 + len(self.name) % 49:02d}:07 +0100\n"
            f"Message-ID: <{self.MSGID[c].format(h=h)}>\n"
            f"In-Reply-To: <post-2201-3@{DOMAIN}>\n"
            f"References: <thread-2201@{DOMAIN}> <post-2201-3@{DOMAIN}>\n"
            f"{extra}MIME-Version: 1.0\n"
        )
        if self.kind == "auto_reply":
            head += "Auto-Submitted: auto-replied\nX-Autoreply: yes\n" if c != "outlook" else "X-Auto-Response-Suppress: All\n"
        self.expected_attachments = expected_att
        return head.encode() + content

    def expected(self) -> dict:
        exp = {"kind": self.kind, "from": self.addr, "reply_key": self.key, "language": self.lang, "client": self.client}
        if self.kind == "reply":
            exp["body"] = self.body
        exp["attachments"] = self.expected_attachments
        return exp


def write(cases: list[Case], folder: Path, prefix: str) -> None:
    for old in folder.glob(f"{prefix}*.eml"):
        old.unlink()
    for old in folder.glob(f"{prefix}*.json"):
        old.unlink()
    for case in cases:
        raw = case.build()
        (folder / f"{prefix}{case.name}.eml").write_bytes(raw)
        (folder / f"{prefix}{case.name}.json").write_text(
            json.dumps(case.expected(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


from cases import HELDOUT_CASES, TUNED_CASES  # noqa: E402  (the case lists: texts, people, combinations)

if __name__ == "__main__":
    write(HELDOUT_CASES(Case), HERE, "")
    write(TUNED_CASES(Case), TUNED, "r3_")
