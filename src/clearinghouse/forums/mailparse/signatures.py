"""Signatures and sign-offs: "-- " blocks, mobile footers, closing formulas with their name block,
disclaimers and external-sender banners."""

from __future__ import annotations

import re

from .text import _strip_bidi

_MOBILE_RE = re.compile(
    r"^\s*(sent from my\b|sent from (outlook|mail|yahoo|aol|samsung|my mobile|the mail app|proton)|"
    r"sent (from|via|with|using) .{0,40}(iphone|ipad|android|blackberry|mobile|galaxy|smartphone|tablet|phone|device)|"
    r"get outlook for (ios|android)|download outlook for|sent from yahoo mail|"
    r"envoy[ée] (de|depuis|à partir de) (mon|ma|l'application|outlook|yahoo)|"
    r"(t[ée]l[ée]charger|obtenir|t[ée]l[ée]chargez) outlook pour|"
    r"enviado (desde|de|do|a partir do|a partir de|con) (mi|meu|minha|el|o|yahoo|outlook|my)\b|"
    r"obt(ener|enga|er o|enha o) outlook para|"
    r"отправлено (с|со|из|через) |получить outlook для|скачать outlook для|"
    r"从我的.{0,30}发送|发自我的|來自我的|发自 ?outlook|从 ?outlook|获取 ?outlook|"
    r"أرسلت من|أُرسلت من|مرسل من|تم الإرسال من|أرسل من|احصل على outlook|الحصول على outlook|"
    # "This message was sent from my Android phone with GMX Mail." (GMX, WEB.DE: long but fixed)
    r"diese nachricht wurde von meinem .{0,60}gesendet|"
    # "Sent from Zoho Mail", "Sent with Proton Mail", "Enviado con Zoho Mail": a mail service named
    r"(sent|envoy[ée]|enviado|inviato|gesendet|verzonden) (from|with|using|via|avec|depuis|de|desde|con|com|"
    r"da|dal|mit|met|von) (the )?[\w.-]+ ?mail\b)",
    re.I,
)
#: "Sent from Mail for Windows" in every language: a mail word next to "Windows".
_WINDOWS_MAIL_RE = re.compile(
    r"(mail|correo|courrier|posta|почт|البريد|邮件|郵件|メール|메일|thư|मेल).{0,25}windows|"
    r"windows.{0,20}(mail|邮件|郵件|メール|메일|posta|मेल|почт|البريد|courrier|correo)",
    re.I,
)
#: "Please excuse my brevity" and its kin after a mobile footer on the same line.
_BREVITY_RE = re.compile(
    r"\s*(please )?(excuse|pardon|forgive) (my|the|any) (brevity|typos?|spelling|autocorrect).*$|"
    r"\s*(bitte )?entschuldigen sie (die|meine) (kürze|tippfehler).*$|\s*excusez la brièveté.*$|"
    r"\s*disculpe? (la brevedad|los errores).*$|\s*簡潔な返信をお許しください.*$|\s*请原谅.{0,10}简短.*$",
    re.I,
)

#: Brands and words that name a device or a mail app, in the languages of the mobile footers.
_DEVICE_RE = re.compile(
    r"(iphone|ipad|ipod|apple watch|android|galaxy|samsung|huawei|honor|xiaomi|redmi|oppo|vivo|oneplus|pixel|"
    r"blackberry|nokia|motorola|windows phone|mobile|móvil|movil|celular|telemóvel|telemovel|telefone|telefono|"
    r"telefon|handy|smartphone|tablet|phone|device|outlook|yahoo|proton|spark|gmail|aol|mail\.ru|yandex|"
    r"tutanota|\btuta\b|bluemail|blue mail|edison|airmail|fairemail|k-9|aquamail|mail app|"
    r"телефон|мобильн|смартфон|айфон|планшет|устройств|яндекс|почты|هاتف|جوال|الجوال|آيفون|手机|手機|"
    r"雅虎|智能|スマートフォン|スマホ|携帯|휴대폰|스마트폰|갤럭시|아이폰|akıllı telefon|cihaz|ponsel|"
    r"perangkat|điện thoại|gerät|mobiltelefon|smartfon|mymail|zoho|libero|gmx|web\.de|"
    r"网易|邮箱|郵箱|邮件大师|simu|फ़ोन|फोन|स्मार्टफ़ोन|स्मार्टफोन|सैमसंग|삼성|l'application|appli mail|mail app)",
    re.I,
)
#: "Sent", "from", "get" words of mobile footers.
_SENT_RE = re.compile(
    r"(\bsent\b|\bsend\b|envoy[ée]|enviad[oa]|inviato|gesendet|von meinem|verstuurd|verzonden|\bsendt\b|"
    r"skickat|lähetetty|wysłane|odesláno|отправлено|надіслано|أرسلت|أُرسلت|مرسل|تم الإرسال|发自|发送|來自|"
    r"送信|보냄|보냈|gönderildi|dikirim|terkirim|được gửi|\bget\b|obtenir|obtener|obter|ottieni|"
    r"scarica|herunterladen|beziehen|скачать|получить|احصل|الحصول|获取|入手|받기|다운로드|edinin|dapatkan|"
    r"t[ée]l[ée]charger|\bvia\b|\bfrom my\b|\bde mon\b|\bdesde mi\b|\bdo meu\b|\bdal mio\b|"
    r"भेजा|imetumwa|gửi từ|versendet|secured with|sicher mit|来自|發自|nhận|تنزيل|скачайте|скача|"
    r"holen sie sich|envoy[ée] avec|sent using)",
    re.I,
)


def _is_mobile_footer(line: str) -> bool:
    """A "Sent from my phone" / "Get Outlook for iOS" line, in any language (short, not a sentence)."""
    s = _strip_bidi(line).strip().strip("_*")
    if not s or len(s) > 140:
        return False
    s = _BREVITY_RE.sub("", s).strip()
    if not s or len(s) > 90:
        return False
    words = s.split()
    if (
        _MOBILE_RE.search(s)
        and len(words) <= 12
        and (
            "," not in s or (_DEVICE_RE.search(s.split(",", 1)[0]) and _DEVICE_RE.search(s.split(",", 1)[1]))
        )
    ):
        return True
    if len(words) <= 9 and _WINDOWS_MAIL_RE.search(s) and _SENT_RE.search(s):
        return True
    if len(words) > 9 or (len(words) <= 1 and len(s) > 40) or re.search(r"[,;?!:]\s", s):
        return False
    return bool(_DEVICE_RE.search(s) and _SENT_RE.search(s))


_SIGNOFFS = [
    # en
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "best wishes",
    "regards",
    "with best regards",
    "with kind regards",
    "with regards",
    "many thanks",
    "thanks",
    "thank you",
    "thanks again",
    "thanks and regards",
    "thanks & regards",
    "best",
    "cheers",
    "sincerely",
    "yours sincerely",
    "sincerely yours",
    "yours faithfully",
    "yours truly",
    "all the best",
    "respectfully",
    "yours",
    "warmly",
    "best regards,",
    "kind wishes",
    "regards from",
    "take care",
    "talk soon",
    "thanks so much",
    "thank you very much",
    "with appreciation",
    "respectfully yours",
    "v/r",
    "cordially",
    "kindest regards",
    "with thanks",
    "thank you and best regards",
    "thanks in advance",
    "looking forward to hearing from you",
    "best regards and thanks",
    # fr
    "cordialement",
    "bien cordialement",
    "très cordialement",
    "tres cordialement",
    "bien à vous",
    "salutations",
    "meilleures salutations",
    "sincères salutations",
    "salutations distinguées",
    "amicalement",
    "bien amicalement",
    "merci",
    "merci beaucoup",
    "merci d'avance",
    "avec mes remerciements",
    "respectueusement",
    "bonne journée",
    "belle journée",
    "avec mes meilleures salutations",
    "je vous prie d'agréer mes salutations distinguées",
    "sincèrement",
    "à bientôt",
    "bien à toi",
    "mes salutations",
    "amitiés",
    "bien amicalement vôtre",
    "bises",
    "bonne soirée",
    "cordialement vôtre",
    "meilleurs vœux",
    "bien sincèrement",
    # es
    "saludos",
    "saludos cordiales",
    "un saludo",
    "un cordial saludo",
    "atentamente",
    "cordialmente",
    "muchas gracias",
    "gracias",
    "un abrazo",
    "reciba un cordial saludo",
    "afectuosamente",
    "cordiales saludos",
    "saludos afectuosos",
    "un saludo cordial",
    "quedo atento",
    "quedo atenta",
    "quedo a su disposición",
    "mis mejores deseos",
    "reciban un cordial saludo",
    "hasta pronto",
    "saludos desde",
    "un fuerte abrazo",
    "besos",
    "quedo atento a sus comentarios",
    "sin otro particular",
    # pt
    "atenciosamente",
    "cumprimentos",
    "com os melhores cumprimentos",
    "melhores cumprimentos",
    "abraços",
    "um abraço",
    "obrigado",
    "obrigada",
    "muito obrigado",
    "muito obrigada",
    "saudações",
    "cordiais saudações",
    "grato",
    "grata",
    "abs",
    "abraço",
    "um grande abraço",
    "até breve",
    "saudações cordiais",
    # ru
    "с уважением",
    "с наилучшими пожеланиями",
    "всего доброго",
    "всего наилучшего",
    "спасибо",
    "заранее спасибо",
    "большое спасибо",
    "искренне ваш",
    "искренне ваша",
    "с уважением и наилучшими пожеланиями",
    "с благодарностью",
    "с приветом",
    "всего хорошего",
    "с уважением и благодарностью",
    "с наилучшими пожеланиями и уважением",
    "благодарю",
    "до встречи",
    # ar
    "مع التحية",
    "مع أطيب التحيات",
    "مع خالص التحية",
    "مع خالص التقدير",
    "مع التقدير",
    "تحياتي",
    "مع الشكر",
    "شكرا",
    "شكراً",
    "وشكرا",
    "مع فائق الاحترام",
    "أطيب التحيات",
    "وتفضلوا بقبول فائق الاحترام",
    "وتفضلوا بقبول فائق الاحترام والتقدير",
    "مع خالص الشكر",
    "مع التحيات",
    "تحياتي الحارة",
    "مع أطيب التمنيات",
    "وشكراً",
    # de
    "viele grüße",
    "viele grüsse",
    "beste grüße",
    "liebe grüße",
    "herzliche grüße",
    "freundliche grüße",
    "mit freundlichen grüßen",
    "mit freundlichen grüssen",
    "mit besten grüßen",
    "schöne grüße",
    "gruß",
    "gruss",
    "grüße",
    "lg",
    "vg",
    "mfg",
    "danke",
    "vielen dank",
    # it
    "cordiali saluti",
    "distinti saluti",
    "saluti",
    "un saluto",
    "grazie",
    "grazie mille",
    # nl
    "met vriendelijke groet",
    "met vriendelijke groeten",
    "vriendelijke groet",
    "groeten",
    "hartelijke groet",
    "groet",
    # pl, sv, da/no, fi
    "pozdrawiam",
    "z poważaniem",
    "pozdrowienia",
    "serdecznie pozdrawiam",
    "vänliga hälsningar",
    "med vänlig hälsning",
    "hälsningar",
    "mvh",
    "med venlig hilsen",
    "med vennlig hilsen",
    "venlig hilsen",
    "hilsen",
    "ystävällisin terveisin",
    "terveisin",
    # zh
    "此致",
    "此致敬礼",
    "此致 敬礼",
    "祝好",
    "谢谢",
    "謝謝",
    "顺祝商祺",
    "顺颂商祺",
    "祝商祺",
    "敬上",
    "谨上",
    "多谢",
    "祝工作顺利",
    "顺颂时祺",
    "顺祝时祺",
    "此致敬禮",
    "谢谢！",
    "祝一切顺利",
    "致礼",
    "敬礼",
]
#: Closings of languages and clients met beyond the six UN languages (ja, ko, tr, id, vi, pt/it/de short forms).
_MORE_SIGNOFFS = [
    "cheers",
    "best",
    "thanks",
    "thank you",
    "many thanks",
    "thanks again",
    "thx",
    "br",
    "rgds",
    "ciao",
    "un caro saluto",
    "a presto",
    "att",
    "att.",
    "atte",
    "abs",
    "bjs",
    "lg",
    "liebe grüße",
    "bis bald",
    "amitiés",
    "bien à vous",
    "bien à toi",
    "bonne journée",
    "un saludo",
    "saludos cordiales",
    "kh",
    "kærlig hilsen",
    "venlig hilsen",
    "med vänliga hälsningar",
    "mvh",
    "groetjes",
    "よろしくお願いします",
    "よろしくお願いいたします",
    "よろしくお願い致します",
    "以上、よろしくお願いいたします",
    "以上、よろしくお願いします",
    "以上です",
    "以上",
    "よろしく",
    "감사합니다",
    "고맙습니다",
    "감사드립니다",
    "수고하세요",
    "teşekkürler",
    "teşekkür ederim",
    "saygılarımla",
    "saygılar",
    "iyi çalışmalar",
    "selamlar",
    "sevgiler",
    "terima kasih",
    "salam",
    "salam hangat",
    "hormat saya",
    "hormat kami",
    "wassalam",
    "trân trọng",
    "cảm ơn",
    "спасибо",
    "всего доброго",
    "всего хорошего",
    "شكراً",
    "شكرا",
    "مع التحية",
    "تحياتي",
    "مع خالص التحية",
    "祝好",
    "谢谢",
    # sw
    "asante",
    "asante sana",
    "shukrani",
    "kwa heri",
    "wasalaam",
    "wasalamu",
    "wako",
    "wako mtiifu",
    "wako katika kazi",
    "salamu",
    "salaam",
    "kila la heri",
    "wako daima",
    # hi
    "धन्यवाद",
    "सधन्यवाद",
    "सादर",
    "आपका",
    "आपकी",
    "भवदीय",
    "भवदीया",
    "साभार",
    "शुभकामनाओं सहित",
    "शुभकामनाएं",
    "शुभकामनाएँ",
    "आभार सहित",
    # vi
    "kính thư",
    "thân ái",
    "thân mến",
    "xin cảm ơn",
    "trân trọng cảm ơn",
    "kính chào",
    "trân trọng kính chào",
    "chào thân ái",
    "cảm ơn nhiều",
    "xin chân thành cảm ơn",
    # de, it, fr, es, pt, tr, id, ja, ko, ru, ar: further everyday closings
    "tschüss",
    "tschüs",
    "servus",
    "bis dann",
    "herzlich",
    "herzlichst",
    "beste grüsse",
    "un cordiale saluto",
    "cordialmente",
    "saluti cordiali",
    "buona giornata",
    "un abbraccio",
    "bonne fin de journée",
    "belle fin de journée",
    "excellente journée",
    "au plaisir",
    "un abrazo fuerte",
    "saludos desde",
    "beijos",
    "bjs",
    "forte abraço",
    "iyi günler",
    "sevgilerimle",
    "saygılarımızla",
    "kolay gelsin",
    "salam hormat",
    "terima kasih banyak",
    "wassalamualaikum",
    "ありがとうございました",
    "수고하십시오",
    "감사합니다 드림",
    "удачи",
    "искренне",
    "مع خالص الود",
    "دمتم بخير",
    "تحياتي لكم",
    "yours ever",
    "warm wishes",
    "speak soon",
]
#: "정하늘 드림", "김민준 올림", "林志明 敬上", "山本 拝", "山本より": a name followed by the
#: Korean / Chinese / Japanese word that closes a letter.
_CJK_CLOSING_RE = re.compile(r"^\S{1,12}( \S{1,12})?\s?(드림|올림|배상|拜上|敬上|谨上|謹上|拝|より)[.。]?$")
_SIGNOFF_SET = {s.lower() for s in _SIGNOFFS} | {s.lower() for s in _MORE_SIGNOFFS}
_SIGNOFF_PUNCT = " \t,.!;:،。！，、…-—–"


#: Families of sign-offs beyond the exact list (whole line, punctuation stripped, <= 50 chars).
_SIGNOFF_RE = re.compile(
    r"^((with |many |best |kind |warm(est)? |kindest |sincere |cordial )+(regards|wishes|thanks|greetings)"
    r"( to all| from \w+( \w+)?)?|"
    r"(bien |très |tres )?(cordialement|amicalement)( vôtre| à vous)?|(mes |meilleures |sincères |bien )?salutations( \w+)?|"
    r"(un |muchos |cordiales |afectuosos |atentos )?(saludos?|abrazos?)( cordiales| afectuosos| cordial| a todos| para todos)?|"
    r"(atenciosamente|cumprimentos|abraços?|saudações)( cordiais)?|(com os )?(melhores |cordiais )?cumprimentos|"
    r"с (уважением|наилучшими пожеланиями|благодарностью|признательностью)( и [а-яё ]+)?|"
    r"(و)?(مع|تقبلوا|تفضلوا)\s+.{0,25}(تحي|تقدير|شكر|احترام).{0,15}|(أطيب|خالص|أجمل) (ال)?(تحي|تمنيات).{0,10}|"
    r"(此致|顺颂|顺祝|祝好|祝工作顺利|祝一切顺利|祝商祺|谢谢|謝謝|多谢).{0,6}|"
    r"((viele|beste|liebe|herzliche|freundliche|schöne|sonnige) )?(grüße|grüsse|gruß|gruss)( aus \w+( \w+)?| an alle)?|"
    r"mit (freundlichen|besten|herzlichen|lieben|kollegialen) grü(ß|ss)en( aus \w+( \w+)?)?|"
    r"(cordiali|distinti|tanti|un) salut[io]|(met )?(vriendelijke|hartelijke) groet(en)?)$",
)


_GRATITUDE_RE = re.compile(
    r"^(many |with |thanks? |muchas |muito |большое |заранее )*(thanks|thank you|merci|gracias|obrigad[oa]|"
    r"спасибо|благодарю|شكرا|شكراً|وشكرا|谢谢|謝謝|多谢|danke|vielen dank|grazie|감사합니다|고맙습니다|"
    r"ありがとうございます|ありがとう|teşekkür|terima kasih|cảm ơn|tack|takk|dank)",
    re.I,
)


def _signoff_line(line: str) -> bool:
    s = _strip_bidi(line).strip()
    if not s or len(s) > 80:
        return False
    low = s.lower().rstrip(_SIGNOFF_PUNCT).strip()
    if low in _SIGNOFF_SET or low.replace(" ", "") in _SIGNOFF_SET:
        return True
    if len(low) <= 50 and _SIGNOFF_RE.match(low):
        return True
    if _CJK_CLOSING_RE.match(s):
        return True
    # "Mit freundlichen Grüßen / Kind regards": a closing in two languages
    if "/" in low and all(p.strip(_SIGNOFF_PUNCT) and _signoff_line(p) for p in low.split("/") if p.strip()):
        return True
    # "Best regards, Maria" / "Cordialement, Pierre Dupont"
    m = re.match(r"^(.+?)\s*[,，،]\s*(.+)$", low)
    if m and m.group(1).strip() in _SIGNOFF_SET:
        name = m.group(2).strip()
        if len(name) <= 40 and len(name.split()) <= 4:
            return not re.search(r"[?!:;]", name) and not name.endswith(".")
    return False


_DISCLAIMER_RE = re.compile(
    r"(confidentiality (notice|note|statement|warning|disclaimer)|^\W*disclaimer\b|legal disclaimer|"
    r"this (e-?mail|message|communication|transmission)\b.{0,120}\b(is|are|may be|contains?|may contain)\b.{0,40}"
    r"\b(confidential|privileged|proprietary)|"
    r"(intended|meant) (solely|only|exclusively)? ?for the (use of the )?(addressee|recipient|individual|person|named)|"
    r"intended recipient|received this (e-?mail|message|communication|transmission) in error|"
    r"please consider the environment before printing|think before you print|"
    r"avis de confidentialit[ée]|avertissement de confidentialit[ée]|clause de confidentialit[ée]|"
    r"ce (message|courriel|e-?mail)\b.{0,160}\b(confidentiel|destinataire)|"
    r"si vous avez re[çc]u ce (message|courriel|e-?mail) par erreur|exclusivement destin[ée]|"
    r"pensez [àa] l'environnement|"
    r"aviso de confidencialidad|aviso legal\s*[:：]|cl[áa]usula de confidencialidad|"
    r"este (mensaje|correo|e-?mail)\b.{0,160}\b(confidencial|destinatario)|"
    r"(ha|haya) recibido este (mensaje|correo|e-?mail) por error|antes de imprimir|"
    r"aviso de confidencialidade|esta mensagem\b.{0,160}\b(confidencial|destinat[áa]rio)|"
    r"recebeu esta mensagem por (engano|erro)|"
    r"(данное|это|настоящее) (электронное )?(сообщение|письмо)\b.{0,160}конфиденциальн|"
    r"получили (это|данное) (сообщение|письмо) по ошибке|предназначен[оа]? (исключительно|только) для|"
    r"конфиденциальная информация[.:]?\s*$|"
    r"免责声明|免責聲明|保密声明|保密聲明|(本|此)(邮件|郵件|电子邮件|電子郵件).{0,60}(保密|机密|機密|仅供|僅供|指定收件人)|"
    r"إخلاء (ال)?مسؤولية|إشعار (ال)?سرية|تنويه\s*[:：]|(هذه|هذا) (الرسالة|البريد)\b.{0,160}(سرية|سري|المرسل إليه)|"
    r"إذا (تلقيت|استلمت) هذه الرسالة (عن طريق|بطريق) الخطأ)",
    re.I | re.S,
)

_BANNER_RE = re.compile(
    r"(^\W*\[?external( e-?mail| sender| message)?\]?\W*$|"
    r"(originated|comes|came|was sent) from outside (of )?(the|your|our|this) organi[sz]ation|"
    r"do not click (on )?links or open attachments unless|"
    r"^\W*(caution|warning|attention)\W*external)",
    re.I,
)


_GREETING_LINE_RE = re.compile(r"^.{1,60}[,:،：，!！]$")

#: A line that separates a desktop signature or a list footer from the text: underscores, dashes, equals.
_SIG_RULE_RE = re.compile(r"^\s*(_{8,}|[-–—=─━]{10,}|[*~]{10,})\s*$")
#: Lines that make a trailing block a signature: phone, fax, e-mail, web address.
_CONTACT_RE = re.compile(
    r"(\+\d[\d\s().\-/]{6,}\d|\b(tel|phone|mobile|mob|cell|fax|t|m|f|tél|téléfono|teléfono|telefone|telefon|"
    r"тел|моб|факс|هاتف|جوال|电话|電話|手机|携帯|電話番号|전화|휴대폰|telp|hp)\b\.?\s*[:.]?\s*\+?\(?\d|"
    r"[\w.+-]+@[\w-]+\.[\w.-]+|\bwww\.\S+|https?://\S+)",
    re.I,
)
#: "-Abhishek", "/John", "~ Ana", "— Maria Lopez": a dash-signed name on the last line (capitalised,
#: so that the last item of a "- list" is not taken for one).
_DASH_NAME_RE = re.compile(r"^[-–—/~]\s?[^\W\d_a-z][\w.'’-]*(\s[\w.'’-]+){0,3}$")


def sender_names(display: str | None) -> set[str]:
    """The ways a person signs with the ``From`` display name: full name, first name, each part.

    "Lima, Ana" (directory order) gives "Ana" and "Ana Lima" too; a Chinese or Korean name
    written without spaces also gives its given name (all but the first character).
    """
    if not display:
        return set()
    d = re.sub(r"[\"'“”«»()\[\]]", " ", display)
    d = re.sub(r"\S+@\S+", " ", d)
    d = " ".join(d.split())
    if not d:
        return set()
    names = {d.lower()}
    if "," in d:
        last, _, first = d.partition(",")
        first, last = first.strip(), last.strip()
        if first and last:
            names |= {f"{first} {last}".lower(), first.lower()}
            d = f"{first} {last}"
    parts = [p for p in d.split() if len(p) > 1 or not p.isascii()]
    if parts:
        names.add(parts[0].lower())
        if len(parts) > 1:
            names.add(" ".join(parts[:2]).lower())
    if (
        len(parts) == 1
        and len(d) in (2, 3, 4)
        and all("\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in d)
    ):
        names.add(d[1:].lower())
    return {n for n in names if n}


def _name_line(line: str, names: set[str]) -> bool:
    """The line is only the sender's name (first name, full name), possibly dash-prefixed."""
    s = _strip_bidi(line).strip().strip(" \t-–—/~*_.,!،。").strip()
    return bool(s) and s.lower() in names


def _closing_phrase(line: str) -> bool:
    """A short closing phrase that may stand above a first name ("Thanks,", "Cheers", "Obrigada,")."""
    s = _strip_bidi(line).strip()
    if not s or len(s) > 50:
        return False
    return _signoff_line(s) or bool(_GRATITUDE_RE.match(s.lower()) and len(s.split()) <= 4)


def _is_greeting(line: str) -> bool:
    """A salutation line ("Hi all,", "Dear colleagues:", "Hello!"): short, ends with , : or !."""
    s = line.strip()
    return bool(_GREETING_LINE_RE.match(s)) and len(s.split()) <= 5


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of blank-line separated paragraphs."""
    spans = []
    start = None
    for i, ln in enumerate(lines):
        if ln.strip():
            if start is None:
                start = i
        elif start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def _short_tail(lines: list[str], start: int, most: int, width: int = 120) -> bool:
    tail = [t for t in lines[start:] if t.strip()]
    return len(tail) <= most and all(len(t.strip()) <= width for t in tail)


def _signature_block_start(lines: list[str], names: set[str], content_before) -> int | None:
    """Start of a desktop signature block at the end of the text, or ``None``.

    * a rule of underscores / dashes followed by at most 10 short lines (Outlook signatures,
      mailing-list footers);
    * a trailing block of 2-8 short lines that starts with the sender's name, or whose first line
      reads as a name and which holds a phone number, an address or a web address;
    * the sender's name (or a dash-signed name) alone on the last line, with the short closing
      phrase above it ("Thanks,", "Obrigada,").
    """
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonblank) < 2:
        return None
    window = nonblank[-12:]
    for i in window:
        if _SIG_RULE_RE.match(lines[i]) and content_before(i) and _short_tail(lines, i + 1, 10):
            return i
    # block beginning with the sender's name, or name + contact lines
    for i in window:
        s = lines[i].strip()
        if not content_before(i) or len(s) > 60:
            continue
        if i > 0 and lines[i - 1].strip() and not _closing_phrase(lines[i - 1]):
            continue  # a block starts after a blank line or after a closing phrase
        tail = [t.strip() for t in lines[i:] if t.strip()]
        if not 2 <= len(tail) <= 8 or any(len(t) > 100 for t in tail):
            continue
        if _name_line(s, names) or (
            len(s.split()) <= 5
            and not re.search(r"[.?!:;。？！]$", s)
            and any(_CONTACT_RE.search(t) for t in tail[1:])
            and sum(1 for t in tail if re.search(r"[.?!。？！]$", t) and not _CONTACT_RE.search(t)) == 0
        ):
            j = i
            if j > 0 and _closing_phrase(lines[j - 1]) and content_before(j - 1):
                j -= 1
            return j
    # the name alone on the last line (after a short closing phrase or not)
    last = nonblank[-1]
    s = lines[last].strip()
    dash_signed = (
        bool(_DASH_NAME_RE.match(s)) and len(s) <= 40 and not lines[nonblank[-2]].strip().startswith(s[0])
    )
    if content_before(last) and (_name_line(s, names) or dash_signed):
        j = last
        prev = nonblank[-2]
        if prev == last - 1 and _closing_phrase(lines[prev]) and content_before(prev):
            j = prev
        return j
    # "Thanks, Ana" / "Kh Peter" / "Cheers Ana" on the last line
    m = re.match(r"^(.{1,40}?)[\s,，،]+(\S.{0,40})$", s)
    if (
        m
        and content_before(last)
        and _closing_phrase(m.group(1))
        and (
            m.group(2).strip(" .!").lower() in names
            or (
                re.fullmatch(r"[^\W\d_][\w'’-]*( [^\W\d_][\w'’-]*)?", m.group(2).strip(" .!"))
                and m.group(2)[:1].isupper()
                and m.group(1).strip(" ,").lower() in _SIGNOFF_SET
            )
        )
    ):
        return last
    return None


def _trim_signature(lines: list[str], sender_name: str | None = None) -> tuple[list[str], list[str]]:
    """Remove banners, disclaimers, ``-- `` signatures, mobile footers and sign-off blocks.

    ``sender_name`` (the ``From`` display name) lets a sign-off that is only the sender's name
    ("Ana", "Thanks,\\nAna", "Ольга", "أحمد", "李伟") be recognised.
    """
    removed: list[str] = []
    names = sender_names(sender_name)
    # external-sender banners at the top
    paras = _paragraphs(lines)
    if paras:
        s, e = paras[0]
        text = "\n".join(lines[s:e])
        if len(text) < 600 and _BANNER_RE.search(text) and len(paras) > 1:
            removed.extend(lines[s:e])
            lines = lines[:s] + lines[e:]

    def content_before(idx: int) -> bool:
        """Some real content (not just a greeting line) precedes line ``idx``."""
        return any(ln.strip() and not _is_greeting(ln) for ln in lines[:idx])

    changed = True
    rounds = 0
    while changed and rounds < 12:
        changed = False
        rounds += 1
        cut = None
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        # a "-- " block has at most 15 lines under it, a mobile footer at most 3: only look there
        dash_from = nonblank[-16] if len(nonblank) >= 16 else 0
        mobile_from = nonblank[-4] if len(nonblank) >= 4 else 0
        for i in range(dash_from, len(lines)):
            s = lines[i].strip()
            if (
                s in ("--", "-- ", "—", "__", "---")
                and content_before(i)
                and _short_tail(lines, i + 1, 15, 200)
            ):
                cut = i
                break
            if i < mobile_from:
                continue
            if len(s) <= 120 and _is_mobile_footer(s) and content_before(i) and _short_tail(lines, i + 1, 3):
                cut = i
                break
        if cut is None:
            for s_, e_ in _paragraphs(lines)[1:]:
                text = "\n".join(lines[s_:e_])
                if _DISCLAIMER_RE.search(_strip_bidi(text)) and content_before(s_):
                    cut = s_
                    # a separator line right above belongs to the disclaimer
                    while cut > 0 and re.fullmatch(r"\s*[-_=*~.]{3,}\s*", lines[cut - 1] or "x"):
                        cut -= 1
                    break
        if cut is None:
            # a sign-off is followed by at most 12 lines: only the last lines can hold one
            nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
            first = nonblank[-13] if len(nonblank) >= 13 else 0
            for i in range(first, len(lines)):
                ln = lines[i]
                if not _signoff_line(ln) or not content_before(i):
                    continue
                tail = [t for t in lines[i + 1 :] if t.strip()]
                if (
                    not tail
                    and _GRATITUDE_RE.match(ln.strip().lower())
                    and not ln.strip().endswith((",", "،", "，"))
                ):
                    continue  # a closing "Thank you." with no name under it is part of the message
                if len(tail) <= 12 and all(len(t.strip()) <= 120 for t in tail):
                    cut = i
                    break
        if cut is None:
            cut = _signature_block_start(lines, names, content_before)
        if cut is not None:
            removed = lines[cut:] + removed
            lines = lines[:cut]
            changed = True
    return lines, removed
