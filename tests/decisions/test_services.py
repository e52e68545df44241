import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clearinghouse.decisions.models import Decision
from clearinghouse.decisions.services import decision_create, decision_update
from clearinghouse.search.models import SearchDocument
from tests.decisions.factories import make_decision
from tests.factories import focal_point, secretariat

pytestmark = pytest.mark.django_db


def test_only_the_secretariat_records_decisions():
    with pytest.raises(PermissionDenied):
        make_decision(actor=focal_point())
    assert not Decision.objects.exists()


def test_a_symbol_already_used_is_refused_by_name_and_the_first_is_kept():
    first = make_decision(symbol="CMS Resolution 8.11", convention_id="CMS", number="8.11")
    with pytest.raises(ValidationError) as exc:
        make_decision(symbol="cms resolution 8.11", convention_id="CMS", number="8.11", title="Another")
    assert "CMS Resolution 8.11" in exc.value.message_dict["symbol"][0]
    assert list(Decision.objects.values_list("title", flat=True)) == [first.title]


def test_missing_fields_and_a_bad_link_are_named():
    with pytest.raises(ValidationError) as exc:
        decision_create(actor=secretariat(), symbol="", convention_id="CBD", number="", meeting_title="x",
                        title="t", url="javascript:alert(1)", adopted_on=dt.date(2020, 1, 1))
    assert {"symbol", "number", "url"} <= set(exc.value.message_dict)


def test_a_published_decision_is_found_by_symbol_and_words(run_on_commit):
    with run_on_commit():
        decision = make_decision(symbol="CBD decision 15/13", number="15/13",
                                 title="Cooperation with other conventions")
    doc = SearchDocument.objects.get(source="decision", source_id=decision.pk)
    assert doc.public_id == "CBD decision 15/13" and "Cooperation" in doc.title
    with run_on_commit():
        decision_update(actor=secretariat(), decision=decision, status="amended")
    decision.refresh_from_db()
    assert decision.status == "amended"
