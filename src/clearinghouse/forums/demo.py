"""Demo data for the online discussions, modelled on seed 001: the two-week "Online
discussion on the implementation of the Cartagena Protocol on Biosafety" (26 May to
7 June 2014), closed, with its synthesis published as a background document; and a
follow-up discussion open now, to try watching and answering by email.

Everything goes through the services; some answers arrive as real mails through
``inbound_receive`` (the same path as the SMTP receiver). Idempotent: nothing is made
twice (discussions are looked up by their permanent address).
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from email.message import EmailMessage

from django.db import transaction
from django.utils import timezone

from clearinghouse.accounts.models import Organisation, Role, RoleAssignment, User
from clearinghouse.accounts.permissions import clear_role_cache

from . import services
from .inbound import inbound_receive
from .keys import reply_address, reply_key_make
from .models import Discussion, Post, Synthesis, Watch

DOMAIN = "demo.clearinghouse.localhost"
PASSWORD = "demo-password-2026"
SLUG_2014 = "cartagena-protocol-implementation-2014"
SLUG_OPEN = "biosafety-in-nbsaps-2026"

DEMO_LOGINS = [
    {"email": f"moderator@{DOMAIN}", "password": PASSWORD, "role": "moderator of the online discussions"},
    {"email": f"observer.biosafety@{DOMAIN}", "password": PASSWORD, "role": "observer organisation (discussions)"},
]

DESCRIPTION = (
    "The Bureau of COP-MOP recommended a two-week online discussion to allow a preliminary exchange of "
    "information, experiences and suggestions before the **special session on the implementation of the "
    "Protocol**, with a focus on:\n\n"
    "- the integration of biosafety into national biodiversity strategies and action plans (NBSAPs) and "
    "national development policies, plans and programmes;\n"
    "- the mobilisation of resources to advance implementation at the national level, in line with the "
    "Strategic Plan for the Protocol 2011-2020.\n\n"
    "A synthesis of the outcomes will be made available as a background document for the special session. "
    "Watch a thread to receive every post by email, and reply to the mail to post your answer."
)
DESCRIPTION_FR = (
    "Le Bureau de la COP-MOP a recommandé un forum de discussion en ligne de deux semaines pour un échange "
    "préliminaire d'informations, d'expériences et de suggestions avant la **session spéciale sur "
    "l'application du Protocole** : intégration de la prévention des risques biotechnologiques dans les SPANB "
    "et mobilisation des ressources. Une synthèse servira de document d'information."
)
DESCRIPTION_ES = (
    "La Mesa de la COP-MOP recomendó un foro de debate en línea de dos semanas para intercambiar información, "
    "experiencias y sugerencias antes de la **sesión especial sobre la aplicación del Protocolo**: integración "
    "de la seguridad de la biotecnología en las EPANB y movilización de recursos."
)
DESCRIPTION_AR = (
    "أوصى مكتب مؤتمر الأطراف العامل كاجتماع للأطراف في البروتوكول بتنظيم منتدى نقاش على الإنترنت لمدة أسبوعين "
    "لتبادل المعلومات والخبرات قبل **الدورة الخاصة بشأن تنفيذ البروتوكول**: إدماج السلامة الأحيائية في "
    "الاستراتيجيات وخطط العمل الوطنية للتنوع البيولوجي، وتعبئة الموارد."
)

THREADS = [
    ("Integrating biosafety into NBSAPs and national development plans",
     {"fr": "Intégrer la prévention des risques biotechnologiques dans les SPANB",
      "es": "Integración de la seguridad de la biotecnología en las EPANB",
      "ar": "إدماج السلامة الأحيائية في الاستراتيجيات وخطط العمل الوطنية"},
     "How has your country reflected biosafety in its NBSAP and in national development plans? What helped?"),
    ("Mobilising resources for the implementation of the Protocol",
     {"fr": "Mobilisation des ressources pour l'application du Protocole",
      "es": "Movilización de recursos para la aplicación del Protocolo",
      "ar": "تعبئة الموارد لتنفيذ البروتوكول"},
     "Which sources of funding (national budgets, GEF, bilateral, private) have worked for biosafety?"),
    ("Capacity building and public awareness",
     {"fr": "Renforcement des capacités et sensibilisation du public",
      "es": "Creación de capacidad y concienciación del público"},
     "Experiences with training regulators, laboratories and the public."),
]

# (thread index, author key, language, text, by email?)
POSTS = [
    (0, "fp.ke", "en", "In Kenya the revised NBSAP has a chapter on biosafety that refers directly to the Biosafety "
     "Act of 2009. Involving the National Biosafety Authority in the NBSAP drafting committee from the start "
     "was what made the difference.", False),
    (0, "fp.mx", "es", "En México, la CIBIOGEM participó en la actualización de la estrategia nacional de "
     "biodiversidad. La seguridad de la biotecnología quedó incluida como eje transversal, pero todavía falta "
     "vincularla con el plan nacional de desarrollo.", True),
    (0, "fp.ma", "fr", "Au Maroc, la biosécurité figure dans la stratégie nationale, mais sans budget propre. Nous "
     "recommandons d'intégrer des indicateurs de biosécurité dans le suivi des SPANB pour qu'elle ne reste pas "
     "une simple mention.", False),
    (0, "fp.eg", "ar", "في مصر أدرجنا السلامة الأحيائية في الاستراتيجية الوطنية للتنوع البيولوجي، ونرى أن التنسيق بين "
     "وزارة البيئة ووزارة الزراعة هو العامل الأهم لنجاح التنفيذ.", True),
    (0, "observer", "en", "From the perspective of observer organisations, public participation in NBSAP "
     "revision is where biosafety gets real attention. Consultation drafts should be published for comment.", False),
    (1, "fp.ke", "en", "The GEF project paid for laboratory equipment for the detection of living modified "
     "organisms. Running costs were the real problem once the project ended, so plan for them early.", False),
    (1, "fp.pe", "es", "El Perú financió su marco nacional de bioseguridad con recursos del FMAM, pero la "
     "sostenibilidad depende de incluir una partida en el presupuesto nacional.", True),
    (1, "fp.cn", "zh", "中国通过国家预算支持生物安全管理，并与科研机构合作开展转基因生物检测能力建设。我们建议把生物安全"
     "纳入国家发展规划，以便获得长期稳定的资金。", False),
    (1, "gov.us", "en", "As a non-Party we have funded regulatory capacity building through bilateral "
     "cooperation. Joint projects between regulators work well and cost little.", True),
    (1, "fp.za", "en", "South Africa recovers part of the costs through application fees for permits. It is not "
     "enough on its own, but it keeps the regulatory office running between donor projects.", False),
    (2, "fp.co", "es", "Colombia realizó talleres de capacitación para funcionarios de aduanas sobre la "
     "identificación de organismos vivos modificados. La concienciación del público sigue siendo un reto.", False),
    (2, "fp.fj", "en", "Small island States need regional approaches. A shared regional laboratory and training "
     "programme for the Pacific would make better use of scarce resources.", True),
    (2, "fp.vn", "en", "Public awareness campaigns worked best when run with universities and local media, and "
     "when the material was available in local languages.", False),
]

OPEN_POSTS = [
    (0, "fp.in", "en", "India is updating its NBSAP this year. We would welcome examples of targets on biosafety "
     "that other countries have adopted under the Kunming-Montreal framework (Target 17).", False),
    (0, "fp.br", "en", "Brazil linked Target 17 to its national biosafety law and to the monitoring done by CTNBio. "
     "Happy to share the indicator sheets.", True),
    (1, "fp.ma", "fr", "Pour le renforcement des capacités, les échanges entre autorités nationales d'Afrique du Nord "
     "ont été très utiles. Qui serait intéressé par un atelier régional ?", False),
]


def _user(email: str, name: str, *, country: str | None = None, lang: str = "en",
          organisation: Organisation | None = None) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, username=email, display_name=name, country_id=country,
                    email_confirmed_at=timezone.now(), preferred_language=lang, organisation=organisation)
        user.set_password(PASSWORD)
        user.save()
    return user


def _grant(user: User, role: str, country: str | None = None, convention: str | None = None) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, country_id=country, convention_id=convention,
                                         revoked_at=None)
    clear_role_cache(user)


def _people() -> dict[str, User]:
    people = {}
    ui = {"es": "es", "fr": "fr", "ar": "ar", "zh": "zh-hans"}
    langs = {"mx": "es", "pe": "es", "co": "es", "ma": "fr", "eg": "ar", "cn": "zh"}
    for cc in ("ke", "mx", "ma", "eg", "pe", "cn", "za", "fj", "co", "vn", "in", "br"):
        user = _user(f"fp.{cc}@{DOMAIN}", f"Focal point {cc.upper()}", country=cc.upper(),
                     lang=ui.get(langs.get(cc, "en"), "en"))
        _grant(user, Role.FOCAL_POINT, cc.upper(), "CBD")
        people[f"fp.{cc}"] = user
    moderator = _user(f"moderator@{DOMAIN}", "Moderator Demo")
    _grant(moderator, Role.MODERATOR)
    people["moderator"] = moderator
    ngo, _c = Organisation.objects.get_or_create(
        name="Biosafety Information Network (demo)", defaults={"kind": Organisation.Kind.NGO})
    people["observer"] = _user(f"observer.biosafety@{DOMAIN}", "Observer, Biosafety Information Network",
                               organisation=ngo)
    gov, _c = Organisation.objects.get_or_create(
        name="Department of State (demo)", defaults={"kind": Organisation.Kind.GOVERNMENT, "country_id": "US"})
    people["gov.us"] = _user(f"gov.us@{DOMAIN}", "Government delegate US", country="US", organisation=gov)
    return people


def _by_email(post: Post, user: User, text: str, when: dt.datetime | None = None) -> Post | None:
    """Answer ``post`` as ``user`` would from their mail client: through the inbound service."""
    key = reply_key_make(post_id=post.pk, user_id=user.pk)
    msg = EmailMessage()
    msg["From"] = email.utils.formataddr((str(user), user.email))
    msg["To"] = reply_address(key)
    msg["Subject"] = f"Re: [{post.thread.discussion.title}] {post.thread.title}"
    msg["Message-ID"] = email.utils.make_msgid(domain="mail.demo.example")
    msg["In-Reply-To"] = post.outgoing_message_id
    msg["Date"] = email.utils.format_datetime(when or timezone.now())
    msg.set_content(f"{text}\n\n-- \n{user}\n\nOn {(when or timezone.now()):%d %b %Y}, {post.author} wrote:\n"
                    + "\n".join("> " + line for line in post.body.splitlines()))
    record = inbound_receive(msg.as_bytes(policy=email.policy.SMTP), transport="demo", defer=False)
    return record.post


def _fill(discussion: Discussion, people: dict[str, User], posts: list, languages: dict) -> list[Post]:
    threads = list(discussion.threads.order_by("number"))
    made: list[Post] = []
    last_in_thread: dict[int, Post] = {}
    for thread_index, who, lang, text, via_email in posts:
        user = people[who]
        services.discussion_join(actor=user, discussion=discussion, consent=True)
        thread = threads[thread_index]
        parent = last_in_thread.get(thread_index)
        if via_email and parent is not None:
            post = _by_email(parent, user, text)
        else:
            post = services.post_create(actor=user, thread=thread, body=text, parent=parent, language=lang)
        if post is not None:
            made.append(post)
            last_in_thread[thread_index] = post
    return made


def load_demo(stdout=None) -> dict:
    say = (lambda msg: stdout.write(msg + "\n")) if stdout else (lambda msg: None)
    people = _people()
    moderator = people["moderator"]
    created = 0
    if not Discussion.objects.filter(slug=SLUG_2014).exists():
        with transaction.atomic():
            now = timezone.now()
            discussion = services.discussion_create(
                actor=moderator, slug=SLUG_2014,
                title="Online discussion on the implementation of the Cartagena Protocol on Biosafety",
                description=DESCRIPTION, language="en", convention=None,
                translations={
                    "fr": {"title": "Discussion en ligne sur l'application du Protocole de Cartagena sur la "
                                    "prévention des risques biotechnologiques", "description": DESCRIPTION_FR},
                    "es": {"title": "Debate en línea sobre la aplicación del Protocolo de Cartagena sobre "
                                    "Seguridad de la Biotecnología", "description": DESCRIPTION_ES},
                    "ar": {"title": "النقاش الإلكتروني بشأن تنفيذ بروتوكول قرطاجنة للسلامة الأحيائية",
                           "description": DESCRIPTION_AR},
                },
                opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=13),
                post_audience=Discussion.PostAudience.REGISTERED,
            )
            services.discussion_statement_set(
                actor=moderator, discussion=discussion, which="opening",
                text="Welcome to the online discussion. Please share concrete experiences from your country or "
                     "organisation; posts may be summarised, without attribution, in the synthesis.")
            for title, translations, intro in THREADS:
                services.thread_create(actor=moderator, discussion=discussion, title=title, description=intro,
                                       translations={k: {"title": v} for k, v in translations.items()})
            for key in ("fp.ke", "fp.mx", "observer"):
                services.discussion_join(actor=people[key], discussion=discussion, consent=True)
                services.watch_set(actor=people[key], level=Watch.Level.EMAIL, discussion=discussion)
            made = _fill(discussion, people, POSTS, {})
            # Move the discussion to its real dates (26 May - 7 June 2014) and spread the posts over them.
            opens = dt.datetime(2014, 5, 26, 9, 0, tzinfo=dt.UTC)
            closes = dt.datetime(2014, 6, 7, 23, 59, tzinfo=dt.UTC)
            for i, post in enumerate(made):
                when = opens + dt.timedelta(hours=20 * i + 3)
                Post.objects.filter(pk=post.pk).update(created_at=when, updated_at=when)
            Discussion.objects.filter(pk=discussion.pk).update(opens_at=opens, closes_at=closes)
            discussion.refresh_from_db()
            discussion.threads.update(last_post_at=closes - dt.timedelta(days=1))
            services.discussion_statement_set(
                actor=moderator, discussion=discussion, which="closing",
                text="Thank you to the Parties, other Governments and organisations who took part. The synthesis "
                     "below will be made available to the special session as a background document.")
            synthesis = services.synthesis_start(actor=moderator, discussion=discussion)
            services.synthesis_edit(  # the moderator's edit of the draft
                actor=moderator, synthesis=synthesis,
                text=synthesis.draft.replace(" Edit it before publishing.", "")
                + "\n## Conclusions for the special session\n\n"
                "- Involve biosafety authorities in NBSAP revision from the start.\n"
                "- Plan national budget lines for running costs beyond donor-funded projects.\n"
                "- Pursue regional approaches to laboratories and training where resources are scarce.\n")
            services.synthesis_publish(actor=moderator, synthesis=synthesis)
        created += 1
        say(f"Discussion “{SLUG_2014}”: {len(made)} posts, synthesis {synthesis.document_symbol} published")
    if not Discussion.objects.filter(slug=SLUG_OPEN).exists():
        with transaction.atomic():
            now = timezone.now()
            discussion = services.discussion_create(
                actor=moderator, slug=SLUG_OPEN,
                title="Biosafety in the updated NBSAPs: follow-up online discussion",
                description="A two-week follow-up on how the updated NBSAPs address biosafety (GBF Target 17). "
                            "Watch a thread to receive posts by email and answer by replying.",
                opens_at=now - dt.timedelta(days=3), closes_at=now + dt.timedelta(days=11),
                premoderation=False, participant_threads=True,
                translations={"fr": {"title": "La biosécurité dans les SPANB actualisées : discussion de suivi"},
                              "es": {"title": "La seguridad de la biotecnología en las EPANB actualizadas"}},
            )
            for title, translations, intro in THREADS[:2]:
                services.thread_create(actor=moderator, discussion=discussion, title=title, description=intro,
                                       translations={k: {"title": v} for k, v in translations.items()})
            for key in ("fp.ke", "fp.in", "fp.br", "fp.ma", "fp.mx"):
                services.discussion_join(actor=people[key], discussion=discussion, consent=True)
            services.watch_set(actor=people["fp.ke"], level=Watch.Level.EMAIL, discussion=discussion)
            services.watch_set(actor=people["fp.mx"], level=Watch.Level.DIGEST, discussion=discussion)
            services.watch_set(actor=people["fp.ma"], level=Watch.Level.EMAIL,
                               thread=discussion.threads.get(number=2))
            made = _fill(discussion, people, OPEN_POSTS, {})
        created += 1
        say(f"Discussion “{SLUG_OPEN}” open now: {len(made)} posts")
    if not created:
        say("Discussions already there: nothing to add.")
    return {"discussions": Discussion.objects.filter(slug__in=[SLUG_2014, SLUG_OPEN]).count(), "created": created,
            "synthesis": Synthesis.objects.filter(discussion__slug=SLUG_2014, status="published").exists()}
