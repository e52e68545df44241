import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from clearinghouse.core.maps import MapValue, base_map_svg, country_paths, scale_class, world_map


def test_every_un_member_shape_is_there_and_the_map_is_light():
    paths = country_paths()
    assert {"ke", "br", "fr", "cn", "ru", "sa", "au", "us"} <= set(paths)
    svg = base_map_svg()
    ET.fromstring(svg)  # well-formed
    assert len(svg) < 260_000  # the package's own file is 1.1 MB


def test_a_map_references_the_shapes_and_names_each_country():
    html = world_map({"KE": MapValue("m-3", "Kenya: 4 reports", "/x/ke/"), "ZZ": MapValue("m-1", "nowhere")},
                     title="Reports", description="Countries that reported", legend=[("m-3", "Reported")])
    # Links inside: a group of links, not a picture (an image's children are hidden from screen readers).
    assert 'role="group"' in html and 'role="img"' not in html and "<title id=" in html and "<desc id=" in html
    assert '#ke" class="m-3"><title>Kenya: 4 reports</title>' in html and 'href="/x/ke/"' in html
    assert "nowhere" not in html  # unknown codes are left out, not drawn wrong
    assert "Reported" in html


def test_a_map_without_links_is_one_picture():
    html = world_map({"KE": MapValue("m-3", "Kenya: 4 reports")}, title="Reports", description="d",
                     legend=[("m-3", "Reported")])
    assert 'role="img"' in html and "<a " not in html


@pytest.mark.django_db
def test_the_shapes_are_served_with_a_long_cache(client):
    response = client.get(reverse("core:world-map"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"] and b'id="ke"' in response.content


def test_scale_classes():
    assert scale_class(0, 10) == "m-0" and scale_class(10, 10) == "m-5" and scale_class(0.1, 10) == "m-1"
