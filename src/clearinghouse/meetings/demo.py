"""Demo meetings, from the seeds, with their real dates, places and symbols:

- seed 000: the brainstorming session on South-South cooperation on biodiversity, Secretariat headquarters,
  Montreal, 6-8 November 2006, funded by the Government of the Netherlands;
- seed 003: the virtual information session on the global partnership for Target 3, offered twice "to accommodate
  participants in different time zones": Wednesday 29 November 2023 at 7:00 p.m. and Thursday 30 November 2023 at
  9:00 a.m. New York time, with registration; the first meeting of the partnership on the margins of UNEA-6,
  Nairobi, 22-23 February 2024;
- seed 004: the fifth meeting of the Biodiversity Liaison Group, Ramsar Convention headquarters, Gland,
  14 September 2006; the first meeting of the Heads of Agencies Task Force, Gland, 15 September 2006, with its
  annotated agenda UNEP/CBD/TF.HOA/1/1/Add.1 and work programme UNEP/CBD/TF.HOA/1/2.

The seed meetings are past, so registration there is closed; one more, clearly a demo (a follow-up information
session a few weeks ahead, same New York times, 20 seats, nominations by focal points), lets a visitor register,
see the waiting list and nominate. Everything goes through the services; idempotent (meetings are looked up by
title and first day).
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from clearinghouse.accounts.models import Role, RoleAssignment, User
from clearinghouse.accounts.permissions import clear_role_cache

from . import services
from .models import Meeting

DOMAIN = "demo.clearinghouse.localhost"
PASSWORD = "demo-password-2026"

DEMO_LOGINS = [
    {"email": f"meetings.organiser@{DOMAIN}", "password": PASSWORD, "role": "secretariat, meetings organiser"},
]

ZOOM_1 = "https://zoom.us/webinar/register/WN_MO0MwsM2Ql-FsENpAqh5sA"
ZOOM_2 = "https://zoom.us/webinar/register/WN_zLvEzSItS268iGcly1SpNQ"

T3_SESSION = {
    "title": "Virtual information session on the global partnership for Target 3",
    "translations": {
        "fr": {"title": "Séance d'information virtuelle sur le partenariat mondial pour la cible 3"},
        "es": {"title": "Sesión informativa virtual sobre la alianza mundial para la meta 3"},
        "ar": {"title": "جلسة إعلامية افتراضية بشأن الشراكة العالمية من أجل الهدف 3"},
        "ru": {"title": "Виртуальная информационная сессия о глобальном партнерстве по целевой задаче 3"},
        "zh": {"title": "关于目标3全球伙伴关系的线上情况介绍会"},
    },
    "description": (
        "A virtual information session to discuss the outcomes of the meeting held in Cambridge, United Kingdom, "
        "from 12 to 14 June 2023 (hosted by UNEP-WCMC) for the development of a global partnership to support the "
        "achievement of **Target 3** of the Kunming-Montreal Global Biodiversity Framework, and the next steps. "
        "To accommodate participants in different time zones, two sessions are offered; register for the one "
        "that suits you."
    ),
}


def _pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (ASCII), enough for a real download that libmagic recognises."""
    safe = text.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 60 760 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf(text), content_type="application/pdf")


def _user(email: str, name: str, *, country: str | None = None, tz: str = "", lang: str = "en") -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, username=email, display_name=name, country_id=country, timezone=tz,
                    email_confirmed_at=timezone.now(), preferred_language=lang)
        user.set_password(PASSWORD)
        user.save()
    return user


def _organiser() -> User:
    user = _user(f"meetings.organiser@{DOMAIN}", "Meetings Organiser (SCBD)", tz="America/Toronto")
    RoleAssignment.objects.get_or_create(user=user, role=Role.SECRETARIAT, country=None, convention=None,
                                         revoked_at=None)
    clear_role_cache(user)
    return user


def _find(title: str, starts_on: dt.date) -> Meeting | None:
    return Meeting.objects.filter(title=title, starts_on=starts_on).first()


def _lookup(kind: str, name: str):
    """A partnership or task force of the partnerships demo, by name (None when that demo did not load it)."""
    try:
        Model = apps.get_model("partnerships", "Partnership")
    except LookupError:
        return None
    return Model.objects.filter(kind=kind, name__icontains=name).order_by("pk").first()


def _link(meeting: Meeting, *, partnership: str = "", task_force: str = "") -> None:
    """Link to the partnerships demo's objects when both the fields and the objects exist (tolerates absence)."""
    changed = []
    if partnership and hasattr(meeting, "partnership_id") and not meeting.partnership_id:
        found = _lookup("partnership", partnership)
        if found is not None:
            meeting.partnership = found
            changed.append("partnership")
    if task_force and hasattr(meeting, "task_force_id") and not meeting.task_force_id:
        found = _lookup("task_force", task_force)
        if found is not None:
            meeting.task_force = found
            changed.append("task_force")
    if changed:
        meeting.save(update_fields=changed)


def _seed_000(org: User) -> Meeting:
    title = "Brainstorming session on South-South cooperation on biodiversity"
    meeting = _find(title, dt.date(2006, 11, 6))
    if meeting:
        return meeting
    meeting = services.meeting_create(
        actor=org, title=title, kind="brainstorming", status="held", conventions=["CBD"],
        symbol="SSC-01",
        description=(
            "As a follow-up to COP 8, the President of the Group of 77 recommended a strong programme of action for "
            "South-South cooperation on biodiversity, and a group of experts to prepare, in the context of the "
            "Caracas Plan of Action, a **multi-year plan of action** on South-South cooperation on biodiversity. "
            "This brainstorming session prepares that expert meeting (tentatively planned for September 2007). "
            "Parties were invited to submit contributions on the elements and structure of the plan, preferably "
            "before 31 January 2007."),
        organisers="Secretariat of the Convention on Biological Diversity",
        funders="Government of the Netherlands",
        venue="Secretariat headquarters, 413 Saint-Jacques Street West", city="Montreal", country="CA",
        starts_on=dt.date(2006, 11, 6), ends_on=dt.date(2006, 11, 8), timezone="America/Toronto",
        translations={
            "fr": {"title": "Séance de réflexion sur la coopération Sud-Sud en matière de diversité biologique"},
            "es": {"title": "Sesión de intercambio de ideas sobre la cooperación Sur-Sur en materia de "
                            "diversidad biológica"},
            "ar": {"title": "جلسة عصف ذهني بشأن التعاون بين بلدان الجنوب في مجال التنوع البيولوجي"},
            "ru": {"title": "Мозговой штурм по вопросам сотрудничества Юг-Юг в области биоразнообразия"},
            "zh": {"title": "生物多样性南南合作集思广益会议"},
        })
    for n, text in enumerate(["Opening of the session", "Elements and structure of a multi-year plan of action "
                              "on South-South cooperation on biodiversity", "Preparation of the expert meeting",
                              "Closure of the session"], start=1):
        services.agenda_item_add(actor=org, meeting=meeting, number=str(n), title=text)
    return meeting


def _seed_003(org: User) -> list[Meeting]:
    out = []
    meeting = _find(T3_SESSION["title"], dt.date(2023, 11, 29))
    if meeting is None:
        meeting = services.meeting_create(
            actor=org, kind="information", status="held", conventions=["CBD"], online=True,
            organisers="Secretariat of the Convention on Biological Diversity; UNEP-WCMC",
            starts_on=dt.date(2023, 11, 29), ends_on=dt.date(2023, 11, 30), timezone="America/New_York",
            registration="session", **T3_SESSION)
        services.session_create(actor=org, meeting=meeting, title="First session (evening in New York)",
                                starts_at=dt.datetime(2023, 11, 29, 19, 0), ends_at=dt.datetime(2023, 11, 29, 20, 30),
                                timezone="America/New_York", join_url=ZOOM_1)
        services.session_create(actor=org, meeting=meeting, title="Second session (morning in New York)",
                                starts_at=dt.datetime(2023, 11, 30, 9, 0), ends_at=dt.datetime(2023, 11, 30, 10, 30),
                                timezone="America/New_York", join_url=ZOOM_2)
    _link(meeting, partnership="Target 3")
    out.append(meeting)

    title = "First meeting of the global partnership for Target 3"
    unea = _find(title, dt.date(2024, 2, 22))
    if unea is None:
        unea = services.meeting_create(
            actor=org, title=title, kind="partnership", status="held", conventions=["CBD"],
            margins_of="Sixth session of the United Nations Environment Assembly (UNEA-6)",
            organisers="Secretariat of the Convention on Biological Diversity",
            venue="United Nations Office at Nairobi", city="Nairobi", country="KE",
            starts_on=dt.date(2024, 2, 22), ends_on=dt.date(2024, 2, 23), timezone="Africa/Nairobi",
            description=("The first meeting of the global partnership to support the achievement of Target 3 of the "
                         "Kunming-Montreal Global Biodiversity Framework, on the margins of UNEA-6. Participation "
                         "in the partnership is open, inclusive and voluntary; there is no cut-off date for "
                         "joining."),
            translations={
                "fr": {"title": "Première réunion du partenariat mondial pour la cible 3"},
                "es": {"title": "Primera reunión de la alianza mundial para la meta 3"},
                "ar": {"title": "الاجتماع الأول للشراكة العالمية من أجل الهدف 3"},
                "ru": {"title": "Первое совещание глобального партнерства по целевой задаче 3"},
                "zh": {"title": "目标3全球伙伴关系第一次会议"},
            })
    _link(unea, partnership="Target 3")
    out.append(unea)
    return out


def _seed_004(org: User) -> list[Meeting]:
    title = "Fifth meeting of the Biodiversity Liaison Group"
    blg = _find(title, dt.date(2006, 9, 14))
    if blg is None:
        blg = services.meeting_create(
            actor=org, title=title, symbol="BLG-5", kind="partnership", status="held",
            conventions=["CBD", "CITES", "CMS", "RAMSAR", "WHC"],
            organisers="Ramsar Convention Secretariat (host), on behalf of the Biodiversity Liaison Group",
            venue="Ramsar Convention headquarters", city="Gland", country="CH",
            starts_on=dt.date(2006, 9, 14), ends_on=dt.date(2006, 9, 14), timezone="Europe/Zurich",
            description=("Meetings of the Biodiversity Liaison Group are hosted in rotation by one of its members. "
                         "The fifth meeting follows up the fourth (hosted by CMS, October 2005): joint activities, "
                         "harmonisation of national reporting and a joint web portal for the national reports of "
                         "the biodiversity-related conventions."),
            translations={
                "fr": {"title": "Cinquième réunion du Groupe de liaison sur la biodiversité"},
                "es": {"title": "Quinta reunión del Grupo de Enlace sobre Diversidad Biológica"},
                "ar": {"title": "الاجتماع الخامس لفريق الاتصال المعني بالتنوع البيولوجي"},
                "ru": {"title": "Пятое совещание Контактной группы по биоразнообразию"},
                "zh": {"title": "生物多样性联络小组第五次会议"},
            })

    title = "First meeting of the Heads of Agencies Task Force in Support of the Achievement of the 2010 Target"
    tf = _find(title, dt.date(2006, 9, 15))
    if tf is None:
        tf = services.meeting_create(
            actor=org, title=title, symbol="UNEP/CBD/TF.HOA/1", kind="task_force", status="held",
            conventions=["CBD", "CMS", "RAMSAR"],
            organisers="Secretariat of the Convention on Biological Diversity",
            city="Gland", country="CH", starts_on=dt.date(2006, 9, 15), ends_on=dt.date(2006, 9, 15),
            timezone="Europe/Zurich",
            description=("The first meeting of the task force set up as a subset of the global partnership on "
                         "biodiversity (decision VII/26). It reviews the agencies' activities for the 2010 target, "
                         "the opportunities to enhance their impact, the modus operandi and functions of the Task "
                         "Force, and decides on a triennial work programme."),
            translations={
                "fr": {"title": "Première réunion de l'Équipe spéciale des chefs d'organismes à l'appui de la "
                                "réalisation de l'objectif de 2010"},
                "es": {"title": "Primera reunión del Equipo de Tareas de Jefes de Organismos en apoyo del logro "
                                "de la meta de 2010"},
                "ar": {"title": "الاجتماع الأول لفرقة العمل لرؤساء الوكالات لدعم تحقيق هدف عام 2010"},
                "ru": {"title": "Первое совещание Целевой группы руководителей учреждений в поддержку "
                                "достижения целевого показателя 2010 года"},
                "zh": {"title": "支持实现2010年目标机构负责人工作队第一次会议"},
            })
        items = {}
        for n, text in enumerate([
            "Opening of the meeting", "Adoption of the agenda",
            "Overview of agencies' activities for achieving the 2010 target: positive developments and obstacles",
            "Opportunities and options for enhancing the impact of each agency's activities",
            "Modus operandi and functions of the Task Force", "Triennial work programme", "Closure of the meeting",
        ], start=1):
            items[n] = services.agenda_item_add(actor=org, meeting=tf, number=str(n), title=text)
        services.document_create(
            actor=org, meeting=tf, symbol="UNEP/CBD/TF.HOA/1/1/Add.1", title="Annotated provisional agenda",
            kind="working", agenda_item=items[2],
            translations={"fr": {"title": "Ordre du jour provisoire annoté"},
                          "es": {"title": "Programa provisional anotado"}},
            files={"en": _file("TF-HOA-1-1-Add1-en.pdf", "UNEP/CBD/TF.HOA/1/1/Add.1 - Annotated provisional agenda"),
                   "fr": _file("TF-HOA-1-1-Add1-fr.pdf", "UNEP/CBD/TF.HOA/1/1/Add.1 - Ordre du jour provisoire annote")})
        services.document_create(
            actor=org, meeting=tf, symbol="UNEP/CBD/TF.HOA/1/2",
            title="Elements of a triennial programme of work of the Task Force", kind="working",
            agenda_item=items[6],
            files={"en": _file("TF-HOA-1-2-en.pdf", "UNEP/CBD/TF.HOA/1/2 - Elements of a triennial programme of work")})
    _link(tf, task_force="Task Force")
    return [blg, tf]


def _follow_up(org: User) -> Meeting:
    """A demo meeting ahead, so that registration, the waiting list and nominations can be tried."""
    title = "Target 3 partnership: follow-up information session (demo)"
    meeting = Meeting.objects.filter(title=title).first()
    if meeting:
        return meeting
    day = (timezone.now() + dt.timedelta(days=30)).date()
    meeting = services.meeting_create(
        actor=org, title=title, kind="information", status="confirmed", conventions=["CBD"], online=True,
        organisers="Secretariat of the Convention on Biological Diversity", registration="session",
        nominations=True, starts_on=day, ends_on=day + dt.timedelta(days=1), timezone="America/New_York",
        questions=["Organisation you represent *", "Topics you would like discussed"],
        description=("A demonstration meeting: like the November 2023 information session, it is offered twice, "
                     "in the evening and in the morning in New York, so that every time zone has a convenient "
                     "session. 20 seats each; when full, you join the waiting list."),
        translations={"fr": {"title": "Partenariat pour la cible 3 : séance d'information de suivi (démo)"},
                      "es": {"title": "Alianza para la meta 3: sesión informativa de seguimiento (demo)"}})
    services.session_create(actor=org, meeting=meeting, title="Evening session (New York)",
                            starts_at=dt.datetime.combine(day, dt.time(19, 0)),
                            ends_at=dt.datetime.combine(day, dt.time(20, 30)), timezone="America/New_York",
                            join_url="https://meet.example.org/target3-evening", capacity=20)
    services.session_create(actor=org, meeting=meeting, title="Morning session (New York)",
                            starts_at=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(9, 0)),
                            ends_at=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(10, 30)),
                            timezone="America/New_York", join_url="https://meet.example.org/target3-morning",
                            capacity=20)
    _link(meeting, partnership="Target 3")
    return meeting


def load_demo(stdout=None) -> dict:
    def say(msg: str) -> None:
        if stdout is not None:
            stdout.write(msg)

    with transaction.atomic():
        org = _organiser()
        meetings = [_seed_000(org), *_seed_003(org), *_seed_004(org), _follow_up(org)]
    say(f"{len(meetings)} demo meetings (seeds 000, 003, 004 and a follow-up ahead); organiser "
        f"meetings.organiser@{DOMAIN} / {PASSWORD}")
    return {"meetings": len(meetings)}
