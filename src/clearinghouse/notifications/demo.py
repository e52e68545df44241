"""Demo official notifications, from the seeds, with their real references, dates, subjects, addressees and
signatories:

- seed 000: SCBD/STTM/OH/SG/VA/56219 of 13 October 2006, South-South cooperation on biological diversity, to
  the CBD national focal points, signed by the Executive Secretary, with its call for contributions on a
  multi-year plan of action (deadline 31 January 2007, Montreal time) and answers from demo focal points;
- seed 001: SCBD/BS/CG/ET/ps/83555 of 16 May 2014, the invitation to the online discussion on the implementation
  of the Cartagena Protocol (26 May-7 June 2014), linked to that discussion of the forums demo;
- seed 003: the invitation to join the global partnership for Target 3, linked to the partnership and to its
  information sessions when the partnerships and meetings demos hold them. The seed shows neither reference nor
  date: the demo numbers it from the secretariat's reference series and dates it 6 November 2023, before the
  sessions of 29 and 30 November 2023 it announces;

plus a few dozen notifications across years and conventions, and one call open now (to try submitting).
Everything goes through the services (drafted by one secretariat user, approved by a second); idempotent:
notifications are looked up by reference or subject.
"""

from __future__ import annotations

import datetime as dt
import random

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from clearinghouse.accounts.models import Organisation, Role, RoleAssignment, User
from clearinghouse.accounts.permissions import clear_role_cache
from clearinghouse.core.models import Convention

from . import services
from .groups import ensure
from .models import AddresseeGroup, Call, Notification, ReferenceSeries, Submission

DOMAIN = "demo.clearinghouse.localhost"
PASSWORD = "demo-password-2026"

DEMO_LOGINS = [
    {"email": f"secretariat@{DOMAIN}", "password": PASSWORD, "role": "secretariat: drafts official notifications"},
    {"email": f"approver@{DOMAIN}", "password": PASSWORD, "role": "secretariat: approves official notifications"},
]

REF_000 = "SCBD/STTM/OH/SG/VA/56219"
REF_001 = "SCBD/BS/CG/ET/ps/83555"
SUBJECT_003 = ("Invitation to join the global partnership to support the achievement of Target 3 of the "
               "Kunming-Montreal Global Biodiversity Framework")

BODY_000 = """Dear Madam/Sir,

The purpose of this notification is to inform the Parties to the Convention on Biological Diversity that, as a \
follow-up to the eighth meeting of the Conference of the Parties (COP/8), the President of the Group of 77 recommended \
the establishment of a strong programme of action for promoting South-South cooperation to enhance the exchange of \
experiences and promote best practices with a view to achieving the three objectives of the Convention and the 2010 \
Biodiversity Target. To this end, he recommended the establishment of a group of experts to prepare, in the context \
of the Caracas Plan of Action on South-South cooperation, a multi-year plan of action to promote South-South \
cooperation on biodiversity. The meeting of experts is tentatively planned for September 2007. The multi-year plan of \
action will be submitted for review to the Group of 77, and for adoption by the ninth meeting of the Conference of the \
Parties, to be held in Germany in 2008.

In order to prepare for the aforesaid expert meeting, I am convening a brainstorming session on South-South \
cooperation on biodiversity at the Secretariat Headquarters in Montreal, from 6-8 November 2006, with the generous \
financial contribution of the Government of the Netherlands. The agenda and background documents for this \
brainstorming meeting are available on the CBD website at <http://www.biodiv.org/meetings/ssc-01/default.shtml>.

To facilitate the preparation of the elements for the draft multi-year plan of action on South-South cooperation to \
be submitted for consideration by the expert meeting (scheduled for September 2007), Parties are invited to submit \
contributions on elements and structure of a multi-year plan of action to the Secretariat at their earliest \
convenience and, preferably, before **31 January 2007**.

Please accept, Madam/Sir, the assurances of my highest consideration."""

BODY_000_FR = """Madame, Monsieur,

La présente notification a pour objet d'informer les Parties à la Convention sur la diversité biologique que, pour \
donner suite à la huitième réunion de la Conférence des Parties (COP/8), le Président du Groupe des 77 a recommandé \
l'établissement d'un solide programme d'action pour promouvoir la coopération Sud-Sud, afin d'améliorer l'échange \
d'expériences et de promouvoir les meilleures pratiques en vue d'atteindre les trois objectifs de la Convention et \
l'objectif de 2010 relatif à la diversité biologique.

Afin de préparer les éléments du projet de plan d'action pluriannuel sur la coopération Sud-Sud, les Parties sont \
invitées à soumettre au Secrétariat leurs contributions sur les éléments et la structure d'un plan d'action \
pluriannuel dans les meilleurs délais et, de préférence, avant le **31 janvier 2007**.

Je vous prie d'agréer, Madame, Monsieur, l'assurance de ma très haute considération."""

BODY_000_ES = """Estimado/a señor/a:

La presente notificación tiene por objeto informar a las Partes en el Convenio sobre la Diversidad Biológica de que, \
como seguimiento de la octava reunión de la Conferencia de las Partes (COP/8), el Presidente del Grupo de los 77 \
recomendó establecer un sólido programa de acción para promover la cooperación Sur-Sur en materia de diversidad \
biológica.

Se invita a las Partes a presentar a la Secretaría contribuciones sobre los elementos y la estructura de un plan de \
acción plurianual a la mayor brevedad posible y, preferentemente, antes del **31 de enero de 2007**."""

BODY_001 = """Madam/Sir,

At its meeting held in October 2013 in Montreal, the Bureau of the sixth meeting of the Conference of the Parties \
serving as the meeting of the Parties to the Cartagena Protocol (COP-MOP) endorsed a proposal by the Executive \
Secretary to convene a "Special Session on the Implementation of the Cartagena Protocol on Biosafety" during the \
seventh meeting of the COP-MOP. The special session is intended to provide a platform for Parties, other Governments \
and relevant organizations to share views, experiences, and relevant information regarding the implementation of the \
Protocol, with a particular focus on experiences regarding the integration of biosafety into national biodiversity \
strategies and national plans (NBSAPs) and national development policies, plans and programmes as well as \
mobilization of resources to advance the implementation of the Protocol at the national level in line with the \
Strategic Plan for the Protocol 2011-2020.

As part of the preparations for the special session, the Bureau recommended that a two-week online discussion forum \
be organized to allow for a preliminary exchange of information, experiences and suggestions regarding the above \
topics. A synthesis of the outcomes of the online forum would be made available as a background document to \
facilitate the discussions during the special session.

Accordingly, I am pleased to invite all Parties, other Governments and relevant organizations to participate in the \
"Online Discussion on the Implementation of the Cartagena Protocol on Biosafety", which will take place from 26 May \
to 7 June 2014 through the Biosafety Clearing-House (BCH).

To take part in the online discussions, participants would need to have a BCH user account. Signed up participants \
wishing to participate in the discussions via e-mail can do so by choosing the icon 'watch' located at the bottom of \
the discussion threads. Subsequently, they will receive copies of all the posted messages via e-mail and their \
replies to the messages will be automatically posted to the respective discussion pages.

Thank you for your continued support towards the work of the Cartagena Protocol on Biosafety.

Please accept, Madam/Sir, the assurances of my highest consideration."""

BODY_003 = """Dear Sir or Madam,

In decision 15/13, the Conference of the Parties to the Convention encourages Parties and other Governments to work \
together with all stakeholders to jointly implement the Kunming-Montreal Global Biodiversity Framework in a spirit of \
cooperation and mutual support, at global, regional, subregional, national and subnational levels.

Pursuant to this decision, a meeting for the development of a global partnership to support the achievement of \
Target 3 of the Kunming-Montreal Global Biodiversity Framework was held in Cambridge, United Kingdom, hosted by the \
United Nations Environment Programme – World Conservation Monitoring Centre, from 12 to 14 June 2023. A virtual \
information session to discuss the outcomes of the June 2023 meeting and the next steps is also scheduled for 29 and \
30 November 2023. To accommodate participants in different time zones, two sessions will be offered as follows:

- Wednesday, 29 November 2023 at 7:00 p.m. EST
- Thursday, 30 November 2023 at 9:00 a.m. EST

Further to the above, I am pleased to invite Parties, other Governments, indigenous peoples and local communities, \
and relevant organizations to join and actively participate in the partnership. The partnership will facilitate \
access to a broad network of partners, fostering an exchange of ideas, experiences, and best practices.

While this partnership is global in nature, it will also support action at the local, subnational, national and \
regional levels. Participation in this partnership will be open and inclusive. There will be no cut-off date for \
joining the partnership.

The first meeting of the global partnership is planned to take place on 22 and 23 February 2024, on the margins of \
the sixth session of the United Nations Environment Assembly (UNEA-6).

I thank you for your cooperation in this matter and your continued support for the work of the Convention.

Please accept, Sir, Madam, the assurances of my highest consideration."""

SUBJECT_003_FR = ("Invitation à rejoindre le partenariat mondial pour appuyer la réalisation de la cible 3 du Cadre "
                  "mondial de la biodiversité de Kunming-Montréal")
SUBJECT_003_ES = ("Invitación a unirse a la alianza mundial para apoyar el logro de la meta 3 del Marco Mundial de "
                  "Biodiversidad de Kunming-Montreal")

# (year, convention, subject, groups, addressees as written, signatory, title)
MORE = [
    (2008, "CBD", "Peer review of the in-depth review of the programme of work on protected areas", ["cbd-nfp"]),
    (2008, "CPB", "Submission of information on capacity-building activities for biosafety", ["cpb-nfp"]),
    (2009, "CBD", "Invitation to submit views on the updating of the Strategic Plan beyond 2010", ["cbd-nfp"]),
    (2009, "CBD", "International Day for Biological Diversity 2010: theme and preparations", ["cbd-nfp", "all-users"]),
    (2010, "NP", "Signature of the Nagoya Protocol on Access and Benefit-sharing", ["cbd-nfp", "np-nfp"]),
    (2010, "CBD", "Regional workshops for the updating of NBSAPs", ["cbd-nfp", "nbsap-coordinators"]),
    (2011, "CBD", "Call for nominations of experts on marine spatial planning", ["cbd-nfp", "sbstta-fp"]),
    (2012, "CPB", "Online forum on risk assessment and risk management", ["cpb-nfp", "relevant-organisations"]),
    (2012, "CBD", "Fifth national reports: guidelines and deadline", ["cbd-nfp"]),
    (2013, "CBD", "Peer review of draft guidance on ecosystem restoration", ["sbstta-fp", "relevant-organisations"]),
    (2014, "NP", "Entry into force of the Nagoya Protocol", ["np-nfp", "cbd-nfp"]),
    (2015, "CBD", "Invitation to submit information on traditional knowledge indicators", ["cbd-nfp", "iplc"]),
    (2016, "CPB", "Capacity-building workshop on detection of living modified organisms", ["cpb-nfp"]),
    (2017, "CBD", "Sixth national reports: resource manual and online reporting tool", ["cbd-nfp"]),
    (2018, "CBD", "Preparation of the post-2020 global biodiversity framework: consultation", ["cbd-nfp", "iplc",
                                                                                              "relevant-organisations"]),
    (2019, "CITES", "Wildlife trade and biodiversity: joint capacity-building", ["cbd-nfp"]),
    (2019, "CMS", "Migratory species and connectivity: call for case studies", ["cbd-nfp", "relevant-organisations"]),
    (2020, "CBD", "Virtual sessions of the subsidiary bodies: arrangements", ["cbd-nfp", "sbstta-fp"]),
    (2021, "RAMSAR", "Wetlands in national biodiversity strategies: joint guidance", ["cbd-nfp", "nbsap-coordinators"]),
    (2021, "CBD", "Open-ended working group on the post-2020 framework: third meeting", ["cbd-nfp"]),
    (2022, "CBD", "Fifteenth meeting of the Conference of the Parties, second part: registration", ["cbd-nfp",
                                                                                                  "all-users"]),
    (2023, "CBD", "Updating of NBSAPs in line with the Kunming-Montreal framework", ["cbd-nfp",
                                                                                    "nbsap-coordinators"]),
    (2023, "CPB", "Biosafety and the Kunming-Montreal framework: Target 17", ["cpb-nfp"]),
    (2024, "CBD", "Seventh national reports: templates and timelines", ["cbd-nfp"]),
    (2024, "NP", "Digital sequence information: operationalisation of the multilateral mechanism", ["np-nfp",
                                                                                                   "iplc"]),
    (2024, "CBD", "Invitation to join the partnership on biodiversity and health", ["partners",
                                                                                    "relevant-organisations"]),
    (2025, "CBD", "Peer review of the monitoring framework indicators", ["sbstta-fp"]),
    (2025, "CMS", "Ecological connectivity in spatial planning: call for information", ["cbd-nfp"]),
    (2026, "CBD", "Sixteenth meeting of the Conference of the Parties: pre-session documents", ["cbd-nfp"]),
]
SIGNATORIES = [(2008, "Ahmed Djoghlaf"), (2012, "Braulio Ferreira de Souza Dias"), (2017, "Cristiana Paşca Palmer"),
               (2020, "Elizabeth Maruma Mrema"), (2023, "David Cooper"), (2024, "Astrid Schomaker")]


def _signatory(year: int) -> tuple[str, str]:
    name = [n for y, n in SIGNATORIES if y <= year][-1] if year >= 2008 else "Ahmed Djoghlaf"
    title = "Acting Executive Secretary" if name == "David Cooper" else "Executive Secretary"
    return name, title


def _user(email: str, name: str, *, country: str | None = None, lang: str = "en") -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, username=email, display_name=name, country_id=country,
                    email_confirmed_at=timezone.now(), preferred_language=lang)
        user.set_password(PASSWORD)
        user.save()
    return user


def _grant(user: User, role: str, country: str | None = None, convention: str | None = None) -> None:
    RoleAssignment.objects.get_or_create(user=user, role=role, country_id=country, convention_id=convention,
                                         revoked_at=None)
    clear_role_cache(user)


FOCAL_POINTS = {"KE": "en", "BR": "en", "CO": "es", "IN": "en", "VN": "en", "MA": "fr", "PE": "es", "ZA": "en",
                "MX": "es", "CN": "zh-hans", "EG": "ar", "FJ": "en"}


def _people() -> dict:
    drafter = _user(f"secretariat@{DOMAIN}", "Secretariat Demo")
    _grant(drafter, Role.SECRETARIAT)
    approver = _user(f"approver@{DOMAIN}", "Approver, Secretariat Demo")
    _grant(approver, Role.SECRETARIAT)
    people = {"drafter": drafter, "approver": approver}
    for cc, lang in FOCAL_POINTS.items():
        fp = _user(f"fp.{cc.lower()}@{DOMAIN}", f"Focal point {cc}", country=cc, lang=lang)
        _grant(fp, Role.FOCAL_POINT, cc, "CBD")
        au = _user(f"au.{cc.lower()}@{DOMAIN}", f"Authorised user {cc}", country=cc, lang=lang)
        _grant(au, Role.AUTHORISED_USER, cc)
        people[f"fp.{cc.lower()}"], people[f"au.{cc.lower()}"] = fp, au
    for cc in ("KE", "MX", "CO"):
        _grant(people[f"fp.{cc.lower()}"], Role.FOCAL_POINT, cc, "CPB")
    groups = {g.code: g for g in AddresseeGroup.objects.all()}
    # Designations that no role expresses: SBSTTA focal points and NBSAP coordinators, nominated by Parties.
    for key, code in (("fp.br", "sbstta-fp"), ("fp.in", "sbstta-fp"), ("au.ke", "sbstta-fp"),
                      ("au.mx", "nbsap-coordinators"), ("au.vn", "nbsap-coordinators"), ("fp.za", "nbsap-coordinators")):
        services.designation_add(actor=drafter, group=groups[code], user=people[key],
                                 country=people[key].country_id)
    return people


def _find(reference: str = "", subject: str = "") -> Notification | None:
    if reference:
        return Notification.objects.filter(reference=reference).first()
    return Notification.objects.filter(subject=subject).first()


def _lookup(app: str, model: str, **filters):
    try:
        Model = apps.get_model(app, model)
    except LookupError:
        return None
    try:
        return Model.objects.filter(**filters).first()
    except Exception:  # noqa: BLE001 - another app's demo may have other fields: tolerate it
        return None


def _publish(people: dict, notification: Notification, *, published_on: dt.date | None = None) -> Notification:
    services.notification_request_approval(actor=people["drafter"], notification=notification)
    services.notification_approve(actor=people["approver"], notification=notification)
    services.notification_publish(actor=people["drafter"], notification=notification)
    if published_on:
        when = dt.datetime.combine(published_on, dt.time(14, 0), tzinfo=dt.UTC)
        Notification.objects.filter(pk=notification.pk).update(published_at=when)
    notification.refresh_from_db()
    return notification


def _groups(codes) -> list[AddresseeGroup]:
    return list(AddresseeGroup.objects.filter(code__in=codes))


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _seed_000(people: dict) -> Notification:
    n = _find(REF_000)
    if n is not None:
        return _link_000(people, n)
    cbd = Convention.objects.get(pk="CBD")
    n = services.notification_create(
        actor=people["drafter"], reference=REF_000, date=dt.date(2006, 10, 13), convention=cbd,
        subject="South-South Cooperation on Biological Diversity", body=BODY_000, language="en",
        groups=_groups(["cbd-nfp"]), addressees_text="CBD National Focal Points",
        signatory_name="Ahmed Djoghlaf", signatory_title="Executive Secretary",
        translations={"fr": {"subject": "Coopération Sud-Sud en matière de diversité biologique", "body": BODY_000_FR,
                             "official": True},
                      "es": {"subject": "Cooperación Sur-Sur sobre diversidad biológica", "body": BODY_000_ES,
                             "official": False}})
    services.attachment_add(actor=people["drafter"], notification=n, signed=True, language="en",
                            uploaded=SimpleUploadedFile("2006-112-ssc-en.pdf", PDF, "application/pdf"))
    _link_000(people, n)
    call = services.call_create(
        actor=people["drafter"], notification=n,
        title="Contributions on elements and structure of a multi-year plan of action on South-South cooperation "
              "on biodiversity",
        instructions="Parties are invited to submit contributions on **elements and structure** of a multi-year "
                     "plan of action to promote South-South cooperation on biodiversity, to prepare the expert "
                     "meeting scheduled for September 2007. Contributions will be compiled for the expert meeting.",
        deadline_local=dt.datetime(2007, 1, 31, 23, 59), deadline_timezone="America/Montreal",
        groups=_groups(["cbd-nfp"]), questions=[
            {"label": "Which priority areas should the plan of action cover?", "type": "text", "required": True},
            {"label": "Would your country host or support a regional South-South exchange?", "type": "yesno"},
        ], translations={"fr": {"title": "Contributions sur les éléments et la structure d'un plan d'action "
                                         "pluriannuel pour la coopération Sud-Sud"}})
    _publish(people, n, published_on=dt.date(2006, 10, 13))
    answers = [
        ("KE", dt.datetime(2006, 12, 4, 15, 0, tzinfo=dt.UTC), "Capacity-building and technology transfer between "
         "African Parties; a regional clearing-house node.", "yes", True),
        ("BR", dt.datetime(2007, 1, 22, 18, 30, tzinfo=dt.UTC), "Joint research on tropical ecosystems, exchange of "
         "experts, and a South-South biodiversity fund.", "yes", True),
        ("IN", dt.datetime(2007, 1, 31, 22, 0, tzinfo=dt.UTC), "Traditional knowledge documentation and access and "
         "benefit-sharing arrangements among developing countries.", "yes", True),
        ("MA", dt.datetime(2007, 2, 1, 3, 0, tzinfo=dt.UTC), "Coopération entre pays méditerranéens sur les zones "
         "arides et la désertification.", "no", True),
        ("MX", dt.datetime(2007, 2, 14, 16, 0, tzinfo=dt.UTC), "Cooperación regional en América Latina sobre "
         "especies invasoras y corredores biológicos.", "yes", False),
    ]
    for cc, when, text, yes, consent in answers:
        fp = people[f"fp.{cc.lower()}"]
        s = services.submission_save(
            actor=people[f"au.{cc.lower()}"] if cc == "KE" else fp, call=call, country=cc, text=text,
            summary=text.split(";")[0][:200], answers={"q1": text, "q2": yes}, consent_publish=consent,
            language={"MA": "fr", "MX": "es"}.get(cc, "en"),
            files=[SimpleUploadedFile(f"ssc-contribution-{cc.lower()}.pdf", PDF, "application/pdf")]
            if cc in ("KE", "BR") else ())
        s = services.submission_submit(actor=fp, submission=s, now=when)
        services.submission_acknowledge(actor=people["drafter"], submission=s)
        if consent:
            services.submission_publish(actor=people["drafter"], submission=s)
    # A draft that never went: South Africa's authorised user started one.
    services.submission_save(actor=people["au.za"], call=call, country="ZA", text="Draft: points on marine "
                             "cooperation in the Benguela current region.", consent_publish=True)
    return n


def _link_000(people: dict, n: Notification) -> Notification:
    meeting = _lookup("meetings", "Meeting", title__icontains="South-South")
    if meeting is not None:
        services.link_set(actor=people["drafter"], notification=n, obj=meeting)
    return n


def _seed_001(people: dict) -> Notification:
    n = _find(REF_001)
    if n is not None:
        return _link_001(people, n)
    n = services.notification_create(
        actor=people["drafter"], reference=REF_001, date=dt.date(2014, 5, 16),
        convention=Convention.objects.get(pk="CPB"),
        subject="Invitation to Participate in the Online Discussion on the Implementation of the Cartagena Protocol "
                "on Biosafety, 26 May to 7 June 2014", body=BODY_001, language="en",
        groups=_groups(["cpb-nfp", "cbd-nfp", "nbsap-coordinators", "relevant-organisations"]),
        addressees_text="CPB and CBD National Focal Points, NBSAP Coordinators and relevant organizations",
        signatory_name="Bráulio Ferreira de Souza Dias", signatory_title="Executive Secretary",
        translations={"fr": {"subject": "Invitation à participer à la discussion en ligne sur l'application du "
                                        "Protocole de Cartagena sur la prévention des risques biotechnologiques, "
                                        "du 26 mai au 7 juin 2014",
                             "body": "Madame, Monsieur,\n\nJ'ai le plaisir d'inviter toutes les Parties, les autres "
                                     "gouvernements et les organisations compétentes à participer à la « Discussion "
                                     "en ligne sur l'application du Protocole de Cartagena », du 26 mai au 7 juin "
                                     "2014, en préparation de la session spéciale de la COP-MOP 7.",
                             "official": True}})
    _link_001(people, n)
    return _publish(people, n, published_on=dt.date(2014, 5, 16))


def _link_001(people: dict, n: Notification) -> Notification:
    from clearinghouse.forums.demo import SLUG_2014
    from clearinghouse.forums.models import Discussion

    discussion = Discussion.objects.filter(slug=SLUG_2014).first()
    if discussion is not None:
        services.link_set(actor=people["drafter"], notification=n, obj=discussion)
    return n


def _seed_003(people: dict) -> Notification:
    n = _find(subject=SUBJECT_003)
    if n is not None:
        return _link_003(people, n)
    n = services.notification_create(
        actor=people["drafter"], series=ReferenceSeries.objects.get(code="scbd"), date=dt.date(2023, 11, 6),
        convention=Convention.objects.get(pk="CBD"), subject=SUBJECT_003, body=BODY_003, language="en",
        groups=_groups(["cbd-nfp", "sbstta-fp", "iplc", "relevant-organisations"]),
        addressees_text="CBD national focal points, SBSTTA focal points, indigenous peoples and local communities "
                        "and relevant organizations",
        signatory_name="David Cooper", signatory_title="Acting Executive Secretary",
        translations={"fr": {"subject": SUBJECT_003_FR, "body": "Madame, Monsieur,\n\nJ'ai le plaisir d'inviter "
                             "les Parties, les autres gouvernements, les peuples autochtones et les communautés "
                             "locales et les organisations compétentes à rejoindre le partenariat mondial pour la "
                             "cible 3. Deux séances d'information virtuelles auront lieu les 29 et 30 novembre 2023.",
                             "official": True},
                      "es": {"subject": SUBJECT_003_ES, "body": "Estimado/a señor/a:\n\nTengo el agrado de invitar "
                             "a las Partes, otros gobiernos, pueblos indígenas y comunidades locales y "
                             "organizaciones pertinentes a unirse a la alianza mundial para la meta 3. Se "
                             "celebrarán dos sesiones informativas virtuales el 29 y el 30 de noviembre de 2023.",
                             "official": False}})
    _link_003(people, n)
    return _publish(people, n, published_on=dt.date(2023, 11, 6))


def _link_003(people: dict, n: Notification) -> Notification:
    """The partnership and its information sessions, when the partnerships and meetings demos hold them."""
    for app, model, filters in (("partnerships", "Partnership", {"name__icontains": "Target 3"}),
                                ("partnerships", "Partnership", {"slug__icontains": "target-3"}),
                                ("meetings", "Meeting", {"title__icontains": "information session on the global "
                                                                             "partnership for Target 3"}),
                                ("meetings", "Meeting", {"title__icontains": "First meeting of the global "
                                                                             "partnership for Target 3"})):
        found = _lookup(app, model, **filters)
        if found is not None:
            services.link_set(actor=people["drafter"], notification=n, obj=found)
    return n


def _more(people: dict) -> int:
    made = 0
    rng = random.Random(13)
    series = ReferenceSeries.objects.get(code="scbd")
    conventions = {c.pk: c for c in Convention.objects.all()}
    for year, conv, subject, codes in MORE:
        if _find(subject=subject) is not None:
            continue
        name, title = _signatory(year)
        date = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
        n = services.notification_create(
            actor=people["drafter"], series=series, date=date, convention=conventions[conv], subject=subject,
            body=(f"Dear Madam/Sir,\n\nI wish to inform you of the following: **{subject}**. Details are given in "
                  "the annex to this notification.\n\nPlease accept the assurances of my highest consideration."),
            language="en", groups=_groups(codes), signatory_name=name, signatory_title=title)
        _publish(people, n, published_on=date)
        made += 1
    return made


def _open_call(people: dict) -> Notification:
    subject = "Call for views on the guidance for updating national biodiversity strategies (demo, open now)"
    n = _find(subject=subject)
    if n is not None:
        return n
    today = timezone.localdate()
    n = services.notification_create(
        actor=people["drafter"], series=ReferenceSeries.objects.get(code="scbd"), date=today,
        convention=Convention.objects.get(pk="CBD"), subject=subject, language="en",
        body="Dear Madam/Sir,\n\nParties and relevant organisations are invited to share their views on the draft "
             "guidance for updating national biodiversity strategies and action plans, by the deadline below.\n\n"
             "Please accept the assurances of my highest consideration.",
        groups=_groups(["cbd-nfp", "nbsap-coordinators", "iplc"]),
        addressees_text="CBD National Focal Points, NBSAP Coordinators and indigenous peoples and local communities",
        signatory_name="Astrid Schomaker", signatory_title="Executive Secretary")
    services.call_create(
        actor=people["drafter"], notification=n, title="Views on the draft NBSAP guidance",
        instructions="Send your views on the draft guidance: what helped, what is missing, examples from your "
                     "country or community. Attach documents if useful.",
        deadline_local=dt.datetime.combine(today + dt.timedelta(days=30), dt.time(23, 59)),
        deadline_timezone="America/Montreal", groups=_groups(["cbd-nfp", "iplc"]), reminder_every_days=7,
        reminder_start_days=21,
        questions=[{"label": "Is the guidance clear enough to use?", "type": "yesno", "required": True},
                   {"label": "What is missing?", "type": "text"}])
    return _publish(people, n)


def load_demo(stdout=None) -> dict:
    say = (lambda msg: stdout.write(msg + "\n")) if stdout else (lambda msg: None)
    ensure()
    with transaction.atomic():
        people = _people()
        seeds = [_seed_000(people), _seed_001(people), _seed_003(people)]
        more = _more(people)
        _open_call(people)
    iplc = Organisation.objects.filter(kind=Organisation.Kind.IPLC).count()
    say(f"{Notification.objects.count()} official notifications ({more} added now), "
        f"{Call.objects.count()} calls, {Submission.objects.count()} submissions; seeds "
        + ", ".join(s.reference for s in seeds) + f"; {iplc} IPLC organisations invited; drafter "
        f"secretariat@{DOMAIN}, approver approver@{DOMAIN} / {PASSWORD}")
    return {"notifications": Notification.objects.count(), "seeds": [s.reference for s in seeds]}
