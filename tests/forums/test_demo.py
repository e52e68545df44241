import pytest

from clearinghouse.forums import demo
from clearinghouse.forums.models import Discussion, InboundMessage, Post, Synthesis

pytestmark = pytest.mark.django_db


def test_demo_runs_end_to_end_and_is_idempotent():
    demo.load_demo()
    posts = Post.objects.count()
    archived = Discussion.objects.get(slug=demo.SLUG_2014)
    assert archived.is_read_only and archived.opens_at.year == 2014
    assert Post.objects.filter(thread__discussion=archived, via="email").count() >= 4
    assert set(Post.objects.filter(thread__discussion=archived).values_list("language", flat=True)) >= {
        "en", "es", "fr", "ar", "zh"}
    assert InboundMessage.objects.filter(status="posted").count() >= 5
    synthesis = Synthesis.objects.get(discussion=archived)
    assert synthesis.status == "published" and synthesis.docx_file
    assert Discussion.objects.get(slug=demo.SLUG_OPEN).is_open
    groups = set(archived.participants.values_list("group", flat=True))
    assert {"party", "government", "organisation"} <= groups
    demo.load_demo()
    assert Post.objects.count() == posts
