"""The case lists of ``build.py``: reply texts, senders and the shape (client, ending) of each mail.

TUNED_CASES go to ``mail_corpus/r3_*`` (the parser may be tuned on them); HELDOUT_CASES stay in this
folder and are never used to tune it. Texts and people differ between the two parts.
"""

from __future__ import annotations

# language -> (tuned texts, held-out texts)
TEXTS = {
    "en": (
        ["Hi all,\nWe support reporting marine and terrestrial areas separately.\nOur 2023 data is already split that way.",
         "Agreed. The GIS layers for the new marine parks will be ready by the end of the month.",
         "Dear colleagues,\nCould the secretariat share the template before the webinar?\nIt would help us prepare the figures."],
        ["Hello everyone,\nWe reported them together last time and it caused confusion in the review.\nSeparate figures, please.",
         "Good point. I will check with our statistics office and come back to you on Friday."],
    ),
    "fr": (
        ["Bonjour à tous,\nNous sommes favorables à une déclaration séparée.\nLes données marines sont déjà ventilées dans notre base.",
         "Tout à fait d'accord avec la proposition. Nous enverrons les chiffres avant la réunion.",
         "Chers collègues,\nLe modèle de rapport sera-t-il disponible en français ?\nCela faciliterait la consultation nationale."],
        ["Bonjour,\nLa séparation nous paraît indispensable pour suivre la cible 3.\nNous avons les deux séries depuis 2020.",
         "Merci pour cette précision. Je transmets à notre point focal pour validation."],
    ),
    "es": (
        ["Hola a todos,\nApoyamos informar por separado las áreas marinas y terrestres.\nYa tenemos los datos desagregados.",
         "Estoy de acuerdo. Enviaremos el mapa actualizado de las áreas protegidas la próxima semana.",
         "Estimados colegas,\n¿Podría la secretaría compartir la plantilla antes del taller?\nNos ayudaría mucho."],
        ["Buenos días,\nEn nuestro caso las áreas costeras se solapan y conviene aclarar cómo contarlas.",
         "Gracias por la aclaración. Lo consultaré con el equipo de monitoreo y responderé el viernes."],
    ),
    "pt": (
        ["Olá a todos,\nConcordamos com o relato separado das áreas marinhas e terrestres.\nNossos dados de 2023 já estão divididos.",
         "De acordo. Vamos enviar as camadas do SIG das novas unidades de conservação até o fim do mês.",
         "Prezados colegas,\nO secretariado poderia compartilhar o modelo antes do webinário?\nIsso ajudaria na preparação."],
        ["Bom dia,\nNo último relatório juntamos os números e isso gerou dúvidas na revisão.\nPreferimos números separados.",
         "Obrigado pelo esclarecimento. Vou confirmar com o instituto de estatística e retorno na sexta-feira."],
    ),
    "de": (
        ["Hallo zusammen,\nwir unterstützen die getrennte Berichterstattung für Meeres- und Landflächen.\nUnsere Daten sind bereits so gegliedert.",
         "Einverstanden. Die GIS-Daten der neuen Meeresschutzgebiete liefern wir bis Monatsende.",
         "Liebe Kolleginnen und Kollegen,\nkönnte das Sekretariat die Vorlage vor dem Webinar verschicken?\nDas würde uns die Vorbereitung erleichtern."],
        ["Guten Tag,\nbeim letzten Bericht haben wir beides zusammengezählt, das führte zu Rückfragen.\nBitte getrennt.",
         "Danke für den Hinweis. Ich kläre das mit unserem Statistikamt und melde mich am Freitag."],
    ),
    "it": (
        ["Ciao a tutti,\nsiamo favorevoli a riportare separatamente le aree marine e terrestri.\nI nostri dati del 2023 sono già divisi.",
         "D'accordo. Invieremo i dati GIS delle nuove aree marine protette entro la fine del mese.",
         "Cari colleghi,\nil segretariato potrebbe condividere il modello prima del webinar?\nCi aiuterebbe nella preparazione."],
        ["Buongiorno,\nnell'ultimo rapporto abbiamo sommato le due superfici e ciò ha creato confusione.\nMeglio tenerle separate.",
         "Grazie del chiarimento. Verifico con l'istituto di statistica e vi rispondo venerdì."],
    ),
    "ru": (
        ["Здравствуйте, коллеги!\nМы поддерживаем раздельную отчётность по морским и наземным территориям.\nНаши данные за 2023 год уже разделены.",
         "Согласен. Слои ГИС по новым морским заповедникам будут готовы к концу месяца.",
         "Уважаемые коллеги,\nне мог бы секретариат прислать шаблон до вебинара?\nЭто помогло бы нам подготовиться."],
        ["Добрый день,\nв прошлом докладе мы объединили цифры, и это вызвало вопросы при проверке.\nЛучше отдельно.",
         "Спасибо за разъяснение. Уточню у нашей статистической службы и отвечу в пятницу."],
    ),
    "ar": (
        ["مرحباً بالجميع،\nنؤيد الإبلاغ عن المناطق البحرية والبرية بشكل منفصل.\nبياناتنا لعام 2023 مقسمة بالفعل بهذه الطريقة.",
         "أوافق على ذلك. ستكون طبقات نظم المعلومات الجغرافية للمحميات البحرية الجديدة جاهزة بنهاية الشهر.",
         "الزملاء الأعزاء،\nهل يمكن للأمانة مشاركة النموذج قبل الندوة الإلكترونية؟\nسيساعدنا ذلك في التحضير."],
        ["صباح الخير،\nفي التقرير السابق جمعنا الأرقام معاً مما سبب التباساً أثناء المراجعة.\nنفضل الفصل بينها.",
         "شكراً على التوضيح. سأتحقق من ذلك مع مكتب الإحصاء وأرد عليكم يوم الجمعة."],
    ),
    "zh": (
        ["大家好，\n我们支持将海洋和陆地保护区分开报告。\n我们2023年的数据已经按这种方式划分。",
         "同意。新海洋保护区的地理信息数据将在月底前准备好。",
         "各位同事：\n秘书处能否在网络研讨会之前分享报告模板？\n这将有助于我们做准备。"],
        ["上午好，\n上次报告中我们把两者合计，审查时引起了疑问。\n建议分开统计。",
         "感谢说明。我会与统计部门核实，并在周五前回复大家。"],
    ),
    "ja": (
        ["皆様\n海域と陸域の保護地域を分けて報告することに賛成します。\n当方の2023年のデータはすでに分けてあります。",
         "承知しました。新しい海洋保護区のGISデータは月末までにお送りします。",
         "関係者各位\nウェビナーの前に報告様式を共有していただけますでしょうか。\n準備に大変助かります。"],
        ["お疲れ様です。\n前回の報告では合算したため、審査で質問が出ました。\n分けて集計するのがよいと思います。",
         "ご説明ありがとうございます。統計担当に確認のうえ、金曜日までにご連絡します。"],
    ),
    "ko": (
        ["안녕하세요,\n해양 보호구역과 육상 보호구역을 분리해서 보고하는 것에 찬성합니다.\n저희 2023년 자료는 이미 나뉘어 있습니다.",
         "동의합니다. 새 해양보호구역의 GIS 자료는 이번 달 말까지 보내드리겠습니다.",
         "담당자님께,\n웨비나 전에 보고 양식을 공유해 주실 수 있을까요?\n준비에 큰 도움이 될 것 같습니다."],
        ["안녕하십니까,\n지난 보고서에서는 합산해서 제출했는데 검토 과정에서 문의가 있었습니다.\n분리하는 것이 좋겠습니다.",
         "설명 감사합니다. 통계 담당 부서에 확인한 뒤 금요일까지 회신드리겠습니다."],
    ),
    "tr": (
        ["Herkese merhaba,\ndeniz ve kara koruma alanlarının ayrı raporlanmasını destekliyoruz.\n2023 verilerimiz zaten bu şekilde ayrılmış durumda.",
         "Katılıyorum. Yeni deniz koruma alanlarının CBS verilerini ay sonuna kadar göndereceğiz.",
         "Değerli meslektaşlarım,\nsekreterya şablonu web seminerinden önce paylaşabilir mi?\nHazırlık için çok faydalı olur."],
        ["Günaydın,\ngeçen raporda rakamları birlikte verdik ve inceleme sırasında sorular çıktı.\nAyrı verilmesi daha iyi olur.",
         "Açıklama için teşekkürler. İstatistik birimimizle kontrol edip cuma günü dönüş yapacağım."],
    ),
    "id": (
        ["Halo semua,\nkami mendukung pelaporan kawasan laut dan darat secara terpisah.\nData kami tahun 2023 sudah dipisahkan dengan cara itu.",
         "Setuju. Data SIG untuk kawasan konservasi laut yang baru akan kami kirim sebelum akhir bulan.",
         "Rekan-rekan yang terhormat,\napakah sekretariat dapat membagikan templat sebelum webinar?\nHal itu akan sangat membantu persiapan kami."],
        ["Selamat pagi,\npada laporan sebelumnya angka-angka itu kami gabungkan dan menimbulkan pertanyaan saat kajian.\nSebaiknya dipisah.",
         "Terima kasih atas penjelasannya. Saya akan cek dengan bagian statistik dan membalas hari Jumat."],
    ),
}

# language -> (tuned people, held-out people): (display name, address)
PEOPLE = {
    "en": ([("Sarah Mitchell", "sarah.mitchell@defra.example.gov.uk"), ("Okafor, Chinedu", "c.okafor@nesrea.example.gov.ng")],
           [("Priya Raman", "priya.raman@moef.example.gov.in"), ("Tom Whitfield", "tom.whitfield@doc.example.govt.nz")]),
    "fr": ([("Élodie Marchand", "elodie.marchand@ofb.example.fr"), ("Moussa Diallo", "m.diallo@environnement.example.sn")],
           [("Camille Rousseau", "camille.rousseau@mnhn.example.fr"), ("Lefebvre, Hélène", "helene.lefebvre@example.be")]),
    "es": ([("Lucía Fernández", "lucia.fernandez@miteco.example.es"), ("Carlos Quispe", "cquispe@minam.example.gob.pe")],
           [("Mariana Gómez", "mgomez@ambiente.example.gov.co"), ("Javier Ortega", "javier.ortega@semarnat.example.gob.mx")]),
    "pt": ([("Ana Beatriz Souza", "ana.souza@mma.example.gov.br"), ("João Carvalho", "joao.carvalho@icnf.example.pt")],
           [("Fernanda Oliveira", "fernanda.oliveira@icmbio.example.gov.br"), ("Tomás Mabunda", "t.mabunda@mta.example.gov.mz")]),
    "de": ([("Katharina Vogel", "katharina.vogel@bfn.example.de"), ("Müller, Stefan", "stefan.mueller@bafu.example.ch")],
           [("Jonas Becker", "jonas.becker@uba.example.de"), ("Lena Hofer", "lena.hofer@umweltbundesamt.example.at")]),
    "it": ([("Giulia Romano", "giulia.romano@mase.example.gov.it"), ("Marco Esposito", "m.esposito@ispra.example.it")],
           [("Chiara Bianchi", "chiara.bianchi@parchi.example.it"), ("Luca Ferri", "luca.ferri@regione.example.it")]),
    "ru": ([("Ольга Смирнова", "o.smirnova@mnr.example.ru"), ("Дмитрий Волков", "volkov.d@yandex.example.ru")],
           [("Наталья Кузнецова", "n.kuznetsova@mail.example.ru"), ("Алексей Морозов", "morozov@ecology.example.kz")]),
    "ar": ([("أحمد المنصوري", "a.almansouri@moccae.example.ae"), ("فاطمة الزهراء بنعلي", "f.benali@environnement.example.ma")],
           [("خالد العتيبي", "k.alotaibi@ncw.example.sa"), ("ليلى حداد", "layla.haddad@moenv.example.jo")]),
    "zh": ([("李伟", "liwei@mee.example.cn"), ("陈静", "chenjing@163.example.com")],
           [("王芳", "wangfang@craes.example.cn"), ("张磊", "zhanglei@qq.example.com")]),
    "ja": ([("田中 美咲", "misaki.tanaka@env.example.go.jp"), ("佐藤 健", "k-sato@biodic.example.go.jp")],
           [("鈴木 花子", "hanako.suzuki@env.example.go.jp"), ("高橋 誠", "m.takahashi@example.ac.jp")]),
    "ko": ([("김민준", "minjun.kim@me.example.go.kr"), ("이서연", "seoyeon.lee@nibr.example.go.kr")],
           [("박지훈", "jihoon.park@knps.example.or.kr"), ("최유나", "yuna.choi@kei.example.re.kr")]),
    "tr": ([("Ayşe Yılmaz", "ayse.yilmaz@tarimorman.example.gov.tr"), ("Mehmet Demir", "mehmet.demir@example.com.tr")],
           [("Zeynep Kaya", "zeynep.kaya@dkmp.example.gov.tr"), ("Emre Şahin", "emre.sahin@example.edu.tr")]),
    "id": ([("Siti Rahmawati", "siti.rahmawati@menlhk.example.go.id"), ("Budi Santoso", "budi.santoso@brin.example.go.id")],
           [("Dewi Lestari", "dewi.lestari@kkp.example.go.id"), ("Agus Pratama", "agus.pratama@example.ac.id")]),
}

# shapes: (client, ending, closing index or None, options)
TUNED_SHAPES = [
    ("ios_mail", "mobile:iphone", None, {"html": "alt"}),
    ("gmail", "firstname", 0, {"html": "alt"}),
    ("outlook", "underscores", None, {"html": "alt", "sig_image": True, "legacy": True}),
    ("samsung", "mobile:samsung", None, {"html": "alt"}),
    ("thunderbird", "dash", None, {"cte": "8bit", "signed": "pgp"}),
    ("android_gmail", "firstname", None, {"html": "alt"}),
    ("outlook_mobile", "mobile:outlook_mobile", None, {"html": "only"}),
    ("apple_mail", "nameblock", None, {"html": "alt", "sig_image": True}),
    ("yahoo", "mobile:yahoo", None, {"html": "alt"}),
    ("proton", "mobile:proton", 1, {"html": "alt", "attach": ["pdf"]}),
    ("outlook", "name_nameblock", 1, {"html": "alt", "signed": "smime", "legacy": True}),
    ("ios_mail", "name+mobile:ipad", 0, {"html": "alt"}),
    ("gmail", "dash", None, {"html": "alt", "sig_image": True}),
    ("spark", "mobile:spark", None, {"html": "alt"}),
    ("zimbra", "nameblock", 0, {"html": "only", "legacy": True}),
    ("roundcube", "dash", 2, {"cte": "8bit", "attach": ["xlsx"]}),
    ("notes", "nameblock", 1, {"html": "only", "cte": "base64", "sig_image": True}),
    ("samsung", "name+mobile:samsung_long", None, {"html": "alt"}),
    ("android_gmail", "mobile:huawei", None, {}),
    ("outlook_web", "firstname", 0, {"html": "only"}),
    ("foxmail", "firstname", 1, {"legacy": True, "cte": "base64"}),
    ("mailru", "firstname", 0, {"legacy": True, "html": None}),
]
HELDOUT_SHAPES = [
    ("gmail", "mobile:iphone", None, {"html": "alt"}),
    ("ios_mail", "name+mobile:iphone", None, {"html": "alt"}),
    ("outlook", "nameblock", 0, {"html": "alt", "sig_image": True, "legacy": True}),
    ("samsung", "mobile:samsung_long", 0, {"html": "alt"}),
    ("thunderbird", "dash", 1, {"cte": "8bit", "signed": "smime"}),
    ("android_gmail", "firstname", 2, {"html": "alt", "attach": ["jpg"]}),
    ("outlook_mobile", "mobile:outlook_ios", 0, {"html": "only"}),
    ("apple_mail", "dash", None, {"html": "alt", "signed": "smime"}),
    ("yahoo", "firstname", 0, {"html": "alt"}),
    ("proton", "mobile:proton", None, {"html": "alt", "signed": "pgp"}),
    ("outlook", "underscores", 1, {"html": "alt", "legacy": True, "attach": ["docx"]}),
    ("spark", "name+mobile:spark", 0, {"html": "alt"}),
    ("gmail", "name_nameblock", 1, {"html": "alt", "sig_image": True}),
    ("outlook_web", "underscores", None, {"html": "only", "sig_image": True}),
    ("roundcube", "firstname", None, {"cte": "8bit"}),
    ("notes", "name_nameblock", 0, {"html": "only", "cte": "base64"}),
    ("zimbra", "firstname", 1, {"html": "only"}),
    ("samsung", "mobile:samsung", None, {"html": "alt"}),
    ("foxmail", "nameblock", None, {"legacy": True}),
    ("mailru", "name+mobile:iphone", None, {"legacy": True}),
]


def _combos(part: int, shapes):
    """Every text of every language, twice, each time with the next shape of the list."""
    out = []
    k = 0
    for lang in TEXTS:
        texts = TEXTS[lang][part]
        people = PEOPLE[lang][part]
        for rep in range(2):
            for t, text in enumerate(texts):
                if lang == "zh" and rep == 1 and t == 1 - part:
                    shape = next(s for s in shapes if s[0] == "foxmail")
                elif lang == "ru" and rep == 1 and t == 1:
                    shape = next(s for s in shapes if s[0] == "mailru")
                else:
                    shape = shapes[k % len(shapes)]
                    k += 1
                    while shape[0] in ("foxmail", "mailru"):
                        shape = shapes[k % len(shapes)]
                        k += 1
                out.append((lang, t, rep, text, people[(t + rep) % 2], shape))
    return out


def _cases(Case, part: int, shapes):  # noqa: N803
    from build import CHARSETS, CLOSINGS

    cases = []
    for lang, t, rep, text, person, (client, ending, closing, opts) in _combos(part, shapes):
        opts = dict(opts)
        legacy = opts.pop("legacy", False)
        charset = "utf-8"
        if legacy or (rep == 1 and t == 0):
            charset = CHARSETS[lang][(t + rep) % len(CHARSETS[lang])]
        closing_text = None
        if closing is not None:
            closing_text = CLOSINGS[lang][closing % len(CLOSINGS[lang])]
        name = f"{client}_{lang}_{t}{rep}_{ending.split(':')[-1]}"
        case = Case(name, client, lang, person, text, ending, closing=closing_text, charset=charset,
                    cte=opts.pop("cte", "quoted-printable"), attach=[_att(lang, a) for a in opts.pop("attach", [])],
                    **opts)
        try:  # a legacy charset that cannot hold the whole mail is not what the client would pick
            case.build()
        except (UnicodeEncodeError, LookupError):
            case = Case(name, client, lang, person, text, ending, closing=closing_text, charset="utf-8",
                        cte=case.cte, attach=case.attach, **opts)
        cases.append(case)
    return cases


ATT_NAMES = {
    "en": "Target 3 figures", "fr": "Chiffres cible 3", "es": "Cifras meta 3", "pt": "Números meta 3",
    "de": "Zahlen Ziel 3", "it": "Dati obiettivo 3", "ru": "Данные цель 3", "ar": "بيانات الهدف 3",
    "zh": "目标3数据", "ja": "目標3データ", "ko": "목표3 자료", "tr": "Hedef 3 verileri", "id": "Data target 3",
}


def _att(lang: str, ext: str) -> str:
    return f"{ATT_NAMES[lang]}.{ext}"


def TUNED_CASES(Case):  # noqa: N802, N803
    return _cases(Case, 0, TUNED_SHAPES)


def HELDOUT_CASES(Case):  # noqa: N802, N803
    return _cases(Case, 1, HELDOUT_SHAPES)
