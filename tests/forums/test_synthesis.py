import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from clearinghouse.forums import services
from clearinghouse.forums.models import Synthesis
from tests.factories import focal_point

from .helpers import close_now, joined, make_discussion, make_thread

pytestmark = pytest.mark.django_db

TEXTS = [
    "Kenya integrated biosafety into its national biodiversity strategy through a dedicated chapter on living modified organisms.",
    "Biosafety should be part of national development plans, not only of environmental policies.",
    "Le Mexique a intégré la biosécurité dans sa stratégie nationale de biodiversité grâce à une commission interministérielle.",
    "La falta de recursos financieros es el principal obstáculo para aplicar el Protocolo a nivel nacional.",
    "We mobilised resources from the Global Environment Facility to build laboratory capacity for detection of LMOs.",
    "National budgets rarely include a line for biosafety, so donors fund most of the work.",
]


@pytest.fixture
def closed_discussion():
    discussion = make_discussion()
    t1 = make_thread(discussion, title="Integrating biosafety into NBSAPs")
    t2 = make_thread(discussion, title="Resource mobilisation")
    people = [joined(focal_point(cc), discussion) for cc in ("KE", "MX", "PE")]
    for i, text in enumerate(TEXTS):
        services.post_create(actor=people[i % 3], thread=t1 if i < 3 else t2, body=text)
    close_now(discussion)
    return discussion


def test_moderator_drafts_edits_and_publishes(client, closed_discussion):
    discussion = closed_discussion
    moderator = discussion.moderators.first()
    synthesis = services.synthesis_start(actor=moderator, discussion=discussion)
    draft = synthesis.draft
    assert "Integrating biosafety into NBSAPs" in draft and "Resource mobilisation" in draft
    assert "| Posts | 6 |" in draft
    assert "Kenya" in draft and "Mexico" in draft  # participating countries
    assert discussion.threads.first().get_absolute_url() in draft  # key points link to posts

    client.force_login(moderator)
    url = reverse("forums:synthesis", args=[discussion.slug])
    response = client.post(url, {"draft": draft + "\n## Conclusion\n\nBiosafety belongs in NBSAPs.\n",
                                 "action": "publish"})
    assert response.status_code == 302
    synthesis.refresh_from_db()
    assert synthesis.status == Synthesis.Status.PUBLISHED and synthesis.document_symbol
    docx = client.get(reverse("forums:synthesis-document", args=[discussion.slug, "docx"]))
    from docx import Document

    doc = Document(io.BytesIO(b"".join(docx.streaming_content)))
    assert any("Biosafety belongs in NBSAPs." in p.text for p in doc.paragraphs)
    md = client.get(reverse("forums:synthesis-document", args=[discussion.slug, "md"]))
    assert b"## Conclusion" in b"".join(md.streaming_content)
    client.logout()
    page = client.get(url).content.decode()  # public once published
    assert "Biosafety belongs in NBSAPs." in page


def test_synthesis_waits_for_the_close_and_a_moderator():
    discussion = make_discussion()
    with pytest.raises(PermissionDenied):
        services.synthesis_start(actor=discussion.moderators.first(), discussion=discussion)
    close_now(discussion)
    with pytest.raises(PermissionDenied):
        services.synthesis_start(actor=focal_point(), discussion=discussion)
