"""An issue-based module gathers one theme across conventions, from what each viewer may see."""

import pytest
from django.urls import reverse

from clearinghouse.core.models import Target, Topic
from clearinghouse.portal.models import Module
from clearinghouse.reporting.models import Mapping
from tests.decisions.factories import make_decision
from tests.factories import make_record
from tests.joint.factories import make_cycle, make_report, question

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    module = Module.objects.create(slug="invasive-alien-species", title="Invasive alien species", language="en",
                                   translations={"fr": {"title": "Espèces exotiques envahissantes"}})
    module.topics.set([Topic.objects.get(slug="invasive-species")])
    module.targets.set([Target.objects.get(framework="GBF", number=6)])
    return module


def test_the_module_gathers_decisions_questions_through_mappings_and_records(client, module,
                                                                            django_assert_max_num_queries):
    ias = make_decision(symbol="CBD decision VI/23", number="VI/23", title="Alien species that threaten ecosystems",
                        topics=[Topic.objects.get(slug="invasive-species")])
    make_decision(symbol="CITES Resolution Conf. 16.7", convention_id="CITES", number="16.7",
                  title="Non-detriment findings")  # another theme: not gathered
    cbd, ramsar = make_cycle(), make_cycle(convention="RAMSAR", code="cop15", title="Ramsar national report COP15")
    Mapping.objects.create(source=question(cbd, "pa_plan"), target=question(ramsar, "pa_plan"), relation="same")
    module.questions.set([question(cbd, "pa_plan")])
    make_report(cbd, "KE", answers={"pa_plan": "yes"})
    make_report(ramsar, "KE", answers={"pa_plan": "no"})
    make_record(publish=True, title="Eradicating rats from island seabird colonies",
                topics=["invasive-species"])
    make_record(publish=False, title="An unpublished draft on invasive species", topics=["invasive-species"])

    url = reverse("modules:detail", args=[module.slug])
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert ias.symbol in page and "16.7" not in page
    assert "Seventh national report" in page and "Ramsar national report COP15" in page  # widened by the mapping
    assert "Eradicating rats" in page and "unpublished draft" not in page
    kenya = client.get(url, {"country": "KE"}).content.decode()
    assert kenya.count("Has your country a protected-area plan?") >= 3  # two answers + two question links
    assert "Ramsar national report COP15" in kenya
    fr = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Espèces exotiques envahissantes" in fr


def test_modules_are_listed_and_unknown_ones_are_404(client, module):
    assert "Invasive alien species" in client.get(reverse("modules:list")).content.decode()
    assert client.get(reverse("modules:detail", args=["nothing"])).status_code == 404
    assert client.get(reverse("modules:detail", args=[module.slug]), {"country": "ZZ"}).status_code == 404
