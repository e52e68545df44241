"""The ``user_text`` filter: user text shown with its language and direction."""

from __future__ import annotations

from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load ch %}" + source).render(Context(context))


def test_plain_text_is_escaped_and_marked_with_its_language_and_direction():
    html = render("{{ t|user_text:lang }}", t="Restauración <b>de</b> manglares", lang="es")
    assert html == ('<span lang="es" dir="auto" data-user-text>'
                    "Restauración &lt;b&gt;de&lt;/b&gt; manglares</span>")


def test_rendered_markdown_is_wrapped_in_a_block_and_kept():
    html = render('{{ t|markdown|user_text:"ar" }}', t="**مرحبا** بكم\n\n- أ")
    assert html.startswith('<div lang="ar" dir="auto" data-user-text><p><strong>مرحبا</strong>')
    assert html.endswith("</div>")


def test_unknown_or_bad_language_keeps_the_direction_but_no_lang():
    assert render("{{ t|user_text }}", t="Hello") == '<span dir="auto" data-user-text>Hello</span>'
    html = render("{{ t|user_text:lang }}", t="Hello", lang='en" onmouseover="x')
    assert html == '<span dir="auto" data-user-text>Hello</span>'


def test_empty_text_shows_nothing():
    assert render("{{ t|user_text:'fr' }}", t="") == ""
    assert render("{{ t|user_text:'fr' }}", t=None) == ""


# --- The filter is used where user text appears: each place marks the text's language and direction.

from html.parser import HTMLParser  # noqa: E402

import pytest  # noqa: E402
from django.urls import reverse  # noqa: E402

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Finder(HTMLParser):
    def __init__(self, needle: str):
        super().__init__()
        self.needle, self.stack, self.found = needle, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.needle in data:
            self.found.append(list(self.stack))


def marks(html: str, text: str) -> list[tuple[str | None, str | None]]:
    """For each place ``text`` appears: (lang, dir) of its nearest ancestor carrying ``lang``."""
    finder = _Finder(text)
    finder.feed(html)
    out = []
    for stack in finder.found:
        if any(tag == "title" for tag, _attrs in stack):
            continue  # the window title cannot carry markup
        marked = [attrs for _tag, attrs in stack if "lang" in attrs and _tag != "html"]
        out.append((marked[-1].get("lang"), marked[-1].get("dir")) if marked else (None, None))
    assert out, f"{text!r} is not on the page"
    return out


@pytest.fixture
def arabic(client):
    client.cookies["django_language"] = "ar"
    return client


SUMMARY_ES = "Las comunidades de pescadores replantan y vigilan los manglares."


@pytest.mark.django_db
def test_latest_records_on_the_arabic_home_page_mark_their_spanish_summary(arabic):
    from tests.factories import make_record

    make_record(country="CO", publish=True, title="Restauración de manglares en La Guajira",
                summary=SUMMARY_ES, language="es")
    page = arabic.get("/").content.decode()
    assert marks(page, SUMMARY_ES) == [("es", "auto")]
    assert marks(page, "Restauración de manglares en La Guajira") == [("es", "auto")]


@pytest.mark.django_db
def test_knowledge_list_and_cite_line_mark_the_record_language(arabic):
    from tests.factories import make_record

    record = make_record(country="CO", publish=True, title="Restauración de manglares en La Guajira",
                         summary=SUMMARY_ES, language="es")
    listing = arabic.get(reverse("knowledge:list")).content.decode()
    assert set(marks(listing, SUMMARY_ES)) == {("es", "auto")}
    detail = arabic.get(record.get_absolute_url()).content.decode()
    # The "Cite this record" line and the title both read left to right inside the Arabic page.
    assert set(marks(detail, "Restauración de manglares en La Guajira")) == {("es", "auto")}


@pytest.mark.django_db
def test_a_quoted_reply_in_a_forum_marks_the_quoted_language(arabic):
    from clearinghouse.forums import services
    from tests.factories import focal_point
    from tests.forums.helpers import joined, make_discussion, make_thread

    discussion = make_discussion()
    thread = make_thread(discussion)
    author, answerer = joined(focal_point("KE"), discussion), joined(focal_point("EG"), discussion)
    first = services.post_create(actor=author, thread=thread, body="India is updating its NBSAP this year.")
    services.post_create(actor=answerer, thread=thread, parent=first, body="نحن أيضا نحدث استراتيجيتنا.")
    page = arabic.get(thread.get_absolute_url()).content.decode()
    quoted = marks(page, "India is updating its NBSAP this year.")
    assert len(quoted) == 2 and all(d == "auto" and lang for lang, d in quoted), quoted


@pytest.mark.django_db
def test_workshop_wall_marks_the_arabic_titles_on_the_english_wall(client):
    from django.utils import timezone

    from clearinghouse.matchmaking import services
    from tests.factories import focal_point

    fac = focal_point("EG")
    ws = services.workshop_open(actor=fac, data={"title": "Wall", "starts_on": timezone.localdate()})
    services.need_create(actor=fac, data={"title": "تدريب على رصد الشعاب المرجانية", "description": "تدريب",
                                          "language": "ar"}, country="EG", workshop=ws)
    provider = focal_point("KE")
    services.workshop_join(actor=provider, code=ws.join_code)
    offer = services.offer_create(actor=provider, data={
        "title": "Coral reef monitoring training", "description": "Training in coral reef monitoring.",
        "language": "en", "support_text": "training"}, country="KE", workshop=ws)
    services.suggestions_refresh_for_offer(offer.pk)
    client.force_login(fac)
    page = client.get(ws.get_absolute_url()).content.decode()
    assert set(marks(page, "تدريب على رصد الشعاب المرجانية")) == {("ar", "auto")}
    table = client.get(reverse("matchmaking:workshop-table", args=[ws.pk])).content.decode()
    assert set(marks(table, "تدريب على رصد الشعاب المرجانية")) == {("ar", "auto")}
    assert set(marks(table, "Coral reef monitoring training")) == {("en", "auto")}


@pytest.mark.django_db
def test_a_forum_mail_in_french_marks_the_english_post_and_its_own_language(run_on_commit):
    import email
    from email import policy

    from django.core import mail

    from clearinghouse.forums import services
    from clearinghouse.forums.models import Watch
    from tests.factories import UserFactory, focal_point
    from tests.forums.helpers import joined, make_discussion, make_thread

    discussion = make_discussion()
    thread = make_thread(discussion)
    author = joined(focal_point("KE"), discussion)
    watcher = joined(UserFactory(preferred_language="ar"), discussion)
    services.watch_set(actor=watcher, level=Watch.Level.EMAIL, discussion=discussion)
    with run_on_commit():
        services.post_create(actor=author, thread=thread, body="Kenya integrated biosafety in its NBSAP in 2015.")
    parsed = email.message_from_bytes(mail.outbox[-1].message().as_bytes(), policy=policy.default)
    html = parsed.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    assert marks(html, "Kenya integrated biosafety in its NBSAP in 2015.") == [("en", "auto")]


def test_user_text_marks_each_field_with_the_language_it_is_shown_in():
    import pickle

    from django.template import Context, Template
    from django.utils import translation

    from clearinghouse.partnerships.models import Partnership

    p = Partnership(name="Global partnership", purpose="Brings Parties together (30x30).", language="en",
                    translations={"ar": {"name": "الشراكة العالمية"}})
    html = Template('{% load ch %}{{ p|tr:"name"|user_text:p.language }} '
                    '{% with tl=p|tr_lang:"purpose" %}{{ p|tr:"purpose"|linebreaks|user_text:tl }}{% endwith %}')
    with translation.override("ar"):
        out = html.render(Context({"p": p}))
        assert p.shown_language() == "ar" and p.tr_language("purpose") == "en"
        assert pickle.loads(pickle.dumps(p.tr("name"))).language == "ar"
    assert '<span lang="ar" dir="auto" data-user-text>الشراكة العالمية</span>' in out  # the translated name
    assert '<div lang="en" dir="auto" data-user-text><p>Brings Parties together (30x30).</p></div>' in out
