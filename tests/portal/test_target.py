import pytest
from django.urls import reverse

from clearinghouse.core.models import Country, Target
from clearinghouse.reporting import services
from tests.decisions.factories import make_decision
from tests.factories import focal_point

pytestmark = pytest.mark.django_db


def test_a_target_page_shows_the_indicator_values_countries_entered_once(client, django_assert_max_num_queries):
    for code, value in (("KE", "12.7"), ("BR", "30.1")):
        fp = focal_point(code)
        services.indicator_value_set(actor=fp, country=Country.objects.get(pk=code), indicator="3.1", year=2024,
                                     value=value, unit="%", source="WDPA")
    make_decision(symbol="CBD decision 15/4", number="15/4", title="Kunming-Montreal Global Biodiversity Framework",
                  targets=[Target.objects.get(framework="GBF", number=3)])
    with django_assert_max_num_queries(20):
        page = client.get(reverse("portal:target", args=["GBF-3"])).content.decode()
    assert "Coverage of protected areas" in page and "30.1" in page and "12.7" in page
    assert '#br" class="m-5"' in page and "CBD decision 15/4" in page
    assert client.get(reverse("portal:target", args=["GBF-99"])).status_code == 404
    assert client.get(reverse("portal:target", args=["nonsense"])).status_code == 404
