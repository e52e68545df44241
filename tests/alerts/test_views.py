import pytest
from django.conf import settings
from django.urls import reverse

from clearinghouse.alerts import services
from clearinghouse.alerts.models import Notice
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notices_list_marks_one_and_all_as_read(client, django_assert_max_num_queries):
    user = UserFactory()
    other = UserFactory()
    for i in range(3):
        services.notice_create(user=user, verb="test", text=f"Something happened {i}", url="/records/")
    theirs = services.notice_create(user=other, verb="test", text="Not for you")
    client.force_login(user)
    with django_assert_max_num_queries(8):
        r = client.get(reverse("alerts:list"))
    body = r.content.decode()
    assert r.status_code == 200 and "Something happened 2" in body and "Not for you" not in body
    assert '<span class="badge">3</span>' in body
    first = Notice.objects.filter(user=user).first()
    client.post(reverse("alerts:read"), {"id": first.pk})
    assert Notice.objects.filter(user=user, read_at__isnull=True).count() == 2
    client.post(reverse("alerts:read"), {"id": theirs.pk})  # someone else's: untouched
    theirs.refresh_from_db()
    assert theirs.read_at is None
    r = client.post(reverse("alerts:read"), {"next": "https://evil.example/"})
    assert r.status_code == 302 and r.url == reverse("alerts:list")
    assert not Notice.objects.filter(user=user, read_at__isnull=True).exists()


def test_notices_need_login_and_post(client):
    assert client.get(reverse("alerts:list")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("alerts:read")).status_code == 405


def test_notices_page_in_arabic(client):
    client.force_login(UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert 'dir="rtl"' in client.get(reverse("alerts:list")).content.decode()
